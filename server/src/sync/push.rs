//! Push (`docs/ARCHITECTURE.md`, "Push rules"): each batch in one transaction, idempotent
//! per `(replica, seq)`; each change judged by [`shared::push_rules::judge`] — the same
//! function the model server of the tests calls — and its verdict's writes stored as they are.

use crate::db::accounts::AuthUser;
use crate::db::site_tx::SiteTx;
use crate::error::{AppError, AppResult};
use crate::state::{now_ms, AppState};
use shared::protocol::{PushRequest, PushResponse, Rejection};
use shared::push_rules::{judge, Pusher, Refused, ServerTime, Target};
use shared::{Change, ReplicaId};

/// Applies a push from `user`'s device and says what the server kept.
pub async fn push(state: &AppState, user: &AuthUser, req: PushRequest) -> AppResult<PushResponse> {
    if !req.replica.is_valid() || req.replica == ReplicaId::server() {
        return Err(AppError::BadRequest("invalid replica id".into()));
    }
    let mut rejections = Vec::new();
    let mut last_seq = 0;
    let mut batches = req.batches;
    batches.sort_by_key(|b| b.seq);
    for batch in batches {
        let mut stx = state.db().begin_site(&user.site_id).await?;
        last_seq = stx.replica_last_seq(req.replica.as_str()).await?;
        if batch.seq <= last_seq {
            stx.commit().await?;
            continue;
        }
        for (index, change) in batch.changes.iter().enumerate() {
            if let Some(r) =
                apply_device_change(state, &mut stx, user, &req.replica, change).await?
            {
                rejections.push(Rejection {
                    seq: batch.seq,
                    index,
                    code: r.refusal.code,
                    message: r.refusal.message,
                    compensation: r.compensation,
                });
            }
        }
        stx.set_replica_last_seq(req.replica.as_str(), &user.user_id, batch.seq).await?;
        last_seq = batch.seq;
        if stx.commit().await? {
            state.poke(&user.site_id);
        }
    }
    if last_seq == 0 {
        last_seq = state.db().replica_last_seq(req.replica.as_str()).await?;
    }
    Ok(PushResponse { last_seq, rejections, server_hlc: state.hlc_now() })
}

/// Looks up what the verdict needs, judges the change under the server clock, and stores
/// the verdict's writes. Returns the refusal, if any.
async fn apply_device_change(
    state: &AppState,
    stx: &mut SiteTx,
    user: &AuthUser,
    replica: &ReplicaId,
    incoming: &Change,
) -> AppResult<Option<Refused>> {
    let (kind, id) = (incoming.kind.as_str(), incoming.id.as_str());
    let foreign = stx.record_site(kind, id).await?.is_some_and(|site| site != stx.site_id);
    let stored = if foreign { None } else { stx.stored(kind, id, &incoming.field).await? };
    let time = ServerTime {
        now_ms: now_ms(),
        max_ahead_ms: state.config().max_clock_ahead.as_millis() as u64,
    };
    let verdict = state.with_clock(|clock| {
        judge(
            Pusher { role: user.role, replica },
            Target { foreign, stored: stored.as_ref() },
            incoming,
            clock,
            time,
        )
    });
    if let Some(r) = &verdict.refused {
        tracing::debug!(%replica, code = %r.refusal.code, "change refused: {}", r.refusal.message);
    }
    for w in &verdict.writes {
        stx.write(w).await?;
    }
    Ok(verdict.refused)
}
