//! The closing gates and the read-only rule of [`super`].

use super::*;
use crate::request::RequestStatus::{CalledBack, Closed, Reopened};
use CloseBlocker::*;

fn judged(stands: Option<bool>) -> Loop<'static> {
    Loop { stands, ..Loop::default() }
}

#[test]
fn every_request_closes_with_a_result() {
    assert_eq!(close_blockers(None, "  "), [ResultRequired]);
    assert_eq!(close_blocker(None, "已修好"), None);
}

#[test]
fn a_complaint_closes_only_judged_and_if_it_stands_approved_and_confirmed() {
    assert_eq!(close_blockers(Some(&judged(None)), ""), [Unjudged, ResultRequired]);
    assert_eq!(close_blocker(Some(&judged(None)), "已处理"), Some(Unjudged));
    let stands = judged(Some(true));
    assert_eq!(close_blockers(Some(&stands), "已处理"), [PlanNotApproved, NotConfirmed]);
    let approved = Loop { plan_approved: true, ..stands.clone() };
    assert_eq!(close_blockers(Some(&approved), "已处理"), [NotConfirmed]);
    let confirmed = Loop { confirmed: true, ..approved };
    assert_eq!(close_blockers(Some(&confirmed), "已处理"), []);
    assert_eq!(close_blockers(Some(&confirmed), ""), [ResultRequired]);
}

#[test]
fn an_unfounded_complaint_closes_with_its_reply_and_no_confirmation() {
    let unfounded = judged(Some(false));
    let reply_required = Open(super::super::complaint::DoneBlocker::ReplyRequired);
    assert_eq!(close_blockers(Some(&unfounded), "已解释"), [reply_required]);
    let replied = Loop { reply: "物业费按合同收取", ..unfounded };
    assert_eq!(close_blocker(Some(&replied), "已解释"), None);
    let manager = Loop { escalation: Some(Escalation::Manager), ..replied };
    assert!(matches!(close_blocker(Some(&manager), "x"), Some(Open(_))));
}

#[test]
fn a_closed_request_is_read_only_until_the_batch_that_reopens_it() {
    assert!(read_only(Some(Closed)));
    assert!(!read_only(Some(CalledBack)) && !read_only(None));
    assert!(frozen(Some(Closed), Some(Closed), field::DESCRIPTION));
    assert!(!frozen(Some(Closed), Some(Closed), field::STATUS), "the status machine judges it");
    assert!(!frozen(Some(Closed), Some(Reopened), field::DESCRIPTION), "reopening edits");
    assert!(!frozen(Some(CalledBack), Some(Closed), field::CLOSE_RESULT), "closing writes it");
}
