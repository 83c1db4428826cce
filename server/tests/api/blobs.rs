//! Photo bytes (`shared::blob`, `server/src/routes/blobs.rs`): uploaded in chunks that resume
//! at the offset the server holds, checked (image type, size, hash) so a bad upload stores
//! nothing, stored once per content, and readable only by their uploaders and the users whose
//! scope holds a live placed photo naming them (`blob_access.rs`: the attacks). On SQLite and
//! PostgreSQL, with the bytes in a directory and in a real S3-compatible server.

use crate::scope::{request, scene_with, Scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::Store::{self, Dir, S3};
use crate::support::{change, expect_error, now, ok_json};
use reqwest::{Response, StatusCode};
use rstest::rstest;
use serde_json::json;
use server::blobs::{held, Held, UploadKey};
use sha2::{Digest, Sha256};
use shared::blob::{UploadState, CHUNK_BYTES, MAX_BLOB_BYTES, OFFSET_HEADER};
use shared::{Change, RecordId};
use sqlx::Row;

pub const CHUNK: usize = CHUNK_BYTES as usize;

/// A JPEG-looking photo of `len` bytes (varied by `seed`) and its name.
pub fn jpeg(len: usize, seed: u8) -> (Vec<u8>, String) {
    let mut bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8 ^ seed).collect();
    bytes[..4].copy_from_slice(&[0xFF, 0xD8, 0xFF, 0xE0]);
    let name = hex::encode(Sha256::digest(&bytes));
    (bytes, name)
}

/// The changes of a new photo `id` hung on record `parent` of `kind`, naming `sha`.
pub fn photo_changes(
    id: &RecordId,
    kind: &str,
    parent: &RecordId,
    sha: &str,
    replica: &str,
) -> Vec<Change> {
    let fields = [
        ("parent_kind", json!(kind)),
        ("parent_id", json!(parent.0)),
        ("sha256", json!(sha)),
        ("mime", json!("image/jpeg")),
    ];
    fields.into_iter().map(|(f, v)| change("photo", id, f, v, now(), replica, None)).collect()
}

impl Scene {
    /// `token`'s replica `replica` pushes (batch `seq`) a photo of request `i` naming `sha`.
    pub async fn photo(
        &self,
        token: &str,
        replica: &str,
        seq: u64,
        i: usize,
        sha: &str,
    ) -> RecordId {
        self.photo_on(token, replica, seq, "request", &request(i), sha).await
    }

    /// `token`'s replica `replica` pushes (batch `seq`) a photo naming `sha` hung on record
    /// `parent` of `kind` (which need not exist).
    pub async fn photo_on(
        &self,
        token: &str,
        replica: &str,
        seq: u64,
        kind: &str,
        parent: &RecordId,
        sha: &str,
    ) -> RecordId {
        let id = RecordId::new_v7();
        let batch = photo_changes(&id, kind, parent, sha, replica);
        let reply = self.s.push(token, replica, vec![(seq, batch)]).await;
        assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
        id
    }

    pub async fn put(
        &self,
        token: &str,
        sha: &str,
        offset: usize,
        size: usize,
        chunk: &[u8],
    ) -> Response {
        let url = self.s.url(&format!("/api/v1/blobs/{sha}?offset={offset}&size={size}"));
        let rb = self.s.http.put(url).bearer_auth(token).body(chunk.to_vec());
        rb.send().await.expect("put")
    }

    pub async fn head(&self, token: &str, sha: &str) -> Response {
        let url = self.s.url(&format!("/api/v1/blobs/{sha}"));
        self.s.http.head(url).bearer_auth(token).send().await.expect("head")
    }

    pub async fn get(&self, token: &str, sha: &str) -> Response {
        self.s.get(&format!("/api/v1/blobs/{sha}"), Some(token)).await
    }

    /// Uploads chunk `n` of `bytes`.
    pub async fn chunk(&self, token: &str, sha: &str, bytes: &[u8], n: usize) -> Response {
        let end = ((n + 1) * CHUNK).min(bytes.len());
        self.put(token, sha, n * CHUNK, bytes.len(), &bytes[n * CHUNK..end]).await
    }

    /// What the store holds of `sha` (the butler's upload, if not whole), and the chunk
    /// bytes the server accepted for it.
    pub async fn stored(&self, sha: &str) -> (Held, u64) {
        self.stored_for("butler", sha).await
    }

    /// What the store holds of `sha` (`username`'s upload, if not whole), and the chunk
    /// bytes the server accepted for it.
    pub async fn stored_for(&self, username: &str, sha: &str) -> (Held, u64) {
        let user = sqlx::query("SELECT id FROM users WHERE username = $1")
            .bind(username)
            .fetch_one(&self.s.state.db().pool)
            .await
            .expect("user");
        let key = UploadKey::of(&user.try_get::<String, _>("id").expect("id"));
        let held = held(self.s.state.blobs().store(), sha, &key).await.expect("held");
        let row = self.s.state.db().blob(sha).await.expect("blob row");
        (held, row.map_or(0, |r| r.bytes_received_total))
    }
}

/// The scene on database `b` with its photo bytes in `store`.
pub async fn scene_on(b: Backend, store: Store) -> Option<Scene> {
    scene_with(b, store.tweak()?).await
}

/// The offset a `HEAD` (or a 409) names.
pub fn offset(r: &Response) -> Option<u64> {
    r.headers().get(OFFSET_HEADER)?.to_str().ok()?.parse().ok()
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_uploads_in_chunks_and_is_read_by_its_scope_only(
    #[values(Sqlite, Postgres)] b: Backend,
    #[values(Dir, S3)] store: Store,
) {
    let Some(sc) = scene_on(b, store).await else { return };
    let t = &sc.tokens;
    let (bytes, sha) = jpeg(2 * CHUNK + 1000, 1);
    // No photo names it yet: nobody may touch it, not even the office.
    expect_error(sc.chunk(&t.butler, &sha, &bytes, 0).await, StatusCode::NOT_FOUND, "not_found")
        .await;
    expect_error(sc.get(&t.office, &sha).await, StatusCode::NOT_FOUND, "not_found").await;
    sc.photo(&t.butler, "b", 1, 0, &sha).await;
    let h = sc.head(&t.butler, &sha).await;
    assert_eq!((h.status(), offset(&h)), (StatusCode::NOT_FOUND, Some(0)));
    for n in 0..3 {
        let state: UploadState = ok_json(sc.chunk(&t.butler, &sha, &bytes, n).await).await;
        let received = ((n + 1) * CHUNK).min(bytes.len()) as u64;
        assert_eq!(state, UploadState { received, complete: n == 2 });
        let h = sc.head(&t.butler, &sha).await;
        if n < 2 {
            assert_eq!((h.status(), offset(&h)), (StatusCode::NOT_FOUND, Some(received)));
        } else {
            assert_eq!(h.status(), StatusCode::OK);
            // (reqwest's `content_length` is that of the empty HEAD body: read the header.)
            let length = h.headers()["content-length"].to_str().unwrap().to_owned();
            assert_eq!(length, bytes.len().to_string());
        }
    }
    assert_eq!(sc.stored(&sha).await, (Held::Complete(bytes.len() as u64), bytes.len() as u64));
    // The butler, the office and 工程部 (request 0 is routed there) read it.
    for token in [&t.butler, &t.office, &t.fixer] {
        let r = sc.get(token, &sha).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "image/jpeg");
        assert!(r.headers()["cache-control"].to_str().unwrap().contains("private"));
        assert_eq!(r.bytes().await.unwrap().as_ref(), &bytes[..]);
    }
    // Another area's butler learns nothing, not even that it exists.
    let h = sc.head(&t.butler2, &sha).await;
    assert_eq!((h.status(), offset(&h)), (StatusCode::NOT_FOUND, Some(0)));
    expect_error(sc.get(&t.butler2, &sha).await, StatusCode::NOT_FOUND, "not_found").await;
    expect_error(sc.chunk(&t.butler2, &sha, &bytes, 0).await, StatusCode::NOT_FOUND, "not_found")
        .await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_resumes_at_the_offset_the_server_holds(
    #[values(Sqlite, Postgres)] b: Backend,
    #[values(Dir, S3)] store: Store,
) {
    let Some(sc) = scene_on(b, store).await else { return };
    let t = &sc.tokens;
    let (bytes, sha) = jpeg(3 * CHUNK + 10, 2);
    sc.photo(&t.butler, "b", 1, 0, &sha).await;
    ok_json::<UploadState>(sc.chunk(&t.butler, &sha, &bytes, 0).await).await;
    // Chunk 1 reached the server but its reply was lost; chunk 2 was never sent.
    ok_json::<UploadState>(sc.chunk(&t.butler, &sha, &bytes, 1).await).await;
    // Sent again blindly, it is refused with the offset to resume from.
    let r = sc.chunk(&t.butler, &sha, &bytes, 1).await;
    assert_eq!(offset(&r), Some(2 * CHUNK_BYTES));
    let body = expect_error(r, StatusCode::CONFLICT, "wrong_offset").await;
    assert!(body["error"]["message"].as_str().unwrap().contains(&(2 * CHUNK).to_string()));
    // A chunk ahead of what is held is refused too.
    let r = sc.chunk(&t.butler, &sha, &bytes, 3).await;
    expect_error(r, StatusCode::CONFLICT, "wrong_offset").await;
    // The device asks, and goes on from there.
    let h = sc.head(&t.butler, &sha).await;
    assert_eq!(offset(&h), Some(2 * CHUNK_BYTES));
    ok_json::<UploadState>(sc.chunk(&t.butler, &sha, &bytes, 2).await).await;
    let done: UploadState = ok_json(sc.chunk(&t.butler, &sha, &bytes, 3).await).await;
    assert!(done.complete);
    // Every byte was accepted exactly once.
    assert_eq!(sc.stored(&sha).await, (Held::Complete(bytes.len() as u64), bytes.len() as u64));
    assert_eq!(sc.get(&t.office, &sha).await.bytes().await.unwrap().as_ref(), &bytes[..]);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_uploads_are_refused_and_store_nothing(
    #[values(Sqlite, Postgres)] b: Backend,
    #[values(Dir, S3)] store: Store,
) {
    let Some(sc) = scene_on(b, store).await else { return };
    let t = &sc.tokens;
    // Not an image.
    let pdf = b"%PDF-1.7 not a photo".to_vec();
    let pdf_sha = hex::encode(Sha256::digest(&pdf));
    sc.photo(&t.butler, "b", 1, 0, &pdf_sha).await;
    let r = sc.put(&t.butler, &pdf_sha, 0, pdf.len(), &pdf).await;
    expect_error(r, StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_an_image").await;
    assert_eq!(sc.stored(&pdf_sha).await, (Held::Partial(0), 0));
    // Too large: the whole blob, or one chunk.
    let (bytes, sha) = jpeg(CHUNK + 1, 3);
    sc.photo(&t.butler, "b", 2, 0, &sha).await;
    let r = sc.put(&t.butler, &sha, 0, MAX_BLOB_BYTES as usize + 1, &bytes[..CHUNK]).await;
    expect_error(r, StatusCode::PAYLOAD_TOO_LARGE, "too_large").await;
    let r = sc.put(&t.butler, &sha, 0, bytes.len(), &bytes).await;
    expect_error(r, StatusCode::PAYLOAD_TOO_LARGE, "too_large").await;
    assert_eq!(sc.stored(&sha).await, (Held::Partial(0), 0));
    // Bytes that do not hash to the name: the whole upload is discarded at its last chunk.
    let (other, _) = jpeg(CHUNK + 1, 4);
    ok_json::<UploadState>(sc.put(&t.butler, &sha, 0, other.len(), &other[..CHUNK]).await).await;
    let r = sc.put(&t.butler, &sha, CHUNK, other.len(), &other[CHUNK..]).await;
    expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "hash_mismatch").await;
    assert!(matches!(sc.stored(&sha).await.0, Held::Partial(0)));
    let h = sc.head(&t.butler, &sha).await;
    assert_eq!((h.status(), offset(&h)), (StatusCode::NOT_FOUND, Some(0)));
    expect_error(sc.get(&t.office, &sha).await, StatusCode::NOT_FOUND, "not_found").await;
    // A malformed name is no blob.
    expect_error(sc.get(&t.office, "..%2F..%2Fetc").await, StatusCode::NOT_FOUND, "not_found")
        .await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_bytes_are_stored_once_and_a_deleted_photo_opens_nothing(
    #[values(Sqlite, Postgres)] b: Backend,
    #[values(Dir, S3)] store: Store,
) {
    let Some(sc) = scene_on(b, store).await else { return };
    let t = &sc.tokens;
    let (bytes, sha) = jpeg(CHUNK + 5, 5);
    sc.photo(&t.butler, "b", 1, 0, &sha).await;
    let west = sc.photo(&t.butler2, "b2", 1, 1, &sha).await;
    for n in 0..2 {
        ok_json::<UploadState>(sc.chunk(&t.butler, &sha, &bytes, n).await).await;
    }
    // The other area's butler uploads the same bytes: complete at once, nothing sent twice.
    let again: UploadState = ok_json(sc.chunk(&t.butler2, &sha, &bytes, 0).await).await;
    assert_eq!(again, UploadState { received: bytes.len() as u64, complete: true });
    assert_eq!(sc.stored(&sha).await, (Held::Complete(bytes.len() as u64), bytes.len() as u64));
    if store == Dir {
        let dir = &sc.s.state.config().blob_dir;
        let files = std::fs::read_dir(dir.join(&sha[..2])).unwrap().count();
        assert_eq!(files, 1);
    }
    // The other area's photo is deleted: their area holds no live photo naming the bytes,
    // and they never sent them (the butler, who did, still reads them).
    let del = change("photo", &west, "deleted", json!(true), now(), "o", None);
    assert!(sc.s.push(&t.office, "o", vec![(1, vec![del])]).await.rejections.is_empty());
    expect_error(sc.get(&t.butler2, &sha).await, StatusCode::NOT_FOUND, "not_found").await;
    let h = sc.head(&t.butler2, &sha).await;
    assert_eq!((h.status(), offset(&h)), (StatusCode::NOT_FOUND, Some(0)));
    assert_eq!(sc.get(&t.butler, &sha).await.status(), StatusCode::OK);
}
