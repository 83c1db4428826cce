//! Deleting what the account rules no longer need — login throttle rows idle for a day,
//! expired event-stream tickets, sessions that can never be used again — on a timer `serve`
//! starts ([`spawn`]), not on some later request: a server nobody logs in to would otherwise
//! keep every ticket ever issued.

use crate::error::AppResult;
use crate::state::AppState;
use std::time::Duration;

/// How often a server purges: tickets live a minute (`super::TICKET_LIFETIME`), so at most
/// about two minutes' worth of them are ever stored.
pub const PURGE_EVERY: Duration = Duration::from_secs(60);

/// Throttle rows untouched this long, whose wait is over, are deleted.
pub const IDLE_THROTTLE_ROW: Duration = Duration::from_secs(24 * 60 * 60);

/// What one round deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub throttle_rows: u64,
    pub tickets: u64,
    pub sessions: u64,
}

/// One round at the state's clock.
pub async fn purge(state: &AppState) -> AppResult<Purged> {
    let now = state.config().clock.now_ms();
    let idle_before = now.saturating_sub(IDLE_THROTTLE_ROW.as_millis() as u64);
    let db = state.db();
    let done = Purged {
        throttle_rows: db.purge_throttle(idle_before, now).await?,
        tickets: db.purge_tickets(now).await?,
        sessions: db.purge_sessions(super::liveness(state.config(), now)).await?,
    };
    if done != Purged::default() {
        tracing::debug!(?done, "purged");
    }
    Ok(done)
}

/// Purges now and then every [`PURGE_EVERY`] until the state shuts down; a failed round is
/// logged and retried at the next.
pub fn spawn(state: AppState) {
    crate::state::every(state, PURGE_EVERY, "account purge", |s| async move {
        purge(&s).await.map(drop)
    });
}
