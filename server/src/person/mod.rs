//! `guanjia person export|erase` (issue 23 point 6; `docs/ARCHITECTURE.md`, "Personal
//! data"): everything a site holds about one resident, and erasing it. Which records are
//! theirs and which fields are personal is `shared::personal`'s; this reads the site's
//! records once ([`Held::collect`]), and [`export`] and [`erase`] work on what it found.

pub mod erase;
pub mod export;

pub use erase::{erase, Erased};
pub use export::export;

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use shared::fields::Fields;
use shared::lww::FieldState;
use shared::names::{field, kind};
use shared::personal::{direct_tie, phone_digits, tie_through, Person, Tie};
use shared::RecordId;
use std::collections::{BTreeMap, HashSet};

/// The kinds that tie a resident to records or hold their data without a personal field of
/// their own: the register, a request's history and photos, conflict reviews.
const KINDS_TYING: [&str; 9] = [
    kind::PERSON,
    kind::UNIT_PERSON,
    kind::UNIT,
    kind::REQUEST,
    kind::REQUEST_EVENT,
    kind::REQUEST_COMMENT,
    kind::CALLBACK,
    kind::PHOTO,
    kind::CONFLICT,
];

/// The kinds read whole once per command: [`KINDS_TYING`], every kind declaring a personal
/// field, and the kind each of those is part of (a key's sign-out ties through its deposit).
/// Derived from the schema, so a new kind's personal fields are exported and erased without
/// a line here.
pub fn kinds_read() -> Vec<&'static str> {
    let mut out = KINDS_TYING.to_vec();
    for kd in shared::schema::KINDS.iter().filter(|k| k.personal_fields().next().is_some()) {
        for k in [Some(kd.name), kd.parent].into_iter().flatten() {
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
    out
}

/// How the operator names the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// The `person` record's id.
    Id(RecordId),
    /// One of their phone numbers, in any spelling (its digits are compared).
    Phone(String),
    /// Their name, exactly (trimmed).
    Name(String),
}

/// A person a [`Who`] matched: enough for the operator to pick one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: RecordId,
    pub name: String,
    pub phones: Vec<String>,
}

/// The records of a site that may hold a resident's data, by kind and id.
pub struct SiteRecords(BTreeMap<(String, RecordId), Fields>);

impl SiteRecords {
    /// Reads them.
    pub async fn read(state: &AppState, site_id: &str) -> AppResult<Self> {
        let mut out: BTreeMap<(String, RecordId), Fields> = BTreeMap::new();
        for c in state.db().site_fields_of(site_id, &kinds_read()).await? {
            let key = (c.kind.as_str().to_owned(), c.id.clone());
            out.entry(key).or_default().insert(c.field.clone(), FieldState::from_change(&c));
        }
        Ok(Self(out))
    }

    fn of_kind<'a>(&'a self, k: &'a str) -> impl Iterator<Item = (&'a RecordId, &'a Fields)> {
        self.0.iter().filter(move |((kk, _), _)| kk == k).map(|((_, id), f)| (id, f))
    }

    /// The people `who` names: one, several (the operator must choose), or none.
    pub fn find(&self, who: &Who) -> Vec<Candidate> {
        let matches = |id: &RecordId, f: &Fields| match who {
            Who::Id(want) => id == want,
            Who::Phone(p) => {
                let want = phone_digits(p);
                !want.is_empty()
                    && [field::PHONE, field::PHONE2]
                        .iter()
                        .any(|pf| f.text(pf).map(phone_digits).as_deref() == Some(&want))
            }
            Who::Name(n) => f.text(field::NAME) == Some(n.trim()),
        };
        self.of_kind(kind::PERSON)
            .filter(|(id, f)| matches(id, f))
            .map(|(id, f)| Candidate {
                id: id.clone(),
                name: f.string(field::NAME),
                phones: [field::PHONE, field::PHONE2]
                    .iter()
                    .filter_map(|pf| f.text(pf).map(str::to_owned))
                    .collect(),
            })
            .collect()
    }

    /// Exactly one person `who` names, or an error listing the candidates (nothing is
    /// done to anyone when the name is ambiguous).
    pub fn one(&self, who: &Who) -> AppResult<RecordId> {
        let found = self.find(who);
        match found.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(AppError::NotFound(format!("no such person / 没有此人: {who:?}"))),
            many => {
                let list: Vec<String> = many
                    .iter()
                    .map(|c| format!("  {}\t{}\t{}", c.id, c.name, c.phones.join(", ")))
                    .collect();
                Err(AppError::BadRequest(format!(
                    "{} people match; nothing was done. Name one by --id / {} 人符合，未做任何操作，\
                     请用 --id 指定:\n{}",
                    many.len(),
                    many.len(),
                    list.join("\n")
                )))
            }
        }
    }
}

/// One record held about a person, and why.
pub struct HeldRecord {
    pub kind: String,
    pub id: RecordId,
    pub tie: Tie,
    pub fields: Fields,
}

/// Everything a site holds about one person.
pub struct Held {
    pub person: RecordId,
    pub records: Vec<HeldRecord>,
}

impl Held {
    /// Finds every record tied to `person` (`shared::personal`): their record, links and
    /// units, the requests whose contact they are, and what hangs on those.
    pub fn collect(site: &SiteRecords, person: &RecordId) -> AppResult<Self> {
        let own = site
            .0
            .get(&(kind::PERSON.to_owned(), person.clone()))
            .ok_or_else(|| AppError::NotFound(format!("no person {person} / 没有此人")))?;
        let links = site.of_kind(kind::UNIT_PERSON);
        let units: Vec<RecordId> = links
            .filter(|(_, f)| f.reference(field::PERSON).as_ref() == Some(person))
            .filter_map(|(_, f)| f.reference(field::UNIT))
            .collect();
        let keys = Person::new(person.clone(), own, units.iter().cloned());
        let mut ties: BTreeMap<(String, RecordId), Tie> = BTreeMap::new();
        for ((k, id), f) in &site.0 {
            if let Some(t) = direct_tie(&keys, k, id, f) {
                ties.insert((k.clone(), id.clone()), t);
            }
        }
        for u in units {
            ties.entry((kind::UNIT.to_owned(), u)).or_insert(Tie::Unit);
        }
        // Twice: a photo hangs on a comment as well as on a request.
        for _ in 0..2 {
            let tied: HashSet<(String, RecordId)> = ties.keys().cloned().collect();
            for ((k, id), f) in &site.0 {
                if let Some(t) = tie_through(&tied, k, f) {
                    ties.entry((k.clone(), id.clone())).or_insert(t);
                }
            }
        }
        let records = ties
            .into_iter()
            .filter_map(|((kind, id), tie)| {
                let fields = site.0.get(&(kind.clone(), id.clone()))?.clone();
                Some(HeldRecord { kind, id, tie, fields })
            })
            .collect();
        Ok(Self { person: person.clone(), records })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_holding_personal_data_and_what_it_hangs_on_is_read() {
        let read = kinds_read();
        for k in [
            kind::VISIT,
            kind::ARREARS_CHASE,
            kind::SURVEY_ANSWER,
            kind::SERVICE_ORDER,
            kind::KEY_DEPOSIT,
            kind::KEY_MOVEMENT,
            kind::MOVE_CHECK,
            kind::RELEASE_PASS,
            kind::DESK_ENTRY,
            kind::MAIL_ITEM,
        ] {
            assert!(read.contains(&k), "{k} is not read");
        }
        assert!(!read.contains(&kind::KNOWLEDGE), "the knowledge base holds nobody's data");
        let mut unique = read.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), read.len());
    }
}
