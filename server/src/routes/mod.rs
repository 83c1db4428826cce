//! HTTP routes: `/api/v1/…` (JSON) and the app's static files.
//!
//! Each API route is declared once, on its handler (`#[utoipa::path]`), and registered with
//! `utoipa_axum::routes!`: the same list builds the router and the OpenAPI document served at
//! `/api/v1/openapi.json`, so the document cannot list a route that does not exist or miss one
//! that does (`docs/ARCHITECTURE.md`, "Sync protocol"). The request and response bodies are
//! the wire types of `shared::protocol`, whose schemas are derived from the types themselves.

pub mod arrears;
pub mod audit;
pub mod auth;
pub mod blobs;
pub mod events;
pub mod meta;
pub mod numbers;
pub mod register;
pub mod reports;
pub mod sync;
pub mod upload;

use crate::state::AppState;
use axum::{Json, Router};
use std::sync::OnceLock;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi;
use utoipa::{Modify, OpenApi as _};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Where the API is mounted; the document's paths include it.
pub const API_PREFIX: &str = "/api/v1";

/// The security scheme of routes that need a session token (`Authorization: Bearer …`).
pub const BEARER: &str = "bearer";

/// The document's fixed parts; the paths come from the handlers.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Guanjia API",
        version = "1",
        description = "Offline-first sync API of Guanjia (管家)."
    ),
    modifiers(&BearerScheme),
    // The query enums `IntoParams` refers to by `$ref` but does not add to the document.
    components(schemas(
        shared::protocol::ErrorBody,
        register::ExportFormat,
        register::ExportTable,
        register::ExportLang,
        shared::report::PeriodKind,
        shared::request::Category
    ))
)]
struct ApiDoc;

/// Declares the [`BEARER`] scheme the handlers' `security(...)` refers to.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, doc: &mut OpenApi) {
        let scheme = HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build();
        doc.components
            .get_or_insert_with(Default::default)
            .add_security_scheme(BEARER, SecurityScheme::Http(scheme));
    }
}

/// Every API route, relative to [`API_PREFIX`]: the one list of them.
fn v1() -> OpenApiRouter<AppState> {
    OpenApiRouter::default()
        .routes(routes!(meta::health))
        .routes(routes!(openapi))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(sync::push))
        .routes(routes!(sync::pull))
        .routes(routes!(numbers::numbers))
        .routes(routes!(events::events_ticket))
        .routes(routes!(events::events))
        .routes(routes!(blobs::head, blobs::put, blobs::get))
        .merge(register::routes())
        .merge(arrears::routes())
        .routes(routes!(reports::kpis))
        .routes(routes!(audit::audit_log))
}

/// The API router, to mount at [`API_PREFIX`] (any other path or method below it answers a
/// JSON 404 or 405, never the app's HTML), and the OpenAPI document of exactly its routes.
pub fn api() -> (Router<AppState>, OpenApi) {
    let (router, paths) = v1().split_for_parts();
    let router = router
        .fallback(meta::api_not_found)
        .method_not_allowed_fallback(meta::api_method_not_allowed);
    (router, ApiDoc::openapi().nest(API_PREFIX, paths))
}

/// The OpenAPI document (built once, on first use).
pub fn openapi_doc() -> &'static OpenApi {
    static DOC: OnceLock<OpenApi> = OnceLock::new();
    DOC.get_or_init(|| api().1)
}

/// `GET /api/v1/openapi.json`: this API, described from its handlers and wire types.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", body = Object))
)]
pub async fn openapi() -> Json<&'static OpenApi> {
    Json(openapi_doc())
}
