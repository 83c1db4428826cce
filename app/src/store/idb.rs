//! The IndexedDB store (browser only): object stores `records`, `outbox` and `meta`, values
//! kept as JSON strings under explicit string keys (records in the compact form of
//! [`row_codec`]). Every [`WriteSet`] is one readwrite
//! transaction over all three stores, committed before the caller goes on.

use super::{outbox_key, record_key, row_codec, LocalStore, RecordRow, StoreError, WriteSet};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use shared::protocol::Batch;
use shared::{Kind, RecordId};

const RECORDS: &str = "records";
const OUTBOX: &str = "outbox";
const META: &str = "meta";
const VERSION: u32 = 1;
/// Records read and decoded at a time at start-up (about 40 ms of work each on a tablet);
/// a handful in the tests, so a small replica already crosses chunk boundaries.
const READ_CHUNK: u32 = if cfg!(test) { 7 } else { 5000 };

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

/// A [`LocalStore`] on the browser's IndexedDB.
pub struct IdbStore {
    db: Database,
    /// Test hook: fail a commit after its records were written, before the outbox.
    #[cfg(test)]
    pub(crate) fail_after_records: std::cell::Cell<bool>,
}

impl std::fmt::Debug for IdbStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdbStore").field("name", &self.db.name()).finish()
    }
}

impl IdbStore {
    /// Opens (creating on first use) the database `name`.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        let db = Database::open(name)
            .with_version(VERSION)
            .with_on_upgrade_needed(|_event, db: Database| {
                let names: Vec<String> = db.object_store_names().collect();
                for store in [RECORDS, OUTBOX, META] {
                    if !names.iter().any(|n| n == store) {
                        db.create_object_store(store).build()?;
                    }
                }
                Ok(())
            })
            .await
            .map_err(err)?;
        Ok(Self {
            db,
            #[cfg(test)]
            fail_after_records: std::cell::Cell::new(false),
        })
    }

    /// Closes the connection (tests reopen the database to prove data survives).
    pub fn close(self) {
        self.db.close();
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

fn json<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(err)
}

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(err)
}

impl LocalStore for IdbStore {
    async fn commit(&self, w: WriteSet) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([RECORDS, OUTBOX, META])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(err)?;
        let records = tx.object_store(RECORDS).map_err(err)?;
        let outbox = tx.object_store(OUTBOX).map_err(err)?;
        let meta = tx.object_store(META).map_err(err)?;
        if w.wipe {
            for os in [&records, &outbox, &meta] {
                os.clear().map_err(err)?;
            }
        }
        if w.clear_records {
            records.clear().map_err(err)?;
        }
        for r in &w.records {
            let row = row_codec::encode(r)?;
            records.put(row).with_key(record_key(&r.kind, &r.id)).primitive().map_err(err)?;
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
        tx.commit().await.map_err(err)
    }

    async fn get_record(
        &self,
        kind: &Kind,
        id: &RecordId,
    ) -> Result<Option<RecordRow>, StoreError> {
        match self.read_one(RECORDS, record_key(kind, id)).await? {
            Some(s) => row_codec::decode(&s).map(Some),
            None => Ok(None),
        }
    }

    /// Reads [`READ_CHUNK`] rows at a time in key order and lets the page breathe between
    /// chunks: one read of a 50,000-record replica would hold the page for most of a second.
    async fn all_records(&self) -> Result<Vec<RecordRow>, StoreError> {
        let mut rows: Vec<RecordRow> = Vec::new();
        loop {
            let after = rows.last().map(|r| record_key(&r.kind, &r.id));
            let tx = self.db.transaction(RECORDS).build().map_err(err)?;
            let os = tx.object_store(RECORDS).map_err(err)?;
            let chunk: Vec<String> = match after {
                None => os.get_all().with_limit(READ_CHUNK).primitive(),
                Some(key) => os
                    .get_all()
                    .with_query::<String, _>(KeyRange::LowerBound(key, true))
                    .with_limit(READ_CHUNK)
                    .primitive(),
            }
            .map_err(err)?
            .await
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
            let full = chunk.len() == READ_CHUNK as usize;
            for s in &chunk {
                rows.push(row_codec::decode(s)?);
            }
            if !full {
                return Ok(rows);
            }
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
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
}

#[cfg(test)]
#[path = "idb_tests.rs"]
mod tests;
