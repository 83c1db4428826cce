//! What the pages show, derived from the merged replica, and the edits the forms make.
//! Pure functions: tested natively, the pages only render them.

use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::conflict::{self, ConflictStatus};
use shared::replica::{Fields, ReplicaState};
use shared::request::{classifier, Category, RequestStatus, Source, Urgency};
use shared::{Kind, RecordId};
use std::collections::{BTreeSet, HashMap};

pub mod flow;
pub mod intake;
mod list;
pub mod timeline;
pub use intake::{FormError, NewRequestForm};
pub use list::{bulk_reassign_edits, names, DeskFilter, RequestFilter, RequestList, RowMeta};
pub mod checklist_edit;
pub mod complaint;
pub mod day;
pub mod deadlines;
pub mod followup;
pub mod patrol;
pub mod patrol_report;
pub mod patrol_xlsx;
pub mod quality;
pub mod review;
mod signature;

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

/// A name in both languages (classifier nodes have two; records one, used for both).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Label {
    pub zh: String,
    pub en: String,
}

impl Label {
    /// The same name in both languages.
    pub fn same(name: String) -> Self {
        Label { zh: name.clone(), en: name }
    }
}

/// One request as the list and the detail page show it.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestView {
    /// The request's id (the route `/requests/:id` and the rows' `data-id`).
    pub id: RecordId,
    /// Its readable number ("A2-261127-0457"); empty for requests made before numbers.
    pub number: String,
    /// The unit's number, looked up from the `unit` reference; empty when not synced yet.
    pub unit_number: String,
    /// What the resident reported.
    pub description: String,
    /// Unknown statuses show as the initial one.
    pub status: RequestStatus,
    /// Urgency `urgent`; everything else, unknown values included, is not.
    pub urgent: bool,
    /// The request's type; `None` when unknown to this version.
    pub category: Option<Category>,
    /// The channel it came in by; `None` when unknown or not set.
    pub source: Option<Source>,
    /// A missed phone call (due in 3 h).
    pub missed_call: bool,
    /// The classifier's place, topic and problem, by name.
    pub place: Option<Label>,
    pub topic: Option<Label>,
    pub problem: Option<Label>,
    /// Where it is routed: department and assignee ids and names (empty: not routed or the
    /// record is not on this device).
    pub department: Option<RecordId>,
    pub department_name: String,
    pub assignee: Option<RecordId>,
    pub assignee_name: String,
    /// Who took it (首问负责: the owner until it is routed).
    pub created_by: Option<RecordId>,
    pub created_by_name: String,
    /// The resident's name and phone as typed (free text: extensions, two numbers...).
    pub contact_name: String,
    pub contact_phone: String,
    /// Why it was cancelled.
    pub cancel_reason: String,
    /// Milliseconds since the epoch, set by the device that created the request.
    pub created_at: Option<i64>,
    /// When the work was done.
    pub done_at: Option<i64>,
    /// Has changes still in the outbox.
    pub pending: bool,
}

impl RequestView {
    /// A request with only its id: what a record with no fields set shows (tests build rows
    /// from it with `..RequestView::blank(id)`).
    pub fn blank(id: RecordId) -> Self {
        RequestView {
            id,
            number: String::new(),
            unit_number: String::new(),
            description: String::new(),
            status: RequestStatus::INITIAL,
            urgent: false,
            category: None,
            source: None,
            missed_call: false,
            place: None,
            topic: None,
            problem: None,
            department: None,
            department_name: String::new(),
            assignee: None,
            assignee_name: String::new(),
            created_by: None,
            created_by_name: String::new(),
            contact_name: String::new(),
            contact_phone: String::new(),
            cancel_reason: String::new(),
            created_at: None,
            done_at: None,
            pending: false,
        }
    }
}

/// One request by id (looks up only its own unit, people and classifier nodes, so opening a
/// request costs the same on a replica of 50 records or 50,000).
pub fn request(
    state: &ReplicaState,
    pending: &BTreeSet<RecordId>,
    id: &RecordId,
) -> Option<RequestView> {
    let f = state.record(&Kind::new("request"), id)?;
    (!deleted(f)).then(|| view(state, &Lookup::new(state), id, f, pending))
}

/// What a view looks up in other records: the kinds (made once) and the classifier's names.
struct Lookup {
    unit: Kind,
    department: Kind,
    staff: Kind,
    nodes: HashMap<RecordId, Label>,
}

impl Lookup {
    fn new(state: &ReplicaState) -> Self {
        let nodes = classifier::nodes(state)
            .into_iter()
            .map(|n| (n.id, Label { zh: n.name_zh, en: n.name_en }))
            .collect();
        Lookup {
            unit: Kind::new("unit"),
            department: Kind::new("department"),
            staff: Kind::new("staff"),
            nodes,
        }
    }

    /// The `field` of the live record `id` of `kind` (empty when unknown here).
    fn name(
        &self,
        state: &ReplicaState,
        kind: &Kind,
        id: Option<&RecordId>,
        field: &str,
    ) -> String {
        id.and_then(|id| state.record(kind, id))
            .filter(|r| !deleted(r))
            .map(|r| text(r, field))
            .unwrap_or_default()
    }
}

/// A reference field as an id (`None` when unset or not an id).
fn reference(f: &Fields, name: &str) -> Option<RecordId> {
    Some(RecordId(text(f, name))).filter(RecordId::is_valid)
}

fn view(
    state: &ReplicaState,
    look: &Lookup,
    id: &RecordId,
    f: &Fields,
    pending: &BTreeSet<RecordId>,
) -> RequestView {
    let unit = reference(f, "unit");
    let (department, assignee) = (reference(f, "department"), reference(f, "assignee"));
    let created_by = reference(f, "created_by");
    let node = |field: &str| reference(f, field).and_then(|n| look.nodes.get(&n).cloned());
    let millis = |field: &str| f.get(field).and_then(|s| s.value.as_i64());
    RequestView {
        id: id.clone(),
        number: text(f, "number"),
        unit_number: look.name(state, &look.unit, unit.as_ref(), "number"),
        description: text(f, "description"),
        status: parsed(f, "status", RequestStatus::parse).unwrap_or(RequestStatus::INITIAL),
        urgent: parsed(f, "urgency", Urgency::parse) == Some(Urgency::Urgent),
        category: parsed(f, "category", Category::parse),
        source: parsed(f, "source", Source::parse),
        missed_call: f.get("missed_call").is_some_and(|s| s.value == Value::Bool(true)),
        place: node("place"),
        topic: node("topic"),
        problem: node("problem"),
        department_name: look.name(state, &look.department, department.as_ref(), "name"),
        department,
        assignee_name: look.name(state, &look.staff, assignee.as_ref(), "name"),
        assignee,
        created_by_name: look.name(state, &look.staff, created_by.as_ref(), "name"),
        created_by,
        contact_name: text(f, "contact_name"),
        contact_phone: text(f, "contact_phone"),
        cancel_reason: text(f, "cancel_reason"),
        created_at: millis("created_at"),
        done_at: millis("done_at"),
        pending: pending.contains(id),
    }
}

/// Every live request, newest first: by `created_at`, then by id (UUIDv7, so creation
/// order for requests made by the app; imported or generated ones may have any id).
pub fn requests(state: &ReplicaState, pending: &BTreeSet<RecordId>) -> Vec<RequestView> {
    let look = Lookup::new(state);
    let mut out: Vec<RequestView> = state
        .records_of("request")
        .rev()
        .filter(|(_, f)| !deleted(f) && f.contains_key("status"))
        .map(|(id, f)| view(state, &look, id, f, pending))
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod flow_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod rules_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
