//! Who holds which records, and who may write which fields (DESIGN §4 "Scope").
//!
//! The server derives a user's [`Scope`] from the account — never from the request — and
//! filters pull, push and the event stream by it. Each kind declares its [`Placement`]
//! (`crate::schema::KindDef`): reference data that every replica of the site holds, records
//! that live in an area (units, people, requests), with a parent (a request's history), and
//! office-only records (conflict reviews). The rules on it are pure: [`place`] (what storing a
//! field does to placement) and [`Scope::holds`] and its kin (`holds.rs`: who holds, writes
//! and ties what), on facts the caller fetched. A record of an area-placed kind
//! whose area is not known yet (a request whose `unit` has not arrived) is held by the office
//! only until it is placed, so nothing leaks while a push is half-read.
//!
//! Laws:
//! - A butler's replica never holds an area-placed record of another area.
//! - Department staff hold reference data, every unit (where a job is: no person, no phone)
//!   and the requests routed to their department,
//!   with residents' phone numbers [masked](crate::register::mask_phone) in every answer they
//!   receive (the one reader filter, [`Reader`]) — and may write only a request's status
//!   and the time its work was done ([`check_field_writer`]), and add to its history.
//! - Only office staff and supervisors delete (`deleted`); butlers dispatch the requests of
//!   their area (department and assignee: 首问负责, the taker routes it), department staff
//!   never reassign.

mod holds;
pub mod place;
pub mod reader;
mod writer;

pub use crate::schema::{Placement, Via};
pub use holds::{ref_kind, tie, RecordPlace, Tie, TieTarget};
pub use place::{place, Effect, Follower};
pub use reader::{is_phone, masked, Reader};
pub use writer::{check_field_writer, check_writer, may_write_field};

use crate::ids::RecordId;
use crate::names::kind as k;
use crate::role::Role;
use crate::schema;

/// The key of the whole site's scope ([`Scope::key`]).
const SITE_KEY: &str = k::SITE;

/// The records a user's replica holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Office staff and supervisors: the whole site.
    Site,
    /// A butler: one area, plus the site's reference data.
    Area(RecordId),
    /// Department staff: the requests routed to one department, plus reference data.
    Department(RecordId),
    /// A butler without an area, or department staff without a department: reference data
    /// only, until an administrator sets it (`guanjia user set-area`).
    ReferenceOnly,
}

impl Scope {
    /// The scope an account's role, area and department give.
    pub fn of(role: Role, area: Option<&str>, department: Option<&str>) -> Scope {
        match (role, area, department) {
            (Role::Office | Role::Supervisor, ..) => Scope::Site,
            (Role::Butler, Some(a), _) => Scope::Area(RecordId::from(a)),
            (Role::Department, _, Some(d)) => Scope::Department(RecordId::from(d)),
            _ => Scope::ReferenceOnly,
        }
    }

    /// A stable name of the scope: part of the pull cursor's tag, and the key under which
    /// the server counts scope changes (a building moved to another area), so that a
    /// replica whose scope changed starts again from a snapshot.
    pub fn key(&self) -> String {
        match self {
            Scope::Site => SITE_KEY.into(),
            Scope::Area(a) => format!("area:{a}"),
            Scope::Department(d) => format!("dept:{d}"),
            Scope::ReferenceOnly => "reference".into(),
        }
    }

    /// Whether residents' phone numbers reach this scope masked.
    pub fn masks_phones(&self) -> bool {
        matches!(self, Scope::Department(_))
    }
}

/// The placement of a kind, as its declaration says (unknown kinds are office-only:
/// nothing unknown leaks).
pub fn placement(kind: &str) -> Placement {
    schema::kind(kind).map_or(Placement::OfficeOnly, |k| k.placement)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_follow_role_area_and_department() {
        assert_eq!(Scope::of(Role::Office, Some("a"), None), Scope::Site);
        assert_eq!(Scope::of(Role::Supervisor, None, None), Scope::Site);
        assert_eq!(Scope::of(Role::Butler, Some("a"), None), Scope::Area("a".into()));
        assert_eq!(Scope::of(Role::Butler, None, Some("d")), Scope::ReferenceOnly);
        assert_eq!(Scope::of(Role::Department, None, Some("d")), Scope::Department("d".into()));
        assert_eq!(Scope::of(Role::Department, Some("a"), None), Scope::ReferenceOnly);
        assert_ne!(Scope::Area("a".into()).key(), Scope::Department("a".into()).key());
    }

    #[test]
    fn unknown_kinds_stay_in_the_office() {
        assert_eq!(placement("conflict"), Placement::OfficeOnly);
        assert_eq!(placement("spaceship"), Placement::OfficeOnly);
        assert!(matches!(placement("person"), Placement::Linked { .. }));
        assert_eq!(placement("building"), Placement::Reference);
        assert_eq!(placement("classifier"), Placement::Reference);
        assert!(matches!(placement("callback"), Placement::With { field: "request", .. }));
        assert!(matches!(placement("photo"), Placement::WithNamed { .. }));
        assert_eq!(placement("patrol_item"), Placement::Reference);
        assert!(matches!(placement("patrol_round"), Placement::Area(_)));
        assert!(matches!(placement("patrol_answer"), Placement::With { field: "round", .. }));
    }
}
