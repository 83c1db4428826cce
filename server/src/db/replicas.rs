//! Replicas in storage: which user a replica id belongs to, the last batch applied for it,
//! and the refusals of each applied batch (so a resend gets the same answer).

use super::replica_row::{replica_from_row, seq_to_db, REPLICA_SQL, SET_SEQ_CONFLICT};
use super::site_tx::SiteTx;
use super::statements::{param, shaped};
use super::Db;
use crate::error::{AppError, AppResult};
use shared::protocol::Rejection;
use shared::{Change, RejectCode};
use sqlx::Row;

pub use super::replica_row::ReplicaRow;

impl Db {
    /// A replica, outside any transaction.
    pub async fn replica(&self, replica: &str) -> AppResult<Option<ReplicaRow>> {
        let row = sqlx::query(REPLICA_SQL).bind(replica).fetch_optional(&self.pool).await?;
        row.as_ref().map(replica_from_row).transpose()
    }
}

impl SiteTx {
    /// A replica, read inside this transaction (once: the transaction keeps what it read and
    /// wrote, [`SiteTx::prefetch_replicas`]).
    pub async fn replica(&mut self, replica: &str) -> AppResult<Option<ReplicaRow>> {
        if let Some(known) = self.replicas.get(replica) {
            return Ok(known.clone());
        }
        // Held back, not sent yet (the cache was emptied by a rollback since).
        if let Some(held) = self.pending.held_replica(replica) {
            return Ok(Some(held.clone()));
        }
        let row = sqlx::query(REPLICA_SQL).bind(replica).fetch_optional(self.conn().await?).await?;
        let found = row.as_ref().map(replica_from_row).transpose()?;
        self.replicas.insert(replica.to_owned(), found.clone());
        Ok(found)
    }

    /// Reads the rows of `replicas` not known yet in one query (a group commit's pushers).
    pub async fn prefetch_replicas(&mut self, replicas: &[&str]) -> AppResult<()> {
        let mut wanted: Vec<&str> = replicas
            .iter()
            .copied()
            .filter(|r| !self.replicas.contains_key(*r) && self.pending.held_replica(r).is_none())
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        for chunk in shaped(&wanted) {
            let list: Vec<String> = (1..=chunk.len()).map(|n| param(self.backend, n)).collect();
            let sql = format!(
                "SELECT id, user_id, last_seq FROM replicas WHERE id IN ({})",
                list.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for id in chunk {
                q = q.bind(*id);
            }
            let rows = q.fetch_all(self.conn().await?).await?;
            for id in chunk {
                self.replicas.insert((*id).to_owned(), None);
            }
            for r in &rows {
                self.replicas.insert(r.try_get("id")?, Some(replica_from_row(r)?));
            }
        }
        Ok(())
    }

    /// Records that `user_id`'s replica applied batch `seq` (same transaction as its changes),
    /// binding a new replica id to that user. Returns false, changing nothing, when the id is
    /// bound to another user (two first pushes raced).
    ///
    /// A replica this transaction knows to be `user_id`'s is only moved on, which cannot be
    /// refused: that row is held back and sent with the others ([`super::pending`]).
    pub async fn set_replica_seq(
        &mut self,
        replica: &str,
        user_id: &str,
        seq: u64,
    ) -> AppResult<bool> {
        let row = ReplicaRow { user_id: user_id.to_owned(), last_seq: seq };
        if self.replica(replica).await?.is_some_and(|known| known.user_id == user_id) {
            seq_to_db(seq)?;
            self.pending.current.replicas.insert(replica.to_owned(), row.clone());
            self.replicas.insert(replica.to_owned(), Some(row));
            return Ok(true);
        }
        let sql = format!(
            "INSERT INTO replicas (id, user_id, last_seq) VALUES ($1, $2, $3) {SET_SEQ_CONFLICT}"
        );
        let done = sqlx::query(&sql)
            .bind(replica)
            .bind(user_id)
            .bind(seq_to_db(seq)?)
            .execute(self.conn().await?)
            .await?;
        let done = done.rows_affected() == 1;
        if done {
            self.replicas.insert(replica.to_owned(), Some(row));
        } else {
            self.replicas.remove(replica);
        }
        Ok(done)
    }

    /// Keeps the refusals of batch `seq` for a resend.
    pub async fn store_rejections(
        &mut self,
        replica: &str,
        rejections: &[Rejection],
    ) -> AppResult<()> {
        for r in rejections {
            let compensation = r
                .compensation
                .as_ref()
                .map(serde_json::to_string)
                .transpose()
                .map_err(AppError::internal)?;
            sqlx::query(
                "INSERT INTO rejections (replica, seq, idx, code, message, compensation) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(replica)
            .bind(seq_to_db(r.seq)?)
            .bind(r.index as i64)
            .bind(r.code.as_str())
            .bind(&r.message)
            .bind(compensation)
            .execute(self.conn().await?)
            .await?;
        }
        Ok(())
    }

    /// The refusals stored for batch `seq` of a replica, in change order.
    pub async fn rejections(&mut self, replica: &str, seq: u64) -> AppResult<Vec<Rejection>> {
        let rows = sqlx::query(
            "SELECT idx, code, message, compensation FROM rejections \
             WHERE replica = $1 AND seq = $2 ORDER BY idx",
        )
        .bind(replica)
        .bind(seq_to_db(seq)?)
        .fetch_all(self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                let code: String = r.try_get("code")?;
                let compensation: Option<String> = r.try_get("compensation")?;
                Ok(Rejection {
                    seq,
                    index: r.try_get::<i64, _>("idx")? as usize,
                    code: serde_json::from_value(serde_json::Value::String(code))
                        .unwrap_or(RejectCode::Other),
                    message: r.try_get("message")?,
                    compensation: compensation
                        .map(|c| serde_json::from_str::<Change>(&c))
                        .transpose()
                        .map_err(AppError::internal)?,
                })
            })
            .collect()
    }
}
