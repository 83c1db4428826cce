//! The device's durable replica: records, the outbox of unsent batches and a few meta values.
//!
//! Every write goes through [`LocalStore::commit`] with a [`WriteSet`], applied in ONE
//! transaction: a local edit's record fields, its outbox batch and the bumped clock and batch
//! sequence land together or not at all, so a crash can never leave an edit on screen that
//! sync would forget (or an outbox entry for a record that was never saved). See
//! docs/ARCHITECTURE.md, "The app".

#[cfg(target_arch = "wasm32")]
pub mod idb;
#[cfg(target_arch = "wasm32")]
pub mod lock;
pub mod mem;
pub mod row_codec;

#[cfg(test)]
mod fixture_tests;

use serde::{Deserialize, Serialize};
use shared::protocol::{Batch, Me};
use shared::replica::Fields;
use shared::{Kind, RecordId};

pub use mem::MemStore;

/// Meta key: the signed-in session ([`Session`]).
pub const META_SESSION: &str = "session";
/// Meta key: this installation's replica id.
pub const META_REPLICA: &str = "replica";
/// Meta key: the opaque pull cursor from the server.
pub const META_CURSOR: &str = "cursor";
/// Meta key: the last HLC handed out or observed.
pub const META_CLOCK: &str = "clock";
/// Meta key: the `seq` the next outbox batch gets.
pub const META_NEXT_SEQ: &str = "next_seq";
/// Meta key: milliseconds since the epoch of the last successful sync.
pub const META_LAST_SYNC: &str = "last_sync";
/// Meta key: server clock minus device clock (ms) at the last sync, for a device set ahead.
pub const META_SKEW: &str = "skew";
/// Meta key: who the replica's records and outbox belong to (`Me`); kept when a session
/// expires, so another user cannot sign in on top of someone else's unsynced edits.
pub const META_OWNER: &str = "owner";
/// Meta key: the highest outbox `seq` written to an export file; the outbox counts as
/// exported only while nothing newer was added, so a later edit needs a new export.
pub const META_EXPORTED: &str = "exported_seq";
/// Meta key: the hashes of the unconfirmed photos whose bytes went into an export file; one
/// not among them keeps the device from being wiped.
pub const META_EXPORTED_PHOTOS: &str = "exported_photos";

/// Meta key: this replica's unused request numbers (`shared::request::number::NumberPool`);
/// taken in the same transaction as the request that uses one.
pub const META_NUMBERS: &str = "numbers";
/// Meta key: how many provisional request numbers this replica has made.
pub const META_PROVISIONAL: &str = "provisional_seq";
/// Meta key: refused changes the user has not acknowledged yet (`sync::Notice`s).
pub const META_NOTICES: &str = "notices";
/// Meta key: what the server confirmed of each field the outbox holds an edit of
/// (`shared::rebase::Shadows`), written with the rows and outbox it explains.
pub const META_SHADOWS: &str = "shadows";
/// Meta key: the photo upload queue (`photos::UploadQueue`): which blobs are still to go up
/// and how far each got, so uploads resume after a reload.
pub const META_UPLOADS: &str = "uploads";
/// Meta key: the server history the outbox's `seq`s and the cursor belong to
/// (`shared::protocol::PullResponse::history`).
pub const META_HISTORY: &str = "history";
/// Meta key: a rebase on a restored server under way (`sync::restored`): from and to which
/// history; a reload starts its snapshot again.
pub const META_REBASE: &str = "rebase";
/// Meta key: the outbox batches restating what the device held at a restore, and the history
/// the restore replaced, which their pushes name (`sync::restored`).
pub const META_RESTATING: &str = "restating";

/// A signed-in user as kept on the device, so the app starts offline after a reload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The bearer token for the sync calls.
    pub token: String,
    /// Who signed in, as the server described them (role, site, staff id).
    pub me: Me,
}

/// One stored record: all of its merged fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordRow {
    /// The record's kind (part of its storage key).
    pub kind: Kind,
    /// The record's id (part of its storage key).
    pub id: RecordId,
    /// Each field's merged value with its stamp, so the state rebuilds exactly at start-up.
    pub fields: Fields,
}

/// Everything one transaction writes. Applied in this order: wipe, clear records, put
/// records, remove outbox batches up to a seq, append outbox batches, set meta values, delete
/// blobs, put blobs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WriteSet {
    /// Empty all three stores first (sign-out on a shared tablet): nothing of the last user
    /// stays readable; the meta values set below are all that remains.
    pub wipe: bool,
    /// Drop every stored record first (a pull `reset`).
    pub clear_records: bool,
    /// Records to store whole (each replaces the stored row of the same kind and id).
    pub records: Vec<RecordRow>,
    /// Remove outbox batches with `seq <=` this.
    pub remove_outbox_up_to: Option<u64>,
    /// Batches to append to the outbox.
    pub append_outbox: Vec<Batch>,
    /// Meta values to set; `null` deletes the key.
    pub meta: Vec<(String, serde_json::Value)>,
    /// Blobs (photos and thumbnails) to store under their SHA-256: a photo's bytes land in
    /// the same transaction as its record, so a photo shown as saved is never without them.
    pub blobs: Vec<(String, Vec<u8>)>,
    /// Blobs to delete by SHA-256 (originals the server holds and the device no longer
    /// needs, `photos::evictable`); a missing one is no error.
    pub delete_blobs: Vec<String>,
}

impl WriteSet {
    /// Adds a meta value, serialised to JSON. A value that cannot be serialised is an error,
    /// never a silent `null` (which would delete the key).
    pub fn set_meta<T: Serialize>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<&mut Self, StoreError> {
        let v = serde_json::to_value(value)
            .map_err(|e| StoreError(format!("cannot serialise meta {key}: {e}")))?;
        self.meta.push((key.to_owned(), v));
        Ok(self)
    }
}

/// Why the store could not do what was asked. The message is for logs and the error banner.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("local storage failed: {0}")]
pub struct StoreError(pub String);

/// What a store says when another tab of the app on this device is its writer (`lock.rs`).
const ELSEWHERE: &str = "the app is open in another tab on this device, which alone may write \
                         its data / 管家已在另一个标签页中打开，只有该标签页可以写入数据";

impl StoreError {
    /// Another tab holds the device's data: this one may not write it (or open it to write).
    pub fn elsewhere() -> Self {
        Self(ELSEWHERE.to_owned())
    }

    /// Whether this is [`Self::elsewhere`]: the UI shows "open in another tab", not a failure.
    pub fn is_elsewhere(&self) -> bool {
        self.0 == ELSEWHERE
    }
}

/// The durable replica's operations. Async because IndexedDB is; not `Send` because the
/// browser is single-threaded (the engine uses it through generics, never `dyn`).
#[allow(async_fn_in_trait)]
pub trait LocalStore {
    /// Applies a whole [`WriteSet`] atomically.
    async fn commit(&self, writes: WriteSet) -> Result<(), StoreError>;
    /// One record, if stored.
    async fn get_record(&self, kind: &Kind, id: &RecordId)
        -> Result<Option<RecordRow>, StoreError>;
    /// The stored rows of one [`Part`], oldest first: a record written more than once may
    /// come more than once, and its last row is the current one. Start-up puts them into
    /// memory in this order, so it needs no de-duplication of 50,000 rows of its own.
    async fn records(&self, part: Part) -> Result<Vec<RecordRow>, StoreError>;
    /// Every stored row: [`Part::First`]'s, then [`Part::Later`]'s (see [`Part`] for why
    /// that order keeps a record's last row last).
    async fn all_records(&self) -> Result<Vec<RecordRow>, StoreError> {
        let mut rows = self.records(Part::First).await?;
        rows.extend(self.records(Part::Later).await?);
        Ok(rows)
    }
    /// The outbox, in `seq` order.
    async fn outbox(&self) -> Result<Vec<Batch>, StoreError>;
    /// One meta value as raw JSON.
    async fn get_meta_raw(&self, key: &str) -> Result<Option<serde_json::Value>, StoreError>;
    /// A stored blob's bytes by SHA-256 (a photo or thumbnail taken here or viewed before).
    async fn get_blob(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError>;

    /// Whether this store may still write: false once another tab of the app took the
    /// device's data over (IndexedDB, `lock.rs`); the engine then syncs no more.
    fn is_writer(&self) -> bool {
        true
    }

    /// Whether the stored records would be better rewritten from scratch ([`Self::compact`]):
    /// a store that appends each commit's rows wants this once the appended pieces pile up.
    fn needs_compaction(&self) -> bool {
        false
    }
    /// Rewrites the stored records as exactly `rows`, in one transaction. Only the engine
    /// calls it, under its lock, with every record it holds, which is every record stored.
    async fn compact(&self, rows: Vec<RecordRow>) -> Result<(), StoreError> {
        let _ = rows;
        Ok(())
    }

    /// Stores records (one transaction).
    async fn put_records(&self, records: Vec<RecordRow>) -> Result<(), StoreError> {
        self.commit(WriteSet { records, ..WriteSet::default() }).await
    }
    /// Appends one batch to the outbox.
    async fn append_outbox(&self, batch: Batch) -> Result<(), StoreError> {
        self.commit(WriteSet { append_outbox: vec![batch], ..WriteSet::default() }).await
    }
    /// Drops outbox batches with `seq <= up_to`.
    async fn remove_outbox_up_to(&self, up_to: u64) -> Result<(), StoreError> {
        self.commit(WriteSet { remove_outbox_up_to: Some(up_to), ..WriteSet::default() }).await
    }
    /// Deletes blobs by SHA-256 (one transaction); missing ones are skipped.
    async fn delete_blobs(&self, sha256s: &[String]) -> Result<(), StoreError> {
        let w = WriteSet { delete_blobs: sha256s.to_vec(), ..WriteSet::default() };
        self.commit(w).await
    }
    /// Sets one meta value.
    async fn set_meta<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let mut w = WriteSet::default();
        w.set_meta(key, value)?;
        self.commit(w).await
    }
    /// One meta value, deserialised; a value that no longer parses counts as missing.
    async fn get_meta<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, StoreError> {
        Ok(self.get_meta_raw(key).await?.and_then(|v| serde_json::from_value(v).ok()))
    }
}

/// Which of the two parts of the stored records a row belongs to, by its kind. Start-up
/// reads [`Part::First`] and shows the app, then reads [`Part::Later`]: the register's people
/// and their links to units, home visits and the answers of surveys and patrols, which no
/// list a user opens first needs and which are three quarters of a butler's replica (a
/// tablet's cold start of 10,000 units read 20 MB before showing anything, issue 26).
///
/// Law: a row of a later kind is only ever written among later rows, and every later row was
/// written after every row a store holds from before the parts existed (those read as
/// first), so reading first then later meets each record's rows in the order they were
/// written, and its last row is the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Everything but the [`Part::LATER_KINDS`].
    First,
    /// The [`Part::LATER_KINDS`].
    Later,
}

impl Part {
    /// The kinds start-up reads after the app is shown.
    pub const LATER_KINDS: [&'static str; 5] = [
        shared::names::kind::PERSON,
        shared::names::kind::UNIT_PERSON,
        shared::names::kind::VISIT,
        shared::names::kind::SURVEY_ANSWER,
        shared::names::kind::PATROL_ANSWER,
    ];

    /// The part the rows of `kind` are stored in.
    pub fn of(kind: &Kind) -> Part {
        if Self::LATER_KINDS.contains(&kind.as_str()) {
            Part::Later
        } else {
            Part::First
        }
    }
}

/// The storage key of a record: `kind/id` (kinds never contain `/`).
pub fn record_key(kind: &Kind, id: &RecordId) -> String {
    format!("{}/{}", kind.as_str(), id.as_str())
}

/// The storage key of an outbox batch: zero-padded so string order is `seq` order.
pub fn outbox_key(seq: u64) -> String {
    format!("{seq:020}")
}

/// A shared store is a store: the engine and the tests (or the UI) can hold the same one.
impl<S: LocalStore> LocalStore for std::rc::Rc<S> {
    async fn commit(&self, writes: WriteSet) -> Result<(), StoreError> {
        (**self).commit(writes).await
    }
    async fn get_record(
        &self,
        kind: &Kind,
        id: &RecordId,
    ) -> Result<Option<RecordRow>, StoreError> {
        (**self).get_record(kind, id).await
    }
    async fn records(&self, part: Part) -> Result<Vec<RecordRow>, StoreError> {
        (**self).records(part).await
    }
    async fn outbox(&self) -> Result<Vec<Batch>, StoreError> {
        (**self).outbox().await
    }
    async fn get_meta_raw(&self, key: &str) -> Result<Option<serde_json::Value>, StoreError> {
        (**self).get_meta_raw(key).await
    }
    async fn get_blob(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        (**self).get_blob(sha256).await
    }
    fn is_writer(&self) -> bool {
        (**self).is_writer()
    }
    fn needs_compaction(&self) -> bool {
        (**self).needs_compaction()
    }
    async fn compact(&self, rows: Vec<RecordRow>) -> Result<(), StoreError> {
        (**self).compact(rows).await
    }
}
