//! The lift-slot race: two butlers book one slot offline; the booking id is derived from
//! building, day and slot ([`super::booking_id`]), so both write the same record, and the
//! server keeps the first unit that reaches it.

use super::BookingStatus;
use crate::fields::Fields;
use crate::ids::RecordId;

/// Who holds a slot as stored: its unit, and whether the booking is live.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BookingHolder {
    pub unit: Option<RecordId>,
    /// Not cancelled and not deleted.
    pub live: bool,
}

impl BookingHolder {
    /// The holder of the stored booking `fields` (none stored: nobody).
    pub fn of(fields: Option<&Fields>) -> Self {
        let Some(f) = fields else { return Self::default() };
        let cancelled = f.parsed(crate::names::field::STATUS, BookingStatus::parse)
            == Some(BookingStatus::Cancelled);
        BookingHolder {
            unit: f.reference(crate::names::field::UNIT),
            live: !cancelled && !f.is_deleted(),
        }
    }
}

/// Whether a batch booking the slot for `unit` (the unit the batch writes; `None` when it
/// writes none, an edit of the booking as it is) finds it taken: the stored booking is
/// live and held by another unit. Every change of such a batch to the booking is refused
/// (`RejectCode::SlotTaken`), whether it would win the merge or not, so that the second
/// butler always hears of it; a cancelled booking frees the slot.
pub fn slot_taken(stored: &BookingHolder, unit: Option<&RecordId>) -> bool {
    match (&stored.unit, unit) {
        (Some(held), Some(mine)) => stored.live && held != mine,
        _ => false,
    }
}

/// The building of a unit record: a booking's building is its unit's (the app books from
/// the unit; the judge refuses a booking whose unit is in another building).
pub fn unit_building(unit: Option<&Fields>) -> Option<RecordId> {
    unit.filter(|u| !u.is_deleted())?.reference(crate::names::field::BUILDING)
}

/// Whether `unit` (its record) stands in `building`.
pub fn unit_fits(unit: Option<&Fields>, building: &RecordId) -> bool {
    unit_building(unit).as_ref() == Some(building)
}
