//! `GET /api/v1/reports/kpis`: the KPI figures of a period and of the one before, from the
//! caller's scope, by the same `shared::report` functions the app calls. The work is in
//! [`crate::reports`]; this reads the query and answers.

use crate::db::accounts::AuthUser;
use crate::error::{AppError, AppResult};
use crate::reports;
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use shared::protocol::ErrorBody;
use shared::report::answer::{
    KpiReport, PeriodAsk, DEFAULT_OFFSET_MIN, MAX_CUSTOM_DAYS, MAX_MS, MAX_OFFSET_MIN, MIN_MS,
    MIN_OFFSET_MIN,
};
use shared::report::{Filter, PeriodKind};
use shared::request::Category;
use shared::RecordId;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::IntoParams;

/// Query of `GET /api/v1/reports/kpis`: the period, then the filter (every part set must
/// match).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KpiQuery {
    /// What the period is cut by; `month` when absent.
    #[param(value_type = Option<PeriodKind>)]
    pub period: Option<String>,
    /// An instant of the period (ms since the epoch); now when absent.
    #[param(schema_with = at_schema)]
    pub at: Option<i64>,
    /// A custom period's first day (any instant of it, ms); the day of `at` when absent.
    #[param(schema_with = from_schema)]
    pub from: Option<i64>,
    /// A custom period's last day (any instant of it, ms); the day of `from` when absent.
    #[param(schema_with = to_schema)]
    pub to: Option<i64>,
    /// The zone days are cut in, minutes ahead of UTC.
    #[param(schema_with = tz_schema)]
    pub tz: Option<i64>,
    /// Only this area's requests and patrols.
    pub area: Option<RecordId>,
    /// Only what this butler took, made or called back.
    pub butler: Option<RecordId>,
    /// Only requests routed to this department.
    pub department: Option<RecordId>,
    /// Only requests of this type.
    #[param(value_type = Option<Category>)]
    pub category: Option<String>,
    /// Only requests of this classifier topic (a complaint's category).
    pub topic: Option<RecordId>,
}

fn time_schema(what: &str) -> ObjectBuilder {
    shared::openapi::integer(
        MIN_MS as u64,
        Some(MAX_MS as u64),
        &format!("{what} (ms since the epoch): {MIN_MS} to {MAX_MS}, else 400"),
    )
}

fn at_schema() -> ObjectBuilder {
    time_schema("An instant of the period; now when absent")
}

fn from_schema() -> ObjectBuilder {
    time_schema("A custom period's first day; the day of `at` when absent")
}

fn to_schema() -> ObjectBuilder {
    time_schema(&format!(
        "A custom period's last day; the day of `from` when absent. The span is at most \
         {MAX_CUSTOM_DAYS} days (else 400)"
    ))
}

fn tz_schema() -> ObjectBuilder {
    let text = format!(
        "Minutes ahead of UTC the days are cut in: {MIN_OFFSET_MIN} to {MAX_OFFSET_MIN} (else \
         400), {DEFAULT_OFFSET_MIN} (China) when absent"
    );
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(MIN_OFFSET_MIN as f64))
        .maximum(Some(MAX_OFFSET_MIN as f64))
        .default(Some(DEFAULT_OFFSET_MIN.into()))
        .description(Some(text))
}

/// A wire name of `T`, or the 400 that lists the names.
fn named<T>(
    name: &str,
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    all: &[&str],
) -> AppResult<Option<T>> {
    let Some(v) = value else { return Ok(None) };
    parse(v).map(Some).ok_or_else(|| {
        let all = all.join(", ");
        AppError::BadRequest(format!(
            "{name} must be one of {all}, not {v:?} / {name} 须为 {all} 之一"
        ))
    })
}

/// `GET /api/v1/reports/kpis`: every KPI of the period and of the one before, of what the
/// caller's scope holds (a butler: their area, whatever the filter says).
#[utoipa::path(
    get,
    path = "/reports/kpis",
    tag = "reports",
    params(KpiQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The figures of the period and of the one before", body = KpiReport),
        (status = 400, description = "Malformed query, a value out of its range, or a custom span over its limit", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: department staff read no reports", body = ErrorBody),
    )
)]
pub async fn kpis(
    State(state): State<AppState>,
    user: AuthUser,
    q: Result<Query<KpiQuery>, QueryRejection>,
) -> AppResult<Json<KpiReport>> {
    let Query(q) =
        q.map_err(|e| AppError::BadRequest(format!("{} / 查询参数有误", e.body_text())))?;
    let ask = PeriodAsk {
        kind: named("period", q.period.as_deref(), PeriodKind::parse, PeriodKind::NAMES)?,
        at: q.at,
        from: q.from,
        to: q.to,
        offset_min: q.tz,
    };
    let filter = Filter {
        area: q.area,
        butler: q.butler,
        department: q.department,
        category: named("category", q.category.as_deref(), Category::parse, Category::NAMES)?,
        topic: q.topic,
    };
    Ok(Json(reports::kpis(&state, &user, ask, filter).await?))
}
