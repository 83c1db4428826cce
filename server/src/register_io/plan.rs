//! Valid rows → the writes that make the stored register say what the file says, and how many
//! rows are new, updated or unchanged.
//!
//! - A unit row is matched by (building, number): an existing unit gets only its changed
//!   fields; a new one gets a fresh UUIDv7, `building` first (so it is placed in its area at
//!   once), then its number and other fields.
//! - A person row is matched to a person linked to that unit with the same name (their phones,
//!   note and the link's role and dates are updated). Otherwise it is a new link, and a new
//!   person, unless a person with the same name and phone is already stored or was planned by
//!   an earlier row (an owner of two flats is one person).
//! - Values compare as the file can state them: text trimmed, numbers by value, dates by
//!   the day, an empty cell equal to an absent field and "no" to an unset flag, so a file
//!   exported and imported again changes nothing.
//!
//! Each row's writes form one group; the writer never splits a group between transactions. A
//! new link is written before its person's fields, so the person is placed in the unit's area
//! as their fields arrive rather than copied there afterwards.

use super::columns::ms_to_day;
use super::stored::{text, Fields, Stored};
use super::validate::Rows;
use super::Counts;
use serde_json::Value;
use shared::names::{field, kind};
use shared::RecordId;
use std::collections::HashMap;

/// One field to write.
#[derive(Debug, Clone)]
pub struct Write {
    pub kind: &'static str,
    pub id: RecordId,
    pub field: &'static str,
    pub value: Value,
}

/// What an import would write, by row.
#[derive(Debug, Default)]
pub struct Plan {
    pub units: Counts,
    pub people: Counts,
    /// One group of writes per new or updated row: units first, then people.
    pub groups: Vec<Vec<Write>>,
}

impl Plan {
    /// How many field writes the plan holds.
    pub fn writes(&self) -> usize {
        self.groups.iter().map(Vec::len).sum()
    }
}

/// Whether a stored value and a file's value say the same.
fn same(field: &str, old: &Value, new: &Value) -> bool {
    match (old, new) {
        (Value::String(a), Value::String(b)) => a.trim() == b.trim(),
        (Value::String(a), Value::Null) | (Value::Null, Value::String(a)) => a.trim().is_empty(),
        (Value::Number(a), Value::Number(b)) if matches!(field, field::FROM | field::TO) => {
            a.as_i64().map(ms_to_day) == b.as_i64().map(ms_to_day)
        }
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Null | Value::Bool(false), Value::Null | Value::Bool(false)) => true,
        (a, b) => a == b,
    }
}

/// The fields of `wanted` that `stored` does not already hold.
fn diff(stored: Option<&Fields>, wanted: &[(&'static str, Value)]) -> Vec<(&'static str, Value)> {
    wanted
        .iter()
        .filter(|(f, v)| !same(f, stored.and_then(|s| s.get(*f)).unwrap_or(&Value::Null), v))
        .cloned()
        .collect()
}

fn writes(kind: &'static str, id: &RecordId, fields: Vec<(&'static str, Value)>) -> Vec<Write> {
    fields.into_iter().map(|(field, value)| Write { kind, id: id.clone(), field, value }).collect()
}

/// A new record's writes: the fields given first, then the others that are set.
fn create(
    kind: &'static str,
    id: &RecordId,
    first: Vec<(&'static str, Value)>,
    rest: &[(&'static str, Value)],
) -> Vec<Write> {
    let set = rest.iter().filter(|(_, v)| !same("", &Value::Null, v)).cloned();
    writes(kind, id, first.into_iter().chain(set).collect())
}

/// Plans the writes of every valid row against the stored register.
pub fn plan(rows: &Rows, stored: &Stored) -> Plan {
    let mut p = Plan::default();
    let mut new_units: HashMap<(&str, &str), RecordId> = HashMap::new();
    for r in &rows.units {
        let Some(building) = stored.building(&r.building) else { continue };
        if let Some(id) = stored.unit(&r.building, &r.number) {
            let changed = diff(stored.units.get(id), &r.fields);
            count(&mut p.units, !changed.is_empty());
            p.groups.push(writes(kind::UNIT, &RecordId::from(id), changed));
        } else {
            let id = RecordId::new_v7();
            let first =
                vec![(field::BUILDING, building.into()), (field::NUMBER, r.number.clone().into())];
            p.groups.push(create(kind::UNIT, &id, first, &r.fields));
            p.units.new += 1;
            new_units.insert((building, r.number.as_str()), id);
        }
    }
    // People as planned so far (stored fields with this file's changes on top), and who is
    // who by name and phone.
    let mut persons: HashMap<String, Fields> = HashMap::new();
    let mut by_phone: HashMap<(String, String), String> = HashMap::new();
    let mut ids: Vec<&String> = stored.persons.keys().collect();
    ids.sort();
    for id in ids.into_iter().rev() {
        let f = &stored.persons[id];
        if !text(f, field::PHONE).is_empty() {
            by_phone
                .insert((text(f, field::NAME).into(), text(f, field::PHONE).into()), id.clone());
        }
    }
    for r in &rows.people {
        let Some(building) = stored.building(&r.building) else { continue };
        let unit = match stored.unit(&r.building, &r.number) {
            Some(id) => RecordId::from(id),
            None => match new_units.get(&(building, r.number.as_str())) {
                Some(id) => id.clone(),
                None => continue,
            },
        };
        let linked = stored.unit_links(unit.as_str()).iter().find_map(|l| {
            let person = text(&stored.links[l], field::PERSON);
            let named = stored.persons.get(person).is_some_and(|f| text(f, field::NAME) == r.name);
            named.then_some((l.as_str(), person))
        });
        let mut group = Vec::new();
        if let Some((link, person)) = linked {
            group.extend(update_person(&mut persons, stored, person, &r.person));
            let changed = diff(stored.links.get(link), &r.link);
            group.extend(writes(kind::UNIT_PERSON, &RecordId::from(link), changed));
            count(&mut p.people, !group.is_empty());
        } else {
            let phone =
                r.person.iter().find(|(f, _)| *f == field::PHONE).and_then(|(_, v)| v.as_str());
            let key = phone.map(|ph| (r.name.clone(), ph.trim().to_owned()));
            let person = match key.as_ref().and_then(|k| by_phone.get(k)) {
                Some(id) => {
                    group.extend(update_person(&mut persons, stored, id, &r.person));
                    RecordId::from(id.as_str())
                }
                None => {
                    let id = RecordId::new_v7();
                    let name = vec![(field::NAME, r.name.clone().into())];
                    let created = create(kind::PERSON, &id, name, &r.person);
                    let fields = created.iter().map(|w| (w.field.to_owned(), w.value.clone()));
                    persons.insert(id.0.clone(), fields.collect());
                    group.extend(created);
                    if let Some(k) = key {
                        by_phone.insert(k, id.0.clone());
                    }
                    id
                }
            };
            // The link goes first: the person's fields then land straight in the unit's area.
            let first = vec![(field::UNIT, unit.0.into()), (field::PERSON, person.0.into())];
            let link = create(kind::UNIT_PERSON, &RecordId::new_v7(), first, &r.link);
            group.splice(0..0, link);
            p.people.new += 1;
        }
        p.groups.push(group);
    }
    p.groups.retain(|g| !g.is_empty());
    p
}

fn count(c: &mut Counts, changed: bool) {
    if changed {
        c.updated += 1;
    } else {
        c.unchanged += 1;
    }
}

/// The writes that give a person the fields of a row, against what is stored and what
/// earlier rows planned; the plan remembers them.
fn update_person(
    persons: &mut HashMap<String, Fields>,
    stored: &Stored,
    id: &str,
    wanted: &[(&'static str, Value)],
) -> Vec<Write> {
    let current = persons.get(id).or(stored.persons.get(id));
    let changed = diff(current, wanted);
    if !changed.is_empty() {
        let mut fields = current.cloned().unwrap_or_default();
        fields.extend(changed.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
        persons.insert(id.to_owned(), fields);
    }
    writes(kind::PERSON, &RecordId::from(id), changed)
}
