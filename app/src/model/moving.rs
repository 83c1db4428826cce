//! The lift bookings (搬家预约) → edits and lists: one save each, offline. A booking's id is
//! the slot's (`shared::moving::booking_id`), so the form refuses a slot this device knows
//! is held by another unit (`slot_taken`), and the server refuses a second booking it did
//! not know of (`slot_taken`): that refusal's notices keep what the butler typed
//! ([`refused_bookings`]), to book another slot with it.

use super::flow::Actor;
use crate::sync::{FieldEdit, Notice};
use serde_json::{json, Value};
use shared::moving::{
    booking_id, check_booking, slot_taken, unit_building, BookingError, BookingHolder,
    BookingStatus, MoveType, SITE_OFFSET_MIN,
};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::deadline::Settings;
use shared::schema::MAX_TEXT_CHARS;
use shared::{Kind, RecordId, RejectCode};

/// What the booking form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookingForm {
    pub unit: Option<RecordId>,
    /// `YYYY-MM-DD`.
    pub day: String,
    /// The slot's start, minutes after midnight.
    pub slot: Option<i64>,
    pub direction: Option<MoveType>,
    pub goods: String,
    pub note: String,
}

/// Why a booking cannot be saved (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingFormError {
    UnitRequired,
    SlotRequired,
    DirectionRequired,
    TooLong,
    Rule(BookingError),
    /// Another unit's live booking holds the slot (as this device knows).
    Taken,
}

/// The building of `unit` in `state`: the booking's building, as the judge checks it
/// (`moving::unit_fits`).
pub fn building_of(state: &ReplicaState, unit: &RecordId) -> Option<RecordId> {
    unit_building(state.record(&Kind::new(kind::UNIT), unit))
}

/// The booking's id and edits, checked by the rules the server keeps: the lead days and
/// slot at the corrected clock (`actor.at`), and the slot free as this device knows it.
pub fn booking_edits(
    state: &ReplicaState,
    settings: &Settings,
    form: &BookingForm,
    actor: &Actor,
) -> Result<(RecordId, Vec<FieldEdit>), BookingFormError> {
    let unit = form.unit.as_ref().filter(|u| u.is_valid()).ok_or(BookingFormError::UnitRequired)?;
    let building = building_of(state, unit).ok_or(BookingFormError::UnitRequired)?;
    let slot = form.slot.ok_or(BookingFormError::SlotRequired)?;
    let direction = form.direction.ok_or(BookingFormError::DirectionRequired)?;
    let day = form.day.trim();
    check_booking(settings, day, slot, actor.at, SITE_OFFSET_MIN)
        .map_err(BookingFormError::Rule)?;
    let (goods, note) = (form.goods.trim(), form.note.trim());
    if goods.chars().count() > MAX_TEXT_CHARS || note.chars().count() > MAX_TEXT_CHARS {
        return Err(BookingFormError::TooLong);
    }
    let id = booking_id(building.as_str(), day, slot);
    let stored = state.record(&Kind::new(kind::MOVING_BOOKING), &id);
    if slot_taken(&BookingHolder::of(stored), Some(unit)) {
        return Err(BookingFormError::Taken);
    }
    let text = |s: &str| if s.is_empty() { Value::Null } else { json!(s) };
    let b = |f: &str, v: Value| FieldEdit::new(kind::MOVING_BOOKING, &id, f, v);
    let edits = vec![
        b(field::BUILDING, json!(building)),
        b(field::DAY, json!(day)),
        b(field::SLOT, json!(slot)),
        b(field::UNIT, json!(unit)),
        b(field::DIRECTION, json!(direction)),
        b(field::GOODS, text(goods)),
        b(field::NOTE, text(note)),
        b(field::STATUS, json!(BookingStatus::Booked)),
        b(field::CREATED_AT, json!(actor.at)),
        b(field::CREATED_BY, json!(actor.staff)),
    ];
    Ok((id, edits))
}

/// Cancelling a booking: its slot is free again.
pub fn cancel_edits(id: &RecordId) -> Vec<FieldEdit> {
    vec![FieldEdit::new(kind::MOVING_BOOKING, id, field::STATUS, json!(BookingStatus::Cancelled))]
}

/// One booking as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct BookingRow {
    pub id: RecordId,
    pub building: Option<RecordId>,
    pub unit: Option<RecordId>,
    pub day: String,
    pub slot: i64,
    pub direction: Option<MoveType>,
    pub goods: String,
    pub status: Option<BookingStatus>,
}

/// Every booking of the replica (its scope: the area's), by day, slot and building.
pub fn bookings(state: &ReplicaState) -> Vec<BookingRow> {
    let mut out: Vec<BookingRow> = state
        .records_of(kind::MOVING_BOOKING)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, f)| BookingRow {
            id: id.clone(),
            building: f.reference(field::BUILDING),
            unit: f.reference(field::UNIT),
            day: f.string(field::DAY),
            slot: f.int(field::SLOT).unwrap_or_default(),
            direction: f.parsed(field::DIRECTION, MoveType::parse),
            goods: f.string(field::GOODS),
            status: f.parsed(field::STATUS, BookingStatus::parse),
        })
        .collect();
    out.sort_by(|a, b| (&a.day, a.slot, &a.building).cmp(&(&b.day, b.slot, &b.building)));
    out
}

/// A booking the server refused because its slot was taken, as the butler had typed it
/// (the refused values kept in the notices), with the notices to acknowledge once it is
/// booked again.
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedBooking {
    pub id: RecordId,
    pub notices: Vec<String>,
    pub form: BookingForm,
}

/// The refused bookings among `notices` (code `slot_taken`), one per booking record.
pub fn refused_bookings(notices: &[Notice]) -> Vec<RefusedBooking> {
    let mut out: Vec<RefusedBooking> = Vec::new();
    let taken = notices
        .iter()
        .filter(|n| n.code == RejectCode::SlotTaken && n.kind.as_str() == kind::MOVING_BOOKING);
    for n in taken {
        let i = match out.iter().position(|r| r.id == n.record) {
            Some(i) => i,
            None => {
                let form = BookingForm::default();
                out.push(RefusedBooking { id: n.record.clone(), notices: vec![], form });
                out.len() - 1
            }
        };
        let r = &mut out[i];
        r.notices.push(n.id.clone());
        let text = n.value.as_str().unwrap_or_default().to_owned();
        match n.field.as_str() {
            field::UNIT => r.form.unit = Some(RecordId::from(text.as_str())),
            field::DAY => r.form.day = text,
            field::SLOT => r.form.slot = n.value.as_i64(),
            field::DIRECTION => r.form.direction = MoveType::parse(&text),
            field::GOODS => r.form.goods = text,
            field::NOTE => r.form.note = text,
            _ => {}
        }
    }
    out
}

/// A unit as people name it: its building's name and its number ("3号楼 1-0302").
pub fn unit_label(state: &ReplicaState, unit: &RecordId) -> String {
    let Some(u) = state.record(&Kind::new(kind::UNIT), unit) else { return String::new() };
    let building = u
        .reference(field::BUILDING)
        .and_then(|b| state.record(&Kind::new(kind::BUILDING), &b).map(|b| b.string(field::NAME)));
    format!("{} {}", building.unwrap_or_default(), u.string(field::NUMBER)).trim().to_owned()
}

/// Every live unit of the replica with its label, by label: the unit picker.
pub fn unit_choices(state: &ReplicaState) -> Vec<(RecordId, String)> {
    let mut out: Vec<(RecordId, String)> = state
        .records_of(kind::UNIT)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, _)| (id.clone(), unit_label(state, id)))
        .collect();
    out.sort_by(|a, b| crate::register::natural_cmp(&a.1, &b.1));
    out
}

/// The first day a move may be booked at `now_ms` (`YYYY-MM-DD`, the site's zone).
pub fn first_day(settings: &Settings, now_ms: i64) -> String {
    let ms = now_ms + settings.moving_lead_days * shared::report::period::DAY_MS;
    crate::register::form::ms_to_date(ms, SITE_OFFSET_MIN)
}

/// Whether `day` (`YYYY-MM-DD`) is before today's day at `now_ms`: a past booking.
pub fn is_past(day: &str, now_ms: i64) -> bool {
    day < crate::register::form::ms_to_date(now_ms, SITE_OFFSET_MIN).as_str()
}
