//! The upload queue's state: one entry per blob (a photo and its thumbnail are two), kept in
//! the store as one meta value ([`crate::store::META_UPLOADS`]) so it survives a reload, and
//! summed up for the sync badge ([`Progress`]).

use super::plan::backoff_ms;
use serde::{Deserialize, Serialize};
use shared::RecordId;
use std::collections::{BTreeMap, BTreeSet};

/// Where one blob's upload stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum UploadStatus {
    /// Not (wholly) sent yet: `received` bytes are known to be on the server; after
    /// `failures` failed attempts in a row it is not tried before `not_before_ms`.
    Waiting { received: u64, failures: u32, not_before_ms: u64 },
    /// The server holds it whole, hash checked.
    Done,
    /// The server refused it for good (too large, not an image, hash mismatch): the reason
    /// the user is shown. It is never retried.
    Failed { reason: String },
}

/// One blob to upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadEntry {
    /// The blob's name: the SHA-256 of its bytes.
    pub sha256: String,
    /// Its length.
    pub size: u64,
    /// The photo record that names it (pushed before its bytes may be read).
    pub photo: RecordId,
    pub status: UploadStatus,
    /// When the server confirmed it whole (ms, device clock); `None` while not done, and in
    /// queues stored before this was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_at_ms: Option<u64>,
    /// When the original was last opened in the viewer here (ms, device clock): its
    /// keep-days count from then too, so an original fetched again is kept again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewed_at_ms: Option<u64>,
}

impl UploadEntry {
    /// A blob not sent yet.
    pub fn new(sha256: &str, size: u64, photo: &RecordId) -> Self {
        let status = UploadStatus::Waiting { received: 0, failures: 0, not_before_ms: 0 };
        let (sha256, photo) = (sha256.to_owned(), photo.clone());
        Self { sha256, size, photo, status, done_at_ms: None, viewed_at_ms: None }
    }

    /// The server confirmed it whole at `now_ms`.
    pub fn done(&mut self, now_ms: u64) {
        self.status = UploadStatus::Done;
        self.done_at_ms = Some(now_ms);
    }

    /// Bytes the server is known to hold.
    pub fn received(&self) -> u64 {
        match self.status {
            UploadStatus::Waiting { received, .. } => received.min(self.size),
            UploadStatus::Done => self.size,
            UploadStatus::Failed { .. } => 0,
        }
    }

    /// Sent, in per cent (0–100).
    pub fn percent(&self) -> u64 {
        (self.received() * 100).checked_div(self.size).unwrap_or(100)
    }

    /// Whether the queue should try it now.
    pub fn is_due(&self, now_ms: u64) -> bool {
        matches!(self.status, UploadStatus::Waiting { not_before_ms, .. } if not_before_ms <= now_ms)
    }

    /// Progress: the server holds `received` bytes; failures are forgotten.
    pub fn advanced(&mut self, received: u64) {
        self.status = UploadStatus::Waiting { received, failures: 0, not_before_ms: 0 };
    }

    /// A failed attempt that may succeed later (offline, or the record not pushed yet):
    /// waits [`backoff_ms`] longer each time in a row.
    pub fn retry_later(&mut self, now_ms: u64) {
        if let UploadStatus::Waiting { received, failures, .. } = self.status {
            let failures = failures.saturating_add(1);
            let not_before_ms = now_ms + backoff_ms(failures);
            self.status = UploadStatus::Waiting { received, failures, not_before_ms };
        }
    }
}

/// Every blob still to upload, or uploaded or refused, by hash.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadQueue(pub BTreeMap<String, UploadEntry>);

impl UploadQueue {
    /// Adds a blob; one already queued (the same bytes photographed twice) is kept as is:
    /// the same bytes are uploaded once.
    pub fn add(&mut self, entry: UploadEntry) {
        self.0.entry(entry.sha256.clone()).or_insert(entry);
    }

    /// The blob to try next at `now_ms`: the due one with the fewest failures (a photo whose
    /// record is not pushed yet does not hold up the others), oldest hash order otherwise.
    pub fn next_due(&self, now_ms: u64) -> Option<&UploadEntry> {
        self.0.values().filter(|e| e.is_due(now_ms)).min_by_key(|e| match e.status {
            UploadStatus::Waiting { failures, .. } => failures,
            _ => u32::MAX,
        })
    }

    /// The state of one blob, if queued.
    pub fn get(&self, sha256: &str) -> Option<&UploadEntry> {
        self.0.get(sha256)
    }

    /// The sums the sync badge shows: blobs and bytes, and photos (a photo's original and
    /// thumbnail are two blobs but one photo to the user). A photo with a refused blob is
    /// failed; else one with a blob not sent yet is waiting.
    pub fn progress(&self) -> Progress {
        let mut p = Progress::default();
        let (mut waiting, mut failed) = (BTreeSet::new(), BTreeSet::new());
        for e in self.0.values() {
            match e.status {
                UploadStatus::Waiting { .. } => {
                    p.waiting += 1;
                    p.bytes_total += e.size;
                    p.bytes_sent += e.received();
                    waiting.insert(&e.photo);
                }
                UploadStatus::Done => p.done += 1,
                UploadStatus::Failed { .. } => {
                    p.failed += 1;
                    failed.insert(&e.photo);
                }
            }
        }
        p.photos_failed = failed.len();
        p.photos_waiting = waiting.difference(&failed).count();
        p
    }
}

/// The upload queue in sum: what the sync badge shows as "photos waiting".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Blobs not wholly on the server yet.
    pub waiting: usize,
    /// Blobs the server holds.
    pub done: usize,
    /// Blobs refused for good.
    pub failed: usize,
    /// Bytes of the waiting blobs the server holds.
    pub bytes_sent: u64,
    /// Bytes of the waiting blobs.
    pub bytes_total: u64,
    /// Photos with a blob not sent yet (and none refused).
    pub photos_waiting: usize,
    /// Photos with a blob refused for good.
    pub photos_failed: usize,
}

impl Progress {
    /// Of the waiting bytes, the share sent, in per cent (100 when nothing waits).
    pub fn percent(&self) -> u64 {
        (self.bytes_sent * 100).checked_div(self.bytes_total).unwrap_or(100)
    }
}
