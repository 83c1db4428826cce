//! The records a batch's whole-record rules read ([`super::record`]), before and after the
//! batch: a device sends a cancellation and its reason, or a new request's every field, in
//! one batch and in any order, so a rule reads the record as the batch leaves it.
//!
//! Only changes that pass the checks before the merge ([`super::admit`]: schema, replica,
//! who may write the kind and the field) are merged into `after`: a field the pusher may not
//! write (a department's `reply` sent with its `done`) never satisfies a rule. What a rule
//! must not take from the batch — who wrote a record, whether a checklist row is published —
//! it reads from `before`.

use super::{admit, Pusher};
use crate::names::{field, kind};
use crate::patrol::published::Rows;
use crate::patrol::{ANSWER, ITEM, OPTION, ROUND, SECTION};
use crate::replica::ReplicaState;
use crate::request::deadline::SETTINGS_ID;
use crate::request::RequestStatus;
use crate::{Change, Kind, RecordId};
use std::collections::BTreeSet;

/// The records the rules of one batch read.
#[derive(Debug, Clone, Default)]
pub struct BatchView {
    /// As stored when the batch began (the server: what it fetched; [`wanted`] says what).
    pub before: ReplicaState,
    /// `before` with the batch's admissible changes merged.
    pub after: ReplicaState,
    /// The batch's admissible changes alone: what the pusher means, win or lose (the unit a
    /// lift booking is for, `record::slot`).
    pub pushed: ReplicaState,
}

impl BatchView {
    /// The view of `batch` pushed by `pusher` over the stored records `before`.
    pub fn new(before: ReplicaState, pusher: Pusher<'_>, batch: &[Change]) -> Self {
        let mut after = before.clone();
        let mut pushed = ReplicaState::new();
        for c in batch.iter().filter(|c| {
            let restated = pusher.recovery.is_some_and(|r| r.restates(c));
            admit(pusher, c, restated).is_ok()
        }) {
            after.apply(c);
            pushed.apply(c);
        }
        BatchView { before, after, pushed }
    }

    /// The checklist rows as the rules read them.
    pub fn rows(&self) -> Rows<'_> {
        Rows { before: &self.before, after: &self.after }
    }
}

/// What the rules of a batch read that `view` may not hold yet: whole records, and the
/// history records (`callback`, `request_event`) of requests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    pub records: BTreeSet<(&'static str, RecordId)>,
    /// Requests whose call-backs and events are read (a move to `called_back`).
    pub history_of: BTreeSet<RecordId>,
    /// Requests of which only the stored `status` is read: whether an edit of a field is an
    /// edit of a closed request (`request::closing::frozen`).
    pub status_of: BTreeSet<RecordId>,
    /// `(kind, parent)`: every record of `kind` whose parent is `parent` (a deposit's key
    /// movements: were its keys out?).
    pub children: BTreeSet<(&'static str, RecordId)>,
}

impl Wanted {
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
            && self.history_of.is_empty()
            && self.status_of.is_empty()
            && self.children.is_empty()
    }
}

/// Whether a move to `to` has a rule that reads the whole request (to cancelled, done,
/// called_back or closed).
fn status_reads_record(to: Option<RequestStatus>) -> bool {
    use RequestStatus::{CalledBack, Closed, Done};
    to.is_some_and(|to| to.needs_reason() || matches!(to, Done | CalledBack | Closed))
}

/// Whether the rules of `c` read any record: a status move that has a rule (to cancelled,
/// done, called_back or closed), a `done_at`, any other field of a request (its stored
/// status: is it closed?), any field of a comment, call-back, answer or checklist row. The
/// server builds no view for a batch with none of these.
pub fn reads_records(c: &Change) -> bool {
    match (c.kind.as_str(), c.field.as_str()) {
        (kind::REQUEST, field::STATUS) => {
            status_reads_record(c.value.as_str().and_then(RequestStatus::parse))
        }
        (kind::REQUEST, _) => true,
        (kind::REQUEST_COMMENT | kind::CALLBACK | ANSWER | SECTION | ITEM | OPTION, _) => true,
        // issue 25: services
        (kind::SERVICE_ORDER, _) | (kind::KEY_MOVEMENT, field::OUT_AT | field::RETURNED_AT) => true,
        (kind::MOVING_BOOKING, _) => true,
        (kind::SURVEY_ANSWER, _) => true,
        (kind::HANDOVER, field::CONFIRMED_BY) => true,
        _ => false,
    }
}

/// What judging `batch` reads, given what `view` holds so far: the server fetches it into
/// `before`, rebuilds the view and asks again until nothing new is wanted (a checklist
/// option leads to its item, section and template). Only the kinds and fields whose rules
/// read a record are named: most batches want nothing.
pub fn wanted(view: &BatchView, batch: &[Change]) -> Wanted {
    let mut out = Wanted::default();
    for c in batch.iter().filter(|c| c.id.is_valid() && reads_records(c)) {
        let Some(k) = crate::schema::kind(c.kind.as_str()) else { continue };
        let own = (k.name, c.id.clone());
        match (k.name, c.field.as_str()) {
            (kind::REQUEST, field::STATUS) => {
                out.records.insert(own);
                if c.value.as_str() == Some(RequestStatus::CalledBack.as_str()) {
                    out.history_of.insert(c.id.clone());
                }
            }
            (kind::REQUEST, field::DONE_AT) => {
                out.records.insert(own);
            }
            (kind::REQUEST, field::CANCEL_REASON)
                if c.value.as_str().is_none_or(|r| r.trim().is_empty()) =>
            {
                out.records.insert(own);
            }
            (kind::REQUEST, _) => {
                out.status_of.insert(c.id.clone());
            }
            (kind::REQUEST_COMMENT | kind::CALLBACK | kind::HANDOVER, _) => {
                out.records.insert(own);
            }
            // issue 25: services
            (kind::SERVICE_ORDER, _) => {
                out.records.insert(own);
            }
            // The movement, its deposit and the deposit's every movement.
            (kind::KEY_MOVEMENT, _) => {
                out.records.insert(own);
                let deposit =
                    view.after.field(&Kind::new(kind::KEY_MOVEMENT), &c.id, field::KEY_DEPOSIT);
                let deposit = deposit.and_then(|d| d.value.as_str()).map(RecordId::from);
                if let Some(d) = deposit.filter(RecordId::is_valid) {
                    out.records.insert((kind::KEY_DEPOSIT, d.clone()));
                    out.children.insert((kind::KEY_MOVEMENT, d));
                }
            }
            // The answer, its survey (its area), its unit and the unit's building (its area).
            (kind::SURVEY_ANSWER, _) => {
                out.records.insert(own);
                let of = |k: &str, id: &RecordId, f: &str| {
                    let v = view.after.field(&Kind::new(k), id, f);
                    v.and_then(|v| v.value.as_str()).map(RecordId::from).filter(RecordId::is_valid)
                };
                let survey = of(kind::SURVEY_ANSWER, &c.id, field::SURVEY);
                out.records.extend(survey.map(|s| (kind::SURVEY, s)));
                if let Some(unit) = of(kind::SURVEY_ANSWER, &c.id, field::UNIT) {
                    let building = of(kind::UNIT, &unit, field::BUILDING);
                    out.records.insert((kind::UNIT, unit));
                    out.records.extend(building.map(|b| (kind::BUILDING, b)));
                }
            }
            (ANSWER, _) => {
                out.records.insert(own);
                let round = view.after.field(&Kind::new(ANSWER), &c.id, field::ROUND);
                let round = round.and_then(|r| r.value.as_str()).map(RecordId::from);
                out.records.extend(round.filter(RecordId::is_valid).map(|r| (ROUND, r)));
            }
            // The booking as stored (who holds the slot), the settings (its slots) and its
            // unit (its building).
            (kind::MOVING_BOOKING, _) => {
                out.records.insert(own);
                out.records.insert((kind::SETTINGS, RecordId::from(SETTINGS_ID)));
                let unit = view.after.field(&Kind::new(kind::MOVING_BOOKING), &c.id, field::UNIT);
                let unit = unit.and_then(|u| u.value.as_str()).map(RecordId::from);
                out.records.extend(unit.filter(RecordId::is_valid).map(|u| (kind::UNIT, u)));
            }
            (k @ (SECTION | ITEM | OPTION), _) => {
                out.records.insert(own);
                out.records.extend(view.rows().leads_to(k, &c.id));
            }
            _ => {}
        }
    }
    out
}
