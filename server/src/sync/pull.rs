//! Pull: the changes of the caller's scope since a cursor, or a full snapshot
//! (`docs/ARCHITECTURE.md`, "Sync protocol").
//!
//! The cursor is `<scope-tag>.<seq>`; the tag is a hash of the scope (site, scope, epoch),
//! so a cursor from another site or scope, a garbage cursor, or one past the end of the log
//! (the database was replaced) all answer with a reset snapshot. Cost follows the changes in
//! the scope: the log is keyed by `(site_id, seq)`.
//!
//! A snapshot is paged like the log, in `(kind, record_id, field)` order: only its first
//! page says `reset`, and while it lasts the cursor is `<scope-tag>.<seq>~<kind>~<id>~<field>`
//! (the key of the last field sent). After its last page the cursor is `<scope-tag>.<seq>`
//! with the log's end as read when the snapshot began, so whatever was written meanwhile
//! comes again from the log (the merge makes that harmless).
//!
//! Every page goes out through the reader filter ([`shared::scope::Reader`]): department
//! staff read residents' phones masked, here as in every other answer.

use crate::db::accounts::AuthUser;
use crate::db::log::FieldKey;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use sha2::{Digest, Sha256};
use shared::protocol::PullResponse;
use shared::scope::Scope;

/// Changes per page when the client does not say.
pub const DEFAULT_LIMIT: i64 = 500;
/// Smallest page a client may ask for: a page of nothing would never move the cursor.
pub const MIN_LIMIT: i64 = 1;
/// Largest page a client may ask for.
pub const MAX_LIMIT: i64 = 5000;

/// The page size a pull asks for: [`DEFAULT_LIMIT`] when it names none; outside
/// [`MIN_LIMIT`]..=[`MAX_LIMIT`] refused (400) as the OpenAPI document says, never clamped
/// to something the client did not ask for.
pub fn page_size(limit: Option<i64>) -> AppResult<i64> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (MIN_LIMIT..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(n) => Err(AppError::BadRequest(format!(
            "limit must be {MIN_LIMIT} to {MAX_LIMIT}, not {n} / limit 须在 {MIN_LIMIT} 到 {MAX_LIMIT} 之间"
        ))),
    }
}

/// The tag naming a user's scope: the site, the scope ([`Scope::key`]), its epoch, the
/// kinds it holds whole ([`Scope::holds_whole`]) and the server's history, so a user moved
/// to another area, an area that lost records, a department replica from before it held the
/// units, or any replica of a server since restored from a backup, starts again from a
/// snapshot.
pub(crate) async fn scope_tag(
    state: &AppState,
    user: &AuthUser,
    scope: &Scope,
) -> AppResult<String> {
    let epoch = state.db().scope_epoch(&user.site_id, scope).await?;
    let whole: String = scope.holds_whole().iter().map(|k| format!("+{k}")).collect();
    // The server's history too: after a restore every cursor of the old history resets.
    let history = &state.history().id;
    let name = format!("site:{}/{}/{epoch}{whole}@{history}", user.site_id, scope.key());
    Ok(hex::encode(&Sha256::digest(name.as_bytes())[..6]))
}

/// Parses a cursor of this scope; `None` means reset.
fn parse_cursor(cursor: Option<&str>, tag: &str, max: i64) -> Option<i64> {
    let (t, seq) = cursor?.split_once('.')?;
    let seq: i64 = seq.parse().ok()?;
    (t == tag && (0..=max).contains(&seq)).then_some(seq)
}

/// Splits a cursor into its log part and, mid-snapshot, the snapshot key.
fn split_snapshot(cursor: Option<&str>) -> (Option<&str>, Option<FieldKey>) {
    let Some(c) = cursor else { return (None, None) };
    let mut parts = c.split('~');
    let base = parts.next();
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (None, ..) => (base, None),
        (Some(k), Some(id), Some(f), None) => (base, Some((k.into(), id.into(), f.into()))),
        // Malformed: reset.
        _ => (None, None),
    }
}

/// Answers `GET /api/v1/sync/pull`.
pub async fn pull(
    state: &AppState,
    user: &AuthUser,
    cursor: Option<&str>,
    limit: i64,
) -> AppResult<PullResponse> {
    let db = state.db();
    let scope = user.scope();
    let tag = scope_tag(state, user, &scope).await?;
    // Read the end of the log before the snapshot: anything committed in between is in
    // the snapshot and is sent again later, which the merge makes harmless.
    let max = db.site_last_seq(&user.site_id).await?;
    let (log_cursor, snapshot_key) = split_snapshot(cursor);
    let Some(from) = parse_cursor(log_cursor, &tag, max) else {
        return snapshot_page(state, user, &scope, &tag, max, None, limit).await;
    };
    if let Some(key) = snapshot_key {
        return snapshot_page(state, user, &scope, &tag, from, Some(key), limit).await;
    }
    let mut rows = db.log_after(&user.site_id, &scope, from, limit + 1).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let last = rows.last().map_or(from, |(seq, _)| *seq);
    // Every row of the scope up to `max` has been sent: skip the other scopes' rows for good.
    let last = if more { last } else { last.max(max) };
    Ok(PullResponse {
        reset: false,
        changes: user.reader().changes(rows.into_iter().map(|(_, c)| c).collect()),
        cursor: format!("{tag}.{last}"),
        more,
        server_hlc: state.hlc_now(),
        snapshot_total: None,
        history: Some(state.history().id.clone()),
    })
}

/// One page of a snapshot of the scope, after `after` (from the start when `None`).
/// `end` is the log position the snapshot began at.
async fn snapshot_page(
    state: &AppState,
    user: &AuthUser,
    scope: &Scope,
    tag: &str,
    end: i64,
    after: Option<FieldKey>,
    limit: i64,
) -> AppResult<PullResponse> {
    let reset = after.is_none();
    let mut changes =
        state.db().fields_after(&user.site_id, scope, after.as_ref(), limit + 1).await?;
    let more = changes.len() as i64 > limit;
    changes.truncate(limit as usize);
    let cursor = match changes.last() {
        Some(c) if more => format!("{tag}.{end}~{}~{}~{}", c.kind, c.id, c.field),
        _ => format!("{tag}.{end}"),
    };
    let changes = user.reader().changes(changes);
    let snapshot_total = match reset {
        true if more => Some(state.db().count_fields(&user.site_id, scope).await?.max(0) as u64),
        true => Some(changes.len() as u64),
        false => None,
    };
    let server_hlc = state.hlc_now();
    let history = Some(state.history().id.clone());
    Ok(PullResponse { reset, changes, cursor, more, server_hlc, snapshot_total, history })
}

#[cfg(test)]
mod tests {
    use super::{parse_cursor, split_snapshot};

    #[test]
    fn snapshot_cursors_carry_the_last_key() {
        let (base, key) = split_snapshot(Some("abc.5~unit~u-1~number"));
        assert_eq!(base, Some("abc.5"));
        assert_eq!(key, Some(("unit".into(), "u-1".into(), "number".into())));
        assert_eq!(split_snapshot(Some("abc.5")), (Some("abc.5"), None));
        assert_eq!(split_snapshot(Some("abc.5~unit~u-1")), (None, None));
        assert_eq!(split_snapshot(Some("abc.5~a~b~c~d")), (None, None));
    }

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
