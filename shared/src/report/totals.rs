//! Daily work totals per person (每日工作量统计, DOMAIN duty 10): for a day, or any
//! [`Period`], what each staff member did, counted from the records they are named on.
//!
//! Laws:
//! - Each count is of records whose time lies in the period and whose author is the
//!   person: requests taken (`created_by`, at `created_at`; a deleted one was never
//!   taken, a cancelled one was), dispatches (routing events by them), requests done
//!   (status events to `done` by them: a request reopened and done again counts twice, it
//!   was worked twice), call-backs made (every attempt, reached or not), patrol rounds
//!   ended (full and partial apart), quality checks ended, and photos taken.
//! - Every live butler has a row, even with nothing done (a day with no work shows);
//!   anyone else has one only when something was counted for them, and so does an author
//!   no longer on staff (their work still counts).
//! - Rows follow the staff list's order; authors not on staff come last, by id.

use super::facts::Facts;
use super::period::Period;
use crate::patrol::Purpose;
use crate::request::history::EventType;
use crate::request::RequestStatus;
use crate::{RecordId, Role};
use std::collections::BTreeMap;

/// What one person did in the period.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonTotals {
    pub staff: RecordId,
    /// Requests they took (首问).
    pub taken: u32,
    /// Requests they dispatched (派单).
    pub dispatched: u32,
    /// Requests they set done.
    pub done: u32,
    /// Call-back attempts they made.
    pub callbacks: u32,
    /// Patrol rounds they ended that walked the whole area.
    pub rounds_full: u32,
    /// Patrol rounds they ended that did not.
    pub rounds_partial: u32,
    /// Quality checks they ended (supervisors).
    pub checks: u32,
    /// Photos they took.
    pub photos: u32,
}

impl PersonTotals {
    /// Nothing counted yet for `staff`.
    pub fn of(staff: RecordId) -> PersonTotals {
        let (taken, dispatched, done, callbacks) = (0, 0, 0, 0);
        let (rounds_full, rounds_partial, checks, photos) = (0, 0, 0, 0);
        PersonTotals {
            staff,
            taken,
            dispatched,
            done,
            callbacks,
            rounds_full,
            rounds_partial,
            checks,
            photos,
        }
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        *self == PersonTotals::of(self.staff.clone())
    }

    /// Patrol rounds ended, full or not.
    pub fn rounds(&self) -> u32 {
        self.rounds_full + self.rounds_partial
    }
}

/// The totals of everyone for `period` (see the module's laws).
pub fn totals(facts: &Facts, period: &Period) -> Vec<PersonTotals> {
    let mut by: BTreeMap<RecordId, PersonTotals> = BTreeMap::new();
    let mut count = |who: &Option<RecordId>, at: Option<i64>, add: fn(&mut PersonTotals)| {
        if let (Some(who), true) = (who, period.holds(at)) {
            add(by.entry(who.clone()).or_insert_with(|| PersonTotals::of(who.clone())));
        }
    };
    for r in facts.requests.iter().filter(|r| !r.deleted) {
        count(&r.created_by, r.created_at, |t| t.taken += 1);
    }
    let done = RequestStatus::Done.as_str();
    for e in &facts.events {
        match e.kind {
            EventType::Routed => count(&e.by, e.at, |t| t.dispatched += 1),
            EventType::Status if e.to == done => count(&e.by, e.at, |t| t.done += 1),
            _ => {}
        }
    }
    for c in &facts.callbacks {
        count(&c.by, c.at, |t| t.callbacks += 1);
    }
    for r in &facts.rounds {
        match (r.purpose, r.full) {
            (Purpose::Patrol, true) => count(&r.by, r.ended_at, |t| t.rounds_full += 1),
            (Purpose::Patrol, false) => count(&r.by, r.ended_at, |t| t.rounds_partial += 1),
            (Purpose::Quality, _) => count(&r.by, r.ended_at, |t| t.checks += 1),
        }
    }
    for p in &facts.photos {
        count(&p.by, p.at, |t| t.photos += 1);
    }
    let mut out = Vec::new();
    for (id, role, _) in &facts.staff {
        match by.remove(id) {
            Some(row) => out.push(row),
            None if *role == Role::Butler => out.push(PersonTotals::of(id.clone())),
            None => {}
        }
    }
    out.extend(by.into_values());
    out
}

/// The column sums of `rows` (the sheet's last line), under an empty staff id.
pub fn sum(rows: &[PersonTotals]) -> PersonTotals {
    let mut s = PersonTotals::of(RecordId(String::new()));
    for r in rows {
        s.taken += r.taken;
        s.dispatched += r.dispatched;
        s.done += r.done;
        s.callbacks += r.callbacks;
        s.rounds_full += r.rounds_full;
        s.rounds_partial += r.rounds_partial;
        s.checks += r.checks;
        s.photos += r.photos;
    }
    s
}

#[cfg(test)]
#[path = "totals_tests.rs"]
mod tests;
