//! The push rules (DESIGN §3–4): per batch one transaction, idempotent per `(replica, seq)`;
//! per change: schema, who may write the kind, scope, clock, status transitions, then the
//! shared LWW merge. A refused change gets a compensation the device applies as is.

use super::changes::SiteTx;
use super::users::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::{now_ms, AppState};
use shared::protocol::{PushRequest, PushResponse, Rejection};
use shared::request::{RequestStatus, Role};
use shared::schema::{self, FieldDef, Writers};
use shared::{merge_field, Change, FieldState, Kind, RecordId, ReplicaId};

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
            if let Some((code, message, compensation)) =
                apply_device_change(state, &mut stx, user, &req.replica, change).await?
            {
                rejections.push(Rejection {
                    seq: batch.seq,
                    index,
                    code: code.into(),
                    message,
                    compensation,
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

/// A refusal: stable code, message for people, compensation for the device.
type Refusal = (&'static str, String, Option<Change>);

async fn apply_device_change(
    state: &AppState,
    stx: &mut SiteTx,
    user: &AuthUser,
    replica: &ReplicaId,
    incoming: &Change,
) -> AppResult<Option<Refusal>> {
    let (kd, fd) = match schema::validate(incoming) {
        Ok(defs) => defs,
        Err(inv) => {
            let comp = if inv.code == "bad_value" {
                Some(compensate(state, stx, incoming).await?)
            } else {
                None
            };
            return Ok(Some((inv.code, inv.message, comp)));
        }
    };
    if incoming.replica != *replica {
        return Ok(Some((
            "bad_replica",
            "change replica differs from the pushing replica".into(),
            None,
        )));
    }
    let may_write = match kd.writers {
        Writers::Scope => true,
        Writers::Office => user.role != Role::Butler,
        Writers::Server => false,
    };
    if !may_write {
        let msg = format!("{} records cannot be written by a {}", kd.name, user.role.as_str());
        return Ok(Some(("forbidden", msg, Some(compensate(state, stx, incoming).await?))));
    }
    match stx.record_site(kd.name, incoming.id.as_str()).await? {
        Some(site) if site != stx.site_id => {
            let comp = null_change(state, incoming, None);
            return Ok(Some(("out_of_scope", "record is outside your scope".into(), Some(comp))));
        }
        _ => {}
    }
    let mut change = incoming.clone();
    let max_ahead = state.config().max_clock_ahead.as_millis() as u64;
    let clamped = change.hlc.millis() > now_ms().saturating_add(max_ahead);
    if clamped {
        tracing::warn!(replica = %replica, hlc = %change.hlc, "device clock far ahead; clamping");
        change.hlc = state.hlc_now();
    } else {
        state.hlc_observe(change.hlc);
    }
    let stored = stx.stored(kd.name, change.id.as_str(), &change.field).await?;
    let outcome = merge_field(stored.as_ref(), &change);
    if outcome.wins && kd.name == "request" && fd.name == "status" {
        if let Some(msg) = transition_error(stored.as_ref(), &change.value) {
            return Ok(Some((
                "bad_transition",
                msg,
                Some(compensate(state, stx, incoming).await?),
            )));
        }
    }
    if outcome.wins {
        stx.write(&change).await?;
    }
    if outcome.concurrent && fd.review {
        if let Some(stored) = &stored {
            write_conflict(state, stx, fd, &change, stored, outcome.wins).await?;
        }
    }
    if clamped {
        let msg = "device clock is too far ahead; the change was re-stamped".to_owned();
        let comp = if outcome.wins { change } else { compensate(state, stx, incoming).await? };
        return Ok(Some(("clock_ahead", msg, Some(comp))));
    }
    Ok(None)
}

/// Why a winning status write is not allowed, if it is not.
fn transition_error(stored: Option<&FieldState>, next: &serde_json::Value) -> Option<String> {
    let Some(next) = next.as_str().and_then(RequestStatus::parse) else {
        return Some("a request's status cannot be cleared".into());
    };
    let from = stored.and_then(|s| s.value.as_str()).and_then(RequestStatus::parse);
    match from {
        None if next != RequestStatus::INITIAL => {
            Some(format!("a new request starts as new, not {}", next.as_str()))
        }
        Some(from) if !from.can_become(next) => {
            Some(format!("status cannot go from {} to {}", from.as_str(), next.as_str()))
        }
        _ => None,
    }
}

/// A server change carrying `value` for the field of `c`, with a fresh server HLC.
fn null_change(state: &AppState, c: &Change, prev: Option<shared::Hlc>) -> Change {
    Change {
        kind: c.kind.clone(),
        id: c.id.clone(),
        field: c.field.clone(),
        value: serde_json::Value::Null,
        hlc: state.hlc_now(),
        replica: ReplicaId::server(),
        prev,
    }
}

/// The server's answer to a refused change: the stored value re-stamped now and written to
/// the log (so every replica converges on it), or `null` when nothing is stored.
async fn compensate(state: &AppState, stx: &mut SiteTx, c: &Change) -> AppResult<Change> {
    let stored = stx.stored(c.kind.as_str(), c.id.as_str(), &c.field).await?;
    let Some(stored) = stored else { return Ok(null_change(state, c, None)) };
    let comp = Change { value: stored.value, ..null_change(state, c, Some(stored.hlc)) };
    stx.write(&comp).await?;
    Ok(comp)
}

/// Keeps the losing value of a concurrent edit of a review field as a `conflict` record.
async fn write_conflict(
    state: &AppState,
    stx: &mut SiteTx,
    fd: &FieldDef,
    incoming: &Change,
    stored: &FieldState,
    incoming_won: bool,
) -> AppResult<()> {
    let (kept, lost, lost_replica, lost_hlc) = if incoming_won {
        (&incoming.value, &stored.value, &stored.replica, stored.hlc)
    } else {
        (&stored.value, &incoming.value, &incoming.replica, incoming.hlc)
    };
    let text = |v: &serde_json::Value| serde_json::Value::String(v.to_string());
    let id = RecordId::new_v7();
    let fields = [
        ("target_kind", serde_json::Value::String(incoming.kind.0.clone())),
        ("target_id", serde_json::Value::String(incoming.id.0.clone())),
        ("field", serde_json::Value::String(fd.name.to_owned())),
        ("kept_value", text(kept)),
        ("lost_value", text(lost)),
        ("lost_replica", serde_json::Value::String(lost_replica.0.clone())),
        ("lost_hlc", serde_json::Value::String(lost_hlc.to_string())),
        ("status", serde_json::Value::String("open".into())),
    ];
    for (field, value) in fields {
        let c = server_change("conflict", &id, field, value, state);
        stx.write(&c).await?;
    }
    Ok(())
}

/// A change written by the server itself (replica `server`, fresh HLC).
pub fn server_change(
    kind: &str,
    id: &RecordId,
    field: &str,
    value: serde_json::Value,
    state: &AppState,
) -> Change {
    Change {
        kind: Kind::new(kind),
        id: id.clone(),
        field: field.to_owned(),
        value,
        hlc: state.hlc_now(),
        replica: ReplicaId::server(),
        prev: None,
    }
}

/// Applies server-authored changes (demo data, accounts) through the merge, in one
/// transaction on the site's log.
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
    if stx.commit().await? {
        state.poke(site_id);
    }
    Ok(())
}
