//! What backups and restores ask of storage ([`crate::backup`]).

use super::Db;
use crate::error::{AppError, AppResult};
use sqlx::Row;
use std::path::Path;

impl Db {
    /// Closes every connection (a restore replaces the database under them).
    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }

    /// SQLite's `VACUUM INTO`: a copy of the database as of one read transaction, written
    /// while other connections go on writing.
    pub async fn vacuum_into(&self, file: &Path) -> AppResult<()> {
        let path = file.to_str().ok_or_else(|| AppError::internal("backup path is not UTF-8"))?;
        sqlx::query(&format!("VACUUM INTO '{}'", path.replace('\'', "''")))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Every blob stored whole.
    pub async fn complete_blobs(&self) -> AppResult<Vec<String>> {
        let rows = sqlx::query("SELECT sha256 FROM blobs WHERE complete = 1 ORDER BY sha256")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get("sha256")?)).collect()
    }

    /// Moves every site's request-number counter on by `gap` (a restore: past the blocks
    /// handed out after the backup).
    pub async fn move_number_counters(&self, gap: i64) -> AppResult<()> {
        sqlx::query("UPDATE sites SET next_number = next_number + $1")
            .bind(gap)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
