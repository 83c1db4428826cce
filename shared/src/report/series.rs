//! The charts' series (图表数据): pure functions over [`Facts`], so a chart and the table
//! beside it read the same numbers, offline on the tablet as on the server.
//!
//! - [`requests_by_type`]: requests received per week by type, the last `n` weeks.
//! - [`monthly`]: one figure per month, the last `n` months (trends against a target).
//! - [`complaints_pareto`]: complaints received in a period by category, most first, with
//!   the cumulative share.
//!
//! Laws:
//! - A request is counted in the week it was received (`created_at`); a withdrawn request
//!   (cancelled or deleted) in none. A patrol finding is a request received like any other
//!   in the weekly counts, but no complaint of a resident: never in the Pareto.
//! - The last period of a series is the one holding `now`; the periods follow each other
//!   with no gap, earliest first.
//! - A Pareto's counts add up to the complaints received; its cumulative share ends at
//!   1000 ‰ when there is any.

use super::facts::{Facts, RequestFact};
use super::kpi::{figure, Figure, Filter, KpiId};
use super::period::{Period, PeriodKind};
use crate::request::Category;
use crate::RecordId;
use std::collections::HashMap;

/// One week's requests by type.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekCounts {
    pub period: Period,
    /// One count per type, in [`Category::ALL`] order.
    pub counts: Vec<u64>,
}

impl WeekCounts {
    /// The week's requests, all types.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }
}

/// The `n` periods of `kind` ending with the one holding `now`, earliest first.
pub fn last_periods(kind: PeriodKind, now: i64, offset_min: i64, n: usize) -> Vec<Period> {
    let mut out = Vec::with_capacity(n);
    let mut p = Period::of(kind, now, offset_min);
    for _ in 0..n {
        out.push(p);
        p = p.previous();
    }
    out.reverse();
    out
}

/// Requests received per week by type, the last `weeks` weeks (see the module's laws).
pub fn requests_by_type(
    facts: &Facts,
    filter: &Filter,
    now: i64,
    offset_min: i64,
    weeks: usize,
) -> Vec<WeekCounts> {
    let periods = last_periods(PeriodKind::Week, now, offset_min, weeks);
    let mut out: Vec<WeekCounts> = periods
        .iter()
        .map(|&period| WeekCounts { period, counts: vec![0; Category::ALL.len()] })
        .collect();
    let (Some(first), Some(last)) = (periods.first(), periods.last()) else { return out };
    let week = first.end - first.start;
    for r in facts.requests.iter().filter(|r| !r.withdrawn() && filter.takes(r)) {
        let Some(at) = r.created_at.filter(|&t| t >= first.start && t < last.end) else {
            continue;
        };
        let i = ((at - first.start) / week) as usize;
        let c = Category::ALL.iter().position(|&c| c == r.category).unwrap_or(0);
        out[i].counts[c] += 1;
    }
    out
}

/// One month's figure.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Point {
    pub period: Period,
    pub figure: Figure,
}

/// The figure `kpi` for each of the last `months` months (the current one so far).
pub fn monthly(
    facts: &Facts,
    kpi: KpiId,
    filter: &Filter,
    now: i64,
    offset_min: i64,
    months: usize,
) -> Vec<Point> {
    last_periods(PeriodKind::Month, now, offset_min, months)
        .into_iter()
        .map(|period| Point { period, figure: figure(facts, kpi, &period, filter, now) })
        .collect()
}

/// One bar of a Pareto.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParetoBar {
    /// The complaints' category (`None`: not classified).
    pub topic: Option<RecordId>,
    pub count: u64,
    /// The share of this bar and every bar before it, in tenths of a per cent.
    pub cum_permille: i64,
    /// The complaints counted, for the list behind the bar.
    pub ids: Vec<RecordId>,
}

/// Complaints received in `period` by category, most first; ties by category id, the
/// unclassified last.
pub fn complaints_pareto(facts: &Facts, period: &Period, filter: &Filter) -> Vec<ParetoBar> {
    let mut groups: HashMap<Option<&RecordId>, Vec<&RequestFact>> = HashMap::new();
    let complaints = facts.requests.iter().filter(|r| {
        r.category == Category::Complaint
            && !r.withdrawn()
            && !r.finding
            && period.holds(r.created_at)
            && filter.takes(r)
    });
    for r in complaints {
        groups.entry(r.topic.as_ref()).or_default().push(r);
    }
    let total: u64 = groups.values().map(|g| g.len() as u64).sum();
    let mut bars: Vec<(Option<&RecordId>, Vec<&RequestFact>)> = groups.into_iter().collect();
    bars.sort_by(|(ta, a), (tb, b)| {
        b.len().cmp(&a.len()).then_with(|| (ta.is_none(), ta).cmp(&(tb.is_none(), tb)))
    });
    let mut cum = 0u64;
    bars.into_iter()
        .map(|(topic, rs)| {
            cum += rs.len() as u64;
            ParetoBar {
                topic: topic.cloned(),
                count: rs.len() as u64,
                cum_permille: ((cum * 2000 + total) / (2 * total)) as i64,
                ids: rs.iter().map(|r| r.id.clone()).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "series_tests.rs"]
mod tests;
