//! `HEAD`/`PUT`/`GET /api/v1/blobs/{sha256}`: photo bytes, uploaded in chunks that resume at
//! the offset the server holds (`shared::blob`). What a caller may do is
//! `shared::blob::access::blob_right`: read (they uploaded the bytes, or their scope holds a
//! placed photo naming them), upload only (they created a photo naming them), or nothing.
//! Whoever may not read gets the answers of a missing blob — 404, and at most the offset of
//! their own upload in progress — so nobody learns which bytes exist. Each user uploads into
//! an upload of their own ([`UploadKey`]), at most [`UPLOAD_QUOTA_BYTES`] declared in
//! unfinished uploads.
//!
//! A chunk is at most `CHUNK_BYTES` — this route's own body limit; the router-wide limit
//! stays as it is. The first chunk must be an image; the last is checked against the name,
//! and the bytes are readable only once that check passed. Every accepted chunk is counted
//! (`blobs.bytes_received_total`) and logged (`blob chunk sha=… offset=… len=…`).

use crate::blobs::{Held, UploadKey};
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
use shared::blob::access::{blob_right, BlobRight};
use shared::blob::{
    is_sha256, ImageType, UploadState, CHUNK_BYTES, MAX_BLOB_BYTES, OFFSET_HEADER,
    UPLOAD_QUOTA_BYTES,
};
use shared::protocol::ErrorBody;
use utoipa::IntoParams;

/// Where a chunk goes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChunkQuery {
    /// Where the chunk starts: the bytes the server holds (`HEAD` says how many).
    pub offset: u64,
    /// The whole blob's size: 1 byte (0: 400) to 16 MiB, `MAX_BLOB_BYTES` (more: 413).
    // Literals: utoipa drops `required` from a `schema_with` parameter. The API suite
    // (`contract.rs`) checks them against the constant.
    #[param(minimum = 1, maximum = 16777216)]
    pub size: u64,
}

/// The body of a `PUT`: the chunk's raw bytes (this type only describes it to the document).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct ChunkBytes(Vec<u8>);

/// What `user` may do with blob `sha256` (a malformed name is no blob: nothing).
async fn right(state: &AppState, user: &AuthUser, sha256: &str) -> AppResult<BlobRight> {
    if !is_sha256(sha256) {
        return Ok(BlobRight::None);
    }
    let facts = state.db().blob_facts(user, sha256).await?;
    Ok(blob_right(&user.scope(), &facts))
}

/// The answer to whoever may not read a blob.
fn no_such_blob() -> AppError {
    AppError::NotFound("no such blob".into())
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
        (status = 404, description = "Not stored whole, or not the caller's to read: `upload-offset` says how many bytes of the caller's own upload the server holds (0: none)",
            headers(("upload-offset" = u64, description = "Bytes of the caller's own upload the server holds"))),
    )
)]
pub async fn head(
    State(state): State<AppState>,
    user: AuthUser,
    Path(sha256): Path<String>,
) -> AppResult<Response> {
    let store = state.blobs().store();
    let key = UploadKey::of(&user.user_id);
    let held = match right(&state, &user, &sha256).await? {
        BlobRight::Read => crate::blobs::held(store, &sha256, &key).await,
        BlobRight::Upload => store.uploaded(&sha256, &key).await.map(Held::Partial),
        BlobRight::None => Ok(Held::Partial(0)),
    };
    let held = held.map_err(AppError::internal)?;
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
    request_body(content = ChunkBytes, content_type = "application/octet-stream", description = "At most 256 KiB"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Held so far; `complete` once stored whole (at once if it already was)", body = UploadState),
        (status = 400, description = "Malformed query, empty chunk, chunk past `size`, or `size` unlike the upload's", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: the caller neither created nor holds a photo naming this blob", body = ErrorBody),
        (status = 409, description = "`wrong_offset`: the chunk does not start at the bytes held; `upload-offset` says where to", body = ErrorBody,
            headers(("upload-offset" = u64, description = "Where the next chunk starts"))),
        (status = 413, description = "`too_large`: the blob or the chunk is over its limit", body = ErrorBody),
        (status = 415, description = "`not_an_image`: the first chunk is not JPEG, PNG or WebP; nothing kept", body = ErrorBody),
        (status = 422, description = "`hash_mismatch`: the bytes do not hash to the name; the upload is discarded", body = ErrorBody),
        (status = 429, description = "`upload_quota`: the caller's unfinished uploads would pass their quota; try again once some finish", body = ErrorBody),
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
    let right = right(&state, &user, &sha256).await?;
    if right == BlobRight::None {
        return Err(no_such_blob());
    }
    let Query(q) = q.map_err(|e| AppError::BadRequest(e.body_text()))?;
    if q.size == 0 {
        return Err(AppError::BadRequest("a photo has at least one byte (`size`)".into()));
    }
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
    let key = UploadKey::of(&user.user_id);
    // Only a reader learns that the bytes are stored already; anyone else uploads them whole.
    if right == BlobRight::Read {
        if let Some(n) = store.complete(&sha256).await.map_err(AppError::internal)? {
            return Ok(Json(UploadState { received: n, complete: true }));
        }
    }
    let held = store.uploaded(&sha256, &key).await.map_err(AppError::internal)?;
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
    if q.offset == 0 {
        if ImageType::sniff(&chunk).is_none() {
            return Err(AppError::NotAnImage);
        }
        check_quota(&state, &user, &sha256, q.size).await?;
    } else {
        let declared = state.db().upload_size(&sha256, &user.user_id).await?;
        if declared.is_some_and(|d| d != q.size) {
            return Err(AppError::BadRequest(format!(
                "the upload in progress is of {} bytes, not {}",
                declared.unwrap_or_default(),
                q.size
            )));
        }
    }
    let now = state.config().clock.now_ms();
    store.append(&sha256, &key, &chunk).await.map_err(AppError::internal)?;
    state.db().count_blob_chunk(&sha256, q.size, len, now).await?;
    state.db().count_upload_chunk(&sha256, &user.user_id, q.size, now).await?;
    tracing::info!("blob chunk sha={sha256} offset={} len={len}", q.offset);
    if end < q.size {
        return Ok(Json(UploadState { received: end, complete: false }));
    }
    if !store.finish(&sha256, &key).await.map_err(AppError::internal)? {
        state.db().forget_upload(&sha256, &user.user_id).await?;
        tracing::info!("blob discarded sha={sha256}: hash mismatch");
        return Err(AppError::HashMismatch);
    }
    state.db().complete_blob(&sha256, state.config().clock.now_ms()).await?;
    state.db().finish_upload(&sha256, &user.user_id).await?;
    tracing::info!("blob complete sha={sha256} size={}", q.size);
    Ok(Json(UploadState { received: q.size, complete: true }))
}

/// Refuses a new upload of `size` bytes that would take `user`'s unfinished uploads past
/// [`UPLOAD_QUOTA_BYTES`].
async fn check_quota(state: &AppState, user: &AuthUser, sha256: &str, size: u64) -> AppResult<()> {
    let held = state.db().unfinished_upload_bytes(&user.user_id, sha256).await?;
    if held + size > UPLOAD_QUOTA_BYTES {
        return Err(AppError::UploadQuota { held, size, quota: UPLOAD_QUOTA_BYTES });
    }
    Ok(())
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
        (status = 200, description = "The bytes, with their image type", content(
            (ChunkBytes = "image/jpeg"), (ChunkBytes = "image/png"), (ChunkBytes = "image/webp")
        )),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: not stored whole, or not in the caller's scope", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    user: AuthUser,
    Path(sha256): Path<String>,
) -> AppResult<Response> {
    if right(&state, &user, &sha256).await? != BlobRight::Read {
        return Err(no_such_blob());
    }
    let bytes = state.blobs().store().read(&sha256).await.map_err(AppError::internal)?;
    let bytes = bytes.ok_or_else(no_such_blob)?;
    let mime = ImageType::sniff(&bytes).map_or("application/octet-stream", ImageType::as_str);
    let headers = [
        (CONTENT_TYPE, HeaderValue::from_static(mime)),
        (CACHE_CONTROL, HeaderValue::from_static("private, max-age=31536000, immutable")),
        (ETAG, HeaderValue::try_from(format!("\"{sha256}\"")).map_err(AppError::internal)?),
    ];
    Ok((headers, bytes).into_response())
}
