//! The register built once per replica change: the rows of units and people, and beside
//! them pre-normalised search keys (lower case, full-width forms folded, phones as digits
//! only). A search is then one pass of `str::contains` over prepared strings: no record is
//! read, parsed or copied per keystroke, and only the shown hits are allocated.

use super::{link_is_live, natural_cmp};
use shared::names::{field, kind};
use shared::register::{PersonRole, UnitState, UnitType};
use shared::replica::ReplicaState;
use shared::request::RequestStatus;
use shared::RecordId;
use std::collections::HashMap;

/// Joins the parts of one key; nobody types it, so a query never matches across two parts.
const SEP: char = '\u{1f}';

/// One live unit as the register lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    pub id: RecordId,
    /// What people call the unit: `1-0302`.
    pub number: String,
    /// The long name: `1号楼0302室`.
    pub label: String,
    pub building_id: RecordId,
    /// The building's name (empty until the building is synced).
    pub building: String,
    pub floor: Option<i64>,
    pub unit_type: Option<UnitType>,
    pub state: Option<UnitState>,
    /// The people linked now (indices into [`Register::people`]), owners first.
    pub people: Vec<u32>,
    /// Requests of the unit not closed or cancelled.
    pub open_requests: usize,
}

/// One live person as the register lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    pub id: RecordId,
    pub name: String,
    pub phone: String,
    pub phone2: String,
    pub key_customer: bool,
    /// The person's live links: (index into [`Register::units`], role).
    pub links: Vec<(u32, Option<PersonRole>)>,
}

#[derive(Debug, Default)]
struct UnitKeys {
    number: String,
    /// The number without its dash: `10302` finds `1-0302`.
    compact: String,
    /// Label and building name.
    place: String,
    /// The names of the people linked now.
    names: String,
    /// Their phones and second phones, digits only.
    phones: String,
}

#[derive(Debug, Default)]
struct PersonKeys {
    name: String,
    phones: String,
}

/// Units and people with their search keys. Units are in number order (natural: `2-…` before
/// `10-…`), people in name order, buildings in name order.
#[derive(Debug, Default)]
pub struct Register {
    pub units: Vec<UnitRow>,
    pub people: Vec<PersonRow>,
    /// Live buildings: (id, name), for the building filter.
    pub buildings: Vec<(RecordId, String)>,
    unit_keys: Vec<UnitKeys>,
    person_keys: Vec<PersonKeys>,
}

/// Lower case, with full-width ASCII (what a Chinese keyboard may type: `１８０１`) folded.
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The digits of a phone number (full-width ones folded).
pub fn digits(s: &str) -> String {
    normalize(s).chars().filter(char::is_ascii_digit).collect()
}

/// A search as typed, normalised once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Query {
    pub text: String,
    /// The digits, when the query looks like part of a phone number (only digits, spaces,
    /// `-`, `+`, and at least 4 digits).
    pub digits: Option<String>,
}

impl Query {
    /// `None` for a blank query.
    pub fn new(raw: &str) -> Option<Query> {
        let text = normalize(raw.trim());
        if text.is_empty() {
            return None;
        }
        let phone_like = text.chars().all(|c| c.is_ascii_digit() || " -+".contains(c));
        let d: String = text.chars().filter(char::is_ascii_digit).collect();
        Some(Query { digits: (phone_like && d.len() >= 4).then_some(d), text })
    }
}

/// Why a unit matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Matched {
    /// The number, exactly.
    Exact,
    Number,
    /// The label or the building's name.
    Place,
    /// A linked person's name.
    Name,
    /// Digits of a linked person's phone.
    Phone,
}

impl Register {
    /// Reads the replica once: live buildings, units, people and links, and counts the open
    /// requests per unit. `now_ms` decides which links are moved out.
    pub fn build(state: &ReplicaState, now_ms: i64) -> Register {
        let mut buildings: Vec<(RecordId, String)> = state
            .records_of(kind::BUILDING)
            .filter(|(_, f)| !f.is_deleted())
            .map(|(id, f)| (id.clone(), f.string(field::NAME)))
            .collect();
        buildings.sort_by(|a, b| natural_cmp(&a.1, &b.1).then_with(|| a.0.cmp(&b.0)));
        let building_names: HashMap<&RecordId, &str> =
            buildings.iter().map(|(id, n)| (id, n.as_str())).collect();
        let mut units: Vec<UnitRow> = state
            .records_of(kind::UNIT)
            .filter(|(_, f)| !f.is_deleted())
            .map(|(id, f)| {
                let building_id = RecordId(f.string(field::BUILDING));
                UnitRow {
                    id: id.clone(),
                    number: f.string(field::NUMBER),
                    label: f.string(field::LABEL),
                    building: building_names.get(&building_id).copied().unwrap_or("").to_owned(),
                    building_id,
                    floor: f.int(field::FLOOR),
                    unit_type: f.parsed(field::TYPE, UnitType::parse),
                    state: f.parsed(field::STATE, UnitState::parse),
                    people: Vec::new(),
                    open_requests: 0,
                }
            })
            .collect();
        units.sort_by(|a, b| natural_cmp(&a.number, &b.number).then_with(|| a.id.cmp(&b.id)));
        let mut people: Vec<PersonRow> = state
            .records_of(kind::PERSON)
            .filter(|(_, f)| !f.is_deleted())
            .map(|(id, f)| PersonRow {
                id: id.clone(),
                name: f.string(field::NAME),
                phone: f.string(field::PHONE),
                phone2: f.string(field::PHONE2),
                key_customer: f.flag(field::KEY_CUSTOMER) == Some(true),
                links: Vec::new(),
            })
            .collect();
        people.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        let (ties, open) = links_and_open_requests(state, &units, &people, now_ms);
        for (u, p, role) in ties {
            units[u as usize].people.push(p);
            people[p as usize].links.push((u, role));
        }
        for (unit, open) in units.iter_mut().zip(open) {
            unit.open_requests = open;
        }
        let person_keys: Vec<PersonKeys> = people
            .iter()
            .map(|p| PersonKeys { name: normalize(&p.name), phones: phone_key(p) })
            .collect();
        let unit_keys = units
            .iter()
            .map(|u| {
                let number = normalize(&u.number);
                let mut k = UnitKeys {
                    compact: number.replace('-', ""),
                    number,
                    place: format!("{}{SEP}{}", normalize(&u.label), normalize(&u.building)),
                    ..UnitKeys::default()
                };
                for &p in &u.people {
                    let pk = &person_keys[p as usize];
                    k.names.push(SEP);
                    k.names.push_str(&pk.name);
                    k.phones.push(SEP);
                    k.phones.push_str(&pk.phones);
                }
                k
            })
            .collect();
        Register { units, people, buildings, unit_keys, person_keys }
    }

    /// Why unit `i` matches `q`, if it does.
    pub(crate) fn unit_match(&self, i: usize, q: &Query) -> Option<Matched> {
        let k = &self.unit_keys[i];
        let t = q.text.as_str();
        if k.number == t || k.compact == t {
            Some(Matched::Exact)
        } else if k.number.contains(t) || k.compact.contains(t) {
            Some(Matched::Number)
        } else if k.place.contains(t) {
            Some(Matched::Place)
        } else if k.names.contains(t) {
            Some(Matched::Name)
        } else if q.digits.as_deref().is_some_and(|d| k.phones.contains(d)) {
            Some(Matched::Phone)
        } else {
            None
        }
    }

    /// Whether person `i` matches `q` by name or phone digits.
    pub(crate) fn person_matches(&self, i: usize, q: &Query) -> bool {
        let k = &self.person_keys[i];
        k.name.contains(q.text.as_str())
            || q.digits.as_deref().is_some_and(|d| k.phones.contains(d))
    }

    /// Whether person `i`'s phones hold the query's digits.
    pub(crate) fn phone_matches(&self, i: usize, q: &Query) -> bool {
        q.digits.as_deref().is_some_and(|d| self.person_keys[i].phones.contains(d))
    }

    /// Whether person `i`'s name holds the query.
    pub(crate) fn name_matches(&self, i: usize, q: &Query) -> bool {
        self.person_keys[i].name.contains(q.text.as_str())
    }
}

/// A live link: (unit index, person index, role).
type Tie = (u32, u32, Option<PersonRole>);

/// The live links as (unit, person, role) indices, owners first within a unit, and the
/// number of open requests of each unit. Ids are looked up as borrowed strings: nothing is
/// allocated per link or request.
fn links_and_open_requests(
    state: &ReplicaState,
    units: &[UnitRow],
    people: &[PersonRow],
    now_ms: i64,
) -> (Vec<Tie>, Vec<usize>) {
    let unit_at: HashMap<&str, u32> =
        units.iter().enumerate().map(|(i, u)| (u.id.as_str(), i as u32)).collect();
    let person_at: HashMap<&str, u32> =
        people.iter().enumerate().map(|(i, p)| (p.id.as_str(), i as u32)).collect();
    let mut ties = Vec::new();
    for (_, f) in state.records_of(kind::UNIT_PERSON) {
        if f.is_deleted() || !link_is_live(f.int(field::TO), now_ms) {
            continue;
        }
        let unit = unit_at.get(f.text(field::UNIT).unwrap_or_default());
        if let (Some(&u), Some(&p)) =
            (unit, person_at.get(f.text(field::PERSON).unwrap_or_default()))
        {
            ties.push((u, p, f.parsed(field::ROLE, PersonRole::parse)));
        }
    }
    let rank = |r: Option<PersonRole>| r.map_or(usize::MAX, super::role_rank);
    ties.sort_by_key(|&(u, p, r)| (u, rank(r), p));
    ties.dedup_by_key(|&mut (u, p, _)| (u, p));
    let mut open = vec![0; units.len()];
    for (_, f) in state.records_of(kind::REQUEST) {
        let is_open = f.parsed(field::STATUS, RequestStatus::parse).is_some_and(|s| s.is_open());
        if is_open && !f.is_deleted() {
            if let Some(&u) = unit_at.get(f.text(field::UNIT).unwrap_or_default()) {
                open[u as usize] += 1;
            }
        }
    }
    (ties, open)
}

fn phone_key(p: &PersonRow) -> String {
    format!("{}{SEP}{}", digits(&p.phone), digits(&p.phone2))
}
