//! What one patrol round walked of its area, and what a walk looks at in a building (DOMAIN
//! duty 4: "at least one full round a day").
//!
//! Laws:
//! - A round walked a spot (a building, or a floor of it when the site counts floors —
//!   [`Settings::patrol_by_floor`]) when one of its answers names that spot, whatever the
//!   answer (pass, fail or not applicable).
//! - A **full round** is a patrol round that walked every spot of its area: every building,
//!   or every floor of every building when the site counts floors. A round of one building,
//!   or a walk broken off after some buildings, is not a full round of an area that has more;
//!   what it did not walk is listed, by name, for its report.
//! - The renovation and vacant-unit sections of a checklist look at the units of the building
//!   that the register says are being renovated or are empty ([`units_to_look_at`]).

use super::{Covers, ANSWER, ROUND};
use crate::ids::{Kind, RecordId};
use crate::names::{field, kind};
use crate::register::UnitState;
use crate::replica::ReplicaState;
use crate::request::deadline::Settings;
use std::collections::BTreeSet;

/// One part of an area the cycle counts: a building, or a floor of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Spot {
    pub building: RecordId,
    /// `None` when coverage counts buildings.
    pub floor: Option<i64>,
}

/// The spots of `area` as the replica holds its buildings: each building, or each of its
/// floors (basements as negative floors; no floor 0).
pub fn spots_of(state: &ReplicaState, area: &RecordId, by_floor: bool) -> Vec<(Spot, String)> {
    let mut out = Vec::new();
    for (id, f) in state.records_of(kind::BUILDING) {
        if f.is_deleted() || f.text(field::AREA) != Some(area.as_str()) {
            continue;
        }
        let name = f.text(field::NAME).unwrap_or_default().to_owned();
        if !by_floor {
            out.push((Spot { building: id.clone(), floor: None }, name));
            continue;
        }
        let (above, below) =
            (f.int(field::FLOORS_ABOVE).unwrap_or(1), f.int(field::FLOORS_BELOW).unwrap_or(0));
        for floor in (-below..=above.max(1)).filter(|f| *f != 0) {
            out.push((Spot { building: id.clone(), floor: Some(floor) }, name.clone()));
        }
    }
    out
}

/// A round's walk against its area's spots.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoundWalk {
    /// The spots of the area it walked, in the area's order.
    pub walked: Vec<Spot>,
    /// The spots of the area it did not walk, with the building's name, in the area's order.
    pub missed: Vec<(Spot, String)>,
}

impl RoundWalk {
    /// A full round: it walked every spot of its area (an area without buildings has nothing
    /// to miss).
    pub fn is_full(&self) -> bool {
        self.missed.is_empty()
    }
}

/// The walk of a round over `spots` (the area's, with their names, as
/// [`spots_of`] lists them) given the spots its answers name.
pub fn walk(spots: &[(Spot, String)], answered: impl IntoIterator<Item = Spot>) -> RoundWalk {
    let answered: BTreeSet<Spot> = answered.into_iter().collect();
    let mut out = RoundWalk::default();
    for (spot, name) in spots {
        if answered.contains(spot) {
            out.walked.push(spot.clone());
        } else {
            out.missed.push((spot.clone(), name.clone()));
        }
    }
    out
}

/// The spots the live answers of `round` name (by floor: only answers that name a floor).
pub fn answered_spots(state: &ReplicaState, round: &RecordId, by_floor: bool) -> Vec<Spot> {
    state
        .records_of(ANSWER)
        .filter(|(_, f)| !f.is_deleted() && f.text(field::ROUND) == Some(round.as_str()))
        .filter_map(|(_, f)| {
            let building = RecordId::from(f.text(field::BUILDING)?);
            let floor = if by_floor { Some(f.int(field::FLOOR)?) } else { None };
            Some(Spot { building, floor })
        })
        .collect()
}

/// The walk of patrol round `round` against its area as the replica holds it; `None` for a
/// round that is not here or has no area.
pub fn round_walk(
    state: &ReplicaState,
    round: &RecordId,
    settings: &Settings,
) -> Option<RoundWalk> {
    let f = state.record(&Kind::new(ROUND), round).filter(|f| !f.is_deleted())?;
    let area = RecordId::from(f.text(field::AREA)?);
    let by_floor = settings.patrol_by_floor == 1;
    let spots = spots_of(state, &area, by_floor);
    Some(walk(&spots, answered_spots(state, round, by_floor)))
}

impl Covers {
    /// The state of the units a section covering this looks at: renovation sites are the
    /// units being renovated, vacant-unit checks the empty ones; other sections look at the
    /// building as a whole.
    pub fn unit_state(self) -> Option<UnitState> {
        match self {
            Covers::Renovation => Some(UnitState::Renovating),
            Covers::Vacant => Some(UnitState::Vacant),
            Covers::Common | Covers::Service => None,
        }
    }
}

/// The live units of `building` (on `floor`, when given) whose register state is the one a
/// section that `covers` looks at: `(id, number)`, by floor then number. Empty for a section
/// that looks at the building as a whole.
pub fn units_to_look_at(
    state: &ReplicaState,
    building: &RecordId,
    floor: Option<i64>,
    covers: Covers,
) -> Vec<(RecordId, String)> {
    let Some(wanted) = covers.unit_state() else { return Vec::new() };
    let mut out: Vec<(i64, String, RecordId)> = state
        .records_of(kind::UNIT)
        .filter(|(_, f)| !f.is_deleted() && f.text(field::BUILDING) == Some(building.as_str()))
        .filter(|(_, f)| f.text(field::STATE).and_then(UnitState::parse) == Some(wanted))
        .filter(|(_, f)| floor.is_none_or(|fl| f.int(field::FLOOR) == Some(fl)))
        .map(|(id, f)| {
            let floor = f.int(field::FLOOR).unwrap_or(0);
            (floor, f.text(field::NUMBER).unwrap_or_default().to_owned(), id.clone())
        })
        .collect();
    out.sort();
    out.into_iter().map(|(_, number, id)| (id, number)).collect()
}

#[cfg(test)]
#[path = "walk_tests.rs"]
mod tests;
