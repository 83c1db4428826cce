//! `POST /api/v1/sync/numbers`: blocks of the site's counter, each to one replica of its
//! owner, never overlapping however many devices ask at once, and at most 30 an hour a user.

use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{self, expect_error, ok_json, TestServer};
use futures::future::join_all;
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use server::limits::NUMBER_BLOCKS_PER_WINDOW;
use shared::request::number::{NumberBlock, NumberBlockRequest, BLOCK_SIZE};
use shared::ReplicaId;
use sqlx::Row;
use std::time::Duration;

/// Asks for a block for `replica` as `token`; the raw response.
pub async fn ask(s: &TestServer, token: &str, replica: &str) -> reqwest::Response {
    let body = NumberBlockRequest { replica: ReplicaId::from(replica) };
    s.post_json("/api/v1/sync/numbers", Some(token), &body).await
}

/// Asks for a block and expects one.
pub async fn block(s: &TestServer, token: &str, replica: &str) -> NumberBlock {
    ok_json(ask(s, token, replica).await).await
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_replicas_asking_at_once_never_get_overlapping_blocks(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let (office, butler) = (s.login("office").await, s.login("butler").await);
    // Six rounds: each user takes 24 blocks, below the 30 an hour a user may take.
    const ROUNDS: usize = 6;
    let asks = (0..8).map(|r| {
        let (s, token) = (&s, if r % 2 == 0 { office.clone() } else { butler.clone() });
        async move {
            let mut got = Vec::new();
            for _ in 0..ROUNDS {
                got.push((r, block(s, &token, &format!("tab-{r}")).await));
            }
            got
        }
    });
    let mut blocks: Vec<(usize, NumberBlock)> =
        join_all(asks).await.into_iter().flatten().collect();
    blocks.sort_by_key(|(_, b)| b.start);
    assert_eq!(blocks.len(), 8 * ROUNDS);
    assert_eq!(blocks[0].1.start, 1, "numbers start at 1");
    for w in blocks.windows(2) {
        let (a, b) = (w[0].1, w[1].1);
        assert_eq!(a.count, BLOCK_SIZE);
        assert_eq!(a.start + u64::from(a.count), b.start, "{a:?} and {b:?} overlap or leave a gap");
    }
    // Every block is recorded with the replica and user that got it.
    let rows = sqlx::query("SELECT replica_id, start FROM number_blocks ORDER BY start")
        .fetch_all(&s.state.db().pool)
        .await
        .expect("number_blocks");
    let recorded: Vec<(String, i64)> =
        rows.iter().map(|r| (r.get("replica_id"), r.get("start"))).collect();
    let given: Vec<(String, i64)> =
        blocks.iter().map(|(r, b)| (format!("tab-{r}"), b.start as i64)).collect();
    assert_eq!(recorded, given);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_belongs_to_one_user_for_numbers_and_pushes_alike(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let (office, butler) = (s.login("office").await, s.login("butler").await);
    // First seen in a push by the butler: the office cannot take numbers for it.
    s.push(&butler, "butler-tab", vec![(1, vec![])]).await;
    expect_error(ask(&s, &office, "butler-tab").await, StatusCode::CONFLICT, "replica_taken").await;
    // First seen asking for numbers: it is the office's, for pushes too.
    let first = block(&s, &office, "desk").await;
    assert_eq!(first.start, 1, "the refused call took no numbers");
    let req = shared::protocol::PushRequest {
        replica: ReplicaId::from("desk"),
        schema: shared::schema::SCHEMA_VERSION,
        batches: vec![shared::protocol::Batch { seq: 1, changes: vec![] }],
        history: None,
        rebase_from: None,
    };
    let r = s.post_json("/api/v1/sync/push", Some(&butler), &req).await;
    expect_error(r, StatusCode::CONFLICT, "replica_taken").await;
    let again = block(&s, &office, "desk").await;
    assert_eq!(again.start, first.start + u64::from(BLOCK_SIZE), "a fresh block every call");
    let other = block(&s, &butler, "butler-tab").await;
    assert_eq!(other.start, again.start + u64::from(BLOCK_SIZE));
    // The refused calls took nothing from the counter, and nothing without a session.
    let r = s.post_json("/api/v1/sync/numbers", None, &json!({"replica": "desk"})).await;
    expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_body_is_a_clear_client_error_and_takes_no_numbers(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    for body in
        [json!({}), json!({"replica": 7}), json!({"replica": "has space"}), json!({"replica": ""})]
    {
        let r = s.post_json("/api/v1/sync/numbers", Some(&office), &body).await;
        let v = expect_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
        assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}: {v}");
    }
    let r = s
        .http
        .post(s.url("/api/v1/sync/numbers"))
        .bearer_auth(&office)
        .body("replica=desk")
        .send()
        .await
        .expect("request");
    expect_error(r, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type").await;
    assert_eq!(block(&s, &office, "desk").await.start, 1, "nothing was taken before");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_takes_at_most_thirty_blocks_an_hour_however_fast_it_asks(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let (office, butler) = (s.login("office").await, s.login("butler").await);
    // Forty at once, over two replicas: exactly the thirty allowed get a block.
    let asks = (0..40).map(|i| ask(&s, &office, if i % 2 == 0 { "desk" } else { "laptop" }));
    let answers = join_all(asks).await;
    let given = answers.iter().filter(|r| r.status() == StatusCode::OK).count();
    assert_eq!(given as u64, NUMBER_BLOCKS_PER_WINDOW);
    for r in answers.into_iter().filter(|r| r.status() != StatusCode::OK) {
        let retry = r.headers().get("retry-after").and_then(|v| v.to_str().ok()?.parse().ok());
        assert!(retry.is_some_and(|secs: u64| (3000..=3600).contains(&secs)), "{retry:?}");
        let v = expect_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_number_blocks").await;
        assert!(v["error"]["message"].as_str().is_some_and(|m| m.contains("try again in")));
    }
    assert_eq!(s.rows("number_blocks").await, 30, "refused calls store nothing");
    // Another user is not affected, and the refused calls took nothing from the counter.
    let next = block(&s, &butler, "butler-tab").await;
    assert_eq!(next.start, 30 * u64::from(BLOCK_SIZE) + 1);
    // An hour after its blocks, the office may take more; not before.
    s.state.config().clock.advance(Duration::from_secs(3000));
    expect_error(
        ask(&s, &office, "desk").await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_number_blocks",
    )
    .await;
    s.state.config().clock.advance(Duration::from_secs(601));
    block(&s, &office, "desk").await;
    assert_eq!(s.rows("number_blocks").await, 32);
}
