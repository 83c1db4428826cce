//! The server's history (`docs/ARCHITECTURE.md`, "Backups and restores"): one row naming
//! the database's line of writes, renamed by every restore (migration 0012).

use super::Db;
use crate::error::AppResult;
use sqlx::Row;

/// The server's history as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// Its name (128 random bits in hex): what pulls and pushes carry.
    pub id: String,
    /// The history the last restore replaced, and when it happened (ms).
    pub restored: Option<(String, u64)>,
}

fn fresh_id() -> String {
    format!("{:032x}", rand::random::<u128>())
}

impl Db {
    /// The server's history, named now if the database has none yet (its first start). Two
    /// instances starting together on one new database agree: the first insert wins.
    pub async fn history(&self) -> AppResult<History> {
        sqlx::query(
            "INSERT INTO server_history (one, id) VALUES (1, $1) ON CONFLICT (one) DO NOTHING",
        )
        .bind(fresh_id())
        .execute(&self.pool)
        .await?;
        let row = sqlx::query("SELECT id, replaced, restored_ms FROM server_history WHERE one = 1")
            .fetch_one(&self.pool)
            .await?;
        let replaced: Option<String> = row.try_get("replaced")?;
        let at: Option<i64> = row.try_get("restored_ms")?;
        Ok(History {
            id: row.try_get("id")?,
            restored: replaced.zip(at).map(|(h, ms)| (h, ms.max(0) as u64)),
        })
    }

    /// Names a new history after a restore at `now_ms`, remembering the one it replaces (the
    /// backup's, which the devices that synced after the backup hold).
    pub async fn start_new_history(&self, now_ms: u64) -> AppResult<History> {
        let old = self.history().await?;
        let id = fresh_id();
        sqlx::query(
            "UPDATE server_history SET id = $1, replaced = $2, restored_ms = $3 WHERE one = 1",
        )
        .bind(&id)
        .bind(&old.id)
        .bind(now_ms as i64)
        .execute(&self.pool)
        .await?;
        Ok(History { id, restored: Some((old.id, now_ms)) })
    }
}
