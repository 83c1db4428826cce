//! Blobs in S3-compatible object storage (the `object_store` crate), for servers that scale
//! out: `<prefix>/<sha256>` when complete, `<prefix>/uploads/<sha256>/<key>/<offset>` per
//! chunk while a user uploads (objects cannot be appended to; one upload per uploader,
//! [`UploadKey`]). The whole blob is written only after its parts hashed to its name, so a
//! complete object is never partial or wrong. `<prefix>/partial/<sha256>/<offset>` held
//! uploads before they were kept per user: only removal still looks there.
//!
//! Chosen by `--blob-url s3://bucket/prefix` (`GUANJIA_BLOB_URL`); the endpoint (any
//! S3-compatible service), region and credentials come from the usual `AWS_*` variables.

use super::{BlobStore, UploadKey};
use futures::future::BoxFuture;
use futures::{FutureExt, TryStreamExt};
use object_store::path::Path;
use object_store::{ObjectMeta, ObjectStore, PutPayload};
use sha2::{Digest, Sha256};
use std::io;
use std::sync::Arc;

/// A [`BlobStore`] over any [`ObjectStore`].
#[derive(Debug, Clone)]
pub struct ObjectBlobStore {
    store: Arc<dyn ObjectStore>,
    prefix: String,
}

/// Object-store failures as I/O errors (`NotFound` stays `NotFound`).
fn io_err(e: object_store::Error) -> io::Error {
    io::Error::other(e)
}

impl ObjectBlobStore {
    /// Blobs in `store` under `prefix` (`""`: at the top).
    pub fn new(store: Arc<dyn ObjectStore>, prefix: &str) -> Self {
        ObjectBlobStore { store, prefix: prefix.trim_matches('/').to_owned() }
    }

    /// The store a `s3://bucket/prefix` URL names, configured from the `AWS_*` variables and
    /// then `options` (`object_store`'s keys, e.g. `aws_endpoint`, `aws_allow_http`,
    /// `aws_access_key_id`: any S3-compatible service); `memory://`: in memory, lost at exit.
    pub fn from_url(url: &str, options: &[(String, String)]) -> Result<Self, String> {
        if url == "memory://" {
            return Ok(Self::new(Arc::new(object_store::memory::InMemory::new()), ""));
        }
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| format!("blob URL {url:?}: only s3://bucket/prefix is understood"))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let mut builder = object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket);
        for (key, value) in options {
            let key = key.parse().map_err(|e| format!("blob option {key:?}: {e}"))?;
            builder = builder.with_config(key, value);
        }
        let s3 = builder.build().map_err(|e| format!("blob URL {url:?}: {e}"))?;
        Ok(Self::new(Arc::new(s3), prefix))
    }

    fn path(&self, rest: &str) -> Path {
        match self.prefix.as_str() {
            "" => Path::from(rest),
            p => Path::from(format!("{p}/{rest}")),
        }
    }

    /// Where `key`'s upload of `sha256` keeps its parts.
    fn upload(&self, sha256: &str, key: &UploadKey) -> Path {
        self.path(&format!("uploads/{sha256}/{}", key.as_str()))
    }

    /// The parts of an unfinished upload (under `dir`) that follow one another from offset
    /// 0, in order.
    async fn parts(&self, dir: &Path) -> io::Result<Vec<ObjectMeta>> {
        let mut all: Vec<ObjectMeta> =
            self.store.list(Some(dir)).try_collect().await.map_err(io_err)?;
        all.sort_by(|a, b| a.location.cmp(&b.location));
        let mut held = 0;
        let mut parts = Vec::new();
        for meta in all {
            if meta.location.filename() != Some(&format!("{held:016}")) {
                break;
            }
            held += meta.size;
            parts.push(meta);
        }
        Ok(parts)
    }

    /// Deletes every object under `dir`; returns their bytes.
    async fn drop_all(&self, dir: &Path) -> io::Result<u64> {
        let all: Vec<ObjectMeta> =
            self.store.list(Some(dir)).try_collect().await.map_err(io_err)?;
        let mut bytes = 0;
        for meta in all {
            self.store.delete(&meta.location).await.map_err(io_err)?;
            bytes += meta.size;
        }
        Ok(bytes)
    }
}

impl BlobStore for ObjectBlobStore {
    fn complete(&self, sha256: &str) -> BoxFuture<'_, io::Result<Option<u64>>> {
        let whole = self.path(sha256);
        async move {
            match self.store.head(&whole).await {
                Ok(meta) => Ok(Some(meta.size)),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(io_err(e)),
            }
        }
        .boxed()
    }

    fn uploaded<'a>(
        &'a self,
        sha256: &'a str,
        key: &'a UploadKey,
    ) -> BoxFuture<'a, io::Result<u64>> {
        async move { Ok(self.parts(&self.upload(sha256, key)).await?.iter().map(|m| m.size).sum()) }
            .boxed()
    }

    fn append<'a>(
        &'a self,
        sha256: &'a str,
        key: &'a UploadKey,
        chunk: &'a [u8],
    ) -> BoxFuture<'a, io::Result<u64>> {
        async move {
            let dir = self.upload(sha256, key);
            let held: u64 = self.parts(&dir).await?.iter().map(|m| m.size).sum();
            let part = dir.child(format!("{held:016}"));
            let payload = PutPayload::from(chunk.to_vec());
            self.store.put(&part, payload).await.map_err(io_err)?;
            Ok(held + chunk.len() as u64)
        }
        .boxed()
    }

    fn finish<'a>(
        &'a self,
        sha256: &'a str,
        key: &'a UploadKey,
    ) -> BoxFuture<'a, io::Result<bool>> {
        async move {
            let dir = self.upload(sha256, key);
            let mut whole = Vec::new();
            for meta in self.parts(&dir).await? {
                let got = self.store.get(&meta.location).await.map_err(io_err)?;
                whole.extend_from_slice(&got.bytes().await.map_err(io_err)?);
            }
            let matches = hex::encode(Sha256::digest(&whole)) == sha256;
            if matches {
                let payload = PutPayload::from(whole);
                self.store.put(&self.path(sha256), payload).await.map_err(io_err)?;
            }
            self.drop_all(&dir).await?;
            Ok(matches)
        }
        .boxed()
    }

    fn read<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<Option<Vec<u8>>>> {
        async move {
            match self.store.get(&self.path(sha256)).await {
                Ok(got) => Ok(Some(got.bytes().await.map_err(io_err)?.to_vec())),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(io_err(e)),
            }
        }
        .boxed()
    }

    fn remove_upload<'a>(
        &'a self,
        sha256: &'a str,
        key: &'a UploadKey,
    ) -> BoxFuture<'a, io::Result<u64>> {
        async move { self.drop_all(&self.upload(sha256, key)).await }.boxed()
    }

    fn remove<'a>(&'a self, sha256: &'a str) -> BoxFuture<'a, io::Result<u64>> {
        async move {
            let mut held = self.drop_all(&self.path(&format!("uploads/{sha256}"))).await?;
            held += self.drop_all(&self.path(&format!("partial/{sha256}"))).await?;
            let whole = self.path(sha256);
            match self.store.head(&whole).await {
                Ok(meta) => {
                    self.store.delete(&whole).await.map_err(io_err)?;
                    held += meta.size;
                }
                Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(io_err(e)),
            }
            Ok(held)
        }
        .boxed()
    }
}
