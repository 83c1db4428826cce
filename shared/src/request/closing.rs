//! Closing a request (办结): what must hold before it closes, and that a closed request is
//! read-only until the office reopens it. One set of functions, read by the server's push
//! verdict ([`crate::push_rules`]) and by the app's status buttons and forms, so the close
//! button is enabled exactly when the server accepts the move and a closed request shows no
//! form whose edit the server would refuse.
//!
//! Laws (DOMAIN.md, duties 2 and 3; seed 001 §四, 002 §4.6):
//! - Every request is closed with a result (`close_result`, a short text).
//! - A complaint closes only once its loop is through: judged (`complaint_stands` set); one
//!   that stands has a plan the supervisor approved and the resident's confirmation; one that
//!   does not stand has its reasoned reply; one escalated to the manager has its corrective
//!   report (the last two are [`super::complaint::done_blocker`]'s, kept at closing too).
//! - A closed request's own fields do not change until it is reopened (only the office
//!   reopens: [`super::TRANSITIONS`]); the reopening batch may change them. Its child
//!   records (comments, photos, history) are not its fields and still come.

use super::complaint::{done_blocker, DoneBlocker};
use super::{Category, Escalation, RequestStatus};
use crate::fields::Fields;
use crate::names::field;

/// Why a request may not be closed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseBlocker {
    /// No result written (`result_required`).
    ResultRequired,
    /// A complaint not judged yet: stands or not (`complaint_open`).
    Unjudged,
    /// A complaint that stands, without a plan the supervisor approved (`complaint_open`).
    PlanNotApproved,
    /// A complaint that stands, without the resident's confirmation (`complaint_open`).
    NotConfirmed,
    /// What keeps a complaint from being done keeps it from closing (`complaint_open`).
    Open(DoneBlocker),
}

impl CloseBlocker {
    /// What the refusal says.
    pub fn message(self) -> &'static str {
        match self {
            CloseBlocker::ResultRequired => "a request is closed with its close_result",
            CloseBlocker::Unjudged => "a complaint is judged (complaint_stands) before it closes",
            CloseBlocker::PlanNotApproved => {
                "a complaint that stands needs its plan approved (plan_approved_by) before it closes"
            }
            CloseBlocker::NotConfirmed => {
                "a complaint that stands needs the resident's confirmation before it closes"
            }
            CloseBlocker::Open(b) => b.message(),
        }
    }
}

/// A complaint's loop as closing reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loop<'a> {
    /// 成立: `None` until judged.
    pub stands: Option<bool>,
    pub reply: &'a str,
    pub plan_approved: bool,
    pub confirmed: bool,
    pub escalation: Option<Escalation>,
    pub report: &'a str,
}

/// Everything that still keeps a request from closing, in the order the loop runs: the
/// complaint's loop (`complaint` is `None` for another type), then the result. Empty: it
/// may close.
pub fn close_blockers(complaint: Option<&Loop<'_>>, result: &str) -> Vec<CloseBlocker> {
    let mut out = Vec::new();
    if let Some(c) = complaint {
        let escalation = c.escalation.unwrap_or(Escalation::None);
        out.extend(done_blocker(c.stands, c.reply, escalation, c.report).map(CloseBlocker::Open));
        match c.stands {
            None => out.push(CloseBlocker::Unjudged),
            Some(true) => {
                out.extend((!c.plan_approved).then_some(CloseBlocker::PlanNotApproved));
                out.extend((!c.confirmed).then_some(CloseBlocker::NotConfirmed));
            }
            Some(false) => {}
        }
    }
    out.extend(result.trim().is_empty().then_some(CloseBlocker::ResultRequired));
    out
}

/// The first of [`close_blockers`]: what the server's refusal names.
pub fn close_blocker(complaint: Option<&Loop<'_>>, result: &str) -> Option<CloseBlocker> {
    close_blockers(complaint, result).into_iter().next()
}

/// The loop of a request record, if it is a complaint.
pub fn record_loop(f: &Fields) -> Option<Loop<'_>> {
    let text = |name: &str| f.get(name).and_then(|s| s.value.as_str()).unwrap_or_default();
    let set = |name: &str| f.get(name).is_some_and(|s| !s.value.is_null());
    let complaint = Category::parse(text(field::CATEGORY)) == Some(Category::Complaint);
    complaint.then(|| Loop {
        stands: f.get(field::COMPLAINT_STANDS).and_then(|s| s.value.as_bool()),
        reply: text(field::REPLY),
        plan_approved: set(field::PLAN_APPROVED_BY),
        confirmed: set(field::CONFIRMATION),
        escalation: Escalation::parse(text(field::ESCALATION)),
        report: text(field::CORRECTIVE_REPORT),
    })
}

/// [`close_blocker`] of a request record as the batch leaves it.
pub fn record_close_blocker(f: &Fields) -> Option<CloseBlocker> {
    let result = f.get(field::CLOSE_RESULT).and_then(|s| s.value.as_str()).unwrap_or_default();
    close_blocker(record_loop(f).as_ref(), result)
}

/// Whether a request in `status` is read-only: closed, until reopened. The app hides its
/// forms; the server refuses edits of its fields ([`frozen`]).
pub fn read_only(status: Option<RequestStatus>) -> bool {
    status == Some(RequestStatus::Closed)
}

/// Whether a write of `name` to a request is refused as an edit of a closed one: closed when
/// the batch began (`before`) and still closed after it (`after`). The status itself is
/// judged by the status machine (only reopening leaves closed), so a batch that reopens
/// may edit, and the batch that closes may write the result with it.
pub fn frozen(before: Option<RequestStatus>, after: Option<RequestStatus>, name: &str) -> bool {
    name != field::STATUS && read_only(before) && read_only(after)
}

#[cfg(test)]
#[path = "closing_tests.rs"]
mod tests;
