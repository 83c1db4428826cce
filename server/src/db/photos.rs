//! Photos (`Placement::WithParent`, `shared::blob`) live wherever their parent is — the
//! record their `parent_kind` + `parent_id` name: its area (`records.area_id`) and its
//! department (`records.dept_id`). `records.parent_id` holds `<parent_kind>:<parent_id>`, so a
//! photo can only follow the record of the kind it names.
//!
//! Laws:
//! - A photo whose parent is known joins the parent's area and department, whichever of its
//!   two parent fields arrives last; when the parent moves or is routed, its photos move in
//!   the same transaction ([`SiteTx::set_area`], [`SiteTx::set_dept`]).
//! - A photo whose parent has not arrived (or whose kind has no records yet: patrol answers…)
//!   stays unplaced — the office's and its creator's — until the parent is placed.
//! - A butler may not tie a photo to a parent outside their area: every field of it in the
//!   batch is refused ([`SiteTx::photos_outside`]), so nothing of it is stored.
//! - Who may read or upload a photo's bytes is `shared::blob::access`; [`Db::blob_facts`]
//!   fetches what it looks at (a placed photo opens its bytes to the scope of its parent).

use super::placement::{Joins, UNPLACED};
use super::site_tx::SiteTx;
use super::Db;
use crate::db::accounts::AuthUser;
use crate::error::AppResult;
use shared::blob::access::{BlobFacts, NamingPhoto, ParentPlace};
use shared::blob::{PhotoParent, PHOTO};
use shared::scope::Scope;
use shared::Change;
use sqlx::Row;
use std::collections::HashMap;

/// A photo's parent as `records.parent_id` holds it.
fn parent_key(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

/// A parent reference that can name a record: a known kind and a valid id (canonical).
fn parent_of(kind: Option<&str>, id: Option<&str>) -> Option<(String, String)> {
    let kind = PhotoParent::parse(kind?)?;
    let id = id.filter(|i| shared::RecordId::is_valid_str(i))?;
    Some((kind.as_str().to_owned(), shared::ids::canonical_uuid(id.to_owned())))
}

impl SiteTx {
    /// Sets one record's area, and its photos' with it ([`super::photos`]).
    pub(super) async fn set_area(&mut self, kind: &str, id: &str, area: &str) -> AppResult<Joins> {
        let mut joins = self.set_area_only(kind, id, area).await?;
        for photo in self.photos_of(kind, id).await? {
            joins.extend(self.set_area_only("photo", &photo, area).await?);
        }
        Ok(joins)
    }

    /// Sets one record's department, and its photos' with it ([`super::photos`]).
    pub(super) async fn set_dept(
        &mut self,
        kind: &str,
        id: &str,
        dept: Option<&str>,
    ) -> AppResult<Joins> {
        let mut joins = self.set_dept_only(kind, id, dept).await?;
        for photo in self.photos_of(kind, id).await? {
            joins.extend(self.set_dept_only("photo", &photo, dept).await?);
        }
        Ok(joins)
    }

    /// Places photo `id` with the parent its stored `parent_kind` and `parent_id` name.
    pub(super) async fn follow_parent(&mut self, id: &str) -> AppResult<Joins> {
        let kind = self.field_text(PHOTO, id, "parent_kind").await?;
        let parent_id = self.field_text(PHOTO, id, "parent_id").await?;
        let parent = parent_of(kind.as_deref(), parent_id.as_deref());
        let key = parent.as_ref().map(|(k, p)| parent_key(k, p));
        self.set_parent(PHOTO, id, key.as_deref()).await?;
        let (area, dept) = match &parent {
            Some((k, p)) => self.place_of(k, p).await?,
            None => (None, None),
        };
        self.place_in(PHOTO, id, area.as_deref(), dept.as_deref()).await
    }

    /// Places record `id` of `kind` (and its photos) in `area` (unplaced: `None`) and
    /// department `dept`, as one move.
    pub(super) async fn place_in(
        &mut self,
        kind: &str,
        id: &str,
        area: Option<&str>,
        dept: Option<&str>,
    ) -> AppResult<Joins> {
        let mut joins = self.set_area(kind, id, area.unwrap_or(UNPLACED)).await?;
        let dept_joins = self.set_dept(kind, id, dept).await?;
        // A join copies the record's fields with its (already updated) department too: one
        // copy is enough.
        if joins.is_empty() {
            joins = dept_joins;
        }
        Ok(joins)
    }

    /// The photos of record `id` of `kind` (none unless photos can belong to the kind).
    pub(super) async fn photos_of(&mut self, kind: &str, id: &str) -> AppResult<Vec<String>> {
        if PhotoParent::parse(kind).is_none() {
            return Ok(Vec::new());
        }
        if self.known_childless(&parent_key(kind, id)) {
            return Ok(Vec::new());
        }
        self.flush_if_child_held(&parent_key(kind, id)).await?;
        let rows = sqlx::query(
            "SELECT id FROM records WHERE parent_id = $1 AND kind = $2 AND site_id = $3 ORDER BY id",
        )
        .bind(parent_key(kind, id))
        .bind(PHOTO)
        .bind(self.site_id.clone())
        .fetch_all(self.conn().await?)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }

    /// A record's area and department as `records` holds them (`None`, `None` when it has
    /// not arrived).
    pub(super) async fn place_of(
        &mut self,
        kind: &str,
        id: &str,
    ) -> AppResult<(Option<String>, Option<String>)> {
        if let Some(row) = self.held_record(kind, id) {
            return Ok((row.area.clone(), None)); // held back: no department yet
        }
        let row = sqlx::query(
            "SELECT area_id, dept_id FROM records WHERE kind = $1 AND id = $2 AND site_id = $3",
        )
        .bind(kind)
        .bind(id)
        .bind(self.site_id.clone())
        .fetch_optional(self.conn().await?)
        .await?;
        match row {
            Some(r) => Ok((r.try_get("area_id")?, r.try_get("dept_id")?)),
            None => Ok((None, None)),
        }
    }

    /// The photos of a batch that a butler would tie to a parent outside their area: their
    /// parent as the batch leaves it (its last value of each field, else the stored one)
    /// exists and is not theirs. Every field of such a photo in the batch is refused.
    pub async fn photos_outside<'a>(
        &mut self,
        user: &AuthUser,
        changes: &'a [Change],
    ) -> AppResult<Vec<(&'a str, &'a str)>> {
        let Scope::Area(area) = user.scope() else { return Ok(Vec::new()) };
        let mut parents: HashMap<&str, (Option<String>, Option<String>)> = HashMap::new();
        for c in changes.iter().filter(|c| c.kind.as_str() == PHOTO && c.id.is_valid()) {
            let entry = parents.entry(c.id.as_str()).or_default();
            let text = c.value.as_str().map(str::to_owned);
            match c.field.as_str() {
                "parent_kind" => entry.0 = text,
                "parent_id" => entry.1 = text,
                _ => {}
            }
        }
        let mut out = Vec::new();
        for (id, (kind, parent_id)) in parents {
            let kind = match kind {
                Some(k) => Some(k),
                None => self.field_text(PHOTO, id, "parent_kind").await?,
            };
            let parent_id = match parent_id {
                Some(p) => Some(p),
                None => self.field_text(PHOTO, id, "parent_id").await?,
            };
            let Some((pk, pid)) = parent_of(kind.as_deref(), parent_id.as_deref()) else {
                continue;
            };
            if !self.holds_parent(user, &pk, &pid, area.as_str()).await? {
                out.push((PHOTO, id));
            }
        }
        Ok(out)
    }

    /// Whether a butler of `area` holds a photo's parent (one that has not arrived leaves
    /// the photo unplaced, the butler's own, until it does).
    async fn holds_parent(
        &mut self,
        user: &AuthUser,
        kind: &str,
        id: &str,
        area: &str,
    ) -> AppResult<bool> {
        self.flush_if_held(kind, id).await?; // its `records` row may be held back
        let row = sqlx::query(
            "SELECT area_id, owner_id FROM records WHERE kind = $1 AND id = $2 AND site_id = $3",
        )
        .bind(kind)
        .bind(id)
        .bind(self.site_id.clone())
        .fetch_optional(self.conn().await?)
        .await?;
        let Some(row) = row else { return Ok(true) };
        let placed: Option<String> = row.try_get("area_id")?;
        let owner: Option<String> = row.try_get("owner_id")?;
        Ok(match placed.as_deref() {
            Some(a) if a == area => true,
            Some(UNPLACED) => owner.as_deref() == Some(user.user_id.as_str()),
            _ => false,
        })
    }
}

impl Db {
    /// What [`shared::blob::access::blob_right`] needs to judge `user` on blob `sha256`:
    /// whether they uploaded it whole, and each live photo of their site naming it
    /// (`sha256` or `thumb_sha256`) — whether they created it, the kind its parent reference
    /// names, and where that parent record is, if it exists in their site.
    pub async fn blob_facts(&self, user: &AuthUser, sha256: &str) -> AppResult<BlobFacts> {
        let rows = sqlx::query(
            "SELECT r.parent_id, r.owner_id FROM fields f \
             JOIN records r ON r.kind = f.kind AND r.id = f.record_id AND r.site_id = f.site_id \
             WHERE f.kind = $1 AND f.field IN ('sha256', 'thumb_sha256') AND f.value = $2 \
               AND f.site_id = $3 AND NOT EXISTS (SELECT 1 FROM fields d \
                 WHERE d.kind = f.kind AND d.record_id = f.record_id AND d.site_id = f.site_id \
                   AND d.field = 'deleted' \
                   AND d.value = 'true')",
        )
        .bind(PHOTO)
        .bind(serde_json::Value::from(sha256).to_string())
        .bind(&user.site_id)
        .fetch_all(&self.pool)
        .await?;
        let mut photos = Vec::with_capacity(rows.len());
        for r in rows {
            let parent_ref: Option<String> = r.try_get("parent_id")?;
            let owner: Option<String> = r.try_get("owner_id")?;
            let (parent_kind, parent) = match parent_ref.as_deref().and_then(|p| p.split_once(':'))
            {
                Some((kind, id)) => {
                    (Some(kind.to_owned()), self.parent_place(user, kind, id).await?)
                }
                None => (None, None),
            };
            let mine = owner.as_deref() == Some(user.user_id.as_str());
            photos.push(NamingPhoto { mine, parent_kind, parent });
        }
        let uploaded = self.has_uploaded(sha256, &user.user_id).await?;
        Ok(BlobFacts { uploaded, photos })
    }

    /// Where record `id` of `kind` of `user`'s site is (`None`: no such record there); an
    /// area of [`UNPLACED`] is no area.
    async fn parent_place(
        &self,
        user: &AuthUser,
        kind: &str,
        id: &str,
    ) -> AppResult<Option<ParentPlace>> {
        let row = sqlx::query(
            "SELECT area_id, dept_id FROM records WHERE kind = $1 AND id = $2 AND site_id = $3",
        )
        .bind(kind)
        .bind(id)
        .bind(&user.site_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let area: Option<String> = r.try_get("area_id")?;
        Ok(Some(ParentPlace { area: area.filter(|a| a != UNPLACED), dept: r.try_get("dept_id")? }))
    }
}
