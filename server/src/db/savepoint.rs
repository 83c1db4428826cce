//! Savepoints of a site transaction: one per batch of a group commit
//! (`crate::sync::writer`), so a failing batch is undone alone — in the database and in the
//! transaction's bookkeeping (log position, scopes touched, caches, held-back rows).
//!
//! A savepoint is opened in the database lazily, before the batch's first statement
//! ([`SiteTx::conn`]). Most batches send nothing while they run — their rows are held back
//! ([`super::pending`]) and what they read was read for the whole group — and undoing such a
//! batch is forgetting its held-back rows: it costs no statement at all, where a savepoint and
//! its release were two round trips to the database per batch.

use super::site_tx::SiteTx;
use crate::error::AppResult;
use std::collections::BTreeSet;

/// Where the batch savepoint stands.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    /// No batch is running.
    #[default]
    None,
    /// A batch is running and has sent nothing yet: no savepoint in the database.
    Due,
    /// The batch has sent statements inside a database savepoint.
    Open,
}

/// Where a savepoint was taken ([`SiteTx::savepoint`]): what to restore on a rollback.
pub struct Mark {
    pub(super) next_seq: i64,
    pub(super) touched: BTreeSet<String>,
}

impl SiteTx {
    /// Starts a savepoint: what follows can be undone alone ([`SiteTx::rollback_to`]) while
    /// what came before stays (one batch of a group commit, `crate::sync::writer`).
    pub async fn savepoint(&mut self) -> AppResult<Mark> {
        self.savepoint = State::Due;
        self.pending.savepoint();
        Ok(Mark { next_seq: self.next_seq, touched: self.touched.clone() })
    }

    /// Opens the due savepoint in the database: a statement of the batch follows.
    pub(super) async fn open_due_savepoint(&mut self) -> AppResult<()> {
        if self.savepoint == State::Due {
            sqlx::query("SAVEPOINT batch").execute(self.unguarded()).await?;
            self.savepoint = State::Open;
        }
        Ok(())
    }

    /// Keeps what was written since the savepoint.
    pub async fn release(&mut self, _mark: Mark) -> AppResult<()> {
        if self.savepoint == State::Open {
            sqlx::query("RELEASE SAVEPOINT batch").execute(self.unguarded()).await?;
        }
        self.savepoint = State::None;
        self.pending.release();
        Ok(())
    }

    /// Undoes everything written since the savepoint, in the database and in this
    /// transaction's bookkeeping. When that fails the transaction is [`SiteTx::broken`].
    pub async fn rollback_to(&mut self, mark: Mark) -> AppResult<()> {
        self.broken = true;
        self.pending.rollback();
        if self.savepoint == State::Open {
            sqlx::query("ROLLBACK TO SAVEPOINT batch").execute(self.unguarded()).await?;
            sqlx::query("RELEASE SAVEPOINT batch").execute(self.unguarded()).await?;
        }
        self.savepoint = State::None;
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
