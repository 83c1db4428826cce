//! Writing to a site's change log. Every write — device pushes, compensations, conflict
//! records, demo data, new accounts — goes through `SiteTx::write` (in `db/write.rs`), so the
//! merged state (`fields`) and the log (`changes`) can never disagree.
//!
//! This file holds the transaction and composes its parts, each an owned struct in its own
//! file that knows nothing of [`SiteTx`]: the rows held back ([`super::pending`], sent by
//! [`super::flush`]), what it knows of the records it touches ([`super::tx_cache`]) and the
//! batch savepoint ([`super::savepoint`]). What the transaction does (write, place, check
//! scope, prefetch, replicas, digests) is in `impl SiteTx` blocks of the files that use
//! those parts; none of them is named here.
//!
//! A [`SiteTx`] begins by updating the site's row: that takes the row lock in PostgreSQL and
//! the write lock in SQLite, so writers of one site are serialised and the log's `seq` order
//! is also its commit order (a pull never skips a change committed late).

use super::keyed::{ByRecord, FastMap, FastSet};
use super::pending::Pending;
use super::replica_row::ReplicaRow;
use super::savepoint::{Mark, Savepoint};
use super::tx_cache::TxCache;
use super::{field_from_row, Db};
use crate::error::{AppError, AppResult};
use shared::FieldState;
use sqlx::{Any, Row, Transaction};
use std::collections::BTreeSet;

/// An open write transaction on one site's data.
pub struct SiteTx {
    /// Reached through [`SiteTx::conn`], which opens a batch's savepoint when one is due.
    tx: Transaction<'static, Any>,
    /// The batch savepoint ([`super::savepoint`]): opened in the database only before the
    /// batch's first statement.
    savepoint: Savepoint,
    /// The engine: the generated multi-row statements differ in placeholders.
    pub(super) backend: super::Backend,
    pub site_id: String,
    pub(super) start_seq: i64,
    pub(super) next_seq: i64,
    pub(super) owner: Option<String>,
    /// The scopes this transaction wrote to ([`crate::pokes`] keys).
    pub(super) touched: BTreeSet<String>,
    /// Records known to have their `records` row: no need to insert it again.
    pub(super) ensured: ByRecord<()>,
    /// Records this transaction created, with the fields it wrote to them: any other field
    /// of theirs is known to be unset, without a lookup (bulk writes, such as the demo's,
    /// write many fields of new records).
    pub(super) fresh: ByRecord<FastSet<String>>,
    /// What this transaction knows of the records it touches ([`super::tx_cache`]).
    pub(super) cache: TxCache,
    /// Rows held back to go out as multi-row statements ([`super::pending`]).
    pub(super) pending: Pending,
    /// Parent keys (`records.parent_id` values) that had no children in this site when the
    /// transaction read them ([`SiteTx::prefetch_children`]).
    pub(super) childless: FastSet<String>,
    /// Parent keys this transaction gave to a record ([`SiteTx::set_parent`]): they may have
    /// children now.
    pub(super) named_parents: FastSet<String>,
    /// Replica rows read or written by this transaction ([`SiteTx::replica`]).
    pub(super) replicas: FastMap<String, Option<ReplicaRow>>,
    /// A rollback to a savepoint failed: the transaction must not be committed.
    broken: bool,
}

impl Db {
    /// Starts a write transaction on `site_id`, taking the site's write lock first.
    pub async fn begin_site(&self, site_id: &str) -> AppResult<SiteTx> {
        let mut tx = self.writer.begin().await?;
        let row =
            sqlx::query("UPDATE sites SET last_seq = last_seq WHERE id = $1 RETURNING last_seq")
                .bind(site_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| AppError::NotFound(format!("no site {site_id}")))?;
        let last: i64 = row.try_get("last_seq")?;
        Ok(SiteTx {
            tx,
            backend: self.backend,
            site_id: site_id.to_owned(),
            start_seq: last,
            next_seq: last + 1,
            owner: None,
            touched: BTreeSet::new(),
            ensured: ByRecord::default(),
            fresh: ByRecord::default(),
            broken: false,
            savepoint: Default::default(),
            cache: Default::default(),
            pending: Default::default(),
            replicas: FastMap::default(),
            childless: FastSet::default(),
            named_parents: FastSet::default(),
        })
    }
}

impl SiteTx {
    /// The connection, for any statement of this transaction. A batch's savepoint is
    /// opened first when it is due: a batch that sends nothing needs none.
    pub(super) async fn conn(&mut self) -> AppResult<&mut sqlx::AnyConnection> {
        self.savepoint.open_due(&mut self.tx).await?;
        Ok(&mut *self.tx)
    }

    /// Sends every held-back row ([`super::flush`]).
    pub(crate) async fn flush(&mut self) -> AppResult<()> {
        if self.pending.unsent_len() == 0 {
            return Ok(());
        }
        // Sent from where they are held (no copy), then marked sent, whatever the outcome:
        // a failed statement fails the batch or the group, and a rollback makes them unsent.
        let pending = std::mem::take(&mut self.pending);
        let (backend, site) = (self.backend, self.site_id.clone());
        let result = match self.conn().await {
            Ok(conn) => pending.send(conn, backend, &site).await,
            Err(e) => Err(e),
        };
        self.pending = pending;
        self.pending.sent();
        result
    }

    /// Starts a savepoint: what follows can be undone alone ([`SiteTx::rollback_to`]) while
    /// what came before stays (one batch of a group commit, `crate::sync::writer`).
    pub async fn savepoint(&mut self) -> AppResult<Mark> {
        self.savepoint = Savepoint::Due;
        self.pending.savepoint();
        Ok(Mark { next_seq: self.next_seq, touched: self.touched.clone() })
    }

    /// Keeps what was written since the savepoint.
    pub async fn release(&mut self, _mark: Mark) -> AppResult<()> {
        self.savepoint.release(&mut self.tx).await?;
        self.pending.release();
        Ok(())
    }

    /// Undoes everything written since the savepoint, in the database and in this
    /// transaction's bookkeeping. When that fails the transaction is [`SiteTx::broken`].
    pub async fn rollback_to(&mut self, mark: Mark) -> AppResult<()> {
        self.broken = true;
        self.pending.rollback();
        self.savepoint.roll_back(&mut self.tx).await?;
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

    /// Whether this transaction has appended to the log.
    pub fn wrote(&self) -> bool {
        self.next_seq > self.start_seq + 1
    }

    /// Records the new end of the log and commits. Returns whether anything was written.
    pub async fn commit(mut self) -> AppResult<bool> {
        let wrote = self.wrote();
        self.flush().await?;
        if wrote {
            sqlx::query("UPDATE sites SET last_seq = $1 WHERE id = $2")
                .bind(self.next_seq - 1)
                .bind(self.site_id.clone())
                .execute(self.conn().await?)
                .await?;
        }
        self.tx.commit().await?;
        Ok(wrote)
    }

    /// The merged state of one field of a record of this site.
    pub async fn stored(
        &mut self,
        kind: &str,
        id: &str,
        field: &str,
    ) -> AppResult<Option<FieldState>> {
        if self.fresh.get(kind, id).is_some_and(|written| !written.contains(field)) {
            return Ok(None);
        }
        if let Some(known) = self.cache.field(kind, id, field) {
            return Ok(known);
        }
        self.flush().await?;
        let row = sqlx::query(
            "SELECT value, hlc, replica, prev FROM fields \
             WHERE kind = $1 AND record_id = $2 AND field = $3 AND site_id = $4",
        )
        .bind(kind)
        .bind(id)
        .bind(field)
        .bind(self.site_id.clone())
        .fetch_optional(self.conn().await?)
        .await?;
        let state = row.as_ref().map(field_from_row).transpose()?;
        self.cache.set_field(kind, id, field, state.clone());
        Ok(state)
    }

    /// Marks a scope as changed, for the pokes sent after commit.
    pub(super) fn touch(&mut self, key: String) {
        self.touched.insert(key);
    }

    /// The scopes written to so far: what [`crate::state::AppState::poke`] announces.
    pub fn touched(&self) -> Vec<String> {
        self.touched.iter().cloned().collect()
    }

    /// Sets who owns the records this transaction creates (the pushing user): a record
    /// whose area is not known yet stays writable by its owner.
    pub fn set_owner(&mut self, user_id: &str) {
        self.owner = Some(user_id.to_owned());
    }

    /// Sets a user's role, area and department: the one source of truth for their scope.
    pub async fn set_user_scope(
        &mut self,
        user_id: &str,
        role: shared::Role,
        area: Option<&str>,
        department: Option<&str>,
    ) -> AppResult<()> {
        sqlx::query("UPDATE users SET role = $1, area_id = $2, department_id = $3 WHERE id = $4")
            .bind(role.as_str())
            .bind(area)
            .bind(department)
            .bind(user_id)
            .execute(self.conn().await?)
            .await?;
        Ok(())
    }

    /// Every field of one kind in this site whose value equals `value` (lookups by name).
    pub async fn find_by_field(
        &mut self,
        kind: &str,
        field: &str,
        value: &serde_json::Value,
    ) -> AppResult<Option<String>> {
        let text = serde_json::to_string(value).map_err(AppError::internal)?;
        self.flush().await?;
        let row = sqlx::query(
            "SELECT record_id FROM fields WHERE site_id = $1 AND kind = $2 AND field = $3 AND value = $4 \
             ORDER BY record_id LIMIT 1",
        )
        .bind(self.site_id.clone())
        .bind(kind)
        .bind(field)
        .bind(text)
        .fetch_optional(self.conn().await?)
        .await?;
        Ok(row.map(|r| r.try_get("record_id")).transpose()?)
    }
}
