//! The monthly figures a management office is judged on (DOMAIN.md, "KPI formulas"): one
//! function per figure over [`Facts`], for a [`Period`] and a [`Filter`]. The tablet draws
//! them offline; the server's `/api/v1/reports` answers them from the same functions.
//!
//! Laws, common to every figure:
//! - A request belongs to the period it was *received* in (`created_at`), except in the
//!   call-back figures, where it belongs to the period its work was *done* in (`done_at`),
//!   and in the satisfaction figures, where each call-back that reached the resident belongs
//!   to the period it was made in.
//! - A cancelled or deleted request counts in no figure, numerator or denominator.
//! - A reopened request counts once, in the period it was received; it is answered only
//!   while its work is finished ([`RequestFact::answered_by`]), so reopening it takes it out
//!   of the numerator until it is done again, and done again it is answered as of its first
//!   answer. In the call-back figures it belongs to the period it was last done in and needs
//!   a call-back that reached the resident after that.
//! - The reply figures ask whether a request is answered as of the report's `now`, not of
//!   the period's end (the month's report is made after the month); a request neither
//!   answered nor past its reply deadline by `now` is not judged yet and is in neither count
//!   ([`RequestFact::reply_judged`]), so a month under way is not red for today's intake.
//! - Met or missed is judged on the counts, not on the rounded value.
//! - A patrol finding has no resident: it is in no reply, call-back or satisfaction figure.
//! - A figure with an empty denominator has no value and is neither met nor missed.
//! - The target is a site setting with the documents' number as default ([`Settings`]).

use super::facts::{Facts, RequestFact};
use super::period::Period;
use crate::request::deadline::Settings;
use crate::request::{CallbackResult, Category, Satisfaction};
use crate::wire_enum::wire_enum;
use crate::RecordId;
use patrol::{patrol_cycle, patrol_days, quality_checks};
use std::collections::HashMap;

wire_enum!(
    /// Every figure of the reports, in the order they are shown.
    KpiId {
        /// 咨询回复率: inquiries received in the period and answered by now ÷ inquiries
        /// received, less those still within their reply deadline unanswered (answered after
        /// the period's end counts: the report is made after it).
        InquiryReply = "inquiry_reply",
        /// 投诉回复率: the same for complaints.
        ComplaintReply = "complaint_reply",
        /// 咨询回复及时率: inquiries received and answered by their deadline ÷ received.
        InquiryOnTime = "inquiry_on_time",
        /// 投诉回复及时率: the same for complaints.
        ComplaintOnTime = "complaint_on_time",
        /// 满意率: call-backs in the period that reached the resident and heard 满意 ÷
        /// call-backs that reached the resident and recorded a satisfaction (一般 is asked,
        /// not satisfied).
        Satisfaction = "satisfaction",
        /// 投诉满意率: the same, for complaints' call-backs.
        ComplaintSatisfaction = "complaint_satisfaction",
        /// 重复投诉率: complaints received in the period that repeat another (`repeat_of`)
        /// ÷ (complaints received − those repeats). Lower is better.
        RepeatComplaint = "repeat_complaint",
        /// 投诉回访率: complaints (finished now) last done in the period with a call-back
        /// that reached the resident since ÷ complaints last done in the period.
        ComplaintCallback = "complaint_callback",
        /// 维修回访率: the same for repairs (002 §4.7.4.2: weekly, ≥ 80 %).
        RepairCallback = "repair_callback",
        /// 巡查达标天数: area-days of the period with at least the setting's full patrol
        /// rounds (ended that day) ÷ area-days that are over by now, plus today once it has
        /// them (a day still under way is not missed yet).
        PatrolDays = "patrol_days",
        /// 巡查覆盖: buildings patrolled within the cycle (5 days) before the period's end
        /// (or now) ÷ buildings.
        PatrolCycle = "patrol_cycle",
        /// 品质检查: supervisor working days of the period that are over with at least the
        /// setting's quality checks ÷ supervisor working days over.
        QualityChecks = "quality_checks",
    }
);

impl KpiId {
    /// The target in per cent (a maximum for [`KpiId::RepeatComplaint`], else a minimum).
    pub fn target(self, s: &Settings) -> i64 {
        match self {
            KpiId::InquiryReply => s.target_reply_pct,
            KpiId::ComplaintReply => s.target_complaint_reply_pct,
            KpiId::InquiryOnTime | KpiId::ComplaintOnTime => s.target_on_time_pct,
            KpiId::Satisfaction => s.target_satisfaction_pct,
            KpiId::ComplaintSatisfaction => s.target_complaint_satisfaction_pct,
            KpiId::RepeatComplaint => s.target_repeat_complaint_pct,
            KpiId::ComplaintCallback => s.target_complaint_callback_pct,
            KpiId::RepairCallback => s.repair_callback_pct,
            KpiId::PatrolDays | KpiId::PatrolCycle | KpiId::QualityChecks => 100,
        }
    }

    /// Whether a smaller value is better (the target is a ceiling).
    pub fn lower_is_better(self) -> bool {
        self == KpiId::RepeatComplaint
    }

    /// Whether the figure is about requests (a department, type or category filter applies).
    pub fn of_requests(self) -> bool {
        !matches!(self, KpiId::PatrolDays | KpiId::PatrolCycle | KpiId::QualityChecks)
    }

    /// Whether the figure means something under `filter`: request figures always; patrol
    /// figures when it names only places and people; the supervisors' quality checks, a
    /// day's checks wherever they were made, not for one area (a butler's report, a row
    /// of the breakdown by area): two checks a day in one area is no one's target.
    pub fn applies(self, filter: &Filter) -> bool {
        match self {
            KpiId::QualityChecks => filter.patrol_applies() && filter.area.is_none(),
            k => k.of_requests() || filter.patrol_applies(),
        }
    }
}

/// One figure: its counts, value and target, and the records behind each count.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figure {
    pub kpi: KpiId,
    pub num: u64,
    pub den: u64,
    /// num ÷ den in tenths of a per cent (`None`: nothing to divide by).
    pub permille: Option<i64>,
    pub target_pct: i64,
    /// Whether the target is met (`None` without a value).
    pub met: Option<bool>,
    /// The records counted in the numerator (requests, rounds or buildings).
    pub num_ids: Vec<RecordId>,
    /// The records counted in the denominator.
    pub den_ids: Vec<RecordId>,
}

impl Figure {
    /// The figure of `kpi` from its numerator's and denominator's records.
    pub fn new(kpi: KpiId, s: &Settings, num_ids: Vec<RecordId>, den_ids: Vec<RecordId>) -> Figure {
        let (num, den) = (num_ids.len() as u64, den_ids.len() as u64);
        let permille = (den > 0).then(|| ((num * 2000 + den) / (2 * den)) as i64);
        let target_pct = kpi.target(s);
        // Judged on the counts, not the rounded value: 1 in 99 is over 1 %.
        let (n, d, t) = (num as i128 * 100, den as i128, target_pct as i128);
        let met = permille.map(|_| match kpi.lower_is_better() {
            true => n <= t * d,
            false => n >= t * d,
        });
        Figure { kpi, num, den, permille, target_pct, met, num_ids, den_ids }
    }

    /// The whole per cent, rounded down (`None` without a value): what a page prints
    /// where a tenth would be noise.
    pub fn pct_floor(&self) -> Option<u64> {
        (self.den > 0).then(|| self.num * 100 / self.den)
    }
}

/// Which records a figure looks at; every part set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
pub struct Filter {
    pub area: Option<RecordId>,
    /// The butler who took the request, made the round or the call-back.
    pub butler: Option<RecordId>,
    pub department: Option<RecordId>,
    pub category: Option<Category>,
    /// The classifier topic (a complaint's category).
    pub topic: Option<RecordId>,
}

impl Filter {
    /// Whether request `r` is looked at.
    pub fn takes(&self, r: &RequestFact) -> bool {
        (self.area.is_none() || r.area == self.area)
            && (self.butler.is_none() || r.created_by == self.butler)
            && (self.department.is_none() || r.department == self.department)
            && self.category.is_none_or(|c| r.category == c)
            && (self.topic.is_none() || r.topic == self.topic)
    }

    /// Whether the filter names only places and people (patrol figures apply).
    pub fn patrol_applies(&self) -> bool {
        self.department.is_none() && self.category.is_none() && self.topic.is_none()
    }
}

/// Every figure for `period` at `now`, in [`KpiId::ALL`] order, of those that apply
/// ([`KpiId::applies`]): patrol and quality figures are left out under a department, type
/// or category filter, and quality checks under an area.
pub fn kpis(facts: &Facts, period: &Period, filter: &Filter, now: i64) -> Vec<Figure> {
    KpiId::ALL
        .iter()
        .filter(|k| k.applies(filter))
        .map(|&k| figure(facts, k, period, filter, now))
        .collect()
}

/// One figure (see [`KpiId`] for each definition).
pub fn figure(facts: &Facts, kpi: KpiId, period: &Period, filter: &Filter, now: i64) -> Figure {
    let s = &facts.settings;
    let (num, den) = match kpi {
        KpiId::InquiryReply => replies(facts, period, filter, Category::Inquiry, false, now),
        KpiId::ComplaintReply => replies(facts, period, filter, Category::Complaint, false, now),
        KpiId::InquiryOnTime => replies(facts, period, filter, Category::Inquiry, true, now),
        KpiId::ComplaintOnTime => replies(facts, period, filter, Category::Complaint, true, now),
        KpiId::Satisfaction => satisfaction(facts, period, filter, None),
        KpiId::ComplaintSatisfaction => {
            satisfaction(facts, period, filter, Some(Category::Complaint))
        }
        KpiId::RepeatComplaint => repeats(facts, period, filter),
        KpiId::ComplaintCallback => called_back(facts, period, filter, Category::Complaint),
        KpiId::RepairCallback => called_back(facts, period, filter, Category::Repair),
        KpiId::PatrolDays => patrol_days(facts, period, filter, now),
        KpiId::PatrolCycle => patrol_cycle(facts, period, filter, now),
        KpiId::QualityChecks => quality_checks(facts, period, filter, now),
    };
    Figure::new(kpi, s, num, den)
}

/// Requests a resident waits on: not withdrawn, not a patrol finding, taken by `filter`.
fn counted<'f>(facts: &'f Facts, filter: &'f Filter) -> impl Iterator<Item = &'f RequestFact> {
    facts.requests.iter().filter(move |r| !r.withdrawn() && !r.finding && filter.takes(r))
}

type Counts = (Vec<RecordId>, Vec<RecordId>);

/// Answered as of `now`, not of the period's end: an inquiry received on the 31st and
/// answered on the 1st within its 48 h is answered (the month's report is made after it);
/// one not answered and not yet due is left out until it is either.
fn replies(f: &Facts, p: &Period, filter: &Filter, c: Category, on_time: bool, now: i64) -> Counts {
    let den: Vec<&RequestFact> = counted(f, filter)
        .filter(|r| r.category == c && p.holds(r.created_at) && r.reply_judged(now))
        .collect();
    let hit = |r: &&RequestFact| if on_time { r.on_time_by(now) } else { r.answered_by(now) };
    ids(den.iter().copied().filter(hit), den.iter().copied())
}

fn ids<'a>(
    num: impl Iterator<Item = &'a RequestFact>,
    den: impl Iterator<Item = &'a RequestFact>,
) -> Counts {
    (num.map(|r| r.id.clone()).collect(), den.map(|r| r.id.clone()).collect())
}

/// Each call-back that reached the resident with a satisfaction counts once; its request's
/// id stands for it in the lists (a request asked twice is listed twice).
fn satisfaction(facts: &Facts, p: &Period, filter: &Filter, c: Option<Category>) -> Counts {
    let (mut num, mut den) = (Vec::new(), Vec::new());
    for cb in &facts.callbacks {
        let (Some(i), Some(sat)) = (cb.request, cb.satisfaction) else { continue };
        let r = &facts.requests[i];
        if cb.result != Some(CallbackResult::Reached)
            || !p.holds(cb.at)
            || r.withdrawn()
            || r.finding
            || !filter.takes(r)
            || c.is_some_and(|c| r.category != c)
        {
            continue;
        }
        den.push(r.id.clone());
        if sat == Satisfaction::Satisfied {
            num.push(r.id.clone());
        }
    }
    (num, den)
}

/// Numerator: the repeats; denominator: the first complaints (complaints − repeats).
fn repeats(facts: &Facts, p: &Period, filter: &Filter) -> Counts {
    let (rep, first): (Vec<&RequestFact>, Vec<&RequestFact>) = counted(facts, filter)
        .filter(|r| r.category == Category::Complaint && p.holds(r.created_at))
        .partition(|r| r.repeat_of.is_some());
    ids(rep.into_iter(), first.into_iter())
}

/// Numerator: the requests of the denominator with a call-back that reached the resident
/// made at or after their last `done_at` (a request reopened by a 不满意 call-back and done
/// again needs a new one).
fn called_back(facts: &Facts, p: &Period, filter: &Filter, c: Category) -> Counts {
    let mut last_reached: HashMap<usize, i64> = HashMap::new();
    for cb in facts.callbacks.iter().filter(|cb| cb.result == Some(CallbackResult::Reached)) {
        let Some(i) = cb.request else { continue };
        // An attempt without a time is taken as made after the work.
        let at = cb.at.unwrap_or(i64::MAX);
        let e = last_reached.entry(i).or_insert(at);
        *e = (*e).max(at);
    }
    let index: HashMap<&RecordId, usize> =
        facts.requests.iter().enumerate().map(|(i, r)| (&r.id, i)).collect();
    let den: Vec<&RequestFact> = counted(facts, filter)
        .filter(|r| r.category == c && r.status.is_finished() && p.holds(r.done_at))
        .collect();
    let hit = |r: &&RequestFact| {
        let reached = index.get(&r.id).and_then(|i| last_reached.get(i));
        reached.is_some_and(|&at| r.done_at.is_none_or(|d| at >= d))
    };
    ids(den.iter().copied().filter(hit), den.iter().copied())
}

mod patrol;

#[cfg(test)]
mod fixture;

#[cfg(test)]
#[path = "kpi_tests.rs"]
mod tests;
