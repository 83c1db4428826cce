//! The IndexedDB store (browser only): object stores `segments` (each a `Uint8Array` of JSON;
//! strings before issue 26, still read), `outbox` and `meta`, values kept as JSON strings
//! under explicit string keys, and (since version 3) `blobs`, photo and thumbnail bytes as
//! `Uint8Array`s keyed by their SHA-256. Every [`WriteSet`] is one readwrite
//! transaction over all of them, committed before the caller goes on.
//!
//! Records are a log of segments: each commit that writes records appends ONE segment, the
//! rows it wrote in the compact form of [`row_codec`], under the next segment number; a later
//! segment's row replaces an earlier one's. IndexedDB costs about a tenth of a millisecond
//! per value put or read, so a first replica of 50,000 records written row by row took
//! seconds of commits and a cold start a second of reads; as segments it is one value per
//! pull page. When segments pile up, the engine has them rewritten from what it holds
//! ([`LocalStore::compact`]). Rows of the previous version, one value per record in the
//! `records` store, are still read (older than any segment) until the next compaction, in
//! both forms version 1 wrote ([`row_codec::decode_legacy`]). Upgrades from every earlier
//! version are tested from fixtures of each (`upgrade_tests.rs`, `fixtures/`).
//!
//! One tab writes (issue 23): a store opens only with the database's [`WriterLock`] and
//! checks it at the start of every commit and compaction, before the transaction exists, so
//! a tab that handed over (or never had the lock) writes nothing, whoever calls it. A
//! transaction begun before a hand-over still ends first: IndexedDB runs readwrite
//! transactions over the same stores one after the other, in the order they were begun.

use super::lock::WriterLock;
use super::{outbox_key, row_codec, LocalStore, Part, RecordRow, StoreError, WriteSet};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use shared::protocol::Batch;
use shared::{Kind, RecordId};
use std::cell::Cell;
use wasm_bindgen::JsCast;

/// Per-record rows of the previous version: read, cleared, never written.
const RECORDS: &str = "records";
const SEGMENTS: &str = "segments";
const OUTBOX: &str = "outbox";
const META: &str = "meta";
/// Photo and thumbnail bytes by SHA-256 (version 3, issue 9).
const BLOBS: &str = "blobs";
/// 3: the `blobs` store. Upgrading only adds stores, so data of version 2 is kept.
const VERSION: u32 = 3;
/// Segments beyond which the engine has the records rewritten: a day of a butler's edits,
/// or a first replica of 1,000,000 field changes.
const MAX_SEGMENTS: u64 = if cfg!(test) { 4 } else { 200 };
/// Rows per segment when the records are rewritten (about 0.5 MB each).
const SEGMENT_ROWS: usize = if cfg!(test) { 3 } else { 2000 };
/// Segments read and decoded at a time at start-up, with a pause for the page between.
const READ_SEGMENTS: usize = if cfg!(test) { 2 } else { 10 };

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

/// A [`LocalStore`] on the browser's IndexedDB.
pub struct IdbStore {
    db: Database,
    /// This page's right to write the database (see the module doc).
    lock: WriterLock,
    /// How many segments were stored at the last commit.
    segments: Cell<u64>,
    /// Test hook: fail a commit after its records were written, before the outbox.
    #[cfg(test)]
    pub(crate) fail_after_records: Cell<bool>,
}

impl std::fmt::Debug for IdbStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdbStore").field("name", &self.db.name()).finish()
    }
}

impl IdbStore {
    /// Opens (creating on first use) the database `name` to write, if no other tab has it:
    /// [`StoreError::elsewhere`] when one does.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        match WriterLock::try_acquire(name).await? {
            Some(lock) => Self::open_locked(name, lock).await,
            None => Err(StoreError::elsewhere()),
        }
    }

    /// Waits until no other tab has the database `name` (its holder handed it over or
    /// closed), then opens it to write: it then holds everything the last writer committed.
    pub async fn open_when_free(name: &str) -> Result<Self, StoreError> {
        Self::open_locked(name, WriterLock::acquire(name).await?).await
    }

    async fn open_locked(name: &str, lock: WriterLock) -> Result<Self, StoreError> {
        let db = Database::open(name)
            .with_version(VERSION)
            .with_on_upgrade_needed(|_event, db: Database| {
                let names: Vec<String> = db.object_store_names().collect();
                for store in [RECORDS, SEGMENTS, OUTBOX, META, BLOBS] {
                    if !names.iter().any(|n| n == store) {
                        db.create_object_store(store).build()?;
                    }
                }
                Ok(())
            })
            .await
            .map_err(err)?;
        let store = Self {
            db,
            lock,
            segments: Cell::new(0),
            #[cfg(test)]
            fail_after_records: Cell::new(false),
        };
        store.segments.set(store.segment_keys().await?.len() as u64);
        Ok(store)
    }

    /// Closes the connection and lets the lock go (tests reopen the database to prove data
    /// survives).
    pub async fn close(self) {
        self.lock.release().await;
        self.db.close();
    }

    /// Stops writing for good and lets the lock go, for another tab to take over: refuses
    /// every later write, then waits until the browser has let the lock go. The caller
    /// makes sure no commit of its own is half-way (the engine holds its state lock).
    pub async fn release(&self) {
        self.lock.release().await;
    }

    /// [`StoreError::elsewhere`] unless this store holds the lock: called before a write
    /// begins its transaction.
    fn writable(&self) -> Result<(), StoreError> {
        if self.lock.is_held() {
            Ok(())
        } else {
            Err(StoreError::elsewhere())
        }
    }

    /// The keys of the stored segments, in order.
    async fn segment_keys(&self) -> Result<Vec<String>, StoreError> {
        let tx = self.db.transaction(SEGMENTS).build().map_err(err)?;
        let os = tx.object_store(SEGMENTS).map_err(err)?;
        let keys = os.get_all_keys::<String>().primitive().map_err(err)?.await.map_err(err)?;
        keys.map(|k| k.map_err(err)).collect()
    }

    async fn read_all(&self, store: &str) -> Result<Vec<String>, StoreError> {
        let tx = self.db.transaction(store).build().map_err(err)?;
        let os = tx.object_store(store).map_err(err)?;
        let iter = os.get_all::<String>().primitive().map_err(err)?.await.map_err(err)?;
        iter.map(|r| r.map_err(err)).collect()
    }

    async fn read_one(&self, store: &str, key: String) -> Result<Option<String>, StoreError> {
        let tx = self.db.transaction(store).build().map_err(err)?;
        let os = tx.object_store(store).map_err(err)?;
        os.get::<String, String, _>(key).primitive().map_err(err)?.await.map_err(err)
    }
}

/// What starts the key of a segment of [`Part::Later`] rows. It sorts after every digit, so
/// the first part's segments (and every segment written before the parts existed, whose
/// keys are bare numbers) come first in key order.
const LATER_PREFIX: &str = "later-";

/// A segment's key: its part's prefix and its number, zero-padded, so key order is number
/// order within a part.
fn segment_key(part: Part, n: u64) -> String {
    match part {
        Part::First => format!("{n:020}"),
        Part::Later => format!("{LATER_PREFIX}{n:020}"),
    }
}

/// The part and number of a segment's key (`None` for a key this store never wrote).
fn parse_segment_key(key: &str) -> Option<(Part, u64)> {
    match key.strip_prefix(LATER_PREFIX) {
        Some(n) => Some((Part::Later, n.parse().ok()?)),
        None => Some((Part::First, key.parse().ok()?)),
    }
}

/// `rows` split by [`Part`], each in its order.
fn by_part(rows: &[RecordRow]) -> [(Part, Vec<&RecordRow>); 2] {
    let (later, first) = rows.iter().partition(|r| Part::of(&r.kind) == Part::Later);
    [(Part::First, first), (Part::Later, later)]
}

/// Bytes as the `Uint8Array` IndexedDB stores (a segment since the store kept bytes).
fn bytes_value(bytes: &[u8]) -> wasm_bindgen::JsValue {
    js_sys::Uint8Array::from(bytes).into()
}

/// A stored segment's rows: bytes as [`bytes_value`] wrote them, or a string as versions
/// before it did (upgraded tablets hold both until the next compaction).
fn decode_segment(value: &wasm_bindgen::JsValue) -> Result<Vec<RecordRow>, StoreError> {
    match value.as_string() {
        Some(text) => row_codec::decode_many(text.as_bytes()),
        None if value.is_instance_of::<js_sys::Uint8Array>() => {
            row_codec::decode_many(&js_sys::Uint8Array::new(value).to_vec())
        }
        None => Err(StoreError("a stored segment is neither bytes nor text".into())),
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(err)
}

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(err)
}

impl LocalStore for IdbStore {
    async fn commit(&self, w: WriteSet) -> Result<(), StoreError> {
        self.writable()?;
        let tx = self
            .db
            .transaction([RECORDS, SEGMENTS, OUTBOX, META, BLOBS])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(err)?;
        let records = tx.object_store(RECORDS).map_err(err)?;
        let segments = tx.object_store(SEGMENTS).map_err(err)?;
        let outbox = tx.object_store(OUTBOX).map_err(err)?;
        let meta = tx.object_store(META).map_err(err)?;
        let blobs = tx.object_store(BLOBS).map_err(err)?;
        if w.wipe {
            for os in [&outbox, &meta, &blobs] {
                os.clear().map_err(err)?;
            }
        }
        if w.wipe || w.clear_records {
            records.clear().map_err(err)?;
            segments.clear().map_err(err)?;
        }
        // The number is read inside the transaction, so two tabs never write one segment.
        let stored =
            segments.get_all_keys::<String>().primitive().map_err(err)?.await.map_err(err)?;
        let stored: Vec<String> = stored.collect::<Result<_, _>>().map_err(err)?;
        let number = stored
            .iter()
            .filter_map(|k| parse_segment_key(k))
            .map(|(_, n)| n)
            .max()
            .map_or(0, |n| n + 1);
        let mut written = 0;
        for (part, rows) in by_part(&w.records) {
            if !rows.is_empty() {
                let segment = bytes_value(&row_codec::encode_many(rows)?);
                segments
                    .put(segment)
                    .with_key(segment_key(part, number))
                    .primitive()
                    .map_err(err)?;
                written += 1;
            }
        }
        for sha256 in &w.delete_blobs {
            blobs.delete(sha256.clone()).primitive().map_err(err)?;
        }
        for (sha256, bytes) in &w.blobs {
            let value: wasm_bindgen::JsValue = js_sys::Uint8Array::from(bytes.as_slice()).into();
            blobs.put(value).with_key(sha256.clone()).primitive().map_err(err)?;
        }
        #[cfg(test)]
        if self.fail_after_records.get() {
            // Returning drops `tx` uncommitted: IndexedDB must roll the records back.
            return Err(StoreError("simulated failure".into()));
        }
        if let Some(up_to) = w.remove_outbox_up_to {
            let keys =
                outbox.get_all_keys::<String>().primitive().map_err(err)?.await.map_err(err)?;
            for k in keys {
                let k = k.map_err(err)?;
                if k.parse::<u64>().is_ok_and(|seq| seq <= up_to) {
                    outbox.delete(k).primitive().map_err(err)?;
                }
            }
        }
        for b in &w.append_outbox {
            outbox.put(json(b)?).with_key(outbox_key(b.seq)).primitive().map_err(err)?;
        }
        for (k, v) in &w.meta {
            if v.is_null() {
                meta.delete(k.clone()).primitive().map_err(err)?;
            } else {
                meta.put(json(v)?).with_key(k.clone()).primitive().map_err(err)?;
            }
        }
        // Transactions roll back unless committed: nothing is half-written on an error above.
        tx.commit().await.map_err(err)?;
        self.segments.set(stored.len() as u64 + written);
        Ok(())
    }

    /// Reads the whole log (only the tests ask for one record): the record's last row.
    async fn get_record(
        &self,
        kind: &Kind,
        id: &RecordId,
    ) -> Result<Option<RecordRow>, StoreError> {
        Ok(self.all_records().await?.into_iter().rev().find(|r| r.kind == *kind && r.id == *id))
    }

    /// For [`Part::First`], the rows of the previous version first; then the part's segments
    /// in order, each read [`READ_SEGMENTS`] at a time in one transaction, letting the page
    /// breathe in between (a 50,000-record replica is about 40 segments).
    async fn records(&self, part: Part) -> Result<Vec<RecordRow>, StoreError> {
        let mut rows: Vec<RecordRow> = Vec::new();
        if part == Part::First {
            for s in self.read_all(RECORDS).await? {
                rows.push(row_codec::decode_legacy(&s)?);
            }
        }
        let mut keys = self.segment_keys().await?;
        keys.retain(|k| parse_segment_key(k).is_some_and(|(p, _)| p == part));
        for (i, chunk) in keys.chunks(READ_SEGMENTS).enumerate() {
            if i > 0 {
                gloo_timers::future::TimeoutFuture::new(0).await;
            }
            let (Some(first), Some(last)) = (chunk.first(), chunk.last()) else { continue };
            let tx = self.db.transaction(SEGMENTS).build().map_err(err)?;
            let os = tx.object_store(SEGMENTS).map_err(err)?;
            let range = KeyRange::Bound(first.clone(), false, last.clone(), false);
            let segments = os
                .get_all::<wasm_bindgen::JsValue>()
                .with_query::<String, _>(range)
                .primitive()
                .map_err(err)?
                .await
                .map_err(err)?;
            for segment in segments {
                rows.extend(decode_segment(&segment.map_err(err)?)?);
            }
        }
        Ok(rows)
    }

    async fn outbox(&self) -> Result<Vec<Batch>, StoreError> {
        // Keys are zero-padded seqs, and get_all returns values in key order.
        self.read_all(OUTBOX).await?.iter().map(|s| parse(s)).collect()
    }

    async fn get_meta_raw(&self, key: &str) -> Result<Option<serde_json::Value>, StoreError> {
        match self.read_one(META, key.to_owned()).await? {
            Some(s) => parse(&s).map(Some),
            None => Ok(None),
        }
    }

    async fn get_blob(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let tx = self.db.transaction(BLOBS).build().map_err(err)?;
        let os = tx.object_store(BLOBS).map_err(err)?;
        let v = os
            .get::<wasm_bindgen::JsValue, String, _>(sha256.to_owned())
            .primitive()
            .map_err(err)?
            .await
            .map_err(err)?;
        Ok(v.filter(|v| !v.is_undefined()).map(|v| js_sys::Uint8Array::new(&v).to_vec()))
    }

    fn is_writer(&self) -> bool {
        self.lock.is_held()
    }

    fn needs_compaction(&self) -> bool {
        self.segments.get() > MAX_SEGMENTS
    }

    /// Encodes [`SEGMENT_ROWS`] rows at a time, letting the page breathe in between, then
    /// replaces every segment (and the previous version's rows) in one transaction.
    async fn compact(&self, rows: Vec<RecordRow>) -> Result<(), StoreError> {
        let mut encoded = Vec::new();
        for (part, rows) in by_part(&rows) {
            for (i, chunk) in rows.chunks(SEGMENT_ROWS).enumerate() {
                if i > 0 {
                    gloo_timers::future::TimeoutFuture::new(0).await;
                }
                encoded.push((part, row_codec::encode_many(chunk.iter().copied())?));
            }
        }
        // Checked after the pauses above, right before the transaction begins.
        self.writable()?;
        let tx = self
            .db
            .transaction([RECORDS, SEGMENTS])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(err)?;
        let records = tx.object_store(RECORDS).map_err(err)?;
        let segments = tx.object_store(SEGMENTS).map_err(err)?;
        records.clear().map_err(err)?;
        segments.clear().map_err(err)?;
        for (n, (part, segment)) in (0..).zip(&encoded) {
            segments
                .put(bytes_value(segment))
                .with_key(segment_key(*part, n))
                .primitive()
                .map_err(err)?;
        }
        tx.commit().await.map_err(err)?;
        self.segments.set(encoded.len() as u64);
        Ok(())
    }
}

#[cfg(test)]
#[path = "idb_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "lock_tests.rs"]
mod lock_tests;

#[cfg(test)]
#[path = "upgrade_tests.rs"]
mod upgrade_tests;
