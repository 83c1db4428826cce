//! Threat: a long offline day (or a hostile client) sends a push so large that it can never be
//! applied. The server caps the changes of one push with a clear error and changes nothing;
//! the app sends a long day in several pushes (`app/src/sync/push_pull.rs`).

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, expect_error, now, Backend};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use shared::protocol::{Batch, PushRequest, MAX_PUSH_CHANGES};
use shared::schema::SCHEMA_VERSION;
use shared::{RecordId, ReplicaId};

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_changes_in_one_push_are_refused_whole(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let start = s.pull(&office, None, None).await.cursor;
    let t = now();
    let batches: Vec<Batch> = (0..=MAX_PUSH_CHANGES as u64)
        .map(|i| Batch {
            seq: i + 1,
            changes: vec![change(
                "request",
                &RecordId::new_v7(),
                "description",
                json!("x"),
                t + i,
                "tab-big",
                None,
            )],
        })
        .collect();
    let req = PushRequest { replica: ReplicaId::from("tab-big"), schema: SCHEMA_VERSION, batches };
    let r = s.post_json("/api/v1/sync/push", Some(&butler), &req).await;
    let body = expect_error(r, StatusCode::PAYLOAD_TOO_LARGE, "too_many_changes").await;
    let message = body["error"]["message"].as_str().unwrap_or_default().to_owned();
    assert!(message.contains(&MAX_PUSH_CHANGES.to_string()), "says the limit: {message}");
    let (seen, _) = s.pull_all(&office, &start).await;
    assert!(seen.is_empty(), "nothing applied: {} changes", seen.len());
}
