//! Patrol rounds and their answers (`shared::patrol`). A round lives in the area its `area`
//! field names (`Placement::Area`); its answers live with it (`Placement::WithRound`, the
//! round as their `records.parent_id`), and the answers' photos with them. The checklists
//! are reference data that only supervisors write (`Writers::Supervisor`).
//!
//! Laws:
//! - An answer whose `round` arrives joins the round's area; an answer whose round has not
//!   arrived stays unplaced (the office's and its creator's) until the round is placed, and
//!   placing the round carries it along.
//! - A butler may not start a round in another area, name another area's building in a
//!   round or an answer, or answer another area's round ([`SiteTx::patrol_ties_inside`]).

use super::placement::{Joins, UNPLACED};
use super::site_tx::SiteTx;
use crate::db::accounts::AuthUser;
use crate::error::AppResult;
use shared::patrol::{ANSWER, ROUND};

impl SiteTx {
    /// Places round `id` in `area`, its answers (and their photos) with it.
    pub(super) async fn move_round(&mut self, id: &str, area: &str) -> AppResult<Joins> {
        let mut joins = self.set_area(ROUND, id, area).await?;
        for answer in self.children(ANSWER, id).await? {
            joins.extend(self.set_area(ANSWER, &answer, area).await?);
        }
        Ok(joins)
    }

    /// Places answer `id` with `round` (its `round` field just written).
    pub(super) async fn follow_round(&mut self, id: &str, round: Option<&str>) -> AppResult<Joins> {
        let area = match round {
            Some(r) => self.area_of(ROUND, r).await?,
            None => None,
        };
        self.set_area(ANSWER, id, area.as_deref().unwrap_or(UNPLACED)).await
    }

    /// Whether a patrol reference written by a butler of `area` points inside it: `Some`
    /// for the fields this module judges, `None` for any other.
    pub(super) async fn patrol_ties_inside(
        &mut self,
        user: &AuthUser,
        kind: &str,
        field: &str,
        target: &str,
        area: &str,
    ) -> AppResult<Option<bool>> {
        Ok(Some(match (kind, field) {
            (ROUND | "request", "area") => target == area,
            (ROUND | ANSWER | "request", "building") => {
                self.field_text("building", target, "area").await?.as_deref() == Some(area)
            }
            (ANSWER, "round") | ("request", "patrol_round") => {
                self.holds_own_or_area(user, ROUND, target, area).await?
            }
            ("request", "patrol_answer") => {
                self.holds_own_or_area(user, ANSWER, target, area).await?
            }
            _ => return Ok(None),
        }))
    }
}
