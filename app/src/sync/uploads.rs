//! The photo upload queue (issue 9), separate from record sync: a photo's record goes up
//! with the next push and never waits; its bytes follow, chunk by chunk, resumable from the
//! offset the server reports. Run by its own loop (`upload_loop.rs`), never inside a record
//! sync cycle ([`Engine::upload_photos`]).
//! The queue's state is a meta value, so a reload resumes where the last chunk ended.

use super::{Engine, FieldEdit, SyncError, Transport, TransportError};
use crate::photos::{self, next_chunk, PhotoMeta, UploadEntry, UploadQueue, UploadStatus};
use crate::store::{LocalStore, WriteSet, META_UPLOADS};
use shared::blob::{ImageType, MAX_BLOB_BYTES};
use shared::{Change, RecordId};

/// What `HEAD /api/v1/blobs/{sha256}` said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobHead {
    /// The server holds the blob whole (uploaded before, perhaps by another device).
    Complete,
    /// The server holds this many bytes of it (0 when none).
    Partial { offset: u64 },
}

/// Why a photo could not be saved on the device.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// The photo does not hold together (wrong hash, size or type, thumbnail too large):
    /// nothing was stored.
    #[error("invalid photo: {0}")]
    Invalid(String),
    /// Storing it failed: nothing was stored.
    #[error(transparent)]
    Sync(#[from] SyncError),
}

/// The largest thumbnail kept (DESIGN §5): lists of many photos stay light.
pub const MAX_THUMB_BYTES: usize = 30 * 1024;

/// A view within this long of the last one stored is not stored again (ms): keep-days
/// count in days, and viewing a photo over and over costs one write.
const VIEW_STAMP_MS: u64 = 3_600_000;

/// 409s in a row on one blob before it is left for the next round.
const MAX_CONFLICTS: u32 = 3;

/// How one upload attempt ended.
enum Outcome {
    Done,
    Retry,
    Failed(String),
}

impl<S: LocalStore, T: Transport> Engine<S, T> {
    /// Saves a captured photo: its record, its bytes and thumbnail and their upload-queue
    /// entries in ONE store transaction, checked first (hashes, sizes, image type); only
    /// then may the UI show it as saved. Returns the record's changes.
    pub async fn add_photo(
        &self,
        id: &RecordId,
        meta: &PhotoMeta,
        bytes: Vec<u8>,
        thumb: Vec<u8>,
    ) -> Result<Vec<Change>, PhotoError> {
        check_photo(meta, &bytes, &thumb)?;
        let mut g = self.lock().await?;
        let mut queue = g.uploads.clone();
        queue.add(UploadEntry::new(&meta.sha256, bytes.len() as u64, id));
        queue.add(UploadEntry::new(&meta.thumb_sha256, thumb.len() as u64, id));
        let mut extra = WriteSet {
            blobs: vec![(meta.sha256.clone(), bytes), (meta.thumb_sha256.clone(), thumb)],
            ..WriteSet::default()
        };
        extra.set_meta(META_UPLOADS, &queue).map_err(SyncError::from)?;
        let edits: Vec<FieldEdit> = photos::photo_edits(id, meta);
        let previous = std::mem::replace(&mut g.uploads, queue);
        match self.edit_locked(&mut g, edits, extra).await {
            Ok(changes) => Ok(changes),
            Err(e) => {
                g.uploads = previous;
                Err(e.into())
            }
        }
    }

    /// Uploads every due blob of the queue, one after the other, until none is due; each
    /// chunk's progress is stored and shown. Stops early, with the error, when the session
    /// is refused or the server cannot be reached.
    pub async fn upload_photos(&self) -> Result<photos::Progress, SyncError> {
        loop {
            // Handed over to another tab: that tab's loop uploads the queue now.
            if !self.store.is_writer() {
                return Err(crate::store::StoreError::elsewhere().into());
            }
            let (token, entry) = {
                let g = self.lock().await?;
                let Some(session) = &g.session else { return Err(SyncError::NotSignedIn) };
                match g.uploads.next_due((self.now)()) {
                    Some(e) => (session.token.clone(), e.clone()),
                    None => return Ok(g.uploads.progress()),
                }
            };
            let outcome = self.upload_one(&token, &entry).await?;
            self.update(&entry.sha256, |e| match outcome {
                Outcome::Done => e.done((self.now)()),
                Outcome::Retry => e.retry_later((self.now)()),
                Outcome::Failed(reason) => e.status = UploadStatus::Failed { reason },
            })
            .await?;
        }
    }

    /// Lets the originals that [`photos::evictable`] picks leave the device (confirmed by the
    /// server and older than the site's `photo_keep_days`), in one transaction; thumbnails
    /// stay. Returns their hashes. Run after an upload round; viewing one fetches it again
    /// ([`Self::photo_bytes`]).
    pub async fn evict_photos(&self) -> Result<Vec<String>, SyncError> {
        let g = self.lock().await?;
        let keep_days = crate::model::deadlines::settings(&g.state).photo_keep_days;
        let shas = photos::evictable(&g.state, &g.uploads, keep_days, (self.now)());
        if !shas.is_empty() {
            self.store.delete_blobs(&shas).await?;
        }
        Ok(shas)
    }

    /// One attempt at one blob: HEAD for the offset, then PUT chunks from there.
    async fn upload_one(&self, token: &str, entry: &UploadEntry) -> Result<Outcome, SyncError> {
        let Some(bytes) = self.store.get_blob(&entry.sha256).await? else {
            return Ok(Outcome::Failed("missing_on_device".into()));
        };
        let size = bytes.len() as u64;
        let mut conflicts = 0;
        let mut offset = match self.head(token, &entry.sha256).await? {
            Ok(BlobHead::Complete) => return Ok(Outcome::Done),
            Ok(BlobHead::Partial { offset }) => offset,
            Err(outcome) => return Ok(outcome),
        };
        loop {
            let Some(range) = next_chunk(size, offset) else { return Ok(Outcome::Retry) };
            let chunk = &bytes[range.start as usize..range.end as usize];
            match self.transport.blob_put(token, &entry.sha256, offset, size, chunk).await {
                Ok(state) if state.complete => return Ok(Outcome::Done),
                Ok(state) => {
                    offset = state.received;
                    conflicts = 0;
                    self.update(&entry.sha256, |e| e.advanced(offset)).await?;
                }
                Err(TransportError::Server { status: 409, .. }) if conflicts < MAX_CONFLICTS => {
                    conflicts += 1;
                    offset = match self.head(token, &entry.sha256).await? {
                        Ok(BlobHead::Complete) => return Ok(Outcome::Done),
                        Ok(BlobHead::Partial { offset }) => offset,
                        Err(outcome) => return Ok(outcome),
                    };
                }
                Err(e) => return failure(e),
            }
        }
    }

    /// A photo's (or thumbnail's) bytes for viewing: from the device when taken or viewed
    /// here before, otherwise fetched with the bearer token, checked against the hash and
    /// kept, so it shows offline afterwards. Never an `<img src>` with a token in the URL.
    pub async fn photo_bytes(&self, sha256: &str) -> Result<Vec<u8>, SyncError> {
        if let Some(bytes) = self.store.get_blob(sha256).await? {
            return Ok(bytes);
        }
        let token = self.peek().await.session.as_ref().map(|s| s.token.clone());
        let token = token.ok_or(SyncError::NotSignedIn)?;
        let bytes = self.transport.blob_get(&token, sha256).await?;
        if photos::sha256_hex(&bytes) != sha256 {
            return Err(SyncError::BadReply(format!("blob {sha256} does not match its hash")));
        }
        let w = WriteSet { blobs: vec![(sha256.to_owned(), bytes.clone())], ..WriteSet::default() };
        self.store.commit(w).await?;
        Ok(bytes)
    }

    /// An original's bytes for the viewer ([`Self::photo_bytes`]), with the view
    /// remembered: keep-days count from the last view, so an original fetched again after
    /// eviction is not evicted again at the next round. One taken on another device joins
    /// the queue as confirmed, so it too leaves the device once not viewed for long enough.
    /// Failing to store the view does not fail the viewing: the original may then leave
    /// sooner, and is fetched again.
    pub async fn view_original(&self, sha256: &str) -> Result<Vec<u8>, SyncError> {
        let bytes = self.photo_bytes(sha256).await?;
        let now = (self.now)();
        let mut g = self.lock().await?;
        let mut queue = g.uploads.clone();
        match queue.0.get_mut(sha256) {
            Some(e) if e.viewed_at_ms.is_some_and(|t| now.saturating_sub(t) < VIEW_STAMP_MS) => {
                return Ok(bytes)
            }
            Some(e) => e.viewed_at_ms = Some(now),
            None => {
                let Some(photo) = photos::evict::photo_naming(&g.state, sha256) else {
                    return Ok(bytes);
                };
                let mut e = UploadEntry::new(sha256, bytes.len() as u64, &photo);
                e.done(now);
                e.viewed_at_ms = Some(now);
                queue.add(e);
            }
        }
        if self.store.set_meta(META_UPLOADS, &queue).await.is_ok() {
            g.uploads = queue;
            self.notify(&g);
        }
        Ok(bytes)
    }

    /// `HEAD`, with a failure turned into the attempt's outcome.
    async fn head(
        &self,
        token: &str,
        sha256: &str,
    ) -> Result<Result<BlobHead, Outcome>, SyncError> {
        match self.transport.blob_head(token, sha256).await {
            Ok(h) => Ok(Ok(h)),
            Err(e) => failure(e).map(Err),
        }
    }

    /// Changes one queue entry, stores the queue and tells the UI.
    async fn update(
        &self,
        sha256: &str,
        f: impl FnOnce(&mut UploadEntry),
    ) -> Result<(), SyncError> {
        let mut g = self.lock().await?;
        let mut queue: UploadQueue = g.uploads.clone();
        let Some(e) = queue.0.get_mut(sha256) else { return Ok(()) };
        f(e);
        self.store.set_meta(META_UPLOADS, &queue).await?;
        g.uploads = queue;
        self.notify(&g);
        Ok(())
    }
}

/// A refused session or a lost network ends the round (the network is no photo's fault: no
/// back-off counts it, and the next sync cycle that reaches the server starts a new round);
/// a blob the server refuses for good fails; anything else (the record not pushed yet, a
/// server error) is tried again after the blob's back-off.
fn failure(e: TransportError) -> Result<Outcome, SyncError> {
    match e {
        TransportError::Unauthorized | TransportError::Offline(_) => Err(e.into()),
        TransportError::Server { status: 413 | 415 | 422, message } => Ok(Outcome::Failed(message)),
        _ => Ok(Outcome::Retry),
    }
}

/// Checks a photo before anything is stored.
fn check_photo(meta: &PhotoMeta, bytes: &[u8], thumb: &[u8]) -> Result<(), PhotoError> {
    let bad = |m: String| Err(PhotoError::Invalid(m));
    if bytes.len() as u64 > MAX_BLOB_BYTES {
        return bad(format!("{} bytes, at most {MAX_BLOB_BYTES}", bytes.len()));
    }
    if thumb.len() > MAX_THUMB_BYTES {
        return bad(format!("thumbnail of {} bytes, at most {MAX_THUMB_BYTES}", thumb.len()));
    }
    if meta.bytes != bytes.len() as u64 {
        return bad(format!("record says {} bytes, photo has {}", meta.bytes, bytes.len()));
    }
    if ImageType::sniff(bytes) != Some(meta.mime) || ImageType::sniff(thumb).is_none() {
        return bad("not an image of the stated type".into());
    }
    if photos::sha256_hex(bytes) != meta.sha256 || photos::sha256_hex(thumb) != meta.thumb_sha256 {
        return bad("hash does not match the bytes".into());
    }
    Ok(())
}
