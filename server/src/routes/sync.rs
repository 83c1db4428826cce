//! `POST /api/v1/sync/push`, `GET /api/v1/sync/pull` and `GET /api/v1/sync/events`: the HTTP
//! side of sync. The rules are in [`crate::sync`]; these check the request and answer.

use crate::db::accounts::AuthUser;
use crate::error::{ApiJson, AppError, AppResult};
use crate::routes::auth::header_token;
use crate::state::AppState;
use crate::sync::{pull, push};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::Json;
use futures::stream::{self, Stream, StreamExt};
use serde::Deserialize;
use shared::protocol::{ErrorBody, PullResponse, PushRequest, PushResponse};
use shared::schema::SCHEMA_VERSION;
use std::convert::Infallible;
use std::time::Duration;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;
use utoipa::IntoParams;

/// `POST /api/v1/sync/push`: applies the device's batches (a resent batch is a no-op) and says
/// what the server kept; refused changes come back with the change that undoes them.
#[utoipa::path(
    post,
    path = "/sync/push",
    tag = "sync",
    request_body = PushRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Applied; refusals listed", body = PushResponse),
        (status = 400, description = "Malformed push, bad replica id, or a newer schema", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 409, description = "`replica_taken` or `seq_gap`", body = ErrorBody),
        (status = 413, description = "`payload_too_large` or `too_many_changes`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
    )
)]
pub async fn push(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<PushRequest>,
) -> AppResult<Json<PushResponse>> {
    if req.schema > SCHEMA_VERSION {
        return Err(AppError::BadRequest(format!(
            "schema {} is newer than the server's {SCHEMA_VERSION}",
            req.schema
        )));
    }
    Ok(Json(push::push(&state, &user, req).await?))
}

/// Query of `GET /api/v1/sync/pull`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PullQuery {
    /// The cursor of the previous pull; none (or one from another scope) starts a snapshot.
    pub cursor: Option<String>,
    /// Most changes in the reply (default 500).
    #[param(minimum = 1, maximum = 5000)]
    pub limit: Option<i64>,
}

/// `GET /api/v1/sync/pull?cursor=C&limit=N`: the scope's changes after the cursor.
#[utoipa::path(
    get,
    path = "/sync/pull",
    tag = "sync",
    params(PullQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of changes, or of a snapshot when `reset`", body = PullResponse),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
    )
)]
pub async fn pull(
    State(state): State<AppState>,
    user: AuthUser,
    q: Result<Query<PullQuery>, QueryRejection>,
) -> AppResult<Json<PullResponse>> {
    let Query(q) = q.map_err(|e| AppError::BadRequest(e.body_text()))?;
    Ok(Json(pull::pull(&state, &user, q.cursor.as_deref(), q.limit).await?))
}

/// Query of the events endpoint: EventSource cannot send headers, so the token may come here.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// The session token, when no `Authorization` header can be sent.
    pub token: Option<String>,
}

/// `GET /api/v1/sync/events`: server-sent events. `hello` at once, then a payload-free `poke`
/// whenever changes land in the caller's scope, so online devices pull within a second.
/// Streams end when the server shuts down.
#[utoipa::path(
    get,
    path = "/sync/events",
    tag = "sync",
    params(EventsQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "`hello`, then `poke` events", content_type = "text/event-stream", body = String),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
    )
)]
pub async fn events(
    State(state): State<AppState>,
    Query(q): Query<EventsQuery>,
    headers: HeaderMap,
) -> AppResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let token = q
        .token
        .filter(|t| !t.is_empty())
        .or_else(|| header_token(&headers))
        .ok_or(AppError::Unauthorized)?;
    let user = crate::auth::session_user(&state, &token).await?.ok_or(AppError::Unauthorized)?;
    let site = user.site_id;
    // Subscribe before saying hello: a push made after `hello` is always poked.
    let pokes = BroadcastStream::new(state.subscribe_pokes()).filter_map(move |m| {
        let mine = match m {
            Ok(s) => *s == *site,
            // Missed some: poke anyway, a pull costs little.
            Err(BroadcastStreamRecvError::Lagged(_)) => true,
        };
        async move { mine.then(|| Ok(Event::default().event("poke").data("{}"))) }
    });
    // `retry`: a tablet whose server restarted reconnects within half a second (the browser
    // default is 3 s), and its `hello` makes it pull what it missed while disconnected.
    let hello = stream::once(async {
        Ok(Event::default().event("hello").data("{}").retry(Duration::from_millis(500)))
    });
    let stream = hello.chain(pokes).take_until(state.shutdown_signal());
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
