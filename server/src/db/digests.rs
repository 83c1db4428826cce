//! Batch digests in storage (migration 0008): the digest of each applied batch's changes,
//! kept with its `(replica, seq)`, so that a later batch under the same `seq` is known for a
//! resend (same digest) or for new work under a reused number (`docs/ARCHITECTURE.md`, "Sync
//! protocol").
//!
//! A digest row is held back with the batch's other rows ([`super::pending`]) and goes out in
//! multi-row statements at the group's commit, like the replica's position: keeping it costs
//! a group one statement more, not a round trip per batch.

use super::pending::DigestRow;
use super::replica_row::seq_to_db;
use super::site_tx::SiteTx;
use crate::error::AppResult;
use sqlx::Row;

impl SiteTx {
    /// Keeps the digest of batch `seq` of `replica`, applied in this transaction: held back
    /// and sent with the batch's other rows (undone with them when the batch is).
    pub fn hold_digest(&mut self, replica: &str, seq: u64, digest: String) -> AppResult<()> {
        seq_to_db(seq)?;
        let row = DigestRow { replica: replica.to_owned(), seq, digest };
        self.pending.current.digests.push(row);
        Ok(())
    }

    /// The digest kept for batch `seq` of `replica`: held back in this transaction, or
    /// stored. `None` for a batch applied before digests were kept.
    pub async fn batch_digest(&mut self, replica: &str, seq: u64) -> AppResult<Option<String>> {
        let held = self.pending.unsent().flat_map(|rows| &rows.digests);
        if let Some(row) = held.into_iter().find(|d| d.replica == replica && d.seq == seq) {
            return Ok(Some(row.digest.clone()));
        }
        let row = sqlx::query("SELECT digest FROM batch_digests WHERE replica = $1 AND seq = $2")
            .bind(replica)
            .bind(seq_to_db(seq)?)
            .fetch_optional(self.conn().await?)
            .await?;
        Ok(row.map(|r| r.try_get("digest")).transpose()?)
    }
}
