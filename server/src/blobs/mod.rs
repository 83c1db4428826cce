//! Where photo bytes live (DESIGN §4 "Blobs", `shared::blob`): content-addressed by SHA-256,
//! uploaded in chunks at an offset, and moved into place only when the whole upload hashes to
//! its name — a blob that can be read is always complete and correct.
//!
//! [`BlobStore`] is the seam for storage backends: [`DirStore`] (a directory, the default)
//! or [`ObjectBlobStore`] (S3-compatible object storage through the `object_store` crate, for
//! servers that scale out), chosen by configuration ([`Blobs::configured`]). The HTTP rules (scope, offsets, limits) live in
//! [`crate::routes::blobs`]; the store only keeps bytes.

pub mod args;
pub mod cleanup;
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
    /// Removes whatever is held of `sha256`, whole or partial; returns the bytes it held
    /// (0 when nothing was). Only [`cleanup`] calls it, under the blob's upload lock.
    fn remove<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<u64>>;
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
            Some(url) => Arc::new(ObjectBlobStore::from_url(url, &config.blob_options)?),
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

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    /// What every store promises: a blob is readable only once its bytes hashed to its
    /// name; bytes that do not are discarded; removal takes partial and whole blobs.
    async fn contract(store: &impl BlobStore) {
        let bytes = b"\xFF\xD8\xFF a photo in parts";
        let name = hex::encode(Sha256::digest(bytes));
        assert_eq!(store.held(&name).await.unwrap(), Held::Partial(0));
        assert_eq!(store.append(&name, &bytes[..5]).await.unwrap(), 5);
        assert_eq!(store.append(&name, &bytes[5..9]).await.unwrap(), 9);
        assert_eq!(store.held(&name).await.unwrap(), Held::Partial(9));
        assert_eq!(store.read(&name).await.unwrap(), None, "a partial blob is never read");
        store.append(&name, &bytes[9..]).await.unwrap();
        assert!(store.finish(&name).await.unwrap());
        assert_eq!(store.held(&name).await.unwrap(), Held::Complete(bytes.len() as u64));
        assert_eq!(store.read(&name).await.unwrap().as_deref(), Some(&bytes[..]));
        // Bytes that do not hash to their name are discarded.
        let wrong = "0".repeat(64);
        store.append(&wrong, bytes).await.unwrap();
        assert!(!store.finish(&wrong).await.unwrap());
        assert_eq!(store.held(&wrong).await.unwrap(), Held::Partial(0));
        // Removal: a whole blob, then a partial one, then nothing at all.
        assert_eq!(store.remove(&name).await.unwrap(), bytes.len() as u64);
        assert_eq!(store.held(&name).await.unwrap(), Held::Partial(0));
        assert_eq!(store.read(&name).await.unwrap(), None);
        store.append(&wrong, &bytes[..7]).await.unwrap();
        assert_eq!(store.remove(&wrong).await.unwrap(), 7);
        assert_eq!(store.held(&wrong).await.unwrap(), Held::Partial(0));
        assert_eq!(store.remove(&wrong).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn a_directory_keeps_the_store_contract() {
        let dir = tempfile::tempdir().expect("temp dir");
        contract(&DirStore::new(dir.path())).await;
    }

    #[tokio::test]
    async fn object_storage_keeps_the_store_contract() {
        let memory = Arc::new(object_store::memory::InMemory::new());
        contract(&ObjectBlobStore::new(memory, "photos/")).await;
        assert!(ObjectBlobStore::from_url("ftp://x", &[]).is_err());
        let bad = [("no_such_option".to_owned(), "1".to_owned())];
        assert!(ObjectBlobStore::from_url("s3://bucket/p", &bad).is_err());
    }
}
