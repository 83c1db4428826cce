//! An in-memory replica: every field of every record, merged with [`merge_field`].
//!
//! Used by the app's in-memory store, the simulation and the benchmark; the server keeps
//! the same state in its database and calls the same [`merge_field`].

use crate::change::Change;
use crate::ids::{Kind, RecordId};
use crate::lww::{merge_field, FieldState, MergeOutcome};
use std::collections::BTreeMap;

/// The fields of one record.
pub type Fields = BTreeMap<String, FieldState>;

/// A set of records, each a map of LWW fields. Two replicas that have seen the same set of
/// changes compare equal, whatever the order they saw them in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReplicaState {
    records: BTreeMap<(Kind, RecordId), Fields>,
}

impl ReplicaState {
    /// An empty replica.
    pub fn new() -> Self {
        Self::default()
    }

    /// Merges one change; returns what the merge decided.
    pub fn apply(&mut self, c: &Change) -> MergeOutcome {
        let fields = self.records.entry((c.kind.clone(), c.id.clone())).or_default();
        let out = merge_field(fields.get(&c.field), c);
        if out.wins {
            fields.insert(c.field.clone(), FieldState::from_change(c));
        }
        out
    }

    /// Sets a field whatever its stamp: only for a server compensation answering this
    /// replica's own rejected change.
    pub fn force(&mut self, c: &Change) {
        let fields = self.records.entry((c.kind.clone(), c.id.clone())).or_default();
        fields.insert(c.field.clone(), FieldState::from_change(c));
    }

    /// The fields of one record, if any change for it has been seen.
    pub fn record(&self, kind: &Kind, id: &RecordId) -> Option<&Fields> {
        self.records.get(&(kind.clone(), id.clone()))
    }

    /// One field's merged state.
    pub fn field(&self, kind: &Kind, id: &RecordId, field: &str) -> Option<&FieldState> {
        self.record(kind, id)?.get(field)
    }

    /// Every record of one kind, in id order (UUIDv7: creation order).
    pub fn records_of<'a>(
        &'a self,
        kind: &'a str,
    ) -> impl Iterator<Item = (&'a RecordId, &'a Fields)> + 'a {
        self.records
            .iter()
            .filter(move |((k, _), _)| k.as_str() == kind)
            .map(|((_, id), f)| (id, f))
    }

    /// Number of records held.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when no record is held.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The state as changes, one per field: what a snapshot sends.
    pub fn to_changes(&self) -> Vec<Change> {
        self.records
            .iter()
            .flat_map(|((kind, id), fields)| {
                fields.iter().map(move |(name, s)| s.to_change(kind, id, name))
            })
            .collect()
    }
}
