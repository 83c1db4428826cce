//! The tablet's one search box over the [`Register`]: units by number, building, a linked
//! person's name or phone digits; and people by name or phone, for a move-in. Each call is
//! one pass over the prepared keys; only the hits that will be shown are allocated.

use super::index::{Matched, Query, Register};
use shared::RecordId;

/// How many names a hit lists before "…".
const NAMES_SHOWN: usize = 3;

/// One unit found.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitHit {
    pub id: RecordId,
    pub number: String,
    pub building: String,
    /// The people linked now, `王芳、李强…`.
    pub people: String,
    /// The person the query found the unit by (name, or name and phone), when it was not
    /// the unit's number or building.
    pub why: Option<String>,
}

/// What a search found: the first `limit` hits, best first, and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResult {
    pub hits: Vec<UnitHit>,
    pub total: usize,
}

impl SearchResult {
    /// How many matches are not shown (the "N more" line).
    pub fn more(&self) -> usize {
        self.total - self.hits.len()
    }
}

/// One person found for a move-in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonHit {
    pub id: RecordId,
    pub name: String,
    pub phone: String,
    /// The units they live in now, `1-0302、3-1801`.
    pub units: String,
}

impl Register {
    /// The units matching `raw`: exact numbers first, then numbers containing it, then
    /// buildings, people's names, phone digits (4 or more); in number order within each.
    /// A blank query finds nothing.
    pub fn search(&self, raw: &str, limit: usize) -> SearchResult {
        let Some(q) = Query::new(raw) else { return SearchResult::default() };
        let mut tiers: [Vec<(usize, Matched)>; 5] = Default::default();
        let mut total = 0;
        for (i, m) in self.unit_matches(&q).into_iter().enumerate() {
            if let Some(m) = m {
                total += 1;
                let tier = &mut tiers[m as usize];
                if tier.len() < limit {
                    tier.push((i, m));
                }
            }
        }
        let hits = tiers.into_iter().flatten().take(limit).map(|(i, m)| self.hit(i, m, &q));
        SearchResult { hits: hits.collect(), total }
    }

    fn hit(&self, i: usize, m: Matched, q: &Query) -> UnitHit {
        let u = &self.units[i];
        let person = |found: &dyn Fn(usize) -> bool| {
            u.people.iter().map(|&p| p as usize).find(|&p| found(p)).map(|p| &self.people[p])
        };
        let why = match m {
            Matched::Name => person(&|p| self.name_matches(p, q)).map(|p| p.name.clone()),
            Matched::Phone => person(&|p| self.phone_matches(p, q)).map(|p| {
                let d = q.digits.as_deref().unwrap_or_default();
                let phone =
                    if super::index::digits(&p.phone).contains(d) { &p.phone } else { &p.phone2 };
                format!("{} {phone}", p.name)
            }),
            _ => None,
        };
        UnitHit {
            id: u.id.clone(),
            number: u.number.clone(),
            building: u.building.clone(),
            people: self.names(&u.people),
            why,
        }
    }

    /// The names of `people`, at most [`NAMES_SHOWN`], joined with `、`.
    fn names(&self, people: &[u32]) -> String {
        let mut s = people
            .iter()
            .take(NAMES_SHOWN)
            .map(|&p| self.people[p as usize].name.as_str())
            .collect::<Vec<_>>()
            .join("、");
        if people.len() > NAMES_SHOWN {
            s.push('…');
        }
        s
    }

    /// The numbers of the units a person lives in now, joined with `、`.
    pub fn units_of(&self, person: usize) -> String {
        let p = &self.people[person];
        p.links
            .iter()
            .map(|&(u, _)| self.units[u as usize].number.as_str())
            .collect::<Vec<_>>()
            .join("、")
    }

    /// People whose name or phone digits match `raw`, in name order, leaving out those
    /// living in `unit` now (they are on its page already). Returns the first `limit` and
    /// the count of all.
    pub fn find_people(
        &self,
        raw: &str,
        limit: usize,
        unit: Option<&RecordId>,
    ) -> (Vec<PersonHit>, usize) {
        let Some(q) = Query::new(raw) else { return (Vec::new(), 0) };
        let lives_here = |p: usize| {
            unit.is_some_and(|id| {
                self.people[p].links.iter().any(|&(u, _)| &self.units[u as usize].id == id)
            })
        };
        let mut hits = Vec::new();
        let mut total = 0;
        let matching = self.people_matching(&q);
        for i in (0..self.people.len()).filter(|&i| matching[i] && !lives_here(i)) {
            total += 1;
            if hits.len() < limit {
                let p = &self.people[i];
                hits.push(PersonHit {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    phone: if p.phone.is_empty() { p.phone2.clone() } else { p.phone.clone() },
                    units: self.units_of(i),
                });
            }
        }
        (hits, total)
    }
}
