//! The synced kinds and their fields, as data.
//!
//! A kind not listed here is refused by the server; a new kind is one entry in [`KINDS`].
//! Fields marked `review` keep the losing value of a concurrent edit as a `conflict`
//! record ([`crate::conflict`]): a resident's phone number must never vanish silently.

use crate::change::Change;
use crate::refusal::{Refusal, RejectCode};

pub(crate) mod version;
pub use version::SCHEMA_VERSION;

/// Longest text accepted in any field (characters).
pub const MAX_TEXT_CHARS: usize = 4000;

/// What values a field accepts. `null` is accepted by every field (it clears the value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A string of at most `max` characters.
    Text { max: usize },
    /// One of a fixed list of wire strings.
    Enum(&'static [&'static str]),
    /// The id of a record of the named kind.
    Ref(&'static str),
    /// Milliseconds since the Unix epoch.
    Millis,
    /// true / false.
    Bool,
    /// A whole number.
    Int,
    /// A number (a floor area in m²), not negative.
    Number,
    /// A number that may be negative (a latitude or longitude).
    Signed,
    /// The id of a record of the kind another field names (a photo's `parent_id`).
    AnyRef,
    /// Any JSON value whose text is at most `max_bytes` long: a copy of another field's
    /// value (a conflict's kept and lost values), whatever that field's type.
    Any { max_bytes: usize },
}

/// One field of a kind.
#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    pub name: &'static str,
    pub ty: FieldType,
    /// Concurrent edits leave a `conflict` record for the office to confirm.
    pub review: bool,
    /// Set once: a device may not change a value that is already set (a request's number).
    pub once: bool,
    /// Written by the server only (when a change reached it); a device's write is refused.
    pub by_server: bool,
    /// Only supervisors write it (approving a complaint's plan).
    pub supervisor: bool,
    /// Holds a resident's personal data (a name, a phone number, a signature): what
    /// `guanjia person export` lists and `guanjia person erase` clears, value and history
    /// ([`crate::personal`]). Ids and the facts the statistics count are never personal.
    pub personal: bool,
}

/// Who may write records of a kind from a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writers {
    /// Anyone whose scope holds the record.
    Scope,
    /// Office staff and supervisors only (reference data, conflict decisions).
    Office,
    /// Supervisors only (the classifier, routing rules and deadlines).
    Supervisor,
    /// Only the server itself (accounts are made with the CLI).
    Server,
}

/// One synced kind: everything the protocol, the scope and the server's placement know of
/// it. Adding a kind is adding one of these to [`KINDS`] (`tests/kinds.rs` checks that the
/// declaration is complete and consistent).
#[derive(Debug, Clone, Copy)]
pub struct KindDef {
    pub name: &'static str,
    pub fields: &'static [FieldDef],
    pub writers: Writers,
    /// Where its records live, so which replicas hold them (`crate::scope`).
    pub placement: Placement,
    /// The field naming the department a record is routed to (a request's `department`):
    /// department staff hold the records routed to them, with the records placed with them.
    pub routed_by: Option<&'static str>,
    /// Fields that say who wrote the record and from where, set by the server from the
    /// session whatever the device sends (`created_by`, a history record's `by`…); `device`
    /// names the pushing replica, any other the signed-in staff.
    pub identity: &'static [&'static str],
    /// Fields holding a resident's phone number: department staff read them masked.
    pub masked: &'static [&'static str],
    /// The kind a record of this kind is part of (an event of its request, an answer of its
    /// round, an item of its section), named by a set-once reference field of that kind.
    pub parent: Option<&'static str>,
    /// The fields department staff write on a record routed to their department (a
    /// request's `status` and `done_at`, a renovation's review, an arrears' payment), even
    /// of a kind only the office writes otherwise ([`crate::scope::check_writer`]).
    pub department: &'static [&'static str],
}

/// Where the records of a kind live (`docs/ARCHITECTURE.md`, "Scope"). The scope code of the
/// tablet and the server, the reader filter and the server's placement all read this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Every replica of the site holds it (site, areas, buildings, staff, checklists…). A
    /// reference kind with a field referring to an area (a building) is *in* that area for
    /// the records placed through it.
    Reference,
    /// In an area: the first of these fields that is set decides (a request: its unit's
    /// area, else its own `area`). Until one is set the record is unplaced: the office's and
    /// its creator's only.
    Area(&'static [Via]),
    /// With the record `field` names (of kind `kind`): its area and department (a request's
    /// events go wherever the request goes; an answer with its round).
    With { field: &'static str, kind: &'static str },
    /// With the record its `kind_field` and `id_field` name (a photo, whatever it hangs on).
    WithNamed { kind_field: &'static str, id_field: &'static str },
    /// In the area of every live record of kind `link` whose `field` names it, the link being
    /// placed itself (a person: in the area of every unit they are linked to).
    Linked { link: &'static str, field: &'static str },
    /// Office staff and supervisors only (conflict reviews). Unknown kinds are office-only.
    OfficeOnly,
}

/// One way a record of an area-placed kind finds its area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Its own field referring to an area (a patrol round's `area`).
    Own(&'static str),
    /// Its field referring to a record of `kind`, whose area it takes and follows when it
    /// moves (a unit's `building`, a request's `unit`); that record is its stored parent.
    Through { field: &'static str, kind: &'static str },
}

impl Via {
    /// The field this way reads.
    pub const fn field(&self) -> &'static str {
        match self {
            Via::Own(f) | Via::Through { field: f, .. } => f,
        }
    }
}

impl KindDef {
    /// A kind with no routing, identity, masked fields or parent (set them with `..`).
    pub const fn new(
        name: &'static str,
        writers: Writers,
        placement: Placement,
        fields: &'static [FieldDef],
    ) -> KindDef {
        KindDef {
            name,
            fields,
            writers,
            placement,
            routed_by: None,
            identity: &[],
            masked: &[],
            parent: None,
            department: &[],
        }
    }

    /// Whether `field` is an identity field of this kind (set from the session).
    pub fn is_identity(&self, field: &str) -> bool {
        self.identity.contains(&field)
    }

    /// Whether `field` holds a resident's phone number (read masked by department staff).
    pub fn is_masked(&self, field: &str) -> bool {
        self.masked.contains(&field)
    }

    /// Whether `field` holds a resident's personal data ([`FieldDef::personal`]).
    pub fn is_personal(&self, field: &str) -> bool {
        self.field(field).is_some_and(|f| f.personal)
    }

    /// The fields declared personal, in declaration order.
    pub fn personal_fields(&self) -> impl Iterator<Item = &'static str> {
        self.fields.iter().filter(|f| f.personal).map(|f| f.name)
    }

    /// A reference kind's field naming its area (a building's `area`), if any: the area of
    /// the records placed through it.
    pub fn area_field(&self) -> Option<&'static str> {
        if self.placement != Placement::Reference {
            return None;
        }
        let area = |f: &&FieldDef| f.ty == FieldType::Ref(names::kind::AREA);
        self.fields.iter().find(area).map(|f| f.name)
    }
}

mod kinds;
pub mod names;
pub use kinds::KINDS;

/// Looks a kind up by its wire name.
pub fn kind(name: &str) -> Option<&'static KindDef> {
    KINDS.iter().find(|k| k.name == name)
}

impl KindDef {
    /// Looks a field up by name.
    pub fn field(&self, name: &str) -> Option<&'static FieldDef> {
        self.fields.iter().find(|f| f.name == name)
    }
}

fn invalid(code: RejectCode, message: String) -> Refusal {
    Refusal::new(code, message)
}

/// Checks a change's shape: known kind and field, well-formed id, value of the right type.
/// Business rules (status transitions, scope, roles) are the server's, on top of this.
pub fn validate(c: &Change) -> Result<(&'static KindDef, &'static FieldDef), Refusal> {
    let kd = kind(c.kind.as_str()).ok_or_else(|| {
        invalid(RejectCode::UnknownKind, format!("unknown kind {:?}", c.kind.as_str()))
    })?;
    let fd = kd.field(&c.field).ok_or_else(|| {
        invalid(RejectCode::UnknownField, format!("kind {} has no field {:?}", kd.name, c.field))
    })?;
    if !c.id.is_valid() {
        return Err(invalid(
            RejectCode::BadId,
            format!("record id {:?} is not a UUID", c.id.as_str()),
        ));
    }
    if !c.replica.is_valid() {
        return Err(invalid(
            RejectCode::BadReplica,
            "replica id must be 1–64 of [0-9A-Za-z_-]".into(),
        ));
    }
    let v = &c.value;
    if v.is_null() {
        return Ok((kd, fd));
    }
    let ok = match fd.ty {
        FieldType::Text { max } => v.as_str().is_some_and(|s| s.chars().count() <= max),
        FieldType::Enum(names) => v.as_str().is_some_and(|s| names.contains(&s)),
        FieldType::Ref(_) => v.as_str().is_some_and(|s| crate::RecordId::from(s).is_valid()),
        FieldType::Millis => v.as_i64().is_some_and(|n| n >= 0),
        FieldType::Bool => v.is_boolean(),
        FieldType::Int => v.is_i64(),
        FieldType::Number => v.as_f64().is_some_and(|n| n.is_finite() && n >= 0.0),
        FieldType::Signed => v.as_f64().is_some_and(f64::is_finite),
        FieldType::AnyRef => v.as_str().is_some_and(|s| crate::RecordId::from(s).is_valid()),
        FieldType::Any { max_bytes } => v.to_string().len() <= max_bytes,
    };
    if ok {
        Ok((kd, fd))
    } else {
        Err(invalid(
            RejectCode::BadValue,
            format!("{}.{} does not accept {}", kd.name, fd.name, truncate(&v.to_string())),
        ))
    }
}

fn truncate(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refusal::RejectCode::*;
    use crate::{Hlc, Kind, RecordId, ReplicaId};
    use serde_json::json;

    fn c(kind: &str, field: &str, value: serde_json::Value) -> Change {
        Change {
            kind: Kind::new(kind),
            id: RecordId::from("0190f0a0-0000-7000-8000-000000000001"),
            field: field.into(),
            value,
            hlc: Hlc::new(1, 0),
            replica: ReplicaId::from("tablet-1"),
            prev: None,
        }
    }

    #[test]
    fn accepts_well_formed_changes() {
        assert!(validate(&c("request", "status", json!("new"))).is_ok());
        assert!(validate(&c("request", "description", json!("漏水"))).is_ok());
        assert!(validate(&c("request", "assignee", json!(null))).is_ok());
        assert!(validate(&c("request", "contact_phone", json!("13800000000"))).unwrap().1.review);
    }

    #[test]
    fn a_conflict_keeps_any_value_of_bounded_size() {
        for v in [json!("13800000000"), json!(null), json!(3), json!({"a": [1, 2]})] {
            assert!(validate(&c("conflict", "lost_value", v)).is_ok());
        }
        let huge = json!("x".repeat(MAX_TEXT_CHARS * 5));
        assert_eq!(validate(&c("conflict", "kept_value", huge)).unwrap_err().code, BadValue);
    }

    #[test]
    fn refuses_what_does_not_fit() {
        assert_eq!(validate(&c("spaceship", "x", json!(1))).unwrap_err().code, UnknownKind);
        assert_eq!(validate(&c("request", "colour", json!(1))).unwrap_err().code, UnknownField);
        assert_eq!(validate(&c("request", "status", json!("lost"))).unwrap_err().code, BadValue);
        assert_eq!(validate(&c("request", "created_at", json!("x"))).unwrap_err().code, BadValue);
        let long = "长".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(validate(&c("request", "description", json!(long))).unwrap_err().code, BadValue);
        let mut bad_id = c("request", "status", json!("new"));
        bad_id.id = RecordId::from("1; drop table");
        assert_eq!(validate(&bad_id).unwrap_err().code, BadId);
    }
}
