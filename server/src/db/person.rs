//! What `guanjia person export|erase` reads ([`crate::person`]): a site's merged fields of
//! the kinds that may hold a resident's data, the log rows of chosen records (their
//! history), and who owns the replicas that wrote them.

use super::{change_from_row, Db};
use crate::error::AppResult;
use shared::{Change, ReplicaId};
use sqlx::Row;
use std::collections::HashMap;

/// Ids per `IN (…)` list: well under either engine's limit on bound parameters.
const IDS_PER_QUERY: usize = 500;

/// `$first, $first+1, …` for `n` parameters.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// One row of the log: where it stands in the site's log, and the change.
#[derive(Debug, Clone)]
pub struct LogRow {
    pub seq: i64,
    pub change: Change,
}

impl Db {
    /// Every merged field of the records of `kinds` in a site, each as the change that sets
    /// it, by record.
    pub async fn site_fields_of(&self, site_id: &str, kinds: &[&str]) -> AppResult<Vec<Change>> {
        let sql = format!(
            "SELECT kind, record_id, field, value, hlc, replica, prev FROM fields \
             WHERE site_id = $1 AND kind IN ({}) ORDER BY kind, record_id, field",
            placeholders(2, kinds.len())
        );
        let mut query = sqlx::query(&sql).bind(site_id);
        for k in kinds {
            query = query.bind(*k);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(change_from_row).collect()
    }

    /// The log rows of the records `ids` of a site, in log order: each field's history. A
    /// record that joined a scope has its fields copied into the log again; both rows are
    /// returned.
    pub async fn records_history(&self, site_id: &str, ids: &[String]) -> AppResult<Vec<LogRow>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(IDS_PER_QUERY) {
            let sql = format!(
                "SELECT seq, kind, record_id, field, value, hlc, replica, prev FROM changes \
                 WHERE site_id = $1 AND record_id IN ({}) ORDER BY seq",
                placeholders(2, chunk.len())
            );
            let mut query = sqlx::query(&sql).bind(site_id);
            for id in chunk {
                query = query.bind(id.as_str());
            }
            for row in query.fetch_all(&self.pool).await? {
                out.push(LogRow { seq: row.try_get("seq")?, change: change_from_row(&row)? });
            }
        }
        out.sort_by_key(|r| r.seq);
        Ok(out)
    }

    /// The username owning each of `replicas` that has an owner (the server's own replica
    /// and unknown ones have none).
    pub async fn replica_users(
        &self,
        replicas: &[ReplicaId],
    ) -> AppResult<HashMap<ReplicaId, String>> {
        let mut out = HashMap::new();
        for chunk in replicas.chunks(IDS_PER_QUERY) {
            let sql = format!(
                "SELECT r.id, u.username FROM replicas r JOIN users u ON u.id = r.user_id \
                 WHERE r.id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut query = sqlx::query(&sql);
            for r in chunk {
                query = query.bind(r.as_str());
            }
            for row in query.fetch_all(&self.pool).await? {
                out.insert(ReplicaId(row.try_get("id")?), row.try_get("username")?);
            }
        }
        Ok(out)
    }
}
