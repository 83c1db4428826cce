//! The unsynced edits as a file: on a shared tablet a butler who cannot reach the server
//! downloads them before signing out, so the office can enter them by hand and the next user
//! still starts clean. The file also holds the bytes of every photo the server has not
//! confirmed (waiting, or refused for good), so signing out loses no photo either. Pure data
//! and formatting, tested natively.

use crate::photos::{UploadEntry, UploadStatus};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use shared::protocol::{Batch, Me};
use shared::{RecordId, ReplicaId};
use std::collections::BTreeSet;

/// The `format` tag of an export file, so whoever reads one knows what it holds.
pub const EXPORT_FORMAT: &str = "guanjia-unsynced/1";

/// What an export file holds: the outbox batches exactly as they would have been pushed, with
/// the replica that made them, the user they belong to and when they were exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnsyncedExport {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// The replica that made the batches (the `replica` of the push they would have been).
    pub replica: ReplicaId,
    /// Who made them, when known (a session from before owners were recorded is not).
    pub user: Option<Me>,
    /// When the file was made, in ms since the epoch.
    pub exported_at_ms: u64,
    /// The same instant in UTC, `YYYY-MM-DDTHH:MM:SSZ`, for people reading the file.
    pub exported_at: String,
    /// How many changes the batches hold.
    pub changes: usize,
    /// How many distinct records they touch.
    pub records: usize,
    /// The outbox, in `seq` order.
    pub batches: Vec<Batch>,
    /// Every photo or thumbnail the server has not confirmed, with its bytes (absent from
    /// files made before photos were exported).
    #[serde(default)]
    pub photos: Vec<ExportedPhoto>,
}

/// One unconfirmed blob in an export file: what the office needs to place it by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedPhoto {
    /// Its name: the SHA-256 of its bytes (`sha256` or `thumb_sha256` of the photo record).
    pub sha256: String,
    /// The photo record that names it (in `batches`, or already on the server).
    pub photo: RecordId,
    /// Its length in bytes.
    pub size: u64,
    /// `waiting`, or why the server refused it for good.
    pub status: String,
    /// Its bytes, standard base64; `None` when the device no longer held them.
    pub base64: Option<String>,
}

impl ExportedPhoto {
    /// The export entry of a queued blob, with its bytes as stored on the device.
    pub fn new(entry: &UploadEntry, bytes: Option<&[u8]>) -> Self {
        let status = match &entry.status {
            UploadStatus::Failed { reason } => format!("failed: {reason}"),
            _ => "waiting".to_owned(),
        };
        Self {
            sha256: entry.sha256.clone(),
            photo: entry.photo.clone(),
            size: entry.size,
            status,
            base64: bytes.map(|b| base64::engine::general_purpose::STANDARD.encode(b)),
        }
    }

    /// Its bytes again (what the office, or a test, reads back).
    pub fn bytes(&self) -> Option<Vec<u8>> {
        let b = self.base64.as_ref()?;
        base64::engine::general_purpose::STANDARD.decode(b).ok()
    }
}

impl UnsyncedExport {
    /// An export of `batches` made at `now_ms` (its photos are added by the engine).
    pub fn new(replica: ReplicaId, user: Option<Me>, now_ms: u64, batches: Vec<Batch>) -> Self {
        let (changes, records) = counts(&batches);
        let (y, mo, d, h, mi, s) = civil(now_ms, 0);
        Self {
            format: EXPORT_FORMAT.to_owned(),
            replica,
            user,
            exported_at_ms: now_ms,
            exported_at: format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
            changes,
            records,
            batches,
            photos: Vec::new(),
        }
    }

    /// The highest `seq` in the file (0 when empty): what the engine records as exported.
    pub fn up_to_seq(&self) -> u64 {
        self.batches.last().map_or(0, |b| b.seq)
    }

    /// The file's text (pretty-printed: it may be read by people at the office).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// `guanjia-unsynced-<username>-<YYYY-MM-DD>.json`, the date in the device's time zone
    /// (`utc_offset_min` minutes east of UTC), the user name reduced to safe characters.
    pub fn file_name(&self, utc_offset_min: i64) -> String {
        let name: String = self
            .user
            .as_ref()
            .map(|u| u.username.as_str())
            .unwrap_or("unknown")
            .chars()
            .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
            .collect();
        let (y, m, d, ..) = civil(self.exported_at_ms, utc_offset_min);
        format!("guanjia-unsynced-{name}-{y:04}-{m:02}-{d:02}.json")
    }
}

/// (changes, distinct records) in `batches`.
pub fn counts(batches: &[Batch]) -> (usize, usize) {
    let changes = batches.iter().map(|b| b.changes.len()).sum();
    let records: BTreeSet<_> = batches.iter().flat_map(|b| &b.changes).map(|c| &c.id).collect();
    (changes, records.len())
}

/// Calendar date and time of `ms` shifted by `offset_min`: (year, month, day, h, m, s).
fn civil(ms: u64, offset_min: i64) -> (i64, i64, i64, i64, i64, i64) {
    let secs = (ms / 1000) as i64 + offset_min * 60;
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = shared::calendar::civil_from_days(days);
    (year, month, day, sod / 3600, sod % 3600 / 60, sod % 60)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::civil;

    #[test]
    fn civil_dates_match_known_instants() {
        assert_eq!(civil(0, 0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(civil(1_700_000_000_000, 0), (2023, 11, 14, 22, 13, 20));
        assert_eq!(civil(1_700_000_000_000, 8 * 60), (2023, 11, 15, 6, 13, 20), "Beijing");
        assert_eq!(civil(951_782_400_000, 0), (2000, 2, 29, 0, 0, 0), "leap day");
        assert_eq!(civil(1_709_251_199_000, 0), (2024, 2, 29, 23, 59, 59));
    }
}
