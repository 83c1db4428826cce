//! The call-back (回访) and the status move it makes: one rule, read by the app's call-back
//! panel (which builds the move with the attempt) and by the server's push verdict (which
//! refuses the move without its attempt, [`crate::push_rules`]).

use super::history::{EventType, CALLBACK, EVENT};
use super::{CallbackResult, RequestStatus, Satisfaction};
use crate::fields::Fields;
use crate::names::field;
use crate::patrol::AnswerResult;
use crate::replica::ReplicaState;
use crate::RecordId;

/// The status an attempt moves a request in `status` to, if any: reached and dissatisfied
/// reopens it; reached and satisfied (or neutral) moves a done request to `called_back`; an
/// attempt that did not reach the resident moves nothing.
pub fn attempt_move(
    status: RequestStatus,
    result: CallbackResult,
    satisfaction: Option<Satisfaction>,
) -> Option<RequestStatus> {
    match (result, satisfaction) {
        (CallbackResult::Reached, Some(Satisfaction::Dissatisfied)) => {
            Some(RequestStatus::Reopened)
        }
        (CallbackResult::Reached, Some(_)) if status == RequestStatus::Done => {
            Some(RequestStatus::CalledBack)
        }
        _ => None,
    }
}

/// How a done request is followed up: a call-back to the resident, or — for a patrol
/// finding (a rectification request raised from a failed patrol answer, `patrol_answer`
/// set) — a re-check of the fix by the butler on the spot. A finding has no resident to
/// call: it never waits for a call-back and never counts in the call-back coverage; its
/// passed re-check moves it to `called_back` ([`has_attempt`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// 回访: call the resident who reported it.
    Callback,
    /// 复查: look at the fix of a patrol finding.
    Recheck,
}

/// How a request is followed up, from whether it is a patrol finding (the one rule for My
/// day's call-backs, re-checks and coverage).
pub fn follow_up(finding: bool) -> FollowUp {
    if finding {
        FollowUp::Recheck
    } else {
        FollowUp::Callback
    }
}

/// Whether request fields `f` are a patrol finding (they name the answer that raised them).
pub fn is_finding(f: &Fields) -> bool {
    f.get(field::PATROL_ANSWER).is_some_and(|s| s.value.as_str().is_some_and(|v| !v.is_empty()))
}

fn text<'f>(f: &'f Fields, name: &str) -> &'f str {
    f.get(name).and_then(|s| s.value.as_str()).unwrap_or_default()
}

fn live(f: &Fields) -> bool {
    f.get(field::DELETED).is_none_or(|s| s.value != serde_json::Value::Bool(true))
}

/// Whether `records` hold what moves done request `request` to `called_back`: a live
/// attempt that makes that move ([`attempt_move`]), or — for a patrol finding — a passed
/// re-check (`recheck` event, `to: pass`).
pub fn has_attempt(records: &ReplicaState, request: &RecordId) -> bool {
    let mine = |f: &Fields| text(f, field::REQUEST) == request.as_str() && live(f);
    let called = records.records_of(CALLBACK).any(|(_, f)| {
        let result = CallbackResult::parse(text(f, field::RESULT));
        let satisfaction = Satisfaction::parse(text(f, field::SATISFACTION));
        mine(f)
            && result.and_then(|r| attempt_move(RequestStatus::Done, r, satisfaction))
                == Some(RequestStatus::CalledBack)
    });
    called
        || records.records_of(EVENT).any(|(_, f)| {
            mine(f)
                && EventType::parse(text(f, field::TYPE)) == Some(EventType::Recheck)
                && AnswerResult::parse(text(f, field::TO)) == Some(AnswerResult::Pass)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Change, Hlc, Kind, ReplicaId};
    use serde_json::json;

    #[test]
    fn a_patrol_finding_is_re_checked_never_called_back() {
        let mut s = ReplicaState::new();
        let (plain, finding) = (RecordId::new_v7(), RecordId::new_v7());
        let kind = Kind::new(crate::names::kind::REQUEST);
        for (id, field, v) in [
            (&plain, field::DESCRIPTION, json!("漏水")),
            (&finding, field::PATROL_ANSWER, json!(RecordId::new_v7())),
        ] {
            let (hlc, replica) = (Hlc::new(s.len() as u64 + 1, 0), ReplicaId::server());
            let change = Change {
                kind: kind.clone(),
                id: id.clone(),
                field: field.into(),
                value: v,
                hlc,
                replica,
                prev: None,
            };
            s.apply(&change);
        }
        let of = |id: &RecordId| follow_up(is_finding(s.record(&kind, id).unwrap()));
        assert_eq!(of(&plain), FollowUp::Callback);
        assert_eq!(of(&finding), FollowUp::Recheck);
    }
}
