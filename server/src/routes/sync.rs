//! `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`.

use crate::db::accounts::AuthUser;
use crate::error::{ApiJson, AppError, AppResult};
use crate::state::AppState;
use crate::sync::{pull, push};
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use shared::protocol::{PullResponse, PushRequest, PushResponse};
use shared::schema::SCHEMA_VERSION;

/// `POST /api/v1/sync/push`.
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
    Ok(Json(push::push(&state, &user, req).await?))
}

/// Query of `GET /api/v1/sync/pull`.
#[derive(Debug, Deserialize)]
pub struct PullQuery {
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

/// `GET /api/v1/sync/pull?cursor=C&limit=N`.
pub async fn pull(
    State(state): State<AppState>,
    user: AuthUser,
    q: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> AppResult<Json<PullResponse>> {
    let Query(q) = q.map_err(|e| AppError::BadRequest(e.body_text()))?;
    Ok(Json(pull::pull(&state, &user, q.cursor.as_deref(), q.limit).await?))
}
