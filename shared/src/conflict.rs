//! Conflict records: when two devices edit a *review* field (a resident's phone, the
//! assignee) without seeing each other, the last writer wins everywhere and the losing value
//! is kept as a `conflict` record for the office to confirm or overturn. No contact number
//! vanishes silently.
//!
//! `kept_value` and `lost_value` hold the field's values as they are (a string, an id,
//! `null`), never their JSON text, so overturning writes back exactly the value that lost.

use crate::change::Change;
use crate::hlc::Hlc;
use crate::ids::{Kind, RecordId, ReplicaId};
use crate::lww::FieldState;
use crate::wire_enum::wire_enum;
use serde_json::Value;

/// The kind name of conflict records.
pub const KIND: &str = crate::names::kind::CONFLICT;

wire_enum!(
    /// Where the office stands on a conflict.
    ConflictStatus {
        /// Waiting for the office.
        Open = "open",
        /// The kept value is right.
        Confirmed = "confirmed",
        /// The lost value was right and has been written back.
        Overturned = "overturned",
    }
);

/// A concurrent edit of a review field, as the server records it.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub target_kind: Kind,
    pub target_id: RecordId,
    pub field: String,
    pub kept: Value,
    pub lost: Value,
    pub lost_replica: ReplicaId,
    pub lost_hlc: Hlc,
}

impl Conflict {
    /// The conflict between an incoming change and the stored field it was merged with;
    /// `incoming_won` says which of the two the merge kept.
    pub fn between(incoming: &Change, stored: &FieldState, incoming_won: bool) -> Self {
        let (kept, lost, lost_replica, lost_hlc) = if incoming_won {
            (&incoming.value, &stored.value, &stored.replica, stored.hlc)
        } else {
            (&stored.value, &incoming.value, &incoming.replica, incoming.hlc)
        };
        Self {
            target_kind: incoming.kind.clone(),
            target_id: incoming.id.clone(),
            field: incoming.field.clone(),
            kept: kept.clone(),
            lost: lost.clone(),
            lost_replica: lost_replica.clone(),
            lost_hlc,
        }
    }

    /// The field changes that create this conflict as record `id`, written by the server,
    /// each stamped by `stamp` (a fresh server HLC per field).
    pub fn to_changes(&self, id: &RecordId, mut stamp: impl FnMut() -> Hlc) -> Vec<Change> {
        let s = |v: &str| Value::String(v.to_owned());
        [
            ("target_kind", s(self.target_kind.as_str())),
            ("target_id", s(self.target_id.as_str())),
            ("field", s(&self.field)),
            ("kept_value", self.kept.clone()),
            ("lost_value", self.lost.clone()),
            ("lost_replica", s(self.lost_replica.as_str())),
            ("lost_hlc", s(&self.lost_hlc.to_string())),
            ("status", s(ConflictStatus::Open.as_str())),
        ]
        .into_iter()
        .map(|(field, value)| Change {
            kind: Kind::new(KIND),
            id: id.clone(),
            field: field.to_owned(),
            value,
            hlc: stamp(),
            replica: ReplicaId::server(),
            prev: None,
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_kept_as_values_not_as_their_json_text() {
        let stored = FieldState {
            value: json!("13500000000"),
            hlc: Hlc::new(10, 0),
            replica: ReplicaId::from("a"),
            prev: None,
        };
        let incoming = Change {
            kind: Kind::new("request"),
            id: RecordId::from("0190f0a0-0000-7000-8000-000000000001"),
            field: "contact_phone".into(),
            value: json!("13600000000"),
            hlc: Hlc::new(20, 0),
            replica: ReplicaId::from("b"),
            prev: None,
        };
        let c = Conflict::between(&incoming, &stored, true);
        let mut n = 100;
        let changes = c.to_changes(&RecordId::new_v7(), || {
            n += 1;
            Hlc::new(n, 0)
        });
        let get = |f: &str| changes.iter().find(|c| c.field == f).unwrap().value.clone();
        assert_eq!(get("kept_value"), json!("13600000000"));
        assert_eq!(get("lost_value"), json!("13500000000"));
        assert_eq!(get("status"), json!("open"));
        assert!(changes.windows(2).all(|w| w[0].hlc < w[1].hlc));
    }
}
