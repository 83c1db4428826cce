//! `GET /api/v1/audit`: the site's audit log of personal data (`shared::audit`), a page at a
//! time, newest first, for supervisors only. What writes it ([`crate::audit::record`]): the
//! register's export ([`super::register`]) and `guanjia person export|erase`
//! ([`crate::person`]).

use crate::db::accounts::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use shared::audit::{self, AuditPage, DEFAULT_PAGE, MAX_PAGE};
use shared::protocol::ErrorBody;
use utoipa::IntoParams;

/// The furthest a page may start: far beyond any site's log, and a bound the document can
/// state.
pub const MAX_OFFSET: i64 = 1_000_000_000;

/// Query of `GET /api/v1/audit`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// How many of the newest entries to skip.
    #[param(schema_with = offset_schema)]
    pub offset: Option<i64>,
    /// Most entries in the page.
    #[param(schema_with = limit_schema)]
    pub limit: Option<i64>,
}

fn offset_schema() -> utoipa::openapi::schema::ObjectBuilder {
    let text =
        format!("Entries to skip, newest first: 0 to {MAX_OFFSET} (else 400), 0 when absent");
    shared::openapi::integer(0, Some(MAX_OFFSET as u64), &text).default(Some(0.into()))
}

fn limit_schema() -> utoipa::openapi::schema::ObjectBuilder {
    let text = format!("Most entries: 1 to {MAX_PAGE} (else 400), {DEFAULT_PAGE} when absent");
    shared::openapi::integer(1, Some(MAX_PAGE.into()), &text).default(Some(DEFAULT_PAGE.into()))
}

/// `GET /api/v1/audit?offset=N&limit=M`: who exported the register or a resident's data, or
/// erased it, and when.
#[utoipa::path(
    get,
    path = "/audit",
    tag = "audit",
    params(AuditQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the site's audit log, newest first", body = AuditPage),
        (status = 400, description = "Malformed query, or `offset`/`limit` out of range", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a supervisor", body = ErrorBody),
    )
)]
pub async fn audit_log(
    State(state): State<AppState>,
    user: AuthUser,
    q: Result<Query<AuditQuery>, QueryRejection>,
) -> AppResult<Json<AuditPage>> {
    if !audit::may_read(user.role) {
        return Err(AppError::Forbidden(format!(
            "only supervisors read the audit log, not a {} / 只有主管可以查看审计日志",
            user.role
        )));
    }
    let Query(q) = q.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let offset = q.offset.unwrap_or(0);
    if !(0..=MAX_OFFSET).contains(&offset) {
        return Err(AppError::BadRequest(format!(
            "offset must be 0 to {MAX_OFFSET} / offset 须在 0 到 {MAX_OFFSET} 之间"
        )));
    }
    let limit = q.limit.unwrap_or(DEFAULT_PAGE.into());
    if !(1..=i64::from(MAX_PAGE)).contains(&limit) {
        return Err(AppError::BadRequest(format!(
            "limit must be 1 to {MAX_PAGE} / limit 须在 1 到 {MAX_PAGE} 之间"
        )));
    }
    let (entries, total) = state.db().audit_page(&user.site_id, offset, limit).await?;
    Ok(Json(AuditPage { entries, total }))
}
