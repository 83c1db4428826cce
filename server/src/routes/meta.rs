//! Health, the OpenAPI document, unknown API routes, and the app's static files.

use crate::error::error_response;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// `GET /api/v1/health`.
pub async fn health() -> Json<Value> {
    Json(json!({ "ok": true }))
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
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>管家 Guanjia</h1>
<p>应用尚未构建。请先构建前端（dist/ 目录不存在）。</p>
<p lang="en">The app is not built yet: the <code>dist/</code> directory is missing. Build it first.</p>
<p><a href="/api/v1/health">/api/v1/health</a></p>
</body></html>
"#;

/// Everything outside `/api`: files from `dist/`, falling back to `index.html` for SPA
/// routes. The app shell (`index.html`, `sw.js`) is `no-cache` so updates reach tablets.
pub async fn app_files(State(state): State<AppState>, req: Request) -> Response {
    let dist = state.config().dist.clone();
    let index = dist.join("index.html");
    if !index.is_file() {
        let mut resp = Html(NOT_BUILT).into_response();
        resp.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        return resp;
    }
    let is_sw = req.uri().path() == "/sw.js";
    let service =
        ServeDir::new(&dist).append_index_html_on_directories(true).fallback(ServeFile::new(index));
    let mut resp = match service.oneshot(req).await {
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    };
    let is_html = resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    if is_sw || is_html {
        resp.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    resp
}

/// `GET /api/v1/openapi.json`: the API, hand-written (OpenAPI 3.1).
pub async fn openapi() -> Json<Value> {
    Json(openapi_doc())
}

fn err() -> Value {
    json!({ "description": "error", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

fn ok(schema: &str) -> Value {
    json!({ "description": "ok", "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } })
}

fn body(schema: &str) -> Value {
    json!({ "required": true, "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } })
}

fn openapi_doc() -> Value {
    let bearer = json!([{ "bearer": [] }]);
    let change = json!({ "type": "object", "required": ["kind","id","field","value","hlc","replica"], "properties": {
        "kind": {"type":"string"}, "id": {"type":"string","format":"uuid"}, "field": {"type":"string"}, "value": {},
        "hlc": {"type":"string","pattern":"^[0-9a-f]{16}$"}, "replica": {"type":"string"},
        "prev": {"type":["string","null"],"pattern":"^[0-9a-f]{16}$"} } });
    let me = json!({ "type": "object", "properties": { "staff_id": {"type":"string"}, "username": {"type":"string"},
        "display_name": {"type":"string"}, "role": {"enum": ["butler","office","supervisor"]},
        "site_id": {"type":"string"}, "site_name": {"type":"string"}, "area_id": {"type":["string","null"]} } });
    json!({
        "openapi": "3.1.0",
        "info": { "title": "Guanjia API", "version": "1", "description": "Offline-first sync API of Guanjia (管家)." },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": { "type": "object", "properties": { "error": { "type": "object", "properties": {
                    "code": {"type":"string"}, "message": {"type":"string"} } } } },
                "Change": change,
                "Me": me,
                "LoginRequest": { "type": "object", "required": ["username","password"], "properties": {
                    "username": {"type":"string"}, "password": {"type":"string"} } },
                "LoginResponse": { "type": "object", "properties": { "token": {"type":"string"}, "me": {"$ref":"#/components/schemas/Me"} } },
                "PushRequest": { "type": "object", "required": ["replica","schema","batches"], "properties": {
                    "replica": {"type":"string"}, "schema": {"type":"integer"},
                    "batches": { "type": "array", "items": { "type": "object", "properties": {
                        "seq": {"type":"integer"}, "changes": {"type":"array","items":{"$ref":"#/components/schemas/Change"}} } } } } },
                "PushResponse": { "type": "object", "properties": { "last_seq": {"type":"integer"}, "server_hlc": {"type":"string"},
                    "rejections": { "type": "array", "items": { "type": "object", "properties": {
                        "seq": {"type":"integer"}, "index": {"type":"integer"}, "code": {"type":"string"}, "message": {"type":"string"},
                        "compensation": { "oneOf": [{"$ref":"#/components/schemas/Change"}, {"type":"null"}] } } } } } },
                "PullResponse": { "type": "object", "properties": { "reset": {"type":"boolean"}, "cursor": {"type":"string"},
                    "more": {"type":"boolean"}, "server_hlc": {"type":"string"},
                    "changes": {"type":"array","items":{"$ref":"#/components/schemas/Change"}} } }
            }
        },
        "paths": {
            "/api/v1/health": { "get": { "responses": { "200": { "description": "ok" } } } },
            "/api/v1/auth/login": { "post": { "requestBody": body("LoginRequest"),
                "responses": { "200": ok("LoginResponse"), "401": err(), "429": err() } } },
            "/api/v1/auth/logout": { "post": { "security": bearer, "responses": { "204": { "description": "revoked" }, "401": err() } } },
            "/api/v1/me": { "get": { "security": bearer, "responses": { "200": ok("Me"), "401": err() } } },
            "/api/v1/sync/push": { "post": { "security": bearer, "requestBody": body("PushRequest"),
                "responses": { "200": ok("PushResponse"), "400": err(), "401": err(), "413": err() } } },
            "/api/v1/sync/pull": { "get": { "security": bearer, "parameters": [
                { "name": "cursor", "in": "query", "schema": {"type":"string"} },
                { "name": "limit", "in": "query", "schema": {"type":"integer","minimum":1,"maximum":5000} } ],
                "responses": { "200": ok("PullResponse"), "401": err() } } },
            "/api/v1/sync/events": { "get": { "parameters": [ { "name": "token", "in": "query", "schema": {"type":"string"} } ],
                "responses": { "200": { "description": "text/event-stream: `hello`, then `poke` events",
                    "content": { "text/event-stream": {} } }, "401": err() } } }
        }
    })
}
