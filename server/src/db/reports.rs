//! What a report reads: the merged fields of chosen kinds in a scope, paged by key, so a
//! report's replica is built in bounded steps (`docs/ARCHITECTURE.md`, "Reports"). The scope
//! condition is the snapshot's ([`super::log`]): a report never reads what a pull would not
//! send.

use super::log::ScopeFilter;
use super::{change_from_row, Db};
use crate::error::AppResult;
use shared::scope::Scope;
use shared::Change;

/// The `(record_id, field)` key of a field within its kind, the order pages are read in.
pub type KindKey = (String, String);

impl Db {
    /// Up to `limit` merged fields of kind `kind` of a site in `scope`, after `after` in
    /// `(record_id, field)` order (from the start when `None`), each as the change that sets it.
    /// The row-value comparison lets both engines seek the key (`kind`, `record_id`,
    /// `field`, …) to where the page starts instead of scanning the kind from its start.
    pub async fn kind_fields_after(
        &self,
        site_id: &str,
        scope: &Scope,
        kind: &str,
        after: Option<&KindKey>,
        limit: i64,
    ) -> AppResult<Vec<Change>> {
        let empty = KindKey::default();
        let (id, f) = after.unwrap_or(&empty);
        let filter = ScopeFilter::snapshot(scope, 6);
        let sql = format!(
            "SELECT f.kind, f.record_id, f.field, f.value, f.hlc, f.replica, f.prev FROM fields f \
             JOIN records r ON r.kind = f.kind AND r.id = f.record_id AND r.site_id = f.site_id \
             WHERE f.site_id = $1 AND f.kind = $2 AND (f.record_id, f.field) > ($3, $4) AND {} \
             ORDER BY f.record_id, f.field LIMIT $5",
            filter.cond
        );
        let query = sqlx::query(&sql).bind(site_id).bind(kind).bind(id).bind(f).bind(limit);
        let rows = filter.bind(query).fetch_all(&self.pool).await?;
        rows.iter().map(change_from_row).collect()
    }
}
