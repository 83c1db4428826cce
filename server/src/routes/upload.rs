//! What every office import route (the register, finance's arrears list) checks before the
//! work, and how it answers: office staff and supervisors only, a `commit` query, the raw
//! body up to [`MAX_FILE_BYTES`] (over it: 413 with a message in both languages), and 422
//! when a commit was asked while rows have errors (nothing written). One place, so a third
//! import cannot check less than the first two.

use crate::db::accounts::AuthUser;
use crate::error::{AppError, AppResult};
use crate::register_io::MAX_FILE_BYTES;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::Query;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

/// Query of an import (`POST /api/v1/register/import`, `POST /api/v1/arrears/import`).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Write the changes; without it (or `false`) the import is a dry run that writes nothing.
    #[serde(default)]
    pub commit: bool,
}

/// Refuses anyone but office staff and supervisors: `en` and `zh` say what they alone do
/// ("import the arrears list", "导入欠费清单").
pub fn office_only(user: &AuthUser, en: &str, zh: &str) -> AppResult<()> {
    if user.role.is_office() {
        return Ok(());
    }
    Err(AppError::Forbidden(format!(
        "only office staff and supervisors {en}, not a {} / 只有前台和主管可以{zh}",
        user.role
    )))
}

/// An import's upload, checked.
pub struct Upload {
    /// Write, or only say what would change.
    pub commit: bool,
    /// The file.
    pub bytes: Vec<u8>,
    /// What the client said it is (the readers tell the format from the bytes anyway).
    pub content_type: Option<String>,
}

impl Upload {
    /// The query and body of an import, or the error to answer with.
    pub fn check(
        q: Result<Query<ImportQuery>, QueryRejection>,
        headers: &HeaderMap,
        body: Result<Bytes, BytesRejection>,
    ) -> AppResult<Upload> {
        let Query(q) = q.map_err(|e| AppError::BadRequest(e.body_text()))?;
        let body = match body {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                let mib = MAX_FILE_BYTES / (1024 * 1024);
                let message = format!("the file is larger than {mib} MiB / 文件超过 {mib} MiB");
                return Err(AppError::PayloadTooLarge(message));
            }
            Err(e) => return Err(AppError::BadRequest(e.body_text())),
        };
        let content_type =
            headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Ok(Upload { commit: q.commit, bytes: body.to_vec(), content_type })
    }
}

/// The answer to an import: its report, with 422 when a commit was asked and `failed` (rows
/// have errors, so nothing was written), else 200.
pub fn answer<R: Serialize>(commit: bool, failed: bool, report: R) -> Response {
    let status = if commit && failed { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    (status, Json(report)).into_response()
}
