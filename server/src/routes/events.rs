//! `POST /api/v1/sync/events/ticket` and `GET /api/v1/sync/events`: the event stream and the
//! one-use ticket that opens it.
//!
//! An EventSource cannot send an `Authorization` header, and a session token in a URL ends
//! up in access logs and browser history. So the app first asks for a ticket (with its
//! bearer token, in a header), then opens `events?ticket=…`; the ticket is used once and
//! expires after a minute. Each stream is registered per user and session
//! ([`crate::auth::streams`]): a user holds at most a few, logging out ends the session's,
//! and every stream re-checks its session now and then, so one revoked on another instance
//! or expired ends too.

use crate::auth::{self, streams::StreamGuard};
use crate::db::accounts::AuthUser;
use crate::error::{AppError, AppResult};
use crate::pokes;
use crate::routes::auth::{header_token, BearerToken};
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::Json;
use futures::stream::{self, Stream, StreamExt};
use serde::Deserialize;
use shared::protocol::{ErrorBody, EventsTicket};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::oneshot;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;
use utoipa::IntoParams;

/// `POST /api/v1/sync/events/ticket`: a one-use ticket, valid for a minute, that opens one
/// event stream for this session; a user holds at most [`crate::limits::LIVE_TICKETS_PER_USER`]
/// unused ones.
#[utoipa::path(
    post,
    path = "/sync/events/ticket",
    tag = "sync",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A ticket for `GET /sync/events?ticket=…`", body = EventsTicket),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 429, description = "`too_many_tickets`: the user holds 30 unused tickets", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until the first of them expires"))),
    )
)]
pub async fn events_ticket(
    State(state): State<AppState>,
    user: AuthUser,
    BearerToken(token): BearerToken,
) -> AppResult<Json<EventsTicket>> {
    Ok(Json(auth::issue_ticket(&state, &user.user_id, &token).await?))
}

/// One event of the stream (`text/event-stream`), as a client's SSE reader hands it over.
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code)] // describes the stream for the OpenAPI document; the events are built by axum
pub struct StreamEvent {
    pub event: StreamEventName,
    /// Always `{}`: an event carries no payload, the client pulls.
    pub data: String,
    /// Milliseconds before an EventSource reconnects (on `hello`).
    pub retry: Option<u64>,
}

/// The names of the stream's events.
#[derive(Debug, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StreamEventName {
    /// Sent at once: the stream is open (pull what was missed while away).
    Hello,
    /// Changes landed in the caller's scope: pull.
    Poke,
}

/// Query of the events endpoint. A session token is not accepted here (URLs are logged).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// A ticket from `POST /sync/events/ticket`, when no `Authorization` header can be sent.
    pub ticket: Option<String>,
}

/// `GET /api/v1/sync/events?ticket=…` (or with `Authorization: Bearer …`): server-sent
/// events. `hello` at once, then a payload-free `poke` whenever changes land in the caller's
/// scope, so online devices pull within a second. Streams end when the server shuts down,
/// when their session is logged out, revoked or expires, and when the user opens more than
/// the allowed number (the oldest ends).
#[utoipa::path(
    get,
    path = "/sync/events",
    tag = "sync",
    params(EventsQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "`hello`, then `poke` events", content_type = "text/event-stream", body = StreamEvent),
        (status = 400, description = "Malformed query (`ticket` given twice)", body = ErrorBody),
        (status = 401, description = "`unauthorized`: no header, or a used, expired or unknown ticket", body = ErrorBody),
    )
)]
pub async fn events(
    State(state): State<AppState>,
    q: Result<Query<EventsQuery>, QueryRejection>,
    headers: HeaderMap,
) -> AppResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let Query(q) = q.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let token_hash = match (q.ticket.filter(|t| !t.is_empty()), header_token(&headers)) {
        (Some(ticket), _) => auth::redeem_ticket(&state, &ticket).await?,
        (None, Some(token)) => Some(auth::token_hash(&token)),
        (None, None) => None,
    }
    .ok_or(AppError::Unauthorized)?;
    let user =
        auth::session_user_by_hash(&state, &token_hash).await?.ok_or(AppError::Unauthorized)?;
    let max = state.config().max_streams_per_user;
    let (guard, stopped) = state.auth().streams.open(&user.user_id, &token_hash, max);
    // Behind a load balancer, which instance holds whose stream is what an operator (or a
    // test) reads in the log when a tablet's pokes seem late.
    tracing::info!(user_id = %user.user_id, "event stream opened");
    // The scope is re-read when reference data changes (which is how a user's own role
    // or area change arrives), so a moved butler's stream follows them.
    let scope = Arc::new(Mutex::new(user.scope()));
    let site: Arc<str> = Arc::from(user.site_id.as_str());
    let (state2, hash2) = (state.clone(), token_hash.clone());
    // Subscribe before saying hello: a push made after `hello` is always poked.
    let pokes = BroadcastStream::new(state.subscribe_pokes()).filter_map(move |m| {
        let (scope, site, state, hash) =
            (scope.clone(), site.clone(), state2.clone(), hash2.clone());
        async move {
            let mine = match m {
                Ok(poke) => {
                    if pokes::touches_everyone(&poke) {
                        if let Ok(Some(u)) = auth::session_user_by_hash(&state, &hash).await {
                            *scope.lock().expect("scope lock") = u.scope();
                        }
                    }
                    let scope = scope.lock().expect("scope lock").clone();
                    pokes::concerns(&poke, &site, &scope)
                }
                // Missed some: poke anyway, a pull costs little.
                Err(BroadcastStreamRecvError::Lagged(_)) => true,
            };
            mine.then(|| Ok(Event::default().event("poke").data("{}")))
        }
    });
    // `retry`: a tablet whose server restarted reconnects within half a second (the browser
    // default is 3 s), and its `hello` makes it pull what it missed while disconnected.
    let hello = stream::once(async {
        Ok(Event::default().event("hello").data("{}").retry(Duration::from_millis(500)))
    });
    let end = stream_end(state, token_hash, guard, stopped);
    let stream = hello.chain(pokes).take_until(end);
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

/// Resolves when a stream must end: the server shuts down, the registry ends it (logout,
/// revocation, one stream too many), or a periodic check finds its session no longer live.
/// Holds the stream's registration until then (or until the stream is dropped).
async fn stream_end(
    state: AppState,
    token_hash: String,
    guard: StreamGuard,
    stopped: oneshot::Receiver<()>,
) {
    let _registered = guard;
    let every = state.config().stream_recheck;
    let session_ends = async {
        loop {
            tokio::time::sleep(every).await;
            match auth::session_user_by_hash(&state, &token_hash).await {
                Ok(Some(_)) => {}
                Ok(None) => return,
                // The database is away: keep the stream, check again later.
                Err(e) => tracing::warn!(error = %e, "event stream cannot check its session"),
            }
        }
    };
    tokio::select! {
        _ = state.shutdown_signal() => {}
        _ = stopped => {}
        _ = session_ends => {}
    }
}
