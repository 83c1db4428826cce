//! The rows behind placement (`super::placement` decides what moves): a record's
//! `records.area_id`, `dept_id` and `parent_id`, a linked record's areas in `person_links`,
//! the scope epochs bumped when records leave a scope, and the stored fields placement reads.

use super::placement::{Joins, UNPLACED};
use super::site_tx::SiteTx;
use crate::error::AppResult;
use shared::scope::place::{linked_by, linked_kind};
use shared::scope::{placement, Placement, Scope};
use sqlx::Row;

impl SiteTx {
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
    pub(super) async fn relink(&mut self, kind: &str, link: &str) -> AppResult<Joins> {
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
    pub(super) async fn children_in(
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

    pub(super) async fn field_value(
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
