//! `GET /api/v1/audit`: the register's exports are recorded, and supervisors of the site —
//! nobody else — read them a page at a time, newest first.

use crate::support::{self, expect_error, ok_json, Backend};
use reqwest::StatusCode;
use rstest::rstest;
use shared::audit::{AuditAction, AuditPage};
use shared::Role;

#[rstest]
#[tokio::test]
async fn supervisors_read_who_exported_the_register(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    s.add_user("boss", Role::Supervisor, "测试小区").await;
    s.add_user("boss-elsewhere", Role::Supervisor, "别处").await;
    let boss = s.login("boss").await;
    let office = s.login("office").await;
    let page = |token: String, query: &'static str| {
        let s = &s;
        async move { s.get(&format!("/api/v1/audit{query}"), Some(&token)).await }
    };
    let empty: AuditPage = ok_json(page(boss.clone(), "").await).await;
    assert_eq!((empty.entries.len(), empty.total), (0, 0));

    for query in ["format=csv&table=people", "format=xlsx"] {
        let r = s.get(&format!("/api/v1/register/export?{query}"), Some(&office)).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let all: AuditPage = ok_json(page(boss.clone(), "").await).await;
    assert_eq!(all.total, 2);
    let targets: Vec<&str> = all.entries.iter().map(|e| e.target.as_str()).collect();
    assert_eq!(targets, ["xlsx", "csv people"], "newest first");
    assert!(all.entries.iter().all(|e| e.user == "office"));
    assert!(all.entries.iter().all(|e| e.action == AuditAction::RegisterExport));
    assert!(all.entries[0].at >= all.entries[1].at);

    let second: AuditPage = ok_json(page(boss.clone(), "?offset=1&limit=1").await).await;
    assert_eq!(second.total, 2);
    assert_eq!(second.entries, all.entries[1..].to_vec());

    // Another site's supervisor reads their own site's log only.
    let elsewhere: AuditPage = ok_json(page(s.login("boss-elsewhere").await, "").await).await;
    assert_eq!(elsewhere.total, 0);

    for query in ["?limit=0", "?limit=201", "?offset=-1", "?limit=x"] {
        expect_error(page(boss.clone(), query).await, StatusCode::BAD_REQUEST, "bad_request").await;
    }
    let r = s.get("/api/v1/audit", None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[rstest]
#[tokio::test]
async fn nobody_but_supervisors_reads_the_audit_log(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(scene) = crate::scope::scene(b).await else { return };
    let t = &scene.tokens;
    for token in [&t.office, &t.butler, &t.fixer] {
        let r = scene.s.get("/api/v1/audit", Some(token)).await;
        let body = expect_error(r, StatusCode::FORBIDDEN, "forbidden").await;
        let message = body["error"]["message"].as_str().unwrap_or_default().to_owned();
        assert!(message.contains("主管"), "said in both languages: {message}");
    }
    let r = scene.s.get("/api/v1/audit", Some(&t.boss)).await;
    assert_eq!(r.status(), StatusCode::OK);
}

/// The document states the page's bounds the route checks, and the entry's schema.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_states_the_audit_pages_bounds() {
    let Some(s) = support::start(Backend::Sqlite).await else { return };
    let doc: serde_json::Value = ok_json(s.get("/api/v1/openapi.json", None).await).await;
    let params = doc["paths"]["/api/v1/audit"]["get"]["parameters"].as_array().expect("params");
    let schema = |name: &str| {
        let p = params.iter().find(|p| p["name"] == name).expect("parameter");
        p["schema"].clone()
    };
    let limit = schema("limit");
    assert_eq!((limit["minimum"].as_u64(), limit["maximum"].as_u64()), (Some(1), Some(200)));
    assert_eq!(limit["default"], shared::audit::DEFAULT_PAGE);
    let offset = schema("offset");
    assert_eq!(offset["minimum"], 0);
    assert_eq!(offset["maximum"], server::routes::audit::MAX_OFFSET);
    let actions = &doc["components"]["schemas"]["AuditAction"]["enum"];
    assert_eq!(actions.as_array().map(Vec::len), Some(AuditAction::ALL.len()), "{actions}");
}
