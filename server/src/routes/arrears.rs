//! `POST /api/v1/arrears/import`: finance's arrears list (催缴) from XLSX or CSV, for office
//! staff and supervisors of the caller's site, shaped like the register's import (a dry run
//! unless `commit=true`, nothing written while any row is wrong, the same body limit). The
//! work is in [`crate::arrears_io`].

use crate::arrears_io::{self, ArrearsReport};
use crate::db::accounts::AuthUser;
use crate::error::AppResult;
use crate::register_io::MAX_FILE_BYTES;
use crate::routes::upload::{self, ImportQuery, Upload};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use shared::protocol::ErrorBody;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

/// The import, with the register import's body limit.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::default().routes(routes!(import).layer(DefaultBodyLimit::max(MAX_FILE_BYTES)))
}

/// `POST /api/v1/arrears/import?commit=false|true`: reads finance's arrears list (the raw
/// body), checks every row against the site's register and stored arrears and says what it
/// would change; with `commit=true` and no error, writes it. Any error and nothing is
/// written.
#[utoipa::path(
    post,
    path = "/arrears/import",
    tag = "arrears", // not a kind: the OpenAPI tag
    params(ImportQuery),
    request_body(
        description = "The file itself: XLSX, or CSV in UTF-8 or GB18030, with the columns \
                       building, number, fee_type, period, amount and optionally paid_amount \
                       and note (or their Chinese headers)",
        content(
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("text/csv")
        )
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What the file changes (written when `commit=true`)", body = ArrearsReport),
        (status = 400, description = "An empty file, no header row, or a malformed query", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not office staff or a supervisor", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the file is over 20 MiB; `import_limit`: it holds or unpacks to more than the register's limits", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not an XLSX or CSV file", body = ErrorBody),
        (status = 422, description = "`commit=true` but rows have errors: nothing was written", body = ArrearsReport),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    user: AuthUser,
    q: Result<Query<ImportQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<Response> {
    upload::office_only(&user, "import the arrears list", "导入欠费清单")?;
    let up = Upload::check(q, &headers, body)?;
    let report =
        arrears_io::import(&state, &user.site_id, up.bytes, up.content_type, up.commit).await?;
    Ok(upload::answer(up.commit, !report.errors.is_empty(), report))
}
