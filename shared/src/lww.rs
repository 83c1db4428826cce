//! Last-writer-wins register: the merge rule of every synced field.
//!
//! Laws (checked by the property tests in `tests/merge_laws.rs`):
//! - **Commutative**: applying changes `a` then `b` leaves the same state as `b` then `a`.
//! - **Associative**: grouping of batches does not matter.
//! - **Idempotent**: applying a change a second time changes nothing.
//!
//! All three hold because the kept value is simply the one with the greatest
//! [`Stamp`](crate::Stamp) `(hlc, replica)`, a total order, so the result is the maximum
//! of the set of changes seen, however they arrive.

use crate::change::{Change, Stamp};
use crate::hlc::Hlc;
use crate::ids::{Kind, RecordId, ReplicaId};
use serde::{Deserialize, Serialize};

/// The merged state of one field: its value and the stamp of the write that set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldState {
    pub value: serde_json::Value,
    pub hlc: Hlc,
    pub replica: ReplicaId,
    /// What the author of this write saw (`Change::prev`), kept to judge concurrency with
    /// an older write that arrives later.
    #[serde(default)]
    pub prev: Option<Hlc>,
}

impl FieldState {
    /// The stamp of the write this state holds.
    pub fn stamp(&self) -> Stamp {
        Stamp { hlc: self.hlc, replica: self.replica.clone() }
    }

    /// The state a winning change leaves behind.
    pub fn from_change(c: &Change) -> Self {
        Self { value: c.value.clone(), hlc: c.hlc, replica: c.replica.clone(), prev: c.prev }
    }

    /// The change that sets this state on field `field` of record `(kind, id)`: how a stored
    /// field travels again (a snapshot, a rebuild at start-up, a row read back).
    pub fn to_change(&self, kind: &Kind, id: &RecordId, field: &str) -> Change {
        Change {
            kind: kind.clone(),
            id: id.clone(),
            field: field.to_owned(),
            value: self.value.clone(),
            hlc: self.hlc,
            replica: self.replica.clone(),
            prev: self.prev,
        }
    }
}

/// The compensation is built from a stored [`FieldState`], so it lives beside it: the
/// change type itself knows nothing of merged state.
impl Change {
    /// The server's answer to a refused change: the field's stored value (or `null` when
    /// nothing is stored), written by the server at `hlc`, with `prev` the stamp of the
    /// stored value it restates. The one way every server (real or model) builds it.
    pub fn compensating(refused: &Change, stored: Option<&FieldState>, hlc: Hlc) -> Change {
        Change {
            kind: refused.kind.clone(),
            id: refused.id.clone(),
            field: refused.field.clone(),
            value: stored.map_or(serde_json::Value::Null, |s| s.value.clone()),
            hlc,
            replica: ReplicaId::server(),
            prev: stored.map(|s| s.hlc),
        }
    }
}

/// What merging one incoming change into one field decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOutcome {
    /// The incoming change is now the field's value.
    pub wins: bool,
    /// The incoming edit and the stored one were made without seeing each other, and their
    /// values differ: whichever lost is a candidate `conflict` record on review fields.
    pub concurrent: bool,
}

/// Decides the merge of `incoming` into a field currently holding `stored`.
///
/// Concurrency is detected from `prev`: the author of the newer of the two writes saw the
/// value stamped `prev`; if the older write is newer than that (or the author saw nothing)
/// and the values differ, neither edit saw the other. The verdict is the same whichever of
/// the two arrives first, so every replica (and the server) agrees on it.
pub fn merge_field(stored: Option<&FieldState>, incoming: &Change) -> MergeOutcome {
    let Some(stored) = stored else {
        return MergeOutcome { wins: true, concurrent: false };
    };
    let incoming_stamp = incoming.stamp();
    let stored_stamp = stored.stamp();
    if incoming_stamp == stored_stamp {
        return MergeOutcome { wins: false, concurrent: false };
    }
    let wins = incoming_stamp > stored_stamp;
    let (older, newer_prev) =
        if wins { (stored.hlc, incoming.prev) } else { (incoming.hlc, stored.prev) };
    let unseen = newer_prev.is_none_or(|p| p < older);
    let concurrent = unseen && stored.value != incoming.value;
    MergeOutcome { wins, concurrent }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change(v: serde_json::Value, ms: u64, replica: &str, prev: Option<Hlc>) -> Change {
        Change {
            kind: Kind::new("request"),
            id: RecordId::from("0190f0a0-0000-7000-8000-000000000001"),
            field: "status".into(),
            value: v,
            hlc: Hlc::new(ms, 0),
            replica: ReplicaId::from(replica),
            prev,
        }
    }

    #[test]
    fn later_stamp_wins_and_ties_break_on_replica() {
        let a = change(json!("a"), 10, "r1", None);
        let stored = FieldState::from_change(&a);
        assert!(merge_field(Some(&stored), &change(json!("b"), 11, "r0", None)).wins);
        assert!(!merge_field(Some(&stored), &change(json!("b"), 9, "r9", None)).wins);
        assert!(merge_field(Some(&stored), &change(json!("b"), 10, "r2", None)).wins);
        assert!(!merge_field(Some(&stored), &change(json!("b"), 10, "r0", None)).wins);
    }

    #[test]
    fn the_same_change_twice_is_a_no_op() {
        let a = change(json!("a"), 10, "r1", None);
        let out = merge_field(Some(&FieldState::from_change(&a)), &a);
        assert_eq!(out, MergeOutcome { wins: false, concurrent: false });
    }

    #[test]
    fn an_edit_that_saw_the_stored_value_is_not_concurrent() {
        let a = change(json!("a"), 10, "r1", None);
        let b = change(json!("b"), 20, "r2", Some(a.hlc));
        assert_eq!(
            merge_field(Some(&FieldState::from_change(&a)), &b),
            MergeOutcome { wins: true, concurrent: false }
        );
    }

    #[test]
    fn concurrency_is_seen_in_both_arrival_orders() {
        let base = change(json!("x"), 5, "r0", None);
        let a = change(json!("a"), 10, "r1", Some(base.hlc));
        let b = change(json!("b"), 20, "r2", Some(base.hlc));
        let ab = merge_field(Some(&FieldState::from_change(&a)), &b);
        let ba = merge_field(Some(&FieldState::from_change(&b)), &a);
        assert!(ab.concurrent && ba.concurrent);
        assert!(ab.wins && !ba.wins);
    }

    #[test]
    fn a_seen_edit_arriving_late_is_not_concurrent() {
        let a = change(json!("a"), 10, "r1", None);
        let b = change(json!("b"), 20, "r2", Some(a.hlc));
        let late = merge_field(Some(&FieldState::from_change(&b)), &a);
        assert_eq!(late, MergeOutcome { wins: false, concurrent: false });
    }

    #[test]
    fn a_state_turns_back_into_the_change_that_set_it() {
        let a = change(json!("a"), 10, "r1", Some(Hlc::new(5, 0)));
        let back = FieldState::from_change(&a).to_change(&a.kind, &a.id, &a.field);
        assert_eq!(back, a);
    }

    #[test]
    fn equal_values_are_never_a_conflict() {
        let a = change(json!("same"), 10, "r1", None);
        let b = change(json!("same"), 20, "r2", None);
        assert!(!merge_field(Some(&FieldState::from_change(&a)), &b).concurrent);
    }
}
