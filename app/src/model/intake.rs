//! Intake (受理): the new-request form, its classifier pickers and the request's readable
//! number. The taker owns the request until it is dispatched (首问负责制): `created_by` is
//! the taker, status `new`, and a `created` event starts its history, all in one edit.

use super::flow::{event_edits, Actor, EventText};
use crate::sync::{FieldEdit, TakenNumber};
use serde_json::{json, Value};
use shared::calendar::civil_from_days;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::classifier::{Level, Node};
use shared::request::history::EventType;
use shared::request::{number, Category, RequestStatus, Source, Urgency};
use shared::{Kind, RecordId};

/// What the new-request form holds. Ids are as the `<select>`s give them (empty: none).
#[derive(Debug, Clone, PartialEq)]
pub struct NewRequestForm {
    /// The chosen unit's id (required: a request without a unit cannot be dispatched).
    pub unit: String,
    /// The request's type (wire field `category`).
    pub category: Category,
    /// The channel it came in by.
    pub source: Source,
    pub urgency: Urgency,
    /// A missed phone call (due in 3 h); ignored unless the source is the phone.
    pub missed_call: bool,
    /// Classifier nodes: place, topic, problem (each optional).
    pub place: String,
    pub topic: String,
    pub problem: String,
    /// The resident's name and phone as typed (optional; left out when blank).
    pub contact_name: String,
    pub contact_phone: String,
    /// Required; trimmed when saved.
    pub description: String,
}

impl Default for NewRequestForm {
    fn default() -> Self {
        Self {
            unit: String::new(),
            category: Category::Repair,
            source: Source::Phone,
            urgency: Urgency::Normal,
            missed_call: false,
            place: String::new(),
            topic: String::new(),
            problem: String::new(),
            contact_name: String::new(),
            contact_phone: String::new(),
            description: String::new(),
        }
    }
}

/// Why the form cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormError {
    /// No valid unit is chosen.
    UnitRequired,
    /// The description is empty or blank.
    DescriptionRequired,
}

/// Checks the form before a number is taken for it (a refused form wastes no number).
pub fn check_form(form: &NewRequestForm) -> Result<(), FormError> {
    if !RecordId(form.unit.clone()).is_valid() {
        return Err(FormError::UnitRequired);
    }
    if form.description.trim().is_empty() {
        return Err(FormError::DescriptionRequired);
    }
    Ok(())
}

/// The edits that create request `id` from `form` with its readable `number`: status `new`,
/// `created_at` and `created_by` from the actor, and its `created` event.
pub fn new_request_edits(
    id: &RecordId,
    form: &NewRequestForm,
    number: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, FormError> {
    check_form(form)?;
    let e = |field: &str, v: Value| FieldEdit::new(kind::REQUEST, id, field, v);
    let mut edits = vec![
        e(field::UNIT, json!(form.unit)),
        e(field::CATEGORY, json!(form.category)),
        e(field::SOURCE, json!(form.source)),
        e(field::URGENCY, json!(form.urgency)),
        e(field::MISSED_CALL, json!(form.missed_call && form.source == Source::Phone)),
        e(field::STATUS, json!(RequestStatus::INITIAL)),
        e(field::DESCRIPTION, json!(form.description.trim())),
        e(field::CREATED_AT, json!(actor.at)),
    ];
    if !number.trim().is_empty() {
        edits.push(e(field::NUMBER, json!(number.trim())));
    }
    if RecordId::from(actor.staff.as_str()).is_valid() {
        edits.push(e(field::CREATED_BY, json!(actor.staff)));
    }
    for (field, v) in
        [(field::PLACE, &form.place), (field::TOPIC, &form.topic), (field::PROBLEM, &form.problem)]
    {
        if RecordId::from(v.as_str()).is_valid() {
            edits.push(e(field, json!(v)));
        }
    }
    for (field, v) in
        [(field::CONTACT_NAME, &form.contact_name), (field::CONTACT_PHONE, &form.contact_phone)]
    {
        if !v.trim().is_empty() {
            edits.push(e(field, json!(v.trim())));
        }
    }
    edits.extend(event_edits(id, EventType::Created, &EventText::default(), actor));
    Ok(edits)
}

/// The code of the area of `unit`'s building (empty when any link is missing: the number
/// then starts with `GJ`).
pub fn area_code(state: &ReplicaState, unit: &RecordId) -> String {
    let get = |kind: &str, id: &RecordId, field: &str| {
        state.record(&Kind::new(kind), id).filter(|f| !f.is_deleted()).map(|f| f.string(field))
    };
    let building = get(kind::UNIT, unit, field::BUILDING).map(RecordId);
    let area = building.and_then(|b| get(kind::BUILDING, &b, field::AREA)).map(RecordId);
    area.and_then(|a| get(kind::AREA, &a, field::CODE)).unwrap_or_default()
}

/// The local date `(y, m, d)` at `ms` in a time zone `offset_min` ahead of UTC.
pub fn local_date(ms: i64, offset_min: i64) -> (i64, i64, i64) {
    civil_from_days((ms + offset_min * 60_000).div_euclid(86_400_000))
}

/// The readable number of a request taken `taken`: `A2-261127-0457`, or a provisional
/// `A2-261127-T0190f0a0-3` when the pool was empty.
pub fn request_number(area_code: &str, date: (i64, i64, i64), taken: &TakenNumber) -> String {
    match taken {
        TakenNumber::Pooled(n) => number::format(area_code, date, *n),
        TakenNumber::Provisional { replica, k } => {
            number::provisional(area_code, date, replica.as_str(), *k)
        }
    }
}

/// The nodes of `level` (for a picker), problems only those under `topic` (all problems
/// when no topic is chosen).
pub fn picker<'a>(nodes: &'a [Node], level: Level, topic: &str) -> Vec<&'a Node> {
    nodes
        .iter()
        .filter(|n| n.level == level)
        .filter(|n| {
            level != Level::Problem
                || topic.is_empty()
                || n.parent.as_ref().is_some_and(|p| p.as_str() == topic)
        })
        .collect()
}
