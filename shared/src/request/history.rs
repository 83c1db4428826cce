//! A request's history: child records, one per event, never counters (two tablets adding
//! an event offline would each count from the same number and one increment would be lost).
//!
//! - `request_event`: what happened — a status move, routing, an edit, a call-back, the daily
//!   review's reason, a complaint's progress notice — with who (`by`, set by the server from
//!   the session), when on the device (`at`), from which device (`device`, the pushing
//!   replica) and when it reached the server (`received_at`, written by the server).
//! - `request_comment`: internal or for the resident.
//! - `callback`: one call-back attempt with its result and, when reached, satisfaction.

use crate::wire_enum::wire_enum;

/// Kind of a request's events.
pub const EVENT: &str = crate::names::kind::REQUEST_EVENT;
/// Kind of a request's comments.
pub const COMMENT: &str = crate::names::kind::REQUEST_COMMENT;
/// Kind of a request's call-back attempts.
pub const CALLBACK: &str = crate::names::kind::CALLBACK;
/// The kinds that belong to a request through their `request` field.
pub const CHILD_KINDS: &[&str] = &[EVENT, COMMENT, CALLBACK];

wire_enum!(
    /// What an event records.
    EventType {
        /// The request was taken (its first event).
        Created = "created",
        /// The status moved: `from` → `to`, `note` holds a reason (a cancellation's).
        Status = "status",
        /// Routed to a department and/or person: `to` names them.
        Routed = "routed",
        /// Fields were edited: `fields` lists them.
        Edited = "edited",
        /// A call-back attempt was recorded (`to`: its result or satisfaction).
        Callback = "callback",
        /// The daily review of unfinished requests: `note` says why it is not done.
        Review = "review",
        /// The resident was told of progress; `to` is the next promised reply time.
        ProgressTold = "progress_told",
        /// A complaint was escalated (`to`: the level).
        Escalated = "escalated",
        /// A supervisor approved a complaint's handling plan.
        PlanApproved = "plan_approved",
        /// A patrol finding's fix was re-checked (复查): `to` is pass or fail.
        Recheck = "recheck",
    }
);

/// The repeat-complaint rate of the seeds: repeats / (complaints − repeats); `None` when
/// there is no first complaint to divide by.
pub fn repeat_rate(complaints: usize, repeats: usize) -> Option<f64> {
    let firsts = complaints.checked_sub(repeats).filter(|n| *n > 0)?;
    Some(repeats as f64 / firsts as f64)
}

/// How often a request was reopened: its status events that moved it to `reopened`.
pub fn reopen_count<'a>(events: impl IntoIterator<Item = (EventType, &'a str)>) -> usize {
    events.into_iter().filter(|(t, to)| *t == EventType::Status && *to == "reopened").count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeat_rate_divides_by_first_complaints() {
        assert_eq!(repeat_rate(101, 1), Some(0.01));
        assert_eq!(repeat_rate(0, 0), None);
        assert_eq!(repeat_rate(2, 2), None);
        assert_eq!(repeat_rate(3, 5), None);
    }

    #[test]
    fn reopens_are_counted_from_status_events() {
        let ev = [
            (EventType::Status, "done"),
            (EventType::Status, "reopened"),
            (EventType::Callback, "reopened"),
            (EventType::Status, "reopened"),
        ];
        assert_eq!(reopen_count(ev), 2);
    }
}
