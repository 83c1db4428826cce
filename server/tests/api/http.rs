//! JSON errors for bad requests, the demo seed, static files and health.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, expect_error, Backend};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_errors_are_json(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start_with(b, |c| c.body_limit = 64 * 1024).await else { return };
    let token = s.login("butler").await;
    let url = s.url("/api/v1/sync/push");
    let json_type = ("content-type", "application/json");
    let bad = s
        .http
        .post(&url)
        .bearer_auth(&token)
        .header(json_type.0, json_type.1)
        .body("{not json")
        .send();
    expect_error(bad.await.expect("send"), StatusCode::BAD_REQUEST, "bad_request").await;
    let wrong_shape =
        s.post_json("/api/v1/sync/push", Some(&token), &json!({"replica": "x"})).await;
    expect_error(wrong_shape, StatusCode::BAD_REQUEST, "bad_request").await;
    let no_type = s.http.post(&url).bearer_auth(&token).body("{}").send().await.expect("send");
    expect_error(no_type, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type").await;
    let huge = format!("{{\"replica\":\"{}\"}}", "x".repeat(200 * 1024));
    // Its own client: the server answers 413 without reading the body and then closes the
    // connection, which a pooled connection shared with the next request would trip over.
    let big = reqwest::Client::new()
        .post(&url)
        .bearer_auth(&token)
        .header(json_type.0, json_type.1)
        .body(huge)
        .send();
    expect_error(big.await.expect("send"), StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
        .await;
    expect_error(s.get("/api/v1/nothing/here", None).await, StatusCode::NOT_FOUND, "not_found")
        .await;
    let wrong_method = s.get("/api/v1/sync/push", Some(&token)).await;
    expect_error(wrong_method, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
    let login_bad =
        s.http.post(s.url("/api/v1/auth/login")).header(json_type.0, json_type.1).body("[").send();
    expect_error(login_bad.await.expect("send"), StatusCode::BAD_REQUEST, "bad_request").await;
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_seed_is_complete_and_idempotent(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start_empty(b).await else { return };
    assert!(server::demo::seed(&s.state).await.expect("seed"));
    assert!(!server::demo::seed(&s.state).await.expect("second seed is a no-op"));
    let r = s
        .post_json(
            "/api/v1/auth/login",
            None,
            &json!({"username": "butler1", "password": "guanjia123"}),
        )
        .await;
    let login: shared::protocol::LoginResponse = support::ok_json(r).await;
    assert_eq!(login.me.display_name, "王管家");
    assert_eq!(login.me.site_name, "阳光花园");
    assert!(login.me.area_id.is_some());
    let butler = s.pull(&login.token, None, Some(5000)).await;
    let office = s.login_as("office", "guanjia123").await;
    let mut all = s.pull(&office, None, Some(5000)).await;
    while all.more {
        let next = s.pull(&office, Some(&all.cursor), Some(5000)).await;
        all.changes.extend(next.changes);
        (all.cursor, all.more) = (next.cursor, next.more);
    }
    let count = |changes: &[shared::Change], kind: &str, field: &str| {
        changes.iter().filter(|c| c.kind.as_str() == kind && c.field == field).count()
    };
    assert_eq!(count(&all.changes, "unit", "number"), 432);
    let mine = count(&butler.changes, "unit", "number");
    assert!(mine > 0 && mine < 432, "a butler holds their area's units only: {mine}");
    assert!(count(&all.changes, "request", "description") >= 12);
    let number = server::demo::unit_number(1, 3, 2);
    assert_eq!(number, "1-0302");
    assert!(all.changes.iter().any(|c| c.field == "number" && c.value == json!(number)));
    let statuses =
        all.changes.iter().filter(|c| c.kind.as_str() == "request" && c.field == "status");
    assert!(statuses
        .filter_map(|c| c.value.as_str())
        .all(|s| shared::request::RequestStatus::parse(s).is_some_and(|s| s.is_open())));
    // The same ids on every machine.
    assert_eq!(server::demo::demo_id("site").as_str(), login.me.site_id);
}

#[tokio::test]
async fn static_app_is_served_with_spa_fallback_and_no_cache_shell() {
    let Some(s) = support::start(Backend::Sqlite).await else { return };
    let missing = s.get("/requests/abc", None).await;
    assert_eq!(missing.status(), StatusCode::OK);
    let text = missing.text().await.expect("page");
    assert!(text.contains("应用尚未构建") && text.contains("not built"));
    let dist = &s.state.config().dist;
    std::fs::create_dir_all(dist).expect("dist");
    std::fs::write(dist.join("index.html"), "<html>shell</html>").expect("index");
    std::fs::write(dist.join("sw.js"), "// sw").expect("sw");
    std::fs::write(dist.join("app.js"), "// app").expect("app");
    for path in ["/", "/requests/abc", "/index.html"] {
        let r = s.get(path, None).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_eq!(r.headers()["cache-control"], "no-cache", "{path}");
        assert_eq!(r.text().await.expect("body"), "<html>shell</html>");
    }
    assert_eq!(s.get("/sw.js", None).await.headers()["cache-control"], "no-cache");
    let app = s.get("/app.js", None).await;
    assert!(app.headers().get("cache-control").is_none());
    assert_eq!(app.text().await.expect("body"), "// app");
    let health: serde_json::Value = support::ok_json(s.get("/api/v1/health", None).await).await;
    assert_eq!(health, json!({"ok": true}));
}

/// What an installed app and a crawler fetch beside the page (`public/`, copied into `dist/`
/// by Trunk): robots.txt as plain text keeping crawlers off the API, the manifest as a web app
/// manifest, the icons as PNG. Served from the repository's own files, so a renamed or
/// mistyped file fails here.
#[tokio::test]
async fn robots_manifest_and_icons_are_served_with_their_types() {
    let Some(s) = support::start(Backend::Sqlite).await else { return };
    let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public");
    let dist = &s.state.config().dist;
    std::fs::create_dir_all(dist).expect("dist");
    std::fs::write(dist.join("index.html"), "<html>shell</html>").expect("index");
    for name in ["robots.txt", "manifest.webmanifest", "icon-192.png", "apple-touch-icon.png"] {
        std::fs::copy(public.join(name), dist.join(name)).expect(name);
    }
    let robots = s.get("/robots.txt", None).await;
    assert_eq!(robots.status(), StatusCode::OK);
    assert!(robots.headers()["content-type"].to_str().expect("type").starts_with("text/plain"));
    let text = robots.text().await.expect("robots");
    let rules: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.starts_with('#')).collect();
    for rule in ["User-agent: *", "Allow: /", "Disallow: /api/"] {
        assert!(rules.contains(&rule), "robots.txt lacks {rule:?}: {text}");
    }
    let manifest = s.get("/manifest.webmanifest", None).await;
    assert_eq!(manifest.status(), StatusCode::OK);
    assert_eq!(manifest.headers()["content-type"], "application/manifest+json");
    let manifest: serde_json::Value = manifest.json().await.expect("manifest is JSON");
    assert_eq!(manifest["display"], "standalone");
    for path in ["/icon-192.png", "/apple-touch-icon.png"] {
        let icon = s.get(path, None).await;
        assert_eq!(icon.status(), StatusCode::OK, "{path}");
        assert_eq!(icon.headers()["content-type"], "image/png", "{path}");
    }
}
