//! Login throttle rows: one per key (a username at a client address, or a client address),
//! counting the failures in a row and saying when the next attempt may be made. The rules
//! (which keys, how long) are in [`crate::auth::throttle`].

use super::Db;
use crate::error::AppResult;
use sqlx::Row;

/// How attempts on one key are spaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spacing {
    /// Failures in a row allowed before attempts must wait (at least 1).
    pub free: u32,
    /// The first wait, in milliseconds; it doubles with each further failure.
    pub first_delay_ms: u64,
    /// The longest wait, in milliseconds.
    pub max_delay_ms: u64,
}

impl Db {
    /// Claims one attempt on `key` at `now_ms`, counting it as a failure until
    /// [`Db::clear_throttle`] or [`Db::release_attempt`] says otherwise. One statement, so
    /// of many parallel attempts exactly those the spacing allows are claimed: the upsert
    /// takes the row only while `next_allowed_ms` has passed, and the claim that reaches the
    /// free failures pushes `next_allowed_ms` into the future for the others. Returns the
    /// failures counted with this one (1: the key had none), or `None` when it must wait.
    pub async fn claim_attempt(
        &self,
        key: &str,
        now_ms: u64,
        s: Spacing,
    ) -> AppResult<Option<u32>> {
        self.count_attempt(key, now_ms, s, "WHERE login_throttle.next_allowed_ms <= $4").await
    }

    /// Counts one failure on `key` at `now_ms` even while the key waits (the failure was
    /// checked without claiming the key first): the wait grows as a claimed failure's would.
    pub async fn count_failure(&self, key: &str, now_ms: u64, s: Spacing) -> AppResult<()> {
        self.count_attempt(key, now_ms, s, "").await.map(drop)
    }

    /// The upsert of [`Db::claim_attempt`], taking the row only when `condition` holds.
    async fn count_attempt(
        &self,
        key: &str,
        now_ms: u64,
        s: Spacing,
        condition: &str,
    ) -> AppResult<Option<u32>> {
        let free = i64::from(s.free.max(1));
        let (first, max) = (s.first_delay_ms as i64, s.max_delay_ms as i64);
        let now = now_ms as i64;
        // The values of a first claim, when there is no row yet.
        let (next, delay) = if free <= 1 {
            (now + first.min(max), (first * 2).min(max))
        } else {
            (0, first.min(max))
        };
        let sql = format!(
            "INSERT INTO login_throttle (key, failures, delay_ms, next_allowed_ms, updated_ms) \
             VALUES ($1, 1, $2, $3, $4) \
             ON CONFLICT (key) DO UPDATE SET \
               failures = login_throttle.failures + 1, \
               next_allowed_ms = CASE WHEN login_throttle.failures + 1 >= $5 \
                 THEN $4 + login_throttle.delay_ms ELSE 0 END, \
               delay_ms = CASE WHEN login_throttle.failures + 1 < $5 THEN login_throttle.delay_ms \
                 WHEN login_throttle.delay_ms * 2 > $6 THEN $6 \
                 ELSE login_throttle.delay_ms * 2 END, \
               updated_ms = $4 \
             {condition} RETURNING failures"
        );
        let row = sqlx::query(&sql)
            .bind(key)
            .bind(delay)
            .bind(next)
            .bind(now)
            .bind(free)
            .bind(max)
            .fetch_optional(&self.pool)
            .await?;
        let failures = row.map(|r| r.try_get::<i64, _>("failures")).transpose()?;
        Ok(failures.map(|n| u32::try_from(n).unwrap_or(u32::MAX)))
    }

    /// When the next attempt on `key` is allowed (ms), if the key has a row.
    pub async fn throttle_next_allowed(&self, key: &str) -> AppResult<Option<u64>> {
        let row = sqlx::query("SELECT next_allowed_ms FROM login_throttle WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get::<i64, _>("next_allowed_ms")).transpose()?.map(|v| v as u64))
    }

    /// Forgets `key` (a successful login of that username from that address).
    pub async fn clear_throttle(&self, key: &str) -> AppResult<()> {
        sqlx::query("DELETE FROM login_throttle WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Takes back one claimed attempt that succeeded, so that successful logins from a
    /// shared address (an office behind one router) never add up to a wait. A claim made
    /// before the free failures ran out is undone exactly (no wait, first delay again); one
    /// made while attempts already had to wait keeps its wait.
    pub async fn release_attempt(&self, key: &str, s: Spacing) -> AppResult<()> {
        sqlx::query(
            "UPDATE login_throttle SET failures = failures - 1, \
               next_allowed_ms = CASE WHEN failures - 1 < $2 THEN 0 ELSE next_allowed_ms END, \
               delay_ms = CASE WHEN failures - 1 < $2 THEN $3 ELSE delay_ms END \
             WHERE key = $1 AND failures > 0",
        )
        .bind(key)
        .bind(i64::from(s.free.max(1)))
        .bind(s.first_delay_ms.min(s.max_delay_ms) as i64)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Deletes the rows not touched since `idle_before_ms` whose wait is over at `now_ms`;
    /// returns how many.
    pub async fn purge_throttle(&self, idle_before_ms: u64, now_ms: u64) -> AppResult<u64> {
        let done = sqlx::query(
            "DELETE FROM login_throttle WHERE updated_ms < $1 AND next_allowed_ms <= $2",
        )
        .bind(idle_before_ms as i64)
        .bind(now_ms as i64)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}
