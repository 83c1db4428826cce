//! Writing to a site's change log. Every write — device pushes, compensations, conflict
//! records, demo data, new accounts — goes through [`SiteTx::write`], so the merged state
//! (`fields`) and the log (`changes`) can never disagree.
//!
//! A [`SiteTx`] begins by updating the site's row: that takes the row lock in PostgreSQL and
//! the write lock in SQLite, so writers of one site are serialised and the log's `seq` order
//! is also its commit order (a pull never skips a change committed late).

use super::keyed::{ByRecord, FastMap, FastSet};
use super::{field_from_row, Db};
use crate::error::{AppError, AppResult};
use shared::scope::{placement, Placement};
use shared::{Change, FieldState};
use sqlx::{Any, Row, Transaction};
use std::collections::BTreeSet;

/// An open write transaction on one site's data.
pub struct SiteTx {
    /// Reached through [`SiteTx::conn`], which opens a batch's savepoint when one is due.
    tx: Transaction<'static, Any>,
    /// The batch savepoint ([`super::savepoint`]): opened in the database only before the
    /// batch's first statement.
    pub(super) savepoint: super::savepoint::State,
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
    pub(super) cache: super::tx_cache::TxCache,
    /// Rows held back to go out as multi-row statements ([`super::pending`]).
    pub(super) pending: super::pending::Pending,
    /// Parent keys (`records.parent_id` values) that had no children in this site when the
    /// transaction read them ([`SiteTx::prefetch_children`]).
    pub(super) childless: FastSet<String>,
    /// Parent keys this transaction gave to a record ([`SiteTx::set_parent`]): they may have
    /// children now.
    pub(super) named_parents: FastSet<String>,
    /// Replica rows read or written by this transaction ([`SiteTx::replica`]).
    pub(super) replicas: FastMap<String, Option<super::replicas::ReplicaRow>>,
    /// A rollback to a savepoint failed: the transaction must not be committed.
    pub(super) broken: bool,
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
        self.open_due_savepoint().await?;
        Ok(&mut *self.tx)
    }

    /// The connection without opening a due savepoint: for the savepoint statements only.
    pub(super) fn unguarded(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
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

    /// Makes `c` the field's value and appends it to the log. The caller has decided it
    /// wins (or is the server's own answer); this does no merge. The record's placement is
    /// updated first ([`SiteTx::place`]), so the log row carries the scope it now belongs to.
    pub async fn write(&mut self, c: &Change) -> AppResult<()> {
        let value = serde_json::to_string(&c.value).map_err(AppError::internal)?;
        let (kind, id) = (c.kind.as_str(), c.id.as_str());
        if !self.ensured.contains(kind, id) {
            // A record nobody has (every record the batch names was read up front) is
            // created with the transaction's other rows, held back ([`super::pending`]).
            if self.placed(kind, id).await?.is_none() {
                let area = Self::initial_area(kind);
                let row = super::pending::RecordRow {
                    kind: kind.to_owned(),
                    id: id.to_owned(),
                    area: area.map(str::to_owned),
                    parent: None,
                    owner: self.owner.clone(),
                };
                self.pending.current.records.insert(kind, id, row);
                self.fresh.insert(kind, id, FastSet::default());
                let placed = super::scope::Placed {
                    area_id: area.map(str::to_owned),
                    dept_id: None,
                    owner_id: self.owner.clone(),
                };
                self.cache.placed.insert(kind, id, Some(placed));
            }
            self.ensured.insert(kind, id, ());
        }
        if let Some(written) = self.fresh.get_mut(kind, id) {
            if !written.contains(&c.field) {
                written.insert(c.field.clone());
            }
        }
        let row = super::pending::Row {
            kind: kind.to_owned(),
            id: id.to_owned(),
            field: c.field.clone(),
            value,
            hlc: c.hlc,
            replica: c.replica.as_str().to_owned(),
            prev: c.prev,
            seq: 0,
            area: None,
            dept: None,
        };
        self.pending.current.fields.push(row.clone());
        self.cache.set_field(kind, id, &c.field, Some(super::tx_cache::written_state(c)));
        let joins = self.place(c).await?;
        // A linked record (a person) is logged once per area it is linked into.
        let linked = matches!(placement(kind), Placement::Linked { .. });
        if !linked && joins.is_empty() && self.hold_log_row(row).await? {
            return Ok(());
        }
        self.flush().await?;
        if linked {
            let areas = self.person_areas(id).await?;
            for area in &areas {
                self.log_field(kind, id, &c.field, Some(area)).await?;
            }
            if areas.is_empty() {
                self.log_field(kind, id, &c.field, None).await?;
            }
        } else {
            self.log_field(kind, id, &c.field, None).await?;
        }
        for (kind, id, area) in joins {
            let rows = sqlx::query(
                "SELECT field FROM fields WHERE kind = $1 AND record_id = $2 AND site_id = $3",
            )
            .bind(&kind)
            .bind(&id)
            .bind(self.site_id.clone())
            .fetch_all(self.conn().await?)
            .await?;
            for row in rows {
                let field: String = row.try_get("field")?;
                // The change itself was just logged under the record's new placement.
                let logged = (kind.as_str(), id.as_str(), field.as_str())
                    == (c.kind.as_str(), c.id.as_str(), c.field.as_str())
                    && !linked;
                if !logged {
                    self.log_field(&kind, &id, &field, area.as_deref()).await?;
                }
            }
        }
        Ok(())
    }

    /// Appends a stored field to the log, under `area` or else its record's own placement:
    /// copied from `fields`, not re-bound.
    async fn log_field(
        &mut self,
        kind: &str,
        id: &str,
        field: &str,
        area: Option<&str>,
    ) -> AppResult<()> {
        self.flush().await?;
        let row = sqlx::query(
            "INSERT INTO changes (site_id, seq, area_id, dept_id, kind, record_id, field, value, hlc, replica, prev) \
             SELECT f.site_id, $1, COALESCE($2, r.area_id), r.dept_id, f.kind, f.record_id, f.field, \
                    f.value, f.hlc, f.replica, f.prev \
             FROM fields f JOIN records r \
               ON r.kind = f.kind AND r.id = f.record_id AND r.site_id = f.site_id \
             WHERE f.kind = $3 AND f.record_id = $4 AND f.field = $5 AND f.site_id = $6 \
             RETURNING area_id, dept_id",
        )
        .bind(self.next_seq)
        .bind(area)
        .bind(kind)
        .bind(id)
        .bind(field)
        .bind(self.site_id.clone())
        .fetch_one(self.conn().await?)
        .await?;
        let area: Option<String> = row.try_get("area_id")?;
        let dept: Option<String> = row.try_get("dept_id")?;
        self.touched.insert(crate::pokes::area_key(area.as_deref()));
        if let Some(d) = dept {
            self.touched.insert(shared::scope::Scope::Department(d.into()).key());
        }
        self.next_seq += 1;
        Ok(())
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
