//! Blobs in a directory: `<root>/<aa>/<sha256>` when complete (`aa`: its first two hex
//! digits, so no directory grows huge), `<root>/uploads/<sha256>/<key>` while a user uploads
//! (one file per uploader, [`UploadKey`]). A blob is renamed into place only after its bytes
//! hashed to its name, so a complete file is never partial or wrong, even after a crash.
//! `<root>/partial/<sha256>` held uploads before they were kept per user: only removal
//! still looks there.

use super::{BlobStore, UploadKey};
use futures::future::BoxFuture;
use futures::FutureExt;
use sha2::{Digest, Sha256};
use std::io;
use std::path::PathBuf;
use tokio::fs;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A [`BlobStore`] in a directory of the local file system.
#[derive(Debug, Clone)]
pub struct DirStore {
    root: PathBuf,
}

impl DirStore {
    /// A store under `root` (created on first write).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirStore { root: root.into() }
    }

    fn whole(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2]).join(sha256)
    }

    fn uploads(&self, sha256: &str) -> PathBuf {
        self.root.join("uploads").join(sha256)
    }

    fn upload(&self, sha256: &str, key: &UploadKey) -> PathBuf {
        self.uploads(sha256).join(key.as_str())
    }

    /// Where uploads were kept before they were kept per user.
    fn legacy_partial(&self, sha256: &str) -> PathBuf {
        self.root.join("partial").join(sha256)
    }
}

/// Removes a file; returns its size (0 when there was none).
async fn remove_file(path: &PathBuf) -> io::Result<u64> {
    let Some(n) = size_of(path).await? else { return Ok(0) };
    match fs::remove_file(path).await {
        Ok(()) => Ok(n),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(0),
        Err(e) => Err(e),
    }
}

/// Removes a directory of uploads when it is empty (it may not be: another user's upload).
async fn remove_if_empty(dir: &PathBuf) {
    let _ = fs::remove_dir(dir).await;
}

/// The size of a file, `None` when there is none.
async fn size_of(path: &PathBuf) -> io::Result<Option<u64>> {
    match fs::metadata(path).await {
        Ok(m) => Ok(Some(m.len())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

impl BlobStore for DirStore {
    fn complete(&self, sha256: &str) -> BoxFuture<'_, io::Result<Option<u64>>> {
        let path = self.whole(sha256);
        async move { size_of(&path).await }.boxed()
    }

    fn uploaded<'a>(
        &'a self,
        sha256: &'a str,
        key: &'a UploadKey,
    ) -> BoxFuture<'a, io::Result<u64>> {
        async move { Ok(size_of(&self.upload(sha256, key)).await?.unwrap_or(0)) }.boxed()
    }

    fn append<'a>(
        &'a self,
        sha256: &'a str,
        key: &'a UploadKey,
        chunk: &'a [u8],
    ) -> BoxFuture<'a, io::Result<u64>> {
        async move {
            fs::create_dir_all(self.uploads(sha256)).await?;
            let path = self.upload(sha256, key);
            let mut f = fs::OpenOptions::new().create(true).append(true).open(&path).await?;
            f.write_all(chunk).await?;
            f.sync_data().await?;
            Ok(f.metadata().await?.len())
        }
        .boxed()
    }

    fn finish<'a>(
        &'a self,
        sha256: &'a str,
        key: &'a UploadKey,
    ) -> BoxFuture<'a, io::Result<bool>> {
        async move {
            let partial = self.upload(sha256, key);
            let mut f = fs::File::open(&partial).await?;
            let mut hasher = Sha256::new();
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = f.read(&mut buf).await?;
                if n == 0 {
                    break;
                }
                hasher.update(&buf[..n]);
            }
            let matches = hex::encode(hasher.finalize()) == sha256;
            if matches {
                // Renaming over a complete blob replaces it with the very same bytes.
                fs::create_dir_all(self.root.join(&sha256[..2])).await?;
                fs::rename(&partial, self.whole(sha256)).await?;
            } else {
                fs::remove_file(&partial).await?;
            }
            remove_if_empty(&self.uploads(sha256)).await;
            Ok(matches)
        }
        .boxed()
    }

    fn read<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<Option<Vec<u8>>>> {
        async move {
            match fs::read(self.whole(sha256)).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        }
        .boxed()
    }

    fn remove_upload<'a>(
        &'a self,
        sha256: &'a str,
        key: &'a UploadKey,
    ) -> BoxFuture<'a, io::Result<u64>> {
        async move {
            let held = remove_file(&self.upload(sha256, key)).await?;
            remove_if_empty(&self.uploads(sha256)).await;
            Ok(held)
        }
        .boxed()
    }

    fn remove<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<u64>> {
        async move {
            let mut held = 0;
            for path in [self.whole(sha256), self.legacy_partial(sha256)] {
                held += remove_file(&path).await?;
            }
            let dir = self.uploads(sha256);
            let mut entries = match fs::read_dir(&dir).await {
                Ok(entries) => entries,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(held),
                Err(e) => return Err(e),
            };
            while let Some(entry) = entries.next_entry().await? {
                held += remove_file(&entry.path()).await?;
            }
            remove_if_empty(&dir).await;
            Ok(held)
        }
        .boxed()
    }
}
