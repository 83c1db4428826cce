//! Where photo bytes live (DESIGN §4 "Blobs", `shared::blob`): content-addressed by SHA-256,
//! uploaded in chunks at an offset, and moved into place only when the whole upload hashes to
//! its name — a blob that can be read is always complete and correct.
//!
//! [`BlobStore`] is the seam for storage backends: [`DirStore`] (a directory, the default)
//! or [`ObjectBlobStore`] (S3-compatible object storage through the `object_store` crate, for
//! servers that scale out), chosen by configuration ([`Blobs::configured`]). The HTTP rules (scope, offsets, limits) live in
//! [`crate::routes::blobs`]; the store only keeps bytes.

mod dir;
mod object;

pub use dir::DirStore;
pub use object::ObjectBlobStore;

use futures::future::BoxFuture;
use std::io;
use std::sync::Arc;
use tokio::sync::{Mutex, MutexGuard};

/// What a store holds of one blob.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Stored whole, hash checked: its size.
    Complete(u64),
    /// An unfinished upload: the bytes held so far (0 when nothing is).
    Partial(u64),
}

/// A place that keeps blobs. Every method takes a name checked by `shared::blob::is_sha256`.
pub trait BlobStore: Send + Sync + 'static {
    /// What is held of `sha256`.
    fn held(&self, sha256: &str) -> BoxFuture<'_, io::Result<Held>>;
    /// Appends `chunk` to the unfinished upload of `sha256` (durably); returns the bytes now
    /// held. The caller has checked that `chunk` starts where the upload ends.
    fn append<'a>(&'a self, sha256: &'a str, chunk: &'a [u8]) -> BoxFuture<'a, io::Result<u64>>;
    /// Hashes the unfinished upload: when it matches `sha256` the blob is moved into place
    /// (true); otherwise the upload is discarded (false).
    fn finish<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<bool>>;
    /// The bytes of a complete blob.
    fn read<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<Option<Vec<u8>>>>;
}

/// Stripes of upload locks: chunks of one blob are written one at a time (two devices may
/// upload the same bytes at once).
const STRIPES: usize = 16;

/// The server's blob store and its upload locks.
#[derive(Clone)]
pub struct Blobs {
    store: Arc<dyn BlobStore>,
    locks: Arc<[Mutex<()>; STRIPES]>,
}

impl Blobs {
    /// Blobs kept by `store`.
    pub fn new(store: Arc<dyn BlobStore>) -> Self {
        Blobs { store, locks: Arc::new(std::array::from_fn(|_| Mutex::new(()))) }
    }

    /// The store the configuration names: object storage when `blob_url` is set, else the
    /// directory `blob_dir`.
    pub fn configured(config: &crate::Config) -> Result<Self, String> {
        let store: Arc<dyn BlobStore> = match &config.blob_url {
            Some(url) => Arc::new(ObjectBlobStore::from_url(url)?),
            None => Arc::new(DirStore::new(config.blob_dir.clone())),
        };
        Ok(Self::new(store))
    }

    /// The store.
    pub fn store(&self) -> &dyn BlobStore {
        self.store.as_ref()
    }

    /// Holds the upload lock of `sha256` (one of [`STRIPES`], by its first hex digit).
    pub async fn lock(&self, sha256: &str) -> MutexGuard<'_, ()> {
        let stripe = sha256.bytes().next().map_or(0, |b| (b as usize) % STRIPES);
        self.locks[stripe].lock().await
    }
}

impl std::fmt::Debug for Blobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Blobs").finish_non_exhaustive()
    }
}
