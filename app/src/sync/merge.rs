//! Staging merges: what records will look like after some changes, computed without touching
//! the in-memory state, so it is only updated once the store has committed. The merge itself
//! is `shared`'s (docs/ARCHITECTURE.md, "Merge and conflicts").

use crate::store::RecordRow;
use shared::replica::{Fields, ReplicaState};
use shared::{merge_field, Change, FieldState, Kind, RecordId};
use std::collections::BTreeMap;

/// A change and whether it must be applied whatever its stamp (a server compensation).
pub(crate) struct Staged {
    pub change: Change,
    pub force: bool,
}

impl Staged {
    pub(crate) fn merge(change: Change) -> Self {
        Self { change, force: false }
    }
    pub(crate) fn force(change: Change) -> Self {
        Self { change, force: true }
    }
}

/// The rows of every record `changes` touch, as they will be after merging them into `state`.
pub(crate) fn rows_after(state: &ReplicaState, changes: &[Staged]) -> Vec<RecordRow> {
    let mut rows: BTreeMap<(Kind, RecordId), Fields> = BTreeMap::new();
    for s in changes {
        let c = &s.change;
        let fields = rows
            .entry((c.kind.clone(), c.id.clone()))
            .or_insert_with(|| state.record(&c.kind, &c.id).cloned().unwrap_or_default());
        if s.force || merge_field(fields.get(&c.field), c).wins {
            fields.insert(c.field.clone(), FieldState::from_change(c));
        }
    }
    rows.into_iter().map(|((kind, id), fields)| RecordRow { kind, id, fields }).collect()
}

/// Applies staged changes to the in-memory state (after the store committed the same rows).
pub(crate) fn apply_all(state: &mut ReplicaState, changes: &[Staged]) {
    for s in changes {
        if s.force {
            state.force(&s.change);
        } else {
            state.apply(&s.change);
        }
    }
}
