//! Health, unknown API routes, and the app's static files.

use crate::error::error_response;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// `GET /api/v1/health` reply: the process is up and answering (load balancers poll it).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    pub ok: bool,
}

/// `GET /api/v1/health`: needs no session and touches no database.
#[utoipa::path(
    get,
    path = "/health",
    tag = "meta",
    responses((status = 200, description = "Up", body = Health))
)]
pub async fn health() -> Json<Health> {
    Json(Health { ok: true })
}

/// Any other `/api/…` path: a JSON 404, never the app's HTML.
pub async fn api_not_found() -> Response {
    error_response(StatusCode::NOT_FOUND, "not_found", "no such API route")
}

/// A known API path with the wrong method: a JSON 405.
pub async fn api_method_not_allowed() -> Response {
    error_response(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed here")
}

const NOT_BUILT: &str = r#"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>管家 Guanjia</title></head>
<body>
<h1>管家 Guanjia</h1>
<p>应用尚未构建。请先构建前端（dist/ 目录不存在）。</p>
<p lang="en">The app is not built yet: the <code>dist/</code> directory is missing. Build it first.</p>
<p><a href="/api/v1/health">/api/v1/health</a></p>
</body></html>
"#;

/// Everything outside `/api`: files from `dist/`, falling back to `index.html` for SPA
/// routes. The app shell (`index.html`, `sw.js`) is `no-cache` so updates reach tablets; the
/// files go out precompressed ([`crate::precompressed`]).
pub async fn app_files(State(state): State<AppState>, req: Request) -> Response {
    let dist = state.config().dist.clone();
    let index = dist.join("index.html");
    if !index.is_file() {
        let mut resp = Html(NOT_BUILT).into_response();
        resp.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        return resp;
    }
    let path = req.uri().path().to_owned();
    let method = req.method().clone();
    let accept = req.headers().get(ACCEPT_ENCODING).cloned();
    let service =
        ServeDir::new(&dist).append_index_html_on_directories(true).fallback(ServeFile::new(index));
    let resp = match service.oneshot(req).await {
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    };
    // Brotli 11 / gzip 9 computed once per file, when ready (else the CompressionLayer's).
    let mut resp = crate::precompressed::encode(&dist, &path, &method, accept.as_ref(), resp).await;
    // The page, also when revalidated: a 304 has no content type, and its headers replace
    // the cached page's (a file policy on it would stop the app from loading).
    let not_a_file = path.rsplit('/').next().is_none_or(|name| !name.contains('.'));
    let is_html = resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"))
        || (resp.status() == StatusCode::NOT_MODIFIED && (not_a_file || path.ends_with(".html")));
    let cache = if path == "/sw.js" || is_html {
        Some("no-cache")
    } else if crate::headers::is_content_addressed(&path) && resp.status().is_success() {
        Some("public, max-age=31536000, immutable")
    } else {
        None
    };
    if let Some(cache) = cache {
        resp.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    if path == "/sw.js" {
        // A service worker runs under its own script's policy: it fetches the shell to cache.
        let worker = HeaderValue::from_static(crate::headers::WORKER_CSP);
        resp.headers_mut().insert(CONTENT_SECURITY_POLICY, worker);
    }
    if is_html {
        // The page's policy follows the page: a rebuilt app has a new loader script hash.
        let page = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
        if let Ok(csp) = HeaderValue::from_str(&crate::headers::app_csp(&page)) {
            resp.headers_mut().insert(CONTENT_SECURITY_POLICY, csp);
        }
    }
    resp
}
