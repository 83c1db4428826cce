//! Authentication: password hashing, login with throttling of failed attempts, and session
//! tokens. Passwords are argon2id hashes; a token is 32 random bytes shown once to the client
//! and stored only as its SHA-256.

use crate::db::accounts::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::{now_ms, AppState};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rand::RngCore;
use sha2::{Digest, Sha256};
use shared::protocol::{LoginRequest, LoginResponse};
use std::sync::OnceLock;

/// SHA-256 hex of a session token (what the database holds).
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// An argon2id hash of a password (default parameters), off the async runtime.
pub async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

/// Checks a password against a stored hash, off the async runtime.
pub async fn verify_password(password: String, hash: String) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

/// A valid argon2id hash of a password nobody knows: unknown usernames are checked against
/// it so they take as long as wrong passwords and cannot be told apart by timing.
async fn dummy_hash() -> AppResult<String> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h.clone());
    }
    let h = hash_password("guanjia-dummy-password".into()).await?;
    Ok(DUMMY.get_or_init(|| h).clone())
}

/// Checks a login and opens a session. Refused while the username has had too many
/// failures within the window (see `Config::login_max_failures`).
pub async fn login(state: &AppState, req: &LoginRequest) -> AppResult<LoginResponse> {
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
            let token = create_session(state, &user).await?;
            tracing::info!(username = %user.username, "login");
            Ok(LoginResponse { token, me: user.me() })
        }
        _ => {
            db.record_failure(&req.username, now_ms()).await?;
            Err(AppError::BadCredentials)
        }
    }
}

/// Opens a session; returns the token (the only time it exists in clear).
async fn create_session(state: &AppState, user: &AuthUser) -> AppResult<String> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    state.db().insert_session(&token_hash(&token), &user.user_id, now_ms()).await?;
    Ok(token)
}

/// The user behind a live session token.
pub async fn session_user(state: &AppState, token: &str) -> AppResult<Option<AuthUser>> {
    state.db().session_user(&token_hash(token)).await
}

/// Revokes a session token.
pub async fn logout(state: &AppState, token: &str) -> AppResult<()> {
    state.db().revoke_session(&token_hash(token), now_ms()).await
}
