//! The patrol and quality figures: area-days with their full rounds, buildings within the
//! cycle, supervisors' working days with their checks (DOMAIN duty 4).

use super::{Counts, Filter};
use crate::patrol::Purpose;
use crate::report::facts::Facts;
use crate::report::period::{is_working_day, Period, DAY_MS};
use crate::{RecordId, Role};
use std::collections::BTreeSet;

/// The areas a patrol figure looks at: the filter's area, the butler's area, or every area
/// with a building.
fn areas(facts: &Facts, filter: &Filter) -> Vec<RecordId> {
    if let Some(a) = &filter.area {
        return vec![a.clone()];
    }
    if let Some(b) = &filter.butler {
        return facts
            .staff
            .iter()
            .filter(|(id, _, _)| id == b)
            .filter_map(|(_, _, a)| a.clone())
            .collect();
    }
    let set: BTreeSet<RecordId> = facts.buildings.iter().filter_map(|(_, a)| a.clone()).collect();
    set.into_iter().collect()
}

/// Numerator: one entry per area-day that met the setting; denominator: one entry per
/// area-day over by `now`, or met already; each entry the area's id.
pub(super) fn patrol_days(facts: &Facts, p: &Period, filter: &Filter, now: i64) -> Counts {
    let per_day = facts.settings.patrol_rounds_per_day.max(1) as usize;
    let (mut num, mut den) = (Vec::new(), Vec::new());
    for area in areas(facts, filter) {
        for day in p.days_begun(now) {
            let full: Vec<RecordId> = facts
                .rounds
                .iter()
                .filter(|r| r.full && r.area.as_ref() == Some(&area))
                .filter(|r| r.ended_at.is_some_and(|e| (day..day + DAY_MS).contains(&e)))
                .map(|r| r.id.clone())
                .collect();
            let met = full.len() >= per_day;
            if met || day + DAY_MS <= now {
                den.push(area.clone());
            }
            if met {
                num.push(area.clone());
            }
        }
    }
    (num, den)
}

pub(super) fn patrol_cycle(facts: &Facts, p: &Period, filter: &Filter, now: i64) -> Counts {
    let at = p.end.min(now);
    let since = at - facts.settings.patrol_cycle_days.max(1) * DAY_MS;
    let areas = areas(facts, filter);
    let (mut num, mut den) = (Vec::new(), Vec::new());
    for (b, a) in &facts.buildings {
        if !a.as_ref().is_some_and(|a| areas.contains(a)) {
            continue;
        }
        den.push(b.clone());
        let seen = facts.rounds.iter().any(|r| {
            r.purpose == Purpose::Patrol
                && r.buildings.contains(b)
                && r.started_at.is_some_and(|s| s >= since && s < at)
        });
        if seen {
            num.push(b.clone());
        }
    }
    (num, den)
}

/// One entry per supervisor working day that is over: the supervisor's id.
pub(super) fn quality_checks(facts: &Facts, p: &Period, filter: &Filter, now: i64) -> Counts {
    let per_day = facts.settings.quality_checks_per_day.max(1) as usize;
    let (mut num, mut den) = (Vec::new(), Vec::new());
    let supervisors =
        facts.staff_of(Role::Supervisor).filter(|s| filter.butler.as_ref().is_none_or(|b| b == *s));
    for sup in supervisors {
        for day in p.days_begun(now) {
            if day + DAY_MS > now || !is_working_day(day, p.offset_min) {
                continue;
            }
            let checks = facts
                .rounds
                .iter()
                .filter(|r| r.purpose == Purpose::Quality && r.by.as_ref() == Some(sup))
                .filter(|r| filter.area.is_none() || r.area == filter.area)
                .filter(|r| r.started_at.is_some_and(|s| (day..day + DAY_MS).contains(&s)))
                .count();
            den.push(sup.clone());
            if checks >= per_day {
                num.push(sup.clone());
            }
        }
    }
    (num, den)
}

#[cfg(test)]
#[path = "patrol_tests.rs"]
mod tests;
