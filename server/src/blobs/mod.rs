//! Where photo bytes live (DESIGN §4 "Blobs", `shared::blob`): content-addressed by SHA-256,
//! uploaded in chunks at an offset, and moved into place only when the whole upload hashes to
//! its name — a blob that can be read is always complete and correct.
//!
//! [`BlobStore`] is the seam for storage backends: [`DirStore`] (a directory, the default)
//! or [`ObjectBlobStore`] (S3-compatible object storage through the `object_store` crate, for
//! servers that scale out), chosen by configuration ([`Blobs::configured`]). The HTTP rules (scope, offsets, limits) live in
//! `routes/blobs.rs`; the store only keeps bytes.

pub mod cleanup;
mod dir;
mod object;

pub use dir::DirStore;
pub use object::ObjectBlobStore;

use futures::future::BoxFuture;
use sha2::{Digest, Sha256};
use std::io;
use std::sync::Arc;
use tokio::sync::{Mutex, MutexGuard};

/// What a store holds of one blob for one uploader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Stored whole, hash checked: its size.
    Complete(u64),
    /// Not stored whole: the bytes of this uploader's unfinished upload (0 when none).
    Partial(u64),
}

/// Whose upload a partial one is: a path-safe name made from the uploading user's id. Each
/// user's upload of a blob is kept apart, so nobody resumes, spoils or learns of another's.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UploadKey(String);

impl UploadKey {
    /// The key of user `user_id`'s uploads (32 hex digits of its SHA-256).
    pub fn of(user_id: &str) -> Self {
        UploadKey(hex::encode(&Sha256::digest(user_id.as_bytes())[..16]))
    }

    /// The key as it appears in the store's paths.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A place that keeps blobs. Every method takes a name checked by `shared::blob::is_sha256`.
pub trait BlobStore: Send + Sync + 'static {
    /// The size of the complete blob `sha256`, if it is stored whole.
    fn complete(&self, sha256: &str) -> BoxFuture<'_, io::Result<Option<u64>>>;
    /// The bytes of `key`'s unfinished upload of `sha256` (0 when there is none).
    fn uploaded<'a>(
        &'a self,
        sha256: &'a str,
        key: &'a UploadKey,
    ) -> BoxFuture<'a, io::Result<u64>>;
    /// Appends `chunk` to `key`'s unfinished upload of `sha256` (durably); returns the bytes
    /// now held. The caller has checked that `chunk` starts where the upload ends.
    fn append<'a>(
        &'a self,
        sha256: &'a str,
        key: &'a UploadKey,
        chunk: &'a [u8],
    ) -> BoxFuture<'a, io::Result<u64>>;
    /// Hashes `key`'s unfinished upload: when it matches `sha256` the blob is put in place
    /// (the same bytes again if it already was: true); the upload is gone either way.
    fn finish<'a>(&'a self, sha256: &'a str, key: &'a UploadKey)
        -> BoxFuture<'a, io::Result<bool>>;
    /// The bytes of a complete blob.
    fn read<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<Option<Vec<u8>>>>;
    /// Removes `key`'s unfinished upload of `sha256`; returns the bytes it held. Only
    /// [`cleanup`] calls it, under the blob's upload lock.
    fn remove_upload<'a>(
        &'a self,
        sha256: &'a str,
        key: &'a UploadKey,
    ) -> BoxFuture<'a, io::Result<u64>>;
    /// Removes whatever is held of `sha256`, whole or partial (every uploader's, and uploads
    /// from before uploads were kept per user); returns the bytes it held (0 when nothing
    /// was). Only [`cleanup`] calls it, under the blob's upload lock.
    fn remove<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<u64>>;
}

/// What `store` holds of `sha256` for `key`: the whole blob, else `key`'s upload.
pub async fn held(store: &dyn BlobStore, sha256: &str, key: &UploadKey) -> io::Result<Held> {
    Ok(match store.complete(sha256).await? {
        Some(n) => Held::Complete(n),
        None => Held::Partial(store.uploaded(sha256, key).await?),
    })
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
    /// name; bytes that do not are discarded; uploads of two users are apart; removal takes
    /// partial and whole blobs.
    async fn contract(store: &impl BlobStore) {
        let (me, you) = (UploadKey::of("me"), UploadKey::of("you"));
        let bytes = b"\xFF\xD8\xFF a photo in parts";
        let name = hex::encode(Sha256::digest(bytes));
        assert_eq!(held(store, &name, &me).await.unwrap(), Held::Partial(0));
        assert_eq!(store.append(&name, &me, &bytes[..5]).await.unwrap(), 5);
        assert_eq!(store.append(&name, &me, &bytes[5..9]).await.unwrap(), 9);
        assert_eq!(store.append(&name, &you, &bytes[..3]).await.unwrap(), 3);
        assert_eq!(held(store, &name, &me).await.unwrap(), Held::Partial(9));
        assert_eq!(held(store, &name, &you).await.unwrap(), Held::Partial(3));
        assert_eq!(store.read(&name).await.unwrap(), None, "a partial blob is never read");
        store.append(&name, &me, &bytes[9..]).await.unwrap();
        assert!(store.finish(&name, &me).await.unwrap());
        let whole = Held::Complete(bytes.len() as u64);
        assert_eq!(held(store, &name, &me).await.unwrap(), whole);
        assert_eq!(store.uploaded(&name, &me).await.unwrap(), 0, "the upload is gone");
        assert_eq!(store.uploaded(&name, &you).await.unwrap(), 3, "the other one stays");
        assert_eq!(store.read(&name).await.unwrap().as_deref(), Some(&bytes[..]));
        // The same bytes again complete it again; the other upload is removed alone.
        store.append(&name, &you, &bytes[3..]).await.unwrap();
        assert!(store.finish(&name, &you).await.unwrap());
        assert_eq!(store.read(&name).await.unwrap().as_deref(), Some(&bytes[..]));
        store.append(&name, &you, &bytes[..4]).await.unwrap();
        assert_eq!(store.remove_upload(&name, &you).await.unwrap(), 4);
        assert_eq!(store.uploaded(&name, &you).await.unwrap(), 0);
        assert_eq!(store.complete(&name).await.unwrap(), Some(bytes.len() as u64));
        // Bytes that do not hash to their name are discarded.
        let wrong = "0".repeat(64);
        store.append(&wrong, &me, bytes).await.unwrap();
        assert!(!store.finish(&wrong, &me).await.unwrap());
        assert_eq!(held(store, &wrong, &me).await.unwrap(), Held::Partial(0));
        // Removal: a whole blob, then partial ones, then nothing at all.
        assert_eq!(store.remove(&name).await.unwrap(), bytes.len() as u64);
        assert_eq!(held(store, &name, &me).await.unwrap(), Held::Partial(0));
        assert_eq!(store.read(&name).await.unwrap(), None);
        store.append(&wrong, &me, &bytes[..7]).await.unwrap();
        store.append(&wrong, &you, &bytes[..2]).await.unwrap();
        assert_eq!(store.remove(&wrong).await.unwrap(), 9);
        assert_eq!(held(store, &wrong, &me).await.unwrap(), Held::Partial(0));
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
