//! Sending what a site transaction holds back ([`super::pending`]) as multi-row statements:
//! new records, then merged field values (the last write of each), then log rows, then replica
//! positions and batch digests — in few distinct statement shapes, so prepared statements are
//! reused.

use super::keyed::FastMap;
use super::pending::{Pending, RecordRow, Row, Rows};
use super::site_tx::SiteTx;
use super::{hlc_to_db, Backend};
use crate::error::{AppError, AppResult};
use std::sync::{Arc, Mutex};

/// Most rows per statement (11 parameters each: well under every engine's limit).
const ROWS: usize = 512;

/// `rows` cut into pieces of a power of two rows (at most [`ROWS`]): few distinct
/// statements, so the prepared ones are found in the connection's cache instead of being
/// parsed again for every count of rows.
pub(super) fn shaped<T>(mut rows: &[T]) -> Vec<&[T]> {
    let mut out = Vec::new();
    while !rows.is_empty() {
        let n = ROWS.min(1 << rows.len().ilog2());
        let (head, tail) = rows.split_at(n);
        out.push(head);
        rows = tail;
    }
    out
}

/// The `n`-th parameter (from 1) of a generated statement. SQLite gets bare `?`: sqlx
/// looks up every parameter's name before binding it, and SQLite finds a numbered one by
/// scanning all names — quadratic in a multi-row statement (it was a sixth of the writer's
/// time); bare `?` have no name and are numbered in order. PostgreSQL needs `$n`.
pub(super) fn param(backend: Backend, n: usize) -> String {
    match backend {
        Backend::Sqlite => "?".to_owned(),
        Backend::Postgres => format!("${n}"),
    }
}

/// `rows` tuples of `per_row` parameters, numbered from 1. Made once per shape (statements
/// come in a few power-of-two sizes, [`shaped`]): writing 5,000 numbered parameters for
/// every statement was a twentieth of the writer's time.
pub(super) fn placeholders(backend: Backend, rows: usize, per_row: usize) -> Arc<str> {
    /// Engine, rows, parameters per row.
    type Shape = (Backend, usize, usize);
    static MADE: Mutex<Vec<(Shape, Arc<str>)>> = Mutex::new(Vec::new());
    let key = (backend, rows, per_row);
    let mut made = MADE.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, text)) = made.iter().find(|(k, _)| *k == key) {
        return text.clone();
    }
    let text: Arc<str> = (0..rows)
        .map(|r| {
            let p: Vec<String> = (1..=per_row).map(|i| param(backend, r * per_row + i)).collect();
            format!("({})", p.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
        .into();
    made.push((key, text.clone()));
    text
}

impl SiteTx {
    /// Sends every held-back row.
    pub(crate) async fn flush(&mut self) -> AppResult<()> {
        if self.pending.unsent_len() == 0 {
            return Ok(());
        }
        // Sent from where they are held (no copy), then marked sent, whatever the outcome:
        // a failed statement fails the batch or the group, and a rollback makes them unsent.
        let pending = std::mem::take(&mut self.pending);
        let result = self.send(&pending).await;
        self.pending = pending;
        self.pending.sent();
        result
    }

    /// Sends the rows `pending` has not sent yet, oldest first.
    async fn send(&mut self, pending: &Pending) -> AppResult<()> {
        let unsent: Vec<&Rows> = pending.unsent().collect();
        // Bound as `&str` throughout: sqlx's `Any` copies a bound `&String`, not a `&str`.
        let site_id = self.site_id.clone();
        let site = site_id.as_str();
        let records: Vec<&RecordRow> = unsent.iter().flat_map(|r| r.records.values()).collect();
        let created = |kind: &str, id: &str| unsent.iter().find_map(|r| r.records.get(kind, id));
        for chunk in shaped(&records) {
            let sql = format!(
                "INSERT INTO records (kind, id, site_id, area_id, parent_id, owner_id) VALUES {} \
                 ON CONFLICT (kind, id, site_id) DO NOTHING",
                placeholders(self.backend, chunk.len(), 6)
            );
            let mut q = sqlx::query(&sql);
            for r in chunk {
                q = q.bind(r.kind.as_str()).bind(r.id.as_str()).bind(site).bind(r.area.as_deref());
                q = q.bind(r.parent.as_deref()).bind(r.owner.as_deref());
            }
            let inserted = q.execute(self.conn().await?).await?.rows_affected();
            // Records are keyed by site and this transaction holds the site's lock: a row
            // already there means the read that called it new was wrong, so fail the batch.
            if inserted != chunk.len() as u64 {
                return Err(AppError::internal("a new record's id was taken meanwhile"));
            }
        }
        // One statement may not upsert a row twice (PostgreSQL): the last write of a field wins.
        let mut last: FastMap<(&str, &str, &str), usize> = FastMap::default();
        let all_fields: Vec<&Row> = unsent.iter().flat_map(|r| &r.fields).collect();
        for (i, r) in all_fields.iter().enumerate() {
            last.insert((&r.kind, &r.id, &r.field), i);
        }
        let fields: Vec<&Row> = all_fields
            .into_iter()
            .enumerate()
            .filter(|(i, r)| last[&(&*r.kind, &*r.id, &*r.field)] == *i)
            .map(|(_, r)| r)
            .collect();
        for chunk in shaped(&fields) {
            let sql = format!(
                "INSERT INTO fields (kind, record_id, field, site_id, value, hlc, replica, prev) \
                 VALUES {} ON CONFLICT (kind, record_id, field, site_id) DO UPDATE SET \
                 value = excluded.value, hlc = excluded.hlc, replica = excluded.replica, \
                 prev = excluded.prev",
                placeholders(self.backend, chunk.len(), 8)
            );
            let mut q = sqlx::query(&sql);
            for r in chunk {
                q = q.bind(r.kind.as_str()).bind(r.id.as_str()).bind(r.field.as_str()).bind(site);
                q = q.bind(r.value.as_str()).bind(hlc_to_db(r.hlc)).bind(r.replica.as_str());
                q = q.bind(r.prev.map(hlc_to_db));
            }
            q.execute(self.conn().await?).await?;
        }
        let log: Vec<&Row> = unsent.iter().flat_map(|r| &r.log).collect();
        for chunk in shaped(&log) {
            let sql = format!(
                "INSERT INTO changes (site_id, seq, area_id, dept_id, kind, record_id, field, \
                 value, hlc, replica, prev) VALUES {}",
                placeholders(self.backend, chunk.len(), 11)
            );
            let mut q = sqlx::query(&sql);
            for r in chunk {
                // A record sent in this flush was placed in memory ([`SiteTx::move_held`]):
                // all its log rows go under where it is now.
                let area = match created(&r.kind, &r.id) {
                    Some(held) => &held.area,
                    None => &r.area,
                };
                q = q.bind(site).bind(r.seq).bind(area.as_deref()).bind(r.dept.as_deref());
                q = q.bind(r.kind.as_str()).bind(r.id.as_str()).bind(r.field.as_str());
                q = q.bind(r.value.as_str()).bind(hlc_to_db(r.hlc)).bind(r.replica.as_str());
                q = q.bind(r.prev.map(hlc_to_db));
            }
            q.execute(self.conn().await?).await?;
        }
        // The newest position of each replica (`current` after `carried`).
        let mut replicas = FastMap::default();
        replicas.extend(unsent.iter().flat_map(|r| &r.replicas));
        self.send_replica_rows(&replicas).await?;
        let digests: Vec<_> = unsent.iter().flat_map(|r| &r.digests).collect();
        self.send_digest_rows(&digests).await
    }
}
