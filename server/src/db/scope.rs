//! Whether a pushed change reaches outside the pusher's scope (`shared::scope`): the record
//! lives in another site, area or department, or the change would tie a record of the
//! pusher's scope to one outside it (a request for another area's unit, a link to another
//! area's resident — which would hand the pusher that resident's data — an event for
//! another area's request, or a patrol round, answer or finding in another area).

use super::placement::UNPLACED;
use super::site_tx::SiteTx;
use super::tx_cache::Placed;
use crate::db::accounts::AuthUser;
use crate::error::AppResult;
use shared::request::history::CHILD_KINDS;
use shared::scope::{placement, Placement, Scope};
use shared::Change;

impl SiteTx {
    /// True when `user` may not touch `c`'s record (the verdict is then `out_of_scope`).
    pub async fn outside_scope(&mut self, user: &AuthUser, c: &Change) -> AppResult<bool> {
        let (kind, id) = (c.kind.as_str(), c.id.as_str());
        let placed = self.placed(kind, id).await?;
        if placement(kind) == Placement::Reference {
            // The writers of the kind decide (reference data is the office's).
            return Ok(false);
        }
        match user.scope() {
            Scope::Site => Ok(false),
            Scope::ReferenceOnly => Ok(true),
            Scope::Department(d) => Ok(!self.department_holds(user, c, placed, d.as_str()).await?),
            Scope::Area(area) => {
                let area = area.as_str();
                let held = match placed {
                    None => true,
                    Some(p) => self.holds(user, kind, id, p, area).await?,
                };
                Ok(!held || !self.ties_inside(user, c, area).await?)
            }
        }
    }

    /// Whether staff of department `dept` may write `c`: a field of a request routed to
    /// them, or of one of its history records — a new one, their own not yet placed, or one
    /// placed with such a request — whose `request`, when written, is routed to them.
    async fn department_holds(
        &mut self,
        user: &AuthUser,
        c: &Change,
        placed: Option<Placed>,
        dept: &str,
    ) -> AppResult<bool> {
        let kind = c.kind.as_str();
        let ours = |p: &Placed| p.dept_id.as_deref() == Some(dept);
        if kind == "request" {
            return Ok(placed.as_ref().is_some_and(ours));
        }
        if !CHILD_KINDS.contains(&kind) {
            return Ok(false);
        }
        let held = match &placed {
            None => true,
            Some(p) => {
                let mine = p.owner_id.as_deref() == Some(user.user_id.as_str());
                ours(p) || (p.area_id.as_deref() == Some(UNPLACED) && p.dept_id.is_none() && mine)
            }
        };
        if !held || c.field != "request" {
            return Ok(held);
        }
        let Some(target) = c.value.as_str().filter(|t| shared::RecordId::is_valid_str(t)) else {
            return Ok(true); // not a reference: the schema refuses it
        };
        let target = shared::ids::canonical_uuid(target.to_owned());
        Ok(self.placed("request", &target).await?.is_some_and(|p| ours(&p)))
    }

    /// Whether a butler of `area` holds an existing record.
    async fn holds(
        &mut self,
        user: &AuthUser,
        kind: &str,
        id: &str,
        p: Placed,
        area: &str,
    ) -> AppResult<bool> {
        let mine = p.owner_id.as_deref() == Some(user.user_id.as_str());
        if kind == "person" {
            let areas = self.person_areas(id).await?;
            return Ok(areas.iter().any(|a| a == area) || (areas.is_empty() && mine));
        }
        Ok(match p.area_id.as_deref() {
            Some(a) if a == area => true,
            Some(UNPLACED) => mine,
            _ => false,
        })
    }

    /// Whether the records `c` points its record at are inside `area` too.
    async fn ties_inside(&mut self, user: &AuthUser, c: &Change, area: &str) -> AppResult<bool> {
        let Some(target) = c.value.as_str() else { return Ok(true) };
        if !shared::RecordId::is_valid_str(target) {
            return Ok(true); // not a reference at all: the schema refuses it
        }
        let target = shared::ids::canonical_uuid(target.to_owned());
        let (kind, field) = (c.kind.as_str(), c.field.as_str());
        if let Some(inside) = self.patrol_ties_inside(user, kind, field, &target, area).await? {
            return Ok(inside);
        }
        match (kind, field) {
            ("request" | "unit_person", "unit") => {
                Ok(self.area_of("unit", &target).await?.as_deref() == Some(area))
            }
            ("unit_person", "person") => match self.placed("person", &target).await? {
                None => Ok(true),
                Some(p) => self.holds(user, "person", &target, p, area).await,
            },
            // A history record of a request of the area (or of the butler's own request not
            // placed yet). A request that has not arrived leaves the record unplaced — the
            // butler's own — until it does.
            (k, "request") if CHILD_KINDS.contains(&k) => {
                match self.placed("request", &target).await? {
                    None => Ok(true),
                    Some(p) => self.holds(user, "request", &target, p, area).await,
                }
            }
            _ => Ok(true),
        }
    }

    /// Whether a butler of `area` holds record `id` of `kind`: it has not arrived (then the
    /// referring record stays unplaced, the butler's own), or it is theirs by area or owner.
    pub(super) async fn holds_own_or_area(
        &mut self,
        user: &AuthUser,
        kind: &str,
        id: &str,
        area: &str,
    ) -> AppResult<bool> {
        match self.placed(kind, id).await? {
            None => Ok(true),
            Some(p) => self.holds(user, kind, id, p, area).await,
        }
    }

    /// Whether this site holds the record (it has a `records` row): a refused change to one
    /// it does not hold writes nothing (`shared::push_rules::Target::new_record`).
    pub async fn holds_record(&mut self, kind: &str, id: &str) -> AppResult<bool> {
        Ok(self.placed(kind, id).await?.is_some())
    }

    /// A record's placement: from this transaction's cache ([`SiteTx::prefetch`]) or read.
    pub(super) async fn placed(&mut self, kind: &str, id: &str) -> AppResult<Option<Placed>> {
        if let Some(p) = self.cache.placed.get(kind, id) {
            return Ok(p.clone());
        }
        self.flush_if_held(kind, id).await?; // its `records` row may be held back
        let row = sqlx::query(
            "SELECT area_id, dept_id, owner_id FROM records \
             WHERE kind = $1 AND id = $2 AND site_id = $3",
        )
        .bind(kind)
        .bind(id)
        .bind(self.site_id.clone())
        .fetch_optional(self.conn().await?)
        .await?;
        let placed = row.as_ref().map(Placed::from_row).transpose()?;
        self.cache.placed.insert(kind, id, placed.clone());
        Ok(placed)
    }
}
