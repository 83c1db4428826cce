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
use crate::names::field;
use crate::wire_enum::wire_enum;
use serde_json::Value;

/// The kind name of conflict records.
pub const KIND: &str = crate::names::kind::CONFLICT;

/// The namespace of conflict record ids ([`Conflict::id`]); a fixed random UUID: changing it
/// would give a conflict judged again (the same lost change) another record.
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x9d29_bd3e_9a0a_450f_a1f3_6854_2206_391f);

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

/// A concurrent edit of a review field, as the server records it. Each side says who wrote
/// it (their staff record), from which device (replica) and when (its stamp), so the clerk
/// can judge which value is right.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub target_kind: Kind,
    pub target_id: RecordId,
    pub field: String,
    pub kept: Value,
    pub lost: Value,
    pub lost_replica: ReplicaId,
    pub lost_hlc: Hlc,
    /// The kept value's device and stamp.
    pub kept_replica: ReplicaId,
    pub kept_hlc: Hlc,
    /// The staff who wrote each value (`None`: unknown, e.g. the server's own write).
    pub kept_by: Option<RecordId>,
    pub lost_by: Option<RecordId>,
}

/// Who wrote the two values of a concurrent edit: the pusher of the incoming change and the
/// owner of the replica that wrote the stored value (the server looks it up).
#[derive(Debug, Clone, Copy, Default)]
pub struct Authors<'a> {
    pub incoming: Option<&'a RecordId>,
    pub stored: Option<&'a RecordId>,
}

impl Conflict {
    /// The conflict between an incoming change and the stored field it was merged with;
    /// `incoming_won` says which of the two the merge kept, `by` who wrote each.
    pub fn between(
        incoming: &Change,
        stored: &FieldState,
        incoming_won: bool,
        by: Authors<'_>,
    ) -> Self {
        let inc = (&incoming.value, &incoming.replica, incoming.hlc, by.incoming);
        let sto = (&stored.value, &stored.replica, stored.hlc, by.stored);
        let (kept, lost) = if incoming_won { (inc, sto) } else { (sto, inc) };
        Self {
            target_kind: incoming.kind.clone(),
            target_id: incoming.id.clone(),
            field: incoming.field.clone(),
            kept: kept.0.clone(),
            lost: lost.0.clone(),
            lost_replica: lost.1.clone(),
            lost_hlc: lost.2,
            kept_replica: kept.1.clone(),
            kept_hlc: kept.2,
            kept_by: kept.3.cloned(),
            lost_by: lost.3.cloned(),
        }
    }

    /// The id of this conflict's record, derived from what it describes: the field (kind,
    /// record, name) and the change that lost (its stamp and replica). The server's verdict
    /// reads no random source (`docs/ARCHITECTURE.md`, "Merge and conflicts"): the same
    /// pushes give the same records on every run, and the same lost change judged twice
    /// names one conflict.
    pub fn id(&self) -> RecordId {
        let hlc = self.lost_hlc.to_string();
        let parts = [
            self.target_kind.as_str(),
            self.target_id.as_str(),
            &self.field,
            &hlc,
            self.lost_replica.as_str(),
        ];
        RecordId::derived(&NAMESPACE, &parts)
    }

    /// The field changes that create this conflict as record `id`, written by the server,
    /// each stamped by `stamp` (a fresh server HLC per field). An unknown author is left
    /// unset.
    pub fn to_changes(&self, id: &RecordId, mut stamp: impl FnMut() -> Hlc) -> Vec<Change> {
        let s = |v: &str| Value::String(v.to_owned());
        let by = |b: &Option<RecordId>| b.as_ref().map(|b| s(b.as_str()));
        let authors = [(field::KEPT_BY, by(&self.kept_by)), (field::LOST_BY, by(&self.lost_by))];
        let authors = authors.into_iter().filter_map(|(f, v)| Some((f, v?)));
        [
            (field::TARGET_KIND, s(self.target_kind.as_str())),
            (field::TARGET_ID, s(self.target_id.as_str())),
            (field::FIELD, s(&self.field)),
            (field::KEPT_VALUE, self.kept.clone()),
            (field::LOST_VALUE, self.lost.clone()),
            (field::LOST_REPLICA, s(self.lost_replica.as_str())),
            (field::LOST_HLC, s(&self.lost_hlc.to_string())),
            (field::STATUS, s(ConflictStatus::Open.as_str())),
            (field::KEPT_REPLICA, s(self.kept_replica.as_str())),
            (field::KEPT_HLC, s(&self.kept_hlc.to_string())),
        ]
        .into_iter()
        .chain(authors)
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
        let (a, b) = (RecordId::from("staff-a"), RecordId::from("staff-b"));
        let by = Authors { incoming: Some(&b), stored: Some(&a) };
        let c = Conflict::between(&incoming, &stored, true, by);
        let mut n = 100;
        let changes = c.to_changes(&RecordId::new_v7(), || {
            n += 1;
            Hlc::new(n, 0)
        });
        let get = |f: &str| changes.iter().find(|c| c.field == f).unwrap().value.clone();
        assert_eq!(get("kept_value"), json!("13600000000"));
        assert_eq!(get("lost_value"), json!("13500000000"));
        assert_eq!(get("status"), json!("open"));
        // Both sides: who, which device, when.
        assert_eq!(get("kept_by"), json!("staff-b"));
        assert_eq!(get("lost_by"), json!("staff-a"));
        assert_eq!(get("kept_replica"), json!("b"));
        assert_eq!(get("lost_replica"), json!("a"));
        assert_eq!(get("kept_hlc"), json!(Hlc::new(20, 0).to_string()));
        assert_eq!(get("lost_hlc"), json!(Hlc::new(10, 0).to_string()));
        let lost_won = Conflict::between(&incoming, &stored, false, by);
        assert_eq!((lost_won.kept_by, lost_won.lost_by), (Some(a), Some(b)));
        assert!(changes.windows(2).all(|w| w[0].hlc < w[1].hlc));
    }

    /// The id is made of what the conflict describes, not drawn: the same lost change gives
    /// the same record; any other field, record or lost change another one.
    #[test]
    fn a_conflicts_id_is_derived_from_the_field_and_the_lost_change() {
        let c = Conflict {
            target_kind: Kind::new(crate::names::kind::REQUEST),
            target_id: RecordId::from("0190f0a0-0000-7000-8000-000000000001"),
            field: field::ASSIGNEE.into(),
            kept: json!("a"),
            lost: json!("b"),
            lost_replica: ReplicaId::from("tab-1"),
            lost_hlc: Hlc::new(20, 0),
            kept_replica: ReplicaId::from("tab-0"),
            kept_hlc: Hlc::new(21, 0),
            kept_by: None,
            lost_by: None,
        };
        assert_eq!(c.id(), c.clone().id());
        assert_eq!(c.id(), Conflict { kept: json!("x"), lost: json!("y"), ..c.clone() }.id());
        let others = [
            Conflict { target_kind: Kind::new(crate::names::kind::PERSON), ..c.clone() },
            Conflict {
                target_id: RecordId::from("0190f0a0-0000-7000-8000-000000000002"),
                ..c.clone()
            },
            Conflict { field: field::CONTACT_PHONE.into(), ..c.clone() },
            Conflict { lost_replica: ReplicaId::from("tab-2"), ..c.clone() },
            Conflict { lost_hlc: Hlc::new(20, 1), ..c.clone() },
        ];
        for other in others {
            assert_ne!(other.id(), c.id(), "{other:?}");
        }
        assert!(uuid::Uuid::parse_str(c.id().as_str()).is_ok());
    }
}
