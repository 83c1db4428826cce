//! The `blob_uploads` table (migration 0009): each user's upload of a blob, kept apart from
//! everyone else's — the size they declared, their last chunk's time, and whether it
//! finished with bytes that hashed to the name (which lets them read those bytes). Unfinished
//! uploads count against the user's quota (`shared::blob::UPLOAD_QUOTA_BYTES`).

use super::Db;
use crate::error::AppResult;
use sqlx::Row;

impl Db {
    /// The size `user_id` declared for their unfinished upload of `sha256`, if there is one.
    pub async fn upload_size(&self, sha256: &str, user_id: &str) -> AppResult<Option<u64>> {
        let row = sqlx::query(
            "SELECT size FROM blob_uploads WHERE sha256 = $1 AND user_id = $2 AND done = 0",
        )
        .bind(sha256)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.try_get::<i64, _>("size")).transpose()?.map(|n| n as u64))
    }

    /// The sizes `user_id` declared for their unfinished uploads, but that of `sha256`.
    pub async fn unfinished_upload_bytes(&self, user_id: &str, sha256: &str) -> AppResult<u64> {
        let row = sqlx::query(
            "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) AS held FROM blob_uploads \
             WHERE user_id = $1 AND done = 0 AND sha256 <> $2",
        )
        .bind(user_id)
        .bind(sha256)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>("held")? as u64)
    }

    /// Records a chunk of `user_id`'s upload of `sha256`, declared as `size` bytes.
    pub async fn count_upload_chunk(
        &self,
        sha256: &str,
        user_id: &str,
        size: u64,
        now_ms: u64,
    ) -> AppResult<()> {
        sqlx::query(
            "INSERT INTO blob_uploads (sha256, user_id, size, done, created_ms, last_chunk_ms) \
             VALUES ($1, $2, $3, 0, $4, $4) ON CONFLICT (sha256, user_id) DO UPDATE SET \
             size = excluded.size, done = 0, last_chunk_ms = excluded.last_chunk_ms",
        )
        .bind(sha256)
        .bind(user_id)
        .bind(size as i64)
        .bind(now_ms as i64)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Marks `user_id`'s upload of `sha256` finished with the right bytes.
    pub async fn finish_upload(&self, sha256: &str, user_id: &str) -> AppResult<()> {
        sqlx::query("UPDATE blob_uploads SET done = 1 WHERE sha256 = $1 AND user_id = $2")
            .bind(sha256)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forgets `user_id`'s upload of `sha256` (its bytes were discarded or removed).
    pub async fn forget_upload(&self, sha256: &str, user_id: &str) -> AppResult<()> {
        sqlx::query("DELETE FROM blob_uploads WHERE sha256 = $1 AND user_id = $2")
            .bind(sha256)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether `user_id` uploaded the whole of `sha256`, hash checked.
    pub async fn has_uploaded(&self, sha256: &str, user_id: &str) -> AppResult<bool> {
        let row = sqlx::query(
            "SELECT 1 FROM blob_uploads WHERE sha256 = $1 AND user_id = $2 AND done = 1",
        )
        .bind(sha256)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    /// Unfinished uploads, `(sha256, user_id)`, whose last chunk came before `cutoff_ms`
    /// (oldest first).
    pub async fn idle_uploads(&self, cutoff_ms: u64) -> AppResult<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT sha256, user_id FROM blob_uploads WHERE done = 0 AND last_chunk_ms < $1 \
             ORDER BY last_chunk_ms",
        )
        .bind(cutoff_ms as i64)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get("sha256")?, r.try_get("user_id")?))).collect()
    }

    /// Whether `user_id`'s upload of `sha256` is (still) unfinished with no chunk since
    /// `cutoff_ms`.
    pub async fn is_idle_upload(
        &self,
        sha256: &str,
        user_id: &str,
        cutoff_ms: u64,
    ) -> AppResult<bool> {
        let row = sqlx::query(
            "SELECT 1 FROM blob_uploads WHERE sha256 = $1 AND user_id = $2 AND done = 0 \
             AND last_chunk_ms < $3",
        )
        .bind(sha256)
        .bind(user_id)
        .bind(cutoff_ms as i64)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }
}
