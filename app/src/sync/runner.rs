//! The background loop in the browser: sync at start, on every server poke (SSE), when the
//! browser comes back online, after each local edit, and every 10 s as a fallback; after a
//! failure, retry with exponential back-off capped at 5 s.

use super::{Engine, SyncError};
use crate::store::idb::IdbStore;
use crate::sync::http::HttpTransport;
use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::future::{select, Either};
use futures::StreamExt;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The engine as the browser runs it.
pub type AppEngine = Engine<IdbStore, HttpTransport>;

const PERIOD_MS: u32 = 10_000;
const FIRST_RETRY_MS: u32 = 500;
const MAX_RETRY_MS: u32 = 5_000;

thread_local! {
    static WAKE: RefCell<Option<UnboundedSender<()>>> = const { RefCell::new(None) };
}

/// Asks the loop to sync as soon as possible (after an edit, a login, a poke).
pub fn sync_now() {
    WAKE.with(|w| {
        if let Some(tx) = w.borrow().as_ref() {
            let _ = tx.unbounded_send(());
        }
    });
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

/// Starts the loop; it runs for the life of the page.
pub fn start(engine: Rc<AppEngine>, hooks: Hooks) {
    let (tx, rx) = unbounded();
    WAKE.with(|w| *w.borrow_mut() = Some(tx));
    if let Some(window) = web_sys::window() {
        let online = Closure::<dyn FnMut(web_sys::Event)>::new(|_| sync_now());
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        online.forget();
    }
    wasm_bindgen_futures::spawn_local(run(engine, hooks, rx));
}

async fn run(engine: Rc<AppEngine>, hooks: Hooks, mut rx: UnboundedReceiver<()>) {
    let online: Rc<dyn Fn(bool)> = Rc::from(hooks.online);
    let mut events: Option<Events> = None;
    let mut retry = FIRST_RETRY_MS;
    loop {
        let token = engine.snapshot().await.session.map(|s| s.token);
        keep_events_open(&mut events, token.as_deref(), &online);
        let wait = match engine.sync_once().await {
            Ok(()) => {
                online(true);
                retry = FIRST_RETRY_MS;
                PERIOD_MS
            }
            Err(e) if e.is_unauthorized() => {
                online(true);
                let _ = engine.sign_out().await;
                keep_events_open(&mut events, None, &online);
                (hooks.unauthorized)();
                PERIOD_MS
            }
            Err(SyncError::NotSignedIn) => PERIOD_MS,
            Err(SyncError::Store(e)) => {
                web_sys::console::error_1(&e.to_string().into());
                PERIOD_MS
            }
            Err(SyncError::Transport(_)) => {
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

/// Keeps exactly one EventSource open for the current token (none when signed out). A
/// dropped stream shows as offline at once (an office desk may make no request for a
/// while); the `hello` of the reconnected stream syncs, which shows online again.
fn keep_events_open(events: &mut Option<Events>, token: Option<&str>, online: &Rc<dyn Fn(bool)>) {
    // A stream the browser gave up on (a non-200 answer while reconnecting) is reopened.
    let open = events.as_ref().filter(|e| e.source.ready_state() != web_sys::EventSource::CLOSED);
    if open.map(|e| e.token.as_str()) == token && (open.is_some() || token.is_none()) {
        return;
    }
    if let Some(old) = events.take() {
        old.source.close();
    }
    let Some(token) = token else { return };
    let url = format!("/api/v1/sync/events?token={}", js_sys::encode_uri_component(token));
    let Ok(source) = web_sys::EventSource::new(&url) else { return };
    let poke = Closure::<dyn FnMut(web_sys::Event)>::new(|_| sync_now());
    for name in ["poke", "hello"] {
        let _ = source.add_event_listener_with_callback(name, poke.as_ref().unchecked_ref());
    }
    let (online, watched) = (online.clone(), source.clone());
    let error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if watched.ready_state() != web_sys::EventSource::OPEN {
            online(false);
        }
    });
    let _ = source.add_event_listener_with_callback("error", error.as_ref().unchecked_ref());
    *events = Some(Events { token: token.to_owned(), source, _poke: poke, _error: error });
}
