//! Staging merges: what records will look like after some changes, computed on a copy of the
//! in-memory state, so the engine's state is only replaced once the store has committed. The
//! merge itself is `shared`'s (docs/ARCHITECTURE.md, "Merge and conflicts").

use crate::store::RecordRow;
use shared::replica::ReplicaState;
use shared::Change;

/// `state` with `changes` merged in, and the rows of the records they changed, as they now
/// are: what the store commits before the engine takes the new state. Cloning the state is
/// O(1) (its records are shared until written), so each change is merged once, not once to
/// stage the rows and again to apply them, and a record's run of changes together
/// ([`ReplicaState::apply_all`]). A record no change altered (a pull repeating what the
/// device holds) is not written again. Rows come in (kind, id) order.
pub(crate) fn merged(state: &ReplicaState, changes: Vec<Change>) -> (ReplicaState, Vec<RecordRow>) {
    let mut next = state.clone();
    let rows = next
        .apply_all(changes)
        .into_iter()
        .filter_map(|(kind, id)| {
            let fields = next.record(&kind, &id)?.clone();
            Some(RecordRow { kind, id, fields })
        })
        .collect();
    (next, rows)
}

/// Every record of `state` as a row: what replaces the store's records on a reset.
pub(crate) fn all_rows(state: &ReplicaState) -> Vec<RecordRow> {
    state
        .records()
        .map(|(kind, id, fields)| RecordRow {
            kind: kind.clone(),
            id: id.clone(),
            fields: fields.clone(),
        })
        .collect()
}
