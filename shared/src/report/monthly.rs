//! The monthly service-quality report (月度服务质量报告, DOMAIN duties 3 and 10): the KPI
//! table of the month against its targets, and the complaint statistics by category (the
//! classifier's topic) with their causes and corrective actions.
//!
//! Laws:
//! - The figures are [`super::kpis`] of the month: the dashboard's numbers for that month.
//! - A complaint belongs to the month it was received in (`created_at`); a cancelled or
//!   deleted one is in no group.
//! - Groups are ordered by their count, largest first (a Pareto order), then by topic id;
//!   complaints with no topic form the last group.
//! - A group's causes and corrective actions are the complaints' `cause` and
//!   `corrective_report` texts, each distinct text once with how many complaints gave it
//!   (most given first, then in the order they were first met); complaints that give none
//!   are counted apart, so a cause not recorded shows.

use super::facts::{Facts, RequestFact};
use super::kpi::{kpis, Figure, Filter};
use super::period::Period;
use crate::request::Category;
use crate::RecordId;

/// One distinct text and how many complaints gave it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TextCount {
    pub text: String,
    pub count: u32,
}

/// The complaints of one category (topic) in the month.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComplaintGroup {
    /// The classifier topic (`None`: not classified).
    pub topic: Option<RecordId>,
    /// The complaints, in the order received.
    pub requests: Vec<RecordId>,
    /// Of those, how many are answered by the month's end.
    pub answered: u32,
    pub causes: Vec<TextCount>,
    /// Complaints with no cause recorded.
    pub without_cause: u32,
    pub actions: Vec<TextCount>,
    /// Complaints with no corrective action recorded.
    pub without_action: u32,
}

/// The monthly report's figures.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Monthly {
    pub period: Period,
    pub figures: Vec<Figure>,
    pub complaints: Vec<ComplaintGroup>,
    /// Complaints received in the month.
    pub complaint_total: u32,
}

/// The report of `period` (normally a month) at `now`, of what `filter` takes.
pub fn monthly(facts: &Facts, period: &Period, filter: &Filter, now: i64) -> Monthly {
    let complaints = complaint_groups(facts, period, filter);
    Monthly {
        period: *period,
        figures: kpis(facts, period, filter, now),
        complaint_total: complaints.iter().map(|g| g.requests.len() as u32).sum(),
        complaints,
    }
}

/// The complaints received in `period`, by topic (see the module's laws).
pub fn complaint_groups(facts: &Facts, period: &Period, filter: &Filter) -> Vec<ComplaintGroup> {
    let mut received: Vec<&RequestFact> = facts
        .requests
        .iter()
        .filter(|r| r.category == Category::Complaint && !r.withdrawn() && filter.takes(r))
        .filter(|r| period.holds(r.created_at))
        .collect();
    received.sort_by_key(|r| (r.created_at, r.id.clone()));
    let mut groups: Vec<(Option<RecordId>, Vec<&RequestFact>)> = Vec::new();
    for r in received {
        match groups.iter_mut().find(|(t, _)| *t == r.topic) {
            Some((_, list)) => list.push(r),
            None => groups.push((r.topic.clone(), vec![r])),
        }
    }
    groups.sort_by(|(ta, a), (tb, b)| {
        (ta.is_none(), std::cmp::Reverse(a.len()), ta).cmp(&(
            tb.is_none(),
            std::cmp::Reverse(b.len()),
            tb,
        ))
    });
    groups
        .into_iter()
        .map(|(topic, list)| {
            let (causes, without_cause) = texts(list.iter().map(|r| r.cause.as_str()));
            let (actions, without_action) = texts(list.iter().map(|r| r.corrective.as_str()));
            ComplaintGroup {
                topic,
                answered: list.iter().filter(|r| r.answered_by(period.end)).count() as u32,
                requests: list.iter().map(|r| r.id.clone()).collect(),
                causes,
                without_cause,
                actions,
                without_action,
            }
        })
        .collect()
}

/// Each distinct non-blank text with its count (most first, then first met), and how many
/// were blank.
fn texts<'a>(all: impl Iterator<Item = &'a str>) -> (Vec<TextCount>, u32) {
    let mut out: Vec<TextCount> = Vec::new();
    let mut blank = 0;
    for t in all.map(str::trim) {
        if t.is_empty() {
            blank += 1;
            continue;
        }
        match out.iter_mut().find(|c| c.text == t) {
            Some(c) => c.count += 1,
            None => out.push(TextCount { text: t.to_owned(), count: 1 }),
        }
    }
    // Stable: equal counts keep the order first met.
    out.sort_by_key(|c| std::cmp::Reverse(c.count));
    (out, blank)
}

#[cfg(test)]
#[path = "monthly_tests.rs"]
mod tests;
