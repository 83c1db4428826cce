//! Where a record goes when one of its fields is stored: a pure function of the kind's
//! declaration ([`crate::schema::Placement`]) and the record's placing fields, answering with
//! the [`Effect`]s the storage applies (the server's `db/placement.rs`, the model server).
//!
//! Laws:
//! - Only the fields a kind's placement names move it: an area-placed kind's [`Via`] fields,
//!   a placed-with kind's parent field(s), the routing field, a reference record's area field
//!   (which carries the records placed through it), a link's target and `deleted`.
//! - Of an area-placed record's ways, the first that is set decides; a [`Via::Through`]
//!   record is its stored parent, so it follows that record when it moves.
//! - A record placed with another takes that record's area and department; records placed
//!   through another take its area only ([`followers`]).

use super::{placement, Placement, Via};
use crate::ids::canonical_uuid;
use crate::names::field;
use crate::schema::{self, FieldType, KINDS};
use crate::RecordId;

/// Where an area-placed record's area comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaOf {
    /// The area of this record (a reference record's area field, else its placement).
    Record { kind: &'static str, id: String },
    /// This area.
    Area(String),
    /// None yet: the record is unplaced (the office's and its creator's).
    Nowhere,
}

/// What storing one change does to placement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The record is in the area `area` says; `parent` is its stored parent (the record it is
    /// placed through), whose moves it follows.
    Area { area: AreaOf, parent: Option<String> },
    /// The records placed through this reference record move to this area (`None`: none).
    Carry(Option<String>),
    /// The record goes with the record `parent` names (`(kind, id)`; `None`: none usable),
    /// its area and department; `key` is its stored parent.
    With { parent: Option<(String, String)>, key: Option<String> },
    /// The record is routed to this department (`None`: to none), with its followers.
    Route(Option<String>),
    /// A link changed: the areas of the record it links are read again (a person's).
    Relink,
}

/// A kind whose records follow the records of another kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Follower {
    pub kind: &'static str,
    /// Takes the department too (placed *with* it), not only the area (placed *through* it).
    pub routed: bool,
    /// Its stored parent is `<kind>:<id>` (a photo, which may hang on several kinds), not the
    /// bare id.
    pub keyed: bool,
}

/// A record's placing fields as stored after the change (`None`: unset).
pub type Facts<'a> = [(&'static str, Option<&'a str>)];

/// The fields of its record that [`place`] needs to judge a change of `kind.field` (the
/// change's own field among them), empty when the field moves nothing by itself.
pub fn needs(kind: &str, field: &str) -> Vec<&'static str> {
    match placement(kind) {
        Placement::Area(vias) if vias.iter().any(|v| v.field() == field) => {
            vias.iter().map(Via::field).collect()
        }
        Placement::WithNamed { kind_field, id_field }
            if field == kind_field || field == id_field =>
        {
            vec![kind_field, id_field]
        }
        _ => Vec::new(),
    }
}

/// The parent key of a record of `kind` with id `id` for followers that are `keyed`.
pub fn parent_key(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

/// What storing `value` in `kind.field` does to placement, given the record's placing
/// fields after the write (`facts`, as [`needs`] lists them). Unknown kinds do nothing.
pub fn place(kind: &str, field_name: &str, value: Option<&str>, facts: &Facts<'_>) -> Vec<Effect> {
    let Some(kd) = schema::kind(kind) else { return Vec::new() };
    let fact = |f: &str| {
        if f == field_name {
            value
        } else {
            facts.iter().find(|(n, _)| *n == f).and_then(|(_, v)| *v)
        }
    };
    let mut out = Vec::new();
    match kd.placement {
        Placement::Area(vias) if vias.iter().any(|v| v.field() == field_name) => {
            out.push(area_effect(vias, fact));
        }
        Placement::With { field: f, kind: parent } if f == field_name => {
            let parent = value.map(|id| (parent.to_owned(), canonical_uuid(id.to_owned())));
            let key = parent.as_ref().map(|(_, id)| id.clone());
            out.push(Effect::With { parent, key });
        }
        Placement::WithNamed { kind_field, id_field }
            if field_name == kind_field || field_name == id_field =>
        {
            let parent = named_parent(kd, kind_field, fact(kind_field), fact(id_field));
            let key = parent.as_ref().map(|(k, id)| parent_key(k, id));
            out.push(Effect::With { parent, key });
        }
        Placement::Reference if kd.area_field() == Some(field_name) => {
            out.push(Effect::Carry(value.map(str::to_owned)));
        }
        _ => {}
    }
    if kd.routed_by == Some(field_name) {
        out.push(Effect::Route(value.map(str::to_owned)));
    }
    if linked_by(kind).is_some_and(|f| f == field_name || field_name == field::DELETED) {
        out.push(Effect::Relink);
    }
    out
}

/// The deciding way of an area-placed record: the first of its ways that is set.
fn area_effect<'a>(vias: &[Via], fact: impl Fn(&str) -> Option<&'a str>) -> Effect {
    for via in vias {
        let Some(v) = fact(via.field()) else { continue };
        let id = canonical_uuid(v.to_owned());
        return match via {
            Via::Own(_) => Effect::Area { area: AreaOf::Area(id), parent: None },
            Via::Through { kind, .. } => {
                Effect::Area { area: AreaOf::Record { kind, id: id.clone() }, parent: Some(id) }
            }
        };
    }
    Effect::Area { area: AreaOf::Nowhere, parent: None }
}

/// The record a [`Placement::WithNamed`] record names: a kind its kind field accepts and a
/// valid id (canonical).
fn named_parent(
    kd: &schema::KindDef,
    kind_field: &str,
    kind: Option<&str>,
    id: Option<&str>,
) -> Option<(String, String)> {
    let (kind, id) = (kind?, id?);
    let accepted = match kd.field(kind_field)?.ty {
        FieldType::Enum(names) => names.contains(&kind),
        _ => schema::kind(kind).is_some(),
    };
    (accepted && RecordId::is_valid_str(id)).then(|| (kind.to_owned(), canonical_uuid(id.into())))
}

/// The field through which records of `kind` link another kind's records into areas (a
/// `unit_person`'s `person`), if `kind` is such a link.
pub fn linked_by(kind: &str) -> Option<&'static str> {
    KINDS.iter().find_map(|k| match k.placement {
        Placement::Linked { link, field } if link == kind => Some(field),
        _ => None,
    })
}

/// The kind whose records a link of `kind` places (a `unit_person` places a `person`).
pub fn linked_kind(link_kind: &str) -> Option<&'static str> {
    KINDS.iter().find_map(|k| match k.placement {
        Placement::Linked { link, .. } if link == link_kind => Some(k.name),
        _ => None,
    })
}

/// The kinds whose records follow a record of `kind` when it moves or is routed.
pub fn followers(kind: &str) -> Vec<Follower> {
    let mut out = Vec::new();
    for k in KINDS {
        match k.placement {
            Placement::Area(vias)
                if vias.iter().any(|v| matches!(v, Via::Through { kind: p, .. } if *p == kind)) =>
            {
                out.push(Follower { kind: k.name, routed: false, keyed: false });
            }
            Placement::With { kind: p, .. } if p == kind => {
                out.push(Follower { kind: k.name, routed: true, keyed: false });
            }
            Placement::WithNamed { kind_field, .. } => {
                let hangs = match k.field(kind_field).map(|f| f.ty) {
                    Some(FieldType::Enum(names)) => names.contains(&kind),
                    _ => false,
                };
                if hangs {
                    out.push(Follower { kind: k.name, routed: true, keyed: true });
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
#[path = "place_tests.rs"]
mod tests;
