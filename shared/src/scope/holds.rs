//! Whether a scope holds a record, may write it, and may tie a record to another: pure
//! verdicts on facts the caller fetched (the server from `records`, the model server from its
//! own placement), so the server, the model server of the tests and the blob rule
//! (`crate::blob::access`) cannot disagree on who holds what.
//!
//! Laws:
//! - The office (`Scope::Site`) holds everything; a reference-only scope holds no placed
//!   record.
//! - A butler holds a record placed in their area, or one of their own not placed in any area
//!   yet (its unit has not arrived); department staff hold a record routed to them, or one of
//!   their own not placed nor routed yet.
//! - Department staff also hold every unit ([`DEPARTMENT_HOLDS_WHOLE`]): building, floor and
//!   number are where the job is; no person or link comes with them.
//! - A record that has not arrived yet may be written by a butler (it stays theirs, unplaced,
//!   until it is placed) and by department staff only when it is placed with a routed record
//!   (an event of a request: its request decides).

use super::{placement, Placement, Scope};
use crate::names::kind;
use crate::schema;

/// The kinds department staff hold whole, whatever area their records are in: the units,
/// the site's map (building, floor, number, type — no person, no phone), so that they can
/// find the unit of every job routed to them. Who lives there stays in the area.
pub const DEPARTMENT_HOLDS_WHOLE: &[&str] = &[kind::UNIT];

/// Where one stored record is, as far as scope goes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordPlace {
    /// The areas it is in: one for most records, every linked area for a person; none while
    /// it is not placed in an area.
    pub areas: Vec<String>,
    /// The department it is routed to, if any.
    pub dept: Option<String>,
    /// The reader created it.
    pub mine: bool,
}

/// What a reference field of a written change points at, as far as scope goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TieTarget {
    /// An area (a round's `area`): the area's id.
    Area(String),
    /// A reference record that sits in an area (a building): that area, if set.
    InArea(Option<String>),
    /// Reference data outside any area (staff, a department, the classifier).
    Reference,
    /// A placed kind's record (`place`: `None` when it has not arrived). `through`: the
    /// written record takes its area from it (a request's `unit`), so it must be held, not
    /// merely not yet arrived — else a butler could place a record through one of another
    /// area by writing before it exists.
    Record { place: Option<RecordPlace>, through: bool },
}

impl Scope {
    /// The area-placed kinds this scope holds every record of, besides what [`Scope::holds`]
    /// gives it by placement: [`DEPARTMENT_HOLDS_WHOLE`] for department staff, none for
    /// others (a butler holds their area's, the office everything). The server's pull filter
    /// adds these kinds to the scope's rows, and the pull cursor's tag names them.
    pub fn holds_whole(&self) -> &'static [&'static str] {
        match self {
            Scope::Department(_) => DEPARTMENT_HOLDS_WHOLE,
            _ => &[],
        }
    }

    /// Whether this scope holds a stored record placed at `p` (not reference data, which
    /// every scope holds).
    pub fn holds(&self, p: &RecordPlace) -> bool {
        let unplaced_mine = p.areas.is_empty() && p.mine;
        match self {
            Scope::Site => true,
            Scope::Area(a) => p.areas.iter().any(|x| x == a.as_str()) || unplaced_mine,
            Scope::Department(d) => {
                p.dept.as_deref() == Some(d.as_str()) || (unplaced_mine && p.dept.is_none())
            }
            Scope::ReferenceOnly => false,
        }
    }

    /// Whether a user of this scope may write a record of `kind` stored at `p` (`None`: the
    /// server holds nothing of it yet). Reference data is left to the kind's writers.
    pub fn may_write(&self, kind: &str, p: Option<&RecordPlace>) -> bool {
        match (self, placement(kind)) {
            (_, Placement::Reference) | (Scope::Site, _) => true,
            (Scope::ReferenceOnly, _) => false,
            (Scope::Department(_), placed) => {
                let routed = schema::kind(kind).is_some_and(|k| k.routed_by.is_some());
                match p {
                    Some(p) => (routed || with_routed(placed)) && self.holds(p),
                    None => with_routed(placed),
                }
            }
            (Scope::Area(_), _) => p.is_none_or(|p| self.holds(p)),
        }
    }

    /// Whether a user of this scope, writing a record they may write, may point one of its
    /// reference fields at `target`: a butler only inside their area (or at their own
    /// unplaced records and at records not arrived yet), department staff only at what is
    /// routed to them.
    pub fn may_tie(&self, target: &TieTarget) -> bool {
        match (self, target) {
            (Scope::Site, _) | (_, TieTarget::Reference) => true,
            (Scope::ReferenceOnly, _) => false,
            (Scope::Area(a), TieTarget::Area(x)) => a.as_str() == x,
            (Scope::Area(a), TieTarget::InArea(x)) => x.as_deref() == Some(a.as_str()),
            (Scope::Area(_), TieTarget::Record { place: None, through }) => !through,
            (Scope::Department(_), TieTarget::Record { place: None, .. }) => false,
            (_, TieTarget::Record { place: Some(p), .. }) => self.holds(p),
            // Department staff write no area or building: their field rules refuse it.
            (Scope::Department(_), TieTarget::Area(_) | TieTarget::InArea(_)) => true,
        }
    }
}

/// Whether records placed so go with a routed record (a request's history records).
fn with_routed(p: Placement) -> bool {
    match p {
        Placement::With { kind, .. } => schema::kind(kind).is_some_and(|k| k.routed_by.is_some()),
        _ => false,
    }
}

/// What a reference field points at, as far as scope goes: what the caller fetches to build
/// the [`TieTarget`] ([`tie`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tie {
    /// An area: the target is the value itself.
    Area,
    /// A reference record that records are placed through (a building): its `field`.
    InArea { kind: &'static str, field: &'static str },
    /// Reference data outside any area.
    Reference,
    /// A placed record of `kind`; `through`: the written record takes its area from it.
    Record { kind: &'static str, through: bool },
}

/// What `kind.field` ties a record to, when it is a reference field (`None` otherwise).
pub fn tie(kind: &str, field: &str) -> Option<Tie> {
    let to = ref_kind(kind, field)?;
    if to == crate::names::kind::AREA {
        return Some(Tie::Area);
    }
    if placement(to) == Placement::Reference {
        // A reference record sits in an area only when records are placed through it.
        let area = schema::kind(to).and_then(|k| k.area_field());
        return Some(match area.filter(|_| !super::place::followers(to).is_empty()) {
            Some(field) => Tie::InArea { kind: to, field },
            None => Tie::Reference,
        });
    }
    let through = matches!(placement(kind), Placement::Area(vias)
        if vias.iter().any(|v| v.field() == field));
    Some(Tie::Record { kind: to, through })
}

/// The kind of record a field of `kind` points at when it is a reference (`None`: not a
/// reference field, or a photo's parent id, whose kind another field names).
pub fn ref_kind(kind: &str, field: &str) -> Option<&'static str> {
    match schema::kind(kind)?.field(field)?.ty {
        schema::FieldType::Ref(target) => Some(target),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(area: Option<&str>, dept: Option<&str>, mine: bool) -> RecordPlace {
        RecordPlace {
            areas: area.into_iter().map(Into::into).collect(),
            dept: dept.map(Into::into),
            mine,
        }
    }

    #[test]
    fn scopes_hold_their_area_department_and_own_unplaced_records() {
        let east = Scope::Area("east".into());
        assert!(east.holds(&at(Some("east"), None, false)));
        assert!(!east.holds(&at(Some("west"), None, true)));
        assert!(east.holds(&at(None, None, true)));
        assert!(!east.holds(&at(None, None, false)));
        let fix = Scope::Department("fix".into());
        assert!(fix.holds(&at(Some("west"), Some("fix"), false)));
        assert!(!fix.holds(&at(Some("west"), Some("clean"), true)));
        assert!(Scope::Site.holds(&at(None, None, false)));
        assert!(!Scope::ReferenceOnly.holds(&at(Some("east"), None, true)));
    }

    #[test]
    fn department_staff_hold_every_unit_and_no_person() {
        let fix = Scope::Department("fix".into());
        assert_eq!(fix.holds_whole(), [kind::UNIT]);
        for whole in fix.holds_whole() {
            assert!(matches!(placement(whole), Placement::Area(_)), "{whole}: no phone in it");
            assert!(schema::kind(whole).is_some_and(|k| k.masked.is_empty()), "{whole}");
        }
        assert!(!fix.holds_whole().contains(&kind::PERSON));
        assert!(!fix.holds_whole().contains(&kind::UNIT_PERSON));
        for other in [Scope::Site, Scope::Area("east".into()), Scope::ReferenceOnly] {
            assert!(other.holds_whole().is_empty());
        }
    }

    #[test]
    fn department_staff_write_routed_requests_and_their_history_only() {
        let fix = Scope::Department("fix".into());
        let routed = at(Some("east"), Some("fix"), false);
        assert!(fix.may_write("request", Some(&routed)));
        assert!(!fix.may_write("request", None), "they never create requests");
        assert!(fix.may_write("request_event", None), "its request decides");
        assert!(!fix.may_write("person", Some(&routed)));
        assert!(!fix.may_write("photo", Some(&routed)));
        assert!(fix.may_write("building", None), "reference data: its writers decide");
    }

    #[test]
    fn a_butler_ties_records_inside_their_area_only() {
        let east = Scope::Area("east".into());
        assert!(east.may_tie(&TieTarget::Area("east".into())));
        assert!(!east.may_tie(&TieTarget::Area("west".into())));
        assert!(!east.may_tie(&TieTarget::InArea(Some("west".into()))));
        assert!(!east.may_tie(&TieTarget::InArea(None)));
        assert!(east.may_tie(&TieTarget::Record { place: None, through: false }));
        assert!(!east.may_tie(&TieTarget::Record { place: None, through: true }));
        let west = Some(at(Some("west"), None, true));
        assert!(!east.may_tie(&TieTarget::Record { place: west, through: false }));
        assert!(east.may_tie(&TieTarget::Reference));
        assert_eq!(ref_kind("request", "unit"), Some("unit"));
        assert_eq!(ref_kind("photo", "parent_id"), None);
        assert_eq!(tie("request", "unit"), Some(Tie::Record { kind: "unit", through: true }));
        assert_eq!(
            tie("unit_person", "person"),
            Some(Tie::Record { kind: "person", through: false })
        );
        assert_eq!(
            tie("patrol_round", "building"),
            Some(Tie::InArea { kind: "building", field: "area" })
        );
        assert_eq!(tie("request", "assignee"), Some(Tie::Reference));
        assert_eq!(tie("patrol_round", "area"), Some(Tie::Area));
    }
}
