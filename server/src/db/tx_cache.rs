//! What a site transaction already knows of the records it touches: their placement and
//! their merged fields, read for a whole batch in a few queries ([`SiteTx::prefetch`])
//! instead of one or two lookups per change, and kept current by the transaction's own
//! writes ([`SiteTx::write`] and the placement updates). The transaction holds the site's
//! write lock, so nobody else changes these rows meanwhile; a rollback to a savepoint
//! forgets everything ([`TxCache::clear`]).

use super::field_from_row;
use super::scope::Placed;
use super::site_tx::SiteTx;
use crate::error::AppResult;
use shared::{Change, FieldState, RecordId};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The cache of one [`SiteTx`].
#[derive(Debug, Default)]
pub(super) struct TxCache {
    /// `records` rows by `(kind, id)`; `None`: no such record.
    pub(super) placed: HashMap<(String, String), Option<Placed>>,
    /// Merged fields by `(kind, id, field)`; `None`: known to be unset.
    fields: HashMap<(String, String, String), Option<FieldState>>,
    /// Records whose every field is in `fields` (a field missing there is unset).
    loaded: HashSet<(String, String)>,
}

impl TxCache {
    /// Forgets everything (a rollback undid writes this cache may hold).
    pub(super) fn clear(&mut self) {
        self.placed.clear();
        self.fields.clear();
        self.loaded.clear();
    }

    /// What the cache knows of a field: `Some(state)` when known, `None` when it must be read.
    pub(super) fn field(&self, kind: &str, id: &str, field: &str) -> Option<Option<FieldState>> {
        let key = (kind.to_owned(), id.to_owned(), field.to_owned());
        if let Some(known) = self.fields.get(&key) {
            return Some(known.clone());
        }
        self.loaded.contains(&(key.0, key.1)).then_some(None)
    }

    /// Remembers a field as read or written.
    pub(super) fn set_field(&mut self, kind: &str, id: &str, field: &str, s: Option<FieldState>) {
        self.fields.insert((kind.to_owned(), id.to_owned(), field.to_owned()), s);
    }

    /// Forgets a record's placement (its `records` row was updated).
    pub(super) fn forget_placed(&mut self, kind: &str, id: &str) {
        self.placed.remove(&(kind.to_owned(), id.to_owned()));
    }
}

impl SiteTx {
    /// Reads the placement and merged fields of every record `changes` name, and of the
    /// records they point to (a request's unit, a unit's building, a history record's
    /// request, an answer's round), not yet known, in a few queries (per kind, up to
    /// [`super::pending`]'s row limit of ids at a time). For the records nobody has yet, it
    /// also learns which have no children ([`SiteTx::known_childless`]).
    pub async fn prefetch<'c>(
        &mut self,
        changes: impl IntoIterator<Item = &'c Change>,
    ) -> AppResult<()> {
        let mut wanted: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for c in changes {
            let (kind, id) = (c.kind.as_str(), c.id.as_str());
            if shared::schema::kind(kind).is_none() || !c.id.is_valid() {
                continue;
            }
            let mut want = |kind: &'c str, id: &'c str| {
                if !self.cache.loaded.contains(&(kind.to_owned(), id.to_owned())) {
                    wanted.entry(kind).or_default().insert(id);
                }
            };
            want(kind, id);
            let target = c.value.as_str().filter(|v| RecordId::from(*v).is_valid());
            if let (Some(to), Some(target)) = (points_to(kind, &c.field), target) {
                want(to, target);
            }
        }
        if wanted.is_empty() {
            return Ok(());
        }
        // Held-back rows are what this transaction wrote: a rollback emptied the cache of
        // them, so they must be in the database before it is read again.
        self.flush().await?;
        let mut fresh = Vec::new();
        for (kind, ids) in wanted {
            let ids: Vec<&str> = ids.into_iter().collect();
            for chunk in super::pending::shaped(&ids) {
                self.prefetch_chunk(kind, chunk).await?;
            }
            for id in ids {
                if matches!(self.cache.placed.get(&(kind.to_owned(), id.to_owned())), Some(None)) {
                    fresh.push(id.to_owned());
                    fresh.push(format!("{kind}:{id}"));
                }
            }
        }
        self.prefetch_children(&fresh).await
    }

    /// Learns which of `parents` (`records.parent_id` values) have no children in this site.
    async fn prefetch_children(&mut self, parents: &[String]) -> AppResult<()> {
        let backend = self.backend;
        for chunk in super::pending::shaped(parents) {
            let list: Vec<String> =
                (0..chunk.len()).map(|i| super::pending::param(backend, i + 2)).collect();
            let sql = format!(
                "SELECT DISTINCT parent_id FROM records WHERE site_id = {} AND parent_id IN ({})",
                super::pending::param(backend, 1),
                list.join(", ")
            );
            let mut q = sqlx::query(&sql).bind(&self.site_id);
            for p in chunk {
                q = q.bind(p);
            }
            let mut with: HashSet<String> = HashSet::new();
            for r in q.fetch_all(&mut *self.tx).await? {
                with.insert(r.try_get("parent_id")?);
            }
            self.childless.extend(chunk.iter().filter(|p| !with.contains(*p)).cloned());
        }
        Ok(())
    }

    /// Whether `parent` is known to have no children: none when it was read, and this
    /// transaction has named it nobody's parent since.
    pub(super) fn known_childless(&self, parent: &str) -> bool {
        self.childless.contains(parent) && !self.named_parents.contains(parent)
    }

    async fn prefetch_chunk(&mut self, kind: &str, ids: &[&str]) -> AppResult<()> {
        let backend = self.backend;
        let p = |n| super::pending::param(backend, n);
        let list = |from: usize| (0..ids.len()).map(|i| p(i + from)).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT id, site_id, area_id, dept_id, owner_id FROM records \
             WHERE kind = {} AND id IN ({})",
            p(1),
            list(2)
        );
        let mut q = sqlx::query(&sql).bind(kind);
        for id in ids {
            q = q.bind(*id);
        }
        let rows = q.fetch_all(&mut *self.tx).await?;
        let mut placed: HashMap<String, Placed> = HashMap::new();
        for r in &rows {
            placed.insert(r.try_get("id")?, Placed::from_row(r)?);
        }
        for id in ids {
            let key = (kind.to_owned(), (*id).to_owned());
            self.cache.placed.entry(key).or_insert_with(|| placed.get(*id).cloned());
        }
        // By the primary key `(kind, record_id, …)` only: with the site in the condition too,
        // PostgreSQL may pick `fields_by_site` and filter the ids over every field of the
        // site's kind (seen: 24 ms instead of 1 ms once the statistics were behind). Another
        // site's fields are skipped here instead.
        let sql = format!(
            "SELECT record_id, field, value, hlc, replica, prev, site_id FROM fields \
             WHERE kind = {} AND record_id IN ({})",
            p(1),
            list(2)
        );
        let mut q = sqlx::query(&sql).bind(kind);
        for id in ids {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&mut *self.tx).await? {
            if r.try_get::<String, _>("site_id")? != self.site_id {
                continue;
            }
            let (id, field): (String, String) = (r.try_get("record_id")?, r.try_get("field")?);
            let key = (kind.to_owned(), id, field);
            // A field this transaction wrote is already current in the cache.
            if let std::collections::hash_map::Entry::Vacant(e) = self.cache.fields.entry(key) {
                e.insert(Some(field_from_row(&r)?));
            }
        }
        for id in ids {
            self.cache.loaded.insert((kind.to_owned(), (*id).to_owned()));
        }
        Ok(())
    }
}

/// The kind of record a reference field of `kind` points to, when placing a record of `kind`
/// reads that record's placement.
fn points_to(kind: &str, field: &str) -> Option<&'static str> {
    match (kind, field) {
        ("request" | "unit_person", "unit") => Some("unit"),
        ("unit", "building") => Some("building"),
        (k, "request") if shared::request::history::CHILD_KINDS.contains(&k) => Some("request"),
        (shared::patrol::ANSWER, "round") => Some(shared::patrol::ROUND),
        _ => None,
    }
}

/// A written change as the field state it stores.
pub(super) fn written_state(c: &Change) -> FieldState {
    FieldState { value: c.value.clone(), hlc: c.hlc, replica: c.replica.clone(), prev: c.prev }
}
