//! Writes a site transaction holds back and sends as multi-row statements: the merged
//! value (`fields`) and the log row (`changes`) of each plain change — one that moves no
//! record between scopes, which is most of them. A group of pushes then costs a few
//! statements in all instead of two per change.
//!
//! Held-back rows are sent (`SiteTx::flush`, [`super::flush`]) before anything reads those
//! tables through the transaction (a field not in the transaction's cache, a log copy, the
//! commit), so every reader sees exactly what it saw when each write went out at once.
//!
//! An owned part of the transaction: it knows nothing of `SiteTx`, which holds one and
//! decides when to send it; what the transaction does with it is in [`super::held`].
//!
//! Savepoints (one per batch of a group commit, [`super::savepoint`]) do not send them: the
//! rows of released batches are *carried* in memory. When they do go out while a savepoint
//! is open, they are kept until it is released, because rolling back to it undoes them in
//! the database too: they are then sent again with the next flush. The failing batch's own
//! rows (`current`) are simply forgotten.

use super::keyed::{ByRecord, FastMap};
use super::replica_row::ReplicaRow;

/// Rows held back at most before they are sent anyway: more than a group makes (two per
/// change, and its new records), so a group sends them once, at its commit.
pub(super) const HOLD: usize = 20_000;

/// One held-back field value or log row.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) kind: String,
    pub(super) id: String,
    pub(super) field: String,
    pub(super) value: String,
    pub(super) hlc: shared::Hlc,
    pub(super) replica: String,
    pub(super) prev: Option<shared::Hlc>,
    /// Log rows: position and placement.
    pub(super) seq: i64,
    pub(super) area: Option<String>,
    pub(super) dept: Option<String>,
}

/// A `records` row to create: a record nobody had. Placed in memory while held back
/// (`SiteTx::move_held`, [`super::held`]): nobody has seen it yet.
#[derive(Debug, Clone)]
pub(super) struct RecordRow {
    pub(super) kind: String,
    pub(super) id: String,
    pub(super) area: Option<String>,
    pub(super) parent: Option<String>,
    pub(super) owner: Option<String>,
}

/// The digest of one applied batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DigestRow {
    pub(super) replica: String,
    pub(super) seq: u64,
    pub(super) digest: String,
}

/// New records (by kind and id), field values and log rows (in write order), the
/// positions of replicas (by id: the last one written) and the digests of applied batches.
#[derive(Debug, Default)]
pub(super) struct Rows {
    pub(super) records: ByRecord<RecordRow>,
    pub(super) fields: Vec<Row>,
    pub(super) log: Vec<Row>,
    pub(super) replicas: FastMap<String, ReplicaRow>,
    pub(super) digests: Vec<DigestRow>,
}

impl Rows {
    fn len(&self) -> usize {
        let replicas = self.replicas.len() + self.digests.len();
        self.records.len() + self.fields.len() + self.log.len() + replicas
    }

    fn append(&mut self, other: &mut Rows) {
        self.records.append(&mut other.records);
        self.fields.append(&mut other.fields);
        self.log.append(&mut other.log);
        self.replicas.extend(other.replicas.drain());
        self.digests.append(&mut other.digests);
    }
}

/// The rows a site transaction holds back.
#[derive(Debug, Default)]
pub(super) struct Pending {
    /// Rows of released batches (or written before any savepoint).
    carried: Rows,
    /// `carried` went out inside the open savepoint: kept only to be sent again after a
    /// rollback to it.
    carried_sent: bool,
    /// Rows written since the open savepoint (or the last flush).
    pub(super) current: Rows,
    /// A savepoint is open.
    open: bool,
}

impl Pending {
    /// Rows not yet sent.
    pub(super) fn unsent_len(&self) -> usize {
        self.current.len() + if self.carried_sent { 0 } else { self.carried.len() }
    }

    /// The rows not sent yet: `carried` (unless it went out inside the open savepoint) and
    /// `current`.
    pub(super) fn unsent(&self) -> impl Iterator<Item = &Rows> {
        (!self.carried_sent).then_some(&self.carried).into_iter().chain([&self.current])
    }

    /// The rows not sent yet, to change a held-back record in place.
    pub(super) fn unsent_mut(&mut self) -> impl Iterator<Item = &mut Rows> {
        let carried = (!self.carried_sent).then_some(&mut self.carried);
        carried.into_iter().chain([&mut self.current])
    }

    /// A replica's position held back and not sent yet: `current`'s, newer, before
    /// `carried`'s.
    pub(super) fn held_replica(&self, replica: &str) -> Option<&ReplicaRow> {
        let carried = (!self.carried_sent).then_some(&self.carried);
        [&self.current].into_iter().chain(carried).find_map(|rows| rows.replicas.get(replica))
    }

    /// A savepoint begins: what was written so far is carried.
    pub(super) fn savepoint(&mut self) {
        self.carried.append(&mut self.current);
        self.open = true;
    }

    /// The savepoint is released: what went out inside it stays, the rest is carried.
    pub(super) fn release(&mut self) {
        if self.carried_sent {
            self.carried = Rows::default();
        }
        self.carried.append(&mut self.current);
        (self.carried_sent, self.open) = (false, false);
    }

    /// Rolled back to the savepoint: its own rows are gone, and the carried ones are unsent
    /// again (if they went out inside it, the rollback undid them).
    pub(super) fn rollback(&mut self) {
        self.current = Rows::default();
        (self.carried_sent, self.open) = (false, false);
    }

    /// Marks what [`Pending::unsent`] gave as sent: `carried` is kept while the savepoint it
    /// went out in is open (a rollback to it undoes it in the database too).
    pub(super) fn sent(&mut self) {
        if self.open {
            self.carried_sent = true;
        } else {
            self.carried = Rows::default();
        }
        self.current = Rows::default();
    }
}
