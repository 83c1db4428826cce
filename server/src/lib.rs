//! Guanjia's sync server: accounts, push/pull/events of field changes, and the app's files.
//!
//! A library with a thin binary, so tests bind port 0 and drive the real router:
//! `AppState::connect(config)`, then [`router`] or [`serve`].

pub mod accounts;
pub mod arrears_io;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod blobs;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod headers;
pub mod limits;
pub mod person;
pub mod pokes;
pub mod precompressed;
pub mod register_io;
pub mod reports;
pub mod routes;
pub mod state;
pub mod sync;

pub use config::Config;
pub use error::{AppError, AppResult};
pub use state::AppState;

use axum::extract::DefaultBodyLimit;
use axum::routing::any;
use axum::Router;
use routes::{meta, API_PREFIX};
use std::future::Future;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;

/// The whole HTTP surface: `/api/v1/…` (JSON, see [`routes::api`]) and, for every other path,
/// the app.
pub fn router(state: AppState) -> Router {
    let (api, _) = routes::api();
    let limit = state.config().body_limit;
    Router::new()
        .nest(API_PREFIX, api)
        .route("/api", any(meta::api_not_found))
        .route("/api/{*rest}", any(meta::api_not_found))
        .fallback(meta::app_files)
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn(headers::security))
        // gzip or brotli as the client accepts; server-sent events are never compressed (the
        // default predicate skips them). Level 4: brotli's default (11) costs seconds of CPU
        // per download of the wasm. The app's files skip this layer once their best-ratio
        // encodings are ready (`precompressed`: brotli 11 / gzip 9, computed once per file).
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves until `shutdown` resolves, then ends the event streams and returns once the open
/// connections have finished (promptly: nothing else is long-lived).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (state, stop_streams) = state.with_shutdown();
    blobs::cleanup::spawn(state.clone());
    sync::checkpoint::spawn(state.clone());
    auth::purge::spawn(state.clone());
    backup::spawn_daily(state.clone());
    precompressed::warm(state.config().dist.clone());
    let app = router(state);
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(async move {
            shutdown.await;
            let _ = stop_streams.send(true);
        })
        .await
}
