//! One error type for every handler, rendered as `{"error":{"code","message"}}`.
//!
//! Internal failures (database, hashing) are logged with their detail and answered with a
//! bland 500: the detail never leaves the server.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::protocol::{ErrorBody, ErrorDetail};

/// Every way a request can fail.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("unsupported content type: {0}")]
    UnsupportedMediaType(String),
    /// The body is over the route's limit; the message may name the limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("missing, expired or revoked token")]
    Unauthorized,
    #[error("wrong username or password")]
    BadCredentials,
    #[error(
        "too many failed logins; try again in {retry_after_secs} s / \
         登录失败次数过多，请 {retry_after_secs} 秒后再试"
    )]
    TooManyAttempts { retry_after_secs: u64 },
    /// A user took [`crate::limits::NUMBER_BLOCKS_PER_WINDOW`] number blocks within the hour.
    #[error(
        "too many blocks of request numbers asked for; try again in {retry_after_secs} s / \
         申请工单编号过于频繁，请 {retry_after_secs} 秒后再试"
    )]
    TooManyNumberBlocks { retry_after_secs: u64 },
    /// A user holds [`crate::limits::LIVE_TICKETS_PER_USER`] unused event-stream tickets.
    #[error(
        "too many unused event-stream tickets; try again in {retry_after_secs} s / \
         连接请求过于频繁，请 {retry_after_secs} 秒后再试"
    )]
    TooManyTickets { retry_after_secs: u64 },
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("replica {0} belongs to another user; a device pushes under its own replica id")]
    ReplicaTaken(String),
    #[error("batch {got} does not follow batch {last_seq}, the last one applied for this replica")]
    SeqGap { last_seq: u64, got: u64 },
    /// A batch under a `seq` already applied for the replica, with other changes than the
    /// applied one: new work under a reused number, never taken for a resend.
    #[error(
        "batch {seq} was applied with other changes; a replica numbers each new batch after \
         the last one applied"
    )]
    SeqReused { seq: u64 },
    #[error(
        "a push carries at most {max} changes, this one has {got}; send them in several pushes"
    )]
    TooManyChanges { max: usize, got: usize },
    /// A blob chunk that does not start where the upload ends (a reply was lost).
    #[error("the server holds {received} bytes of this blob; send the next chunk from offset {received}")]
    WrongOffset { received: u64 },
    #[error("not an image: the server stores JPEG, PNG and WebP photos")]
    NotAnImage,
    #[error("{0}")]
    TooLarge(String),
    /// An imported file is beyond what the register can plausibly hold, or unpacks to more
    /// than a workbook should (`register_io::limits`); the message names the limit.
    #[error("{0}")]
    ImportLimit(String),
    #[error("the uploaded bytes do not hash to the blob's name; the upload was discarded")]
    HashMismatch,
    /// A new upload would take the user's unfinished uploads past their quota.
    #[error(
        "your unfinished uploads already declare {held} bytes; {size} more would pass the \
         quota of {quota}: finish or wait for those first / 未完成的上传已达上限，请稍后再试"
    )]
    UploadQuota { held: u64, size: u64, quota: u64 },
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("internal error: {0}")]
    Internal(String),
}

/// Result of everything that can fail with an [`AppError`].
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// HTTP status and stable code.
    pub fn status_code(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            AppError::UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            AppError::PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            AppError::BadCredentials => (StatusCode::UNAUTHORIZED, "bad_credentials"),
            AppError::TooManyAttempts { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
            }
            AppError::TooManyNumberBlocks { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "too_many_number_blocks")
            }
            AppError::TooManyTickets { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_tickets"),
            AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            AppError::Conflict(_) => (StatusCode::CONFLICT, "conflict"), // not a kind: an error code
            AppError::ReplicaTaken(_) => (StatusCode::CONFLICT, "replica_taken"),
            AppError::SeqGap { .. } => (StatusCode::CONFLICT, "seq_gap"),
            AppError::SeqReused { .. } => (StatusCode::CONFLICT, "seq_reused"),
            AppError::TooManyChanges { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "too_many_changes"),
            AppError::WrongOffset { .. } => (StatusCode::CONFLICT, "wrong_offset"),
            AppError::NotAnImage => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_an_image"),
            AppError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            AppError::ImportLimit(_) => (StatusCode::PAYLOAD_TOO_LARGE, "import_limit"),
            AppError::HashMismatch => (StatusCode::UNPROCESSABLE_ENTITY, "hash_mismatch"),
            AppError::UploadQuota { .. } => (StatusCode::TOO_MANY_REQUESTS, "upload_quota"),
            AppError::Db(_) | AppError::Migrate(_) | AppError::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }

    /// The seconds a 429 tells the client to wait (its `Retry-After`).
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::TooManyAttempts { retry_after_secs }
            | AppError::TooManyNumberBlocks { retry_after_secs }
            | AppError::TooManyTickets { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        }
    }

    /// Wraps any displayable internal failure.
    pub fn internal(e: impl std::fmt::Display) -> Self {
        AppError::Internal(e.to_string())
    }
}

/// The JSON error response for a status/code/message (also used by fallbacks).
pub fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    let body =
        ErrorBody { error: ErrorDetail { code: code.to_owned(), message: message.to_owned() } };
    (status, Json(body)).into_response()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_code();
        let message = if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
            "internal server error".to_owned()
        } else {
            self.to_string()
        };
        let mut resp = error_response(status, code, &message);
        if let Some(secs) = self.retry_after_secs() {
            resp.headers_mut().insert(RETRY_AFTER, HeaderValue::from(secs));
        }
        if let AppError::WrongOffset { received } = self {
            resp.headers_mut().insert(shared::blob::OFFSET_HEADER, HeaderValue::from(received));
        }
        resp
    }
}

impl From<JsonRejection> for AppError {
    fn from(r: JsonRejection) -> Self {
        match r.status() {
            StatusCode::PAYLOAD_TOO_LARGE => {
                AppError::PayloadTooLarge("request body too large".into())
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType(r.body_text()),
            _ => AppError::BadRequest(r.body_text()),
        }
    }
}

/// `Json` whose rejections (bad JSON, wrong content type, too large) use the API error shape.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(v) = Json::<T>::from_request(req, state).await?;
        Ok(ApiJson(v))
    }
}

#[cfg(test)]
mod tests {
    use super::AppError;
    use axum::http::StatusCode;

    #[test]
    fn a_body_that_is_not_json_is_415_with_its_own_code() {
        let e = AppError::UnsupportedMediaType("expected application/json".into());
        assert_eq!(e.status_code(), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"));
    }
}
