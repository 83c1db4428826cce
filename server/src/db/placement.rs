//! Where a record lives, kept up to date as its fields arrive (`shared::scope`): the area in
//! `records.area_id` (copied to each log row, which pulls filter on), a request's department
//! in `records.dept_id`, and a person's areas through `person_links`.
//!
//! A record that *joins* a scope has its current fields copied into the log under that scope,
//! so replicas holding the scope receive it at their next pull. When records *leave* a
//! scope (a building moved to another area, a request routed elsewhere), the scope's epoch is
//! bumped: pull cursors name it, so those replicas reload a snapshot that no longer holds
//! what left. A unit joining its first area is a join; a unit changing area is a move.
//! A request's history records (events, comments, call-backs) follow their request
//! ([`super::children`]); a record's photos follow it ([`super::photos`]); a patrol round's
//! answers follow the round ([`super::patrol`]). A request with no unit (a patrol finding in
//! a common area) lives in the area its `area` field names.

use super::site_tx::SiteTx;
use crate::error::AppResult;
use shared::patrol::{ANSWER, ROUND};
use shared::request::history::CHILD_KINDS;
use shared::scope::{placement, Placement, Scope};
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
        let target = c.value.as_str().map(str::to_owned);
        match (kind, field) {
            ("building", "area") => {
                let units = self.children("unit", id).await?;
                let area = target.unwrap_or_else(|| UNPLACED.into());
                self.move_units(&units, &area).await
            }
            ("unit", "building") => {
                self.set_parent(kind, id, target.as_deref()).await?;
                let area = match &target {
                    Some(b) => self.field_text("building", b, "area").await?,
                    None => None,
                };
                self.move_units(&[id.to_owned()], area.as_deref().unwrap_or(UNPLACED)).await
            }
            ("request" | "unit_person", "unit") => {
                self.set_parent(kind, id, target.as_deref()).await?;
                let area = match &target {
                    Some(u) => self.area_of("unit", u).await?,
                    // A request without a unit lives in its own `area` (a patrol finding).
                    None if kind == "request" => self.field_text(kind, id, "area").await?,
                    None => None,
                };
                let area = area.unwrap_or_else(|| UNPLACED.into());
                let mut joins = self.move_record(kind, id, &area).await?;
                if kind == "unit_person" {
                    joins.extend(self.relink(id).await?);
                }
                Ok(joins)
            }
            ("request", "area") => {
                if self.field_text(kind, id, "unit").await?.is_some() {
                    return Ok(Vec::new()); // the unit's area wins
                }
                self.move_record(kind, id, target.as_deref().unwrap_or(UNPLACED)).await
            }
            (ROUND, "area") => self.move_round(id, target.as_deref().unwrap_or(UNPLACED)).await,
            (ANSWER, "round") => {
                self.set_parent(kind, id, target.as_deref()).await?;
                self.follow_round(id, target.as_deref()).await
            }
            ("unit_person", "person" | "deleted") => self.relink(id).await,
            ("request", "department") => self.route(id, target.as_deref()).await,
            (k, "request") if CHILD_KINDS.contains(&k) => {
                self.set_parent(kind, id, target.as_deref()).await?;
                self.follow_request(kind, id, target.as_deref()).await
            }
            ("photo", "parent_kind" | "parent_id") => self.follow_parent(id).await,
            _ => Ok(Vec::new()),
        }
    }

    /// The initial `records.area_id` of a new record of `kind`.
    pub(super) fn initial_area(kind: &str) -> Option<&'static str> {
        match placement(kind) {
            Placement::Reference => None,
            Placement::Area
            | Placement::WithRequest
            | Placement::WithParent
            | Placement::WithRound
            | Placement::OfficeOnly => Some(UNPLACED),
        }
    }

    /// Moves units (with their requests, links and linked people) to `area`.
    async fn move_units(&mut self, units: &[String], area: &str) -> AppResult<Joins> {
        let mut joins = Vec::new();
        for unit in units {
            joins.extend(self.move_record("unit", unit, area).await?);
            for kind in ["request", "unit_person"] {
                for child in self.children(kind, unit).await? {
                    joins.extend(self.move_record(kind, &child, area).await?);
                    if kind == "unit_person" {
                        joins.extend(self.relink(&child).await?);
                    }
                }
            }
        }
        Ok(joins)
    }

    /// Sets one record's area, and a request's history records with it.
    pub(super) async fn move_record(
        &mut self,
        kind: &str,
        id: &str,
        area: &str,
    ) -> AppResult<Joins> {
        let mut joins = self.set_area(kind, id, area).await?;
        if kind == "request" {
            joins.extend(self.move_children(id, area).await?);
        }
        Ok(joins)
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

    /// Re-reads a `unit_person` link into `person_links`; the linked person joins the areas
    /// they gained, and the areas they left are bumped.
    async fn relink(&mut self, link: &str) -> AppResult<Joins> {
        let person = self.field_text("unit_person", link, "person").await?;
        let unit = self.field_text("unit_person", link, "unit").await?;
        let deleted = self.field_value("unit_person", link, "deleted").await?;
        let live = !matches!(deleted, Some(serde_json::Value::Bool(true)));
        let area = match &unit {
            Some(u) => self.area_of("unit", u).await?.filter(|a| a != UNPLACED),
            None => None,
        };
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
                joins.push(("person".to_owned(), p.clone(), Some(gained.clone())));
            }
            for lost in before.iter().filter(|a| !after.contains(a)) {
                self.bump(&Scope::Area(lost.as_str().into())).await?;
            }
        }
        Ok(joins)
    }

    /// Routes a request to a department, its history records with it: the old department's
    /// epoch is bumped, the new one receives them.
    async fn route(&mut self, id: &str, dept: Option<&str>) -> AppResult<Joins> {
        let mut joins = self.set_dept("request", id, dept).await?;
        joins.extend(self.route_children(id, dept).await?);
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

    pub(super) async fn children(&mut self, kind: &str, parent: &str) -> AppResult<Vec<String>> {
        if self.known_childless(parent) {
            return Ok(Vec::new());
        }
        self.flush_if_child_held(parent).await?;
        let rows = sqlx::query(
            "SELECT id FROM records WHERE parent_id = $1 AND kind = $2 AND site_id = $3 ORDER BY id",
        )
        .bind(parent)
        .bind(kind)
        .bind(self.site_id.clone())
        .fetch_all(self.conn().await?)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
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
