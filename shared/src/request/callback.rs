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
