//! Shared state of one server process: the database, the server's HLC, the poke channel
//! for server-sent events, the shutdown signal that ends those event streams, the in-memory
//! parts of authentication, the sites' push queues and the reports' scoped replicas. The clocks are in [`crate::clock`].

use crate::auth::runtime::AuthRuntime;
use crate::blobs::Blobs;
use crate::clock::now_ms;
use crate::config::Config;
use crate::db::Db;
use crate::error::AppResult;
use shared::{Hlc, HlcClock};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, watch};

/// Cheap to clone; handed to every handler.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
    /// Flips to `true` when [`crate::serve`] is shutting down; event streams end on it.
    shutdown: watch::Receiver<bool>,
    /// Keeps the channel open while any clone of the state lives.
    _shutdown_tx: Arc<watch::Sender<bool>>,
}

struct Inner {
    config: Config,
    auth: AuthRuntime,
    db: Db,
    clock: Mutex<HlcClock>,
    pokes: broadcast::Sender<Arc<str>>,
    blobs: Blobs,
    writers: crate::sync::queue::Writers,
    reports: crate::reports::cache::ReportCache,
    /// The database's history as it was when this process started: a restore happens with
    /// the server stopped (`guanjia restore`), so it cannot change under a running one.
    history: crate::db::history::History,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("config", &self.inner.config).finish_non_exhaustive()
    }
}

impl AppState {
    /// Opens (creating if needed) the database, runs the migrations and starts the clock
    /// past every stamp already stored, so a wall clock that went back cannot reorder writes.
    pub async fn connect(config: Config) -> AppResult<Self> {
        let blobs = Blobs::configured(&config).map_err(crate::AppError::Internal)?;
        let db = Db::connect(&config.database_url).await?;
        let last = db.max_hlc().await?;
        let history = db.history().await?;
        let (pokes, _) = broadcast::channel(256);
        crate::pokes::relay(&db, &config.database_url, pokes.clone()).await?;
        let (tx, rx) = watch::channel(false);
        Ok(Self {
            inner: Arc::new(Inner {
                auth: AuthRuntime::new(&config),
                blobs,
                config,
                db,
                clock: Mutex::new(HlcClock::starting_at(last)),
                pokes,
                writers: Default::default(),
                reports: Default::default(),
                history,
            }),
            shutdown: rx,
            _shutdown_tx: Arc::new(tx),
        })
    }

    /// The configuration this state was made with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Authentication's in-memory parts: the hashing bound, the open event streams.
    pub fn auth(&self) -> &AuthRuntime {
        &self.inner.auth
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// The sites' push queues ([`crate::sync::queue`]).
    pub(crate) fn writers(&self) -> &crate::sync::queue::Writers {
        &self.inner.writers
    }

    /// The replicas reports are computed from ([`crate::reports::cache`]).
    pub(crate) fn reports(&self) -> &crate::reports::cache::ReportCache {
        &self.inner.reports
    }

    /// The server's history ([`crate::db::history`]): what pulls and pushes name.
    pub fn history(&self) -> &crate::db::history::History {
        &self.inner.history
    }

    /// Where photo bytes are kept.
    pub fn blobs(&self) -> &Blobs {
        &self.inner.blobs
    }

    /// A fresh server HLC reading, later than everything observed.
    pub fn hlc_now(&self) -> Hlc {
        let mut c = self.inner.clock.lock().unwrap_or_else(|p| p.into_inner());
        c.now(now_ms())
    }

    /// Runs `f` with the server clock locked (a judge that both observes device stamps and
    /// hands out fresh ones needs it for the whole decision). `f` must not block.
    pub fn with_clock<R>(&self, f: impl FnOnce(&mut HlcClock) -> R) -> R {
        let mut c = self.inner.clock.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut c)
    }

    /// Tells event-stream subscribers of `site_id`, on every instance, that new changes
    /// landed (see [`crate::pokes`]).
    pub fn poke(&self, site_id: &str, touched: &[String]) {
        crate::pokes::send(&self.inner.db, &self.inner.pokes, site_id, touched);
    }

    /// Subscribes to pokes of every site (the subscriber filters its own).
    pub fn subscribe_pokes(&self) -> broadcast::Receiver<Arc<str>> {
        self.inner.pokes.subscribe()
    }

    /// Resolves when the server that runs this state is shutting down.
    pub fn shutdown_signal(&self) -> impl Future<Output = ()> + Send + 'static {
        let mut rx = self.shutdown.clone();
        async move {
            // An error means the sender is gone: that is a shutdown too.
            let _ = rx.wait_for(|down| *down).await;
        }
    }

    /// A copy of this state bound to a new shutdown channel (one per `serve` call, so a
    /// restarted server does not inherit a fired signal).
    pub(crate) fn with_shutdown(&self) -> (Self, watch::Sender<bool>) {
        let (tx, rx) = watch::channel(false);
        let s = Self {
            inner: self.inner.clone(),
            shutdown: rx,
            _shutdown_tx: self._shutdown_tx.clone(),
        };
        (s, tx)
    }
}

/// Runs `round` at once and then every `period` until the state shuts down: the server's
/// background chores (purges, cleanups, checkpoints). A failed round is logged as `what`
/// and retried at the next; a slow one delays the next rather than piling rounds up.
pub fn every<F, Fut>(state: AppState, period: Duration, what: &'static str, round: F)
where
    F: Fn(AppState) -> Fut + Send + 'static,
    Fut: Future<Output = AppResult<()>> + Send,
{
    tokio::spawn(async move {
        let stop = state.shutdown_signal();
        tokio::pin!(stop);
        let mut tick = tokio::time::interval(period);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = &mut stop => return,
                _ = tick.tick() => {}
            }
            if let Err(e) = round(state.clone()).await {
                tracing::warn!(error = %e, "{what} failed; retrying at the next round");
            }
        }
    });
}
