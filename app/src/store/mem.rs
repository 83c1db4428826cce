//! In-memory twin of the IndexedDB store: the same semantics (all-or-nothing commits), so
//! the sync engine is tested natively against it.

use super::{outbox_key, record_key, LocalStore, Part, RecordRow, StoreError, WriteSet};
use shared::protocol::Batch;
use shared::{Kind, RecordId};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
struct Data {
    records: BTreeMap<String, RecordRow>,
    outbox: BTreeMap<String, Batch>,
    meta: BTreeMap<String, serde_json::Value>,
    blobs: BTreeMap<String, Vec<u8>>,
}

/// A [`LocalStore`] in memory. `fail_commits` makes every commit fail without writing
/// anything, to test that a failed save leaves no trace.
#[derive(Debug, Default)]
pub struct MemStore {
    data: RefCell<Data>,
    /// When true, commits fail (simulates a full or broken disk).
    pub fail_commits: Cell<bool>,
    /// Number of successful commits (tests check one edit = one transaction).
    pub commits: Cell<usize>,
    /// When true, reading records fails (a store that breaks after start-up's first part).
    pub fail_reads: Cell<bool>,
}

impl MemStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl LocalStore for MemStore {
    async fn commit(&self, w: WriteSet) -> Result<(), StoreError> {
        if self.fail_commits.get() {
            return Err(StoreError("simulated failure".into()));
        }
        // Build the new state on a copy and swap it in: all or nothing, like a transaction.
        let mut d = self.data.borrow().clone();
        if w.wipe {
            d = Data::default();
        }
        if w.clear_records {
            d.records.clear();
        }
        for r in w.records {
            d.records.insert(record_key(&r.kind, &r.id), r);
        }
        if let Some(up_to) = w.remove_outbox_up_to {
            d.outbox.retain(|_, b| b.seq > up_to);
        }
        for b in w.append_outbox {
            d.outbox.insert(outbox_key(b.seq), b);
        }
        for (k, v) in w.meta {
            if v.is_null() {
                d.meta.remove(&k);
            } else {
                d.meta.insert(k, v);
            }
        }
        for sha in &w.delete_blobs {
            d.blobs.remove(sha);
        }
        d.blobs.extend(w.blobs);
        *self.data.borrow_mut() = d;
        self.commits.set(self.commits.get() + 1);
        Ok(())
    }

    async fn get_record(
        &self,
        kind: &Kind,
        id: &RecordId,
    ) -> Result<Option<RecordRow>, StoreError> {
        Ok(self.data.borrow().records.get(&record_key(kind, id)).cloned())
    }

    async fn records(&self, part: Part) -> Result<Vec<RecordRow>, StoreError> {
        if self.fail_reads.get() {
            return Err(StoreError("simulated read failure".into()));
        }
        let d = self.data.borrow();
        Ok(d.records.values().filter(|r| Part::of(&r.kind) == part).cloned().collect())
    }

    async fn outbox(&self) -> Result<Vec<Batch>, StoreError> {
        Ok(self.data.borrow().outbox.values().cloned().collect())
    }

    async fn get_meta_raw(&self, key: &str) -> Result<Option<serde_json::Value>, StoreError> {
        Ok(self.data.borrow().meta.get(key).cloned())
    }

    async fn get_blob(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.data.borrow().blobs.get(sha256).cloned())
    }
}
