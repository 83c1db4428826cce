//! Reporting periods (统计周期): a local day, week (Monday first), month, quarter, or any
//! span, for a zone `offset_min` minutes ahead of UTC. Pure arithmetic on milliseconds,
//! so the tablet and the server cut a month at the same instant.
//!
//! Laws:
//! - A period is the half-open span `[start, end)`: an instant belongs to exactly one day,
//!   one week, one month and one quarter.
//! - [`Period::previous`] of a calendar period is the calendar period just before it (the
//!   month before a month, whatever their lengths); of a custom span, the span of the same
//!   length ending where it starts.

use crate::calendar::{civil_from_days, days_from_civil};
use crate::wire_enum::wire_enum;

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

wire_enum!(
    /// What a report period is cut by.
    PeriodKind {
        /// 日
        Day = "day",
        /// 周: Monday 00:00 to the next Monday.
        Week = "week",
        /// 月
        Month = "month",
        /// 季度: January, April, July or October to three months later.
        Quarter = "quarter",
        /// Any span the reader chose.
        Custom = "custom",
    }
);

/// A reporting period: `[start, end)` in ms since the epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    pub kind: PeriodKind,
    pub start: i64,
    pub end: i64,
    /// The zone the period was cut in, minutes ahead of UTC (480 for China).
    pub offset_min: i64,
}

/// The start of the local day holding `now`, for a zone `offset_min` minutes ahead of UTC.
pub fn day_start(now: i64, offset_min: i64) -> i64 {
    let off = offset_min * 60_000;
    (now + off).div_euclid(DAY_MS) * DAY_MS - off
}

/// Monday 00:00 local of the week holding `now` (1970-01-01 was a Thursday).
pub fn week_start(now: i64, offset_min: i64) -> i64 {
    let today = day_start(now, offset_min);
    today - (local_days(today, offset_min) + 3).rem_euclid(7) * DAY_MS
}

/// The first of the month 00:00 local holding `now`.
pub fn month_start(now: i64, offset_min: i64) -> i64 {
    let (y, m, _) = civil_from_days(local_days(now, offset_min));
    civil_start(y, m, offset_min)
}

/// The first day of the quarter 00:00 local holding `now`.
pub fn quarter_start(now: i64, offset_min: i64) -> i64 {
    let (y, m, _) = civil_from_days(local_days(now, offset_min));
    civil_start(y, (m - 1) / 3 * 3 + 1, offset_min)
}

/// Whether the local day holding `at` is Monday to Friday.
pub fn is_working_day(at: i64, offset_min: i64) -> bool {
    // 0 = Thursday … 2 = Saturday, 3 = Sunday.
    !matches!(local_days(at, offset_min).rem_euclid(7), 2 | 3)
}

/// The local day of the month (1–31) holding `at`.
pub fn day_of_month(at: i64, offset_min: i64) -> i64 {
    civil_from_days(local_days(at, offset_min)).2
}

/// The local date `(year, month, day)` holding `at`.
pub fn local_date(at: i64, offset_min: i64) -> (i64, i64, i64) {
    civil_from_days(local_days(at, offset_min))
}

/// Days since 1970-01-01 of the local date holding `at`.
fn local_days(at: i64, offset_min: i64) -> i64 {
    (at + offset_min * 60_000).div_euclid(DAY_MS)
}

/// 00:00 local of the first of month `m` (1–12, or past 12 into the next year) of year `y`.
fn civil_start(y: i64, m: i64, offset_min: i64) -> i64 {
    let (y, m) = (y + (m - 1).div_euclid(12), (m - 1).rem_euclid(12) + 1);
    days_from_civil(y, m, 1) * DAY_MS - offset_min * 60_000
}

impl Period {
    /// The calendar period of `kind` holding `at` (a custom kind gives the day).
    pub fn of(kind: PeriodKind, at: i64, offset_min: i64) -> Period {
        let (start, end) = match kind {
            PeriodKind::Day | PeriodKind::Custom => {
                let s = day_start(at, offset_min);
                (s, s + DAY_MS)
            }
            PeriodKind::Week => {
                let s = week_start(at, offset_min);
                (s, s + 7 * DAY_MS)
            }
            PeriodKind::Month | PeriodKind::Quarter => {
                let s = if kind == PeriodKind::Month {
                    month_start(at, offset_min)
                } else {
                    quarter_start(at, offset_min)
                };
                let (y, m, _) = local_date(s, offset_min);
                let months = if kind == PeriodKind::Month { 1 } else { 3 };
                (s, civil_start(y, m + months, offset_min))
            }
        };
        let kind = if kind == PeriodKind::Custom { PeriodKind::Day } else { kind };
        Period { kind, start, end, offset_min }
    }

    /// A span chosen by the reader: local days `from` to `to` inclusive (`to` before
    /// `from` is read the other way round).
    pub fn custom(from: i64, to: i64, offset_min: i64) -> Period {
        let (a, b) = (from.min(to), from.max(to));
        let start = day_start(a, offset_min);
        let end = day_start(b, offset_min) + DAY_MS;
        Period { kind: PeriodKind::Custom, start, end, offset_min }
    }

    /// The period just before this one, of the same kind (see the module's laws).
    pub fn previous(&self) -> Period {
        match self.kind {
            PeriodKind::Custom => {
                Period { start: self.start - (self.end - self.start), end: self.start, ..*self }
            }
            kind => Period::of(kind, self.start - 1, self.offset_min),
        }
    }

    /// Whether instant `at` lies in the period.
    pub fn contains(&self, at: i64) -> bool {
        (self.start..self.end).contains(&at)
    }

    /// Whether `at` is set and lies in the period.
    pub fn holds(&self, at: Option<i64>) -> bool {
        at.is_some_and(|t| self.contains(t))
    }

    /// The local days of the period that have begun by `now`, as day starts, earliest
    /// first (a day that has begun is counted; one still to come is not).
    pub fn days_begun(&self, now: i64) -> Vec<i64> {
        let mut out = Vec::new();
        let mut d = day_start(self.start, self.offset_min);
        while d < self.end && d <= now {
            if d >= self.start {
                out.push(d);
            }
            // A day is 24 h in a fixed-offset zone.
            d += DAY_MS;
        }
        out
    }
}

#[cfg(test)]
#[path = "period_tests.rs"]
mod tests;
