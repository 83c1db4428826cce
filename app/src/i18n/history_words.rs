//! The words of a request's history beyond the event's name: what an event's `to` means in
//! the chosen language (a status, a call-back's satisfaction or result, an escalation
//! level, a re-check's verdict), never the wire name ("回访 dissatisfied").

use super::{callback_result_label, escalation_label, satisfaction_label, status_label, Key, Lang};
use shared::patrol::AnswerResult;
use shared::request::history::EventType;
use shared::request::{CallbackResult, Escalation, RequestStatus, Satisfaction};

/// What event `t`'s `to` says, labelled; `None` when it says nothing to show (empty, or a
/// time such as a progress notice's next reply, which the note carries in words).
pub fn event_outcome(t: EventType, to: &str, lang: Lang) -> Option<String> {
    if to.is_empty() {
        return None;
    }
    let label = match t {
        EventType::Callback => Satisfaction::parse(to)
            .map(|s| satisfaction_label(s, lang))
            .or_else(|| CallbackResult::parse(to).map(|r| callback_result_label(r, lang))),
        EventType::Escalated => Escalation::parse(to).map(|e| escalation_label(e, lang)),
        EventType::Recheck => AnswerResult::parse(to).map(|r| verdict_label(r, lang)),
        EventType::ProgressTold | EventType::Routed | EventType::Edited => None,
        _ => RequestStatus::parse(to).map(|s| status_label(s, lang)),
    };
    label.map(str::to_owned)
}

/// 合格 / 不合格 / 不适用 of a patrol answer or a finding's re-check (the walk's own words).
pub fn verdict_label(r: AnswerResult, lang: Lang) -> &'static str {
    let key = match r {
        AnswerResult::Pass => Key::PatrolPass,
        AnswerResult::Fail => Key::PatrolFail,
        AnswerResult::Na => Key::PatrolNa,
    };
    key.text(lang)
}
