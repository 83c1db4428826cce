//! What the pages show, derived from the merged replica, and the edits the forms make.
//! Pure functions: tested natively, the pages only render them.

use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::conflict::{self, ConflictStatus};
use shared::replica::{Fields, ReplicaState};
use shared::request::{Category, RequestStatus, Source, Urgency};
use shared::{Kind, RecordId};
use std::collections::BTreeSet;

mod list;
pub use list::{RequestFilter, RequestList};

fn text(f: &Fields, name: &str) -> String {
    f.get(name).and_then(|s| s.value.as_str()).unwrap_or_default().to_owned()
}

fn deleted(f: &Fields) -> bool {
    f.get("deleted").is_some_and(|s| s.value == Value::Bool(true))
}

/// A unit in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitView {
    /// What a request's `unit` field holds.
    pub id: RecordId,
    /// What people call the unit ("1-0302": building-floor/room).
    pub number: String,
}

/// Every live unit, sorted by number ("1-0302" style numbers sort naturally as text).
pub fn units(state: &ReplicaState) -> Vec<UnitView> {
    let mut out: Vec<UnitView> = state
        .records_of("unit")
        .filter(|(_, f)| !deleted(f))
        .map(|(id, f)| UnitView { id: id.clone(), number: text(f, "number") })
        .collect();
    out.sort_by(|a, b| a.number.cmp(&b.number).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Units whose number contains `filter` (case-insensitive; empty keeps all).
pub fn filter_units(units: &[UnitView], filter: &str) -> Vec<UnitView> {
    let f = filter.trim().to_lowercase();
    units.iter().filter(|u| u.number.to_lowercase().contains(&f)).cloned().collect()
}

/// A field holding a closed set of values, parsed once here (unknown strings, written by a
/// newer app version, parse as `None`).
fn parsed<T>(f: &Fields, name: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
    f.get(name).and_then(|s| s.value.as_str()).and_then(parse)
}

/// One request as the list and the detail page show it.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestView {
    /// The request's id (the route `/requests/:id` and the rows' `data-id`).
    pub id: RecordId,
    /// The unit's number, looked up from the `unit` reference; empty when not synced yet.
    pub unit_number: String,
    /// What the resident reported.
    pub description: String,
    /// Unknown statuses show as the initial one.
    pub status: RequestStatus,
    /// Urgency `urgent`; everything else, unknown values included, is not.
    pub urgent: bool,
    /// `None` when unknown to this version.
    pub category: Option<Category>,
    /// The resident's phone as typed (free text: extensions, two numbers...).
    pub contact_phone: String,
    /// Milliseconds since the epoch, set by the device that created the request.
    pub created_at: Option<i64>,
    /// Has changes still in the outbox.
    pub pending: bool,
}

/// One request by id (looks up only its own unit, so opening a request costs the same on
/// a replica of 50 records or 50,000).
pub fn request(
    state: &ReplicaState,
    pending: &BTreeSet<RecordId>,
    id: &RecordId,
) -> Option<RequestView> {
    let f = state.record(&Kind::new("request"), id)?;
    (!deleted(f)).then(|| view(state, &Kind::new("unit"), id, f, pending))
}

fn view(
    state: &ReplicaState,
    unit_kind: &Kind,
    id: &RecordId,
    f: &Fields,
    pending: &BTreeSet<RecordId>,
) -> RequestView {
    let unit = RecordId(text(f, "unit"));
    RequestView {
        id: id.clone(),
        unit_number: state
            .record(unit_kind, &unit)
            .filter(|u| !deleted(u))
            .map(|u| text(u, "number"))
            .unwrap_or_default(),
        description: text(f, "description"),
        status: parsed(f, "status", RequestStatus::parse).unwrap_or(RequestStatus::INITIAL),
        urgent: parsed(f, "urgency", Urgency::parse) == Some(Urgency::Urgent),
        category: parsed(f, "category", Category::parse),
        contact_phone: text(f, "contact_phone"),
        created_at: f.get("created_at").and_then(|s| s.value.as_i64()),
        pending: pending.contains(id),
    }
}

/// Every live request, newest first: by `created_at`, then by id (UUIDv7, so creation
/// order for requests made by the app; imported or generated ones may have any id).
pub fn requests(state: &ReplicaState, pending: &BTreeSet<RecordId>) -> Vec<RequestView> {
    let unit_kind = Kind::new("unit");
    let mut out: Vec<RequestView> = state
        .records_of("request")
        .rev()
        .filter(|(_, f)| !deleted(f) && f.contains_key("status"))
        .map(|(id, f)| view(state, &unit_kind, id, f, pending))
        .collect();
    // Stable: equal times keep the newest-id-first order.
    out.sort_by_key(|r| std::cmp::Reverse(r.created_at));
    out
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
}

/// Every conflict still [`ConflictStatus::Open`].
pub fn open_conflicts(state: &ReplicaState) -> Vec<ConflictView> {
    let value = |f: &Fields, name: &str| f.get(name).map_or(Value::Null, |s| s.value.clone());
    state
        .records_of(conflict::KIND)
        .filter(|(_, f)| {
            !deleted(f) && parsed(f, "status", ConflictStatus::parse) == Some(ConflictStatus::Open)
        })
        .map(|(id, f)| ConflictView {
            id: id.clone(),
            target_kind: Kind(text(f, "target_kind")),
            target_id: RecordId(text(f, "target_id")),
            field: text(f, "field"),
            kept: value(f, "kept_value"),
            lost: value(f, "lost_value"),
        })
        .collect()
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
    let mut edits = vec![FieldEdit::new(conflict::KIND, &c.id, "status", json!(decision))];
    if let Some(staff) = staff_id.filter(|s| RecordId::from(*s).is_valid()) {
        edits.push(FieldEdit::new(conflict::KIND, &c.id, "resolved_by", json!(staff)));
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

/// What the new-request form holds.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRequestForm {
    /// The chosen unit's id as the `<select>` gives it (empty when none is chosen).
    pub unit: String,
    /// Parsed from the `<select>` at the edge; never a bare string.
    pub category: Category,
    /// Parsed from the `<select>` at the edge; never a bare string.
    pub urgency: Urgency,
    /// Required; trimmed when saved.
    pub description: String,
    /// Optional; left out of the edits when blank.
    pub contact_phone: String,
}

impl Default for NewRequestForm {
    fn default() -> Self {
        Self {
            unit: String::new(),
            category: Category::Repair,
            urgency: Urgency::Normal,
            description: String::new(),
            contact_phone: String::new(),
        }
    }
}

/// Why the form cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormError {
    /// No valid unit is chosen (a request without a unit cannot be dispatched).
    UnitRequired,
    /// The description is empty or blank.
    DescriptionRequired,
}

/// Validates the form and turns it into the edits that create the request. `created_by` is
/// the signed-in user's staff id; status `new`, source `walk_in` and `created_at` are set here.
pub fn new_request_edits(
    id: &RecordId,
    form: &NewRequestForm,
    created_by: &str,
    now_ms: u64,
) -> Result<Vec<FieldEdit>, FormError> {
    if !RecordId(form.unit.clone()).is_valid() {
        return Err(FormError::UnitRequired);
    }
    let description = form.description.trim();
    if description.is_empty() {
        return Err(FormError::DescriptionRequired);
    }
    let e = |field: &str, v: Value| FieldEdit::new("request", id, field, v);
    let mut edits = vec![
        e("unit", json!(form.unit)),
        e("category", json!(form.category)),
        e("urgency", json!(form.urgency)),
        e("source", json!(Source::WalkIn)),
        e("status", json!(RequestStatus::INITIAL)),
        e("description", json!(description)),
        e("created_at", json!(now_ms)),
    ];
    if RecordId::from(created_by).is_valid() {
        edits.push(e("created_by", json!(created_by)));
    }
    let phone = form.contact_phone.trim();
    if !phone.is_empty() {
        edits.push(e("contact_phone", json!(phone)));
    }
    Ok(edits)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
