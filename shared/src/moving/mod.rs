//! Moving (入住/迁出, 搬家预约, 放行条; issue 25 points 2 and 3; 002 §4.2.4.3, §4.9.4.4;
//! 000 §5.0).
//!
//! - A move-in check (`move_check`, type `move_in`) makes the register's `unit_person`
//!   link (`from` the day) and a move-out check ends it (`to`), in the same save.
//! - Furniture moves avoid the rush hours and use the service lift only, booked a day ahead
//!   (`moving_booking`): [`slots`] are the day's fixed off-peak slots of the site's
//!   settings, [`check_booking`] the lead-day and slot rule, and [`booking_id`] makes one
//!   record per building, day and slot, so two bookings of one slot made offline meet on the
//!   server, which keeps the first ([`booking::slot_taken`]).
//! - A release pass (`release_pass`) is routed to security, who mark it used at the gate
//!   (`PassStatus`, a [`crate::machine::Machine`]: [`pass::TRANSITIONS`]).

use crate::ids::RecordId;
use crate::wire_enum::wire_enum;

pub mod booking;
pub mod pass;
pub mod slots;
pub use booking::{slot_taken, unit_building, unit_fits, BookingHolder};
pub use slots::{check_booking, day_number, slots, BookingError, Slot};

/// The site's time zone, minutes ahead of UTC, in which a booking's day and the lead days
/// are counted on the server and in the app alike (China's; the reports' default).
pub const SITE_OFFSET_MIN: i64 = crate::report::answer::DEFAULT_OFFSET_MIN;

/// The namespace of booking ids ([`booking_id`]).
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x3c1d_7f0e_94a2_4b86_a5d0_6e2f_81c3_9b47);

/// The id of the booking of `building`'s service lift on `day` (`YYYY-MM-DD`) at the slot
/// starting `slot_min` minutes after midnight: derived, so two butlers booking the same
/// slot offline write the same record, and the server's rule keeps the first.
pub fn booking_id(building: &str, day: &str, slot_min: i64) -> RecordId {
    RecordId::derived(&NAMESPACE, &[building, day, &slot_min.to_string()])
}

wire_enum!(
    /// Moving in or out: a check's type, a booking's direction.
    MoveType {
        /// 入住
        MoveIn = "move_in",
        /// 迁出
        MoveOut = "move_out",
    }
);

wire_enum!(
    /// Where a lift booking stands: a cancelled booking frees its slot.
    BookingStatus {
        Booked = "booked",
        Cancelled = "cancelled",
    }
);

wire_enum!(
    /// Where a release pass stands: issued by the butler, used at the gate (security),
    /// or void.
    PassStatus {
        Issued = "issued",
        Used = "used",
        Void = "void",
    }
);

#[cfg(test)]
mod tests;
