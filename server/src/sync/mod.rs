//! The sync rules above storage (`docs/ARCHITECTURE.md`, "Layers"): push and pull for
//! devices, and the path every server-authored change (demo data, accounts) takes into a
//! site's log.

pub mod checkpoint;
pub mod pull;
pub mod push;
pub mod queue;
pub mod receive;
pub mod writer;

use crate::error::AppResult;
use crate::state::AppState;
use shared::{merge_field, Change, Hlc, Kind, RecordId, ReplicaId};

/// A change written by the server itself (replica `server`) at `hlc`.
pub fn server_change(
    kind: &str,
    id: &RecordId,
    field: &str,
    value: serde_json::Value,
    hlc: Hlc,
) -> Change {
    Change {
        kind: Kind::new(kind),
        id: id.clone(),
        field: field.to_owned(),
        value,
        hlc,
        replica: ReplicaId::server(),
        prev: None,
    }
}

/// Applies server-authored changes through the merge, in one transaction on the site's log,
/// and pokes the site's devices.
pub async fn apply_server_changes(
    state: &AppState,
    site_id: &str,
    changes: &[Change],
) -> AppResult<()> {
    let mut stx = state.db().begin_site(site_id).await?;
    for c in changes {
        let stored = stx.stored(c.kind.as_str(), c.id.as_str(), &c.field).await?;
        if merge_field(stored.as_ref(), c).wins {
            stx.write(c).await?;
        }
    }
    let touched = stx.touched();
    if stx.commit().await? {
        state.poke(site_id, &touched);
    }
    Ok(())
}
