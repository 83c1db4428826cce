//! Coverage (DOMAIN duty 4): "at least one round a day; every building — or every floor, a
//! setting — patrolled at least every 5 days". The numbers are the site's settings
//! ([`Settings::patrol_rounds_per_day`], [`Settings::patrol_cycle_days`],
//! [`Settings::patrol_by_floor`]).
//!
//! Laws:
//! - A spot (building, or floor of a building) was patrolled when an answer of a round names
//!   it; its last patrol is its latest answer's `at`. By floor, an answer counts only for
//!   the floor it names.
//! - A spot is overdue (red) when it was never patrolled or its last patrol is more than the
//!   cycle ago; it is due today when it will be overdue before the day ends.
//! - Suggestions are the overdue spots, the longest neglected first, then those due today.
//! - The day's rounds are the *full* patrol rounds started that day (every spot of the area
//!   walked, [`super::walk`]); a round that walked only part of the area is counted apart
//!   (`partial_today`) and never makes the day's rounds.

use super::{ANSWER, ROUND};
use crate::ids::{Kind, RecordId};
use crate::names::field;
use crate::replica::ReplicaState;
use crate::request::deadline::Settings;
// A spot and an area's spots are the walk's words (`super::walk`); coverage counts them.
pub use super::walk::{spots_of, Spot};

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// A spot's coverage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpotCoverage {
    pub spot: Spot,
    /// The building's name, for the view.
    pub name: String,
    /// The last answer naming it.
    pub last: Option<i64>,
    /// When it turns red (last patrol plus the cycle); `None`: never patrolled.
    pub due: Option<i64>,
    /// Red: never patrolled, or last patrolled longer ago than the cycle.
    pub overdue: bool,
    /// It turns red before the day ends (or already is).
    pub due_today: bool,
}

/// An area's coverage at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AreaCoverage {
    /// Every spot, in building name then floor order.
    pub spots: Vec<SpotCoverage>,
    /// Full patrol rounds started today in the area (every spot walked, [`super::walk`]).
    pub rounds_today: usize,
    /// Patrol rounds started today that walked only part of the area: not counted as rounds.
    pub partial_today: usize,
    /// Rounds the day needs (the setting).
    pub rounds_needed: usize,
}

impl AreaCoverage {
    /// Spots to cover today: overdue first (never patrolled, then the oldest), then due today.
    pub fn suggestions(&self) -> Vec<&SpotCoverage> {
        let mut out: Vec<&SpotCoverage> = self.spots.iter().filter(|s| s.due_today).collect();
        out.sort_by_key(|s| (!s.overdue, s.last.unwrap_or(i64::MIN), s.spot.clone()));
        out
    }

    /// How many spots are red.
    pub fn overdue(&self) -> usize {
        self.spots.iter().filter(|s| s.overdue).count()
    }

    /// Whether today's rounds are made.
    pub fn rounds_met(&self) -> bool {
        self.rounds_today >= self.rounds_needed
    }
}

/// Coverage of `spots` (with their names) from `(spot, at)` answers and the area's rounds —
/// `(start time, full round)` — at `now`, for a day that started at `day_start` (local
/// midnight).
pub fn coverage(
    spots: Vec<(Spot, String)>,
    answers: impl IntoIterator<Item = (Spot, i64)>,
    rounds: impl IntoIterator<Item = (i64, bool)>,
    settings: &Settings,
    now: i64,
    day_start: i64,
) -> AreaCoverage {
    let mut last: std::collections::BTreeMap<Spot, i64> = Default::default();
    for (spot, at) in answers {
        let e = last.entry(spot).or_insert(at);
        *e = (*e).max(at);
    }
    let cycle = settings.patrol_cycle_days.max(1) * DAY_MS;
    let day_end = day_start + DAY_MS;
    let mut out: Vec<SpotCoverage> = spots
        .into_iter()
        .map(|(spot, name)| {
            let last = last.get(&spot).copied();
            let due = last.map(|l| l + cycle);
            SpotCoverage {
                overdue: due.is_none_or(|d| now > d),
                due_today: due.is_none_or(|d| d < day_end),
                spot,
                name,
                last,
                due,
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.name, &a.spot).cmp(&(&b.name, &b.spot)));
    let today: Vec<bool> = rounds
        .into_iter()
        .filter(|&(t, _)| t >= day_start && t < day_end)
        .map(|(_, full)| full)
        .collect();
    AreaCoverage {
        spots: out,
        rounds_today: today.iter().filter(|&&full| full).count(),
        partial_today: today.iter().filter(|&&full| !full).count(),
        rounds_needed: settings.patrol_rounds_per_day.max(0) as usize,
    }
}

/// The coverage of `area` from what the replica holds: its buildings, the answers of
/// patrol rounds naming them, and the rounds of the area started today.
pub fn area_coverage(
    state: &ReplicaState,
    area: &RecordId,
    settings: &Settings,
    now: i64,
    day_start: i64,
) -> AreaCoverage {
    let by_floor = settings.patrol_by_floor == 1;
    let spots = spots_of(state, area, by_floor);
    let full = |round: &RecordId| {
        super::walk::walk(&spots, super::walk::answered_spots(state, round, by_floor)).is_full()
    };
    let round_kind = Kind::new(ROUND);
    let patrol_round = |id: &str| {
        state.record(&round_kind, &RecordId::from(id)).is_some_and(|f| {
            !f.is_deleted()
                && f.text(field::PURPOSE).is_none_or(|p| p == super::Purpose::Patrol.as_str())
        })
    };
    let answers = state.records_of(ANSWER).filter(|(_, f)| !f.is_deleted()).filter_map(|(_, f)| {
        let round = f.text(field::ROUND)?;
        if !patrol_round(round) {
            return None;
        }
        let building = RecordId::from(f.text(field::BUILDING)?);
        let floor = if by_floor { Some(f.int(field::FLOOR)?) } else { None };
        Some((Spot { building, floor }, f.int(field::AT)?))
    });
    let rounds = state
        .records_of(ROUND)
        .filter(|(_, f)| !f.is_deleted() && f.text(field::AREA) == Some(area.as_str()))
        .filter(|(_, f)| {
            f.text(field::PURPOSE).is_none_or(|p| p == super::Purpose::Patrol.as_str())
        })
        .filter_map(|(id, f)| Some((f.int(field::STARTED_AT)?, full(id))))
        .collect::<Vec<_>>();
    coverage(spots, answers, rounds, settings, now, day_start)
}

#[cfg(test)]
#[path = "coverage_tests.rs"]
mod tests;
