//! Whole-record rules on a winning write: what one field alone cannot tell — a
//! cancellation's reason, a complaint's loop, closing with a result, a closed request's
//! fields frozen until reopened, a call-back's attempt, a department's done time (only with
//! the done move), a published checklist,
//! who wrote a history record, whose a quality check's answers are, who confirms a handover
//! (`frontdesk::check_confirm`), who waives a paid service (`service::may_waive`), whether
//! keys were in custody when signed out (`keys::sign_out_blocker`), whether a booking's unit
//! is in its building (`moving::unit_fits`) and a survey answer's unit in the survey's area
//! (`survey::answer_refusal`), and what number a new
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
use crate::moving;
use crate::names::{field, kind};
use crate::patrol::{Purpose, ANSWER, ITEM, OPTION, ROUND, SECTION};
use crate::refusal::{Refusal, RejectCode};
use crate::request::closing::{self, CloseBlocker};
use crate::request::deadline::{Settings, SETTINGS_ID};
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
        (kind::MOVING_BOOKING, field::STATUS | field::DAY | field::SLOT | field::BUILDING) => {
            booking(view, change)
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
        // issue 25: services — the waiver is the office's; payment after consent, complete;
        // keys out in one pair of hands at a time, returned after they went out.
        (kind::SERVICE_ORDER, field::PAY_STATE)
            if !same
                && change.value.as_str() == Some(crate::service::PayState::Waived.as_str())
                && !crate::service::may_waive(pusher.role) =>
        {
            refuse(RejectCode::Forbidden, "only the office waives a paid service's charge")
        }
        (kind::SERVICE_ORDER, _) => match after.and_then(crate::service::payment_blocker) {
            Some(b @ crate::service::Blocker::ConsentMissing) => {
                refuse(RejectCode::ConsentRequired, b.message())
            }
            Some(b) => refuse(RejectCode::PaymentIncomplete, b.message()),
            None => Ok(()),
        },
        (kind::KEY_MOVEMENT, field::OUT_AT | field::RETURNED_AT)
            if after.is_some_and(crate::keys::returned_before_out) =>
        {
            refuse(RejectCode::BadValue, "keys are returned after they went out")
        }
        // A sign-out, or a return taken back: the keys must have been in custody.
        (kind::KEY_MOVEMENT, field::OUT_AT) if !same => key_sign_out(view, change),
        (kind::KEY_MOVEMENT, field::RETURNED_AT) if !same && change.value.is_null() => {
            key_sign_out(view, change)
        }
        // Every field of an answer: nothing of a misplaced answer is stored.
        (kind::SURVEY_ANSWER, _) => survey_answer(view, change),
        _ => Ok(()),
    }
}

/// The lift-slot rule (`moving::slot_taken`), judged before the merge: every change of a
/// batch booking a slot that another unit's live booking holds is refused, and every change
/// of a batch booking it for a unit that does not stand in the booking's building
/// (`moving::unit_fits`): nothing of either is stored.
pub(super) fn slot(view: &BatchView, change: &Change) -> Result<(), Refusal> {
    if change.kind.as_str() != kind::MOVING_BOOKING {
        return Ok(());
    }
    let k = Kind::new(kind::MOVING_BOOKING);
    let holder = moving::BookingHolder::of(view.before.record(&k, &change.id));
    let unit = view.pushed.field(&k, &change.id, field::UNIT);
    let unit = unit.and_then(|u| u.value.as_str()).map(crate::RecordId::from);
    if moving::slot_taken(&holder, unit.as_ref()) {
        return Err(Refusal::new(
            RejectCode::SlotTaken,
            "this lift slot was taken by another booking; pick another slot",
        ));
    }
    let building = view.after.field(&k, &change.id, field::BUILDING);
    let building = building.and_then(|b| b.value.as_str()).map(crate::RecordId::from);
    match (unit, building) {
        (Some(unit), Some(building))
            if !moving::unit_fits(view.after.record(&Kind::new(kind::UNIT), &unit), &building) =>
        {
            let msg = "a booking's unit stands in the booking's building";
            Err(Refusal::new(RejectCode::BadValue, msg))
        }
        _ => Ok(()),
    }
}

/// A booking made or restored (`status` booked, or a new booking's day or slot) must be
/// the lead days ahead of the change's own time and on one of the day's slots
/// (`moving::check_booking`, the site's settings as the batch view holds them).
fn booking(view: &BatchView, change: &Change) -> Result<(), Refusal> {
    let k = Kind::new(kind::MOVING_BOOKING);
    let Some(after) = view.after.record(&k, &change.id) else { return Ok(()) };
    let status = after.parsed(field::STATUS, moving::BookingStatus::parse);
    if status != Some(moving::BookingStatus::Booked) {
        return Ok(());
    }
    let (Some(day), Some(slot)) = (after.text(field::DAY), after.int(field::SLOT)) else {
        return Ok(());
    };
    let building = after.reference(field::BUILDING).map(|b| b.to_string()).unwrap_or_default();
    if moving::booking_id(&building, day, slot) != change.id {
        let msg = "a booking's id is its building's, day's and slot's (moving::booking_id)";
        return Err(Refusal::new(RejectCode::BadValue, msg));
    }
    let settings =
        view.before.record(&Kind::new(kind::SETTINGS), &crate::RecordId::from(SETTINGS_ID));
    let settings = Settings::from_fields(settings);
    let now = change.hlc.millis() as i64;
    moving::check_booking(&settings, day, slot, now, moving::SITE_OFFSET_MIN)
        .map_err(|e| Refusal::new(RejectCode::BadValue, e.message()))
}

/// A sign-out of keys (`keys::sign_out_blocker`) as the batch leaves the movement, against
/// the deposit and every sign-out of it the view holds (stored and in the batch).
fn key_sign_out(view: &BatchView, change: &Change) -> Result<(), Refusal> {
    use crate::keys::{sign_out_blocker, Deposit, Movement};
    let moves = Kind::new(kind::KEY_MOVEMENT);
    // The due time plays no part in whether two sign-outs overlap.
    let read = |id: &crate::RecordId, f| Movement::read(id, f, 1);
    let Some(me) = view.after.record(&moves, &change.id).and_then(|f| read(&change.id, f)) else {
        return Ok(());
    };
    let deposit = view.after.record(&Kind::new(kind::KEY_DEPOSIT), &me.deposit);
    let Some(deposit) = deposit.and_then(|f| Deposit::read(&me.deposit, f)) else {
        return Ok(());
    };
    let all: Vec<Movement> =
        view.after.records_of(kind::KEY_MOVEMENT).filter_map(|(id, f)| read(id, f)).collect();
    match sign_out_blocker(&deposit, &all, &me.id, me.out_at, me.returned_at) {
        Some(b) => Err(Refusal::new(RejectCode::KeysOut, b.message())),
        None => Ok(()),
    }
}

/// A household's answer (`survey::answer_refusal`): its id, and its unit in the survey's
/// area (the unit's building's area, as the view holds them).
fn survey_answer(view: &BatchView, change: &Change) -> Result<(), Refusal> {
    let after = view.after.record(&Kind::new(kind::SURVEY_ANSWER), &change.id);
    let (Some(survey), Some(unit)) = (
        after.and_then(|f| f.reference(field::SURVEY)),
        after.and_then(|f| f.reference(field::UNIT)),
    ) else {
        return Ok(());
    };
    let reference = |k: &str, id: &crate::RecordId, f: &str| {
        view.after.record(&Kind::new(k), id).and_then(|r| r.reference(f))
    };
    let survey_area = reference(kind::SURVEY, &survey, field::AREA);
    let building = reference(kind::UNIT, &unit, field::BUILDING);
    let unit_area = building.and_then(|b| reference(kind::BUILDING, &b, field::AREA));
    let refused = crate::survey::answer_refusal(
        &change.id,
        &survey,
        &unit,
        survey_area.as_ref(),
        unit_area.as_ref(),
    );
    refused.map_or(Ok(()), |msg| Err(Refusal::new(RejectCode::BadValue, msg)))
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
