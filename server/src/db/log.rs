//! Reading a site's change log and merged state: what pulls are made of. Both reads are
//! keyed so that their cost follows the rows returned, never the size of the database.

use super::{change_from_row, Db};
use crate::error::AppResult;
use shared::Change;
use sqlx::Row;

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

    /// Up to `limit` log entries of a site after position `from`, with their positions.
    pub async fn log_after(
        &self,
        site_id: &str,
        from: i64,
        limit: i64,
    ) -> AppResult<Vec<(i64, Change)>> {
        let rows = sqlx::query(
            "SELECT seq, kind, record_id, field, value, hlc, replica, prev FROM changes \
             WHERE site_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        )
        .bind(site_id)
        .bind(from)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get("seq")?, change_from_row(r)?))).collect()
    }

    /// Up to `limit` merged fields of a site after `after` in key order (from the start
    /// when `None`), each as the change that sets it.
    pub async fn fields_after(
        &self,
        site_id: &str,
        after: Option<&FieldKey>,
        limit: i64,
    ) -> AppResult<Vec<Change>> {
        let empty = FieldKey::default();
        let (k, id, f) = after.unwrap_or(&empty);
        let rows = sqlx::query(
            "SELECT kind, record_id, field, value, hlc, replica, prev FROM fields \
             WHERE site_id = $1 AND (kind > $2 OR (kind = $2 AND (record_id > $3 \
                   OR (record_id = $3 AND field > $4)))) \
             ORDER BY kind, record_id, field LIMIT $5",
        )
        .bind(site_id)
        .bind(k)
        .bind(id)
        .bind(f)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(change_from_row).collect()
    }
}
