//! The device's storage budget (issue 26 point 3): when to warn that the quota runs out, and
//! whether a photo may still be stored. Pure: the caller brings the browser's estimate
//! (`navigator.storage.estimate()`: bytes used and the quota of this site).
//!
//! Records come first. A butler's records are small (an edit is about a kilobyte) and must
//! always save; photos are large and can wait for a network. So a photo is refused once
//! storing it would leave less than [`reserve`] free: what remains is kept for records, and
//! records keep saving after photos no longer can. A refused photo is never stored, so
//! nothing is dropped later: the butler is told at once, where the photo was taken.

/// The share of the quota under which the device warns: below 10 % free.
pub const WARN_FREE_PERCENT: u64 = 10;

/// The least room kept for records: 8 MiB holds thousands of edits, many days of a butler's
/// work offline, and the replica's own rewrites (`store/idb.rs` compacts its log).
pub const RECORD_RESERVE_MIN: u64 = 8 * 1024 * 1024;

/// The share of the quota kept for records on a device with a large quota: 2 %, so a large
/// replica (an office's site) keeps room to grow in proportion.
pub const RECORD_RESERVE_PERCENT: u64 = 2;

/// What the browser says about this site's storage, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Bytes this site uses (IndexedDB, caches).
    pub used: u64,
    /// Bytes this site may use.
    pub quota: u64,
}

impl Budget {
    /// Bytes still free (none when over the quota).
    pub fn free(self) -> u64 {
        self.quota.saturating_sub(self.used)
    }

    /// Whether less than [`WARN_FREE_PERCENT`] of the quota is free: the device warns.
    pub fn low(self) -> bool {
        u128::from(self.free()) * 100 < u128::from(self.quota) * u128::from(WARN_FREE_PERCENT)
    }

    /// The free share of the quota in whole percent (rounded down), for the warning.
    pub fn free_percent(self) -> u64 {
        if self.quota == 0 {
            return 0;
        }
        (u128::from(self.free()) * 100 / u128::from(self.quota)) as u64
    }

    /// Whether a photo of `bytes` (original and thumbnail) may be stored: it must leave at
    /// least [`reserve`] free for records.
    pub fn photo_fits(self, bytes: u64) -> bool {
        let need = u128::from(bytes) + u128::from(reserve(self.quota));
        need <= u128::from(self.free())
    }
}

/// The room kept for records under a quota of `quota` bytes: the larger of
/// [`RECORD_RESERVE_MIN`] and [`RECORD_RESERVE_PERCENT`] of the quota.
pub fn reserve(quota: u64) -> u64 {
    RECORD_RESERVE_MIN.max(quota / 100 * RECORD_RESERVE_PERCENT)
}

/// Whether a photo of `bytes` may be stored given the estimate, `None` where the browser
/// gives none: then it is tried, and a real quota error is still caught where it is stored.
pub fn photo_allowed(estimate: Option<Budget>, bytes: u64) -> bool {
    estimate.is_none_or(|b| b.photo_fits(bytes))
}

/// Whether a store error's text is the browser's quota error (`QuotaExceededError`).
pub fn is_quota_error(message: &str) -> bool {
    message.to_ascii_lowercase().contains("quota")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: u64 = 1024 * 1024;

    #[test]
    fn warns_only_below_a_tenth_free() {
        assert!(!Budget { used: 90 * MB, quota: 100 * MB }.low(), "exactly 10 % free");
        assert!(Budget { used: 90 * MB + 1, quota: 100 * MB }.low());
        assert!(!Budget { used: 0, quota: 100 * MB }.low());
        assert!(Budget { used: 120 * MB, quota: 100 * MB }.low(), "over the quota");
        assert_eq!(Budget { used: 95 * MB, quota: 100 * MB }.free_percent(), 5);
        assert_eq!(Budget { used: 1, quota: 0 }.free_percent(), 0);
    }

    #[test]
    fn the_reserve_is_eight_mib_or_two_percent() {
        assert_eq!(reserve(100 * MB), RECORD_RESERVE_MIN);
        assert_eq!(reserve(10_000 * MB), 200 * MB);
    }

    #[test]
    fn a_photo_must_leave_the_reserve_for_records() {
        let b = Budget { used: 80 * MB, quota: 100 * MB };
        assert!(b.photo_fits(12 * MB), "12 MB leaves exactly the 8 MiB reserve");
        assert!(!b.photo_fits(12 * MB + 1));
        // Records still fit where a photo does not: the reserve is theirs.
        let full = Budget { used: 95 * MB, quota: 100 * MB };
        assert!(!full.photo_fits(300 * 1024));
        assert!(full.free() > 4 * MB);
        assert!(!Budget { used: 120 * MB, quota: 100 * MB }.photo_fits(0));
    }

    #[test]
    fn without_an_estimate_a_photo_is_tried() {
        assert!(photo_allowed(None, 5 * MB));
        assert!(!photo_allowed(Some(Budget { used: 99 * MB, quota: 100 * MB }), 1));
    }

    #[test]
    fn recognises_the_browsers_quota_error() {
        assert!(is_quota_error("local storage failed: QuotaExceededError: quota exceeded"));
        assert!(!is_quota_error("local storage failed: the transaction was aborted"));
    }
}
