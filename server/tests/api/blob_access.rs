//! Threat: photo bytes by hash (issue 27, point 4; `shared::blob::access`). A user who knows
//! a hash pushes a photo record of their own naming it; or asks `HEAD` whether bytes exist;
//! or fills the disk with unfinished uploads under made-up names. Bytes are read only by
//! their uploaders and by the scopes holding a placed photo naming them; whoever may not read
//! them learns nothing; unfinished uploads have a per-user quota. The device's own flow
//! (record first, bytes after, even before the parent arrives) still works. On both
//! databases and both stores.

use crate::blobs::{jpeg, offset, photo_changes, scene_on, CHUNK};
use crate::scope::{department, request, unit};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::Store::{self, Dir, S3};
use crate::support::{change, expect_error, now, ok_json};
use reqwest::{Response, StatusCode};
use rstest::rstest;
use serde_json::json;
use server::blobs::cleanup::clean;
use shared::blob::{UploadState, MAX_BLOB_BYTES, UPLOAD_QUOTA_BYTES};
use shared::RecordId;
use std::time::Duration;

/// What a `HEAD` answer tells: status, `upload-offset`, `content-length`.
fn told(r: &Response) -> (StatusCode, Option<u64>, Option<String>) {
    let length = r.headers().get("content-length").map(|v| v.to_str().unwrap().to_owned());
    (r.status(), offset(r), length)
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_record_naming_a_foreign_hash_opens_nothing(
    #[values(Sqlite, Postgres)] b: Backend,
    #[values(Dir, S3)] store: Store,
) {
    let Some(sc) = scene_on(b, store).await else { return };
    let t = &sc.tokens;
    let (bytes, sha) = jpeg(CHUNK + 100, 11);
    sc.photo(&t.butler, "b", 1, 0, &sha).await;
    for n in 0..2 {
        ok_json::<UploadState>(sc.chunk(&t.butler, &sha, &bytes, n).await).await;
    }
    expect_error(sc.get(&t.butler2, &sha).await, StatusCode::NOT_FOUND, "not_found").await;
    // The attack: photos of their own naming the hash, under a kind without records, under a
    // request that does not exist, under another area's request (refused at push).
    let mut seq = 0;
    for kind in ["visit", "renovation_check", "request", "patrol_answer"] {
        seq += 1;
        sc.photo_on(&t.butler2, "b2", seq, kind, &RecordId::new_v7(), &sha).await;
        let h = sc.head(&t.butler2, &sha).await;
        assert_eq!((h.status(), offset(&h)), (StatusCode::NOT_FOUND, Some(0)), "{kind}");
        let r = sc.get(&t.butler2, &sha).await;
        expect_error(r, StatusCode::NOT_FOUND, "not_found").await;
    }
    let id = RecordId::new_v7();
    let tie = photo_changes(&id, "request", &request(0), &sha, "b2");
    let reply = sc.s.push(&t.butler2, "b2", vec![(seq + 1, tie)]).await;
    assert_eq!(reply.rejections.len(), 4, "another area's request is refused whole");
    expect_error(sc.get(&t.butler2, &sha).await, StatusCode::NOT_FOUND, "not_found").await;
    // Not even the office reads bytes through a photo whose parent does not exist.
    let (lone, lone_sha) = jpeg(CHUNK / 4, 12);
    sc.photo_on(&t.butler2, "b2", seq + 2, "visit", &RecordId::new_v7(), &lone_sha).await;
    let done: UploadState =
        ok_json(sc.put(&t.butler2, &lone_sha, 0, lone.len(), &lone).await).await;
    assert!(done.complete);
    expect_error(sc.get(&t.office, &lone_sha).await, StatusCode::NOT_FOUND, "not_found").await;
    // Their uploader does: they sent them.
    assert_eq!(sc.get(&t.butler2, &lone_sha).await.bytes().await.unwrap().as_ref(), &lone[..]);
    // Sending junk under the foreign name is an upload of their own: it neither completes at
    // once (which would say the bytes exist) nor touches the stored blob.
    let (junk, _) = jpeg(CHUNK, 13);
    let r = sc.put(&t.butler2, &sha, 0, bytes.len(), &junk).await;
    assert_eq!(
        ok_json::<UploadState>(r).await,
        UploadState { received: CHUNK as u64, complete: false }
    );
    let h = sc.head(&t.butler2, &sha).await;
    assert_eq!((h.status(), offset(&h)), (StatusCode::NOT_FOUND, Some(CHUNK as u64)), "theirs");
    let r = sc.put(&t.butler2, &sha, CHUNK, bytes.len(), &junk[..100]).await;
    expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "hash_mismatch").await;
    expect_error(sc.get(&t.butler2, &sha).await, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(sc.get(&t.butler, &sha).await.bytes().await.unwrap().as_ref(), &bytes[..]);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_answers_alike_for_foreign_hashes_stored_or_not(
    #[values(Sqlite, Postgres)] b: Backend,
    #[values(Dir, S3)] store: Store,
) {
    let Some(sc) = scene_on(b, store).await else { return };
    let t = &sc.tokens;
    let (whole, whole_sha) = jpeg(CHUNK / 2, 21);
    let (part, part_sha) = jpeg(2 * CHUNK, 22);
    let (_, unknown_sha) = jpeg(CHUNK / 2, 23);
    let (_, unnamed_sha) = jpeg(CHUNK / 2, 24);
    sc.photo(&t.butler, "b", 1, 0, &whole_sha).await;
    sc.photo(&t.butler, "b", 2, 0, &part_sha).await;
    ok_json::<UploadState>(sc.put(&t.butler, &whole_sha, 0, whole.len(), &whole).await).await;
    ok_json::<UploadState>(sc.chunk(&t.butler, &part_sha, &part, 0).await).await;
    let mut seq = 0;
    for sha in [&whole_sha, &part_sha, &unknown_sha] {
        seq += 1;
        sc.photo_on(&t.butler2, "b2", seq, "visit", &RecordId::new_v7(), sha).await;
    }
    // Stored whole, half uploaded by someone else, never uploaded, named by no photo of
    // theirs: the same answer each time.
    let mut answers = Vec::new();
    for sha in [&whole_sha, &part_sha, &unknown_sha, &unnamed_sha] {
        answers.push(told(&sc.head(&t.butler2, sha).await));
    }
    assert_eq!((answers[0].0, answers[0].1), (StatusCode::NOT_FOUND, Some(0)));
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    // Its first chunk answers alike too (no early `complete`, no other upload's offset).
    let (junk, _) = jpeg(CHUNK / 4, 25);
    for sha in [&whole_sha, &part_sha, &unknown_sha] {
        let r = sc.put(&t.butler2, sha, 0, 2 * CHUNK, &junk).await;
        let state: UploadState = ok_json(r).await;
        assert_eq!(state, UploadState { received: junk.len() as u64, complete: false });
    }
    // Meanwhile the owners see theirs as ever.
    assert_eq!(told(&sc.head(&t.butler, &part_sha).await).1, Some(CHUNK as u64));
    assert_eq!(sc.head(&t.office, &whole_sha).await.status(), StatusCode::OK);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unfinished_uploads_have_a_quota_per_user(
    #[values(Sqlite, Postgres)] b: Backend,
    #[values(Dir, S3)] store: Store,
) {
    let Some(sc) = scene_on(b, store).await else { return };
    let (t, clock) = (&sc.tokens, sc.s.state.config().clock.clone());
    let (junk, _) = jpeg(CHUNK, 31);
    let big = MAX_BLOB_BYTES as usize;
    let fits = (UPLOAD_QUOTA_BYTES / MAX_BLOB_BYTES) as u8;
    // Made-up names, each declared as the largest photo: the quota's worth is accepted.
    for n in 0..fits {
        let sha = format!("{:02x}", n).repeat(32);
        sc.photo_on(&t.butler2, "b2", u64::from(n) + 1, "visit", &RecordId::new_v7(), &sha).await;
        ok_json::<UploadState>(sc.put(&t.butler2, &sha, 0, big, &junk).await).await;
    }
    let sha = "ee".repeat(32);
    sc.photo_on(&t.butler2, "b2", u64::from(fits) + 1, "visit", &RecordId::new_v7(), &sha).await;
    let r = sc.put(&t.butler2, &sha, 0, big, &junk).await;
    let body = expect_error(r, StatusCode::TOO_MANY_REQUESTS, "upload_quota").await;
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains(&UPLOAD_QUOTA_BYTES.to_string()), "{message}");
    assert_eq!(sc.stored_for("butler2", &sha).await.1, 0, "nothing kept");
    // Uploads already started go on; another user is not held up by it.
    let first = "00".repeat(32);
    let r = sc.put(&t.butler2, &first, CHUNK, big, &junk).await;
    assert_eq!(ok_json::<UploadState>(r).await.received, 2 * CHUNK as u64);
    let (mine, mine_sha) = jpeg(CHUNK / 2, 32);
    sc.photo(&t.butler, "b", 1, 0, &mine_sha).await;
    let done: UploadState = ok_json(sc.put(&t.butler, &mine_sha, 0, mine.len(), &mine).await).await;
    assert!(done.complete);
    // Abandoned uploads go with the cleanup, and with them the quota they held.
    clock.advance(Duration::from_secs(8 * 24 * 3600));
    let cleaned = clean(&sc.s.state).await.unwrap();
    assert_eq!(cleaned.partial, u64::from(fits));
    let butler2 = sc.s.login("butler2").await;
    ok_json::<UploadState>(sc.put(&butler2, &sha, 0, big, &junk).await).await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_uploads_the_photos_it_just_pushed_and_their_scopes_read_them(
    #[values(Sqlite, Postgres)] b: Backend,
    #[values(Dir, S3)] store: Store,
) {
    let Some(sc) = scene_on(b, store).await else { return };
    let t = &sc.tokens;
    // One sync: a new request routed to 工程部 and its photo; another routed to 保洁部 with its
    // photo; and a photo whose request comes in a later sync.
    let (fixed, cleaned, later) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    let shots = [jpeg(CHUNK + 7, 41), jpeg(CHUNK / 3, 42), jpeg(CHUNK / 5, 43)];
    let mut batch = Vec::new();
    for (req, dept) in [(&fixed, 0), (&cleaned, 1)] {
        for (f, v) in [
            ("unit", json!(unit(0).0)),
            ("description", json!("漏水")),
            ("status", json!("new")),
            ("department", json!(department(dept).0)),
        ] {
            batch.push(change("request", req, f, v, now(), "b", None));
        }
    }
    for (parent, (_, sha)) in [&fixed, &cleaned, &later].into_iter().zip(&shots) {
        batch.extend(photo_changes(&RecordId::new_v7(), "request", parent, sha, "b"));
    }
    let reply = sc.s.push(&t.butler, "b", vec![(1, batch)]).await;
    assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
    // The device's loop: HEAD for the offset, then chunks from there.
    for (bytes, sha) in &shots {
        let h = sc.head(&t.butler, sha).await;
        assert_eq!((h.status(), offset(&h)), (StatusCode::NOT_FOUND, Some(0)));
        for n in 0..bytes.len().div_ceil(CHUNK) {
            ok_json::<UploadState>(sc.chunk(&t.butler, sha, bytes, n).await).await;
        }
        let h = sc.head(&t.butler, sha).await;
        assert_eq!(told(&h).2, Some(bytes.len().to_string()), "confirmed whole");
        assert_eq!(sc.get(&t.butler, sha).await.bytes().await.unwrap().as_ref(), &bytes[..]);
    }
    let reads = |token: &str, sha: &str| {
        let (sc, token, sha) = (&sc, token.to_owned(), sha.to_owned());
        async move { sc.get(&token, &sha).await.status() == StatusCode::OK }
    };
    let [(_, fixed_sha), (_, cleaned_sha), (_, later_sha)] = &shots;
    // 工程部 reads the photo of the request routed to it, not the other; the office both.
    assert!(reads(&t.fixer, fixed_sha).await);
    assert!(!reads(&t.fixer, cleaned_sha).await);
    assert!(reads(&t.office, fixed_sha).await && reads(&t.office, cleaned_sha).await);
    assert!(!reads(&t.butler2, fixed_sha).await);
    // The photo whose request has not arrived: its uploader reads it, nobody else yet; once
    // the request arrives, its scope does.
    assert!(!reads(&t.office, later_sha).await);
    let arrive = [("unit", json!(unit(0).0)), ("status", json!("new"))]
        .map(|(f, v)| change("request", &later, f, v, now(), "b", None));
    assert!(sc.s.push(&t.butler, "b", vec![(2, arrive.to_vec())]).await.rejections.is_empty());
    assert!(reads(&t.office, later_sha).await);
}
