//! Writing the audit log of personal data (`shared::audit`; `docs/ARCHITECTURE.md`,
//! "Personal data"): one entry per register export, person export or erasure, stamped by
//! the server's clock. The HTTP route that reads it is `routes/audit.rs`.

use crate::error::AppResult;
use crate::state::AppState;
use shared::audit::AuditAction;

/// Records that `user` did `action` to `target` in site `site_id`, now.
pub async fn record(
    state: &AppState,
    site_id: &str,
    user: &str,
    action: AuditAction,
    target: &str,
    detail: &str,
) -> AppResult<()> {
    let now = state.config().clock.now_ms() as i64;
    state.db().audit(site_id, now, user, action, target, detail).await
}
