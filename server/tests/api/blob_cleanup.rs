//! Cleaning up photo bytes (`server::blobs::cleanup`): an upload abandoned half-way is
//! removed after its days without a chunk and simply starts again; bytes whose photos were
//! all deleted go after the grace period; bytes a live photo names never go. The server's
//! clock is moved forward instead of waiting. On both databases and both stores.

use crate::blobs::{jpeg, offset, scene_on, CHUNK};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::Store::{self, Dir, S3};
use crate::support::{change, now, ok_json};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use server::blobs::cleanup::{clean, Cleaned};
use server::blobs::Held;
use shared::blob::UploadState;
use std::time::Duration;

const DAY: Duration = Duration::from_secs(24 * 3600);

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_abandoned_upload_is_removed_and_simply_starts_again(
    #[values(Sqlite, Postgres)] b: Backend,
    #[values(Dir, S3)] store: Store,
) {
    let Some(sc) = scene_on(b, store).await else { return };
    let (t, clock) = (&sc.tokens, sc.s.state.config().clock.clone());
    let (slow, slow_sha) = jpeg(3 * CHUNK, 1);
    let (gone, gone_sha) = jpeg(2 * CHUNK, 2);
    sc.photo(&t.butler, "b", 1, 0, &slow_sha).await;
    sc.photo(&t.butler, "b", 2, 0, &gone_sha).await;
    ok_json::<UploadState>(sc.chunk(&t.butler, &slow_sha, &slow, 0).await).await;
    ok_json::<UploadState>(sc.chunk(&t.butler, &gone_sha, &gone, 0).await).await;
    assert_eq!(clean(&sc.s.state).await.unwrap(), Cleaned::default(), "nothing is old yet");
    // Six days on, the slow upload moves again; the other does not.
    clock.advance(6 * DAY);
    ok_json::<UploadState>(sc.chunk(&t.butler, &slow_sha, &slow, 1).await).await;
    assert_eq!(clean(&sc.s.state).await.unwrap(), Cleaned::default(), "7 days is the limit");
    // Two more days: only the upload idle for 8 days goes; the one idle for 2 stays.
    clock.advance(2 * DAY);
    let cleaned = clean(&sc.s.state).await.unwrap();
    assert_eq!((cleaned.partial, cleaned.partial_bytes), (1, CHUNK as u64));
    assert_eq!(sc.stored(&gone_sha).await, (Held::Partial(0), 0));
    assert_eq!(sc.stored(&slow_sha).await, (Held::Partial(2 * CHUNK as u64), 2 * CHUNK as u64));
    // The device asks where to go on: from the start, and the photo arrives whole.
    let h = sc.head(&t.butler, &gone_sha).await;
    assert_eq!((h.status(), offset(&h)), (StatusCode::NOT_FOUND, Some(0)));
    for n in 0..2 {
        ok_json::<UploadState>(sc.chunk(&t.butler, &gone_sha, &gone, n).await).await;
    }
    // (Eight days idle ended the office's session: it signs in again.)
    let office = sc.s.login("office").await;
    let got = sc.get(&office, &gone_sha).await;
    assert!(got.bytes().await.unwrap().as_ref() == &gone[..], "the new upload reads back");
    ok_json::<UploadState>(sc.chunk(&t.butler, &slow_sha, &slow, 2).await).await;
    // Complete blobs of live photos never go, however old.
    clock.advance(400 * DAY);
    assert_eq!(clean(&sc.s.state).await.unwrap(), Cleaned::default());
    assert_eq!(sc.stored(&slow_sha).await.0, Held::Complete(slow.len() as u64));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bytes_of_deleted_photos_go_after_the_grace_and_shared_or_restored_ones_stay(
    #[values(Sqlite, Postgres)] b: Backend,
    #[values(Dir, S3)] store: Store,
) {
    let Some(sc) = scene_on(b, store).await else { return };
    let (t, clock) = (&sc.tokens, sc.s.state.config().clock.clone());
    let (deleted, deleted_sha) = jpeg(CHUNK / 2, 3);
    let (shared, shared_sha) = jpeg(CHUNK / 2, 4);
    let (restored, restored_sha) = jpeg(CHUNK / 2, 5);
    let gone = sc.photo(&t.butler, "b", 1, 0, &deleted_sha).await;
    let kept = sc.photo(&t.butler, "b", 2, 0, &shared_sha).await;
    sc.photo(&t.butler2, "b2", 1, 1, &shared_sha).await;
    let back = sc.photo(&t.butler, "b", 3, 0, &restored_sha).await;
    for (bytes, sha) in
        [(&deleted, &deleted_sha), (&shared, &shared_sha), (&restored, &restored_sha)]
    {
        let done: UploadState = ok_json(sc.chunk(&t.butler, sha, bytes, 0).await).await;
        assert!(done.complete);
    }
    // The office deletes three photos; one of them is restored later.
    let t0 = now();
    let dels =
        [&gone, &kept, &back].map(|id| change("photo", id, "deleted", json!(true), t0, "o", None));
    assert!(sc.s.push(&t.office, "o", vec![(1, dels.to_vec())]).await.rejections.is_empty());
    let undo = change("photo", &back, "deleted", json!(false), t0 + 1, "o", None);
    assert!(sc.s.push(&t.office, "o", vec![(2, vec![undo])]).await.rejections.is_empty());
    // Within the 30 days of grace nothing goes.
    clock.advance(29 * DAY);
    assert_eq!(clean(&sc.s.state).await.unwrap(), Cleaned::default());
    // After them, only the bytes no live photo names.
    clock.advance(2 * DAY);
    let cleaned = clean(&sc.s.state).await.unwrap();
    assert_eq!((cleaned.deleted, cleaned.deleted_bytes), (1, deleted.len() as u64));
    assert_eq!(sc.stored(&deleted_sha).await, (Held::Partial(0), 0));
    let office = sc.s.login("office").await;
    for (bytes, sha) in [(&shared, &shared_sha), (&restored, &restored_sha)] {
        assert_eq!(sc.stored(sha).await.0, Held::Complete(bytes.len() as u64));
        let got = sc.get(&office, sha).await;
        assert!(got.bytes().await.unwrap().as_ref() == &bytes[..], "kept bytes read back");
    }
    // A second round finds nothing more.
    assert_eq!(clean(&sc.s.state).await.unwrap(), Cleaned::default());
}
