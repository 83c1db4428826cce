//! The replica engine: the in-memory state mirrored from the store, local edits, and the
//! session. Push and pull are in `push_pull.rs`; signing in and out in `session.rs`.

use super::merge::merged;
use super::notices::Notice;
pub use super::snapshot::{corrected_now, Loading, Snapshot};
use super::SyncError;
use crate::store::{self, LocalStore, RecordRow, Session, WriteSet};
use futures::lock::Mutex;
use shared::batches::split_edit;
use shared::protocol::{Batch, Me};
use shared::rebase::Shadows;
use shared::replica::ReplicaState;
use shared::request::number::NumberPool;
use shared::{Change, Hlc, HlcClock, Kind, RecordId, ReplicaId};
use std::cell::RefCell;

/// One field to set in a local edit.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldEdit {
    /// The record's kind.
    pub kind: Kind,
    /// The record's id (a new UUIDv7 for a record created by this edit).
    pub id: RecordId,
    /// The field to set.
    pub field: String,
    /// The new value as the schema types it (`null` clears the field).
    pub value: serde_json::Value,
}

impl FieldEdit {
    /// Shorthand for an edit of a field of a record.
    pub fn new(kind: &str, id: &RecordId, field: &str, value: serde_json::Value) -> Self {
        Self { kind: Kind::new(kind), id: id.clone(), field: field.to_owned(), value }
    }

    /// The change this edit becomes when `replica` stamps it `hlc`, having seen `prev`.
    pub fn into_change(self, hlc: Hlc, replica: ReplicaId, prev: Option<Hlc>) -> Change {
        let FieldEdit { kind, id, field, value } = self;
        Change { kind, id, field, value, hlc, replica, prev }
    }

    /// Asserts that every edit, once stamped, is a change the schema accepts (what the
    /// server would check on push): the forms' (native) tests run their edits through it.
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(crate) fn assert_fit_the_schema(edits: &[FieldEdit]) {
        for e in edits {
            let c = e.clone().into_change(Hlc::new(1, 0), ReplicaId::from("tablet-1"), None);
            assert!(shared::schema::validate(&c).is_ok(), "{}.{} = {}", e.kind, e.field, e.value);
        }
    }
}

/// The function told about every new [`Snapshot`] (the UI's signal setter).
type Listener = Box<dyn Fn(Snapshot)>;
/// The function told only how far a snapshot being loaded has come (the progress bar's
/// setter), between the snapshots the UI is handed while it loads ([`state_due`]).
type ProgressListener = Box<dyn Fn(Option<Loading>)>;

/// Mutable engine state, guarded by one async lock so an edit and a sync step never interleave
/// inside a store transaction.
pub(crate) struct Inner {
    pub replica: ReplicaId,
    pub state: ReplicaState,
    /// Whether `state` holds every stored record: false after [`Engine::open_first`] until
    /// [`Engine::lock`] has read the rest (`opening.rs`).
    pub whole: bool,
    /// See [`Snapshot::revision`].
    pub revision: u64,
    pub clock: HlcClock,
    pub next_seq: u64,
    pub outbox: Vec<Batch>,
    pub cursor: Option<String>,
    pub session: Option<Session>,
    pub last_sync: Option<u64>,
    /// Server clock minus device clock at the last sync, in ms (see [`Engine::wall`]).
    pub skew: i64,
    /// Whose records and outbox these are; outlives an expired session (`session.rs`).
    pub owner: Option<Me>,
    /// The highest outbox `seq` written to an export file.
    pub exported: Option<u64>,
    /// Hashes of the unconfirmed photos written to an export file.
    pub exported_photos: std::collections::BTreeSet<String>,
    /// See [`Snapshot::loading`].
    pub loading: Option<Loading>,
    /// When the UI was last told of a pull's progress (ms, the engine's clock).
    pub notified_ms: u64,
    /// When the snapshot being loaded began, and when the UI was last handed its records
    /// (ms, the engine's clock): see [`state_due`].
    pub load_began_ms: u64,
    pub shown_ms: u64,
    /// Unused request numbers given to this replica (`numbers.rs`).
    pub numbers: NumberPool,
    /// Provisional numbers this replica has made (the next one's `k`).
    pub provisional: u64,
    /// Refused changes not yet acknowledged (`notices.rs`).
    pub notices: Vec<Notice>,
    /// What the server confirmed of the fields the outbox holds edits of (`shared::rebase`).
    pub shadows: Shadows,
    /// Photo bytes still to upload, and how far each got (`uploads.rs`).
    pub uploads: crate::photos::UploadQueue,
    /// The server history the outbox and the cursor belong to (`restored.rs`).
    pub history: Option<String>,
    /// A rebase on a restored server under way (`restored.rs`).
    pub rebasing: Option<super::restored::Rebasing>,
    /// Restatements still in the outbox (`restored.rs`).
    pub restating: Option<super::restored::Restating>,
}

/// How far ahead of the server a device clock may run before the engine corrects it. The
/// server re-stamps writes more than 5 min ahead; correcting well before that keeps a tablet
/// whose date is wrong from stamping edits that would mask everyone else's for hours.
pub const SKEW_TOLERANCE_MS: i64 = 60_000;

/// The device replica: a [`LocalStore`] plus its in-memory mirror, synced through a
/// [`super::Transport`].
pub struct Engine<S, T> {
    pub(crate) store: S,
    pub(crate) transport: T,
    /// Taken through [`Engine::lock`] by every step that changes the state or the store,
    /// or [`Engine::peek`] by one that only reads (`opening.rs`).
    inner: Mutex<Inner>,
    /// Held for a whole push + pull cycle so two cycles never overlap.
    pub(crate) cycle: Mutex<()>,
    pub(crate) now: Box<dyn Fn() -> u64>,
    listener: RefCell<Option<Listener>>,
    progress: RefCell<Option<ProgressListener>>,
}

impl<S: LocalStore, T: super::Transport> Engine<S, T> {
    /// The engine over `inner`, read from `store` by `opening.rs`.
    pub(crate) fn assemble(
        store: S,
        transport: T,
        inner: Inner,
        now: Box<dyn Fn() -> u64>,
    ) -> Self {
        Self {
            store,
            transport,
            inner: Mutex::new(inner),
            cycle: Mutex::new(()),
            now,
            listener: RefCell::new(None),
            progress: RefCell::new(None),
        }
    }

    /// Wall-clock milliseconds for a new HLC reading: the device's clock, pulled back to the
    /// server's when the last sync showed it running more than [`SKEW_TOLERANCE_MS`] ahead.
    /// A clock running behind needs no help: the HLC has already observed the server's.
    pub(crate) fn wall(&self, skew: i64) -> u64 {
        let now = (self.now)();
        if skew < -SKEW_TOLERANCE_MS {
            now.saturating_sub(skew.unsigned_abs())
        } else {
            now
        }
    }

    /// The server-corrected wall clock now ([`corrected_now`]): what the app writes as a time.
    pub async fn now(&self) -> u64 {
        corrected_now((self.now)(), self.peek().await.skew)
    }

    /// Server clock minus device clock, from a server reading just received.
    pub(crate) fn skew_from(&self, server: Hlc) -> i64 {
        server.millis() as i64 - (self.now)() as i64
    }

    /// The state lock as it is, perhaps without the records [`Engine::open_first`] left in
    /// the store: for steps that read and change nothing. Every other step takes
    /// [`Engine::lock`].
    pub(crate) async fn peek(&self) -> futures::lock::MutexGuard<'_, Inner> {
        self.inner.lock().await
    }

    /// Registers the one function told about every change of the [`Snapshot`].
    pub fn set_listener(&self, f: Box<dyn Fn(Snapshot)>) {
        *self.listener.borrow_mut() = Some(f);
    }

    /// The current snapshot.
    pub async fn snapshot(&self) -> Snapshot {
        let g = self.peek().await;
        snapshot_of(&g)
    }

    /// Registers the function told only of a loading snapshot's progress. Without one, every
    /// progress step hands the UI a whole [`Snapshot`] instead.
    pub fn set_progress_listener(&self, f: Box<dyn Fn(Option<Loading>)>) {
        *self.progress.borrow_mut() = Some(f);
    }

    pub(crate) fn notify(&self, inner: &Inner) {
        if let Some(f) = self.listener.borrow().as_ref() {
            f(snapshot_of(inner));
        }
    }

    /// Tells the progress listener how far the snapshot has come; false when there is none
    /// (the caller then hands the whole snapshot).
    pub(crate) fn notify_progress(&self, loading: Option<Loading>) -> bool {
        match self.progress.borrow().as_ref() {
            Some(f) => {
                f(loading);
                true
            }
            None => false,
        }
    }

    /// The direct store (tests and the IndexedDB checks look at it).
    pub fn store(&self) -> &S {
        &self.store
    }

    /// This installation's replica id.
    pub async fn replica(&self) -> ReplicaId {
        self.peek().await.replica.clone()
    }

    /// Records a local edit: stamps each field with a fresh HLC and the `prev` it replaces,
    /// writes the records, the outbox batch, the clock and the next seq in ONE store
    /// transaction, and only then updates the in-memory state. Returns the changes made.
    ///
    /// An edit bigger than one push may carry (ending a round of many findings) goes into
    /// the outbox as several consecutive batches ([`split_edit`]), still in that one
    /// transaction: the server accepts each, and applies them in order.
    pub async fn edit(&self, edits: Vec<FieldEdit>) -> Result<Vec<Change>, SyncError> {
        let mut g = self.lock().await?;
        self.edit_locked(&mut g, edits, WriteSet::default()).await
    }

    /// [`Engine::edit`] with the lock held, committing `extra` (meta values that must land
    /// with the edit, such as a taken request number, and a photo's bytes) in the same
    /// transaction.
    pub(crate) async fn edit_locked(
        &self,
        g: &mut Inner,
        edits: Vec<FieldEdit>,
        extra: WriteSet,
    ) -> Result<Vec<Change>, SyncError> {
        let mut clock = g.clock;
        let changes: Vec<Change> = edits
            .into_iter()
            .map(|e| {
                let prev = g.state.field(&e.kind, &e.id, &e.field).map(|f| f.hlc);
                e.into_change(clock.now(self.wall(g.skew)), g.replica.clone(), prev)
            })
            .collect();
        let mut shadows = g.shadows.clone();
        let shadowed = shadows.before_edit(&g.state, &changes);
        let parts = split_edit(changes.clone(), |kind, id| g.state.record(kind, id).is_none());
        let batches: Vec<Batch> =
            (g.next_seq..).zip(parts).map(|(seq, changes)| Batch { seq, changes }).collect();
        let next_seq = g.next_seq + batches.len() as u64;
        let (next, records) = merged(&g.state, changes.clone());
        let mut w = WriteSet {
            records,
            append_outbox: batches.clone(),
            meta: extra.meta,
            blobs: extra.blobs,
            ..WriteSet::default()
        };
        w.set_meta(store::META_CLOCK, &clock.last())?.set_meta(store::META_NEXT_SEQ, &next_seq)?;
        if shadowed {
            w.set_meta(store::META_SHADOWS, &shadows.stored())?;
        }
        self.store.commit(w).await?;
        g.clock = clock;
        g.shadows = shadows;
        g.next_seq = next_seq;
        g.outbox.extend(batches);
        g.state = next;
        g.revision += 1;
        self.notify(g);
        self.compact_if_needed(g).await;
        Ok(changes)
    }

    /// Has the store rewrite its records from the in-memory state when it asks for it
    /// ([`LocalStore::needs_compaction`]). Called after a commit, with the lock held: the
    /// state then holds exactly what the store holds. A compaction that fails leaves the
    /// records as they were (it is one transaction) and is tried again after the next
    /// commit; the step that called it has succeeded all the same, so it never reports it.
    pub(crate) async fn compact_if_needed(&self, g: &Inner) {
        // A state without every stored record would rewrite the store without them.
        if !g.whole || !self.store.needs_compaction() {
            return;
        }
        let rows = g
            .state
            .records()
            .map(|(kind, id, fields)| RecordRow {
                kind: kind.clone(),
                id: id.clone(),
                fields: fields.clone(),
            })
            .collect();
        let _ = self.store.compact(rows).await;
    }
}

/// The distinct records, photos aside, that `outbox` holds changes of; a history event
/// counts as the request it belongs to (it is written with the change it records: a status
/// move is one record, not two).
fn records_waiting(outbox: &[Batch], state: &ReplicaState) -> usize {
    use shared::names::{field, kind};
    let event = Kind::new(kind::REQUEST_EVENT);
    let owner = |c: &Change| -> Option<RecordId> {
        if c.kind.as_str() == kind::PHOTO {
            return None;
        }
        if c.kind != event {
            return Some(c.id.clone());
        }
        let request = state.field(&event, &c.id, field::REQUEST);
        let request = request.and_then(|s| shared::fields::read::reference(&s.value));
        Some(request.unwrap_or_else(|| c.id.clone()))
    };
    let ids: std::collections::BTreeSet<RecordId> =
        outbox.iter().flat_map(|b| &b.changes).filter_map(owner).collect();
    ids.len()
}

fn snapshot_of(g: &Inner) -> Snapshot {
    let pending_ids =
        g.outbox.iter().flat_map(|b| b.changes.iter().map(|c| c.id.clone())).collect();
    Snapshot {
        state: g.state.clone(),
        whole: g.whole,
        revision: g.revision,
        pending_ids,
        pending: g.outbox.iter().map(|b| b.changes.len()).sum(),
        records_waiting: records_waiting(&g.outbox, &g.state),
        last_sync: g.last_sync,
        session: g.session.clone(),
        exported: !g.outbox.is_empty() && g.at_risk().is_none(),
        photos_at_risk: g.photos_at_risk().total(),
        loading: g.loading,
        replica: Some(g.replica.clone()),
        skew: g.skew,
        notices: g.notices.clone(),
        numbers_left: g.numbers.remaining(),
        uploads: g.uploads.clone(),
        rebasing: g.rebasing.is_some() || g.restating.is_some(),
    }
}
