//! Supervisors' quality checks (品质检查, DOMAIN duty 4: at least twice per working day,
//! 002 §5.1.2), listed by supervisor and day with their scores.
//!
//! A quality check is a round whose purpose is `quality` (`model::patrol`), made with a
//! quality checklist and scored when it ends. Laws:
//! - A day counts the checks a supervisor *started* that local day, ended or not; its average
//!   is over the ended, scored ones only.
//! - A working day (Monday to Friday) with fewer checks than the setting is short; a weekend
//!   day is listed but never short. Today is short only once it is over — until then it
//!   says how many are still to do.

use super::patrol::RoundView;
use shared::names::{field, kind};
use shared::patrol::Purpose;
use shared::report::period::{day_start, is_working_day, DAY_MS};
use shared::{RecordId, Role};

/// One supervisor's checks of one day.
#[derive(Debug, Clone, PartialEq)]
pub struct QualityDay {
    pub supervisor: RecordId,
    /// The start of the local day (ms).
    pub day: i64,
    /// The checks started that day, earliest first.
    pub checks: Vec<RoundView>,
    /// The average score of the ended, scored checks.
    pub average: Option<i64>,
    /// Fewer checks than the setting on a working day that is over.
    pub short: bool,
    /// Checks still to do today (0 on other days).
    pub to_do: usize,
}

/// The staff whose role is supervisor: listed every day, so a day without checks shows.
pub fn supervisors(state: &shared::replica::ReplicaState) -> Vec<RecordId> {
    state
        .records_of(kind::STAFF)
        .filter(|(_, f)| !f.is_deleted() && f.text(field::ROLE) == Some(Role::Supervisor.as_str()))
        .map(|(id, _)| id.clone())
        .collect()
}

/// The quality checks of the last `days` local days up to `now`, by supervisor and day
/// (newest day first, then by supervisor). `supervisors` are listed even on days without a
/// check, so a missing check shows as a short day rather than as nothing.
pub fn quality_days(
    rounds: &[RoundView],
    supervisors: &[RecordId],
    per_day: usize,
    now: i64,
    offset_min: i64,
    days: i64,
) -> Vec<QualityDay> {
    let today = day_start(now, offset_min);
    let mut out = Vec::new();
    for back in 0..days.max(1) {
        let day = today - back * DAY_MS;
        let mut who: Vec<RecordId> = supervisors.to_vec();
        for r in rounds.iter().filter(|r| r.purpose == Purpose::Quality) {
            let started = r.started_at.unwrap_or(i64::MIN);
            if (day..day + DAY_MS).contains(&started) {
                if let Some(by) = &r.by {
                    if !who.contains(by) {
                        who.push(by.clone());
                    }
                }
            }
        }
        for supervisor in who {
            let mut checks: Vec<RoundView> = rounds
                .iter()
                .filter(|r| r.purpose == Purpose::Quality && r.by.as_ref() == Some(&supervisor))
                .filter(|r| r.started_at.is_some_and(|s| (day..day + DAY_MS).contains(&s)))
                .cloned()
                .collect();
            checks.sort_by_key(|r| r.started_at);
            let scored: Vec<i64> =
                checks.iter().filter(|r| r.ended_at.is_some()).filter_map(|r| r.score).collect();
            let average = (!scored.is_empty())
                .then(|| (scored.iter().sum::<i64>() as f64 / scored.len() as f64).round() as i64);
            let working = is_working_day(day, offset_min);
            let over = day < today;
            let missing = per_day.saturating_sub(checks.len());
            out.push(QualityDay {
                short: working && over && missing > 0,
                to_do: if working && !over { missing } else { 0 },
                supervisor,
                day,
                checks,
                average,
            });
        }
    }
    out
}

#[cfg(test)]
#[path = "quality_tests.rs"]
mod tests;
