//! `POST /api/v1/register/import` and `GET /api/v1/register/export`: the register (台账) from
//! and to XLSX and CSV, for office staff and supervisors of the caller's site. The work is in
//! [`crate::register_io`]; these check the caller and the request, and answer.
//!
//! The import takes the file as the raw body, up to [`MAX_FILE_BYTES`]: that limit is set on
//! this route alone ([`routes`]), every other route keeps the server's body limit.

use crate::db::accounts::AuthUser;
use crate::error::{AppError, AppResult};
use crate::register_io::columns::{Lang, TableKind};
use crate::register_io::export::FileFormat;
use crate::register_io::{self, ImportReport, MAX_FILE_BYTES};
use crate::routes::upload::{self, ImportQuery, Upload};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shared::audit::AuditAction;
use shared::protocol::ErrorBody;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

/// Both routes; the import with its own body limit.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::default()
        .routes(routes!(import).layer(DefaultBodyLimit::max(MAX_FILE_BYTES)))
        .routes(routes!(export))
}

/// Only office staff and supervisors read or write the whole register.
fn office_only(user: &AuthUser) -> AppResult<()> {
    upload::office_only(user, "import or export the register", "导入导出台账")
}

/// `POST /api/v1/register/import?commit=false|true`: reads an XLSX or CSV file (the raw
/// body), checks every row against the site's register and says what it would change; with
/// `commit=true` and no error, writes it. Any error and nothing is written.
#[utoipa::path(
    post,
    path = "/register/import",
    tag = "register",
    params(ImportQuery),
    request_body(
        description = "The file itself: XLSX (both tables as sheets), or CSV (one table) in \
                       UTF-8 or GB18030; the format is told from the bytes",
        content(
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("text/csv")
        )
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What the file changes (written when `commit=true`)", body = ImportReport),
        (status = 400, description = "An empty file, no header row, or a malformed query", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not office staff or a supervisor", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the file is over 20 MiB; `import_limit`: it holds or unpacks to more than the register's limits (`register_io::limits`)", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not an XLSX or CSV file", body = ErrorBody),
        (status = 422, description = "`commit=true` but rows have errors: nothing was written", body = ImportReport),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    user: AuthUser,
    q: Result<Query<ImportQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<Response> {
    office_only(&user)?;
    let up = Upload::check(q, &headers, body)?;
    let report =
        register_io::import(&state, &user.site_id, up.bytes, up.content_type, up.commit).await?;
    Ok(upload::answer(up.commit, !report.errors.is_empty(), report))
}

/// The file format of an export.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

/// The table of a CSV export.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportTable {
    Units,
    People,
}

/// The language of headers and values.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportLang {
    #[default]
    Zh,
    En,
}

/// Query of `GET /api/v1/register/export`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `xlsx` (both tables as sheets) or `csv` (one table, named by `table`).
    pub format: ExportFormat,
    /// The table of a CSV export (`units` when absent; XLSX holds both).
    pub table: Option<ExportTable>,
    /// Headers and values in Chinese (default) or English.
    pub lang: Option<ExportLang>,
}

/// `GET /api/v1/register/export?format=xlsx|csv&table=units|people&lang=zh|en`: the site's
/// register as a file that imports again with no changes (a CSV of `table`, units by default).
#[utoipa::path(
    get,
    path = "/register/export",
    tag = "register",
    params(ExportQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file, as an attachment", content(
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("text/csv")
        )),
        (status = 400, description = "A malformed query", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not office staff or a supervisor", body = ErrorBody),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    user: AuthUser,
    q: Result<Query<ExportQuery>, QueryRejection>,
) -> AppResult<Response> {
    office_only(&user)?;
    let Query(q) = q.map_err(|e| AppError::BadRequest(e.body_text()))?;
    // Every well-formed query has an answer: a CSV without `table` is the units table, as
    // the document says (a 400 here would refuse a query the document calls valid).
    let table = match q.table.unwrap_or(ExportTable::Units) {
        ExportTable::Units => TableKind::Units,
        ExportTable::People => TableKind::People,
    };
    let format = match q.format {
        ExportFormat::Xlsx => FileFormat::Xlsx,
        ExportFormat::Csv => FileFormat::Csv,
    };
    let lang = match q.lang.unwrap_or_default() {
        ExportLang::Zh => Lang::Zh,
        ExportLang::En => Lang::En,
    };
    let file = register_io::export::export(&state, &user.site_id, format, table, lang).await?;
    // Every resident's full phone numbers leave the server here: recorded before the file
    // goes, so no export is unrecorded.
    let target = match format {
        FileFormat::Xlsx => "xlsx".to_owned(),
        FileFormat::Csv => format!("csv {}", table_name(table)),
    };
    let detail = format!("{} bytes", file.bytes.len());
    let action = AuditAction::RegisterExport;
    crate::audit::record(&state, &user.site_id, &user.username, action, &target, &detail).await?;
    let disposition = format!("attachment; filename=\"{}\"", file.file_name);
    Ok((
        [(CONTENT_TYPE, file.content_type.to_owned()), (CONTENT_DISPOSITION, disposition)],
        file.bytes,
    )
        .into_response())
}

/// A table's name in the audit log.
fn table_name(table: TableKind) -> &'static str {
    match table {
        TableKind::Units => "units",
        TableKind::People => "people",
    }
}
