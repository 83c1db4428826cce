//! The daily site check of a renovation (000 §5.8) and its completion acceptance (验收), as
//! edits: offline, each one save.
//!
//! Laws:
//! - The checklist is the renovation section (`Covers::Renovation`) of the default patrol
//!   template's published version, read as the patrol reads it
//!   (`shared::patrol::template::checklist`): a supervisor's edit of that section is what
//!   the next check asks.
//! - A check with a violation is ONE edit: the check (result, failed items, violation,
//!   `stop_order`, `request`), the renovation moved approved → stopped, and the
//!   rectification request (repair, source patrol, the renovation's unit, routed to the
//!   renovation's department) with its `created` event. No tablet can hold a stop without
//!   its check, or a check without its request.
//! - A violation needs its description; only works under way (approved or stopped) are
//!   checked.
//! - Acceptance is ONE edit too: approved → completed with `accepted_by/at`, and a request to
//!   the finance department (`code` finance) to return the deposit, its amount and unit in
//!   the description, its id in `deposit_request`.

use super::flow::{event_edits, Actor, EventText};
use super::renovation::{department_by_code, RenovationView};
use super::renovation_form::{offered_moves, writes_all, RenoError, REQUEST_FIELDS};
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::machine::Machine;
use shared::names::{field, kind};
use shared::patrol::template::{checklist, default_id, template, Item, PATROL_TEMPLATE};
use shared::patrol::Covers;
use shared::renovation::{CheckResult, RenovationStatus};
use shared::replica::ReplicaState;
use shared::request::classifier::DepartmentCode;
use shared::request::history::EventType;
use shared::request::{Category, RequestStatus, Source, Urgency};
use shared::scope::may_write_field;
use shared::{Kind, RecordId};

/// The fields a check writes.
pub const CHECK_FIELDS: &[&str] = &[
    field::RENOVATION,
    field::RESULT,
    field::FAILED_ITEMS,
    field::VIOLATION,
    field::STOP_ORDER,
    field::REQUEST,
    field::AT,
    field::BY,
];

/// The items of a renovation site check: the published renovation section of the default
/// patrol template.
pub fn check_items(state: &ReplicaState) -> Vec<Item> {
    let id = default_id(PATROL_TEMPLATE);
    let version = template(state, &id).map(|t| t.version).unwrap_or(1);
    checklist(state, &id, version)
        .into_iter()
        .filter(|(s, _)| s.covers == Some(Covers::Renovation))
        .flat_map(|(_, items)| items)
        .collect()
}

/// What the check form holds.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckForm {
    /// The items marked failed.
    pub failed: Vec<RecordId>,
    pub result: CheckResult,
    /// What was wrong (required for a violation).
    pub violation: String,
    pub note: String,
}

/// Whether `role` may record a check (and a violation's stop and request).
pub fn may_check(role: shared::Role) -> bool {
    writes_all(role, kind::RENOVATION_CHECK, CHECK_FIELDS)
        && writes_all(role, kind::REQUEST, REQUEST_FIELDS)
        && RenovationStatus::Approved.may_become(RenovationStatus::Stopped, role)
}

/// The edits of request `id` on the renovation's unit, routed to `department`, with its
/// `created` event.
fn request_edits(
    id: &RecordId,
    r: &RenovationView,
    category: Category,
    source: Source,
    description: String,
    department: Option<&RecordId>,
    actor: &Actor,
) -> Vec<FieldEdit> {
    let e = |f: &str, v: Value| FieldEdit::new(kind::REQUEST, id, f, v);
    let mut out = vec![
        e(field::CATEGORY, json!(category)),
        e(field::SOURCE, json!(source)),
        e(field::URGENCY, json!(Urgency::Normal)),
        e(field::STATUS, json!(RequestStatus::INITIAL)),
        e(field::DESCRIPTION, json!(description)),
        e(field::CREATED_AT, json!(actor.at)),
    ];
    out.extend(r.unit.as_ref().map(|u| e(field::UNIT, json!(u))));
    out.extend(department.map(|d| e(field::DEPARTMENT, json!(d))));
    if RecordId::from(actor.staff.as_str()).is_valid() {
        out.push(e(field::CREATED_BY, json!(actor.staff)));
    }
    out.extend(event_edits(id, EventType::Created, &EventText::default(), actor));
    out
}

/// The edits of check `check` of renovation `r` from `form` (see the module's laws); a
/// violation's rectification request is `request`.
pub fn check_edits(
    state: &ReplicaState,
    r: &RenovationView,
    check: &RecordId,
    request: &RecordId,
    form: &CheckForm,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, RenoError> {
    if !may_check(actor.role) {
        return Err(RenoError::NotAllowed);
    }
    if !r.status.is_some_and(RenovationStatus::is_active) {
        return Err(RenoError::NotActive);
    }
    let violation = form.result == CheckResult::Violation;
    if violation && form.violation.trim().is_empty() {
        return Err(RenoError::ViolationRequired);
    }
    let c = |f: &str, v: Value| FieldEdit::new(kind::RENOVATION_CHECK, check, f, v);
    let failed: Vec<&str> = form.failed.iter().map(RecordId::as_str).collect();
    let mut out = vec![
        c(field::RENOVATION, json!(r.id)),
        c(field::RESULT, json!(form.result)),
        c(field::AT, json!(actor.at)),
    ];
    if !failed.is_empty() {
        out.push(c(field::FAILED_ITEMS, json!(failed.join(","))));
    }
    if !form.note.trim().is_empty() {
        out.push(c(field::NOTE, json!(form.note.trim())));
    }
    if RecordId::from(actor.staff.as_str()).is_valid() {
        out.push(c(field::BY, json!(actor.staff)));
    }
    if violation {
        let what = form.violation.trim();
        out.push(c(field::VIOLATION, json!(what)));
        out.push(c(field::STOP_ORDER, json!(true)));
        out.push(c(field::REQUEST, json!(request)));
        if r.status == Some(RenovationStatus::Approved) {
            let status = json!(RenovationStatus::Stopped);
            out.push(FieldEdit::new(kind::RENOVATION, &r.id, field::STATUS, status));
        }
        let items: Vec<String> = check_items(state)
            .into_iter()
            .filter(|i| form.failed.contains(&i.id))
            .map(|i| i.text_zh)
            .collect();
        let mut text = format!("【装修违规】{}：{what}", r.unit_number);
        if !items.is_empty() {
            text.push_str(&format!("；不合格项：{}", items.join("、")));
        }
        let department = renovation_department(state, &r.id);
        out.extend(request_edits(
            request,
            r,
            Category::Repair,
            Source::Patrol,
            text,
            department.as_ref(),
            actor,
        ));
    }
    Ok(out)
}

fn renovation_department(state: &ReplicaState, id: &RecordId) -> Option<RecordId> {
    state.record(&Kind::new(kind::RENOVATION), id)?.reference(field::DEPARTMENT)
}

/// The edits of the acceptance of renovation `r` (approved → completed) with the deposit's
/// return filed as `request` to finance (see the module's laws); the page names it
/// `shared::renovation::deposit_request_id`, so pressing twice files one request.
pub fn acceptance_edits(
    state: &ReplicaState,
    r: &RenovationView,
    request: &RecordId,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, RenoError> {
    let from = r.status.ok_or(RenoError::NotAllowed)?;
    if !offered_moves(actor.role, from).contains(&RenovationStatus::Completed) {
        return Err(RenoError::NotAllowed);
    }
    let mut out =
        super::renovation_form::move_edits(&r.id, from, RenovationStatus::Completed, "", actor)?;
    out.push(FieldEdit::new(kind::RENOVATION, &r.id, field::DEPOSIT_REQUEST, json!(request)));
    let amount = r.deposit.map(|d| format!("{d}")).unwrap_or_else(|| "—".into());
    let text = format!("【装修押金退还】房屋 {} 装修已验收，请退还押金 {amount} 元", r.unit_number);
    let finance = department_by_code(state, DepartmentCode::Finance);
    out.extend(request_edits(
        request,
        r,
        Category::Inquiry,
        Source::Other,
        text,
        finance.as_ref(),
        actor,
    ));
    debug_assert!(out.iter().all(|e| may_write_field(actor.role, e.kind.as_str(), &e.field)));
    Ok(out)
}

/// One check as the detail page's history shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckView {
    pub id: RecordId,
    pub result: Option<CheckResult>,
    /// The failed items' texts (zh, en).
    pub failed: Vec<(String, String)>,
    pub violation: String,
    pub stop_order: bool,
    pub request: Option<RecordId>,
    pub note: String,
    pub at: Option<i64>,
    pub by: String,
}

/// The live checks of renovation `id`, newest first.
pub fn checks_of(state: &ReplicaState, id: &RecordId) -> Vec<CheckView> {
    let staff = Kind::new(kind::STAFF);
    let mut out: Vec<CheckView> = state
        .records_of(kind::RENOVATION_CHECK)
        .filter(|(_, f)| !f.is_deleted() && f.reference(field::RENOVATION).as_ref() == Some(id))
        .map(|(cid, f)| CheckView {
            id: cid.clone(),
            result: f.parsed(field::RESULT, CheckResult::parse),
            failed: f
                .string(field::FAILED_ITEMS)
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|s| match shared::patrol::template::item(state, &RecordId::from(s.trim())) {
                    Some(i) => (i.text_zh, i.text_en),
                    None => (s.to_owned(), s.to_owned()),
                })
                .collect(),
            violation: f.string(field::VIOLATION),
            stop_order: f.flag(field::STOP_ORDER) == Some(true),
            request: f.reference(field::REQUEST),
            note: f.string(field::NOTE),
            at: f.int(field::AT),
            by: f
                .reference(field::BY)
                .and_then(|b| state.record(&staff, &b))
                .map(|s| s.string(field::NAME))
                .unwrap_or_default(),
        })
        .collect();
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
    out
}
