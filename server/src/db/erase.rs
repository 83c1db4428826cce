//! Erasing a resident's values from the history a site keeps (`guanjia person erase`,
//! [`crate::person`]): the log's older rows of an erased field, and the compensations and
//! messages of refusals kept for resends. The current value is cleared by an ordinary
//! server-authored write beside these, in the same transaction.

use super::site_tx::SiteTx;
use super::{Backend, Db};
use crate::error::{AppError, AppResult};
use shared::Change;
use sqlx::Row;

/// What a refusal's message says in place of an erased value.
pub const ERASED: &str = "[erased]";

impl SiteTx {
    /// Sets every log row of one field of a record to `null`: a device pulling from a cursor
    /// before the erasure then never receives the old value. Returns the rows changed.
    pub async fn erase_log(&mut self, kind: &str, id: &str, field: &str) -> AppResult<u64> {
        self.flush().await?;
        let done = sqlx::query(
            "UPDATE changes SET value = 'null' WHERE site_id = $1 AND kind = $2 \
             AND record_id = $3 AND field = $4 AND value <> 'null'",
        )
        .bind(self.site_id.clone())
        .bind(kind)
        .bind(id)
        .bind(field)
        .execute(self.conn().await?)
        .await?;
        Ok(done.rows_affected())
    }

    /// Clears the refusals kept for resends (`rejections`) of this site's replicas whose
    /// compensation restates one of `fields` of record `id`: the compensation's value
    /// becomes `null`, and the message (a `bad_value` refusal quotes the refused value,
    /// perhaps cut short) only names the field, [`ERASED`]. Returns the rows changed.
    pub async fn erase_refusals(&mut self, id: &str, fields: &[&str]) -> AppResult<u64> {
        let rows = sqlx::query(
            "SELECT replica, seq, idx, message, compensation FROM rejections \
             WHERE compensation LIKE $1 AND replica IN (SELECT r.id FROM replicas r \
             JOIN users u ON u.id = r.user_id WHERE u.site_id = $2)",
        )
        .bind(format!("%{id}%"))
        .bind(self.site_id.clone())
        .fetch_all(self.conn().await?)
        .await?;
        let mut changed = 0;
        for row in rows {
            let text: String = row.try_get("compensation")?;
            let mut c: Change = serde_json::from_str(&text).map_err(AppError::internal)?;
            if c.id.as_str() != id || !fields.contains(&c.field.as_str()) {
                continue;
            }
            c.value = serde_json::Value::Null;
            let message = format!("{}.{}: {ERASED}", c.kind.as_str(), c.field);
            sqlx::query(
                "UPDATE rejections SET message = $1, compensation = $2 \
                 WHERE replica = $3 AND seq = $4 AND idx = $5",
            )
            .bind(message)
            .bind(serde_json::to_string(&c).map_err(AppError::internal)?)
            .bind(row.try_get::<String, _>("replica")?)
            .bind(row.try_get::<i64, _>("seq")?)
            .bind(row.try_get::<i64, _>("idx")?)
            .execute(self.conn().await?)
            .await?;
            changed += 1;
        }
        Ok(changed)
    }
}

/// How many times an erasure asks for the WAL to be emptied before it gives up (10 s).
const TRUNCATE_TRIES: u32 = 500;

impl Db {
    /// After an erasure on SQLite: the file is rebuilt (`VACUUM`), since the space SQLite
    /// freed before — when a page split, when the log row's old value was overwritten —
    /// still holds old bytes, and the WAL, which holds pages as they were, is copied into
    /// the file and emptied (`wal_checkpoint(TRUNCATE)`). This costs a copy of the database,
    /// once per erasure. PostgreSQL keeps dead row versions until it vacuums (the README says
    /// what to run).
    ///
    /// The checkpoint reports busy, leaving old frames in the WAL, while another checkpoint
    /// runs (the server's own every 250 ms) or a reader holds an older snapshot: it is asked
    /// again until it completes, for at most [`TRUNCATE_TRIES`] tries 20 ms apart, then the
    /// erasure says the file was not rebuilt.
    pub async fn after_erasure(&self) -> AppResult<()> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        sqlx::query("VACUUM").execute(&self.writer).await?;
        for _ in 0..TRUNCATE_TRIES {
            let row =
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&self.writer).await?;
            let busy: i64 = row.try_get(0)?;
            if busy == 0 {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        Err(AppError::internal("the WAL stayed busy: not emptied after the erasure"))
    }
}
