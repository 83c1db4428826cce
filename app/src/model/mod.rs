//! What the pages show, derived from the merged replica, and the edits the forms make.
//! Pure functions: tested natively, the pages only render them.

use shared::names::{field, kind};
use shared::replica::{Fields, ReplicaState};
use shared::request::callback::{follow_up, is_finding, FollowUp};
use shared::request::{classifier, Category, RequestStatus, Source, Urgency};
use shared::{Kind, RecordId};
use std::collections::{BTreeSet, HashMap};

pub mod dispatch;
pub mod flow;
pub mod intake;
pub mod intake_unit;
mod list;
pub mod timeline;
pub use intake::{FormError, NewRequestForm};
pub use list::{bulk_reassign_edits, names, DeskFilter, RequestFilter, RequestList, RowMeta};
pub mod arrears;
pub mod arrears_desk;
pub mod arrears_form;
pub mod arrears_import;
pub mod audit;
pub mod charts;
pub mod checklist_edit;
pub mod closing;
pub mod complaint;
mod conflicts;
pub mod day;
pub mod deadlines;
pub mod desk;
pub mod followup;
pub mod nav;
pub mod numbering;
pub mod offers;
pub mod patrol;
pub mod patrol_report;
pub mod patrol_xlsx;
pub mod quality;
pub mod renovation;
pub mod renovation_check;
pub mod renovation_desk;
pub mod renovation_form;
pub mod report_notes;
pub mod report_summaries;
pub mod report_tables;
pub mod reports;
pub mod review;
pub mod setting_input;
mod signature;
pub mod storage;
pub mod survey;
pub mod survey_form;
pub mod survey_xlsx;
// issue 25: services
pub mod keys;
pub mod service;
pub mod service_form;
pub mod update;
pub mod visit;
pub mod visit_desk;
pub mod visit_form;
// issue 25: moving
pub mod moving;
pub mod moving_check;
pub mod moving_day;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod moving_tests;
pub mod pass;
pub(crate) mod xlsx;
// issue 25: frontdesk
pub mod frontdesk;
pub mod frontdesk_handover;
pub mod knowledge;
pub mod mail;
pub use conflicts::{conflict_decision, display_value, open_conflicts, ConflictView, Side};

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
        .records_of(kind::UNIT)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, f)| UnitView { id: id.clone(), number: f.string(field::NUMBER) })
        .collect();
    out.sort_by(|a, b| a.number.cmp(&b.number).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Units whose number contains `filter` (case-insensitive; empty keeps all).
pub fn filter_units(units: &[UnitView], filter: &str) -> Vec<UnitView> {
    let f = filter.trim().to_lowercase();
    units.iter().filter(|u| u.number.to_lowercase().contains(&f)).cloned().collect()
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
    /// The unit's building and the area it is in (a request without a unit: its own
    /// `area`), by name: where the job is (department staff hold every unit for this).
    pub building_name: String,
    pub area_name: String,
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
    /// Called back, or (a patrol finding) re-checked: `shared::request::callback::follow_up`.
    pub follow_up: FollowUp,
}

impl RequestView {
    /// A request with only its id: what a record with no fields set shows (tests build rows
    /// from it with `..RequestView::blank(id)`).
    pub fn blank(id: RecordId) -> Self {
        RequestView {
            id,
            number: String::new(),
            unit_number: String::new(),
            building_name: String::new(),
            area_name: String::new(),
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
            follow_up: FollowUp::Callback,
        }
    }

    /// Where the job is, "一区 · 1号楼 · 1-0302": area, building and unit, those known.
    pub fn location(&self) -> String {
        let parts = [&self.area_name, &self.building_name, &self.unit_number];
        let known: Vec<&str> =
            parts.iter().map(|p| p.as_str()).filter(|p| !p.trim().is_empty()).collect();
        known.join(" · ")
    }
}

/// One request by id (looks up only its own unit, people and classifier nodes, so opening a
/// request costs the same on a replica of 50 records or 50,000).
pub fn request(
    state: &ReplicaState,
    pending: &BTreeSet<RecordId>,
    id: &RecordId,
) -> Option<RequestView> {
    let f = state.record(&Kind::new(kind::REQUEST), id)?;
    (!f.is_deleted()).then(|| view(state, &Lookup::new(state), id, f, pending))
}

/// What a view looks up in other records: the kinds (made once) and the classifier's names.
struct Lookup {
    unit: Kind,
    building: Kind,
    area: Kind,
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
            unit: Kind::new(kind::UNIT),
            building: Kind::new(kind::BUILDING),
            area: Kind::new(kind::AREA),
            department: Kind::new(kind::DEPARTMENT),
            staff: Kind::new(kind::STAFF),
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
            .filter(|r| !r.is_deleted())
            .map(|r| r.string(field))
            .unwrap_or_default()
    }
}

fn view(
    state: &ReplicaState,
    look: &Lookup,
    id: &RecordId,
    f: &Fields,
    pending: &BTreeSet<RecordId>,
) -> RequestView {
    let unit = f.reference(field::UNIT);
    let building = unit
        .as_ref()
        .and_then(|u| state.record(&look.unit, u)?.reference(field::BUILDING))
        .or_else(|| f.reference(field::BUILDING));
    let area =
        building.as_ref().and_then(|b| state.record(&look.building, b)?.reference(field::AREA));
    let area = area.or_else(|| f.reference(field::AREA));
    let (department, assignee) = (f.reference(field::DEPARTMENT), f.reference(field::ASSIGNEE));
    let created_by = f.reference(field::CREATED_BY);
    let node = |name: &str| f.reference(name).and_then(|n| look.nodes.get(&n).cloned());
    RequestView {
        id: id.clone(),
        number: f.string(field::NUMBER),
        unit_number: match unit {
            Some(_) => look.name(state, &look.unit, unit.as_ref(), field::NUMBER),
            // Filed on a common place: where it is, so the lists show and find it.
            None => intake::common_place_text(
                &look.name(
                    state,
                    &Kind::new(kind::BUILDING),
                    f.reference(field::BUILDING).as_ref(),
                    field::NAME,
                ),
                f.int(field::ENTRANCE),
                &f.string(field::COMMON_PLACE),
            ),
        },
        building_name: look.name(state, &look.building, building.as_ref(), field::NAME),
        area_name: look.name(state, &look.area, area.as_ref(), field::NAME),
        description: f.string(field::DESCRIPTION),
        status: f.parsed(field::STATUS, RequestStatus::parse).unwrap_or(RequestStatus::INITIAL),
        urgent: f.parsed(field::URGENCY, Urgency::parse) == Some(Urgency::Urgent),
        category: f.parsed(field::CATEGORY, Category::parse),
        source: f.parsed(field::SOURCE, Source::parse),
        missed_call: f.flag(field::MISSED_CALL) == Some(true),
        place: node(field::PLACE),
        topic: node(field::TOPIC),
        problem: node(field::PROBLEM),
        department_name: look.name(state, &look.department, department.as_ref(), field::NAME),
        department,
        assignee_name: look.name(state, &look.staff, assignee.as_ref(), field::NAME),
        assignee,
        created_by_name: look.name(state, &look.staff, created_by.as_ref(), field::NAME),
        created_by,
        contact_name: f.string(field::CONTACT_NAME),
        contact_phone: f.string(field::CONTACT_PHONE),
        cancel_reason: f.string(field::CANCEL_REASON),
        created_at: f.int(field::CREATED_AT),
        done_at: f.int(field::DONE_AT),
        pending: pending.contains(id),
        follow_up: follow_up(is_finding(f)),
    }
}

/// Every live request, newest first: by `created_at`, then by id (UUIDv7, so creation
/// order for requests made by the app; imported or generated ones may have any id).
pub fn requests(state: &ReplicaState, pending: &BTreeSet<RecordId>) -> Vec<RequestView> {
    let look = Lookup::new(state);
    let mut out: Vec<RequestView> = state
        .records_of(kind::REQUEST)
        .rev()
        .filter(|(_, f)| !f.is_deleted() && f.contains_key(field::STATUS))
        .map(|(id, f)| view(state, &look, id, f, pending))
        .collect();
    // Stable: equal times keep the newest-id-first order.
    out.sort_by_key(|r| std::cmp::Reverse(r.created_at));
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod arrears_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod flow_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod intake_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod offers_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod renovation_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod rules_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod survey_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod timeline_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod visit_tests;
// issue 25: services
#[cfg(all(test, not(target_arch = "wasm32")))]
mod service_tests;
// issue 25: frontdesk
#[cfg(all(test, not(target_arch = "wasm32")))]
mod frontdesk_tests;
