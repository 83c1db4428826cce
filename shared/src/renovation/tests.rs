use super::*;
use crate::{FieldState, RejectCode};
use crate::{Hlc, ReplicaId};
use serde_json::json;

fn stored(s: RenovationStatus) -> FieldState {
    FieldState {
        value: json!(s.as_str()),
        hlc: Hlc::new(1, 0),
        replica: ReplicaId::from("t"),
        prev: None,
    }
}

fn code(role: Role, from: Option<RenovationStatus>, to: RenovationStatus) -> Option<RejectCode> {
    let st = from.map(stored);
    RenovationStatus::check_write(role, st.as_ref(), &json!(to.as_str())).err().map(|r| r.code)
}

#[test]
fn review_then_approval_by_the_manager() {
    assert_eq!(code(Butler, None, Applied), None);
    assert_eq!(code(Department, Some(Applied), Reviewed), None);
    assert_eq!(code(Supervisor, Some(Reviewed), Approved), None);
    assert_eq!(code(Butler, Some(Approved), Stopped), None);
    assert_eq!(code(Supervisor, Some(Stopped), Approved), None);
    assert_eq!(code(Butler, Some(Approved), Completed), None);
}

#[test]
fn approval_before_review_and_by_a_butler_is_refused() {
    for role in Role::ALL {
        assert_eq!(code(*role, Some(Applied), Approved), Some(RejectCode::BadTransition));
    }
    assert_eq!(code(Butler, Some(Reviewed), Approved), Some(RejectCode::Forbidden));
    assert_eq!(code(Office, Some(Reviewed), Approved), Some(RejectCode::Forbidden));
    assert_eq!(code(Butler, Some(Applied), Reviewed), Some(RejectCode::Forbidden));
    assert_eq!(code(Butler, Some(Stopped), Approved), Some(RejectCode::Forbidden));
    assert_eq!(code(Butler, None, Approved), Some(RejectCode::BadTransition));
}

#[test]
fn ends_are_final_and_a_retry_is_never_refused() {
    for end in [Completed, Rejected, Cancelled] {
        for to in RenovationStatus::ALL {
            if *to != end {
                assert!(!end.can_become(*to), "{end} -> {to}");
            }
        }
        assert_eq!(code(Butler, Some(end), end), None);
    }
    assert!(Approved.is_active() && Stopped.is_active() && !Reviewed.is_active());
}

#[test]
fn the_buttons_are_the_table() {
    assert_eq!(Reviewed.next_steps_for(Supervisor), vec![Approved, Rejected, Cancelled]);
    assert_eq!(Reviewed.next_steps_for(Butler), vec![Cancelled]);
    assert_eq!(Applied.next_steps_for(Department), vec![Reviewed, Rejected]);
}

#[test]
fn the_deposit_request_is_one_per_renovation() {
    let (a, b) = (crate::RecordId::new_v7(), crate::RecordId::new_v7());
    assert_eq!(deposit_request_id(&a), deposit_request_id(&a));
    assert_ne!(deposit_request_id(&a), deposit_request_id(&b));
    assert!(deposit_request_id(&a).is_valid());
}
