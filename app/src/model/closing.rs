//! Closing a request in the app (issue 28 point 8): what keeps the close button disabled and
//! whether a request's forms are read-only, both the server's own rules
//! (`shared::request::closing`), so the page offers exactly what the server accepts.
//!
//! Laws:
//! - [`close_blockers`] is empty exactly when the server takes the move to closed with that
//!   result (`complaint_open`, `result_required` otherwise).
//! - A closed request is [`read_only`] until reopened; the server refuses its edits
//!   (`request_closed`).
//!
//! `rules_tests.rs` pushes the close form's edits to the model server.

use super::flow::{transition_edits, Actor, FlowError};
use crate::sync::FieldEdit;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::closing;
use shared::request::RequestStatus;
use shared::{Kind, RecordId};

pub use shared::request::closing::CloseBlocker;

/// What still keeps request `id` from closing with `result` (what the form holds), in the
/// order the loop runs; empty when it may close. Nothing for an unknown request.
pub fn close_blockers(state: &ReplicaState, id: &RecordId, result: &str) -> Vec<CloseBlocker> {
    let Some(f) = state.record(&Kind::new(kind::REQUEST), id) else { return Vec::new() };
    closing::close_blockers(closing::record_loop(f).as_ref(), result)
}

/// Whether request `id` is read-only: closed, until the office reopens it.
pub fn read_only(state: &ReplicaState, id: &RecordId) -> bool {
    let f = state.record(&Kind::new(kind::REQUEST), id);
    closing::read_only(f.and_then(|f| f.parsed(field::STATUS, RequestStatus::parse)))
}

/// Why closing was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CloseError {
    /// The loop or the result is not there yet.
    Blocked(Vec<CloseBlocker>),
    /// The role may not close from here.
    Flow(FlowError),
}

/// The edits that close request `id` (from `from`) with `result`: the status, the result
/// and the status event; refused with what still blocks it.
pub fn close_edits(
    state: &ReplicaState,
    id: &RecordId,
    from: RequestStatus,
    result: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, CloseError> {
    let blockers = close_blockers(state, id, result);
    if !blockers.is_empty() {
        return Err(CloseError::Blocked(blockers));
    }
    transition_edits(id, from, RequestStatus::Closed, result, actor).map_err(CloseError::Flow)
}
