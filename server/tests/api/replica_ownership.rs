//! Threat: another user pushes with a device's replica id (ids are public in every pulled
//! change) and a huge `seq`, so that the device's later batches look like resends and are
//! silently dropped. A replica id belongs to the user who first pushed it, and batches must
//! follow one another.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, expect_error, now, Backend};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use shared::protocol::{Batch, PushRequest};
use shared::schema::SCHEMA_VERSION;
use shared::{RecordId, ReplicaId};

fn request(replica: &str, seq: u64, id: &RecordId, text: &str) -> PushRequest {
    PushRequest {
        history: None,
        rebase_from: None,
        replica: ReplicaId::from(replica),
        schema: SCHEMA_VERSION,
        batches: vec![Batch {
            seq,
            changes: vec![change("request", id, "description", json!(text), now(), replica, None)],
        }],
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_user_cannot_push_under_a_devices_replica_id(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let start = s.pull(&office, None, None).await.cursor;
    let id = RecordId::new_v7();
    assert_eq!(s.push(&butler, "tab-a", vec![(1, vec![])]).await.last_seq, 1);

    let hijack = request("tab-a", 2, &id, "hijacked");
    let r = s.post_json("/api/v1/sync/push", Some(&office), &hijack).await;
    expect_error(r, StatusCode::CONFLICT, "replica_taken").await;

    // The device's own next batch is applied, not taken for a resend.
    let own = request("tab-a", 2, &id, "mine");
    let r = s.post_json("/api/v1/sync/push", Some(&butler), &own).await;
    let reply: shared::protocol::PushResponse = support::ok_json(r).await;
    assert_eq!(reply.last_seq, 2);
    let (seen, _) = s.pull_all(&office, &start).await;
    let text = support::last_value(&seen, &id, "description").map(|c| c.value.clone());
    assert_eq!(text, Some(json!("mine")));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_may_not_jump_ahead_of_the_last_applied_one(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let butler = s.login("butler").await;
    let id = RecordId::new_v7();
    let jump = request("tab-j", 1_000_000, &id, "skip ahead");
    let r = s.post_json("/api/v1/sync/push", Some(&butler), &jump).await;
    let body = expect_error(r, StatusCode::CONFLICT, "seq_gap").await;
    assert!(body["error"]["message"].as_str().is_some_and(|m| m.contains("1000000")));
    assert_eq!(s.push(&butler, "tab-j", vec![(1, vec![])]).await.last_seq, 1, "seq 1 still next");
    let r = s.post_json("/api/v1/sync/push", Some(&butler), &request("tab-j", 3, &id, "x")).await;
    expect_error(r, StatusCode::CONFLICT, "seq_gap").await;
    assert_eq!(s.push(&butler, "tab-j", vec![(2, vec![])]).await.last_seq, 2);
}
