//! What the whole-record push rules read (`shared::push_rules::view`): whole records of the
//! kinds whose rules need them, the history of requests moved to `called_back`, and the number
//! blocks of a replica. Plain values in, fields out; which records is decided in `shared`.

use super::field_from_row;
use super::site_tx::SiteTx;
use super::statements::{param, shaped};
use crate::error::AppResult;
use shared::request::history::{CALLBACK, EVENT};
use shared::request::number::NumberBlock;
use shared::{Change, Kind, RecordId};
use sqlx::Row;

impl SiteTx {
    /// Every stored field of the records `ids` of `kind` in this site, as changes (held-back
    /// rows of this transaction are sent first, so they are read too).
    pub async fn whole_records(&mut self, kind: &str, ids: &[&str]) -> AppResult<Vec<Change>> {
        self.flush().await?;
        let backend = self.backend;
        let mut out = Vec::new();
        for chunk in shaped(ids) {
            let list: Vec<String> = (0..chunk.len()).map(|i| param(backend, i + 3)).collect();
            let sql = format!(
                "SELECT record_id, field, value, hlc, replica, prev FROM fields \
                 WHERE site_id = {} AND kind = {} AND record_id IN ({})",
                param(backend, 1),
                param(backend, 2),
                list.join(", ")
            );
            let mut q = sqlx::query(&sql).bind(self.site_id.clone()).bind(kind);
            for id in chunk {
                q = q.bind(*id);
            }
            for r in q.fetch_all(self.conn().await?).await? {
                let id = RecordId(r.try_get("record_id")?);
                let field: String = r.try_get("field")?;
                out.push(field_from_row(&r)?.to_change(&Kind::new(kind), &id, &field));
            }
        }
        Ok(out)
    }

    /// Every stored field of the call-backs and events of `requests` (their
    /// `records.parent_id`), as changes.
    pub async fn request_history(&mut self, requests: &[&str]) -> AppResult<Vec<Change>> {
        self.children(&[CALLBACK, EVENT], requests).await
    }

    /// Every stored field of the records of `kinds` whose parent (`records.parent_id`) is
    /// one of `parents`, as changes. `kinds` holds one or two names.
    pub async fn children(&mut self, kinds: &[&str], parents: &[&str]) -> AppResult<Vec<Change>> {
        self.flush().await?;
        let backend = self.backend;
        let mut out = Vec::new();
        let kind_list: Vec<String> = (0..kinds.len()).map(|i| param(backend, i + 2)).collect();
        for chunk in shaped(parents) {
            let first = kinds.len() + 2;
            let list: Vec<String> = (0..chunk.len()).map(|i| param(backend, i + first)).collect();
            let sql = format!(
                "SELECT f.kind, f.record_id, f.field, f.value, f.hlc, f.replica, f.prev \
                 FROM records r JOIN fields f \
                 ON f.site_id = r.site_id AND f.kind = r.kind AND f.record_id = r.id \
                 WHERE r.site_id = {} AND r.kind IN ({}) AND r.parent_id IN ({})",
                param(backend, 1),
                kind_list.join(", "),
                list.join(", ")
            );
            let mut q = sqlx::query(&sql).bind(self.site_id.clone());
            for k in kinds {
                q = q.bind(*k);
            }
            for id in chunk {
                q = q.bind(*id);
            }
            for r in q.fetch_all(self.conn().await?).await? {
                out.push(super::change_from_row(&r)?);
            }
        }
        Ok(out)
    }

    /// The number blocks this site gave `replica`.
    pub async fn replica_blocks(&mut self, replica: &str) -> AppResult<Vec<NumberBlock>> {
        let rows = sqlx::query(
            "SELECT start, count FROM number_blocks WHERE site_id = $1 AND replica_id = $2",
        )
        .bind(self.site_id.clone())
        .bind(replica)
        .fetch_all(self.conn().await?)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let (start, count): (i64, i64) = (r.try_get("start")?, r.try_get("count")?);
            if let (Ok(start), Ok(count)) = (u64::try_from(start), u32::try_from(count)) {
                out.push(NumberBlock { start, count });
            }
        }
        Ok(out)
    }
}
