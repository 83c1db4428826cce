//! SQLite checkpoints beside the writer: every [`crate::db::CHECKPOINT_EVERY`] while serving,
//! a PASSIVE checkpoint copies the WAL into the database file. By default the commit that
//! fills the WAL past 1,000 pages runs the checkpoint itself, inside the push it answers —
//! tens of milliseconds of copying and fsync on one unlucky push. A PASSIVE checkpoint
//! never blocks the writer; the writer restarts the WAL from its start once it is copied.

use crate::state::AppState;

/// Runs the checkpoints until the server shuts down.
pub fn spawn(state: AppState) {
    if state.db().backend != crate::db::Backend::Sqlite {
        return;
    }
    tokio::spawn(async move {
        let stop = state.shutdown_signal();
        tokio::pin!(stop);
        let mut tick = tokio::time::interval(crate::db::CHECKPOINT_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = &mut stop => return,
                _ = tick.tick() => {}
            }
            match state.db().checkpoint().await {
                Ok((log, copied)) if copied < log => {
                    tracing::debug!(log, copied, "checkpoint incomplete: a reader holds old pages")
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "checkpoint failed; retrying at the next round")
                }
            }
        }
    });
}
