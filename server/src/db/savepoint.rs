//! Savepoints of a site transaction: one per batch of a group commit
//! (`crate::sync::writer`), so a failing batch is undone alone — in the database and in the
//! transaction's bookkeeping (log position, scopes touched, caches, held-back rows).

use super::site_tx::SiteTx;
use crate::error::AppResult;
use std::collections::BTreeSet;

/// Where a savepoint was taken ([`SiteTx::savepoint`]): what to restore on a rollback.
pub struct Mark {
    pub(super) next_seq: i64,
    pub(super) touched: BTreeSet<String>,
}

impl SiteTx {
    /// Starts a savepoint: what follows can be undone alone ([`SiteTx::rollback_to`]) while
    /// what came before stays (one batch of a group commit, `crate::sync::writer`).
    pub async fn savepoint(&mut self) -> AppResult<Mark> {
        sqlx::query("SAVEPOINT batch").execute(&mut *self.tx).await?;
        self.pending.savepoint();
        Ok(Mark { next_seq: self.next_seq, touched: self.touched.clone() })
    }

    /// Keeps what was written since the savepoint.
    pub async fn release(&mut self, _mark: Mark) -> AppResult<()> {
        sqlx::query("RELEASE SAVEPOINT batch").execute(&mut *self.tx).await?;
        self.pending.release();
        Ok(())
    }

    /// Undoes everything written since the savepoint, in the database and in this
    /// transaction's bookkeeping. When that fails the transaction is [`SiteTx::broken`].
    pub async fn rollback_to(&mut self, mark: Mark) -> AppResult<()> {
        self.broken = true;
        self.pending.rollback();
        sqlx::query("ROLLBACK TO SAVEPOINT batch").execute(&mut *self.tx).await?;
        sqlx::query("RELEASE SAVEPOINT batch").execute(&mut *self.tx).await?;
        self.next_seq = mark.next_seq;
        self.touched = mark.touched;
        // Caches of what this transaction wrote: some of it is gone.
        self.ensured.clear();
        self.fresh.clear();
        self.cache.clear();
        self.replicas.clear();
        self.broken = false;
        Ok(())
    }

    /// Whether a rollback to a savepoint failed, leaving the transaction unusable.
    pub fn broken(&self) -> bool {
        self.broken
    }
}
