//! Threat: hostile or corrupted input to the sync decoders. Whatever the body of a push or the
//! query of a pull — random bytes, random JSON, well-formed pushes with random values — the
//! server answers with a 2xx or a 4xx JSON error: never a panic, never a 5xx.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, Backend, TestServer};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rstest::rstest;
use serde_json::{json, Value};

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,40}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::btree_map(".{0,12}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A push whose shape is right and whose contents are arbitrary.
fn shaped_push() -> impl Strategy<Value = Value> {
    let word = |w: &'static str| Just(w.to_owned());
    let kind =
        prop_oneof![word("request"), word("unit"), word("conflict"), word("staff"), ".{0,8}"];
    let field = prop_oneof![word("status"), word("description"), word("assignee"), ".{0,8}"];
    let id = prop_oneof![Just("0190f0a0-0000-7000-8000-000000000001".to_owned()), ".{0,40}"];
    let hlc = prop_oneof!["[0-9a-f]{16}", ".{0,20}"];
    let change = (kind, id, field, any_json(), hlc.clone(), prop::option::of(hlc)).prop_map(
        |(kind, id, field, value, hlc, prev)| {
            json!({ "kind": kind, "id": id, "field": field, "value": value,
                    "hlc": hlc, "replica": "fuzz-1", "prev": prev })
        },
    );
    let seq = prop_oneof![0..4u64, any::<u64>()];
    let batch = (seq, prop::collection::vec(change, 0..4))
        .prop_map(|(seq, changes)| json!({ "seq": seq, "changes": changes }));
    (any::<u32>(), prop::collection::vec(batch, 0..3)).prop_map(|(schema, batches)| {
        json!({ "replica": "fuzz-1", "schema": schema % 3, "batches": batches })
    })
}

/// Sends `body` as a push and checks the answer is not a server error.
async fn push_is_answered(s: &TestServer, token: &str, body: Vec<u8>) -> Result<(), String> {
    let r = s
        .http
        .post(s.url("/api/v1/sync/push"))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    if status.is_server_error() {
        return Err(format!("push answered {status}: {text}"));
    }
    if !status.is_success() && !text.contains("\"error\"") {
        return Err(format!("push answered {status} without the JSON error shape: {text}"));
    }
    Ok(())
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_input_makes_push_or_pull_fail_on_the_server(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let token = s.login("butler").await;
    let handle = tokio::runtime::Handle::current();
    let config = Config { cases: 96, failure_persistence: None, ..Config::default() };
    let bodies = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        any_json().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        shaped_push().prop_map(|v| serde_json::to_vec(&v).unwrap()),
    ];
    let pulls = (prop::option::of(".{0,60}"), prop::option::of(".{0,12}"));
    let (s, token) = (&s, token.as_str());
    tokio::task::block_in_place(|| {
        let mut runner = TestRunner::new(config.clone());
        runner
            .run(&bodies, |body| {
                handle.block_on(push_is_answered(s, token, body)).map_err(TestCaseError::fail)
            })
            .unwrap();
        let mut runner = TestRunner::new(config);
        runner
            .run(&pulls, |(cursor, limit)| {
                let mut q: Vec<(&str, String)> = Vec::new();
                q.extend(cursor.map(|c| ("cursor", c)));
                q.extend(limit.map(|l| ("limit", l)));
                let r = handle.block_on(
                    s.http.get(s.url("/api/v1/sync/pull")).bearer_auth(token).query(&q).send(),
                );
                let status = r.map_err(|e| TestCaseError::fail(e.to_string()))?.status();
                prop_assert!(!status.is_server_error(), "pull {q:?} answered {status}");
                Ok(())
            })
            .unwrap();
    });
}
