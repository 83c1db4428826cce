//! What keeps a complaint from being done (seed 001 §四, 002 §4.6): one rule, read by the
//! app's complaint panel and by the server's push verdict ([`crate::push_rules`]), so the
//! button never offers what the server refuses.

use super::{Category, Escalation};
use crate::fields::Fields;
use crate::names::field;

/// Why a complaint cannot be set done yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoneBlocker {
    /// Judged as not standing (unfounded), without a reasoned reply to the resident.
    ReplyRequired,
    /// Escalated to the manager, without the corrective-action report.
    ReportRequired,
}

impl DoneBlocker {
    /// What the refusal says.
    pub fn message(self) -> &'static str {
        match self {
            DoneBlocker::ReplyRequired => "an unfounded complaint needs its reply before done",
            DoneBlocker::ReportRequired => {
                "a complaint escalated to the manager needs its corrective report before done"
            }
        }
    }
}

/// What still keeps a complaint from being done, from its loop's fields: `stands` (成立),
/// the reply, the escalation level and the corrective-action report.
pub fn done_blocker(
    stands: Option<bool>,
    reply: &str,
    escalation: Escalation,
    report: &str,
) -> Option<DoneBlocker> {
    if stands == Some(false) && reply.trim().is_empty() {
        return Some(DoneBlocker::ReplyRequired);
    }
    (escalation == Escalation::Manager && report.trim().is_empty())
        .then_some(DoneBlocker::ReportRequired)
}

/// [`done_blocker`] of a request record; `None` for a request that is not a complaint.
pub fn record_blocker(f: &Fields) -> Option<DoneBlocker> {
    let text = |name: &str| f.get(name).and_then(|s| s.value.as_str()).unwrap_or_default();
    if Category::parse(text(field::CATEGORY)) != Some(Category::Complaint) {
        return None;
    }
    let stands = f.get(field::COMPLAINT_STANDS).and_then(|s| s.value.as_bool());
    let escalation = Escalation::parse(text(field::ESCALATION)).unwrap_or(Escalation::None);
    done_blocker(stands, text(field::REPLY), escalation, text(field::CORRECTIVE_REPORT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unfounded_complaint_needs_a_reply_and_an_escalated_one_a_report() {
        use DoneBlocker::*;
        let none = Escalation::None;
        assert_eq!(done_blocker(Some(false), " ", none, ""), Some(ReplyRequired));
        assert_eq!(done_blocker(Some(false), "已解释", none, ""), None);
        assert_eq!(done_blocker(None, "", Escalation::Manager, ""), Some(ReportRequired));
        assert_eq!(done_blocker(Some(true), "", Escalation::Manager, "整改"), None);
        assert_eq!(done_blocker(Some(true), "", Escalation::Supervisor, ""), None);
    }
}
