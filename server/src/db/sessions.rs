//! Sessions and their event-stream tickets in storage. Tokens and tickets are stored only as
//! their SHA-256 ([`crate::auth::token_hash`]), so a database leak yields no usable one. How long a
//! session lives is decided above ([`crate::auth`]); these take the limits as plain values.

use super::accounts::{user_from_row, AuthUser, Liveness, USER_COLUMNS};
use super::Db;
use crate::error::AppResult;
use crate::limits::Recent;
use sqlx::Row;

/// A live session's user and when it was last seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSession {
    pub user: AuthUser,
    pub last_seen_ms: u64,
}

impl Db {
    /// The user behind a live session (not revoked, not expired, account not disabled), by
    /// token hash.
    pub async fn live_session(
        &self,
        token_hash: &str,
        live: Liveness,
    ) -> AppResult<Option<LiveSession>> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, t.last_seen_ms FROM sessions t \
             JOIN users u ON u.id = t.user_id JOIN sites s ON s.id = u.site_id \
             WHERE t.token_hash = $1 AND t.revoked_ms IS NULL AND u.disabled_ms IS NULL \
             AND t.created_ms > $2 AND t.last_seen_ms > $3"
        );
        let row = sqlx::query(&sql)
            .bind(token_hash)
            .bind(live.created_after as i64)
            .bind(live.seen_after as i64)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let last_seen: i64 = row.try_get("last_seen_ms")?;
        Ok(Some(LiveSession { user: user_from_row(&row)?, last_seen_ms: last_seen as u64 }))
    }

    /// Records that a session was used at `now_ms`, unless it was already seen after
    /// `seen_since_ms` (so busy sessions are written at most once per interval).
    pub async fn touch_session(
        &self,
        token_hash: &str,
        now_ms: u64,
        seen_since_ms: u64,
    ) -> AppResult<()> {
        sqlx::query(
            "UPDATE sessions SET last_seen_ms = $1 WHERE token_hash = $2 AND last_seen_ms <= $3",
        )
        .bind(now_ms as i64)
        .bind(token_hash)
        .bind(seen_since_ms as i64)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Stores a new session, created and seen at `now_ms`.
    pub async fn insert_session(
        &self,
        token_hash: &str,
        user_id: &str,
        now_ms: u64,
    ) -> AppResult<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_ms, last_seen_ms) \
             VALUES ($1, $2, $3, $3)",
        )
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

    /// Revokes every session of a user at `now_ms`; returns how many were still unrevoked.
    pub async fn revoke_user_sessions(&self, user_id: &str, now_ms: u64) -> AppResult<u64> {
        let done = sqlx::query(
            "UPDATE sessions SET revoked_ms = $1 WHERE user_id = $2 AND revoked_ms IS NULL",
        )
        .bind(now_ms as i64)
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}

/// A ticket to store: its hash, its session's token hash, its user and when it expires (ms).
#[derive(Debug, Clone, Copy)]
pub struct NewTicket<'a> {
    pub ticket_hash: &'a str,
    pub token_hash: &'a str,
    pub user_id: &'a str,
    pub expires_ms: u64,
}

/// Event-stream tickets: in the database, not in memory, so a ticket issued by one instance
/// opens a stream on any other behind the same load balancer.
impl Db {
    /// Stores a ticket for the session `token_hash` of `user_id`, valid until `expires_ms`,
    /// once `admit` allows it given the user's tickets still live at `now_ms` (how many,
    /// and when the first expires). The user's row is locked first (a no-op update), so
    /// parallel requests of one user are counted one after the other, on both engines.
    pub async fn insert_ticket(
        &self,
        t: NewTicket<'_>,
        now_ms: u64,
        admit: impl FnOnce(Recent) -> AppResult<()>,
    ) -> AppResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET disabled_ms = disabled_ms WHERE id = $1")
            .bind(t.user_id)
            .execute(&mut *tx)
            .await?;
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, MIN(expires_ms) AS first_ms FROM event_tickets \
             WHERE user_id = $1 AND expires_ms > $2",
        )
        .bind(t.user_id)
        .bind(now_ms as i64)
        .fetch_one(&mut *tx)
        .await?;
        let first: Option<i64> = row.try_get("first_ms")?;
        let count = row.try_get::<i64, _>("n")? as u64;
        admit(Recent { count, first_frees_ms: first.map(|ms| ms as u64) })?;
        sqlx::query(
            "INSERT INTO event_tickets (ticket_hash, token_hash, user_id, expires_ms) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(t.ticket_hash)
        .bind(t.token_hash)
        .bind(t.user_id)
        .bind(t.expires_ms as i64)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Takes a ticket: deletes it and returns its session's token hash when it had not
    /// expired at `now_ms`. One statement, so of two requests with one ticket only one gets it.
    pub async fn take_ticket(&self, ticket_hash: &str, now_ms: u64) -> AppResult<Option<String>> {
        let row = sqlx::query(
            "DELETE FROM event_tickets WHERE ticket_hash = $1 RETURNING token_hash, expires_ms",
        )
        .bind(ticket_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let expires: i64 = row.try_get("expires_ms")?;
        Ok((expires > now_ms as i64).then(|| row.try_get("token_hash")).transpose()?)
    }

    /// Deletes the sessions that can never be used again — revoked, or past their absolute or
    /// idle lifetime under `live` — so the table holds live sessions only; returns how many.
    pub async fn purge_sessions(&self, live: Liveness) -> AppResult<u64> {
        let done = sqlx::query(
            "DELETE FROM sessions WHERE revoked_ms IS NOT NULL OR created_ms <= $1              OR last_seen_ms <= $2",
        )
        .bind(live.created_after as i64)
        .bind(live.seen_after as i64)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Deletes the tickets expired at `now_ms`; returns how many.
    pub async fn purge_tickets(&self, now_ms: u64) -> AppResult<u64> {
        let done = sqlx::query("DELETE FROM event_tickets WHERE expires_ms <= $1")
            .bind(now_ms as i64)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
