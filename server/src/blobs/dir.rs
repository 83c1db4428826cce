//! Blobs in a directory: `<root>/<aa>/<sha256>` when complete (`aa`: its first two hex
//! digits, so no directory grows huge), `<root>/partial/<sha256>` while uploading. A blob is
//! renamed into place only after its bytes hashed to its name, so a complete file is never
//! partial or wrong, even after a crash.

use super::{BlobStore, Held};
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

    fn complete(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2]).join(sha256)
    }

    fn partial(&self, sha256: &str) -> PathBuf {
        self.root.join("partial").join(sha256)
    }
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
    fn held(&self, sha256: &str) -> BoxFuture<'_, io::Result<Held>> {
        let (complete, partial) = (self.complete(sha256), self.partial(sha256));
        async move {
            if let Some(n) = size_of(&complete).await? {
                return Ok(Held::Complete(n));
            }
            Ok(Held::Partial(size_of(&partial).await?.unwrap_or(0)))
        }
        .boxed()
    }

    fn append<'a>(&'a self, sha256: &'a str, chunk: &'a [u8]) -> BoxFuture<'a, io::Result<u64>> {
        async move {
            let path = self.partial(sha256);
            fs::create_dir_all(self.root.join("partial")).await?;
            let mut f = fs::OpenOptions::new().create(true).append(true).open(&path).await?;
            f.write_all(chunk).await?;
            f.sync_data().await?;
            Ok(f.metadata().await?.len())
        }
        .boxed()
    }

    fn finish<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<bool>> {
        async move {
            let partial = self.partial(sha256);
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
            if hex::encode(hasher.finalize()) != sha256 {
                fs::remove_file(&partial).await?;
                return Ok(false);
            }
            let done = self.complete(sha256);
            fs::create_dir_all(self.root.join(&sha256[..2])).await?;
            fs::rename(&partial, &done).await?;
            Ok(true)
        }
        .boxed()
    }

    fn read<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<Option<Vec<u8>>>> {
        async move {
            match fs::read(self.complete(sha256)).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        }
        .boxed()
    }

    fn remove<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<u64>> {
        async move {
            let mut held = 0;
            for path in [self.complete(sha256), self.partial(sha256)] {
                if let Some(n) = size_of(&path).await? {
                    match fs::remove_file(&path).await {
                        Ok(()) => held += n,
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            Ok(held)
        }
        .boxed()
    }
}
