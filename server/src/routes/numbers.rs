//! `POST /api/v1/sync/numbers`: a block of the site's request-number counter for the caller's
//! device (`shared::request::number`), so it can number requests offline, never twice.

use crate::db::accounts::AuthUser;
use crate::error::{ApiJson, AppError, AppResult};
use crate::limits::{admit, Recent, NUMBER_BLOCKS_PER_WINDOW, NUMBER_WINDOW};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use shared::protocol::ErrorBody;
use shared::request::number::{NumberBlock, NumberBlockRequest, BLOCK_SIZE};

/// Gives the caller's replica the next [`BLOCK_SIZE`] numbers of the site's counter. The
/// replica follows the rule of a push: an unseen replica id becomes the caller's, one first
/// seen for another user is refused (409 `replica_taken`). Every call gives a fresh block,
/// taken inside the site's write transaction, so concurrent calls never overlap. A user takes
/// at most [`NUMBER_BLOCKS_PER_WINDOW`] blocks an hour (429 `too_many_number_blocks` beyond):
/// counted first without the write lock, so a refused flood never holds it, and again under
/// it, so parallel calls cannot slip past the count together.
#[utoipa::path(
    post,
    path = "/sync/numbers",
    tag = "sync",
    request_body = NumberBlockRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A fresh block: `start .. start + count`", body = NumberBlock),
        (status = 400, description = "Malformed body or invalid replica id", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 409, description = "`replica_taken`: the replica is another user's (or `server`, the server's own)", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the body is over the server's limit", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not `application/json`", body = ErrorBody),
        (status = 429, description = "`too_many_number_blocks`: 30 blocks within the hour", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until the next block is allowed"))),
    )
)]
pub async fn numbers(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<NumberBlockRequest>,
) -> AppResult<Json<NumberBlock>> {
    if !req.replica.is_valid() {
        return Err(AppError::BadRequest("invalid replica id".into()));
    }
    shared::protocol::admit::claimable(&req.replica)?;
    let replica = req.replica.as_str();
    let now = state.config().clock.now_ms();
    let since = now.saturating_sub(NUMBER_WINDOW.as_millis() as u64);
    admit_block(state.db().blocks_since(&user.user_id, since).await?, now)?;
    let mut stx = state.db().begin_site(&user.site_id).await?;
    admit_block(stx.blocks_since(&user.user_id, since).await?, now)?;
    if !stx.claim_replica(replica, &user.user_id).await? {
        return Err(shared::protocol::admit::PushRefusal::ReplicaTaken.into());
    }
    let block = stx.take_numbers(replica, &user.user_id, BLOCK_SIZE, now).await?;
    stx.commit().await?;
    Ok(Json(block))
}

/// Allows one more block to a user who took `count` since the window began, the first at
/// `first_ms`, or refuses it until that first block leaves the window.
fn admit_block((count, first_ms): (u64, Option<u64>), now_ms: u64) -> AppResult<()> {
    let window = NUMBER_WINDOW.as_millis() as u64;
    let recent = Recent { count, first_frees_ms: first_ms.map(|ms| ms + window) };
    admit(recent, NUMBER_BLOCKS_PER_WINDOW, now_ms, window)
        .map_err(|retry_after_secs| AppError::TooManyNumberBlocks { retry_after_secs })
}
