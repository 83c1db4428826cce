//! Photos (`Placement::WithNamed`, `shared::blob`) live wherever their parent is — the
//! record their `parent_kind` + `parent_id` name: its area (`records.area_id`) and its
//! department (`records.dept_id`). `records.parent_id` holds `<parent_kind>:<parent_id>`, so a
//! photo can only follow the record of the kind it names.
//!
//! Laws:
//! - A photo whose parent is known joins the parent's area and department, whichever of its
//!   two parent fields arrives last; when the parent moves or is routed, its photos move in
//!   the same transaction (`shared::scope::place::followers`, [`super::placement`]).
//! - A photo whose parent has not arrived (or whose kind has no records yet: patrol answers…)
//!   stays unplaced — the office's and its creator's — until the parent is placed.
//! - A butler may not tie a photo to a parent outside their area: every field of it in the
//!   batch is refused ([`SiteTx::photos_outside`]), so nothing of it is stored.
//! - Who may read or upload a photo's bytes is `shared::blob::access`; [`Db::blob_facts`]
//!   fetches what it looks at (a placed photo opens its bytes to the scope of its parent).

use super::placement::UNPLACED;
use super::site_tx::SiteTx;
use super::Db;
use crate::db::accounts::AuthUser;
use crate::error::AppResult;
use shared::blob::access::{BlobFacts, NamingPhoto, ParentPlace};
use shared::blob::PHOTO;
use shared::names::field;
use shared::scope::{place, placement, Effect, Placement, Scope, TieTarget};
use shared::Change;
use sqlx::Row;
use std::collections::HashMap;

impl SiteTx {
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

    /// The records of a batch placed with the record two of their fields name (photos) that
    /// a butler would tie to a parent outside their area: their parent as the batch leaves it
    /// (its last value of each field, else the stored one) exists and is not theirs. Every
    /// field of such a record in the batch is refused.
    pub async fn photos_outside<'a>(
        &mut self,
        user: &AuthUser,
        changes: &'a [Change],
    ) -> AppResult<Vec<(&'a str, &'a str)>> {
        let scope = user.scope();
        if !matches!(scope, Scope::Area(_)) {
            return Ok(Vec::new());
        }
        type Named<'a> = HashMap<(&'a str, &'a str), Vec<(&'static str, Option<String>)>>;
        let mut named: Named<'a> = HashMap::new();
        for c in changes.iter().filter(|c| c.id.is_valid()) {
            let Placement::WithNamed { kind_field, id_field } = placement(c.kind.as_str()) else {
                continue;
            };
            let entry = named.entry((c.kind.as_str(), c.id.as_str())).or_default();
            for f in [kind_field, id_field].into_iter().filter(|f| *f == c.field) {
                entry.retain(|(n, _)| *n != f);
                entry.push((f, c.value.as_str().map(str::to_owned)));
            }
        }
        let mut out = Vec::new();
        for ((kind, id), mut fields) in named {
            let Placement::WithNamed { kind_field, id_field } = placement(kind) else { continue };
            for f in [kind_field, id_field] {
                if !fields.iter().any(|(n, _)| *n == f) {
                    let stored = self.field_text(kind, id, f).await?;
                    fields.push((f, stored));
                }
            }
            let facts: Vec<_> = fields.iter().map(|(f, v)| (*f, v.as_deref())).collect();
            let value = facts.iter().find(|(f, _)| *f == id_field).and_then(|(_, v)| *v);
            let parent = place(kind, id_field, value, &facts).into_iter().find_map(|e| match e {
                Effect::With { parent, .. } => parent,
                _ => None,
            });
            let Some((pk, pid)) = parent else { continue };
            let place = self.record_place(user, &scope, &pk, &pid).await?;
            if !scope.may_tie(&TieTarget::Record { place, through: false }) {
                out.push((kind, id));
            }
        }
        Ok(out)
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
             WHERE f.kind = $1 AND f.field IN ($4, $5) AND f.value = $2 \
               AND f.site_id = $3 AND NOT EXISTS (SELECT 1 FROM fields d \
                 WHERE d.kind = f.kind AND d.record_id = f.record_id AND d.site_id = f.site_id \
                   AND d.field = $6 \
                   AND d.value = 'true')",
        )
        .bind(PHOTO)
        .bind(serde_json::Value::from(sha256).to_string())
        .bind(&user.site_id)
        .bind(field::SHA256)
        .bind(field::THUMB_SHA256)
        .bind(field::DELETED)
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
