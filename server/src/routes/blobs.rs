//! `HEAD`/`PUT`/`GET /api/v1/blobs/{sha256}`: photo bytes, uploaded in chunks that resume at
//! the offset the server holds (`shared::blob`). Only a user whose scope holds a live photo
//! naming the hash may touch it; anyone else gets 404, so nobody learns which bytes exist.
//!
//! A chunk is at most `CHUNK_BYTES` — this route's own body limit; the router-wide limit
//! stays as it is. The first chunk must be an image; the last is checked against the name,
//! and the bytes are readable only once that check passed. Every accepted chunk is counted
//! (`blobs.bytes_received_total`) and logged (`blob chunk sha=… offset=… len=…`).

use crate::blobs::Held;
use crate::db::accounts::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, ETAG};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use shared::blob::{is_sha256, ImageType, UploadState, CHUNK_BYTES, MAX_BLOB_BYTES, OFFSET_HEADER};
use shared::protocol::ErrorBody;
use utoipa::IntoParams;

/// Where a chunk goes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChunkQuery {
    /// Where the chunk starts: the bytes the server holds (`HEAD` says how many).
    pub offset: u64,
    /// The whole blob's size.
    pub size: u64,
}

/// 404 unless `user` may touch blob `sha256` (a malformed name is no blob either).
async fn check_scope(state: &AppState, user: &AuthUser, sha256: &str) -> AppResult<()> {
    if is_sha256(sha256) && state.db().may_touch_blob(user, sha256).await? {
        return Ok(());
    }
    Err(AppError::NotFound("no such blob".into()))
}

/// `HEAD /api/v1/blobs/{sha256}`: whether the blob is stored whole, or how much of it.
#[utoipa::path(
    head,
    path = "/blobs/{sha256}",
    tag = "blobs",
    params(("sha256" = String, Path, description = "The blob's SHA-256, lower-case hex")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Stored whole; `Content-Length` is its size"),
        (status = 401, description = "`unauthorized`"),
        (status = 404, description = "Not stored whole: `upload-offset` says how many bytes the server holds (0: none, or no such blob in the caller's scope)"),
    )
)]
pub async fn head(
    State(state): State<AppState>,
    user: AuthUser,
    Path(sha256): Path<String>,
) -> AppResult<Response> {
    let held = match check_scope(&state, &user, &sha256).await {
        Ok(()) => state.blobs().store().held(&sha256).await.map_err(AppError::internal)?,
        Err(_) => Held::Partial(0),
    };
    Ok(match held {
        Held::Complete(n) => {
            (StatusCode::OK, [(CONTENT_LENGTH, HeaderValue::from(n))]).into_response()
        }
        Held::Partial(n) => {
            (StatusCode::NOT_FOUND, [(OFFSET_HEADER, HeaderValue::from(n))]).into_response()
        }
    })
}

/// `PUT /api/v1/blobs/{sha256}?offset=N&size=S`: appends one chunk (the raw body).
#[utoipa::path(
    put,
    path = "/blobs/{sha256}",
    tag = "blobs",
    params(("sha256" = String, Path, description = "The blob's SHA-256, lower-case hex"), ChunkQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "At most 256 KiB"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Held so far; `complete` once stored whole (at once if it already was)", body = UploadState),
        (status = 400, description = "Malformed query, empty chunk, chunk past `size`, or `size` unlike the upload's", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no photo of the caller's scope names this blob", body = ErrorBody),
        (status = 409, description = "`wrong_offset`: the chunk does not start at the bytes held; `upload-offset` says where to", body = ErrorBody),
        (status = 413, description = "`too_large`: the blob or the chunk is over its limit", body = ErrorBody),
        (status = 415, description = "`not_an_image`: the first chunk is not JPEG, PNG or WebP; nothing kept", body = ErrorBody),
        (status = 422, description = "`hash_mismatch`: the bytes do not hash to the name; the upload is discarded", body = ErrorBody),
    )
)]
pub async fn put(
    State(state): State<AppState>,
    user: AuthUser,
    Path(sha256): Path<String>,
    q: Result<Query<ChunkQuery>, QueryRejection>,
    body: Body,
) -> AppResult<Json<UploadState>> {
    // The body is read first, whatever the answer: a reply under an unread body closes the
    // connection (the client's next request on it would fail). Up to twice the limit is read,
    // so a client a little over it gets a clean 413; far over it, no more is read.
    let too_large = || AppError::TooLarge(format!("a chunk carries at most {CHUNK_BYTES} bytes"));
    let chunk =
        axum::body::to_bytes(body, 2 * CHUNK_BYTES as usize).await.map_err(|_| too_large())?;
    check_scope(&state, &user, &sha256).await?;
    let Query(q) = q.map_err(|e| AppError::BadRequest(e.body_text()))?;
    if q.size > MAX_BLOB_BYTES {
        return Err(AppError::TooLarge(format!(
            "a photo is at most {MAX_BLOB_BYTES} bytes, this one is {}",
            q.size
        )));
    }
    if chunk.len() as u64 > CHUNK_BYTES {
        return Err(too_large());
    }
    let blobs = state.blobs();
    let _one_at_a_time = blobs.lock(&sha256).await;
    let store = blobs.store();
    let held = match store.held(&sha256).await.map_err(AppError::internal)? {
        Held::Complete(n) => return Ok(Json(UploadState { received: n, complete: true })),
        Held::Partial(n) => n,
    };
    if q.offset != held {
        return Err(AppError::WrongOffset { received: held });
    }
    let len = chunk.len() as u64;
    let end = q.offset + len;
    if len == 0 || end > q.size {
        return Err(AppError::BadRequest(format!(
            "a chunk of {len} bytes at offset {} does not fit a blob of {} bytes",
            q.offset, q.size
        )));
    }
    if q.offset == 0 && ImageType::sniff(&chunk).is_none() {
        return Err(AppError::NotAnImage);
    }
    if q.offset > 0 {
        let declared = state.db().blob(&sha256).await?.map(|b| b.size);
        if declared.is_some_and(|d| d != q.size) {
            return Err(AppError::BadRequest(format!(
                "the upload in progress is of {} bytes, not {}",
                declared.unwrap_or_default(),
                q.size
            )));
        }
    }
    store.append(&sha256, &chunk).await.map_err(AppError::internal)?;
    state.db().count_blob_chunk(&sha256, q.size, len, state.config().clock.now_ms()).await?;
    tracing::info!("blob chunk sha={sha256} offset={} len={len}", q.offset);
    if end < q.size {
        return Ok(Json(UploadState { received: end, complete: false }));
    }
    if !store.finish(&sha256).await.map_err(AppError::internal)? {
        tracing::info!("blob discarded sha={sha256}: hash mismatch");
        return Err(AppError::HashMismatch);
    }
    state.db().complete_blob(&sha256, state.config().clock.now_ms()).await?;
    tracing::info!("blob complete sha={sha256} size={}", q.size);
    Ok(Json(UploadState { received: q.size, complete: true }))
}

/// `GET /api/v1/blobs/{sha256}`: the bytes, with their image type; cached privately for
/// long (a name never changes its bytes).
#[utoipa::path(
    get,
    path = "/blobs/{sha256}",
    tag = "blobs",
    params(("sha256" = String, Path, description = "The blob's SHA-256, lower-case hex")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The bytes (image/jpeg, image/png or image/webp)", content_type = "image/jpeg"),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: not stored whole, or not in the caller's scope", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    user: AuthUser,
    Path(sha256): Path<String>,
) -> AppResult<Response> {
    check_scope(&state, &user, &sha256).await?;
    let bytes = state.blobs().store().read(&sha256).await.map_err(AppError::internal)?;
    let bytes = bytes.ok_or_else(|| AppError::NotFound("no such blob".into()))?;
    let mime = ImageType::sniff(&bytes).map_or("application/octet-stream", ImageType::as_str);
    let headers = [
        (CONTENT_TYPE, HeaderValue::from_static(mime)),
        (CACHE_CONTROL, HeaderValue::from_static("private, max-age=31536000, immutable")),
        (ETAG, HeaderValue::try_from(format!("\"{sha256}\"")).map_err(AppError::internal)?),
    ];
    Ok((headers, bytes).into_response())
}
