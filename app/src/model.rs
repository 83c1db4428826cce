//! What the pages show, derived from the merged replica, and the edits the forms make.
//! Pure functions: tested natively, the pages only render them.

use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::replica::{Fields, ReplicaState};
use shared::request::{Category, RequestStatus, Source, Urgency};
use shared::RecordId;
use std::collections::{BTreeMap, BTreeSet};

fn text(f: &Fields, name: &str) -> String {
    f.get(name).and_then(|s| s.value.as_str()).unwrap_or_default().to_owned()
}

fn deleted(f: &Fields) -> bool {
    f.get("deleted").is_some_and(|s| s.value == Value::Bool(true))
}

/// A unit in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitView {
    pub id: RecordId,
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

/// One request as the list and the detail page show it.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestView {
    pub id: RecordId,
    pub unit_number: String,
    pub description: String,
    pub status: String,
    pub urgent: bool,
    pub category: String,
    pub contact_phone: String,
    pub created_at: Option<i64>,
    /// Has changes still in the outbox.
    pub pending: bool,
}

impl RequestView {
    /// The parsed status (unknown strings count as `new`).
    pub fn status(&self) -> RequestStatus {
        RequestStatus::parse(&self.status).unwrap_or(RequestStatus::INITIAL)
    }
}

/// One request by id.
pub fn request(
    state: &ReplicaState,
    pending: &BTreeSet<RecordId>,
    id: &RecordId,
) -> Option<RequestView> {
    let f = state.record(&shared::Kind::new("request"), id)?;
    let unit_numbers: BTreeMap<RecordId, String> =
        units(state).into_iter().map(|u| (u.id, u.number)).collect();
    (!deleted(f)).then(|| view(id, f, &unit_numbers, pending))
}

fn view(
    id: &RecordId,
    f: &Fields,
    units: &BTreeMap<RecordId, String>,
    pending: &BTreeSet<RecordId>,
) -> RequestView {
    let unit = RecordId(text(f, "unit"));
    RequestView {
        id: id.clone(),
        unit_number: units.get(&unit).cloned().unwrap_or_default(),
        description: text(f, "description"),
        status: text(f, "status"),
        urgent: text(f, "urgency") == Urgency::Urgent.as_str(),
        category: text(f, "category"),
        contact_phone: text(f, "contact_phone"),
        created_at: f.get("created_at").and_then(|s| s.value.as_i64()),
        pending: pending.contains(id),
    }
}

/// Every live request, newest first (ids are UUIDv7, so id order is creation order).
pub fn requests(state: &ReplicaState, pending: &BTreeSet<RecordId>) -> Vec<RequestView> {
    let unit_numbers: BTreeMap<RecordId, String> =
        units(state).into_iter().map(|u| (u.id, u.number)).collect();
    let mut out: Vec<RequestView> = state
        .records_of("request")
        .filter(|(_, f)| !deleted(f) && f.contains_key("status"))
        .map(|(id, f)| view(id, f, &unit_numbers, pending))
        .collect();
    out.reverse();
    out
}

/// What the request list shows: open ones only (the day's work) or all, narrowed by a text
/// that matches the unit number or the description.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    pub include_closed: bool,
    pub text: String,
}

impl RequestFilter {
    /// Whether `r` is shown.
    pub fn matches(&self, r: &RequestView) -> bool {
        let text = self.text.trim().to_lowercase();
        (self.include_closed || r.status().is_open())
            && (text.is_empty()
                || r.unit_number.to_lowercase().contains(&text)
                || r.description.to_lowercase().contains(&text))
    }
}

/// An open conflict as the conflicts page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictView {
    pub id: RecordId,
    pub target_kind: String,
    pub target_id: String,
    pub field: String,
    pub kept: String,
    pub lost: String,
}

/// Every conflict still `open`.
pub fn open_conflicts(state: &ReplicaState) -> Vec<ConflictView> {
    state
        .records_of("conflict")
        .filter(|(_, f)| !deleted(f) && text(f, "status") == "open")
        .map(|(id, f)| ConflictView {
            id: id.clone(),
            target_kind: text(f, "target_kind"),
            target_id: text(f, "target_id"),
            field: text(f, "field"),
            kept: text(f, "kept_value"),
            lost: text(f, "lost_value"),
        })
        .collect()
}

/// What the new-request form holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewRequestForm {
    pub unit: String,
    pub category: String,
    pub urgency: String,
    pub description: String,
    pub contact_phone: String,
}

/// Why the form cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormError {
    UnitRequired,
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
    let category = Category::parse(&form.category).unwrap_or(Category::Repair);
    let urgency = Urgency::parse(&form.urgency).unwrap_or(Urgency::Normal);
    let e = |field: &str, v: Value| FieldEdit::new("request", id, field, v);
    let mut edits = vec![
        e("unit", json!(form.unit)),
        e("category", json!(category.as_str())),
        e("urgency", json!(urgency.as_str())),
        e("source", json!(Source::WalkIn.as_str())),
        e("status", json!(RequestStatus::INITIAL.as_str())),
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
#[path = "model_tests.rs"]
mod tests;
