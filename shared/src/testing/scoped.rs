//! The model server's scope check: the same verdicts as the real server
//! ([`Scope::may_write`], [`Scope::may_tie`]) on facts derived from the model's merged state
//! by each kind's declared placement, where the real server keeps them in `records`.
//!
//! A record's area is that of the first of its ways that is set (`Via`), a record placed with
//! another is where that one is, a linked record (a person) is in the areas of its live links;
//! who created a record is the replica that first wrote it.

use crate::change::Change;
use crate::names::field;
use crate::replica::ReplicaState;
use crate::scope::place::{place, Effect};
use crate::scope::{placement, tie, Placement, RecordPlace, Scope, Tie, TieTarget, Via};
use crate::{Kind, RecordId, ReplicaId};
use std::collections::BTreeMap;

/// How deep placements may refer to one another (a photo of a request's comment is three).
const MAX_DEPTH: usize = 6;

/// The records the model holds and their creators.
pub(super) struct Facts<'a> {
    pub state: &'a ReplicaState,
    pub creators: &'a BTreeMap<(Kind, RecordId), ReplicaId>,
}

impl Facts<'_> {
    fn text(&self, kind: &str, id: &str, f: &str) -> Option<String> {
        let v = self.state.field(&Kind::new(kind), &RecordId::from(id), f)?;
        v.value.as_str().map(str::to_owned)
    }

    fn exists(&self, kind: &str, id: &str) -> bool {
        self.state.record(&Kind::new(kind), &RecordId::from(id)).is_some()
    }

    /// Where record `id` of `kind` is, for `replica` (`None`: the model holds nothing of it).
    pub fn place_of(&self, replica: &ReplicaId, kind: &str, id: &str) -> Option<RecordPlace> {
        if !self.exists(kind, id) {
            return None;
        }
        let key = (Kind::new(kind), RecordId::from(id));
        let mine = self.creators.get(&key) == Some(replica);
        let (areas, dept) = self.locate(kind, id, 0);
        Some(RecordPlace { areas, dept, mine })
    }

    /// A record's areas and department, by its kind's placement.
    fn locate(&self, kind: &str, id: &str, depth: usize) -> (Vec<String>, Option<String>) {
        if depth > MAX_DEPTH {
            return (Vec::new(), None);
        }
        let dept = crate::schema::kind(kind)
            .and_then(|kd| kd.routed_by)
            .and_then(|f| self.text(kind, id, f));
        match placement(kind) {
            Placement::Area(vias) => (self.via_area(kind, id, vias, depth), dept),
            Placement::With { field: f, kind: parent } => match self.text(kind, id, f) {
                Some(p) => self.locate(parent, &p, depth + 1),
                None => (Vec::new(), None),
            },
            Placement::WithNamed { kind_field, id_field } => {
                let facts = [
                    (kind_field, self.text(kind, id, kind_field)),
                    (id_field, self.text(kind, id, id_field)),
                ];
                let facts: Vec<_> = facts.iter().map(|(f, v)| (*f, v.as_deref())).collect();
                let named = place(kind, id_field, facts[1].1, &facts).into_iter().find_map(|e| {
                    if let Effect::With { parent, .. } = e {
                        parent
                    } else {
                        None
                    }
                });
                match named {
                    Some((pk, pid)) if self.exists(&pk, &pid) => self.locate(&pk, &pid, depth + 1),
                    _ => (Vec::new(), None),
                }
            }
            Placement::Linked { link, field: f } => (self.linked_areas(id, link, f, depth), None),
            Placement::Reference | Placement::OfficeOnly => (Vec::new(), None),
        }
    }

    /// The area of the first of `vias` that is set.
    fn via_area(&self, kind: &str, id: &str, vias: &[Via], depth: usize) -> Vec<String> {
        for via in vias {
            let Some(v) = self.text(kind, id, via.field()) else { continue };
            return match via {
                Via::Own(_) => vec![v],
                Via::Through { kind: to, .. } => self.area_of_ref(to, &v, depth),
            };
        }
        Vec::new()
    }

    /// The area of a record referred to: a reference record's area field, else its place.
    fn area_of_ref(&self, kind: &str, id: &str, depth: usize) -> Vec<String> {
        match crate::schema::kind(kind).and_then(|kd| kd.area_field()) {
            Some(f) => self.text(kind, id, f).into_iter().collect(),
            None if self.exists(kind, id) => self.locate(kind, id, depth + 1).0,
            None => Vec::new(),
        }
    }

    /// The areas of the live links naming record `id` through their field `f`.
    fn linked_areas(&self, id: &str, link: &str, f: &str, depth: usize) -> Vec<String> {
        let mut areas = Vec::new();
        for c in self.state.to_changes() {
            let names_it = c.kind.as_str() == link && c.field == f && c.value.as_str() == Some(id);
            let deleted = self.state.field(&c.kind, &c.id, field::DELETED);
            let live = deleted.is_none_or(|d| d.value != serde_json::Value::Bool(true));
            if names_it && live {
                areas.extend(self.locate(link, c.id.as_str(), depth + 1).0);
            }
        }
        areas.sort();
        areas.dedup();
        areas
    }

    /// Whether `replica`, of `scope`, may write `c` (else it is refused `out_of_scope`).
    pub fn in_scope(&self, scope: &Scope, replica: &ReplicaId, c: &Change) -> bool {
        let (kind, id) = (c.kind.as_str(), c.id.as_str());
        if *scope == Scope::Site || placement(kind) == Placement::Reference {
            return true;
        }
        if !scope.may_write(kind, self.place_of(replica, kind, id).as_ref()) {
            return false;
        }
        let Some(tie) = tie(kind, &c.field) else { return true };
        let Some(target) = c.value.as_str().filter(|t| RecordId::is_valid_str(t)) else {
            return true;
        };
        let target = crate::ids::canonical_uuid(target.to_owned());
        let tie = match tie {
            Tie::Area => TieTarget::Area(target),
            Tie::InArea { kind, field } => TieTarget::InArea(self.text(kind, &target, field)),
            Tie::Reference => TieTarget::Reference,
            Tie::Record { kind, through } => {
                TieTarget::Record { place: self.place_of(replica, kind, &target), through }
            }
        };
        scope.may_tie(&tie)
    }
}
