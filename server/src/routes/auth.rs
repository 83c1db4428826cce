//! Login, logout, `/me`, and the bearer-token extractors every other route uses.

use crate::auth;
use crate::db::accounts::AuthUser;
use crate::error::{ApiJson, AppError, AppResult};
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use shared::protocol::{ErrorBody, LoginRequest, LoginResponse, Me};
use std::net::{IpAddr, SocketAddr};

/// The header a proxy names the client in ([`crate::auth::forwarded`]).
pub const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// The address a request came from: the TCP peer, or, when the peer is a trusted proxy
/// (`--trusted-proxy`), the client it forwarded for ([`auth::forwarded::client_address`]).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ConnectInfo(peer) = ConnectInfo::<SocketAddr>::from_request_parts(parts, state)
            .await
            .map_err(AppError::internal)?;
        // A line that is not text cannot be read as an address: it stops the search there.
        let lines =
            parts.headers.get_all(X_FORWARDED_FOR).iter().map(|v| v.to_str().unwrap_or("?"));
        let trusted = &state.config().trusted_proxies;
        Ok(ClientAddr(auth::forwarded::client_address(peer.ip(), trusted, lines)))
    }
}

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
        auth::session_user(state, &token).await?.ok_or(AppError::Unauthorized)
    }
}

/// `POST /api/v1/auth/login`: a session token for a username and password. Unknown users,
/// disabled accounts and wrong passwords answer alike. After a few failures of one username
/// from one address (or many from one address), each further attempt from that address must
/// wait, twice as long each time; other addresses are not affected, nor is a right password
/// of a username that has not failed from that address (`crate::auth::throttle`).
#[utoipa::path(
    post,
    path = "/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 400, description = "Not a login request, a username over 64 bytes or a password over 1 KiB", body = ErrorBody),
        (status = 401, description = "`bad_credentials`", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the body is over the server's limit", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not `application/json`", body = ErrorBody),
        (status = 429, description = "`too_many_attempts`: this address must wait", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is allowed"))),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<Json<LoginResponse>> {
    Ok(Json(auth::login(&state, &req, client).await?))
}

/// `POST /api/v1/auth/logout`: revokes the token and ends the event streams opened with it.
#[utoipa::path(
    post,
    path = "/auth/logout",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
    )
)]
pub async fn logout(
    State(state): State<AppState>,
    _user: AuthUser,
    BearerToken(token): BearerToken,
) -> AppResult<StatusCode> {
    auth::logout(&state, &token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/me`: who the token belongs to, and the scope derived from it.
#[utoipa::path(
    get,
    path = "/me",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = Me),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
    )
)]
pub async fn me(user: AuthUser) -> Json<Me> {
    Json(user.me())
}
