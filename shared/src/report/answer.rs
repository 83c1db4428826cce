//! The KPI report as one answer: the figures of a period beside those of the period before,
//! and the reading of a reader's question (which period, in which zone) into a [`Period`].
//! The app draws [`kpi_report`] from its replica; the server answers
//! `GET /api/v1/reports/kpis` with the very same function over a replica of the caller's
//! scope (`docs/ARCHITECTURE.md`, "Reports"), so both show the same numbers.
//!
//! Laws:
//! - [`kpi_report`] is [`kpis`] of the period and of [`Period::previous`], nothing else.
//! - [`PeriodAsk::period`] accepts exactly the values its bounds name and refuses any other
//!   with a message saying the bound (400 on the server), never clamping or panicking: times
//!   from [`MIN_MS`] to [`MAX_MS`], zones from [`MIN_OFFSET_MIN`] to [`MAX_OFFSET_MIN`], a
//!   custom span of at most [`MAX_CUSTOM_DAYS`] days.

use super::facts::Facts;
use super::kpi::{kpis, Figure, Filter};
use super::period::{Period, PeriodKind, DAY_MS};

/// The figures of a period and of the one before it, as the dashboard shows them side by side.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiReport {
    pub period: Period,
    /// Every figure of `period` that applies to the filter, in `KpiId` order
    /// (`KpiId::applies`: patrol figures left out under a department, category or topic
    /// filter, quality checks under an area).
    pub figures: Vec<Figure>,
    /// The period just before (`Period::previous`).
    pub previous_period: Period,
    /// The same figures for `previous_period`.
    pub previous: Vec<Figure>,
}

/// The report for `period` under `filter` at `now`: the one function the app and the server
/// both call.
pub fn kpi_report(facts: &Facts, period: &Period, filter: &Filter, now: i64) -> KpiReport {
    let previous_period = period.previous();
    KpiReport {
        period: *period,
        figures: kpis(facts, period, filter, now),
        previous_period,
        previous: kpis(facts, &previous_period, filter, now),
    }
}

/// The zone when none is named: China, UTC+8.
pub const DEFAULT_OFFSET_MIN: i64 = 480;
/// The westernmost zone, UTC−12.
pub const MIN_OFFSET_MIN: i64 = -720;
/// The easternmost zone, UTC+14.
pub const MAX_OFFSET_MIN: i64 = 840;
/// The earliest instant asked about: 1970-01-01.
pub const MIN_MS: i64 = 0;
/// The latest instant asked about: 9999-12-31 23:59:59.999 UTC (far from any overflow).
pub const MAX_MS: i64 = 253_402_300_799_999;
/// The longest custom span, in local days: a year. The patrol figures walk every day of a
/// period, so a span of centuries would cost out of proportion.
pub const MAX_CUSTOM_DAYS: i64 = 366;

/// A reader's question: which period, around which instant, in which zone. Every part may
/// be left out: a month, now, China.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PeriodAsk {
    /// `None`: a month.
    pub kind: Option<PeriodKind>,
    /// The instant the period holds (`None`: `now`).
    pub at: Option<i64>,
    /// A custom span's first day (`None`: the day of `at`).
    pub from: Option<i64>,
    /// A custom span's last day (`None`: the day of `from`).
    pub to: Option<i64>,
    /// Minutes ahead of UTC (`None`: [`DEFAULT_OFFSET_MIN`]).
    pub offset_min: Option<i64>,
}

/// Why a question names no period: the message says the bound, in English and Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskError(pub String);

impl std::fmt::Display for AskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `value` if it lies in `min..=max`, else the error naming `name` and its bounds.
fn bounded(name: &str, value: i64, min: i64, max: i64) -> Result<i64, AskError> {
    if (min..=max).contains(&value) {
        return Ok(value);
    }
    Err(AskError(format!(
        "{name} must be {min} to {max}, not {value} / {name} 须在 {min} 到 {max} 之间"
    )))
}

impl PeriodAsk {
    /// The period asked for at `now` (see the module's laws).
    pub fn period(&self, now: i64) -> Result<Period, AskError> {
        let tz = bounded(
            "tz",
            self.offset_min.unwrap_or(DEFAULT_OFFSET_MIN),
            MIN_OFFSET_MIN,
            MAX_OFFSET_MIN,
        )?;
        let at = bounded("at", self.at.unwrap_or(now), MIN_MS, MAX_MS)?;
        // Every bound is checked whatever the kind: a `from` or `to` out of range is a
        // mistake even where the kind does not read it.
        let from = bounded("from", self.from.unwrap_or(at), MIN_MS, MAX_MS)?;
        let to = bounded("to", self.to.unwrap_or(from), MIN_MS, MAX_MS)?;
        let kind = self.kind.unwrap_or(PeriodKind::Month);
        if kind != PeriodKind::Custom {
            return Ok(Period::of(kind, at, tz));
        }
        let period = Period::custom(from, to, tz);
        let days = (period.end - period.start) / DAY_MS;
        if days > MAX_CUSTOM_DAYS {
            return Err(AskError(format!(
                "a custom period spans at most {MAX_CUSTOM_DAYS} days, not {days} / \
                 自定义统计周期最长 {MAX_CUSTOM_DAYS} 天"
            )));
        }
        Ok(period)
    }
}

#[cfg(test)]
#[path = "answer_tests.rs"]
mod tests;
