//! Whole-record rules on a winning write: what one field alone cannot tell — a
//! cancellation's reason, a complaint's loop, closing with a result, a closed request's
//! fields frozen until reopened, a call-back's attempt, a department's done time (only with
//! the done move), a published checklist,
//! who wrote a history record, whose a quality check's answers are, who confirms a handover
//! (`frontdesk::check_confirm`), and what number a new
//! request may take. Each reads the [`BatchView`] (the record as stored and as the batch
//! leaves it) and the pusher's number blocks; each refusal has its own [`RejectCode`].
//!
//! The app's forms call the same functions these rules call (`request::complaint`,
//! `request::closing`,
//! `request::callback`, `request::number`, `patrol::published`), so they never offer what
//! the server refuses.

use super::view::BatchView;
use super::Pusher;
use crate::lww::FieldState;
use crate::names::{field, kind};
use crate::patrol::{Purpose, ANSWER, ITEM, OPTION, ROUND, SECTION};
use crate::refusal::{Refusal, RejectCode};
use crate::request::closing::{self, CloseBlocker};
use crate::request::{callback, complaint, number, RequestStatus};
use crate::role::Role;
use crate::ReplicaState;
use crate::{Change, Kind};
use serde_json::Value;

fn set(stored: Option<&FieldState>) -> bool {
    stored.is_some_and(|s| !s.value.is_null())
}

fn blank(v: Option<&Value>) -> bool {
    v.and_then(Value::as_str).is_none_or(|s| s.trim().is_empty())
}

/// The whole-record rules of `change` (already merged as a winner over `stored`).
pub(super) fn check(
    pusher: Pusher<'_>,
    view: &BatchView,
    stored: Option<&FieldState>,
    change: &Change,
) -> Result<(), Refusal> {
    let (k, id, name) = (change.kind.as_str(), &change.id, change.field.as_str());
    let after = view.after.record(&Kind::new(k), id);
    let after_field = |n: &str| after.and_then(|f| f.get(n)).map(|s| &s.value);
    let refuse = |code, msg: &str| Err(Refusal::new(code, msg));
    let status = |s: &ReplicaState| {
        let f = s.field(&Kind::new(kind::REQUEST), id, field::STATUS);
        f.and_then(|f| f.value.as_str()).and_then(RequestStatus::parse)
    };
    let same = stored.is_some_and(|s| s.value == change.value);
    if k == kind::REQUEST
        && !same
        && closing::frozen(status(&view.before), status(&view.after), name)
    {
        return refuse(RejectCode::RequestClosed, "a closed request is read-only until reopened");
    }
    match (k, name) {
        (kind::REQUEST, field::STATUS) => {
            let from = stored.and_then(|s| s.value.as_str()).and_then(RequestStatus::parse);
            let to = change.value.as_str().and_then(RequestStatus::parse);
            if to == from {
                return Ok(());
            }
            match to {
                Some(next) if next.needs_reason() && blank(after_field(field::CANCEL_REASON)) => {
                    refuse(RejectCode::ReasonRequired, "a cancellation needs its cancel_reason")
                }
                Some(RequestStatus::Done) => match after.and_then(complaint::record_blocker) {
                    Some(b) => refuse(RejectCode::ComplaintOpen, b.message()),
                    None => Ok(()),
                },
                Some(RequestStatus::Closed) => {
                    match after.and_then(closing::record_close_blocker) {
                        Some(b @ CloseBlocker::ResultRequired) => {
                            refuse(RejectCode::ResultRequired, b.message())
                        }
                        Some(b) => refuse(RejectCode::ComplaintOpen, b.message()),
                        None => Ok(()),
                    }
                }
                Some(RequestStatus::CalledBack)
                    if from == Some(RequestStatus::Done)
                        && !callback::has_attempt(&view.after, id) =>
                {
                    refuse(RejectCode::AttemptRequired, "called_back needs its call-back attempt")
                }
                _ => Ok(()),
            }
        }
        (kind::REQUEST, field::CANCEL_REASON)
            if blank(Some(&change.value))
                && after_field(field::STATUS).and_then(Value::as_str)
                    == Some(RequestStatus::Cancelled.as_str()) =>
        {
            refuse(RejectCode::ReasonRequired, "a cancelled request keeps its cancel_reason")
        }
        // Department staff record when their work was done, with the done move only.
        (kind::REQUEST, field::DONE_AT)
            if pusher.role == Role::Department
                && (change.value.is_null()
                    || after_field(field::STATUS).and_then(Value::as_str)
                        != Some(RequestStatus::Done.as_str())) =>
        {
            refuse(RejectCode::Forbidden, "department staff set done_at with the done move")
        }
        (kind::REQUEST, field::NUMBER) if !set(stored) => match change.value.as_str() {
            Some(n) if !number::drawn_by(n, pusher.replica.as_str(), pusher.blocks) => refuse(
                RejectCode::BadNumber,
                "a new request's number comes from this device's number blocks",
            ),
            _ => Ok(()),
        },
        // History is what happened: an event, once written, never changes.
        (kind::REQUEST_EVENT, _)
            if set(stored) && stored.is_some_and(|s| s.value != change.value) =>
        {
            refuse(RejectCode::Forbidden, "a history event cannot change once written")
        }
        (kind::REQUEST_COMMENT | kind::CALLBACK, _) => {
            let by = view.before.field(&Kind::new(k), id, field::BY).and_then(|s| s.value.as_str());
            let mine = pusher.staff.is_some_and(|me| Some(me.as_str()) == by);
            if by.is_some() && !mine && !pusher.role.is_office() {
                return refuse(RejectCode::Forbidden, "only its author or the office edits it");
            }
            Ok(())
        }
        (ANSWER, _) => {
            let round =
                after_field(field::ROUND).and_then(Value::as_str).map(crate::RecordId::from);
            let purpose =
                round.and_then(|r| view.after.field(&Kind::new(ROUND), &r, field::PURPOSE));
            let purpose = purpose.and_then(|p| p.value.as_str()).and_then(Purpose::parse);
            if purpose.is_some_and(|p| !p.answered_by(pusher.role)) {
                return refuse(
                    RejectCode::Forbidden,
                    "a quality check's answers are the supervisor's",
                );
            }
            Ok(())
        }
        (SECTION | ITEM | OPTION, _) => {
            let rows = view.rows();
            match rows.published_in(k, id) {
                Some(v) if !rows.retires(k, id, name, &change.value, v) => refuse(
                    RejectCode::Published,
                    "a published checklist row is retired and copied, never changed",
                ),
                _ => Ok(()),
            }
        }
        // A handover is confirmed by the incoming person: the pusher, not its author (as
        // stored; a new handover is the pusher's own).
        (kind::HANDOVER, field::CONFIRMED_BY) if !change.value.is_null() => {
            let by = view.before.field(&Kind::new(k), id, field::BY);
            let author = by.and_then(|s| s.value.as_str()).map(crate::RecordId::from);
            let named = crate::RecordId::from(change.value.as_str().unwrap_or_default());
            crate::frontdesk::confirm_refusal(pusher.staff, author.as_ref(), &named)
        }
        // A link placed by its unit and person: clearing either is deleting it.
        (kind::UNIT_PERSON, field::UNIT | field::PERSON)
            if change.value.is_null() && set(stored) && !pusher.role.is_office() =>
        {
            refuse(
                RejectCode::Forbidden,
                "clearing a link's unit or person deletes it: office only",
            )
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
