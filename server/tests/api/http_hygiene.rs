//! Threat: the browser is the attack surface. Every answer carries the protective headers; the
//! app's page allows only its own scripts (its one inline loader by hash); files are
//! compressed; content-addressed files are cached for good and the shell never.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, Backend};
use base64::Engine;
use rstest::rstest;
use sha2::{Digest, Sha256};

const LOADER: &str = "\nimport init from '/app-0123456789abcdef.js';\nawait init();\n";

async fn h_last_modified(s: &support::TestServer) -> String {
    let r = s.http.get(s.url("/")).send().await.expect("page");
    r.headers().get("last-modified").expect("last-modified").to_str().unwrap().to_owned()
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_carry_protective_headers_and_files_are_compressed_and_cached(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let dist = tempfile::tempdir().expect("dist");
    let page = format!(
        "<!doctype html><html><head><script type=\"module\">{LOADER}</script></head><body></body></html>"
    );
    std::fs::write(dist.path().join("index.html"), &page).unwrap();
    std::fs::write(dist.path().join("app-0123456789abcdef_bg.wasm"), vec![b'a'; 50_000]).unwrap();
    std::fs::write(dist.path().join("sw.js"), "self.addEventListener('fetch', () => {});").unwrap();
    let dir = dist.path().to_owned();
    let Some(s) = support::start_with(b, move |c| c.dist = dir).await else { return };

    let get =
        |path: &'static str| s.http.get(s.url(path)).header("accept-encoding", "br, gzip").send();
    let page_resp = get("/requests/some-id").await.expect("page");
    let h = page_resp.headers().clone();
    let csp = h.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(LOADER));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "loader allowed by hash: {csp}");
    assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(h.get("x-content-type-options").map(|v| v.as_bytes()), Some(&b"nosniff"[..]));
    assert_eq!(h.get("referrer-policy").map(|v| v.as_bytes()), Some(&b"no-referrer"[..]));
    assert_eq!(h.get("cache-control").map(|v| v.as_bytes()), Some(&b"no-cache"[..]));

    // A reload revalidates the page: the 304's headers replace the cached page's, so it must
    // carry the page's policy too, not the files' `default-src 'none'`.
    let modified = h_last_modified(&s).await;
    let revalidated = s
        .http
        .get(s.url("/"))
        .header("if-modified-since", modified)
        .send()
        .await
        .expect("revalidate");
    assert_eq!(revalidated.status(), reqwest::StatusCode::NOT_MODIFIED);
    let csp = revalidated.headers().get("content-security-policy").unwrap().to_str().unwrap();
    assert!(csp.contains(&format!("'sha256-{hash}'")), "the 304 keeps the page policy: {csp}");

    let wasm = get("/app-0123456789abcdef_bg.wasm").await.expect("wasm");
    let h = wasm.headers().clone();
    let encoding = h.get("content-encoding").map(|v| v.to_str().unwrap().to_owned());
    assert!(matches!(encoding.as_deref(), Some("br" | "gzip")), "compressed: {encoding:?}");
    let cache = h.get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(cache.contains("immutable") && cache.contains("max-age=31536000"), "{cache}");
    let body = wasm.bytes().await.unwrap();
    assert!(body.len() < 5_000, "50 kB of one byte compresses: {}", body.len());

    let sw = get("/sw.js").await.expect("sw");
    assert_eq!(sw.headers().get("cache-control").map(|v| v.as_bytes()), Some(&b"no-cache"[..]));
    // The worker runs under its own script's policy and must fetch the shell to cache it.
    let csp = sw.headers().get("content-security-policy").map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(csp.as_deref(), Some("default-src 'self'; frame-ancestors 'none'"));

    let api = get("/api/v1/health").await.expect("health");
    let csp = api.headers().get("content-security-policy").map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(csp.as_deref(), Some("default-src 'none'; frame-ancestors 'none'"));
    assert!(api.headers().contains_key("x-frame-options"));
}
