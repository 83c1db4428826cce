//! How a device's edits become push batches that the server always accepts
//! (`docs/ARCHITECTURE.md`, "Sync protocol"). The app calls these functions and the server's
//! tests push what they produce, so the two cannot disagree on what fits.
//!
//! An edit (ending a patrol round files every finding at once) has no upper bound on its
//! size, so no push limit can be sized to fit the largest one: an edit larger than one batch
//! is split into consecutive batches ([`split_edit`]). Each batch is applied whole on the
//! server and batches are applied in `seq` order only, so a split edit arrives in the order
//! it was made; the split keeps every record created by the edit in one batch with the
//! edit's records that point at it (a finding's request, its event and its photos), so no
//! other device ever sees half a finding or a photo before its parent.

use crate::change::Change;
use crate::ids::{Kind, RecordId};
use crate::protocol::{Batch, MAX_PUSH_BYTES, MAX_PUSH_CHANGES};
use std::collections::HashMap;

/// Most changes one batch holds, and one push carries: a bigger edit is split, a long offline
/// day goes up in several pushes. A quarter of the server's [`MAX_PUSH_CHANGES`].
pub const MAX_BATCH_CHANGES: usize = MAX_PUSH_CHANGES / 4;

/// Most bytes of JSON one batch holds, and one push's batches: a quarter of the server's
/// body limit [`MAX_PUSH_BYTES`]. A single change is far smaller (a text field holds at most
/// `schema::MAX_TEXT_CHARS` characters).
pub const MAX_BATCH_BYTES: usize = MAX_PUSH_BYTES / 4;

/// What a batch's JSON costs besides its changes (`{"seq":…,"changes":[]}`), with room.
const BATCH_OVERHEAD: usize = 64;

/// A change's share of a batch's JSON: its own JSON and a comma.
fn cost(c: &Change) -> usize {
    serde_json::to_vec(c).map_or(MAX_BATCH_BYTES, |v| v.len() + 1)
}

/// One edit's changes as consecutive batches' worth, each at most [`MAX_BATCH_CHANGES`]
/// changes and [`MAX_BATCH_BYTES`] bytes (an edit that fits stays one part, in its order).
///
/// A bigger edit is cut between *units*: a record's changes with those of every record
/// the edit creates (`is_new`) that it points at or that points at it (any string value
/// naming the new record's id), in the order of the edit inside a unit, the units in the
/// order of their first change. Units are packed in order; only a unit bigger than a whole
/// batch is cut itself, between its records in the edit's order (a parent is made before
/// its children, so it goes first), and a record bigger than a batch between its changes.
pub fn split_edit(
    changes: Vec<Change>,
    is_new: impl Fn(&Kind, &RecordId) -> bool,
) -> Vec<Vec<Change>> {
    let total: usize = changes.iter().map(cost).sum();
    if changes.len() <= MAX_BATCH_CHANGES && total + BATCH_OVERHEAD <= MAX_BATCH_BYTES {
        return vec![changes];
    }
    let units = units(changes, is_new);
    let mut packer = Packer::default();
    for unit in units {
        packer.unit(unit);
    }
    packer.finish()
}

/// The edit's records (their changes in order), grouped into units.
fn units(changes: Vec<Change>, is_new: impl Fn(&Kind, &RecordId) -> bool) -> Vec<Vec<Vec<Change>>> {
    let mut index: HashMap<(Kind, RecordId), usize> = HashMap::new();
    let mut records: Vec<Vec<Change>> = Vec::new();
    for c in changes {
        let key = (c.kind.clone(), c.id.clone());
        let i = *index.entry(key).or_insert_with(|| {
            records.push(Vec::new());
            records.len() - 1
        });
        records[i].push(c);
    }
    let mut new_ids: HashMap<&str, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if is_new(&r[0].kind, &r[0].id) {
            new_ids.entry(r[0].id.as_str()).or_insert(i);
        }
    }
    let mut root: Vec<usize> = (0..records.len()).collect();
    fn find(root: &mut [usize], mut i: usize) -> usize {
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    for (i, r) in records.iter().enumerate() {
        for c in r {
            let Some(&j) = c.value.as_str().and_then(|s| new_ids.get(s)) else { continue };
            let (a, b) = (find(&mut root, i), find(&mut root, j));
            root[a.max(b)] = a.min(b); // the unit's root is its earliest record
        }
    }
    let mut unit_of: HashMap<usize, usize> = HashMap::new();
    let mut units: Vec<Vec<Vec<Change>>> = Vec::new();
    let roots: Vec<usize> = (0..records.len()).map(|i| find(&mut root, i)).collect();
    for (record, r) in records.into_iter().zip(roots) {
        let u = *unit_of.entry(r).or_insert_with(|| {
            units.push(Vec::new());
            units.len() - 1
        });
        units[u].push(record);
    }
    units
}

/// Fills batches in order, starting a new one when the next piece does not fit.
#[derive(Default)]
struct Packer {
    done: Vec<Vec<Change>>,
    open: Vec<Change>,
    bytes: usize,
}

impl Packer {
    fn fits(&self, n: usize, bytes: usize) -> bool {
        self.open.len() + n <= MAX_BATCH_CHANGES
            && self.bytes + bytes + BATCH_OVERHEAD <= MAX_BATCH_BYTES
    }

    /// Adds `piece` whole, in the open batch or a new one; `false` when even an empty batch
    /// cannot hold it.
    fn whole(&mut self, piece: &[Change]) -> bool {
        let bytes: usize = piece.iter().map(cost).sum();
        if !self.fits(piece.len(), bytes) {
            if piece.len() > MAX_BATCH_CHANGES || bytes + BATCH_OVERHEAD > MAX_BATCH_BYTES {
                return false;
            }
            self.done.push(std::mem::take(&mut self.open));
            self.bytes = 0;
        }
        self.open.extend_from_slice(piece);
        self.bytes += bytes;
        true
    }

    fn unit(&mut self, unit: Vec<Vec<Change>>) {
        if self.whole(&unit.concat()) {
            return;
        }
        for record in unit {
            if !self.whole(&record) {
                for c in record {
                    // A lone change always goes: an empty batch takes it whatever its size.
                    if !self.whole(std::slice::from_ref(&c)) {
                        self.done.push(std::mem::take(&mut self.open));
                        self.open.push(c);
                        self.bytes = MAX_BATCH_BYTES;
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Vec<Vec<Change>> {
        if !self.open.is_empty() {
            self.done.push(self.open);
        }
        self.done.retain(|b| !b.is_empty());
        self.done
    }
}

/// The first outbox batches that fit in one push: at most [`MAX_BATCH_CHANGES`] changes and
/// [`MAX_BATCH_BYTES`] bytes, and always at least one batch ([`split_edit`] made each fit).
pub fn first_push(outbox: &[Batch]) -> Vec<Batch> {
    let (mut changes, mut bytes) = (0usize, 0usize);
    let mut out = Vec::new();
    for b in outbox {
        let size = serde_json::to_vec(b).map_or(usize::MAX, |v| v.len());
        let fits = changes + b.changes.len() <= MAX_BATCH_CHANGES
            && bytes.saturating_add(size) <= MAX_BATCH_BYTES;
        if !out.is_empty() && !fits {
            break;
        }
        changes += b.changes.len();
        bytes = bytes.saturating_add(size);
        out.push(b.clone());
    }
    out
}

#[cfg(test)]
#[path = "batches_tests.rs"]
mod tests;
