//! The `blobs` table: one row per blob ever uploaded to — the size its uploader declared,
//! every chunk byte accepted (so a test, or an operator, sees what dropped networks cost),
//! and whether it is stored whole. The bytes are in the blob store ([`crate::blobs`]).

use super::Db;
use crate::error::AppResult;
use sqlx::Row;

/// What the server remembers of one blob's upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlobRow {
    /// The size the uploader declared.
    pub size: u64,
    /// Chunk bytes accepted, re-sent ones included.
    pub bytes_received_total: u64,
    /// Stored whole, hash checked.
    pub complete: bool,
}

impl Db {
    /// The upload record of `sha256`, if it was ever uploaded to.
    pub async fn blob(&self, sha256: &str) -> AppResult<Option<BlobRow>> {
        let row =
            sqlx::query("SELECT size, bytes_received_total, complete FROM blobs WHERE sha256 = $1")
                .bind(sha256)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| {
            Ok(BlobRow {
                size: r.try_get::<i64, _>("size")? as u64,
                bytes_received_total: r.try_get::<i64, _>("bytes_received_total")? as u64,
                complete: r.try_get::<i64, _>("complete")? != 0,
            })
        })
        .transpose()
    }

    /// Counts an accepted chunk of `len` bytes of a blob of `size` bytes.
    pub async fn count_blob_chunk(
        &self,
        sha256: &str,
        size: u64,
        len: u64,
        now_ms: u64,
    ) -> AppResult<()> {
        sqlx::query(
            "INSERT INTO blobs (sha256, size, bytes_received_total, complete, created_ms) \
             VALUES ($1, $2, $3, 0, $4) ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, \
             bytes_received_total = blobs.bytes_received_total + excluded.bytes_received_total",
        )
        .bind(sha256)
        .bind(size as i64)
        .bind(len as i64)
        .bind(now_ms as i64)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Marks `sha256` stored whole.
    pub async fn complete_blob(&self, sha256: &str, now_ms: u64) -> AppResult<()> {
        sqlx::query("UPDATE blobs SET complete = 1, completed_ms = $1 WHERE sha256 = $2")
            .bind(now_ms as i64)
            .bind(sha256)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
