//! Cleaning up photo bytes nobody will read: uploads abandoned half-way, and blobs whose every
//! photo was deleted long ago.
//!
//! Rules (each proven in `server/tests/api/blob_cleanup.rs`; the times are
//! [`crate::config::Cleanup`]):
//! - An unfinished upload (one user's, `blob_uploads`) is removed when no chunk arrived for
//!   `Cleanup::partial_after` (7 days); so is then the row of a blob that nobody finished
//!   (with any bytes of an upload from before uploads were kept per user). Nothing is lost by
//!   it: the device keeps a photo's bytes until the server confirms them whole, so its next
//!   `HEAD` says 0 and it uploads again from the start. Until then the upload counts against
//!   its user's quota.
//! - A complete blob is removed only when photos name it and all of them were deleted more
//!   than `Cleanup::deleted_after` (30 days) ago — deletion merges like any edit and can be
//!   overturned, so the bytes wait that long. A blob with a live photo is never removed, nor
//!   is one that no photo names yet (an upload needs a photo naming it first, so that cannot
//!   last; it is left to an operator rather than guessed at).
//! - Removal happens under the blob's upload lock, re-checked there, so a chunk arriving at
//!   the same moment is never cut off half-way.

use super::UploadKey;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// What one round of cleaning removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Abandoned uploads removed, and the bytes they held.
    pub partial: u64,
    pub partial_bytes: u64,
    /// Blobs of deleted photos removed, and their bytes.
    pub deleted: u64,
    pub deleted_bytes: u64,
}

/// Runs one round of cleaning at the state's clock.
pub async fn clean(state: &AppState) -> AppResult<Cleaned> {
    let policy = state.config().blob_cleanup;
    let now = state.config().clock.now_ms();
    let partial_cutoff = now.saturating_sub(policy.partial_after.as_millis() as u64);
    let deleted_cutoff = now.saturating_sub(policy.deleted_after.as_millis() as u64);
    let mut done = Cleaned::default();
    (done.partial, done.partial_bytes) = remove_idle_uploads(state, partial_cutoff).await?;
    let (blobs, bytes) = remove_unused(state, Unused::Partial, partial_cutoff).await?;
    (done.partial, done.partial_bytes) = (done.partial + blobs, done.partial_bytes + bytes);
    (done.deleted, done.deleted_bytes) =
        remove_unused(state, Unused::Deleted, deleted_cutoff).await?;
    if done != Cleaned::default() {
        tracing::info!(
            partial = done.partial,
            partial_bytes = done.partial_bytes,
            deleted = done.deleted,
            deleted_bytes = done.deleted_bytes,
            "blob cleanup removed unused bytes"
        );
    }
    Ok(done)
}

/// The two kinds of bytes nobody will read.
#[derive(Debug, Clone, Copy)]
enum Unused {
    /// An upload with no chunk since the cutoff.
    Partial,
    /// A blob whose photos were all deleted before the cutoff.
    Deleted,
}

impl Unused {
    async fn list(self, state: &AppState, cutoff: u64) -> AppResult<Vec<String>> {
        match self {
            Unused::Partial => state.db().stale_partial_blobs(cutoff).await,
            Unused::Deleted => state.db().blobs_of_deleted_photos(cutoff).await,
        }
    }

    async fn still(self, state: &AppState, sha: &str, cutoff: u64) -> AppResult<bool> {
        match self {
            Unused::Partial => state.db().is_stale_partial_blob(sha, cutoff).await,
            Unused::Deleted => state.db().blob_of_deleted_photos(sha, cutoff).await,
        }
    }
}

/// Removes the blobs of one kind, each re-checked under its upload lock (a chunk may have
/// arrived since the list was read). Returns how many held bytes, and their bytes.
async fn remove_unused(state: &AppState, which: Unused, cutoff: u64) -> AppResult<(u64, u64)> {
    let (mut removed, mut bytes) = (0, 0);
    for sha in which.list(state, cutoff).await? {
        let _lock = state.blobs().lock(&sha).await;
        if !which.still(state, &sha, cutoff).await? {
            continue;
        }
        let held = state.blobs().store().remove(&sha).await.map_err(AppError::internal)?;
        state.db().forget_blob(&sha).await?;
        // The row of a blob nobody finished, left after its uploads went, is no upload.
        if held > 0 || matches!(which, Unused::Deleted) {
            removed += 1;
        }
        bytes += held;
    }
    Ok((removed, bytes))
}

/// Removes users' uploads with no chunk since `cutoff`, each re-checked under its blob's
/// upload lock. Returns how many, and their bytes.
async fn remove_idle_uploads(state: &AppState, cutoff: u64) -> AppResult<(u64, u64)> {
    let (mut removed, mut bytes) = (0, 0);
    for (sha, user) in state.db().idle_uploads(cutoff).await? {
        let _lock = state.blobs().lock(&sha).await;
        if !state.db().is_idle_upload(&sha, &user, cutoff).await? {
            continue;
        }
        let store = state.blobs().store();
        bytes +=
            store.remove_upload(&sha, &UploadKey::of(&user)).await.map_err(AppError::internal)?;
        state.db().forget_upload(&sha, &user).await?;
        removed += 1;
    }
    Ok((removed, bytes))
}

/// Cleans now and then every `Cleanup::every` until the state shuts down. A failed round
/// is logged and retried at the next.
pub fn spawn(state: AppState) {
    let every = state.config().blob_cleanup.every;
    crate::state::every(state, every, "blob cleanup", |s| async move { clean(&s).await.map(drop) });
}
