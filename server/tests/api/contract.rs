//! The OpenAPI document states the constraints the server checks, and the server keeps
//! them: what the document calls invalid is refused with a 4xx (never clamped or taken),
//! what it calls valid is never refused for its form. scripts/contract.sh tests the same
//! against the real binary with schemathesis; these pin each constraint found that way.

use crate::blobs::{jpeg, photo_changes};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{self, expect_error, ok_json};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::{json, Value};
use server::sync::pull::{DEFAULT_LIMIT, MAX_LIMIT, MIN_LIMIT};
use shared::blob::MAX_BLOB_BYTES;
use shared::protocol::{
    FIRST_BATCH_SEQ, FIRST_SCHEMA_VERSION, MAX_PASSWORD_CHARS, MAX_USERNAME_CHARS,
};
use shared::schema::SCHEMA_VERSION;
use shared::{RecordId, ReplicaId};

/// The operation `method path` of the document.
fn op<'a>(doc: &'a Value, method: &str, path: &str) -> &'a Value {
    &doc["paths"][format!("/api/v1{path}")][method]
}

/// The schema of query parameter `name` of an operation.
fn param<'a>(op: &'a Value, name: &str) -> &'a Value {
    let params = op["parameters"].as_array().expect("parameters");
    params.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("no parameter {name}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_states_the_constraints_the_server_checks() {
    let Some(s) = support::start(Sqlite).await else { return };
    let doc: Value = ok_json(s.get("/api/v1/openapi.json", None).await).await;
    let schemas = &doc["components"]["schemas"];

    let replica = &schemas["ReplicaId"];
    assert_eq!(replica["pattern"], shared::openapi::replica_id_pattern());
    assert_eq!(replica["maxLength"], ReplicaId::MAX_LEN);
    assert_eq!(replica["minLength"], 1);
    let schema = &schemas["PushRequest"]["properties"]["schema"];
    assert_eq!(
        (&schema["minimum"], &schema["maximum"]),
        (&json!(FIRST_SCHEMA_VERSION), &json!(SCHEMA_VERSION))
    );
    assert_eq!(schemas["Batch"]["properties"]["seq"]["minimum"], FIRST_BATCH_SEQ);
    let login = &schemas["LoginRequest"]["properties"];
    assert_eq!(login["username"]["maxLength"], MAX_USERNAME_CHARS);
    assert_eq!(login["password"]["maxLength"], MAX_PASSWORD_CHARS);
    // A change's replica and record id are checked per change (refused in the reply), so the
    // document describes them without a constraint a 4xx would have to keep.
    assert!(schemas["Change"]["properties"]["replica"].get("pattern").is_none());
    assert!(schemas["RecordId"]["description"].as_str().is_some_and(|d| d.contains("UUID")));

    let limit = &param(op(&doc, "get", "/sync/pull"), "limit")["schema"];
    assert_eq!(
        (&limit["minimum"], &limit["maximum"], &limit["default"]),
        (&json!(MIN_LIMIT), &json!(MAX_LIMIT), &json!(DEFAULT_LIMIT))
    );
    let size = param(op(&doc, "put", "/blobs/{sha256}"), "size");
    assert_eq!(size["required"], true);
    assert_eq!(
        (&size["schema"]["minimum"], &size["schema"]["maximum"]),
        (&json!(1), &json!(MAX_BLOB_BYTES))
    );

    // Every status a route answers is listed: a JSON body can be too large or not JSON, a
    // bearer route can be refused its token.
    for (method, path) in
        [("post", "/auth/login"), ("post", "/sync/push"), ("post", "/sync/numbers")]
    {
        let responses = &op(&doc, method, path)["responses"];
        for status in ["400", "413", "415"] {
            assert!(responses.get(status).is_some(), "{method} {path} lacks {status}");
        }
    }
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if op.get("security").is_some() {
                assert!(op["responses"].get("401").is_some(), "{method} {path} lacks 401");
            }
        }
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_the_document_calls_invalid_is_refused_and_nothing_changes(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let token = s.login("office").await;
    let replicas = s.rows("replicas").await;
    let pull = |limit: i64| format!("/api/v1/sync/pull?limit={limit}");
    for limit in [0, -1, MAX_LIMIT + 1] {
        let r = s.get(&pull(limit), Some(&token)).await;
        let body = expect_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
        assert!(body["error"]["message"].as_str().is_some_and(|m| m.contains("limit")), "{body}");
    }
    assert_eq!(s.get(&pull(MAX_LIMIT), Some(&token)).await.status(), StatusCode::OK);

    let empty = |schema: Value, seq: Value| json!({"replica": "r1", "schema": schema, "batches": [{"seq": seq, "changes": []}]});
    let server = json!({"replica": "server", "schema": 1, "batches": []});
    for (bad, status, code) in [
        (empty(json!(0), json!(1)), StatusCode::BAD_REQUEST, "bad_request"),
        (empty(json!(SCHEMA_VERSION + 1), json!(1)), StatusCode::BAD_REQUEST, "bad_request"),
        (empty(json!(1), json!(0)), StatusCode::BAD_REQUEST, "bad_request"),
        // The server's own replica id is taken, by the server.
        (server, StatusCode::CONFLICT, "replica_taken"),
    ] {
        let r = s.post_json("/api/v1/sync/push", Some(&token), &bad).await;
        expect_error(r, status, code).await;
    }
    let server = json!({"replica": "server"});
    let numbers = s.post_json("/api/v1/sync/numbers", Some(&token), &server).await;
    expect_error(numbers, StatusCode::CONFLICT, "replica_taken").await;
    assert_eq!(s.rows("replicas").await, replicas, "nothing was claimed");

    // A login that is not JSON: 415, as documented.
    let r = s.http.post(s.url("/api/v1/auth/login")).body("username=office").send().await;
    expect_error(r.expect("login"), StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
        .await;
    // A blob of no bytes, from one who may upload it (the creator of a photo naming it).
    let (_, sha) = jpeg(100, 1);
    let photo = photo_changes(&RecordId::new_v7(), "request", &RecordId::new_v7(), &sha, "r2");
    assert!(s.push(&token, "r2", vec![(1, photo)]).await.rejections.is_empty());
    let r = s.http.put(s.url(&format!("/api/v1/blobs/{sha}?offset=0&size=0"))).bearer_auth(&token);
    let r = r.body(vec![0xFF, 0xD8, 0xFF]).send().await.expect("put");
    expect_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_the_document_calls_valid_is_taken(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let token = s.login("office").await;
    // JSON has one kind of number: `4.0` is the integer 4, as the document's schema says.
    let push = json!({"replica": "r1", "schema": f64::from(SCHEMA_VERSION), "batches": [{"seq": 1.0, "changes": []}]});
    let reply: Value = ok_json(s.post_json("/api/v1/sync/push", Some(&token), &push).await).await;
    assert_eq!(reply["last_seq"], 1);
    // A CSV export names its table or gets the units.
    let csv = s.get("/api/v1/register/export?format=csv", Some(&token)).await;
    assert_eq!(csv.status(), StatusCode::OK);
    let units = s.get("/api/v1/register/export?format=csv&table=units", Some(&token)).await;
    assert_eq!(csv.bytes().await.expect("csv"), units.bytes().await.expect("units"));
    // Login caps count characters, as `maxLength` does: 64 of them, whatever their bytes.
    let r = s.login_via(&s.http, &"管".repeat(MAX_USERNAME_CHARS), "x").await;
    expect_error(r, StatusCode::UNAUTHORIZED, "bad_credentials").await;
}
