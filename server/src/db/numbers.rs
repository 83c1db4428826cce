//! The site's request-number counter (`shared::request::number`): blocks of it handed out
//! inside the site's write transaction, so two blocks never overlap, and each recorded with
//! the replica and user that got it.

use super::site_tx::SiteTx;
use crate::error::{AppError, AppResult};
use shared::request::number::NumberBlock;
use sqlx::Row;

impl SiteTx {
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
