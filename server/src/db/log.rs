//! Reading a site's change log and merged state: what pulls are made of. Both reads are
//! keyed so that their cost follows the rows returned, never the size of the database.

use super::{change_from_row, Db};
use crate::error::AppResult;
use shared::scope::Scope;
use shared::Change;
use sqlx::Row;

/// A scope as an SQL condition, and the id it compares with (bound only when there is one,
/// as the last parameter `$n`).
pub(super) struct ScopeFilter {
    pub(super) cond: String,
    param: Option<String>,
}

impl ScopeFilter {
    /// On a log row (`changes`): reference rows, plus the scope's area or department.
    fn log(scope: &Scope, n: usize) -> Self {
        let (cond, param) = match scope {
            Scope::Site => ("TRUE".to_owned(), None),
            Scope::Area(a) => (format!("(area_id IS NULL OR area_id = ${n})"), Some(&a.0)),
            Scope::Department(d) => (
                format!("(area_id IS NULL OR dept_id = ${n}{})", whole_kinds(scope, "kind")),
                Some(&d.0),
            ),
            Scope::ReferenceOnly => ("area_id IS NULL".to_owned(), None),
        };
        ScopeFilter { cond, param: param.cloned() }
    }

    /// On a merged field (`fields f` joined with `records r`); a person is in an area when
    /// one of their live links is.
    pub(super) fn snapshot(scope: &Scope, n: usize) -> Self {
        let (cond, param) = match scope {
            Scope::Site => ("TRUE".to_owned(), None),
            Scope::Area(a) => (
                format!(
                    "(r.area_id IS NULL OR r.area_id = ${n} OR (f.kind = 'person' AND EXISTS \
                     (SELECT 1 FROM person_links pl WHERE pl.person_id = f.record_id \
                      AND pl.site_id = f.site_id AND pl.area_id = ${n} AND pl.live = 1)))"
                ),
                Some(&a.0),
            ),
            Scope::Department(d) => (
                format!("(r.area_id IS NULL OR r.dept_id = ${n}{})", whole_kinds(scope, "f.kind")),
                Some(&d.0),
            ),
            Scope::ReferenceOnly => ("r.area_id IS NULL".to_owned(), None),
        };
        ScopeFilter { cond, param: param.cloned() }
    }

    /// Binds the compared id, if any, as the next parameter.
    pub(super) fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        match &self.param {
            Some(p) => q.bind(p.as_str()),
            None => q,
        }
    }
}

/// ` OR <column> IN ('unit', …)`: the kinds `scope` holds whole ([`Scope::holds_whole`],
/// constant kind names from `shared`, never user input), or nothing when it holds none.
fn whole_kinds(scope: &Scope, column: &str) -> String {
    let kinds = scope.holds_whole();
    if kinds.is_empty() {
        return String::new();
    }
    let list: Vec<String> = kinds.iter().map(|k| format!("'{k}'")).collect();
    format!(" OR {column} IN ({})", list.join(", "))
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// The `(kind, record_id, field)` key of a field, the order snapshots are paged in.
pub type FieldKey = (String, String, String);

impl Db {
    /// The position of the last change in a site's log.
    pub async fn site_last_seq(&self, site_id: &str) -> AppResult<i64> {
        let row = sqlx::query("SELECT last_seq FROM sites WHERE id = $1")
            .bind(site_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("last_seq")?)
    }

    /// The epoch of a scope: bumped whenever records leave it.
    pub async fn scope_epoch(&self, site_id: &str, scope: &Scope) -> AppResult<i64> {
        let row = sqlx::query("SELECT epoch FROM scope_epochs WHERE site_id = $1 AND scope = $2")
            .bind(site_id)
            .bind(scope.key())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("epoch")).transpose()?.unwrap_or(0))
    }

    /// Up to `limit` log entries of a site in `scope` after position `from`, with their
    /// positions (rows of other scopes are skipped).
    pub async fn log_after(
        &self,
        site_id: &str,
        scope: &Scope,
        from: i64,
        limit: i64,
    ) -> AppResult<Vec<(i64, Change)>> {
        let filter = ScopeFilter::log(scope, 4);
        let sql = format!(
            "SELECT seq, kind, record_id, field, value, hlc, replica, prev FROM changes \
             WHERE site_id = $1 AND seq > $2 AND {} ORDER BY seq LIMIT $3",
            filter.cond
        );
        let query = sqlx::query(&sql).bind(site_id).bind(from).bind(limit);
        let rows = filter.bind(query).fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok((r.try_get("seq")?, change_from_row(r)?))).collect()
    }

    /// How many merged fields of a site are in `scope` (a snapshot's size).
    pub async fn count_fields(&self, site_id: &str, scope: &Scope) -> AppResult<i64> {
        let filter = ScopeFilter::snapshot(scope, 2);
        let sql = format!(
            "SELECT COUNT(*) AS n FROM fields f JOIN records r ON r.kind = f.kind AND r.id = f.record_id AND r.site_id = f.site_id \
             WHERE f.site_id = $1 AND {}",
            filter.cond
        );
        let row = filter.bind(sqlx::query(&sql).bind(site_id)).fetch_one(&self.pool).await?;
        Ok(row.try_get("n")?)
    }

    /// Up to `limit` merged fields of a site after `after` in key order (from the start
    /// when `None`), each as the change that sets it.
    pub async fn fields_after(
        &self,
        site_id: &str,
        scope: &Scope,
        after: Option<&FieldKey>,
        limit: i64,
    ) -> AppResult<Vec<Change>> {
        let empty = FieldKey::default();
        let (k, id, f) = after.unwrap_or(&empty);
        let filter = ScopeFilter::snapshot(scope, 6);
        let sql = format!(
            "SELECT f.kind, f.record_id, f.field, f.value, f.hlc, f.replica, f.prev FROM fields f \
             JOIN records r ON r.kind = f.kind AND r.id = f.record_id AND r.site_id = f.site_id \
             WHERE f.site_id = $1 AND (f.kind > $2 OR (f.kind = $2 AND (f.record_id > $3 \
                   OR (f.record_id = $3 AND f.field > $4)))) AND {} \
             ORDER BY f.kind, f.record_id, f.field LIMIT $5",
            filter.cond
        );
        let query = sqlx::query(&sql).bind(site_id).bind(k).bind(id).bind(f).bind(limit);
        let rows = filter.bind(query).fetch_all(&self.pool).await?;
        rows.iter().map(change_from_row).collect()
    }
}
