//! A device's way back after the server was restored from an older backup
//! (`docs/ARCHITECTURE.md`, "Backups and restores").
//!
//! The restored server names a new history ([`crate::protocol::PullResponse::history`]):
//! cursors of the old one reset, and pushes numbered in it are refused (`history_changed`).
//! A device that sees the history change must not treat the reset like a change of scope
//! (drop its records, load the snapshot): what it holds may be exactly what the backup lacks.
//! So it keeps its records, merges the server's snapshot into them page by page while a
//! [`Rebase`] notes which fields the server holds at least as new, and at the end restates
//! every other field it may write ([`Rebase::restatements`]), with its own stamp, in a push
//! naming the old history that the server judges as a [`crate::push_rules::Recovery`].
//!
//! Laws (`rebase_tests.rs`):
//! - Nothing is dropped: the device ends with the merge of its records and the snapshot.
//! - What is restated is exactly what the device holds newer than the server, or the server
//!   lacks, and may write: a field the snapshot brought at least as new is never sent again.
//! - A restatement is the field as the device holds it (value, `hlc`, author replica and
//!   `prev`): the original change again, so after it every replica holds the very same state.
//! - The order is the stamps' (oldest first), so a record's fields arrive as they were made.

use crate::change::Change;
use crate::ids::{Kind, RecordId};
use crate::replica::ReplicaState;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

/// A field's key as a 64-bit hash: an office replica holds a million fields, and the set of
/// confirmed ones must fit a tablet's memory. (`DefaultHasher::new` is keyed the same in
/// every run, so a replay is exact.)
fn key(kind: &Kind, id: &RecordId, field: &str) -> u64 {
    let mut h = DefaultHasher::new();
    (kind.as_str(), id.as_str(), field).hash(&mut h);
    h.finish()
}

/// A rebase in progress: onto which history, and what the snapshot has shown so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rebase {
    /// The restored server's history the device is moving to.
    pub history: String,
    /// Fields the server holds at least as new as the device.
    confirmed: HashSet<u64>,
}

impl Rebase {
    /// Starts a rebase onto `history`, with nothing seen yet.
    pub fn new(history: impl Into<String>) -> Self {
        Rebase { history: history.into(), ..Rebase::default() }
    }

    /// Notes one snapshot page against the device's `state` as it was before the page is
    /// merged into it (the caller merges the page afterwards, never replaces).
    pub fn observe(&mut self, state: &ReplicaState, page: &[Change]) {
        for c in page {
            let newer_here =
                state.field(&c.kind, &c.id, &c.field).is_some_and(|held| held.stamp() > c.stamp());
            if !newer_here {
                self.confirmed.insert(key(&c.kind, &c.id, &c.field));
            }
        }
    }

    /// What the device sends again once the whole snapshot is in: every field of `state`
    /// the snapshot did not confirm and that `may_send` allows (the fields the user's role
    /// may write: `crate::scope::may_write_field`), oldest stamp first.
    pub fn restatements(
        &self,
        state: &ReplicaState,
        may_send: impl Fn(&Kind, &str) -> bool,
    ) -> Vec<Change> {
        let mut out: Vec<Change> = state
            .records()
            .flat_map(|(kind, id, fields)| fields.iter().map(move |(name, s)| (kind, id, name, s)))
            .filter(|(kind, id, name, _)| {
                !self.confirmed.contains(&key(kind, id, name)) && may_send(kind, name)
            })
            .map(|(kind, id, name, s)| s.to_change(kind, id, name))
            .collect();
        out.sort_by_key(Change::stamp);
        out
    }
}

#[cfg(test)]
#[path = "restore_tests.rs"]
mod tests;
