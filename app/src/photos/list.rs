//! What the photos section shows: the photos of one record, oldest first, each with where its
//! upload stands; the first photo's thumbnail per list row; and the sizes a capture is
//! scaled to.

use super::{UploadQueue, UploadStatus};
use shared::blob::PHOTO;
use shared::names::field;
use shared::replica::ReplicaState;
use shared::RecordId;
use std::collections::HashMap;
use std::sync::Arc;

/// Longest edge of a stored photo (DESIGN §5): plenty for evidence, small to upload.
pub const MAX_EDGE: u32 = 2048;
/// JPEG quality of a stored photo (0–1) from the site's `photo_quality` setting (per cent):
/// clamped to 30–100 %, as the setting is read.
pub fn photo_quality(percent: i64) -> f64 {
    percent.clamp(30, 100) as f64 / 100.0
}
/// Thumbnail attempts, largest first: edge and quality, until one fits in 30 KB.
pub const THUMB_TRIES: [(u32, f64); 5] =
    [(320, 0.7), (256, 0.6), (200, 0.5), (160, 0.4), (96, 0.3)];

/// A photo as the section lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoItem {
    pub id: RecordId,
    pub sha256: String,
    pub thumb_sha256: String,
    /// When it was captured (ms), for the order.
    pub at: u64,
    pub state: PhotoState,
}

/// Where a photo's upload stands, as `data-state` says it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PhotoState {
    Waiting,
    /// Sent, in per cent.
    Uploading(u64),
    Done,
    Failed(String),
}

impl PhotoState {
    /// The `data-state` value.
    pub fn as_str(&self) -> &'static str {
        match self {
            PhotoState::Waiting => "waiting",
            PhotoState::Uploading(_) => "uploading",
            PhotoState::Done => "done",
            PhotoState::Failed(_) => "failed",
        }
    }

    /// The state of the photo named `sha256`: from the queue when queued on this device;
    /// a photo that is not (taken elsewhere, or uploaded and forgotten) is on the server.
    pub fn of(queue: &UploadQueue, sha256: &str) -> PhotoState {
        let Some(e) = queue.get(sha256) else { return PhotoState::Done };
        match &e.status {
            UploadStatus::Waiting { received: 0, .. } => PhotoState::Waiting,
            UploadStatus::Waiting { .. } => PhotoState::Uploading(e.percent()),
            UploadStatus::Done => PhotoState::Done,
            UploadStatus::Failed { reason } => PhotoState::Failed(reason.clone()),
        }
    }
}

/// Every photo record that is not deleted, with its parent's id.
fn live_photos<'a>(
    state: &'a ReplicaState,
    queue: &'a UploadQueue,
) -> impl Iterator<Item = (RecordId, PhotoItem)> + 'a {
    state.records_of(PHOTO).filter(|(_, f)| !f.is_deleted()).filter_map(|(id, f)| {
        let sha256 = f.text(field::SHA256)?.to_owned();
        let item = PhotoItem {
            id: id.clone(),
            thumb_sha256: f.text(field::THUMB_SHA256)?.to_owned(),
            at: f.int(field::AT).and_then(|at| u64::try_from(at).ok()).unwrap_or(0),
            state: PhotoState::of(queue, &sha256),
            sha256,
        };
        Some((RecordId::from(f.text(field::PARENT_ID)?), item))
    })
}

/// The photos of the record `parent_id` that are not deleted, oldest first.
pub fn photos_of(
    state: &ReplicaState,
    queue: &UploadQueue,
    parent_id: &RecordId,
) -> Vec<PhotoItem> {
    let mut items: Vec<PhotoItem> =
        live_photos(state, queue).filter(|(p, _)| p == parent_id).map(|(_, i)| i).collect();
    items.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    items
}

/// The photos of every record that has some, by parent id, each list oldest first: one pass
/// over the photos for a page that shows many parents' photos (a request's comments).
pub fn photos_by_parent(
    state: &ReplicaState,
    queue: &UploadQueue,
) -> HashMap<RecordId, Vec<PhotoItem>> {
    let mut by: HashMap<RecordId, Vec<PhotoItem>> = HashMap::new();
    for (parent, item) in live_photos(state, queue) {
        by.entry(parent).or_default().push(item);
    }
    for items in by.values_mut() {
        items.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    }
    by
}

/// A view worked out from the photo records (and `K`, such as the upload queue), kept while
/// they are the same: the replica changes with every synced record, and a pass over tens of
/// thousands of photos costs far more than the O(1) check that they did not change
/// ([`ReplicaState::same_rows`]).
pub struct PhotoView<K, T> {
    of: Option<(ReplicaState, K)>,
    value: Arc<T>,
}

impl<K, T: Default> Default for PhotoView<K, T> {
    fn default() -> Self {
        Self { of: None, value: Arc::default() }
    }
}

impl<K: PartialEq + Clone, T> PhotoView<K, T> {
    /// The view of `state` and `key`: the kept one when the photos and `key` are unchanged,
    /// else `make`'s, kept for next time.
    pub fn get(
        &mut self,
        state: &ReplicaState,
        key: &K,
        make: impl FnOnce(&ReplicaState, &K) -> T,
    ) -> Arc<T> {
        if let Some((s, k)) = &self.of {
            if s.same_rows(state, PHOTO) && k == key {
                return self.value.clone();
            }
        }
        self.value = Arc::new(make(state, key));
        self.of = Some((state.clone(), key.clone()));
        self.value.clone()
    }
}

/// The thumbnail hash of the first (oldest) photo of every record that has one, by parent
/// id: what a list row shows. One pass over the photos, worked out once per replica change.
pub fn first_thumbs(state: &ReplicaState) -> HashMap<RecordId, String> {
    // Borrowed while scanning: only the winners are copied out.
    let mut first: HashMap<&str, (u64, &RecordId, &str)> = HashMap::new();
    for (id, f) in state.records_of(PHOTO) {
        if f.is_deleted() {
            continue;
        }
        let (Some(parent), Some(thumb)) = (f.text(field::PARENT_ID), f.text(field::THUMB_SHA256))
        else {
            continue;
        };
        let at = f.int(field::AT).and_then(|at| u64::try_from(at).ok()).unwrap_or(0);
        let e = first.entry(parent).or_insert((at, id, thumb));
        if (at, id) < (e.0, e.1) {
            *e = (at, id, thumb);
        }
    }
    first.into_iter().map(|(p, (_, _, thumb))| (RecordId::from(p), thumb.to_owned())).collect()
}

/// The size of a `w`×`h` picture scaled to at most `max` on its long edge (never enlarged,
/// never below one pixel).
pub fn fit(w: u32, h: u32, max: u32) -> (u32, u32) {
    let long = w.max(h);
    if long <= max || long == 0 {
        return (w.max(1), h.max(1));
    }
    let scale = |v: u32| {
        ((u64::from(v) * u64::from(max) + u64::from(long) / 2) / u64::from(long)).max(1) as u32
    };
    (scale(w), scale(h))
}

/// A byte count as the storage line shows it: `512 B`, `12.3 KB`, `12.3 MB`, `2.1 GB`
/// (powers of 1024, one decimal).
pub fn format_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}
