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
    /// The chosen unit's id (empty until the taker chooses one; a request names a unit or a
    /// common place).
    pub unit: String,
    /// A common place instead of a unit: its building (empty: a place of no building, the
    /// square), the entrance (单元, digits; optional), the area when no building is chosen,
    /// and the place as named ("3号梯", "中心广场"). Ignored when a unit is chosen.
    pub building: String,
    pub entrance: String,
    pub area: String,
    pub common_place: String,
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
            building: String::new(),
            entrance: String::new(),
            area: String::new(),
            common_place: String::new(),
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
    /// Neither a unit nor a common place (named, in a building or an area) is given.
    UnitRequired,
    /// The entrance is not a number from 1 to [`MAX_ENTRANCE`].
    BadEntrance,
    /// The description is empty or blank.
    DescriptionRequired,
}

/// The highest entrance (单元) number a form accepts.
pub const MAX_ENTRANCE: i64 = 99;

/// Where a form's request is: a unit, or a common place of a building or of an area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Unit(RecordId),
    /// A common place: in `building` (its entrance, if given), else in `area`.
    Common {
        building: Option<RecordId>,
        area: Option<RecordId>,
        entrance: Option<i64>,
        name: String,
    },
}

/// Where the form's request is (`UnitRequired` when it names neither a unit nor a common
/// place in a building or an area).
pub fn location(form: &NewRequestForm) -> Result<Location, FormError> {
    let id = |s: &str| Some(RecordId::from(s.trim())).filter(RecordId::is_valid);
    if let Some(unit) = id(&form.unit) {
        return Ok(Location::Unit(unit));
    }
    let (building, area) = (id(&form.building), id(&form.area));
    let name = form.common_place.trim();
    if name.is_empty() || (building.is_none() && area.is_none()) {
        return Err(FormError::UnitRequired);
    }
    let entrance = match form.entrance.trim() {
        "" => None,
        e => match e.parse::<i64>() {
            Ok(n) if (1..=MAX_ENTRANCE).contains(&n) && building.is_some() => Some(n),
            _ => return Err(FormError::BadEntrance),
        },
    };
    let area = if building.is_some() { None } else { area };
    Ok(Location::Common { building, area, entrance, name: name.to_owned() })
}

/// Checks the form before a number is taken for it (a refused form wastes no number).
pub fn check_form(form: &NewRequestForm) -> Result<(), FormError> {
    location(form)?;
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
    let mut edits = match location(form)? {
        Location::Unit(unit) => vec![e(field::UNIT, json!(unit))],
        Location::Common { building, area, entrance, name } => {
            let mut out = vec![e(field::COMMON_PLACE, json!(name))];
            out.extend(building.map(|b| e(field::BUILDING, json!(b))));
            out.extend(area.map(|a| e(field::AREA, json!(a))));
            out.extend(entrance.map(|n| e(field::ENTRANCE, json!(n))));
            out
        }
    };
    edits.extend([
        e(field::CATEGORY, json!(form.category)),
        e(field::SOURCE, json!(form.source)),
        e(field::URGENCY, json!(form.urgency)),
        e(field::MISSED_CALL, json!(form.missed_call && form.source == Source::Phone)),
        e(field::STATUS, json!(RequestStatus::INITIAL)),
        e(field::DESCRIPTION, json!(form.description.trim())),
        e(field::CREATED_AT, json!(actor.at)),
    ]);
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

/// The code of the area the request is placed in: its unit's building's, its building's,
/// or its own area's (empty when a link is missing or the form names no place: the number
/// then starts with `GJ`).
pub fn area_code(state: &ReplicaState, form: &NewRequestForm) -> String {
    let get = |kind: &str, id: &RecordId, field: &str| {
        state.record(&Kind::new(kind), id).filter(|f| !f.is_deleted()).map(|f| f.string(field))
    };
    let area = match location(form) {
        Ok(Location::Unit(unit)) => get(kind::UNIT, &unit, field::BUILDING)
            .map(RecordId)
            .and_then(|b| get(kind::BUILDING, &b, field::AREA)),
        Ok(Location::Common { building: Some(b), .. }) => get(kind::BUILDING, &b, field::AREA),
        Ok(Location::Common { area, .. }) => area.map(|a| a.0),
        Err(_) => None,
    };
    area.map(RecordId).and_then(|a| get(kind::AREA, &a, field::CODE)).unwrap_or_default()
}

/// Where a request filed on a common place is, as the lists show it in place of a unit
/// number: "3号楼 #2 · 3号梯" (building, entrance, the place as named); parts not given are
/// left out.
pub fn common_place_text(building: &str, entrance: Option<i64>, place: &str) -> String {
    let mut at = building.trim().to_owned();
    if let Some(n) = entrance {
        at = format!("{at} #{n}").trim().to_owned();
    }
    match (at.is_empty(), place.trim()) {
        (_, "") => at,
        (true, p) => p.to_owned(),
        (false, p) => format!("{at} · {p}"),
    }
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
