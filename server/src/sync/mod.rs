//! The sync rules above storage (`docs/ARCHITECTURE.md`, "Layers"): push and pull for
//! devices, and the path every server-authored change (demo data, accounts) takes into a
//! site's log.

pub mod checkpoint;
pub mod pull;
pub mod push;
pub mod queue;
pub mod receive;
mod rules_view;
pub mod writer;

use crate::clock::now_ms;
use crate::db::site_tx::SiteTx;
use crate::error::AppResult;
use crate::state::AppState;
use shared::{merge_field, Change, FieldState, Hlc, Kind, RecordId, ReplicaId};

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
        let mut c = c.clone();
        let stored = outrank_stored(state, &mut stx, &mut c).await?;
        if merge_field(stored.as_ref(), &c).wins {
            stx.write(&c).await?;
        }
    }
    let touched = stx.touched();
    if stx.commit().await? {
        state.poke(site_id, &touched);
    }
    Ok(())
}

/// Makes a server-authored change (stamped by this instance's clock a moment ago) later than
/// the stored value of its field, which `stx` holds locked, and returns that stored value.
///
/// On one instance the server's clock has observed every stamp it stored, so its stamps are
/// always the latest. Several instances on one database each keep their own clock, and
/// another instance may have stored a device's stamp (up to `max_clock_ahead` ahead of the
/// wall clock) that this clock never saw: the server's change would then lose to it — an
/// office's edit silently dropped, or, written without a merge, stored at an older stamp
/// than devices hold (divergence). So the clock observes the stored stamp and the change is
/// stamped again past it (`docs/ARCHITECTURE.md`, "Several instances").
pub async fn outrank_stored(
    state: &AppState,
    stx: &mut SiteTx,
    c: &mut Change,
) -> AppResult<Option<FieldState>> {
    let stored = stx.stored(c.kind.as_str(), c.id.as_str(), &c.field).await?;
    if let Some(s) = stored.as_ref().filter(|s| s.hlc >= c.hlc) {
        c.hlc = state.with_clock(|clock| {
            clock.observe(s.hlc);
            clock.now(now_ms())
        });
    }
    Ok(stored)
}
