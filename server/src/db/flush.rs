//! Sending what a site transaction holds back ([`super::pending`]) as multi-row statements:
//! new records, then merged field values (the last write of each), then log rows, then replica
//! positions and batch digests — in few distinct statement shapes ([`super::statements`]), so
//! prepared statements are reused. The transaction calls it (`SiteTx::flush`) with its
//! connection, a batch's savepoint opened first when one is due.

use super::keyed::FastMap;
use super::pending::{DigestRow, Pending, RecordRow, Row, Rows};
use super::replica_row::{seq_to_db, ReplicaRow, SET_SEQ_CONFLICT};
use super::statements::{placeholders, shaped};
use super::{hlc_to_db, Backend};
use crate::error::{AppError, AppResult};
use sqlx::AnyConnection;

impl Pending {
    /// Sends the rows `pending` has not sent yet, oldest first.
    pub(super) async fn send(
        &self,
        conn: &mut AnyConnection,
        backend: Backend,
        site: &str,
    ) -> AppResult<()> {
        let unsent: Vec<&Rows> = self.unsent().collect();
        // Bound as `&str` throughout: sqlx's `Any` copies a bound `&String`, not a `&str`.
        let records: Vec<&RecordRow> = unsent.iter().flat_map(|r| r.records.values()).collect();
        let created = |kind: &str, id: &str| unsent.iter().find_map(|r| r.records.get(kind, id));
        for chunk in shaped(&records) {
            let sql = format!(
                "INSERT INTO records (kind, id, site_id, area_id, parent_id, owner_id) VALUES {} \
                 ON CONFLICT (kind, id, site_id) DO NOTHING",
                placeholders(backend, chunk.len(), 6)
            );
            let mut q = sqlx::query(&sql);
            for r in chunk {
                q = q.bind(r.kind.as_str()).bind(r.id.as_str()).bind(site).bind(r.area.as_deref());
                q = q.bind(r.parent.as_deref()).bind(r.owner.as_deref());
            }
            let inserted = q.execute(&mut *conn).await?.rows_affected();
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
                placeholders(backend, chunk.len(), 8)
            );
            let mut q = sqlx::query(&sql);
            for r in chunk {
                q = q.bind(r.kind.as_str()).bind(r.id.as_str()).bind(r.field.as_str()).bind(site);
                q = q.bind(r.value.as_str()).bind(hlc_to_db(r.hlc)).bind(r.replica.as_str());
                q = q.bind(r.prev.map(hlc_to_db));
            }
            q.execute(&mut *conn).await?;
        }
        let log: Vec<&Row> = unsent.iter().flat_map(|r| &r.log).collect();
        for chunk in shaped(&log) {
            let sql = format!(
                "INSERT INTO changes (site_id, seq, area_id, dept_id, kind, record_id, field, \
                 value, hlc, replica, prev) VALUES {}",
                placeholders(backend, chunk.len(), 11)
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
            q.execute(&mut *conn).await?;
        }
        // The newest position of each replica (`current` after `carried`).
        let mut replicas = FastMap::default();
        replicas.extend(unsent.iter().flat_map(|r| &r.replicas));
        send_replica_rows(conn, backend, &replicas).await?;
        let digests: Vec<_> = unsent.iter().flat_map(|r| &r.digests).collect();
        send_digest_rows(conn, backend, &digests).await
    }
}

/// Sends held-back replica positions in multi-row statements.
async fn send_replica_rows(
    conn: &mut AnyConnection,
    backend: Backend,
    rows: &FastMap<&String, &ReplicaRow>,
) -> AppResult<()> {
    let rows: Vec<(&&String, &&ReplicaRow)> = rows.iter().collect();
    for chunk in shaped(&rows) {
        let sql = format!(
            "INSERT INTO replicas (id, user_id, last_seq) VALUES {} {SET_SEQ_CONFLICT}",
            placeholders(backend, chunk.len(), 3)
        );
        let mut q = sqlx::query(&sql);
        for (id, row) in chunk {
            q = q.bind(id.as_str()).bind(row.user_id.as_str()).bind(seq_to_db(row.last_seq)?);
        }
        if q.execute(&mut *conn).await?.rows_affected() != chunk.len() as u64 {
            // Only a replica known to be its user's is held back, and nothing rebinds one.
            return Err(AppError::internal("a replica changed hands meanwhile"));
        }
    }
    Ok(())
}

/// Sends held-back digests in multi-row statements.
async fn send_digest_rows(
    conn: &mut AnyConnection,
    backend: Backend,
    rows: &[&DigestRow],
) -> AppResult<()> {
    for chunk in shaped(rows) {
        let sql = format!(
            "INSERT INTO batch_digests (replica, seq, digest) VALUES {}",
            placeholders(backend, chunk.len(), 3)
        );
        let mut q = sqlx::query(&sql);
        for row in chunk {
            q = q.bind(row.replica.as_str()).bind(seq_to_db(row.seq)?);
            q = q.bind(row.digest.as_str());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}
