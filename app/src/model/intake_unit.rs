//! The new-request form's unit picker (issue 28 point 4): nothing is chosen until the taker
//! chooses. Typing a unit's number chooses it ("3-0502", "30502", or "0502" within the
//! chosen building); the register's search ([`Register::search`]: numbers, buildings,
//! residents' names and phones) lists the units to pick from; a chosen unit's people fill
//! in the contact, which stays editable.

use crate::register::index::{normalize, UnitRow};
use crate::register::Register;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::{Kind, RecordId};

/// How many units the picker lists for a search.
pub const PICKER_LIMIT: usize = 50;

/// One unit the picker lists: its number and the people linked now ("王芳、李强").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChoice {
    pub id: RecordId,
    pub number: String,
    pub people: String,
}

/// Whether `u` is in `building` (any unit when none is chosen).
fn in_building(u: &UnitRow, building: Option<&RecordId>) -> bool {
    building.is_none_or(|b| &u.building_id == b)
}

/// The unit `typed` names, when exactly one does: its whole number (dash optional), or,
/// within the chosen `building`, the number after the building's part ("0502" in building
/// 3 is "3-0502"). `None` for a partial or ambiguous number: the taker picks from the list.
pub fn typed_unit(reg: &Register, typed: &str, building: Option<&RecordId>) -> Option<RecordId> {
    let t = normalize(typed.trim());
    if t.is_empty() {
        return None;
    }
    let names = |u: &UnitRow| {
        let n = normalize(&u.number);
        let tail = n.split_once('-').map(|(_, tail)| tail == t).unwrap_or(false);
        n == t || n.replace('-', "") == t || (building.is_some() && tail)
    };
    let mut found = reg.units.iter().filter(|u| in_building(u, building) && names(u));
    match (found.next(), found.next()) {
        (Some(u), None) => Some(u.id.clone()),
        _ => None,
    }
}

/// The units to pick from: those `typed` finds in the register (best first, at most
/// [`PICKER_LIMIT`]), or every unit of the chosen `building` (of the site when none) when
/// nothing is typed; the `chosen` unit always first when the list would leave it out, so
/// the picker never holds a unit it does not show.
pub fn picker_units(
    reg: &Register,
    typed: &str,
    building: Option<&RecordId>,
    chosen: Option<&RecordId>,
) -> Vec<UnitChoice> {
    let choice = |u: &UnitRow| {
        let names: Vec<&str> =
            u.people.iter().map(|&p| reg.people[p as usize].name.as_str()).collect();
        UnitChoice { id: u.id.clone(), number: u.number.clone(), people: names.join("、") }
    };
    let of = |id: &RecordId| reg.units.iter().find(|u| &u.id == id);
    let mut out: Vec<UnitChoice> = if typed.trim().is_empty() {
        reg.units.iter().filter(|u| in_building(u, building)).map(choice).collect()
    } else {
        reg.search(typed, reg.units.len().max(1))
            .hits
            .into_iter()
            .filter(|h| of(&h.id).is_some_and(|u| in_building(u, building)))
            .take(PICKER_LIMIT)
            .map(|h| UnitChoice { id: h.id, number: h.number, people: h.people })
            .collect()
    };
    if let Some(u) = chosen.and_then(of).filter(|u| !out.iter().any(|c| c.id == u.id)) {
        out.insert(0, choice(u));
    }
    out
}

/// The contact a request on `unit` starts with: the first person linked now (owners
/// first) with a name, and their phone (empty when none is recorded).
pub fn unit_contact(reg: &Register, unit: &RecordId) -> Option<(String, String)> {
    let u = reg.units.iter().find(|u| &u.id == unit)?;
    u.people
        .iter()
        .map(|&p| &reg.people[p as usize])
        .find(|p| !p.name.trim().is_empty())
        .map(|p| (p.name.clone(), p.phone.clone()))
}

/// The contact fields after the unit changed: the new unit's people replace what is shown
/// when the taker has not typed their own (what is shown is blank or what the last unit
/// filled in); a typed contact stays.
pub fn refill_contact(
    shown: &(String, String),
    filled: &(String, String),
    next: Option<(String, String)>,
) -> Option<(String, String)> {
    let untouched = shown == filled || (shown.0.trim().is_empty() && shown.1.trim().is_empty());
    untouched.then(|| next.unwrap_or_default())
}

/// The buildings a taker may file on: those of `area` (a butler's own: the server refuses
/// another area's), every building when `None` (the office), in the register's order.
pub fn buildings_in(
    state: &ReplicaState,
    reg: &Register,
    area: Option<&RecordId>,
) -> Vec<(RecordId, String)> {
    let building = Kind::new(kind::BUILDING);
    let of = |id: &RecordId| state.record(&building, id).and_then(|f| f.reference(field::AREA));
    reg.buildings
        .iter()
        .filter(|(id, _)| area.is_none_or(|a| of(id).as_ref() == Some(a)))
        .cloned()
        .collect()
}
