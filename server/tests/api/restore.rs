//! `guanjia backup` and `guanjia restore` (`server::backup`): a backup taken while devices
//! push is a consistent copy (every batch a replica's position counts is in it, none after),
//! a restore puts it back with its photo bytes and names a new history, and then: cursors of
//! the old history reset, pushes numbered in it are refused `history_changed` (never
//! `seq_gap` for ever), the number counter never hands out a block again, and a device's
//! restatement of what the backup lacks is accepted as it was first accepted.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, expect_error, now, ok_json, Backend, TestServer};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use shared::protocol::{Batch, PullResponse, PushRequest, PushResponse};
use shared::request::number::NumberBlock;
use shared::schema::SCHEMA_VERSION;
use shared::{Change, RecordId, ReplicaId};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

const REPLICAS: usize = 3;
const BATCHES: u64 = 40;

/// Batch `seq` of pusher `r`: a new request.
fn batch(r: usize, seq: u64, t: u64) -> Vec<Change> {
    let id = RecordId(format!("0190f0a0-0000-7000-8{r:03}-{seq:012}"));
    let replica = format!("bk-{r}");
    vec![
        change("request", &id, "status", json!("new"), t + seq * 2, &replica, None),
        change(
            "request",
            &id,
            "description",
            json!(format!("{r}/{seq}")),
            t + seq * 2 + 1,
            &replica,
            None,
        ),
    ]
}

async fn push_req(s: &TestServer, token: &str, req: &PushRequest) -> reqwest::Response {
    s.post_json("/api/v1/sync/push", Some(token), req).await
}

/// Every change the office can pull now (a snapshot).
async fn snapshot(s: &TestServer, office: &str) -> (Vec<Change>, PullResponse) {
    let first = s.pull(office, None, Some(5000)).await;
    let mut all = first.changes.clone();
    let mut cursor = first.cursor.clone();
    let mut more = first.more;
    while more {
        let p = s.pull(office, Some(&cursor), Some(5000)).await;
        all.extend(p.changes);
        cursor = p.cursor;
        more = p.more;
    }
    (all, PullResponse { cursor, ..first })
}

fn descriptions(changes: &[Change]) -> std::collections::BTreeSet<String> {
    changes
        .iter()
        .filter(|c| c.field == "description")
        .filter_map(|c| c.value.as_str().map(str::to_owned))
        .collect()
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_while_devices_push_restores_and_devices_get_back_in(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(mut s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let t = now() - 3_600_000;
    // A photo's bytes stored before the backup.
    let jpeg: Vec<u8> =
        [0xFF, 0xD8, 0xFF, 0xE0].into_iter().chain((0..5000u32).map(|i| (i * 7) as u8)).collect();
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&jpeg));
    let photo = RecordId::new_v7();
    s.push(
        &butler,
        "bk-photo",
        vec![(1, vec![change("photo", &photo, "sha256", json!(sha), t, "bk-photo", None)])],
    )
    .await;
    let put = s
        .http
        .put(s.url(&format!("/api/v1/blobs/{sha}?offset=0&size={}", jpeg.len())))
        .bearer_auth(&butler)
        .body(jpeg.clone())
        .send()
        .await
        .expect("put");
    assert_eq!(put.status(), StatusCode::OK, "{}", put.text().await.unwrap_or_default());
    let before: NumberBlock = ok_json(
        s.post_json("/api/v1/sync/numbers", Some(&butler), &json!({"replica": "bk-0"})).await,
    )
    .await;

    // Devices push while the backup is taken.
    let acked = Arc::new(AtomicU64::new(0));
    let mut pushers = Vec::new();
    for r in 0..REPLICAS {
        let (http, url, token, acked) =
            (s.http.clone(), s.url("/api/v1/sync/push"), butler.clone(), acked.clone());
        pushers.push(tokio::spawn(async move {
            for seq in 1..=BATCHES {
                let req = PushRequest {
                    replica: ReplicaId(format!("bk-{r}")),
                    schema: SCHEMA_VERSION,
                    batches: vec![Batch { seq, changes: batch(r, seq, t) }],
                    history: None,
                    rebase_from: None,
                };
                let resp =
                    http.post(&url).bearer_auth(&token).json(&req).send().await.expect("push");
                assert_eq!(resp.status(), StatusCode::OK);
                acked.fetch_add(1, Ordering::SeqCst);
            }
        }));
    }
    while acked.load(Ordering::SeqCst) < 10 {
        tokio::task::yield_now().await;
    }
    let dir = tempfile::tempdir().expect("dir");
    let backup_dir = dir.path().join("backup-1");
    let manifest = server::backup::backup(&s.state, &backup_dir, now()).await.expect("backup");
    let during = acked.load(Ordering::SeqCst);
    for p in pushers {
        p.await.expect("pusher");
    }
    assert!(
        during < REPLICAS as u64 * BATCHES,
        "the pushes had ended before the backup was done: nothing was proved"
    );
    assert_eq!(manifest.blobs, 1, "the photo's bytes are in the backup");
    assert!(backup_dir.join(server::backup::MANIFEST).exists());
    let old_history = manifest.history.clone();
    let (everything, old_cursor) = snapshot(&s, &office).await;
    let all_written = descriptions(&everything);
    let after: NumberBlock = ok_json(
        s.post_json("/api/v1/sync/numbers", Some(&butler), &json!({"replica": "bk-0"})).await,
    )
    .await;
    assert!(after.start > before.start);

    // The disk is lost: the server stops, the database and the photo bytes are restored.
    s.stop().await;
    let config = s.state.config().clone();
    s.state.db().close().await;
    std::fs::remove_dir_all(&config.blob_dir).ok();
    let (_, new_history) =
        server::backup::restore(&config, &backup_dir, now()).await.expect("restore");
    assert_ne!(new_history, old_history);
    s.state = server::state::AppState::connect(config).await.expect("reconnect");
    s.run_on(tokio::net::TcpListener::bind(s.addr).await.expect("bind again"));
    let (butler, office) = (s.login("butler").await, s.login("office").await);

    // The copy is consistent: each replica's position counts exactly the batches it holds.
    let (restored, _) = snapshot(&s, &office).await;
    let held = descriptions(&restored);
    for r in 0..REPLICAS {
        let probe = PushRequest {
            replica: ReplicaId(format!("bk-{r}")),
            schema: SCHEMA_VERSION,
            batches: vec![],
            history: Some(new_history.clone()),
            rebase_from: None,
        };
        let last: PushResponse = ok_json(push_req(&s, &butler, &probe).await).await;
        assert_eq!(last.history.as_deref(), Some(new_history.as_str()));
        for seq in 1..=BATCHES {
            let present = held.contains(&format!("{r}/{seq}"));
            assert_eq!(
                present,
                seq <= last.last_seq,
                "replica {r} batch {seq} (position {})",
                last.last_seq
            );
        }
    }
    assert!(held.len() < all_written.len(), "the backup lacks what came after it");
    // Its photo bytes came back with it.
    let head = s
        .http
        .head(s.url(&format!("/api/v1/blobs/{sha}")))
        .bearer_auth(&butler)
        .send()
        .await
        .expect("head");
    assert_eq!(head.status(), StatusCode::OK);

    // A cursor of the old history resets; a push numbered in it is refused whole.
    let p = s.pull(&office, Some(&old_cursor.cursor), None).await;
    assert!(p.reset, "an old cursor must reset after a restore");
    assert_eq!(p.history.as_deref(), Some(new_history.as_str()));
    let stale = PushRequest {
        replica: ReplicaId::from("bk-0"),
        schema: SCHEMA_VERSION,
        batches: vec![Batch { seq: BATCHES + 1, changes: batch(0, BATCHES + 1, t) }],
        history: Some(old_history.clone()),
        rebase_from: None,
    };
    expect_error(push_req(&s, &butler, &stale).await, StatusCode::CONFLICT, "history_changed")
        .await;

    // No number block is handed out twice.
    let next: NumberBlock = ok_json(
        s.post_json("/api/v1/sync/numbers", Some(&butler), &json!({"replica": "bk-0"})).await,
    )
    .await;
    assert!(next.start >= after.start + u64::from(after.count), "{next:?} repeats {after:?}");

    // The device restates a lost request already past `new`, written by another device:
    // refused as new work, accepted as a restatement naming the old history.
    let lost = RecordId::new_v7();
    let by_office = vec![
        change("request", &lost, "status", json!("new"), t, "office-tab", None),
        change("request", &lost, "description", json!("丢失的报修"), t + 1, "office-tab", None),
    ];
    let pos: PushResponse = ok_json(
        push_req(&s, &butler, &PushRequest { batches: vec![], ..stale.clone() }.with(&new_history))
            .await,
    )
    .await;
    let restate = |rebase_from: Option<String>, seq: u64| PushRequest {
        replica: ReplicaId::from("bk-0"),
        schema: SCHEMA_VERSION,
        batches: vec![Batch { seq, changes: by_office.clone() }],
        history: Some(new_history.clone()),
        rebase_from,
    };
    let plain: PushResponse =
        ok_json(push_req(&s, &butler, &restate(None, pos.last_seq + 1)).await).await;
    assert_eq!(plain.rejections.len(), 2, "another device's changes are refused as new work");
    let again: PushResponse =
        ok_json(push_req(&s, &butler, &restate(Some(old_history.clone()), pos.last_seq + 2)).await)
            .await;
    assert!(again.rejections.is_empty(), "{:?}", again.rejections);
    let (now_held, _) = snapshot(&s, &office).await;
    let kept =
        now_held.iter().find(|c| c.id == lost && c.field == "description").expect("restated");
    assert_eq!(
        (kept.hlc, &kept.replica),
        (by_office[1].hlc, &by_office[1].replica),
        "kept as it was"
    );
}

trait WithHistory {
    fn with(self, history: &str) -> Self;
}

impl WithHistory for PushRequest {
    fn with(mut self, history: &str) -> Self {
        self.history = Some(history.to_owned());
        self
    }
}
