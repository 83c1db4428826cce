//! Open conflicts as the office reviews them: both values, each with who wrote it (their
//! staff name), when and from which device, and the record they belong to (a request's
//! number and unit, a person's name and units), so the clerk can judge which is right.

use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::conflict::{self, ConflictStatus};
use shared::names::{field, kind};
use shared::replica::{Fields, ReplicaState};
use shared::{Hlc, Kind, RecordId};

/// Where one side of a conflict came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Side {
    /// The staff who wrote it, by name (empty: not known, e.g. a conflict recorded before
    /// conflicts named their authors).
    pub by: String,
    /// The device (replica id) it came from.
    pub device: String,
    /// When it was written (ms, the physical part of its stamp).
    pub at: Option<i64>,
}

/// An open conflict as the conflicts page shows it. The kept and lost values are the
/// target field's values as they are, so overturning writes back exactly what was lost
/// (docs/ARCHITECTURE.md, "Merge and conflicts").
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictView {
    /// The conflict record's id (the decision edits it).
    pub id: RecordId,
    /// The kind of the record whose field was edited concurrently.
    pub target_kind: Kind,
    /// That record's id (the rows' `data-target-id`).
    pub target_id: RecordId,
    /// The field edited concurrently.
    pub field: String,
    /// The value that won the merge and is in the field now.
    pub kept: Value,
    /// The value that lost; overturning writes it back unchanged.
    pub lost: Value,
    /// Who wrote each value, when, from which device.
    pub kept_side: Side,
    pub lost_side: Side,
    /// The record the field belongs to, as a person reads it: a request's number and unit,
    /// a person's name and units (empty when the record is not on this device).
    pub record: String,
    /// Where a click on the record goes (a request's page, a person's first unit's page).
    pub href: Option<String>,
}

/// Every conflict still [`ConflictStatus::Open`].
pub fn open_conflicts(state: &ReplicaState) -> Vec<ConflictView> {
    let value = |f: &Fields, name: &str| f.get(name).map_or(Value::Null, |s| s.value.clone());
    let staff = Kind::new(kind::STAFF);
    let side = |f: &Fields, by: &str, replica: &str, hlc: &str| Side {
        by: f
            .reference(by)
            .and_then(|id| state.record(&staff, &id))
            .map(|s| s.string(field::NAME))
            .unwrap_or_default(),
        device: f.string(replica),
        at: f.parsed(hlc, |t| t.parse::<Hlc>().ok()).map(|h| h.millis() as i64),
    };
    state
        .records_of(conflict::KIND)
        .filter(|(_, f)| {
            !f.is_deleted()
                && f.parsed(field::STATUS, ConflictStatus::parse) == Some(ConflictStatus::Open)
        })
        .map(|(id, f)| {
            let (target_kind, target_id) =
                (Kind(f.string(field::TARGET_KIND)), RecordId(f.string(field::TARGET_ID)));
            let (record, href) = record_of(state, &target_kind, &target_id);
            ConflictView {
                id: id.clone(),
                field: f.string(field::FIELD),
                kept: value(f, field::KEPT_VALUE),
                lost: value(f, field::LOST_VALUE),
                kept_side: side(f, field::KEPT_BY, field::KEPT_REPLICA, field::KEPT_HLC),
                lost_side: side(f, field::LOST_BY, field::LOST_REPLICA, field::LOST_HLC),
                record,
                href,
                target_kind,
                target_id,
            }
        })
        .collect()
}

/// The record a conflict is about, as a person reads it, and its page.
fn record_of(state: &ReplicaState, k: &Kind, id: &RecordId) -> (String, Option<String>) {
    let Some(f) = state.record(k, id).filter(|f| !f.is_deleted()) else {
        return (String::new(), None);
    };
    let unit_number = |u: &RecordId| {
        state.record(&Kind::new(kind::UNIT), u).map(|u| u.string(field::NUMBER)).unwrap_or_default()
    };
    let join = |parts: Vec<String>| {
        parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" · ")
    };
    match k.as_str() {
        kind::REQUEST => {
            let unit = f.reference(field::UNIT).map(|u| unit_number(&u)).unwrap_or_default();
            (join(vec![f.string(field::NUMBER), unit]), Some(format!("/requests/{id}")))
        }
        kind::PERSON => {
            let units: Vec<RecordId> = state
                .records_of(kind::UNIT_PERSON)
                .filter(|(_, l)| {
                    !l.is_deleted()
                        && l.int(field::TO).is_none()
                        && l.reference(field::PERSON).as_ref() == Some(id)
                })
                .filter_map(|(_, l)| l.reference(field::UNIT))
                .collect();
            let numbers = units.iter().map(unit_number).collect::<Vec<_>>().join("、");
            let href = units.first().map(|u| format!("/unit/{u}"));
            (join(vec![f.string(field::NAME), numbers]), href)
        }
        _ => (String::new(), None),
    }
}

/// A value as a person reads it: a string as is, nothing as `None` (the page shows a dash),
/// anything else as compact JSON.
pub fn display_value(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The edits that record the office's decision on a conflict: its status, who decided, and
/// on [`ConflictStatus::Overturned`] the lost value written back to the target field (an
/// ordinary later edit, so it wins everywhere).
pub fn conflict_decision(
    c: &ConflictView,
    decision: ConflictStatus,
    staff_id: Option<&str>,
) -> Vec<FieldEdit> {
    let mut edits = vec![FieldEdit::new(conflict::KIND, &c.id, field::STATUS, json!(decision))];
    if let Some(staff) = staff_id.filter(|s| RecordId::from(*s).is_valid()) {
        edits.push(FieldEdit::new(conflict::KIND, &c.id, field::RESOLVED_BY, json!(staff)));
    }
    let target_known = c.target_id.is_valid() && !c.target_kind.as_str().is_empty();
    if decision == ConflictStatus::Overturned && target_known {
        edits.push(FieldEdit {
            kind: c.target_kind.clone(),
            id: c.target_id.clone(),
            field: c.field.clone(),
            value: c.lost.clone(),
        });
    }
    edits
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "conflicts_tests.rs"]
mod tests;
