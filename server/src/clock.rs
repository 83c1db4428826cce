//! The server's wall clock, and the [`Clock`] the account rules read. A leaf: it imports
//! nothing of the server, so the configuration, the state and every rule can read it.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch by the server's wall clock (moved by
/// [`set_offset_ms`]).
pub fn now_ms() -> u64 {
    let wall = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64);
    wall.unwrap_or(0).saturating_add_signed(OFFSET_MS.load(Ordering::Relaxed))
}

/// How far the process's wall clock is set off the machine's, in milliseconds.
static OFFSET_MS: AtomicI64 = AtomicI64::new(0);

/// Runs the whole process's wall clock `ms` ahead of the machine's (behind when negative):
/// `serve --clock-offset-secs`, so a trainer or an end-to-end test sees what the next days
/// bring (an arrears escalating three days after the call) without waiting for them. Set
/// once at start, before anything is stamped: the server's stamps never go back.
pub fn set_offset_ms(ms: i64) {
    OFFSET_MS.store(ms, Ordering::Relaxed);
}

/// The clock the account rules read (session expiry, login throttling, event tickets): the
/// wall clock plus an offset, which tests move forward instead of sleeping. Clones share it.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicU64>,
}

impl Clock {
    /// Milliseconds since the Unix epoch, by this clock.
    pub fn now_ms(&self) -> u64 {
        now_ms() + self.offset_ms.load(Ordering::Relaxed)
    }

    /// Moves this clock (and every clone of it) forward.
    pub fn advance(&self, by: Duration) {
        self.offset_ms.fetch_add(by.as_millis() as u64, Ordering::Relaxed);
    }
}
