//! Sessions and failed logins in storage. Tokens are stored only as their SHA-256
//! ([`crate::auth::token_hash`]), so a database leak yields no usable token.

use super::accounts::{user_from_row, AuthUser, USER_COLUMNS};
use super::Db;
use crate::error::AppResult;
use sqlx::Row;

impl Db {
    /// The user behind a live (not revoked) session, by token hash.
    pub async fn session_user(&self, token_hash: &str) -> AppResult<Option<AuthUser>> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM sessions t JOIN users u ON u.id = t.user_id \
             JOIN sites s ON s.id = u.site_id WHERE t.token_hash = $1 AND t.revoked_ms IS NULL"
        );
        let row = sqlx::query(&sql).bind(token_hash).fetch_optional(&self.pool).await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Stores a new session.
    pub async fn insert_session(
        &self,
        token_hash: &str,
        user_id: &str,
        now_ms: u64,
    ) -> AppResult<()> {
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_ms) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(user_id)
            .bind(now_ms as i64)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Revokes a session at `now_ms`.
    pub async fn revoke_session(&self, token_hash: &str, now_ms: u64) -> AppResult<()> {
        sqlx::query(
            "UPDATE sessions SET revoked_ms = $1 WHERE token_hash = $2 AND revoked_ms IS NULL",
        )
        .bind(now_ms as i64)
        .bind(token_hash)
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

    /// Records a failed login at `now_ms`.
    pub async fn record_failure(&self, username: &str, now_ms: u64) -> AppResult<()> {
        sqlx::query("INSERT INTO login_failures (username, at_ms) VALUES ($1, $2)")
            .bind(username)
            .bind(now_ms as i64)
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
}
