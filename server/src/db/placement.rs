//! Where a record lives, kept up to date as its fields arrive: the rules are
//! `shared::scope::place` (facts in, effects out, read from each kind's declaration); this
//! module fetches the facts it needs and applies the effects. The area is kept in
//! `records.area_id` (copied to each log row, which pulls filter on), the department in
//! `records.dept_id`, the record it follows in `records.parent_id`, and a linked record's
//! areas (a person's) in `person_links`.
//!
//! A record that *joins* a scope has its current fields copied into the log under that scope,
//! so replicas holding the scope receive it at their next pull. When records *leave* a
//! scope (a building moved to another area, a request routed elsewhere), the scope's epoch is
//! bumped: pull cursors name it, so those replicas reload a snapshot that no longer holds
//! what left. A record that moves carries its followers (`shared::scope::place::followers`:
//! a building its units and rounds, a unit its requests and links, a request its history
//! records and photos, a round its answers) in the same transaction.

use super::site_tx::SiteTx;
use crate::error::AppResult;
use shared::scope::place::{followers, linked_kind, needs, parent_key, AreaOf, Follower};
use shared::scope::{place, placement, Effect, Placement};
use shared::Change;

/// `records.area_id` of a record of an area-placed kind whose area is not known.
pub const UNPLACED: &str = "-";

/// What placing a change did: records to copy into a scope's log.
pub(super) type Joins = Vec<(String, String, Option<String>)>;

impl SiteTx {
    /// Updates the placement of `c`'s record (and of records that follow it) after `c` was
    /// stored. Returns the records that joined a scope: `(kind, id, area)` — `None` area
    /// means "under the record's own area" (a department join).
    pub(super) async fn place(&mut self, c: &Change) -> AppResult<Joins> {
        let (kind, id, field) = (c.kind.as_str(), c.id.as_str(), c.field.as_str());
        let value = c.value.as_str();
        let mut stored = Vec::new();
        for f in needs(kind, field) {
            let v = if f == field { None } else { self.field_text(kind, id, f).await? };
            stored.push((f, v));
        }
        let facts: Vec<_> = stored.iter().map(|(f, v)| (*f, v.as_deref())).collect();
        let mut joins = Vec::new();
        for effect in place(kind, field, value, &facts) {
            joins.extend(self.apply_effect(kind, id, effect).await?);
        }
        Ok(joins)
    }

    /// Applies one placement effect to record `id` of `kind`.
    async fn apply_effect(&mut self, kind: &str, id: &str, effect: Effect) -> AppResult<Joins> {
        match effect {
            Effect::Area { area, parent } => {
                self.set_parent(kind, id, parent.as_deref()).await?;
                let area = self.resolve_area(area).await?;
                self.move_record(kind, id, &area).await
            }
            Effect::Carry(area) => {
                let area = area.unwrap_or_else(|| UNPLACED.into());
                let mut joins = Vec::new();
                for (k, child) in self.followers_of(kind, id, false).await? {
                    joins.extend(self.move_record(&k, &child, &area).await?);
                }
                Ok(joins)
            }
            Effect::With { parent, key } => {
                self.set_parent(kind, id, key.as_deref()).await?;
                let (area, dept) = match &parent {
                    Some((k, p)) => self.place_of(k, p).await?,
                    None => (None, None),
                };
                self.place_in(kind, id, area.as_deref(), dept.as_deref()).await
            }
            Effect::Route(dept) => self.route(kind, id, dept.as_deref()).await,
            Effect::Relink => self.relink(kind, id).await,
        }
    }

    /// The area an [`AreaOf`] names: a reference record's area field (a building's `area`),
    /// a placed record's `records.area_id`, or [`UNPLACED`].
    async fn resolve_area(&mut self, area: AreaOf) -> AppResult<String> {
        let found = match area {
            AreaOf::Area(a) => Some(a),
            AreaOf::Nowhere => None,
            AreaOf::Record { kind, id } => {
                match shared::schema::kind(kind).and_then(|k| k.area_field()) {
                    Some(f) => self.field_text(kind, &id, f).await?,
                    None => self.area_of(kind, &id).await?,
                }
            }
        };
        Ok(found.unwrap_or_else(|| UNPLACED.into()))
    }

    /// The initial `records.area_id` of a new record of `kind`.
    pub(super) fn initial_area(kind: &str) -> Option<&'static str> {
        match placement(kind) {
            Placement::Reference => None,
            _ => Some(UNPLACED),
        }
    }

    /// Moves one record to `area` with the records that follow it (a unit's requests and
    /// links, a request's history and photos…), re-reading a link's linked record.
    pub(super) async fn move_record(
        &mut self,
        kind: &str,
        id: &str,
        area: &str,
    ) -> AppResult<Joins> {
        let mut joins = self.set_area_only(kind, id, area).await?;
        for (k, child) in self.followers_of(kind, id, false).await? {
            joins.extend(Box::pin(self.move_record(&k, &child, area)).await?);
        }
        if linked_kind(kind).is_some() {
            joins.extend(self.relink(kind, id).await?);
        }
        Ok(joins)
    }

    /// Routes a record to a department with the records placed with it (a request's
    /// history and photos): the old department's epoch is bumped, the new one receives them.
    async fn route(&mut self, kind: &str, id: &str, dept: Option<&str>) -> AppResult<Joins> {
        let mut joins = self.set_dept_only(kind, id, dept).await?;
        for (k, child) in self.followers_of(kind, id, true).await? {
            joins.extend(Box::pin(self.route(&k, &child, dept)).await?);
        }
        Ok(joins)
    }

    /// Places record `id` of `kind` (and its followers) in `area` (unplaced: `None`) and
    /// department `dept`, as one move.
    pub(super) async fn place_in(
        &mut self,
        kind: &str,
        id: &str,
        area: Option<&str>,
        dept: Option<&str>,
    ) -> AppResult<Joins> {
        let mut joins = self.move_record(kind, id, area.unwrap_or(UNPLACED)).await?;
        let dept_joins = self.route(kind, id, dept).await?;
        // A join copies the record's fields with its (already updated) department too: one
        // copy is enough.
        if joins.is_empty() {
            joins = dept_joins;
        }
        Ok(joins)
    }

    /// The records following record `id` of `kind` (only those placed *with* it, taking its
    /// department too, when `routed`): `(kind, id)`, in a stable order.
    async fn followers_of(
        &mut self,
        kind: &str,
        id: &str,
        routed: bool,
    ) -> AppResult<Vec<(String, String)>> {
        let all = followers(kind);
        let wanted = all.iter().filter(|f| f.routed || !routed);
        let (keyed, plain): (Vec<&Follower>, Vec<&Follower>) = wanted.partition(|f| f.keyed);
        let plain: Vec<&str> = plain.iter().map(|f| f.kind).collect();
        let keyed: Vec<&str> = keyed.iter().map(|f| f.kind).collect();
        let mut out = self.children_in(&plain, id).await?;
        out.extend(self.children_in(&keyed, &parent_key(kind, id)).await?);
        Ok(out)
    }
}
