//! Whether a pushed change reaches outside the pusher's scope. The rules are
//! `shared::scope` (`Scope::may_write`, `Scope::may_tie`, read from each kind's declaration):
//! this module fetches their facts — where the record is, and where the record a reference
//! field points at is — from `records` (records are keyed by site: another site's record of
//! the same id is another record, never seen here). A change is refused when its record lives
//! in another area or department, or when it would tie a record of the pusher's scope to one
//! outside it (a request for another area's unit, a link to another area's resident — which
//! would hand the pusher that resident's data — an event for another area's request, a round
//! in another area or naming another area's building).

use super::placement::UNPLACED;
use super::site_tx::SiteTx;
use super::tx_cache::Placed;
use crate::db::accounts::AuthUser;
use crate::error::AppResult;
use shared::scope::{placement, tie, Placement, RecordPlace, Scope, Tie, TieTarget};
use shared::Change;
impl SiteTx {
    /// True when `user` may not touch `c`'s record (the verdict is then `out_of_scope`).
    pub async fn outside_scope(&mut self, user: &AuthUser, c: &Change) -> AppResult<bool> {
        let (kind, id) = (c.kind.as_str(), c.id.as_str());
        let scope = user.scope();
        // Reference data: the writers of the kind decide (it is the office's).
        if scope == Scope::Site || placement(kind) == Placement::Reference {
            return Ok(false);
        }
        let place = self.record_place(user, &scope, kind, id).await?;
        if !scope.may_write(kind, place.as_ref()) {
            return Ok(true);
        }
        let Some(target) = self.tie_target(user, &scope, c).await? else { return Ok(false) };
        Ok(!scope.may_tie(&target))
    }

    /// Where record `id` of `kind` is, as `scope` sees it (`None`: this site holds nothing of
    /// it). A linked record's areas (a person's) are read only for an area scope.
    pub(super) async fn record_place(
        &mut self,
        user: &AuthUser,
        scope: &Scope,
        kind: &str,
        id: &str,
    ) -> AppResult<Option<RecordPlace>> {
        let Some(p) = self.placed(kind, id).await? else { return Ok(None) };
        let areas = match placement(kind) {
            Placement::Linked { .. } if matches!(scope, Scope::Area(_)) => {
                self.person_areas(id).await?
            }
            _ => p.area_id.into_iter().filter(|a| a != UNPLACED).collect(),
        };
        let mine = p.owner_id.as_deref() == Some(user.user_id.as_str());
        Ok(Some(RecordPlace { areas, dept: p.dept_id, mine }))
    }

    /// What a reference field written by `c` points at (`None`: not a reference, or not a
    /// valid id, which the schema refuses).
    async fn tie_target(
        &mut self,
        user: &AuthUser,
        scope: &Scope,
        c: &Change,
    ) -> AppResult<Option<TieTarget>> {
        let Some(tie) = tie(c.kind.as_str(), &c.field) else { return Ok(None) };
        let Some(target) = c.value.as_str().filter(|t| shared::RecordId::is_valid_str(t)) else {
            return Ok(None);
        };
        let target = shared::ids::canonical_uuid(target.to_owned());
        Ok(Some(match tie {
            Tie::Area => TieTarget::Area(target),
            Tie::InArea { kind, field } => {
                TieTarget::InArea(self.field_text(kind, &target, field).await?)
            }
            Tie::Reference => TieTarget::Reference,
            Tie::Record { kind, through } => {
                let place = self.record_place(user, scope, kind, &target).await?;
                TieTarget::Record { place, through }
            }
        }))
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
