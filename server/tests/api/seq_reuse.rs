//! Threat: a device (or anyone holding its session) sends new work under a `seq` already
//! applied — a restored backup, a bug — and the server takes it for a resend and drops it
//! without a word. A batch is a resend only when its changes are the applied ones (the
//! batch's digest, migration 0008); else 409 `seq_reused` and nothing of it is stored.

use crate::group_commit::{request, send, site_of, wait_queued};
use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, expect_error, now, Backend, TestServer};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use server::sync::writer;
use shared::{Change, RecordId, RejectCode};

/// A new request with a description, and a second one that starts closed (refused), so a
/// resend has a refusal to answer again.
fn work(replica: &str, text: &str, t: u64) -> (RecordId, Vec<Change>) {
    let (id, bad) = (RecordId::new_v7(), RecordId::new_v7());
    let changes = vec![
        change("request", &id, "description", json!(text), t, replica, None),
        change("request", &bad, "status", json!("closed"), t + 1, replica, None),
    ];
    (id, changes)
}

/// Whether the office's replica holds anything of `id`.
async fn stored(s: &TestServer, office: &str, id: &RecordId) -> bool {
    s.pull(office, None, Some(5000)).await.changes.iter().any(|c| c.id == *id)
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reused_seq_with_other_changes_is_refused_and_stores_nothing(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let t = now();
    let (first, applied) = work("tab-s", "第一批", t);
    let reply = s.push(&butler, "tab-s", vec![(1, applied.clone())]).await;
    assert_eq!(reply.rejections.len(), 1);

    // The same seq with other changes: refused, and none of it is kept.
    let (other, reused) = work("tab-s", "另一批", t + 10);
    let r = s
        .post_json("/api/v1/sync/push", Some(&butler), &request("tab-s", vec![(1, reused.clone())]))
        .await;
    expect_error(r, StatusCode::CONFLICT, "seq_reused").await;
    // Also behind a resend of the batch before it, and twice in one push.
    let both = request("tab-s", vec![(1, applied.clone()), (1, reused.clone())]);
    let r = s.post_json("/api/v1/sync/push", Some(&butler), &both).await;
    expect_error(r, StatusCode::CONFLICT, "seq_reused").await;
    assert!(stored(&s, &office, &first).await);
    assert!(!stored(&s, &office, &other).await, "the reused batch left nothing");

    // The applied batch again, spelt otherwise (upper-case ids): a resend, answered as before.
    let mut spelt = applied.clone();
    for c in &mut spelt {
        c.id = RecordId(c.id.as_str().to_uppercase());
    }
    let again = s.push(&butler, "tab-s", vec![(1, spelt)]).await;
    assert_eq!(again, shared::protocol::PushResponse { server_hlc: again.server_hlc, ..reply });
    assert_eq!(again.rejections[0].code, RejectCode::BadTransition);
    // And the next seq is new work as ever.
    let next = s.push(&butler, "tab-s", vec![(1, applied), (2, reused)]).await;
    assert_eq!(next.last_seq, 2);
    assert!(stored(&s, &office, &other).await);
}

/// The digest of a batch applied in the same group is still held back, not stored: a reused
/// seq queued behind it is judged by it all the same, and an identical resend is answered.
#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reused_seq_in_the_same_group_is_refused(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let site = site_of(&s, &office).await;
    let t = now();
    let (first, applied) = work("tab-g", "原批", t);
    let (other, reused) = work("tab-g", "冒名", t + 10);

    let held = writer::hold(&s.state, &site).await;
    let original = send(&s, &butler, request("tab-g", vec![(1, applied.clone())]));
    wait_queued(&s, &site, 1).await;
    let impostor = send(&s, &butler, request("tab-g", vec![(1, reused)]));
    wait_queued(&s, &site, 2).await;
    let resend = send(&s, &butler, request("tab-g", vec![(1, applied)]));
    wait_queued(&s, &site, 3).await;
    drop(held);

    let (status, body) = original.await.expect("task");
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = impostor.await.expect("task");
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("seq_reused"), "{body}");
    let (status, again) = resend.await.expect("task");
    assert_eq!(status, StatusCode::OK, "{again}");
    assert!(again.contains("bad_transition"), "the original's refusal: {again}");
    assert!(stored(&s, &office, &first).await);
    assert!(!stored(&s, &office, &other).await);
}
