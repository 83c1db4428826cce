//! The daily site check (000 §5.8: every active renovation is looked at every day): which
//! renovations are under way on a local day, which were checked that day, today's
//! unchecked sites of an area (the butler's day), and the check coverage of a period (the
//! reports), against `Settings::target_renovation_check_pct`.
//!
//! Days are the site's local days ([`crate::report::period`], `offset_min` as the reports
//! take it), so the tablet and the server cut them at the same instant.
//!
//! Laws:
//! - A renovation is **active on a day** when the day lies within its works — from the later
//!   of `planned_start` and `approved_at` to the later of `planned_end` and `extended_to`,
//!   whole local days — and it is approved or stopped now ([`RenovationStatus::is_active`]),
//!   or it was completed and the day is not after its acceptance (`accepted_at`): a finished
//!   renovation still counts for the days it was under way. Without a start or an end it is
//!   active on no day (nothing says when to look).
//! - A site is **checked on a day** when a live `renovation_check` of it has its `at` in
//!   that day; how many checks, and what they found, does not matter.
//! - **Coverage** of a period = checked site-days ÷ active site-days, counting the period's
//!   days up to and including the day holding `now` (days still to come are not missed).
//!   Per area, the same count within the area; the sum over areas is the site's.

use super::RenovationStatus;
use crate::names::{field, kind};
use crate::replica::ReplicaState;
use crate::report::period::{day_start, Period, PeriodKind, DAY_MS};
use crate::request::deadline::Settings;
use crate::RecordId;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One renovation as the daily check reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub id: RecordId,
    pub unit: Option<RecordId>,
    /// Its unit's building's area.
    pub area: Option<RecordId>,
    pub status: Option<RenovationStatus>,
    /// When works may begin: the later of the planned start and the approval.
    pub start: Option<i64>,
    /// When works must end: the later of the planned end and the extension.
    pub end: Option<i64>,
    /// When the finished works were accepted.
    pub accepted_at: Option<i64>,
}

impl Site {
    /// Whether the site is under way on local `day` (see the module's laws).
    pub fn is_active_on(&self, day: &Period) -> bool {
        let (Some(start), Some(end), Some(status)) = (self.start, self.end, self.status) else {
            return false;
        };
        let last = match status {
            s if s.is_active() => end,
            RenovationStatus::Completed => match self.accepted_at {
                Some(acc) => end.min(acc),
                None => return false,
            },
            _ => return false,
        };
        let first_day = day_start(start, day.offset_min);
        let last_day = day_start(last, day.offset_min);
        first_day <= day.start && day.start <= last_day
    }
}

/// The renovations of a replica and the days each was checked, read in one pass.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sites {
    pub sites: Vec<Site>,
    /// Every live check: `(renovation, at)`.
    pub checks: Vec<(RecordId, i64)>,
}

/// One period's coverage figure (of an area, or the site's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Site-days checked.
    pub checked: u64,
    /// Site-days active.
    pub active: u64,
    /// checked ÷ active in tenths of a per cent (`None`: no site was active).
    pub permille: Option<i64>,
    pub target_pct: i64,
    /// Whether the target is met (`None` without a value); judged on the counts.
    pub met: Option<bool>,
}

impl Coverage {
    fn new(checked: u64, active: u64, target_pct: i64) -> Coverage {
        let permille = (active > 0).then(|| ((checked * 2000 + active) / (2 * active)) as i64);
        let met = permille.map(|_| checked as i128 * 100 >= target_pct as i128 * active as i128);
        Coverage { checked, active, permille, target_pct, met }
    }
}

impl Sites {
    /// The live renovations and checks of `state`, each renovation's area through its unit.
    pub fn from_state(state: &ReplicaState) -> Sites {
        let building_area: HashMap<RecordId, RecordId> = state
            .records_of(kind::BUILDING)
            .filter_map(|(id, f)| Some((id.clone(), f.reference(field::AREA)?)))
            .collect();
        let unit_area = |u: &RecordId| {
            let f = state.record(&crate::Kind::new(kind::UNIT), u)?;
            building_area.get(&f.reference(field::BUILDING)?).cloned()
        };
        let later = |a: Option<i64>, b: Option<i64>| match (a, b) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let sites = state
            .records_of(kind::RENOVATION)
            .filter(|(_, f)| !f.is_deleted())
            .map(|(id, f)| {
                let unit = f.reference(field::UNIT);
                let start = f.int(field::PLANNED_START);
                Site {
                    id: id.clone(),
                    area: unit.as_ref().and_then(unit_area),
                    unit,
                    status: f.parsed(field::STATUS, RenovationStatus::parse),
                    start: start.map(|s| later(Some(s), f.int(field::APPROVED_AT)).unwrap_or(s)),
                    end: later(f.int(field::PLANNED_END), f.int(field::EXTENDED_TO))
                        .filter(|_| f.int(field::PLANNED_END).is_some()),
                    accepted_at: f.int(field::ACCEPTED_AT),
                }
            })
            .collect();
        let checks = state
            .records_of(kind::RENOVATION_CHECK)
            .filter(|(_, f)| !f.is_deleted())
            .filter_map(|(_, f)| Some((f.reference(field::RENOVATION)?, f.int(field::AT)?)))
            .collect();
        Sites { sites, checks }
    }

    /// The sites under way on local `day`, of `area` (every area: `None`).
    pub fn active_on(&self, day: &Period, area: Option<&RecordId>) -> Vec<&Site> {
        self.sites
            .iter()
            .filter(|s| area.is_none_or(|a| s.area.as_ref() == Some(a)))
            .filter(|s| s.is_active_on(day))
            .collect()
    }

    /// The renovations with a check in `day` (active or not).
    pub fn checked_on(&self, day: &Period) -> HashSet<&RecordId> {
        self.checks.iter().filter(|(_, at)| day.contains(*at)).map(|(r, _)| r).collect()
    }

    /// Today's sites of `area` still to check: active on the local day holding `now` and
    /// with no check in it.
    pub fn unchecked_today(
        &self,
        now: i64,
        offset_min: i64,
        area: Option<&RecordId>,
    ) -> Vec<&Site> {
        let day = Period::of(PeriodKind::Day, now, offset_min);
        let done = self.checked_on(&day);
        self.active_on(&day, area).into_iter().filter(|s| !done.contains(&s.id)).collect()
    }

    /// The coverage of `period` per area (sites of no known area under `None`), counting
    /// its days up to the one holding `now`.
    pub fn coverage_by_area(
        &self,
        period: &Period,
        now: i64,
        settings: &Settings,
    ) -> BTreeMap<Option<RecordId>, Coverage> {
        let mut counts: BTreeMap<Option<RecordId>, (u64, u64)> = BTreeMap::new();
        let last = period.end.min(day_start(now, period.offset_min) + DAY_MS);
        let mut d = period.start;
        while d < last {
            let day = Period::of(PeriodKind::Day, d, period.offset_min);
            let done = self.checked_on(&day);
            for s in self.active_on(&day, None) {
                let c = counts.entry(s.area.clone()).or_default();
                c.1 += 1;
                c.0 += u64::from(done.contains(&s.id));
            }
            d = day.end;
        }
        let target = settings.target_renovation_check_pct;
        counts.into_iter().map(|(a, (n, d))| (a, Coverage::new(n, d, target))).collect()
    }

    /// The coverage of `period` for `area` (the site's: `None`).
    pub fn coverage(
        &self,
        period: &Period,
        now: i64,
        area: Option<&RecordId>,
        settings: &Settings,
    ) -> Coverage {
        let by_area = self.coverage_by_area(period, now, settings);
        let (n, d) = by_area
            .iter()
            .filter(|(a, _)| area.is_none_or(|want| a.as_ref() == Some(want)))
            .fold((0, 0), |(n, d), (_, c)| (n + c.checked, d + c.active));
        Coverage::new(n, d, settings.target_renovation_check_pct)
    }
}

#[cfg(test)]
#[path = "daily_tests.rs"]
mod tests;
