//! Accounts, sessions and login throttling.
//!
//! Passwords are argon2id hashes; session tokens are 32 random bytes shown once to the
//! client and stored only as their SHA-256, so a database leak yields no usable token.

use super::push::{apply_server_changes, server_change};
use super::Db;
use crate::error::{AppError, AppResult};
use crate::state::{now_ms, AppState};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};
use shared::protocol::Me;
use shared::request::Role;
use shared::RecordId;
use sqlx::any::AnyRow;
use sqlx::Row;

/// The signed-in user behind a session token; the scope is derived from it, never from
/// the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthUser {
    /// The user's `staff` record id.
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub site_id: String,
    pub site_name: String,
    pub area_id: Option<String>,
}

impl AuthUser {
    /// The `/me` view of this user.
    pub fn me(&self) -> Me {
        Me {
            staff_id: self.user_id.clone(),
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            site_id: self.site_id.clone(),
            site_name: self.site_name.clone(),
            area_id: self.area_id.clone(),
        }
    }
}

const USER_COLUMNS: &str =
    "u.id, u.username, u.display_name, u.role, u.site_id, s.name AS site_name, u.area_id";

fn user_from_row(row: &AnyRow) -> AppResult<AuthUser> {
    let role: String = row.try_get("role")?;
    Ok(AuthUser {
        user_id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role: Role::parse(&role).ok_or_else(|| AppError::internal(format!("bad role {role}")))?,
        site_id: row.try_get("site_id")?,
        site_name: row.try_get("site_name")?,
        area_id: row.try_get("area_id")?,
    })
}

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

impl Db {
    /// The highest applied batch of a replica (0 when unknown).
    pub async fn replica_last_seq(&self, replica: &str) -> AppResult<u64> {
        let row = sqlx::query("SELECT last_seq FROM replicas WHERE id = $1")
            .bind(replica)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get::<i64, _>("last_seq")).transpose()?.unwrap_or(0).max(0) as u64)
    }

    /// A user and their password hash, by username.
    pub async fn user_by_username(&self, username: &str) -> AppResult<Option<(AuthUser, String)>> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, u.password_hash FROM users u JOIN sites s ON s.id = u.site_id \
             WHERE u.username = $1"
        );
        let row = sqlx::query(&sql).bind(username).fetch_optional(&self.pool).await?;
        row.map(|r| Ok((user_from_row(&r)?, r.try_get("password_hash")?))).transpose()
    }

    /// The user behind a live (not revoked) session token.
    pub async fn session_user(&self, token: &str) -> AppResult<Option<AuthUser>> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM sessions t JOIN users u ON u.id = t.user_id \
             JOIN sites s ON s.id = u.site_id WHERE t.token_hash = $1 AND t.revoked_ms IS NULL"
        );
        let row = sqlx::query(&sql).bind(token_hash(token)).fetch_optional(&self.pool).await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Opens a session; returns the token (the only time it exists in clear).
    pub async fn create_session(&self, user_id: &str) -> AppResult<String> {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_ms) VALUES ($1, $2, $3)")
            .bind(token_hash(&token))
            .bind(user_id)
            .bind(now_ms() as i64)
            .execute(&self.pool)
            .await?;
        Ok(token)
    }

    /// Revokes a session token.
    pub async fn revoke_session(&self, token: &str) -> AppResult<()> {
        sqlx::query(
            "UPDATE sessions SET revoked_ms = $1 WHERE token_hash = $2 AND revoked_ms IS NULL",
        )
        .bind(now_ms() as i64)
        .bind(token_hash(token))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Failed logins for a username since `since_ms`.
    pub async fn recent_failures(&self, username: &str, since_ms: u64) -> AppResult<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM login_failures WHERE username = $1 AND at_ms > $2",
        )
        .bind(username)
        .bind(since_ms as i64)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("n")?)
    }

    /// Records a failed login.
    pub async fn record_failure(&self, username: &str) -> AppResult<()> {
        sqlx::query("INSERT INTO login_failures (username, at_ms) VALUES ($1, $2)")
            .bind(username)
            .bind(now_ms() as i64)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forgets a username's failures (after a successful login: they must be consecutive).
    pub async fn clear_failures(&self, username: &str) -> AppResult<()> {
        sqlx::query("DELETE FROM login_failures WHERE username = $1")
            .bind(username)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A site's id by name.
    pub async fn site_by_name(&self, name: &str) -> AppResult<Option<String>> {
        let row = sqlx::query("SELECT id FROM sites WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("id")).transpose()?)
    }

    /// Number of sites (the demo is seeded only into an empty database).
    pub async fn site_count(&self) -> AppResult<i64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM sites").fetch_one(&self.pool).await?;
        Ok(row.try_get("n")?)
    }
}

/// Creates a site (row + `site` record) with a given id; returns its id.
pub async fn create_site(state: &AppState, id: &RecordId, name: &str) -> AppResult<String> {
    sqlx::query("INSERT INTO sites (id, name, last_seq, created_ms) VALUES ($1, $2, 0, $3)")
        .bind(id.as_str())
        .bind(name)
        .bind(now_ms() as i64)
        .execute(&state.db().pool)
        .await?;
    apply_server_changes(
        state,
        id.as_str(),
        &[server_change("site", id, "name", json!(name), state)],
    )
    .await?;
    Ok(id.0.clone())
}

/// What `guanjia user add` asks for.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub site: String,
    pub role: Role,
    pub area: Option<String>,
    pub username: String,
    pub password: String,
    pub name: String,
}

/// Shortest password an account may be given (the login lockout slows guessing; this keeps
/// the guesses from being few).
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Creates an account and its `staff` record (creating the site when missing). The staff
/// id may be given (demo data is deterministic) or is a fresh UUIDv7.
pub async fn add_user(
    state: &AppState,
    u: NewUser,
    staff_id: Option<RecordId>,
) -> AppResult<AuthUser> {
    if u.username.trim().is_empty() {
        return Err(AppError::BadRequest("username must not be empty".into()));
    }
    if u.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::BadRequest(format!(
            "password must have at least {MIN_PASSWORD_CHARS} characters / 密码至少 {MIN_PASSWORD_CHARS} 位"
        )));
    }
    if state.db().user_by_username(&u.username).await?.is_some() {
        return Err(AppError::Conflict(format!("user {} already exists", u.username)));
    }
    let site_id = match (state.db().site_by_name(&u.site).await?, &u.area) {
        (Some(id), _) => id,
        (None, Some(area)) => {
            return Err(AppError::NotFound(format!("no site {} (so no area {area})", u.site)));
        }
        (None, None) => create_site(state, &RecordId::new_v7(), &u.site).await?,
    };
    let area_id = match &u.area {
        None => None,
        Some(name) => {
            let mut stx = state.db().begin_site(&site_id).await?;
            let found = stx.find_by_field("area", "name", &json!(name)).await?;
            stx.commit().await?;
            Some(found.ok_or_else(|| AppError::NotFound(format!("no area {name} in {}", u.site)))?)
        }
    };
    let id = staff_id.unwrap_or_else(RecordId::new_v7);
    let hash = hash_password(u.password.clone()).await?;
    sqlx::query(
        "INSERT INTO users (id, username, password_hash, display_name, role, site_id, area_id, created_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id.as_str())
    .bind(&u.username)
    .bind(hash)
    .bind(&u.name)
    .bind(u.role.as_str())
    .bind(&site_id)
    .bind(area_id.clone())
    .bind(now_ms() as i64)
    .execute(&state.db().pool)
    .await?;
    let mut changes = vec![
        server_change("staff", &id, "name", json!(u.name), state),
        server_change("staff", &id, "username", json!(u.username), state),
        server_change("staff", &id, "role", json!(u.role.as_str()), state),
    ];
    if let Some(a) = &area_id {
        changes.push(server_change("staff", &id, "area", json!(a), state));
    }
    apply_server_changes(state, &site_id, &changes).await?;
    state
        .db()
        .user_by_username(&u.username)
        .await?
        .map(|(user, _)| user)
        .ok_or_else(|| AppError::internal("user vanished"))
}
