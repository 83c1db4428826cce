//! Savepoints of a site transaction: one per batch of a group commit
//! (`crate::sync::writer`), so a failing batch is undone alone — in the database and in the
//! transaction's bookkeeping (log position, scopes touched, caches, held-back rows).
//!
//! A savepoint is opened in the database lazily, before the batch's first statement
//! (`SiteTx::conn`). Most batches send nothing while they run — their rows are held back
//! ([`super::pending`]) and what they read was read for the whole group — and undoing such a
//! batch is forgetting its held-back rows: it costs no statement at all, where a savepoint and
//! its release were two round trips to the database per batch.
//!
//! This part keeps where the savepoint stands and sends its statements; the transaction
//! (`SiteTx::savepoint`, `release`, `rollback_to`) restores its own bookkeeping.

use crate::error::AppResult;
use sqlx::AnyConnection;
use std::collections::BTreeSet;

/// Where the batch savepoint stands.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) enum Savepoint {
    /// No batch is running.
    #[default]
    None,
    /// A batch is running and has sent nothing yet: no savepoint in the database.
    Due,
    /// The batch has sent statements inside a database savepoint.
    Open,
}

/// Where a savepoint was taken (`SiteTx::savepoint`): what to restore on a rollback.
pub struct Mark {
    pub(super) next_seq: i64,
    pub(super) touched: BTreeSet<String>,
}

impl Savepoint {
    /// Opens the due savepoint in the database: a statement of the batch follows.
    pub(super) async fn open_due(&mut self, conn: &mut AnyConnection) -> AppResult<()> {
        if *self == Savepoint::Due {
            sqlx::query("SAVEPOINT batch").execute(conn).await?;
            *self = Savepoint::Open;
        }
        Ok(())
    }

    /// Keeps what was written since the savepoint.
    pub(super) async fn release(&mut self, conn: &mut AnyConnection) -> AppResult<()> {
        if *self == Savepoint::Open {
            sqlx::query("RELEASE SAVEPOINT batch").execute(conn).await?;
        }
        *self = Savepoint::None;
        Ok(())
    }

    /// Undoes in the database what was written since the savepoint.
    pub(super) async fn roll_back(&mut self, conn: &mut AnyConnection) -> AppResult<()> {
        if *self == Savepoint::Open {
            sqlx::query("ROLLBACK TO SAVEPOINT batch").execute(&mut *conn).await?;
            sqlx::query("RELEASE SAVEPOINT batch").execute(conn).await?;
        }
        *self = Savepoint::None;
        Ok(())
    }
}
