//! The register built once per replica change: the rows of units and people, and beside
//! them pre-normalised search keys (lower case, full-width forms folded, phones as digits
//! only), laid end to end in [`Haystack`]s. A search is then one pass of one searcher over
//! each: no record is read, parsed or copied per keystroke, and only the shown hits are
//! allocated.

use super::haystack::{Haystack, SEP};
use super::{link_is_live, natural_cmp};
use shared::names::{field, kind};
use shared::register::{PersonRole, UnitState, UnitType};
use shared::replica::ReplicaState;
use shared::request::RequestStatus;
use shared::RecordId;
use std::collections::HashMap;

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

/// The parts of a unit's key in [`Register::unit_text`], in order: the number, the number
/// without its dash (`10302` finds `1-0302`), the label, the building's name, then the names
/// of the people linked now. The first part a query is found in says how it matched.
const UNIT_NUMBER: usize = 0;
const UNIT_COMPACT: usize = 1;
const UNIT_BUILDING: usize = 3;

/// Units and people with their search keys. Units are in number order (natural: `2-…` before
/// `10-…`), people in name order, buildings in name order.
#[derive(Debug, Default)]
pub struct Register {
    pub units: Vec<UnitRow>,
    pub people: Vec<PersonRow>,
    /// Live buildings: (id, name), for the building filter.
    pub buildings: Vec<(RecordId, String)>,
    /// Each unit's key (see [`UNIT_NUMBER`]).
    unit_text: Haystack,
    /// The phones and second phones of each unit's people, digits only.
    unit_phones: Haystack,
    /// Each person's name; and their phone and second phone, digits only.
    person_text: Haystack,
    person_phones: Haystack,
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
        let text: String = normalize(raw.trim()).chars().filter(|&c| c != SEP).collect();
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
        let (mut person_text, mut person_phones) = (Haystack::default(), Haystack::default());
        for p in &people {
            person_text.push([normalize(&p.name).as_str()]);
            person_phones.push([digits(&p.phone).as_str(), digits(&p.phone2).as_str()]);
        }
        let (mut unit_text, mut unit_phones) = (Haystack::default(), Haystack::default());
        for u in &units {
            let number = normalize(&u.number);
            let compact = number.replace('-', "");
            let (label, building) = (normalize(&u.label), normalize(&u.building));
            let names = u.people.iter().flat_map(|&p| person_text.parts(p as usize));
            unit_text.push([&*number, &*compact, &*label, &*building].into_iter().chain(names));
            unit_phones.push(u.people.iter().flat_map(|&p| person_phones.parts(p as usize)));
        }
        Register { units, people, buildings, unit_text, unit_phones, person_text, person_phones }
    }

    /// Why each unit matches `q` (`None`: it does not), in unit order: its number exactly,
    /// its number, its label or building, a linked person's name, a linked person's phone
    /// digits; the first that holds.
    pub(crate) fn unit_matches(&self, q: &Query) -> Vec<Option<Matched>> {
        let mut found = vec![None; self.unit_text.len()];
        let t = q.text.as_str();
        self.unit_text.each_hit(t, |i, part| {
            found[i] = Some(match part {
                UNIT_NUMBER | UNIT_COMPACT => {
                    let mut parts = self.unit_text.parts(i);
                    let exact = parts.next() == Some(t) || parts.next() == Some(t);
                    if exact {
                        Matched::Exact
                    } else {
                        Matched::Number
                    }
                }
                p if p <= UNIT_BUILDING => Matched::Place,
                _ => Matched::Name,
            });
        });
        if let Some(d) = q.digits.as_deref() {
            self.unit_phones.each_hit(d, |i, _| {
                found[i].get_or_insert(Matched::Phone);
            });
        }
        found
    }

    /// One flag per person: whether they match `q` by name or phone digits.
    pub(crate) fn people_matching(&self, q: &Query) -> Vec<bool> {
        let mut found = self.person_text.rows_holding(&q.text);
        if let Some(d) = q.digits.as_deref() {
            self.person_phones.each_hit(d, |i, _| found[i] = true);
        }
        found
    }

    /// Whether person `i`'s phones hold the query's digits.
    pub(crate) fn phone_matches(&self, i: usize, q: &Query) -> bool {
        q.digits.as_deref().is_some_and(|d| self.person_phones.row(i).contains(d))
    }

    /// Whether person `i`'s name holds the query.
    pub(crate) fn name_matches(&self, i: usize, q: &Query) -> bool {
        self.person_text.row(i).contains(q.text.as_str())
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
