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
    crate::state::every(state, crate::db::CHECKPOINT_EVERY, "checkpoint", |s| async move {
        let (log, copied) = s.db().checkpoint().await?;
        if copied < log {
            tracing::debug!(log, copied, "checkpoint incomplete: a reader holds old pages");
        }
        Ok(())
    });
}
