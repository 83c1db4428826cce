//! Receiving a push (`POST /sync/push`): the request checked as a whole, queued for its
//! site's group commit ([`super::writer`]), which applies it ([`super::push`]), and the
//! answer read as the pusher reads. Apart from the applying, so that the writer, which
//! calls the applying, is not called back from the file it calls.

use crate::db::accounts::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use shared::protocol::{PushRequest, PushResponse, MAX_PUSH_CHANGES};
use shared::ReplicaId;

/// Applies a push from `user`'s device and says what the server kept.
///
/// A replica id belongs to the user who first pushed it (another user gets 409
/// `replica_taken`), and its batches must follow one another: a batch after `last_seq + 1`
/// is refused (409 `seq_gap`), so nobody can make the server skip a device's work by
/// claiming a huge `seq`. A resend of applied batches is answered with the refusals stored
/// for them, so a lost reply costs nothing; a batch under an applied `seq` with other changes
/// is refused (409 `seq_reused`), never dropped as a resend.
pub async fn push(state: &AppState, user: &AuthUser, req: PushRequest) -> AppResult<PushResponse> {
    if !req.replica.is_valid() {
        return Err(AppError::BadRequest("invalid replica id".into()));
    }
    // The server's own id is taken: by the server, for its compensations and conflicts.
    if req.replica == ReplicaId::server() {
        return Err(AppError::ReplicaTaken(req.replica.0));
    }
    let count: usize = req.batches.iter().map(|b| b.changes.len()).sum();
    if count > MAX_PUSH_CHANGES {
        return Err(AppError::TooManyChanges { max: MAX_PUSH_CHANGES, got: count });
    }
    let mut batches = req.batches;
    batches.sort_by_key(|b| b.seq);
    // One `seq` twice in a push: the same batch sent twice, or new work under a reused number.
    if let Some(w) = batches.windows(2).find(|w| w[0].seq == w[1].seq && w[0] != w[1]) {
        return Err(AppError::SeqReused { seq: w[0].seq });
    }
    batches.dedup_by_key(|b| b.seq);
    let applied = super::writer::submit(state, user, req.replica, batches).await?;
    // Compensations restate stored values: the pusher reads them as a pull would show them,
    // whether judged now or replayed from storage (which keeps them whole, for the server).
    let reader = user.reader();
    Ok(PushResponse {
        last_seq: applied.last_seq,
        rejections: applied.rejections.into_iter().map(|r| reader.rejection(r)).collect(),
        server_hlc: state.hlc_now(),
    })
}
