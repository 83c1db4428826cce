//! The shapes of generated multi-row statements: rows cut into power-of-two pieces and their
//! placeholders, made once per shape, so the prepared statements are found in the
//! connection's cache. Used by the held-back rows' sending (`db/flush.rs`) and by the
//! group's reads (`db/prefetch.rs`).

use super::Backend;
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
