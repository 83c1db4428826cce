//! The call-back (回访): a request's attempts, the one edit that records an attempt with its
//! event and status move, and the call-backs due. The week's coverage is a figure of
//! `shared::report` (`model::day::day_figures`).
//!
//! Laws:
//! - An attempt is offered only when the work is done or already called back; a closed
//!   request shows its attempts read-only.
//! - Reached and satisfied or neutral moves a done request to `called_back`; dissatisfied
//!   reopens it (from done or called back); an attempt that did not reach the resident moves
//!   nothing. The attempt, its `callback` event and the move are one edit.

use super::flow::{event_edits, transition_edits, Actor, EventText};
use super::RequestList;
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::names::field;
use shared::replica::ReplicaState;
use shared::request::callback::{attempt_move, FollowUp};
use shared::request::deadline::Settings;
use shared::request::history::{EventType, CALLBACK};
use shared::request::{CallbackResult, RequestStatus, Satisfaction};
use shared::RecordId;

/// One call-back attempt as the panel lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct CallbackView {
    pub id: RecordId,
    /// `None` when written by a newer version.
    pub result: Option<CallbackResult>,
    /// Only on an attempt that reached the resident.
    pub satisfaction: Option<Satisfaction>,
    pub comment: String,
    /// When it was made (device time, server-corrected).
    pub at: Option<i64>,
}

/// Every live attempt of `request`, oldest first.
pub fn callbacks(state: &ReplicaState, request: &RecordId) -> Vec<CallbackView> {
    let mut out: Vec<CallbackView> = state
        .records_of(CALLBACK)
        .filter(|(_, f)| f.text(field::REQUEST) == Some(request.as_str()) && !f.is_deleted())
        .map(|(id, f)| CallbackView {
            id: id.clone(),
            result: f.parsed(field::RESULT, CallbackResult::parse),
            satisfaction: f.parsed(field::SATISFACTION, Satisfaction::parse),
            comment: f.string(field::COMMENT),
            at: f.int(field::AT),
        })
        .collect();
    out.sort_by_key(|c| c.at);
    out
}

/// Whether a request in `status` takes a new attempt.
pub fn offers_callback(status: RequestStatus) -> bool {
    matches!(status, RequestStatus::Done | RequestStatus::CalledBack)
}

/// What the panel's form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackForm {
    pub result: CallbackResult,
    /// Required when the resident was reached.
    pub satisfaction: Option<Satisfaction>,
    /// A note on any attempt; the resident's comment when reached.
    pub comment: String,
}

/// Why an attempt cannot be recorded (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackError {
    /// The work is not done (or the request is closed).
    NotOffered,
    /// Reached, but no satisfaction chosen.
    SatisfactionRequired,
    /// The actor's role may not make the status move (department staff never call back).
    NotAllowed,
}

/// The status an attempt moves a request in `status` to, if any: the server's own rule
/// ([`attempt_move`]), which refuses `called_back` without such an attempt
/// (`attempt_required`).
pub fn callback_move(status: RequestStatus, form: &CallbackForm) -> Option<RequestStatus> {
    attempt_move(status, form.result, form.satisfaction)
}

/// The one edit of an attempt: the `callback` child, its `callback` event, and the move.
pub fn callback_edits(
    request: &RecordId,
    status: RequestStatus,
    form: &CallbackForm,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, CallbackError> {
    if !offers_callback(status) {
        return Err(CallbackError::NotOffered);
    }
    let reached = form.result == CallbackResult::Reached;
    if reached && form.satisfaction.is_none() {
        return Err(CallbackError::SatisfactionRequired);
    }
    let id = RecordId::new_v7();
    let c = |field: &str, v: Value| FieldEdit::new(CALLBACK, &id, field, v);
    let mut out = vec![c(field::REQUEST, json!(request)), c(field::RESULT, json!(form.result))];
    out.push(c(field::AT, json!(actor.at)));
    if let Some(s) = form.satisfaction.filter(|_| reached) {
        out.push(c(field::SATISFACTION, json!(s)));
    }
    let comment = form.comment.trim();
    if !comment.is_empty() {
        out.push(c(field::COMMENT, json!(comment)));
    }
    if RecordId::from(actor.staff.as_str()).is_valid() {
        out.push(c(field::BY, json!(actor.staff)));
    }
    let to = match form.satisfaction.filter(|_| reached) {
        Some(s) => s.as_str(),
        None => form.result.as_str(),
    };
    let event = EventText { to: to.into(), note: comment.into(), ..EventText::default() };
    out.extend(event_edits(request, EventType::Callback, &event, actor));
    if let Some(next) = callback_move(status, form) {
        let moved = transition_edits(request, status, next, "", actor)
            .map_err(|_| CallbackError::NotAllowed)?;
        out.extend(moved);
    }
    Ok(out)
}

/// A call-back still to make: a done request, due [`Settings::callback_h`] after `done_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueCallback {
    /// Position in the list's rows.
    pub row: usize,
    pub due: i64,
    pub overdue: bool,
}

/// Every done request of `list` that is called back (not a patrol finding, which is
/// re-checked instead: [`FollowUp`]), soonest due first (a request done without `done_at`
/// counts from its last event).
pub fn due_callbacks(list: &RequestList, s: &Settings, now: i64) -> Vec<DueCallback> {
    let mut out: Vec<DueCallback> = (0..list.rows.len())
        .filter(|&i| list.rows[i].status == RequestStatus::Done)
        .filter(|&i| list.rows[i].follow_up == FollowUp::Callback)
        .filter_map(|i| {
            let due = s.callback_due(list.rows[i].done_at.or(list.meta[i].last_event)?);
            Some(DueCallback { row: i, due, overdue: now > due })
        })
        .collect();
    out.sort_by_key(|d| d.due);
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "followup_tests.rs"]
mod tests;
