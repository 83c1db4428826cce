//! What a group of pushes reads, read up front in a few multi-row queries
//! ([`SiteTx::prefetch`]) instead of one or two lookups per change: the placement of every
//! record the changes name and of the records they point to, the merged state of exactly the
//! fields they write, and which new records have no children yet.
//!
//! Only the fields written are read (and a request's `status`, which says whether it is
//! closed): a record's other fields are not needed to judge a change, and reading every
//! field of every record edited (each row converted and freed) was the largest part of the
//! writer's time. A field the placement rules read besides (a request's `area`, a link's
//! `person`) is read when asked ([`SiteTx::stored`]).

use super::keyed::{FastMap, FastSet};
use super::site_tx::SiteTx;
use super::statements::{param, shaped};
use super::tx_cache::Placed;
use super::{field_from_row, Backend};
use crate::error::{AppError, AppResult};
use shared::scope::{placement, Placement};
use shared::{Change, RecordId};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};

/// Records wanted, by kind.
type Wanted<'c, T> = BTreeMap<&'c str, BTreeSet<T>>;

impl SiteTx {
    /// Reads what judging and placing `changes` needs and this transaction does not know yet
    /// (per kind, up to [`super::statements`]'s row limit at a time).
    pub async fn prefetch<'c>(
        &mut self,
        changes: impl IntoIterator<Item = &'c Change>,
    ) -> AppResult<()> {
        let mut records: Wanted<'c, &'c str> = BTreeMap::new();
        let mut fields: Wanted<'c, (&'c str, &'c str)> = BTreeMap::new();
        for c in changes {
            let (kind, id, field) = (c.kind.as_str(), c.id.as_str(), c.field.as_str());
            if shared::schema::kind(kind).is_none() || !c.id.is_valid() {
                continue;
            }
            if self.cache.placed.get(kind, id).is_none() {
                records.entry(kind).or_default().insert(id);
            }
            if self.cache.field(kind, id, field).is_none() && self.fresh.get(kind, id).is_none() {
                fields.entry(kind).or_default().insert((id, field));
            }
            // A request's edit reads its stored status (is it closed? `request::closing`).
            let status = shared::names::field::STATUS;
            if kind == shared::names::kind::REQUEST
                && self.cache.field(kind, id, status).is_none()
                && self.fresh.get(kind, id).is_none()
            {
                fields.entry(kind).or_default().insert((id, status));
            }
            let Some(to) = points_to(kind, field) else { continue };
            let target = c.value.as_str().filter(|v| RecordId::is_valid_str(v));
            if let Some(target) = target.filter(|t| self.cache.placed.get(to, t).is_none()) {
                records.entry(to).or_default().insert(target);
            }
        }
        if records.is_empty() && fields.is_empty() {
            return Ok(());
        }
        // Held-back rows are what this transaction wrote: a rollback emptied the cache of
        // them, so they must be in the database before it is read again.
        self.flush().await?;
        // The parent keys of records nobody has yet: whether they have children is read too.
        let mut new_parents = Vec::new();
        for (kind, ids) in records {
            let ids: Vec<&str> = ids.into_iter().collect();
            for chunk in shaped(&ids) {
                self.prefetch_placed(kind, chunk).await?;
            }
            for id in ids {
                if matches!(self.cache.placed.get(kind, id), Some(None)) {
                    new_parents.push(id.to_owned());
                    new_parents.push(format!("{kind}:{id}"));
                }
            }
        }
        for (kind, pairs) in fields {
            // A record nobody has has no fields: nothing to read.
            let mut stored = Vec::with_capacity(pairs.len());
            for (id, field) in pairs {
                match self.cache.placed.get(kind, id) {
                    Some(None) => self.cache.set_no_fields(kind, id),
                    _ => stored.push((id, field)),
                }
            }
            for chunk in shaped(&stored) {
                self.prefetch_fields(kind, chunk).await?;
            }
        }
        self.prefetch_children(&new_parents).await
    }

    /// Learns which of `parents` (`records.parent_id` values) have no children in this site.
    async fn prefetch_children(&mut self, parents: &[String]) -> AppResult<()> {
        let backend = self.backend;
        for chunk in shaped(parents) {
            let list: Vec<String> = (0..chunk.len()).map(|i| param(backend, i + 2)).collect();
            let sql = format!(
                "SELECT DISTINCT parent_id FROM records WHERE site_id = {} AND parent_id IN ({})",
                param(backend, 1),
                list.join(", ")
            );
            let mut q = sqlx::query(&sql).bind(self.site_id.clone());
            for p in chunk {
                q = q.bind(p);
            }
            let mut with: FastSet<String> = FastSet::default();
            for r in q.fetch_all(self.conn().await?).await? {
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

    /// The `records` rows of `ids`.
    async fn prefetch_placed(&mut self, kind: &str, ids: &[&str]) -> AppResult<()> {
        let backend = self.backend;
        let list: Vec<String> = (0..ids.len()).map(|i| param(backend, i + 2)).collect();
        let sql = format!(
            "SELECT id, area_id, dept_id, owner_id FROM records \
             WHERE kind = {} AND id IN ({}) AND site_id = {}",
            param(backend, 1),
            list.join(", "),
            param(backend, ids.len() + 2)
        );
        let mut q = sqlx::query(&sql).bind(kind);
        for id in ids {
            q = q.bind(*id);
        }
        let q = q.bind(self.site_id.clone());
        let rows = q.fetch_all(self.conn().await?).await?;
        let mut placed: FastMap<String, Placed> = FastMap::default();
        for r in &rows {
            placed.insert(r.try_get("id")?, Placed::from_row(r)?);
        }
        for id in ids {
            self.cache.placed.get_or_insert_with(kind, id, || placed.get(*id).cloned());
        }
        Ok(())
    }

    /// The merged state of `(id, field)` pairs of records of `kind` in this site; a pair not
    /// found is known to be unset.
    async fn prefetch_fields(&mut self, kind: &str, pairs: &[(&str, &str)]) -> AppResult<()> {
        let sql = fields_sql(self.backend, pairs.len());
        // In the order of the text: SQLite's bare `?` are numbered by position.
        let mut q = sqlx::query(&sql);
        for (i, (id, field)) in pairs.iter().enumerate() {
            q = q.bind(i as i64).bind(*id).bind(*field);
        }
        let q = q.bind(kind).bind(self.site_id.clone());
        for r in q.fetch_all(self.conn().await?).await? {
            let i: i64 = r.try_get("i")?;
            let Some((id, field)) = usize::try_from(i).ok().and_then(|i| pairs.get(i)) else {
                return Err(AppError::internal(format!("no pair {i} was asked for")));
            };
            self.cache.set_read_field(kind, id, field, field_from_row(&r)?);
        }
        for (id, field) in pairs {
            if self.cache.field(kind, id, field).is_none() {
                self.cache.set_field(kind, id, field, None);
            }
        }
        Ok(())
    }
}

/// The read of `pairs` fields of one kind, in this site: each pair as `(index, record_id,
/// field)` — the index names it in the answer — then the kind, then the site.
///
/// One lookup by primary key per pair, said so to each engine. SQLite reads a row-value `IN`
/// as a scan of the kind; the site is the key's last column (migration 0011), and with the
/// whole key named and the pairs read first (`CROSS JOIN` fixes SQLite's join order), each
/// pair is one row's lookup. Left to choose, SQLite read the fields of the kind (or of the
/// site's kind, by `fields_by_site`) once per pair: 30 times slower.
/// PostgreSQL, its statistics behind a fast-growing table, hashed a plain join against every
/// field of the kind (28 ms against 4.5 ms for 400 pairs); a `LATERAL … LIMIT 1` naming the
/// whole key is looked up row by row.
fn fields_sql(backend: Backend, pairs: usize) -> String {
    let p = |n| param(backend, n);
    let values: Vec<String> = (0..pairs)
        .map(|i| format!("({}, {}, {})", p(3 * i + 1), p(3 * i + 2), p(3 * i + 3)))
        .collect();
    let (kind, site) = (p(3 * pairs + 1), p(3 * pairs + 2));
    let key = format!("f.kind = {kind} AND f.record_id = w.record_id AND f.field = w.field");
    match backend {
        Backend::Sqlite => format!(
            "WITH w (i, record_id, field) AS (VALUES {}) \
             SELECT w.i, f.value, f.hlc, f.replica, f.prev FROM w CROSS JOIN fields f \
             ON {key} AND f.site_id = {site}",
            values.join(", ")
        ),
        Backend::Postgres => format!(
            "SELECT w.i, f.value, f.hlc, f.replica, f.prev \
             FROM (VALUES {}) AS w (i, record_id, field) CROSS JOIN LATERAL \
             (SELECT * FROM fields f WHERE {key} AND f.site_id = {site} LIMIT 1) f",
            values.join(", ")
        ),
    }
}

/// The kind of record a reference field of `kind` points to, when placing a record of `kind`
/// or judging its scope reads that record's placement: a placed kind's record, or the
/// reference record a kind is placed through (a unit's building).
fn points_to(kind: &str, field: &str) -> Option<&'static str> {
    let to = shared::scope::ref_kind(kind, field)?;
    let through = matches!(placement(kind), Placement::Area(vias)
        if vias.iter().any(|v| v.field() == field));
    (through || placement(to) != Placement::Reference).then_some(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    /// The field read stays one primary-key search per pair on SQLite. Its plan does not show
    /// in any result, only in time: with the site term off the key it scanned the
    /// fields of the kind for every pair, and ingest fell from 60k to 1.6k changes/s.
    #[tokio::test]
    async fn the_field_read_is_a_primary_key_search_on_sqlite() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::connect(&format!("sqlite://{}", dir.path().join("plan.db").display()))
            .await
            .expect("database");
        // A group's many pairs: with a few, SQLite chose well either way.
        let pairs = 512;
        let sql = format!("EXPLAIN QUERY PLAN {}", fields_sql(Backend::Sqlite, pairs));
        let mut q = sqlx::query(&sql);
        for i in 0..pairs {
            q = q.bind(i as i64).bind(format!("id-{i}")).bind("status");
        }
        let rows = q.bind("request").bind("site").fetch_all(&db.pool).await.expect("plan");
        let plan: Vec<String> = rows.iter().map(|r| r.get::<String, _>("detail")).collect();
        let fields: Vec<&String> = plan.iter().filter(|d| d.contains(" f ")).collect();
        assert_eq!(fields.len(), 1, "one step reads `fields`: {plan:?}");
        assert!(
            fields[0].starts_with("SEARCH f USING INDEX sqlite_autoindex_fields_1 (kind=? AND record_id=? AND field=? AND site_id=?)"),
            "by its whole primary key: {plan:?}"
        );
    }
}
