//! Receiving a push (`POST /sync/push`): the request checked as a whole, queued for its
//! site's group commit ([`super::writer`]), which applies it ([`super::push`]), and the
//! answer read as the pusher reads. Apart from the applying, so that the writer, which
//! calls the applying, is not called back from the file it calls.

use crate::db::accounts::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use shared::protocol::{PushRequest, PushResponse, MAX_PUSH_CHANGES};

/// Applies a push from `user`'s device and says what the server kept.
///
/// Each batch is admitted by [`shared::protocol::admit`] — the model server's rules too: a
/// replica id belongs to the user who first pushed it (409 `replica_taken`), a batch after
/// `last_seq + 1` is refused (409 `seq_gap`), a resend of applied batches is answered with
/// the refusals stored for them, and other changes under an applied `seq` are refused (409
/// `seq_reused`), never dropped as a resend.
pub async fn push(state: &AppState, user: &AuthUser, req: PushRequest) -> AppResult<PushResponse> {
    if !req.replica.is_valid() {
        return Err(AppError::BadRequest("invalid replica id".into()));
    }
    shared::protocol::admit::claimable(&req.replica)?;
    let history = state.history();
    shared::protocol::admit::same_history(req.history.as_deref(), &history.id)?;
    // A restatement of what a device held at a restore: it names the history replaced.
    let recovery = match (&history.restored, req.rebase_from.as_deref()) {
        (Some((replaced, at)), Some(from)) if replaced == from => {
            shared::push_rules::Recovery::granted(*at, crate::clock::now_ms())
        }
        _ => None,
    };
    let count: usize = req.batches.iter().map(|b| b.changes.len()).sum();
    if count > MAX_PUSH_CHANGES {
        return Err(AppError::TooManyChanges { max: MAX_PUSH_CHANGES, got: count });
    }
    let batches = shared::protocol::admit::in_order(req.batches)?;
    let applied = super::writer::submit(state, user, req.replica, batches, recovery).await?;
    // Compensations restate stored values: the pusher reads them as a pull would show them,
    // whether judged now or replayed from storage (which keeps them whole, for the server).
    let reader = user.reader();
    Ok(PushResponse {
        last_seq: applied.last_seq,
        rejections: applied.rejections.into_iter().map(|r| reader.rejection(r)).collect(),
        server_hlc: state.hlc_now(),
        history: Some(history.id.clone()),
    })
}
