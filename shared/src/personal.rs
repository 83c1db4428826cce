//! What is held about one resident, and what of it is erased on request (China's personal
//! information law: a copy on request, erasure on request; `docs/ARCHITECTURE.md`,
//! "Personal data").
//!
//! Which fields are personal is declared once, on the kinds (`FieldDef::personal`: a
//! person's name, phones and note, a request's contact and signature). This module says
//! which records a person is tied to and which of their fields go: `guanjia person export`
//! and `guanjia person erase` (the server's `person/`) read nothing else, so the copy lists
//! exactly what the erasure clears.
//!
//! Laws (tested below): a record is tied to a person only through their own id, their
//! phone numbers, or their name on a request for one of their units — never through a name
//! alone, which two residents may share; what is erased is personal fields only, so a
//! request's category, dates and status stay for the statistics.

use crate::fields::Fields;
use crate::ids::RecordId;
use crate::schema::names::{field, kind};
use serde::Serialize;
use std::collections::HashSet;

/// The keys other records name a person by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: RecordId,
    /// Their name, trimmed (`None` when unset).
    pub name: Option<String>,
    /// The digits of each phone number they hold.
    pub phones: Vec<String>,
    /// The units their links name, live or ended: a request filed for a unit they lived in
    /// while they lived there is theirs too.
    pub units: HashSet<RecordId>,
}

impl Person {
    /// The keys of the person record `id` with `fields`, linked to `units`.
    pub fn new(id: RecordId, fields: &Fields, units: impl IntoIterator<Item = RecordId>) -> Self {
        let phones = [field::PHONE, field::PHONE2]
            .iter()
            .filter_map(|f| fields.text(f))
            .map(phone_digits)
            .filter(|d| !d.is_empty())
            .collect();
        Self {
            id,
            name: fields.text(field::NAME).map(str::to_owned),
            phones,
            units: units.into_iter().collect(),
        }
    }
}

/// A phone number's digits (`138-1234 1234` → `13812341234`): how two spellings of one
/// number are found to be the same.
pub fn phone_digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Why a record belongs to what is held about a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tie {
    /// Their own `person` record.
    Person,
    /// A `unit_person` link naming them.
    Link,
    /// A request whose contact is them: one of their phone numbers, or their name on a
    /// request for one of their units.
    Contact,
    /// A conflict review of one of their personal fields (it keeps the values as they were).
    Conflict,
    /// A record of a request whose contact is them (an event, comment, call-back, photo).
    Part,
    /// A unit one of their links names (where they live or lived), or a fee it owes.
    Unit,
    /// A record of one of their units that holds what the household said or signed: a home
    /// visit's remarks, an arrears notice's signature.
    Household,
}

/// How record `id` of `kind` with `fields` names `person` by itself (its own id, a link, a
/// request's contact); `None` when it does not. Conflicts and the parts of a request are
/// tied through the records this finds ([`tie_through`]).
pub fn direct_tie(person: &Person, kind: &str, id: &RecordId, fields: &Fields) -> Option<Tie> {
    match kind {
        kind::PERSON if *id == person.id => Some(Tie::Person),
        kind::UNIT_PERSON if fields.reference(field::PERSON).as_ref() == Some(&person.id) => {
            Some(Tie::Link)
        }
        kind::REQUEST if is_party(person, fields, field::CONTACT_NAME, field::CONTACT_PHONE) => {
            Some(Tie::Contact)
        }
        kind::RENOVATION if is_party(person, fields, field::APPLICANT, field::APPLICANT_PHONE) => {
            Some(Tie::Contact)
        }
        kind::VISIT if fields.reference(field::PERSON).as_ref() == Some(&person.id) => {
            Some(Tie::Contact)
        }
        kind::VISIT if on_their_unit(person, fields) => Some(Tie::Household),
        kind::ARREARS if on_their_unit(person, fields) => Some(Tie::Unit),
        // issue 25: surveys (the comment of the household's answer)
        kind::SURVEY_ANSWER if fields.reference(field::PERSON).as_ref() == Some(&person.id) => {
            Some(Tie::Contact)
        }
        kind::SURVEY_ANSWER if on_their_unit(person, fields) => Some(Tie::Household),
        // issue 25: services — the owner who deposited keys, or the keys of their unit.
        kind::KEY_DEPOSIT if fields.reference(field::PERSON).as_ref() == Some(&person.id) => {
            Some(Tie::Contact)
        }
        kind::KEY_DEPOSIT if on_their_unit(person, fields) => Some(Tie::Household),
        // issue 25: moving — their move-in or move-out check, a pass for their unit's goods.
        kind::MOVE_CHECK if fields.reference(field::PERSON).as_ref() == Some(&person.id) => {
            Some(Tie::Contact)
        }
        kind::RELEASE_PASS if on_their_unit(person, fields) => Some(Tie::Household),
        // issue 25: frontdesk — a caller at the desk, and who collected a unit's mail.
        kind::DESK_ENTRY if is_party(person, fields, field::CALLER, field::PHONE) => {
            Some(Tie::Contact)
        }
        kind::MAIL_ITEM if on_their_unit(person, fields) => Some(Tie::Household),
        _ => None,
    }
}

/// Whether a record's `unit` is one of `person`'s.
fn on_their_unit(person: &Person, record: &Fields) -> bool {
    record.reference(field::UNIT).is_some_and(|u| person.units.contains(&u))
}

/// Whether the party a record names by `name` and `phone` (a request's contact, a
/// renovation's applicant) is `person`: one of their phone numbers, or their name on one of
/// their units.
fn is_party(person: &Person, record: &Fields, name: &str, phone: &str) -> bool {
    let digits = record.text(phone).map(phone_digits).unwrap_or_default();
    if !digits.is_empty() && person.phones.contains(&digits) {
        return true;
    }
    let name = record.text(name);
    on_their_unit(person, record) && name.is_some() && name == person.name.as_deref()
}

/// How a record that names no person itself is tied to one through `tied`, the
/// `(kind, id)` of the records [`direct_tie`] found: a conflict review of a personal field
/// of one of them, an event, comment, call-back or photo of one of their requests, a site
/// check of their renovation, a chase of a fee their unit owes.
pub fn tie_through(tied: &HashSet<(String, RecordId)>, kind: &str, fields: &Fields) -> Option<Tie> {
    let names = |k: &str, id: Option<RecordId>| id.is_some_and(|id| tied.contains(&(k.into(), id)));
    match kind {
        // issue 25: services — the consent signed on their request's paid service.
        kind::SERVICE_ORDER => {
            names(kind::REQUEST, fields.reference(field::REQUEST)).then_some(Tie::Household)
        }
        kind::CONFLICT => {
            let target = fields.text(field::TARGET_KIND).unwrap_or_default();
            let personal = crate::schema::kind(target)
                .is_some_and(|k| k.is_personal(fields.text(field::FIELD).unwrap_or_default()));
            let id = fields.text(field::TARGET_ID).map(RecordId::from);
            (personal && names(target, id)).then_some(Tie::Conflict)
        }
        kind::PHOTO => {
            let parent = fields.text(field::PARENT_KIND).unwrap_or_default();
            names(parent, fields.reference(field::PARENT_ID)).then_some(Tie::Part)
        }
        _ => {
            let parent = crate::schema::kind(kind).and_then(|k| k.parent);
            match parent {
                Some(kind::REQUEST) => {
                    names(kind::REQUEST, fields.reference(field::REQUEST)).then_some(Tie::Part)
                }
                Some(kind::RENOVATION) => {
                    names(kind::RENOVATION, fields.reference(field::RENOVATION))
                        .then_some(Tie::Part)
                }
                // A chase of a fee their unit owes: the notice they may have signed.
                Some(kind::ARREARS) => {
                    names(kind::ARREARS, fields.reference(field::ARREARS)).then_some(Tie::Household)
                }
                // A sign-out of keys they deposited: the signatures on it.
                Some(kind::KEY_DEPOSIT) => {
                    names(kind::KEY_DEPOSIT, fields.reference(field::KEY_DEPOSIT))
                        .then_some(Tie::Household)
                }
                _ => None,
            }
        }
    }
}

/// The fields of a record tied to a person by `tie` that hold their personal data, set or
/// not (an erasure clears their history too): the kind's personal fields, or a conflict
/// review's kept and lost values (copies of a personal field).
pub fn personal_of(kind: &str, tie: Tie) -> Vec<&'static str> {
    match (tie, crate::schema::kind(kind)) {
        (Tie::Conflict, _) => vec![field::KEPT_VALUE, field::LOST_VALUE],
        (Tie::Part | Tie::Link | Tie::Unit, _) | (_, None) => Vec::new(),
        (_, Some(k)) => k.personal_fields().collect(),
    }
}

#[cfg(test)]
#[path = "personal_tests.rs"]
mod tests;
