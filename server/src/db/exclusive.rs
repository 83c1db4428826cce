//! Work that must run on one instance at a time across every server on the database (the
//! demo's first seeding, a committed register import). On PostgreSQL a session-level
//! advisory lock, held on a connection taken out of the pool for the purpose: several
//! `guanjia serve` processes share the database but no memory, so an in-process mutex
//! alone would let two of them both find "no demo site yet" and seed it twice. SQLite is
//! one process by nature: the caller's in-process mutex is enough there.
//!
//! The lock is a session's, not a transaction's, because the work it guards spans several
//! transactions (an import commits in chunks). It is given back by
//! [`Exclusive::release`]; if the holder fails or is dropped first, the connection is
//! closed, and PostgreSQL releases a session's locks when its session ends.

use super::{Backend, Db};
use crate::error::AppResult;
use sqlx::AnyConnection;
use sqlx::Connection;

/// The advisory-lock keys in use (PostgreSQL's `pg_advisory_lock(bigint)` namespace is the
/// whole database; these stay clear of anything else by their high bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guarded {
    /// Seeding the demo site when the database has none (`serve --demo`).
    DemoSeed,
    /// A committed register import (reading the register to its last write).
    RegisterImport,
}

impl Guarded {
    fn key(self) -> i64 {
        // "gj" in the high bytes, then the guarded work.
        const BASE: i64 = 0x676a_0000_0000;
        BASE + self as i64
    }
}

/// Proof that the caller holds the lock of a [`Guarded`] work (nothing on SQLite).
#[derive(Debug)]
pub struct Exclusive {
    conn: Option<AnyConnection>,
    key: i64,
}

impl Db {
    /// Waits until no other instance runs `what`, and holds it until [`Exclusive::release`].
    pub async fn exclusive(&self, what: Guarded) -> AppResult<Exclusive> {
        let key = what.key();
        if self.backend != Backend::Postgres {
            return Ok(Exclusive { conn: None, key });
        }
        // Out of the pool: a session lock must not go back to the pool with its connection.
        let mut conn = self.pool.acquire().await?.detach();
        // `pg_advisory_lock` returns `void`, which the Any driver cannot describe: wrap it.
        sqlx::query("SELECT 1 AS held FROM (SELECT pg_advisory_lock($1)) AS l")
            .bind(key)
            .execute(&mut conn)
            .await?;
        Ok(Exclusive { conn: Some(conn), key })
    }
}

impl Exclusive {
    /// Gives the lock back at once (dropping the guard gives it back when the connection
    /// closes).
    pub async fn release(mut self) -> AppResult<()> {
        if let Some(mut conn) = self.conn.take() {
            sqlx::query("SELECT 1 AS freed FROM (SELECT pg_advisory_unlock($1)) AS u")
                .bind(self.key)
                .execute(&mut conn)
                .await?;
            conn.close().await?;
        }
        Ok(())
    }
}
