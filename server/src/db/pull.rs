//! Pull: the changes of the caller's scope since a cursor, or a full snapshot.
//!
//! The cursor is `<scope-tag>.<seq>`; the tag is a hash of the scope (site and scope kind),
//! so a cursor from another site or scope, a garbage cursor, or one past the end of the log
//! (the database was replaced) all answer with a reset snapshot. Cost follows the changes in
//! the scope: the log is keyed by `(site_id, seq)`.

use super::change_from_row;
use super::users::AuthUser;
use crate::error::AppResult;
use crate::state::AppState;
use sha2::{Digest, Sha256};
use shared::protocol::PullResponse;
use sqlx::Row;

/// Changes per page when the client does not say.
pub const DEFAULT_LIMIT: i64 = 500;
/// Largest page a client may ask for.
pub const MAX_LIMIT: i64 = 5000;

/// The tag naming a user's scope (today: their whole site, for every role).
fn scope_tag(user: &AuthUser) -> String {
    let digest = Sha256::digest(format!("site:{}", user.site_id).as_bytes());
    hex::encode(&digest[..6])
}

/// Parses a cursor of this scope; `None` means reset.
fn parse_cursor(cursor: Option<&str>, tag: &str, max: i64) -> Option<i64> {
    let (t, seq) = cursor?.split_once('.')?;
    let seq: i64 = seq.parse().ok()?;
    (t == tag && (0..=max).contains(&seq)).then_some(seq)
}

/// Answers `GET /api/v1/sync/pull`.
pub async fn pull(
    state: &AppState,
    user: &AuthUser,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<PullResponse> {
    let pool = &state.db().pool;
    let tag = scope_tag(user);
    let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    // Read the end of the log before the snapshot: anything committed in between is in
    // the snapshot and is sent again later, which the merge makes harmless.
    let row = sqlx::query("SELECT last_seq FROM sites WHERE id = $1")
        .bind(&user.site_id)
        .fetch_one(pool)
        .await?;
    let max: i64 = row.try_get("last_seq")?;
    let Some(from) = parse_cursor(cursor, &tag, max) else {
        let rows = sqlx::query(
            "SELECT kind, record_id, field, value, hlc, replica, prev FROM fields \
             WHERE site_id = $1 ORDER BY kind, record_id, field",
        )
        .bind(&user.site_id)
        .fetch_all(pool)
        .await?;
        let changes = rows.iter().map(change_from_row).collect::<AppResult<Vec<_>>>()?;
        return Ok(PullResponse {
            reset: true,
            changes,
            cursor: format!("{tag}.{max}"),
            more: false,
            server_hlc: state.hlc_now(),
        });
    };
    let rows = sqlx::query(
        "SELECT seq, kind, record_id, field, value, hlc, replica, prev FROM changes \
         WHERE site_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
    )
    .bind(&user.site_id)
    .bind(from)
    .bind(limit + 1)
    .fetch_all(pool)
    .await?;
    let more = rows.len() as i64 > limit;
    let page = &rows[..rows.len().min(limit as usize)];
    let last = match page.last() {
        Some(r) => r.try_get::<i64, _>("seq")?,
        None => from,
    };
    let changes = page.iter().map(change_from_row).collect::<AppResult<Vec<_>>>()?;
    Ok(PullResponse {
        reset: false,
        changes,
        cursor: format!("{tag}.{last}"),
        more,
        server_hlc: state.hlc_now(),
    })
}

#[cfg(test)]
mod tests {
    use super::parse_cursor;

    #[test]
    fn foreign_garbage_and_future_cursors_reset() {
        assert_eq!(parse_cursor(Some("abc.5"), "abc", 9), Some(5));
        assert_eq!(parse_cursor(Some("abc.0"), "abc", 9), Some(0));
        assert_eq!(parse_cursor(Some("xyz.5"), "abc", 9), None);
        assert_eq!(parse_cursor(Some("abc.10"), "abc", 9), None);
        assert_eq!(parse_cursor(Some("abc.-1"), "abc", 9), None);
        assert_eq!(parse_cursor(Some("garbage"), "abc", 9), None);
        assert_eq!(parse_cursor(Some(""), "abc", 9), None);
        assert_eq!(parse_cursor(None, "abc", 9), None);
    }
}
