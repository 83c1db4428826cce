//! The `blobs` table: one row per blob ever uploaded to — the size last declared for it,
//! every chunk byte accepted (so a test, or an operator, sees what dropped networks cost),
//! and whether it is stored whole. The bytes are in the blob store ([`crate::blobs`]).

use super::Db;
use crate::error::AppResult;
use shared::Hlc;
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
            "INSERT INTO blobs (sha256, size, bytes_received_total, complete, created_ms, \
             last_chunk_ms) VALUES ($1, $2, $3, 0, $4, $4) ON CONFLICT (sha256) DO UPDATE SET \
             size = excluded.size, last_chunk_ms = excluded.last_chunk_ms, \
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

    /// Blobs not stored whole, with no chunk since `cutoff_ms` and no upload in progress
    /// recorded (those went first; what is left is the row, or bytes of an upload from
    /// before uploads were kept per user), oldest first.
    pub async fn stale_partial_blobs(&self, cutoff_ms: u64) -> AppResult<Vec<String>> {
        let sql = format!(
            "SELECT sha256 FROM blobs b WHERE complete = 0 AND last_chunk_ms < $1 \
             AND {NO_UPLOAD} ORDER BY last_chunk_ms"
        );
        let rows = sqlx::query(&sql).bind(cutoff_ms as i64).fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(r.try_get("sha256")?)).collect()
    }

    /// Whether `sha256` is (still) one of [`Db::stale_partial_blobs`].
    pub async fn is_stale_partial_blob(&self, sha256: &str, cutoff_ms: u64) -> AppResult<bool> {
        let sql = format!(
            "SELECT 1 FROM blobs b WHERE sha256 = $1 AND complete = 0 AND last_chunk_ms < $2 \
             AND {NO_UPLOAD}"
        );
        let row = sqlx::query(&sql)
            .bind(sha256)
            .bind(cutoff_ms as i64)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// Complete blobs that photos name, every one of them deleted before `cutoff_ms`.
    pub async fn blobs_of_deleted_photos(&self, cutoff_ms: u64) -> AppResult<Vec<String>> {
        let sql = format!("SELECT b.sha256 FROM blobs b WHERE b.complete = 1 AND {ONLY_DELETED}");
        let rows = sqlx::query(&sql)
            .bind(Hlc::new(cutoff_ms, 0).as_u64() as i64)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get("sha256")?)).collect()
    }

    /// Whether every photo naming complete blob `sha256` was deleted before `cutoff_ms`
    /// (and some photo names it).
    pub async fn blob_of_deleted_photos(&self, sha256: &str, cutoff_ms: u64) -> AppResult<bool> {
        let sql = format!(
            "SELECT 1 FROM blobs b WHERE b.complete = 1 AND {ONLY_DELETED} AND b.sha256 = $2"
        );
        let row = sqlx::query(&sql)
            .bind(Hlc::new(cutoff_ms, 0).as_u64() as i64)
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// Forgets the upload records of `sha256`, its uploaders' with them (its bytes were
    /// removed: nobody reads them because they once uploaded them).
    pub async fn forget_blob(&self, sha256: &str) -> AppResult<()> {
        for table in ["blob_uploads", "blobs"] {
            let sql = format!("DELETE FROM {table} WHERE sha256 = $1");
            sqlx::query(&sql).bind(sha256).execute(&self.pool).await?;
        }
        Ok(())
    }
}

/// No user's upload of `b` (a `blobs` row) is in progress.
const NO_UPLOAD: &str =
    "NOT EXISTS (SELECT 1 FROM blob_uploads u WHERE u.sha256 = b.sha256 AND u.done = 0)";

/// `b` (a `blobs` row) is named by photos, and each of them was deleted before the stamp
/// bound as `$1` (an HLC: deletion is a field, stamped like any edit). Photo hash fields hold
/// JSON strings: `'"' || sha256 || '"'`.
const ONLY_DELETED: &str = "EXISTS (SELECT 1 FROM fields f WHERE f.kind = 'photo' \
    AND f.field IN ('sha256', 'thumb_sha256') AND f.value = '\"' || b.sha256 || '\"') \
    AND NOT EXISTS (SELECT 1 FROM fields f WHERE f.kind = 'photo' \
      AND f.field IN ('sha256', 'thumb_sha256') AND f.value = '\"' || b.sha256 || '\"' \
      AND NOT EXISTS (SELECT 1 FROM fields d WHERE d.kind = 'photo' \
        AND d.record_id = f.record_id AND d.site_id = f.site_id AND d.field = 'deleted' \
        AND d.value = 'true' \
        AND d.hlc < $1))";
