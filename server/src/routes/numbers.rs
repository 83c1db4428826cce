//! `POST /api/v1/sync/numbers`: a block of the site's request-number counter for the caller's
//! device (`shared::request::number`), so it can number requests offline, never twice.

use crate::db::accounts::AuthUser;
use crate::error::{ApiJson, AppError, AppResult};
use crate::state::{now_ms, AppState};
use axum::extract::State;
use axum::Json;
use shared::protocol::ErrorBody;
use shared::request::number::{NumberBlock, NumberBlockRequest, BLOCK_SIZE};
use shared::ReplicaId;

/// Gives the caller's replica the next [`BLOCK_SIZE`] numbers of the site's counter. The
/// replica follows the rule of a push: an unseen replica id becomes the caller's, one first
/// seen for another user is refused (409 `replica_taken`). Every call gives a fresh block,
/// taken inside the site's write transaction, so concurrent calls never overlap.
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
        (status = 409, description = "`replica_taken`: the replica is another user's", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
    )
)]
pub async fn numbers(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<NumberBlockRequest>,
) -> AppResult<Json<NumberBlock>> {
    if !req.replica.is_valid() || req.replica == ReplicaId::server() {
        return Err(AppError::BadRequest("invalid replica id".into()));
    }
    let replica = req.replica.as_str();
    let mut stx = state.db().begin_site(&user.site_id).await?;
    if !stx.claim_replica(replica, &user.user_id).await? {
        return Err(AppError::ReplicaTaken(replica.to_owned()));
    }
    let block = stx.take_numbers(replica, &user.user_id, BLOCK_SIZE, now_ms()).await?;
    stx.commit().await?;
    Ok(Json(block))
}
