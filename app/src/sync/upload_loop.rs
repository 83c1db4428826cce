//! The photo upload loop (issue 9): a task of its own beside the record sync loop, so a
//! large photo going up chunk by chunk never delays the next record sync — an edit made
//! while it uploads is pushed at once by the other loop. Generic over the engine's store and
//! transport and over the timer, so it runs natively in the tests (`tests/upload_loop.rs`)
//! and in the browser (`runner.rs`, with gloo timers).
//!
//! A round uploads every due blob ([`Engine::upload_photos`]), then lets confirmed old
//! originals leave the device ([`Engine::evict_photos`]). The loop sleeps until the next blob
//! is due (its back-off), at most [`UPLOAD_PERIOD_MS`]; a kick (the record loop after each
//! successful cycle: the photos' records may just have gone up) starts a round at once.

use super::{Engine, SyncError, Transport, TransportError};
use crate::photos::UploadStatus;
use crate::store::LocalStore;
use futures::channel::mpsc::UnboundedReceiver;
use futures::future::{select, Either};
use futures::StreamExt;
use std::future::Future;
use std::rc::Rc;

/// Longest sleep between rounds (ms): waiting photos are looked at least this often.
pub const UPLOAD_PERIOD_MS: u64 = 30_000;
/// First wait after the server could not be reached (ms); doubles up to [`MAX_RETRY_MS`].
pub const FIRST_RETRY_MS: u64 = 1_000;
/// Longest wait while the server cannot be reached (ms); the record loop kicks sooner when
/// it gets through.
pub const MAX_RETRY_MS: u64 = 30_000;

/// How one round ended: how long to sleep, and what went wrong if anything.
#[derive(Debug)]
pub struct Round {
    /// Sleep this long before the next round unless kicked (ms).
    pub wait_ms: u64,
    /// The error that ended the uploads early, or that eviction met.
    pub error: Option<SyncError>,
}

impl<S: LocalStore, T: Transport> Engine<S, T> {
    /// One upload round; `retry` is the loop's back-off while the server cannot be reached
    /// (reset by a round that got through).
    pub async fn upload_round(&self, retry: &mut u64) -> Round {
        match self.upload_photos().await {
            Ok(_) => {
                *retry = FIRST_RETRY_MS;
                let error = self.evict_photos().await.err();
                Round { wait_ms: self.next_upload_in().await, error }
            }
            Err(SyncError::Transport(TransportError::Offline(m))) => {
                let wait_ms = *retry;
                *retry = (*retry * 2).min(MAX_RETRY_MS);
                Round { wait_ms, error: Some(TransportError::Offline(m).into()) }
            }
            // Not signed in, a refused session (the record loop signs out), a store error:
            // look again a period later, or when kicked.
            Err(e) => Round { wait_ms: UPLOAD_PERIOD_MS, error: Some(e) },
        }
    }

    /// Until the next waiting blob's back-off ends (ms), at most [`UPLOAD_PERIOD_MS`].
    async fn next_upload_in(&self) -> u64 {
        let now = (self.now)();
        let g = self.peek().await;
        g.uploads
            .0
            .values()
            .filter_map(|e| match e.status {
                UploadStatus::Waiting { not_before_ms, .. } => Some(not_before_ms),
                _ => None,
            })
            .min()
            .map_or(UPLOAD_PERIOD_MS, |t| t.saturating_sub(now).clamp(1, UPLOAD_PERIOD_MS))
    }
}

/// Runs upload rounds until `kicks` closes: one at once, then one per kick (kicks that come
/// during a round collapse into one more) or when `sleep(ms)` ends. `report` hears every
/// round's error (the browser logs it; a lost network is no photo's fault).
pub async fn run_uploads<S, T, F, Fut>(
    engine: Rc<Engine<S, T>>,
    mut kicks: UnboundedReceiver<()>,
    sleep: F,
    report: impl Fn(&SyncError),
) where
    S: LocalStore,
    T: Transport,
    F: Fn(u64) -> Fut,
    Fut: Future<Output = ()>,
{
    let mut retry = FIRST_RETRY_MS;
    loop {
        let round = engine.upload_round(&mut retry).await;
        if let Some(e) = &round.error {
            report(e);
        }
        let timer = Box::pin(sleep(round.wait_ms));
        if let Either::Right((None, _)) = select(timer, kicks.next()).await {
            return;
        }
        while kicks.try_recv().is_ok() {}
    }
}
