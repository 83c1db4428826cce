//! `GET /api/v1/sync/events`: server-sent events. `hello` at once, then a payload-free
//! `poke` whenever changes land in the caller's scope. EventSource cannot send headers, so
//! the token may come as `?token=`. Streams end when the server shuts down.

use crate::error::{AppError, AppResult};
use crate::routes::auth::header_token;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::stream::{self, Stream, StreamExt};
use serde::Deserialize;
use std::convert::Infallible;
use std::time::Duration;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;

/// Query of the events endpoint.
#[derive(Debug, Deserialize)]
pub struct EventsQuery {
    pub token: Option<String>,
}

/// The event stream.
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
