//! The site's request-number counter (`shared::request::number`): blocks of it handed out
//! inside the site's write transaction, so two blocks never overlap, and each recorded with
//! the replica and user that got it.

use super::site_tx::SiteTx;
use super::Db;
use crate::error::{AppError, AppResult};
use shared::request::number::NumberBlock;
use sqlx::{Any, Executor, Row};

/// How many number blocks `user_id` took after `since_ms`, and when the first of them was
/// taken (ms).
async fn blocks_since<'e>(
    conn: impl Executor<'e, Database = Any>,
    user_id: &str,
    since_ms: u64,
) -> AppResult<(u64, Option<u64>)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, MIN(created_ms) AS first_ms FROM number_blocks \
         WHERE user_id = $1 AND created_ms > $2",
    )
    .bind(user_id)
    .bind(since_ms as i64)
    .fetch_one(conn)
    .await?;
    let first: Option<i64> = row.try_get("first_ms")?;
    Ok((row.try_get::<i64, _>("n")? as u64, first.map(|ms| ms as u64)))
}

impl Db {
    /// [`SiteTx::blocks_since`] outside any transaction: a refusal that needs no write lock.
    pub async fn blocks_since(
        &self,
        user_id: &str,
        since_ms: u64,
    ) -> AppResult<(u64, Option<u64>)> {
        blocks_since(&self.pool, user_id, since_ms).await
    }
}

impl SiteTx {
    /// How many number blocks `user_id` took after `since_ms`, and when the
    /// first was taken: read under the site's write lock, so calls of one site's users are
    /// counted one after the other.
    pub async fn blocks_since(
        &mut self,
        user_id: &str,
        since_ms: u64,
    ) -> AppResult<(u64, Option<u64>)> {
        blocks_since(self.conn().await?, user_id, since_ms).await
    }

    /// Takes the next `count` numbers of the site's counter for `replica` of `user_id` and
    /// records the block. The counter starts at 1.
    pub async fn take_numbers(
        &mut self,
        replica: &str,
        user_id: &str,
        count: u32,
        now_ms: u64,
    ) -> AppResult<NumberBlock> {
        let row = sqlx::query(
            "UPDATE sites SET next_number = next_number + $1 WHERE id = $2 RETURNING next_number",
        )
        .bind(i64::from(count))
        .bind(self.site_id.clone())
        .fetch_one(self.conn().await?)
        .await?;
        let next: i64 = row.try_get("next_number")?;
        let start = next - i64::from(count);
        sqlx::query(
            "INSERT INTO number_blocks (site_id, replica_id, user_id, start, count, created_ms) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.site_id.clone())
        .bind(replica)
        .bind(user_id)
        .bind(start)
        .bind(i64::from(count))
        .bind(now_ms as i64)
        .execute(self.conn().await?)
        .await?;
        let start = u64::try_from(start).map_err(AppError::internal)?;
        Ok(NumberBlock { start, count })
    }

    /// Binds an unseen replica id to `user_id` (as its first push would). Returns false,
    /// changing nothing, when the id belongs to another user.
    pub async fn claim_replica(&mut self, replica: &str, user_id: &str) -> AppResult<bool> {
        sqlx::query(
            "INSERT INTO replicas (id, user_id, last_seq) VALUES ($1, $2, 0) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(replica)
        .bind(user_id)
        .execute(self.conn().await?)
        .await?;
        Ok(self.replica(replica).await?.is_some_and(|r| r.user_id == user_id))
    }
}
