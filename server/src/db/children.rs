//! A request's history records — events, comments, call-backs (`shared::request::history`,
//! `Placement::WithRequest`) — live wherever their request is: its area (`records.area_id`)
//! and its department (`records.dept_id`), with the request as their `records.parent_id`.
//!
//! Laws:
//! - A child whose `request` arrives joins the request's area and department (its fields
//!   are copied into the log under them), like any other join.
//! - When the request moves area (its unit changes, its building moves) or is routed to
//!   another department, its children move with it in the same transaction: the replicas
//!   that hold the request hold exactly its children.
//! - A child whose request has not arrived yet stays unplaced (office only, and its creator's)
//!   until it does; the request's placement then carries it along.

use super::placement::Joins;
use super::site_tx::SiteTx;
use crate::error::AppResult;
use shared::request::history::CHILD_KINDS;
use sqlx::Row;

impl SiteTx {
    /// Places child `id` of `kind` with `request` (its `request` field just written).
    pub(super) async fn follow_request(
        &mut self,
        kind: &str,
        id: &str,
        request: Option<&str>,
    ) -> AppResult<Joins> {
        let (area, dept) = match request {
            Some(r) => self.place_of("request", r).await?,
            None => (None, None),
        };
        self.place_in(kind, id, area.as_deref(), dept.as_deref()).await
    }

    /// Moves the children of request `id` to `area` (the request itself just moved there).
    pub(super) async fn move_children(&mut self, request: &str, area: &str) -> AppResult<Joins> {
        let mut joins = Vec::new();
        for (kind, id) in self.request_children(request).await? {
            joins.extend(self.set_area(&kind, &id, area).await?);
        }
        Ok(joins)
    }

    /// Routes the children of request `id` to `dept` with it.
    pub(super) async fn route_children(
        &mut self,
        request: &str,
        dept: Option<&str>,
    ) -> AppResult<Joins> {
        let mut joins = Vec::new();
        for (kind, id) in self.request_children(request).await? {
            joins.extend(self.set_dept(&kind, &id, dept).await?);
        }
        Ok(joins)
    }

    /// The history records of a request: `(kind, id)`, in a stable order.
    async fn request_children(&mut self, request: &str) -> AppResult<Vec<(String, String)>> {
        let kinds = CHILD_KINDS.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT kind, id FROM records WHERE parent_id = $1 AND site_id = $2 \
             AND kind IN ({kinds}) ORDER BY kind, id"
        );
        if self.known_childless(request) {
            return Ok(Vec::new());
        }
        self.flush_if_child_held(request).await?;
        let rows = sqlx::query(&sql)
            .bind(request)
            .bind(self.site_id.clone())
            .fetch_all(self.conn().await?)
            .await?;
        rows.iter().map(|r| Ok((r.try_get("kind")?, r.try_get("id")?))).collect()
    }
}
