//! `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`: the HTTP side of sync (the event
//! stream is in [`super::events`]). The rules are in [`crate::sync`]; these check the request
//! and answer.

use crate::db::accounts::AuthUser;
use crate::error::{ApiJson, AppError, AppResult};
use crate::state::AppState;
use crate::sync::{pull, receive};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use shared::protocol::{ErrorBody, PullResponse, PushRequest, PushResponse};
use shared::schema::SCHEMA_VERSION;
use utoipa::IntoParams;

/// `POST /api/v1/sync/push`: applies the device's batches (a resent batch is a no-op) and says
/// what the server kept; refused changes come back with the change that undoes them.
#[utoipa::path(
    post,
    path = "/sync/push",
    tag = "sync",
    request_body = PushRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Applied; refusals listed", body = PushResponse),
        (status = 400, description = "Malformed push, bad replica id, or a newer schema", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 409, description = "`replica_taken`, `seq_gap`, or `seq_reused`: a batch under an applied `seq` with other changes", body = ErrorBody),
        (status = 413, description = "`payload_too_large` or `too_many_changes`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
    )
)]
pub async fn push(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<PushRequest>,
) -> AppResult<Json<PushResponse>> {
    if req.schema > SCHEMA_VERSION {
        return Err(AppError::BadRequest(format!(
            "schema {} is newer than the server's {SCHEMA_VERSION}",
            req.schema
        )));
    }
    Ok(Json(receive::push(&state, &user, req).await?))
}

/// Query of `GET /api/v1/sync/pull`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PullQuery {
    /// The cursor of the previous pull; none (or one from another scope) starts a snapshot.
    pub cursor: Option<String>,
    /// Most changes in the reply (default 500).
    #[param(minimum = 1, maximum = 5000)]
    pub limit: Option<i64>,
}

/// `GET /api/v1/sync/pull?cursor=C&limit=N`: the scope's changes after the cursor.
#[utoipa::path(
    get,
    path = "/sync/pull",
    tag = "sync",
    params(PullQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of changes, or of a snapshot when `reset`", body = PullResponse),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
    )
)]
pub async fn pull(
    State(state): State<AppState>,
    user: AuthUser,
    q: Result<Query<PullQuery>, QueryRejection>,
) -> AppResult<Json<PullResponse>> {
    let Query(q) = q.map_err(|e| AppError::BadRequest(e.body_text()))?;
    Ok(Json(pull::pull(&state, &user, q.cursor.as_deref(), q.limit).await?))
}
