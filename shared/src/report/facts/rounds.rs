//! The rounds of a replica as the patrol figures read them.

use super::RoundFact;
use crate::names::{field, kind};
use crate::patrol::walk::{self, Spot};
use crate::patrol::Purpose;
use crate::replica::ReplicaState;
use crate::request::deadline::Settings;
use crate::RecordId;
use std::collections::{BTreeSet, HashMap};

/// The live rounds of `state` with the buildings they answered something in, and whether
/// each patrol round is full ([`walk::RoundWalk::is_full`] against its area's spots). One
/// pass over the answers, and each area's spots listed once.
pub(super) fn rounds_of(state: &ReplicaState, settings: &Settings) -> Vec<RoundFact> {
    let by_floor = settings.patrol_by_floor == 1;
    let mut answered: HashMap<RecordId, (Vec<RecordId>, BTreeSet<Spot>)> = HashMap::new();
    for (_, f) in state.records_of(kind::PATROL_ANSWER).filter(|(_, f)| !f.is_deleted()) {
        let (Some(r), Some(building)) = (f.reference(field::ROUND), f.reference(field::BUILDING))
        else {
            continue;
        };
        let floor = f.int(field::FLOOR);
        let (buildings, spots) = answered.entry(r).or_default();
        if !by_floor || floor.is_some() {
            spots.insert(Spot { building: building.clone(), floor: floor.filter(|_| by_floor) });
        }
        if !buildings.contains(&building) {
            buildings.push(building);
        }
    }
    let mut area_spots: HashMap<RecordId, Vec<(Spot, String)>> = HashMap::new();
    let mut out = Vec::new();
    for (id, f) in state.records_of(kind::PATROL_ROUND).filter(|(_, f)| !f.is_deleted()) {
        let ended_at = f.int(field::ENDED_AT);
        let purpose = f.parsed(field::PURPOSE, Purpose::parse).unwrap_or(Purpose::Patrol);
        let area = f.reference(field::AREA);
        let (buildings, spots) = answered.remove(id).unwrap_or_default();
        let full = ended_at.is_some()
            && purpose == Purpose::Patrol
            && area.as_ref().is_some_and(|a| {
                let all = area_spots
                    .entry(a.clone())
                    .or_insert_with(|| walk::spots_of(state, a, by_floor));
                walk::walk(all, spots).is_full()
            });
        out.push(RoundFact {
            id: id.clone(),
            purpose,
            area,
            by: f.reference(field::BY),
            started_at: f.int(field::STARTED_AT),
            ended_at,
            full,
            score: f.int(field::SCORE),
            buildings,
        });
    }
    out
}
