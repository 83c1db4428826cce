//! An in-memory replica: every field of every record, merged with [`merge_field`].
//!
//! Used by the app (its in-memory mirror of IndexedDB, and every snapshot the UI renders),
//! the simulation and the benchmark; the server keeps the same state in its database and
//! calls the same [`merge_field`].
//!
//! The records live in a persistent B-tree ([`imbl::OrdMap`]) of shared rows: cloning a
//! replica is O(1) and shares every record, and a write copies only the B-tree path and the
//! one record it touches. An office replica holds 50,000 records; the UI takes a copy after
//! every sync step, which with an ordinary map cost a whole deep copy each time.

use crate::change::Change;
use crate::ids::{Kind, RecordId, ReplicaId};
use crate::lww::{merge_field, FieldState, MergeOutcome};
use imbl::OrdMap;
use std::sync::Arc;

pub use crate::fields::Fields;

/// A set of records, each a map of LWW fields. Two replicas that have seen the same set of
/// changes compare equal, whatever the order they saw them in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReplicaState {
    records: OrdMap<Kind, OrdMap<RecordId, Arc<Fields>>>,
}

impl ReplicaState {
    /// An empty replica.
    pub fn new() -> Self {
        Self::default()
    }

    /// The record's fields, ready to be written: shared rows are copied first, so other
    /// clones of this replica keep what they had.
    fn fields_mut(&mut self, kind: &Kind, id: &RecordId) -> &mut Fields {
        let rows = self.records.entry(kind.clone()).or_default();
        Arc::make_mut(rows.entry(id.clone()).or_default())
    }

    /// Merges one change; returns what the merge decided.
    pub fn apply(&mut self, c: &Change) -> MergeOutcome {
        let out = merge_field(self.field(&c.kind, &c.id, &c.field), c);
        if out.wins {
            self.fields_mut(&c.kind, &c.id).insert(c.field.clone(), FieldState::from_change(c));
        }
        out
    }

    /// Merges `changes` in order, exactly as [`ReplicaState::apply`] one by one would, and
    /// returns the records any of them altered, in (kind, id) order, each once.
    ///
    /// Law (`tests/merge_laws.rs`): the state after `apply_all(cs)` equals the state after
    /// `apply(c)` for each `c` of `cs` in turn, and the records returned are those for which
    /// some `apply` said `wins`. Why it exists: a run of changes to one record (a snapshot
    /// page lists each record's fields together) looks the record up once and writes it
    /// once, not twice per field, and what wins is moved into the state, not copied; a
    /// butler's first replica is 300,000 fields in 60,000 records, merged on a tablet's CPU.
    pub fn apply_all(
        &mut self,
        changes: impl IntoIterator<Item = Change>,
    ) -> Vec<(Kind, RecordId)> {
        let mut altered = Vec::new();
        let mut changes = changes.into_iter().peekable();
        let mut run: Vec<Change> = Vec::new();
        while let Some(first) = changes.next() {
            run.clear();
            run.push(first);
            while let Some(c) = changes.next_if(|c| c.kind == run[0].kind && c.id == run[0].id) {
                run.push(c);
            }
            if let Some(record) = self.apply_run(&mut run) {
                altered.push(record);
            }
        }
        altered.sort_unstable();
        altered.dedup();
        altered
    }

    /// Merges `run`, changes all to one record, moving each winner's field, value and
    /// replica out of it; the record's kind and id when any won.
    fn apply_run(&mut self, run: &mut [Change]) -> Option<(Kind, RecordId)> {
        let stored = self.record(&run[0].kind, &run[0].id);
        let mut written: Option<Fields> = None;
        for c in run.iter_mut() {
            let current = match &written {
                Some(f) => f.get(&c.field),
                None => stored.and_then(|f| f.get(&c.field)),
            };
            if merge_field(current, c).wins {
                let f = written.get_or_insert_with(|| stored.cloned().unwrap_or_default());
                let state = FieldState {
                    value: c.value.take(),
                    hlc: c.hlc,
                    replica: std::mem::replace(&mut c.replica, ReplicaId(String::new())),
                    prev: c.prev,
                };
                f.insert(std::mem::take(&mut c.field), state);
            }
        }
        let fields = written?;
        let (kind, id) = (run[0].kind.clone(), run[0].id.clone());
        self.put_record(kind.clone(), id.clone(), fields);
        Some((kind, id))
    }

    /// Sets a field whatever its stamp: what the server decided (the model server's writes),
    /// or what it confirmed of a field once this replica's own edits of it are answered
    /// ([`crate::rebase`]).
    pub fn force(&mut self, c: &Change) {
        self.fields_mut(&c.kind, &c.id).insert(c.field.clone(), FieldState::from_change(c));
    }

    /// Puts a whole record as stored (a replica rebuilt from its own storage at start-up):
    /// replaces whatever the replica held for it, without merging field by field.
    pub fn put_record(&mut self, kind: Kind, id: RecordId, fields: Fields) {
        self.records.entry(kind).or_default().insert(id, Arc::new(fields));
    }

    /// The fields of one record, if any change for it has been seen.
    pub fn record(&self, kind: &Kind, id: &RecordId) -> Option<&Fields> {
        self.records.get(kind)?.get(id).map(|f| &**f)
    }

    /// One field's merged state.
    pub fn field(&self, kind: &Kind, id: &RecordId, field: &str) -> Option<&FieldState> {
        self.record(kind, id)?.get(field)
    }

    /// Every record of one kind, in id order (UUIDv7: creation order). Visits only that
    /// kind's records, not the whole replica.
    pub fn records_of<'a>(
        &'a self,
        kind: &'a str,
    ) -> impl DoubleEndedIterator<Item = (&'a RecordId, &'a Fields)> + 'a {
        self.records
            .get(&Kind::new(kind))
            .into_iter()
            .flat_map(|rows| rows.iter())
            .map(|(id, f)| (id, &**f))
    }

    /// Whether `kind`'s records are certainly the same in `other`, a copy of this replica
    /// taken before or after other kinds changed: both hold the very same tree, checked in
    /// O(1). A view built from one kind (the photos' thumbnails per list row) is then kept
    /// instead of rebuilt. `false` may also mean equal records in different trees.
    pub fn same_rows(&self, other: &Self, kind: &str) -> bool {
        let kind = Kind::new(kind);
        match (self.records.get(&kind), other.records.get(&kind)) {
            (Some(a), Some(b)) => a.ptr_eq(b),
            (None, None) => true,
            _ => false,
        }
    }

    /// Number of records held.
    pub fn len(&self) -> usize {
        self.records.values().map(|rows| rows.len()).sum()
    }

    /// True when no record is held.
    pub fn is_empty(&self) -> bool {
        self.records.values().all(|rows| rows.is_empty())
    }

    /// Every record, kind by kind, each in id order.
    pub fn records(&self) -> impl Iterator<Item = (&Kind, &RecordId, &Fields)> + '_ {
        self.records
            .iter()
            .flat_map(|(kind, rows)| rows.iter().map(move |(id, f)| (kind, id, &**f)))
    }

    /// The state as changes, one per field: what a snapshot sends.
    pub fn to_changes(&self) -> Vec<Change> {
        self.records()
            .flat_map(|(kind, id, fields)| {
                fields.iter().map(move |(name, s)| s.to_change(kind, id, name))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Hlc, ReplicaId};

    fn set(s: &mut ReplicaState, kind: &str, id: &str, field: &str, value: &str, t: u64) {
        s.apply(&Change {
            kind: Kind::new(kind),
            id: RecordId(id.into()),
            field: field.into(),
            value: value.into(),
            hlc: Hlc::new(t, 0),
            replica: ReplicaId("r".into()),
            prev: None,
        });
    }

    #[test]
    fn records_of_a_kind_is_that_kind_only_in_id_order() {
        let mut s = ReplicaState::new();
        for (kind, id) in [("unit_person", "a"), ("unit", "b"), ("unit", "a"), ("unitx", "c")] {
            set(&mut s, kind, id, "x", "1", 1);
        }
        set(&mut s, "un", "z", "x", "1", 1);
        let ids: Vec<&str> = s.records_of("unit").map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        let newest: Vec<&str> = s.records_of("unit").rev().map(|(id, _)| id.as_str()).collect();
        assert_eq!(newest, ["b", "a"]);
        assert_eq!(s.records_of("unit_person").count(), 1);
        assert_eq!(s.records_of("nothing").count(), 0);
    }

    #[test]
    fn a_clone_keeps_what_it_had_while_the_original_moves_on() {
        let mut s = ReplicaState::new();
        set(&mut s, "request", "a", "status", "new", 1);
        let before = s.clone();
        set(&mut s, "request", "a", "status", "done", 2);
        set(&mut s, "request", "b", "status", "new", 2);
        let status = |r: &ReplicaState, id: &str| {
            r.field(&Kind::new("request"), &RecordId(id.into()), "status").map(|f| f.value.clone())
        };
        assert_eq!(status(&before, "a"), Some("new".into()));
        assert_eq!(status(&before, "b"), None);
        assert_eq!(status(&s, "a"), Some("done".into()));
        assert_eq!((before.len(), s.len()), (1, 2));
    }

    #[test]
    fn a_record_put_whole_replaces_the_one_held() {
        let mut s = ReplicaState::new();
        set(&mut s, "unit", "a", "number", "1-0101", 5);
        set(&mut s, "unit", "a", "note", "x", 5);
        let mut fields = Fields::new();
        let c = Change {
            kind: Kind::new("unit"),
            id: RecordId("a".into()),
            field: "number".into(),
            value: "1-0102".into(),
            hlc: Hlc::new(1, 0),
            replica: ReplicaId("r".into()),
            prev: None,
        };
        fields.insert("number".into(), FieldState::from_change(&c));
        s.put_record(Kind::new("unit"), RecordId("a".into()), fields.clone());
        assert_eq!(s.record(&Kind::new("unit"), &RecordId("a".into())), Some(&fields));
    }
}
