//! The service lift's slots of a day and the booking rule (002 §4.2.4.3: moves avoid the
//! rush hours; §4.9.4.4: the owner books a day ahead).

use crate::calendar::{civil_from_days, days_from_civil};
use crate::report::period::DAY_MS;
use crate::request::deadline::Settings;

/// One slot of the day, in minutes after local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start_min: i64,
    pub end_min: i64,
}

impl Slot {
    /// `09:00–11:00`.
    pub fn label(self) -> String {
        let hm = |m: i64| format!("{:02}:{:02}", m / 60, m % 60);
        format!("{}–{}", hm(self.start_min), hm(self.end_min))
    }
}

/// The day's slots: from the first hour for moving, one slot length each, none overlapping
/// a peak (a slot that would is moved to the peak's end) and none ending after the last
/// hour. Defaults: 09–11, 11–13, 13–15, 15–17, 19–21.
pub fn slots(s: &Settings) -> Vec<Slot> {
    let len = s.moving_slot_h.max(1) * 60;
    let peaks = [
        (s.moving_peak1_start_h * 60, s.moving_peak1_end_h * 60),
        (s.moving_peak2_start_h * 60, s.moving_peak2_end_h * 60),
    ];
    let (mut at, last) = (s.moving_first_h * 60, s.moving_last_h * 60);
    let mut out = Vec::new();
    while at + len <= last {
        let hit = peaks.iter().find(|(a, b)| a < b && at < *b && *a < at + len);
        match hit {
            Some((_, end)) => at = *end,
            None => {
                out.push(Slot { start_min: at, end_min: at + len });
                at += len;
            }
        }
    }
    out
}

/// `YYYY-MM-DD` → days since 1970-01-01; `None` for anything else.
pub fn day_number(day: &str) -> Option<i64> {
    let b = day.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| day.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    let days = days_from_civil(y, m, d);
    ((1..=12).contains(&m) && civil_from_days(days) == (y, m, d)).then_some(days)
}

/// Why a booking is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingError {
    /// The day is not a `YYYY-MM-DD` date.
    BadDay,
    /// Fewer than `moving_lead_days` days ahead of today.
    TooSoon,
    /// The slot is not one of [`slots`] (in a peak, or off the grid).
    NotASlot,
}

impl BookingError {
    pub fn message(self) -> &'static str {
        match self {
            BookingError::BadDay => "a booking's day is a YYYY-MM-DD date",
            BookingError::TooSoon => "a move is booked at least the lead days ahead",
            BookingError::NotASlot => "a booking takes one of the day's off-peak slots",
        }
    }
}

/// Whether a booking of `day` at the slot starting `slot_min` may be made at `now_ms`
/// (the change's own time on the server, the corrected clock in the app): at least
/// `moving_lead_days` local days ahead (`offset_min`) and on one of the day's [`slots`].
pub fn check_booking(
    s: &Settings,
    day: &str,
    slot_min: i64,
    now_ms: i64,
    offset_min: i64,
) -> Result<(), BookingError> {
    let day = day_number(day).ok_or(BookingError::BadDay)?;
    let today = (now_ms + offset_min * 60_000).div_euclid(DAY_MS);
    if day - today < s.moving_lead_days {
        return Err(BookingError::TooSoon);
    }
    if !slots(s).iter().any(|x| x.start_min == slot_min) {
        return Err(BookingError::NotASlot);
    }
    Ok(())
}
