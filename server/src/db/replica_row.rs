//! A replica's row in storage, as the transaction reads it, holds it back and sends it: which
//! user the replica id belongs to and the last batch applied for it ([`super::replicas`] reads
//! and writes it; [`super::pending`] holds back a moved position).

use crate::error::{AppError, AppResult};
use sqlx::Row;

/// What storage knows of a replica.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaRow {
    /// The user who first pushed under this replica id: the only one who may again.
    pub user_id: String,
    /// The highest batch `seq` applied.
    pub last_seq: u64,
}

/// Moves a replica's position on, or binds a new replica id — never one of another user.
pub(super) const SET_SEQ_CONFLICT: &str =
    "ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq \
     WHERE replicas.user_id = excluded.user_id";

/// One replica's row.
pub(super) const REPLICA_SQL: &str = "SELECT user_id, last_seq FROM replicas WHERE id = $1";

/// A `replicas` row read by [`REPLICA_SQL`] (or with the same columns).
pub(super) fn replica_from_row(r: &sqlx::any::AnyRow) -> AppResult<ReplicaRow> {
    Ok(ReplicaRow {
        user_id: r.try_get("user_id")?,
        last_seq: r.try_get::<i64, _>("last_seq")?.max(0) as u64,
    })
}

/// A batch `seq` as stored (BIGINT): one beyond `i64` is refused, never wrapped.
pub(super) fn seq_to_db(seq: u64) -> AppResult<i64> {
    i64::try_from(seq).map_err(|_| AppError::BadRequest(format!("seq {seq} is too large")))
}
