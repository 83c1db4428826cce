//! The OpenAPI document matches the router: every path and method it lists is routed, and
//! every API route the router has is in it.

use crate::support::{self, ok_json, Backend};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::collections::BTreeSet;

/// What the API's own fallbacks answer (`routes::meta`): a documented route must never get it.
const FALLBACKS: [(StatusCode, &str, &str); 2] = [
    (StatusCode::NOT_FOUND, "not_found", "no such API route"),
    (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed here"),
];

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// The fallback a response came from, if it came from one.
async fn fallback_of(r: reqwest::Response) -> Option<StatusCode> {
    let status = r.status();
    let body: Value = r.json().await.unwrap_or(Value::Null);
    let error = &body["error"];
    FALLBACKS
        .iter()
        .find(|(s, code, message)| {
            *s == status && error["code"] == *code && error["message"] == *message
        })
        .map(|(s, ..)| *s)
}

/// The paths under `/api/v1/` the router itself holds. axum has no API to list routes, but
/// its `Debug` form prints each route's path in quotes; its own catch-alls (`{*…}`) are not
/// API routes.
fn routed_api_paths(router: &axum::Router) -> BTreeSet<String> {
    let text = format!("{router:?}");
    text.split('"')
        .filter(|s| s.starts_with("/api/v1/") && !s.contains("{*"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_lists_exactly_the_routes() {
    let Some(s) = support::start(Backend::Sqlite).await else { return };
    let doc: Value = ok_json(s.get("/api/v1/openapi.json", None).await).await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    assert_eq!(doc["components"]["schemas"]["Hlc"]["pattern"], "^[0-9a-f]{16}$");
    let paths = doc["paths"].as_object().expect("the document has paths");

    // Requests carry no token and no body, so every handler answers at once (401, 415, …).
    for (path, item) in paths {
        for method in METHODS {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let r = s.http.request(m, s.url(path)).send().await.expect("request");
            let fallback = fallback_of(r).await;
            if item.get(method).is_some() {
                assert_eq!(fallback, None, "{method} {path} is documented but not routed");
            } else {
                assert_eq!(
                    fallback,
                    Some(StatusCode::METHOD_NOT_ALLOWED),
                    "{method} {path} is routed but not documented"
                );
            }
        }
    }

    // Every `$ref` names a schema the document holds (a query enum's once did not).
    let mut refs = BTreeSet::new();
    collect_refs(&doc, &mut refs);
    assert!(refs.contains("#/components/schemas/ErrorBody"), "refs were read: {refs:?}");
    for r in &refs {
        let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("ref {r}"));
        assert!(doc["components"]["schemas"].get(name).is_some(), "{r} does not resolve");
    }

    let documented: BTreeSet<String> = paths.keys().cloned().collect();
    let routed = routed_api_paths(&server::router(s.state.clone()));
    assert!(routed.contains("/api/v1/sync/push"), "the router's paths were read: {routed:?}");
    assert_eq!(routed, documented, "routes missing from the document, or documented but absent");
}

/// Every `$ref` string anywhere in `v`.
fn collect_refs(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, item) in map {
                match (k.as_str(), item) {
                    ("$ref", Value::String(r)) => {
                        out.insert(r.clone());
                    }
                    _ => collect_refs(item, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_refs(i, out)),
        _ => {}
    }
}
