//! `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`: the HTTP side of sync (the event
//! stream is in [`super::events`]). The rules are in [`crate::sync`]; these check the request
//! and answer.

use crate::db::accounts::AuthUser;
use crate::error::{ApiJson, AppError, AppResult};
use crate::state::AppState;
use crate::sync::{pull, receive};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::Json;
use serde::Deserialize;
use shared::protocol::{
    schema_accepted, ErrorBody, PullResponse, PushRequest, PushResponse, FIRST_BATCH_SEQ,
    FIRST_SCHEMA_VERSION, NEXT_CURSOR_HEADER,
};
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
        (status = 400, description = "Malformed push, bad replica id, a batch `seq` of 0, or a schema outside the server's range", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 409, description = "`replica_taken` (another user's replica, or `server`), `seq_gap`, `seq_reused` (a batch under an applied `seq` with other changes), or `history_changed` (numbered in a server history a restore replaced)", body = ErrorBody),
        (status = 413, description = "`payload_too_large` or `too_many_changes`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
    )
)]
pub async fn push(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<PushRequest>,
) -> AppResult<Json<PushResponse>> {
    if !schema_accepted(req.schema) {
        return Err(AppError::BadRequest(format!(
            "schema {} is not one this server reads: {FIRST_SCHEMA_VERSION} to {SCHEMA_VERSION}",
            req.schema
        )));
    }
    if req.batches.iter().any(|b| b.seq < FIRST_BATCH_SEQ) {
        return Err(AppError::BadRequest(format!(
            "batches are numbered from {FIRST_BATCH_SEQ} / 批次编号从 {FIRST_BATCH_SEQ} 开始"
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
    /// Most changes in the reply.
    #[param(schema_with = limit_schema)]
    pub limit: Option<i64>,
}

/// `limit`: [`pull::MIN_LIMIT`] to [`pull::MAX_LIMIT`], [`pull::DEFAULT_LIMIT`] when absent;
/// any other value is refused (400), never clamped.
fn limit_schema() -> utoipa::openapi::schema::ObjectBuilder {
    let (min, max, default) = (pull::MIN_LIMIT, pull::MAX_LIMIT, pull::DEFAULT_LIMIT);
    let text =
        format!("Most changes in the reply: {min} to {max} (else 400), {default} when absent");
    shared::openapi::integer(min as u64, Some(max as u64), &text).default(Some(default.into()))
}

/// `GET /api/v1/sync/pull?cursor=C&limit=N`: the scope's changes after the cursor.
#[utoipa::path(
    get,
    path = "/sync/pull",
    tag = "sync",
    params(PullQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of changes, or of a snapshot when `reset`", body = PullResponse,
            headers(("guanjia-next-cursor" = String, description = "When `more`: the page's `cursor`, readable before the body"))),
        (status = 400, description = "Malformed query, or `limit` out of its range", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
    )
)]
pub async fn pull(
    State(state): State<AppState>,
    user: AuthUser,
    q: Result<Query<PullQuery>, QueryRejection>,
) -> AppResult<(HeaderMap, Json<PullResponse>)> {
    let Query(q) = q.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let limit = pull::page_size(q.limit)?;
    let page = pull::pull(&state, &user, q.cursor.as_deref(), limit).await?;
    let mut headers = HeaderMap::new();
    // A cursor is ASCII (a scope tag, a number, kind, id and field names); one that were not
    // would simply go without the header, and the device read it from the body.
    if let (true, Ok(next)) = (page.more, HeaderValue::from_str(&page.cursor)) {
        headers.insert(NEXT_CURSOR_HEADER, next);
    }
    Ok((headers, Json(page)))
}
