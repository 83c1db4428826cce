//! The weekly summary to the supervisor (周报, DOMAIN duties 2 and 10): requests received
//! and done by type, call-backs made and their coverage, the overdue and stuck requests at
//! the week's end, the follow-ups of unfinished requests, and the patrol.
//!
//! Laws:
//! - Received: requests whose `created_at` is in the week; done: requests whose work is
//!   finished now and was last done in the week (a reopened request is done when it is
//!   done again). Cancelled and deleted requests count in neither.
//! - The week's figures are [`super::kpis`] over the week: the same numbers as the
//!   dashboard's for that week.
//! - Overdue: requests received before the week's end (or now, for the current week) and
//!   not answered by then ([`RequestFact::answered_by`]), past their due time then. Stuck:
//!   overdue with no event for [`Settings::stuck_h`] before then
//!   ([`Settings::is_stuck`]), the request's creation counting as its first event.
//! - Follow-ups: the daily reviews of unfinished requests (跟进) and the residents told of
//!   progress, by their events in the week.

use super::facts::{Facts, RequestFact};
use super::kpi::{kpis, Figure, Filter};
use super::period::Period;
use crate::patrol::Purpose;
use crate::request::history::EventType;
use crate::request::{CallbackResult, Category, Satisfaction};
use crate::RecordId;
use std::collections::HashMap;

/// Requests of one type received and done in the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TypeCount {
    pub category: Category,
    pub received: u32,
    pub done: u32,
}

/// The call-back attempts made in the week.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallbackCounts {
    pub made: u32,
    /// Those that reached the resident.
    pub reached: u32,
    pub satisfied: u32,
    pub neutral: u32,
    pub dissatisfied: u32,
}

/// The weekly summary.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Weekly {
    pub period: Period,
    /// Every type, in [`Category::ALL`] order.
    pub by_type: Vec<TypeCount>,
    pub callbacks: CallbackCounts,
    pub figures: Vec<Figure>,
    /// Overdue at the week's end, the longest overdue first.
    pub overdue: Vec<RecordId>,
    /// Those of `overdue` that were stuck.
    pub stuck: Vec<RecordId>,
    /// Daily-review entries on unfinished requests.
    pub reviews: u32,
    /// Residents told of progress.
    pub progress_told: u32,
    pub rounds_full: u32,
    pub rounds_partial: u32,
    pub checks: u32,
}

/// The weekly summary of `period` (normally a week) at `now`, of the requests `filter`
/// takes.
pub fn weekly(facts: &Facts, period: &Period, filter: &Filter, now: i64) -> Weekly {
    let live = || facts.requests.iter().filter(|r| !r.withdrawn() && filter.takes(r));
    let by_type = Category::ALL
        .iter()
        .map(|&c| TypeCount {
            category: c,
            received: live().filter(|r| r.category == c && period.holds(r.created_at)).count()
                as u32,
            done: live()
                .filter(|r| r.category == c && r.status.is_finished() && period.holds(r.done_at))
                .count() as u32,
        })
        .collect();
    let taken = |i: Option<usize>| i.is_some_and(|i| filter.takes(&facts.requests[i]));
    let mut callbacks = CallbackCounts::default();
    for c in facts.callbacks.iter().filter(|c| period.holds(c.at) && taken(c.request)) {
        callbacks.made += 1;
        if c.result == Some(CallbackResult::Reached) {
            callbacks.reached += 1;
            match c.satisfaction {
                Some(Satisfaction::Satisfied) => callbacks.satisfied += 1,
                Some(Satisfaction::Neutral) => callbacks.neutral += 1,
                Some(Satisfaction::Dissatisfied) => callbacks.dissatisfied += 1,
                None => {}
            }
        }
    }
    let (overdue, stuck) = late(facts, filter, period.end.min(now));
    let events = |k: EventType| {
        let n = facts.events.iter().filter(|e| e.kind == k && period.holds(e.at));
        n.filter(|e| taken(e.request)).count() as u32
    };
    let ended = |p: Purpose, full: Option<bool>| {
        let rounds = facts.rounds.iter().filter(|r| r.purpose == p && period.holds(r.ended_at));
        let rounds = rounds.filter(|r| filter.area.is_none() || r.area == filter.area);
        let rounds = rounds.filter(|r| filter.butler.is_none() || r.by == filter.butler);
        rounds.filter(|r| full.is_none_or(|f| r.full == f)).count() as u32
    };
    Weekly {
        period: *period,
        by_type,
        callbacks,
        figures: kpis(facts, period, filter, now),
        overdue,
        stuck,
        reviews: events(EventType::Review),
        progress_told: events(EventType::ProgressTold),
        rounds_full: ended(Purpose::Patrol, Some(true)),
        rounds_partial: ended(Purpose::Patrol, Some(false)),
        checks: ended(Purpose::Quality, None),
    }
}

/// The requests overdue at `at`, the longest overdue first, and those of them stuck.
fn late(facts: &Facts, filter: &Filter, at: i64) -> (Vec<RecordId>, Vec<RecordId>) {
    let mut last: HashMap<usize, i64> = HashMap::new();
    for e in &facts.events {
        if let (Some(i), Some(t)) = (e.request, e.at) {
            if t < at {
                let l = last.entry(i).or_insert(t);
                *l = (*l).max(t);
            }
        }
    }
    let open = |r: &&RequestFact| {
        !r.withdrawn()
            && filter.takes(r)
            && r.created_at.is_some_and(|c| c < at)
            && !r.answered_by(at)
            && r.due_at.is_some_and(|d| d < at)
    };
    let mut overdue: Vec<(i64, usize)> = facts
        .requests
        .iter()
        .enumerate()
        .filter(|(_, r)| open(r))
        .filter_map(|(i, r)| Some((r.due_at?, i)))
        .collect();
    overdue.sort();
    let stuck = overdue
        .iter()
        .filter(|(due, i)| {
            let r = &facts.requests[*i];
            let moved = last.get(i).copied().into_iter().chain(r.created_at).max().unwrap_or(0);
            facts.settings.is_stuck(*due, moved, at)
        })
        .map(|(_, i)| facts.requests[*i].id.clone())
        .collect();
    let overdue = overdue.into_iter().map(|(_, i)| facts.requests[i].id.clone()).collect();
    (overdue, stuck)
}

#[cfg(test)]
#[path = "weekly_tests.rs"]
mod tests;
