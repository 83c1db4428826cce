//! Visit coverage (入户走访覆盖率, DOMAIN duty 7; 000 第二篇 10.0): how many of an area's
//! households the butler effectively met in a plan's period, who was never visited, and
//! whether the butler "knows ≥ 95 % of households".
//!
//! Laws:
//! - A **household** is an occupied unit: a live unit with at least one live `unit_person`
//!   link (not deleted, not moved out at `now`: `to` unset or still ahead). A unit's area is
//!   its building's. A vacant unit is nobody to visit and counts nowhere.
//! - A household is **effectively contacted** in a period when it has a live `visit` of
//!   outcome `contacted` whose `at` lies in the period (`[start, end)`); several such visits
//!   count once. Not at home and refused are visits, not contacts.
//! - **Coverage** = contacted ÷ households, met when at least the target (the plan's
//!   `target_pct`, else [`Settings::target_visit_contact_pct`], 60). An area without
//!   households has no figure (`permille` is `None`) and is not judged.
//! - **Never visited** = households with no live visit at all, whatever its outcome or date.
//! - **Known** (熟悉住户) = households with a confirmed contact in the 365 days up to `now`:
//!   a contacted visit, or a call-back that reached a resident (`result: reached`) on a
//!   request filed for that unit; against [`Settings::target_known_households_pct`] (95).
//!   "The last 12 months" is taken as 365 days, so a leap year does not move the window.

use super::VisitOutcome;
use crate::report::period::{Period, DAY_MS};
use crate::request::deadline::Settings;
use crate::RecordId;
use std::collections::{BTreeSet, HashMap};

pub use super::facts::{self, Household, PlanFact, VisitFact, VisitFacts};

/// The window of "knows the household": 365 days.
pub const KNOWN_WINDOW_MS: i64 = 365 * DAY_MS;

/// A count against a target: households reached ÷ households.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    /// Households reached (contacted in the period, or known).
    pub reached: usize,
    /// Households of the area.
    pub households: usize,
    /// The target, in per cent.
    pub target_pct: i64,
}

impl Share {
    /// The share in per mille (rounded down); `None` without households.
    pub fn permille(&self) -> Option<i64> {
        (self.households > 0).then(|| self.reached as i64 * 1000 / self.households as i64)
    }

    /// Met: reached ≥ target of households (counted exactly, not on the rounded share).
    /// `None` without households: nothing to judge.
    pub fn met(&self) -> Option<bool> {
        (self.households > 0)
            .then(|| self.reached as i64 * 100 >= self.target_pct * self.households as i64)
    }

    /// How many more households the target needs (0 when met).
    pub fn short_by(&self) -> usize {
        let need = (self.target_pct.max(0) as usize * self.households).div_ceil(100);
        need.saturating_sub(self.reached)
    }
}

/// The target of a plan: its own `target_pct` when set (0–100), else the site's setting.
pub fn plan_target(target_pct: Option<i64>, settings: &Settings) -> i64 {
    target_pct.filter(|t| (0..=100).contains(t)).unwrap_or(settings.target_visit_contact_pct)
}

/// Effective-contact coverage of `households` by `visits` in `period` (module laws).
pub fn coverage(
    households: &[RecordId],
    visits: &[VisitFact],
    period: &Period,
    target_pct: i64,
) -> Share {
    let contacted: BTreeSet<&RecordId> = visits
        .iter()
        .filter(|v| v.outcome == Some(VisitOutcome::Contacted) && period.holds(v.at))
        .map(|v| &v.unit)
        .collect();
    let reached = households.iter().filter(|h| contacted.contains(h)).count();
    Share { reached, households: households.len(), target_pct }
}

/// The households with no visit at all (module laws), in the order given.
pub fn never_visited<'h>(households: &'h [RecordId], visits: &[VisitFact]) -> Vec<&'h RecordId> {
    let seen: BTreeSet<&RecordId> = visits.iter().map(|v| &v.unit).collect();
    households.iter().filter(|h| !seen.contains(h)).collect()
}

/// Each unit's latest visit time (any outcome).
pub fn last_visits(visits: &[VisitFact]) -> HashMap<RecordId, i64> {
    let mut out: HashMap<RecordId, i64> = HashMap::new();
    for v in visits {
        if let Some(at) = v.at {
            let e = out.entry(v.unit.clone()).or_insert(at);
            *e = (*e).max(at);
        }
    }
    out
}

/// Households known at `now` (module laws): confirmed contacts are `(unit, at)` pairs — the
/// contacted visits and the reached call-backs ([`VisitFacts::confirmed`]).
pub fn known(
    households: &[RecordId],
    confirmed: &[(RecordId, i64)],
    now: i64,
    settings: &Settings,
) -> Share {
    let window = (now - KNOWN_WINDOW_MS)..=now;
    let recent: BTreeSet<&RecordId> =
        confirmed.iter().filter(|(_, at)| window.contains(at)).map(|(u, _)| u).collect();
    let reached = households.iter().filter(|h| recent.contains(h)).count();
    Share {
        reached,
        households: households.len(),
        target_pct: settings.target_known_households_pct,
    }
}

#[cfg(test)]
#[path = "coverage_tests.rs"]
mod tests;
