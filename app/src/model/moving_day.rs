//! The moves of My day (002 §4.9.4.4: a move is booked a day ahead so the butler can be at
//! the lift and security at the gate): the lift bookings that stand for today and the next
//! [`AHEAD_DAYS`] days, and the release passes valid today that have not gone through the gate yet. Both read
//! the replica, so each role sees its own scope's: a butler their area's, the office the
//! site's, security the passes routed to it.

use super::moving::{bookings, BookingRow};
use super::pass::{passes, PassRow};
use crate::register::form::ms_to_date;
use shared::moving::{BookingStatus, PassStatus, SITE_OFFSET_MIN};
use shared::report::period::DAY_MS;
use shared::ReplicaState;

/// How many days after today My day looks ahead for bookings: enough to warn the building's
/// neighbours and security before a move.
pub const AHEAD_DAYS: i64 = 2;

/// What My day lists of moving at a moment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayMoves {
    /// Booked (not cancelled) for today or the next [`AHEAD_DAYS`] days, in the site's
    /// zone, by day and slot.
    pub bookings: Vec<BookingRow>,
    /// Issued for today, not used or void, the latest made first.
    pub passes: Vec<PassRow>,
}

/// The day's moves at `now_ms` (the server-corrected time).
pub fn day_moves(state: &ReplicaState, now_ms: i64) -> DayMoves {
    let today = ms_to_date(now_ms, SITE_OFFSET_MIN);
    let last = ms_to_date(now_ms + AHEAD_DAYS * DAY_MS, SITE_OFFSET_MIN);
    // `YYYY-MM-DD` sorts as the days do.
    let soon =
        |b: &BookingRow| b.status == Some(BookingStatus::Booked) && b.day >= today && b.day <= last;
    let open = |p: &PassRow| p.status == Some(PassStatus::Issued) && p.valid_day == today;
    DayMoves {
        bookings: bookings(state).into_iter().filter(soon).collect(),
        passes: passes(state).into_iter().filter(open).collect(),
    }
}
