//! Login, logout, `/me`, and the bearer-token extractors every other route uses.

use crate::db::users::{verify_password, AuthUser};
use crate::error::{ApiJson, AppError, AppResult};
use crate::state::{now_ms, AppState};
use axum::extract::{FromRequestParts, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use shared::protocol::{LoginRequest, LoginResponse, Me};
use std::sync::OnceLock;

/// The raw bearer token of a request (`Authorization: Bearer …`).
#[derive(Debug, Clone)]
pub struct BearerToken(pub String);

/// Reads the bearer token from the `Authorization` header, if any.
pub fn header_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_owned()).filter(|t| !t.is_empty())
}

impl<S: Send + Sync> FromRequestParts<S> for BearerToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        header_token(&parts.headers).map(BearerToken).ok_or(AppError::Unauthorized)
    }
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = header_token(&parts.headers).ok_or(AppError::Unauthorized)?;
        state.db().session_user(&token).await?.ok_or(AppError::Unauthorized)
    }
}

/// A valid argon2id hash of a password nobody knows: unknown usernames are checked against
/// it so they take as long as wrong passwords and cannot be told apart by timing.
async fn dummy_hash() -> AppResult<String> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h.clone());
    }
    let h = crate::db::users::hash_password("guanjia-dummy-password".into()).await?;
    Ok(DUMMY.get_or_init(|| h).clone())
}

/// `POST /api/v1/auth/login`.
pub async fn login(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<Json<LoginResponse>> {
    let db = state.db();
    let cfg = state.config();
    let since = now_ms().saturating_sub(cfg.login_window.as_millis() as u64);
    if db.recent_failures(&req.username, since).await? >= i64::from(cfg.login_max_failures) {
        return Err(AppError::TooManyAttempts);
    }
    let found = db.user_by_username(&req.username).await?;
    let ok = match &found {
        Some((_, hash)) => verify_password(req.password.clone(), hash.clone()).await?,
        None => {
            verify_password(req.password.clone(), dummy_hash().await?).await?;
            false
        }
    };
    match found {
        Some((user, _)) if ok => {
            db.clear_failures(&req.username).await?;
            let token = db.create_session(&user.user_id).await?;
            tracing::info!(username = %user.username, "login");
            Ok(Json(LoginResponse { token, me: user.me() }))
        }
        _ => {
            db.record_failure(&req.username).await?;
            Err(AppError::BadCredentials)
        }
    }
}

/// `POST /api/v1/auth/logout`: revokes the token.
pub async fn logout(
    State(state): State<AppState>,
    _user: AuthUser,
    BearerToken(token): BearerToken,
) -> AppResult<StatusCode> {
    state.db().revoke_session(&token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/me`.
pub async fn me(user: AuthUser) -> Json<Me> {
    Json(user.me())
}
