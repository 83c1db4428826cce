//! The background loop in the browser: sync at start, on every server poke (SSE), when the
//! browser comes back online, after each local edit, and every 10 s as a fallback; after a
//! failure, retry with exponential back-off capped at 5 s (docs/ARCHITECTURE.md, "The app").
//!
//! Whoever may need a sync sooner holds a [`Wake`] handle: the UI context keeps one, the
//! browser listeners another. There is no global: the root passes the handle on.
//!
//! Photo bytes go up in a loop of their own (`upload_loop.rs`), kicked after every
//! successful record cycle: a long upload never holds up the next record sync.

use super::upload_loop::run_uploads;
use super::{Engine, SyncError};
use crate::store::idb::IdbStore;
use crate::store::LocalStore;
use crate::sync::http::{self, HttpTransport};
use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::future::{select, Either};
use futures::StreamExt;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The engine as the browser runs it.
pub type AppEngine = Engine<IdbStore, HttpTransport>;

const PERIOD_MS: u32 = 10_000;
const FIRST_RETRY_MS: u32 = 500;
const MAX_RETRY_MS: u32 = 5_000;

/// A handle that wakes the sync loop. Cheap to clone; every holder wakes the same loop.
#[derive(Clone)]
pub struct Wake(UnboundedSender<()>);

impl Wake {
    /// Asks the loop to sync as soon as possible (after an edit, a login, a poke). Wakes that
    /// arrive while a cycle runs collapse into one more cycle.
    pub fn sync_now(&self) {
        let _ = self.0.unbounded_send(());
    }
}

/// What the loop reports to the UI.
pub struct Hooks {
    /// The server answered (true) or could not be reached (false).
    pub online: Box<dyn Fn(bool)>,
    /// The server refused the session: the UI goes back to the login page.
    pub unauthorized: Box<dyn Fn()>,
}

/// An open EventSource and the listeners it needs alive.
struct Events {
    token: String,
    source: web_sys::EventSource,
    _poke: Closure<dyn FnMut(web_sys::Event)>,
    _error: Closure<dyn FnMut(web_sys::Event)>,
}

const STREAM_FIRST_RETRY_MS: f64 = 500.0;
/// How soon a stream is tried again while the server cannot be reached.
const STREAM_UNREACHABLE_RETRY_MS: u32 = 1_000;
const STREAM_MAX_RETRY_MS: f64 = 30_000.0;
/// A stream that lived this long was healthy: its end starts the back-off afresh.
const STREAM_HEALTHY_MS: f64 = 60_000.0;

/// The event stream across loop cycles: the open EventSource, and when a failed or ended one
/// may be reopened. The browser's own reconnection cannot work (a ticket opens one stream,
/// once), so the loop reopens with a fresh ticket, backing off while streams keep failing
/// (the server ends a user's oldest stream when they open too many).
#[derive(Default)]
struct EventStream {
    open: Option<Events>,
    backoff: Rc<StreamBackoff>,
}

#[derive(Default)]
struct StreamBackoff {
    failures: Cell<u32>,
    /// No reconnection before this time (`Date.now()`, ms).
    not_before_ms: Cell<f64>,
}

impl StreamBackoff {
    /// Records a stream that failed or ended after `lived_ms`; returns the wait, in ms,
    /// before the next one may be opened.
    fn failed(&self, lived_ms: f64) -> u32 {
        let n = if lived_ms >= STREAM_HEALTHY_MS { 0 } else { self.failures.get() };
        self.failures.set(n.saturating_add(1));
        let wait = (STREAM_FIRST_RETRY_MS * 2f64.powi(n.min(16) as i32)).min(STREAM_MAX_RETRY_MS);
        self.not_before_ms.set(js_sys::Date::now() + wait);
        wait as u32
    }
}

/// Starts the loop; it runs until the engine hands the data over to another tab (`tabs.rs`).
/// Returns the handle that wakes it.
pub fn start(engine: Rc<AppEngine>, hooks: Hooks) -> Wake {
    let (tx, rx) = unbounded();
    let wake = Wake(tx);
    if let Some(window) = web_sys::window() {
        let w = wake.clone();
        let online = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| w.sync_now());
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        online.forget();
    }
    let (kick, kicks) = unbounded();
    let sleep =
        |ms: u64| gloo_timers::future::TimeoutFuture::new(ms.min(u64::from(u32::MAX)) as u32);
    let report = |e: &SyncError| web_sys::console::warn_1(&format!("photo upload: {e}").into());
    wasm_bindgen_futures::spawn_local(run_uploads(engine.clone(), kicks, sleep, report));
    wasm_bindgen_futures::spawn_local(run(engine, hooks, wake.clone(), rx, kick));
    wake
}

async fn run(
    engine: Rc<AppEngine>,
    hooks: Hooks,
    wake: Wake,
    mut rx: UnboundedReceiver<()>,
    uploads: UnboundedSender<()>,
) {
    let online: Rc<dyn Fn(bool)> = Rc::from(hooks.online);
    let mut events = EventStream::default();
    let mut retry = FIRST_RETRY_MS;
    loop {
        // Handed over to another tab (`tabs.rs`): that tab's loop syncs now. Returning drops
        // the upload loop's kicks, which ends it too.
        if !engine.store().is_writer() {
            if let Some(old) = events.open.take() {
                old.source.close();
            }
            return;
        }
        let token = engine.snapshot().await.session.map(|s| s.token);
        keep_events_open(&mut events, token.as_deref(), &online, &wake).await;
        let wait = match engine.sync_once().await {
            Ok(()) => {
                online(true);
                retry = FIRST_RETRY_MS;
                // Photo bytes follow the records they belong to, in their own loop: the
                // records just pushed may let some go up now.
                let _ = uploads.unbounded_send(());
                PERIOD_MS
            }
            Err(e) if e.is_unauthorized() => {
                // The engine has already forgotten the token and kept the owner's records and
                // outbox (`session.rs`): the same user signs in again and carries on.
                online(true);
                keep_events_open(&mut events, None, &online, &wake).await;
                (hooks.unauthorized)();
                PERIOD_MS
            }
            Err(SyncError::NotSignedIn) => PERIOD_MS,
            // Handed over mid-cycle: the check above ends the loop at once.
            Err(SyncError::Store(e)) if e.is_elsewhere() => 0,
            Err(SyncError::Store(e)) => {
                web_sys::console::error_1(&e.to_string().into());
                PERIOD_MS
            }
            // The server answered but refused the push (a 4xx), or its answer cannot be true:
            // it is reachable, the outbox waits, pulling went on; tried again next period.
            Err(e) if e.is_refusal() => {
                online(true);
                web_sys::console::error_1(&format!("push refused: {e}").into());
                PERIOD_MS
            }
            // Unreachable: the outbox waits, retried with back-off.
            Err(SyncError::Transport(_) | SyncError::BadReply(_)) => {
                online(false);
                let wait = retry;
                retry = (retry * 2).min(MAX_RETRY_MS);
                wait
            }
        };
        let timer = gloo_timers::future::TimeoutFuture::new(wait);
        if let Either::Right((None, _)) = select(timer, rx.next()).await {
            return;
        }
        // Several wake-ups while syncing collapse into one more cycle.
        while rx.try_recv().is_ok() {}
    }
}

/// Keeps exactly one EventSource open for the current token (none when signed out), opened
/// with a fresh one-use ticket each time: the session token never goes in a URL. A dropped
/// stream shows as offline at once (an office desk may make no request for a while) and is
/// closed before the browser retries with its spent ticket; the loop, woken after a back-off,
/// reopens it, and the `hello` of the new stream syncs, which shows online again.
async fn keep_events_open(
    events: &mut EventStream,
    token: Option<&str>,
    online: &Rc<dyn Fn(bool)>,
    wake: &Wake,
) {
    let open =
        events.open.as_ref().filter(|e| e.source.ready_state() != web_sys::EventSource::CLOSED);
    if open.map(|e| e.token.as_str()) == token && (open.is_some() || token.is_none()) {
        return;
    }
    if let Some(old) = events.open.take() {
        old.source.close();
    }
    let Some(token) = token else { return };
    if js_sys::Date::now() < events.backoff.not_before_ms.get() {
        return;
    }
    // Unreachable (or a refused session, which this cycle's sync reports): try again soon,
    // as a browser reconnects a dropped stream, so a desk hears of changes within a second or
    // two of the server coming back. Only streams that open and keep ending back off.
    let Ok(ticket) = http::events_ticket(token).await else {
        let w = wake.clone();
        gloo_timers::callback::Timeout::new(STREAM_UNREACHABLE_RETRY_MS, move || w.sync_now())
            .forget();
        return;
    };
    let url =
        format!("/api/v1/sync/events?ticket={}", js_sys::encode_uri_component(&ticket.ticket));
    let Ok(source) = web_sys::EventSource::new(&url) else { return };
    let w = wake.clone();
    let poke = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| w.sync_now());
    for name in ["poke", "hello"] {
        let _ = source.add_event_listener_with_callback(name, poke.as_ref().unchecked_ref());
    }
    let opened_ms = js_sys::Date::now();
    let (online, watched) = (online.clone(), source.clone());
    let (backoff, w) = (events.backoff.clone(), wake.clone());
    let error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if watched.ready_state() == web_sys::EventSource::OPEN {
            return;
        }
        online(false);
        watched.close();
        let wait = backoff.failed(js_sys::Date::now() - opened_ms);
        let w = w.clone();
        gloo_timers::callback::Timeout::new(wait, move || w.sync_now()).forget();
    });
    let _ = source.add_event_listener_with_callback("error", error.as_ref().unchecked_ref());
    events.open = Some(Events { token: token.to_owned(), source, _poke: poke, _error: error });
}
