//! Writes a site transaction holds back and sends as multi-row statements: the merged
//! value (`fields`) and the log row (`changes`) of each plain change — one that moves no
//! record between scopes, which is most of them. A group of pushes then costs a few
//! statements in all instead of two per change.
//!
//! Held-back rows are sent ([`SiteTx::flush`]) before anything reads those tables through
//! the transaction (a field not in the transaction's cache, a log copy, the commit), so
//! every reader sees exactly what it saw when each write went out at once.
//!
//! Savepoints (one per batch of a group commit, [`super::savepoint`]) do not send them: the
//! rows of released batches are *carried* in memory. When they do go out while a savepoint
//! is open, they are kept until it is released, because rolling back to it undoes them in
//! the database too: they are then sent again with the next flush. The failing batch's own
//! rows (`current`) are simply forgotten.

use super::digests::DigestRow;
use super::keyed::{ByRecord, FastMap};
use super::replicas::ReplicaRow;
use super::site_tx::SiteTx;
use crate::error::AppResult;

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
/// ([`SiteTx::move_held`]): nobody has seen it yet.
#[derive(Debug, Clone)]
pub(super) struct RecordRow {
    pub(super) kind: String,
    pub(super) id: String,
    pub(super) area: Option<String>,
    pub(super) parent: Option<String>,
    pub(super) owner: Option<String>,
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

/// The rows a [`SiteTx`] holds back.
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

    fn unsent_mut(&mut self) -> impl Iterator<Item = &mut Rows> {
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

impl SiteTx {
    /// Holds back the log row of a plain change (its record moved nowhere) under the
    /// record's placement. False when the record has no row: logged the long way.
    pub(super) async fn hold_log_row(&mut self, mut row: Row) -> AppResult<bool> {
        let Some(placed) = self.placed(&row.kind, &row.id).await? else { return Ok(false) };
        self.touched.insert(crate::pokes::area_key(placed.area_id.as_deref()));
        if let Some(d) = &placed.dept_id {
            self.touched.insert(shared::scope::Scope::Department(d.as_str().into()).key());
        }
        (row.seq, row.area, row.dept) = (self.next_seq, placed.area_id, placed.dept_id);
        self.pending.current.log.push(row);
        self.next_seq += 1;
        if self.pending.unsent_len() >= HOLD {
            self.flush().await?;
        }
        Ok(true)
    }
}

impl SiteTx {
    /// The held-back `records` row of `kind`/`id` (a record this transaction created and has
    /// not sent yet).
    pub(super) fn held_record(&mut self, kind: &str, id: &str) -> Option<&mut RecordRow> {
        self.pending.unsent_mut().find_map(|rows| rows.records.get_mut(kind, id))
    }

    /// Sends what is held back when `kind`/`id`'s `records` row is among it: a read or update
    /// of that row follows. Other records' rows do not change what it finds.
    pub(super) async fn flush_if_held(&mut self, kind: &str, id: &str) -> AppResult<()> {
        if self.held_record(kind, id).is_some() {
            self.flush().await?;
        }
        Ok(())
    }

    /// Sends what is held back when a held-back record names `parent` as its parent: a read of
    /// `parent`'s children follows.
    pub(super) async fn flush_if_child_held(&mut self, parent: &str) -> AppResult<()> {
        let held = self
            .pending
            .unsent()
            .flat_map(|rows| rows.records.values())
            .any(|r| r.parent.as_deref() == Some(parent));
        if held {
            self.flush().await?;
        }
        Ok(())
    }

    /// Places a held-back record in `area` in memory, its held-back log rows with it: nobody
    /// has seen it anywhere yet, so there is nothing to copy into `area` nor to take back from
    /// where it was. False (nothing done) when the record is not held back.
    pub(super) fn move_held(&mut self, kind: &str, id: &str, area: &str) -> bool {
        let Some(row) = self.held_record(kind, id) else { return false };
        // Its log rows follow when they are sent ([`SiteTx::flush`]).
        row.area = Some(area.to_owned());
        if let Some(Some(placed)) = self.cache.placed.get_mut(kind, id) {
            placed.area_id = Some(area.to_owned());
        }
        self.touched.insert(crate::pokes::area_key(Some(area)));
        true
    }
}
