//! Photos that are never lost (issue 9, DESIGN §5): the pure logic behind capturing and
//! uploading them, tested natively. What a photo record holds ([`record`]), the capture time
//! and position kept from EXIF ([`exif`]), the chunked, resumable upload plan and its
//! back-off ([`plan`]), the upload queue's per-photo state and total progress ([`queue`]) and
//! which originals may leave the device ([`evict`]).
//! The bytes live in the store ([`crate::store::LocalStore::put_blob`]); the queue runs in
//! `sync/uploads.rs`.

#[cfg(target_arch = "wasm32")]
pub mod capture;
pub mod evict;
pub mod exif;
pub mod gesture;
pub mod list;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod list_tests;
pub mod plan;
pub mod queue;
pub mod record;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use evict::evictable;
pub use plan::{backoff_ms, next_chunk};
pub use queue::{Progress, UploadEntry, UploadQueue, UploadStatus};
pub use record::{photo_edits, PhotoMeta};

/// The SHA-256 of `bytes` as blobs are named: 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
