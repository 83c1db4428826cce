//! Which photo originals may leave the device (issue 9 point 6, DESIGN §5): a photo leaves
//! only after the server has confirmed it and it is older than the site's `photo_keep_days`
//! — never before. Thumbnails always stay (lists show them offline); an evicted original is
//! fetched again when viewed (`Engine::photo_bytes`).

use super::{UploadQueue, UploadStatus};
use shared::blob::PHOTO;
use shared::names::field;
use shared::replica::ReplicaState;
use std::collections::{BTreeMap, BTreeSet};

/// Milliseconds in a day.
const DAY_MS: u64 = 86_400_000;

/// The originals (by SHA-256) that may be deleted from the device at `now_ms`: blobs whose
/// upload is `done` (confirmed by the server), named as the original (`sha256`) of a photo
/// record, and whose every photo record's `at` AND confirmation time are more than
/// `keep_days` days old, and which was not viewed here within them either. Never a waiting or failed blob, never a blob with no photo record
/// or no capture time, never a blob that is any photo's thumbnail.
pub fn evictable(
    state: &ReplicaState,
    queue: &UploadQueue,
    keep_days: i64,
    now_ms: u64,
) -> Vec<String> {
    let keep_ms = u64::try_from(keep_days.max(0)).unwrap_or(0).saturating_mul(DAY_MS);
    // The newest capture time of the photos that name each original (`u64::MAX`: unknown).
    let mut newest: BTreeMap<String, u64> = BTreeMap::new();
    let mut thumbs: BTreeSet<String> = BTreeSet::new();
    for (_, f) in state.records_of(PHOTO) {
        if let Some(t) = f.text(field::THUMB_SHA256) {
            thumbs.insert(t.to_owned());
        }
        let Some(sha) = f.text(field::SHA256).map(str::to_owned) else { continue };
        let at = f.int(field::AT).and_then(|at| u64::try_from(at).ok()).unwrap_or(u64::MAX);
        let n = newest.entry(sha).or_insert(at);
        *n = (*n).max(at);
    }
    queue
        .0
        .values()
        .filter(|e| e.status == UploadStatus::Done && !thumbs.contains(&e.sha256))
        .filter_map(|e| {
            let since = (*newest.get(&e.sha256)?)
                .max(e.done_at_ms.unwrap_or(0))
                .max(e.viewed_at_ms.unwrap_or(0));
            (since < now_ms && now_ms - since > keep_ms).then(|| e.sha256.clone())
        })
        .collect()
}

/// The photo record that names `sha256` as its original, if the replica holds one (an
/// original fetched for viewing joins the queue under it).
pub fn photo_naming(state: &ReplicaState, sha256: &str) -> Option<shared::RecordId> {
    state
        .records_of(PHOTO)
        .find(|(_, f)| f.text(field::SHA256) == Some(sha256))
        .map(|(id, _)| id.clone())
}
