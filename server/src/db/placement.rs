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
use shared::scope::place::{
    followers, linked_by, linked_kind, needs, parent_key, AreaOf, Follower,
};
use shared::scope::{place, placement, Effect, Placement, Scope};
use shared::Change;
use sqlx::Row;

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

    /// Sets one record's area. From unplaced it is a join (its fields are copied under the
    /// area); from another area it is a move (both areas' epochs are bumped).
    pub(super) async fn set_area_only(
        &mut self,
        kind: &str,
        id: &str,
        area: &str,
    ) -> AppResult<Joins> {
        let old = self.area_of(kind, id).await?.unwrap_or_else(|| UNPLACED.into());
        if old == area {
            return Ok(Vec::new());
        }
        if self.move_held(kind, id, area) {
            return Ok(Vec::new());
        }
        sqlx::query("UPDATE records SET area_id = $1 WHERE kind = $2 AND id = $3 AND site_id = $4")
            .bind(area)
            .bind(kind)
            .bind(id)
            .bind(self.site_id.clone())
            .execute(self.conn().await?)
            .await?;
        self.cache.forget_placed(kind, id);
        if old != UNPLACED {
            self.bump(&Scope::Area(old.as_str().into())).await?;
            if area != UNPLACED {
                self.bump(&Scope::Area(area.into())).await?;
            }
            return Ok(Vec::new());
        }
        Ok(vec![(kind.to_owned(), id.to_owned(), Some(area.to_owned()))])
    }

    /// Re-reads a link (a `unit_person`) into `person_links`: the record it links (a person)
    /// joins the areas they gained, and the areas they left are bumped. The link's area is
    /// its own placement (its unit's).
    async fn relink(&mut self, kind: &str, link: &str) -> AppResult<Joins> {
        let (Some(field), Some(linked)) = (linked_by(kind), linked_kind(kind)) else {
            return Ok(Vec::new());
        };
        let person = self.field_text(kind, link, field).await?;
        let unit = match placement(kind) {
            Placement::Area([via, ..]) => self.field_text(kind, link, via.field()).await?,
            _ => None,
        };
        let deleted = self.field_value(kind, link, shared::names::field::DELETED).await?;
        let live = !matches!(deleted, Some(serde_json::Value::Bool(true)));
        let area = self.area_of(kind, link).await?.filter(|a| a != UNPLACED);
        let old_person: Option<String> =
            sqlx::query("SELECT person_id FROM person_links WHERE link_id = $1 AND site_id = $2")
                .bind(link)
                .bind(self.site_id.clone())
                .fetch_optional(self.conn().await?)
                .await?
                .and_then(|r| r.try_get("person_id").ok().flatten());
        let mut people: Vec<String> = old_person.into_iter().chain(person.clone()).collect();
        people.dedup();
        let mut before = Vec::new();
        for p in &people {
            before.push(self.person_areas(p).await?);
        }
        sqlx::query("DELETE FROM person_links WHERE link_id = $1 AND site_id = $2")
            .bind(link)
            .bind(self.site_id.clone())
            .execute(self.conn().await?)
            .await?;
        sqlx::query(
            "INSERT INTO person_links (link_id, site_id, person_id, unit_id, area_id, live) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(link)
        .bind(self.site_id.clone())
        .bind(&person)
        .bind(&unit)
        .bind(&area)
        .bind(i64::from(live))
        .execute(self.conn().await?)
        .await?;
        let mut joins = Vec::new();
        for (p, before) in people.iter().zip(before) {
            let after = self.person_areas(p).await?;
            for gained in after.iter().filter(|a| !before.contains(a)) {
                joins.push((linked.to_owned(), p.clone(), Some(gained.clone())));
            }
            for lost in before.iter().filter(|a| !after.contains(a)) {
                self.bump(&Scope::Area(lost.as_str().into())).await?;
            }
        }
        Ok(joins)
    }

    /// Sets one record's department (`records.dept_id`): the old department's epoch is
    /// bumped; a new department is a join (its fields are copied under it). Nothing changes
    /// (and nothing joins) when the department is already that one.
    pub(super) async fn set_dept_only(
        &mut self,
        kind: &str,
        id: &str,
        dept: Option<&str>,
    ) -> AppResult<Joins> {
        // A held-back record has no department yet (routing it sends it first, below).
        let old: Option<String> = if self.held_record(kind, id).is_some() {
            None
        } else {
            let row = sqlx::query(
                "SELECT dept_id FROM records WHERE kind = $1 AND id = $2 AND site_id = $3",
            )
            .bind(kind)
            .bind(id)
            .bind(self.site_id.clone())
            .fetch_one(self.conn().await?)
            .await?;
            row.try_get("dept_id")?
        };
        if old.as_deref() == dept {
            return Ok(Vec::new());
        }
        self.flush_if_held(kind, id).await?; // its `records` row may be held back
        sqlx::query("UPDATE records SET dept_id = $1 WHERE kind = $2 AND id = $3 AND site_id = $4")
            .bind(dept)
            .bind(kind)
            .bind(id)
            .bind(self.site_id.clone())
            .execute(self.conn().await?)
            .await?;
        self.cache.forget_placed(kind, id);
        if let Some(old) = old {
            self.bump(&Scope::Department(old.as_str().into())).await?;
        }
        Ok(dept.map(|_| vec![(kind.to_owned(), id.to_owned(), None)]).unwrap_or_default())
    }

    /// The areas a person is linked to (live links of placed units).
    pub(super) async fn person_areas(&mut self, person: &str) -> AppResult<Vec<String>> {
        self.flush().await?; // `records` rows may be held back
        let rows = sqlx::query(
            "SELECT DISTINCT area_id FROM person_links \
             WHERE person_id = $1 AND site_id = $2 AND live = 1 AND area_id IS NOT NULL \
             ORDER BY area_id",
        )
        .bind(person)
        .bind(self.site_id.clone())
        .fetch_all(self.conn().await?)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("area_id")?)).collect()
    }

    /// Marks a change of what a scope holds.
    pub(super) async fn bump(&mut self, scope: &Scope) -> AppResult<()> {
        sqlx::query(
            "INSERT INTO scope_epochs (site_id, scope, epoch) VALUES ($1, $2, 1) \
             ON CONFLICT (site_id, scope) DO UPDATE SET epoch = scope_epochs.epoch + 1",
        )
        .bind(self.site_id.clone())
        .bind(scope.key())
        .execute(self.conn().await?)
        .await?;
        self.touch(scope.key());
        Ok(())
    }

    pub(super) async fn set_parent(
        &mut self,
        kind: &str,
        id: &str,
        parent: Option<&str>,
    ) -> AppResult<()> {
        self.named_parents.extend(parent.map(str::to_owned));
        if let Some(row) = self.held_record(kind, id) {
            row.parent = parent.map(str::to_owned);
            return Ok(());
        }
        sqlx::query(
            "UPDATE records SET parent_id = $1 WHERE kind = $2 AND id = $3 AND site_id = $4",
        )
        .bind(parent)
        .bind(kind)
        .bind(id)
        .bind(self.site_id.clone())
        .execute(self.conn().await?)
        .await?;
        Ok(())
    }

    /// The records of `kinds` whose stored parent is `parent`: `(kind, id)`, ordered.
    async fn children_in(
        &mut self,
        kinds: &[&str],
        parent: &str,
    ) -> AppResult<Vec<(String, String)>> {
        if kinds.is_empty() || self.known_childless(parent) {
            return Ok(Vec::new());
        }
        self.flush_if_child_held(parent).await?;
        // The kinds are the declaration's constants, never a device's text.
        let list = kinds.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT kind, id FROM records WHERE parent_id = $1 AND site_id = $2 \
             AND kind IN ({list}) ORDER BY kind, id"
        );
        let rows = sqlx::query(&sql)
            .bind(parent)
            .bind(self.site_id.clone())
            .fetch_all(self.conn().await?)
            .await?;
        rows.iter().map(|r| Ok((r.try_get("kind")?, r.try_get("id")?))).collect()
    }

    /// A record's `records.area_id` (`None`: no such record, or reference data).
    pub(super) async fn area_of(&mut self, kind: &str, id: &str) -> AppResult<Option<String>> {
        if let Some(row) = self.held_record(kind, id) {
            return Ok(row.area.clone());
        }
        if let Some(placed) = self.cache.placed.get(kind, id) {
            return Ok(placed.as_ref().and_then(|p| p.area_id.clone()));
        }
        let row =
            sqlx::query("SELECT area_id FROM records WHERE kind = $1 AND id = $2 AND site_id = $3")
                .bind(kind)
                .bind(id)
                .bind(self.site_id.clone())
                .fetch_optional(self.conn().await?)
                .await?;
        Ok(row.map(|r| r.try_get::<Option<String>, _>("area_id")).transpose()?.flatten())
    }

    async fn field_value(
        &mut self,
        kind: &str,
        id: &str,
        field: &str,
    ) -> AppResult<Option<serde_json::Value>> {
        Ok(self.stored(kind, id, field).await?.map(|s| s.value))
    }

    /// A field's value when it is a string (a reference).
    pub(super) async fn field_text(
        &mut self,
        kind: &str,
        id: &str,
        field: &str,
    ) -> AppResult<Option<String>> {
        Ok(self.field_value(kind, id, field).await?.and_then(|v| v.as_str().map(str::to_owned)))
    }
}
