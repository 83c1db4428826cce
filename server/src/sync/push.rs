//! Push (`docs/ARCHITECTURE.md`, "Push rules"): each batch applied whole or not at all
//! (its own savepoint in its group's transaction, [`super::writer`]), idempotent per
//! `(replica, seq)`; each change judged by [`shared::push_rules::judge`] — the same
//! function the model server of the tests calls — and its verdict's writes stored as they are.

use super::queue::{Applied, Job};
use crate::clock::now_ms;
use crate::db::accounts::AuthUser;
use crate::db::site_tx::SiteTx;
use crate::error::AppResult;
use crate::state::AppState;
use shared::protocol::admit::{self, Admission, PushRefusal, ReplicaFacts};
use shared::protocol::{Batch, Rejection};
use shared::push_rules::{judge, BatchView, Pusher, Refused, ServerTime, Target};
use shared::scope::{placement, Placement};
use shared::{Change, FieldState, RecordId};
use std::collections::HashSet;

/// Applies one queued push inside its group's transaction ([`super::writer`]): each batch
/// under its own savepoint, so a failing batch is undone alone — the batches before it
/// stay applied, as when each batch had its own transaction.
pub(super) async fn apply_job(state: &AppState, stx: &mut SiteTx, job: &Job) -> AppResult<Applied> {
    let (user, replica) = (&job.user, job.replica.as_str());
    stx.set_owner(&user.user_id);
    let mut rejections = Vec::new();
    for (batch, digest) in job.batches.iter().zip(&job.digests) {
        let mark = stx.savepoint().await?;
        match apply_batch(state, stx, job, batch, digest).await {
            Ok(refused) => {
                stx.release(mark).await?;
                rejections.extend(refused);
            }
            Err(e) => {
                stx.rollback_to(mark).await?;
                return Err(e);
            }
        }
    }
    let last_seq = stx.replica(replica).await?.map_or(0, |r| r.last_seq);
    Ok(Applied { last_seq, rejections })
}

/// One batch, admitted by [`admit::admit`] on the replica's row: answered with its stored
/// rejections when already applied with the same changes (its `digest`, [`admit::resend`]),
/// else judged change by change and recorded with its refusals and digest.
async fn apply_batch(
    state: &AppState,
    stx: &mut SiteTx,
    job: &Job,
    batch: &Batch,
    digest: &str,
) -> AppResult<Vec<Rejection>> {
    let (user, pusher) = (&job.user, &job.replica);
    let replica = pusher.as_str();
    let known = stx.replica(replica).await?;
    let facts = known.as_ref().map(|r| ReplicaFacts { owner: &r.user_id, last_seq: r.last_seq });
    if admit::admit(facts, &user.user_id, batch.seq)? == Admission::Applied {
        let kept = stx.batch_digest(replica, batch.seq).await?;
        admit::resend(batch.seq, kept.as_deref(), digest)?;
        return stx.rejections(replica, batch.seq).await;
    }
    let mut refused = Vec::new();
    stx.prefetch(&batch.changes).await?;
    let tainted = foreign_children(stx, user, &batch.changes).await?;
    // What the whole-record rules read: the pusher's number blocks and the batch's view.
    let blocks = super::rules_view::blocks_for(stx, replica, &batch.changes).await?;
    let staff = RecordId::from(user.user_id.as_str());
    let who = Pusher {
        role: user.role,
        replica: pusher,
        staff: Some(&staff),
        blocks: &blocks,
        recovery: job.recovery,
    };
    let view = super::rules_view::batch_view(stx, who, &batch.changes).await?;
    for (index, change) in batch.changes.iter().enumerate() {
        let taint = tainted.contains(&(change.kind.as_str(), change.id.as_str()));
        if let Some(r) =
            apply_device_change(state, stx, user, (who, view.as_ref(), taint), change).await?
        {
            refused.push(Rejection::of(batch.seq, index, r));
        }
    }
    if !stx.set_replica_seq(replica, &user.user_id, batch.seq).await? {
        return Err(PushRefusal::ReplicaTaken.into()); // two first pushes raced
    }
    stx.store_rejections(replica, &refused).await?;
    stx.hold_digest(replica, batch.seq, digest.to_owned())?;
    Ok(refused)
}

/// The records of a batch placed with a parent (a request's events, comments and call-backs,
/// a round's answers) whose parent field points
/// outside the pusher's scope, and its photos whose parent does: every field of such a record in the batch is refused, in
/// whatever order the fields come, so nothing of it is stored — not even as an unplaced
/// record of the pusher's.
async fn foreign_children<'a>(
    stx: &mut SiteTx,
    user: &AuthUser,
    changes: &'a [Change],
) -> AppResult<HashSet<(&'a str, &'a str)>> {
    let mut out = HashSet::new();
    for c in changes {
        let child =
            matches!(placement(c.kind.as_str()), Placement::With { field, .. } if c.field == field);
        if child && c.id.is_valid() && stx.outside_scope(user, c).await? {
            out.insert((c.kind.as_str(), c.id.as_str()));
        }
    }
    out.extend(stx.photos_outside(user, changes).await?);
    Ok(out)
}

/// Looks up what the verdict needs, judges the change under the server clock, and stores
/// the verdict's writes. Returns the refusal, if any. A `tainted` change (its record ties
/// outside the scope, [`foreign_children`]) is judged foreign; `view` is what the batch's
/// whole-record rules read.
async fn apply_device_change(
    state: &AppState,
    stx: &mut SiteTx,
    user: &AuthUser,
    (pusher, view, tainted): (Pusher<'_>, Option<&BatchView>, bool),
    incoming: &Change,
) -> AppResult<Option<Refused>> {
    let replica = pusher.replica;
    let (kind, id) = (incoming.kind.as_str(), incoming.id.as_str());
    // A change whose kind or id cannot name a record is refused by `judge` without a lookup:
    // its id may hold anything (a NUL byte, which PostgreSQL text refuses). A refusal of a
    // change to a record this site does not hold writes nothing (`Target::new_record`).
    let (foreign, stored, new_record) =
        if shared::schema::kind(kind).is_none() || !incoming.id.is_valid() {
            (false, None, true)
        } else if tainted || stx.outside_scope(user, incoming).await? {
            (true, None, false)
        } else {
            let stored = stx.stored(kind, id, &incoming.field).await?;
            (false, stored, !stx.holds_record(kind, id).await?)
        };
    let time = ServerTime {
        now_ms: now_ms(),
        max_ahead_ms: state.config().max_clock_ahead.as_millis() as u64,
    };
    let stored_by = conflict_author(stx, incoming, stored.as_ref()).await?;
    let verdict = state.with_clock(|clock| {
        // The stored stamp may come from another instance, whose clock this one never saw:
        // observed first, the compensations and re-stamps judged here outrank it, as they do
        // on one instance ([`crate::sync::outrank_stored`]).
        if let Some(s) = &stored {
            clock.observe(s.hlc);
        }
        judge(
            pusher,
            Target {
                foreign,
                stored: stored.as_ref(),
                new_record,
                records: view,
                stored_by: stored_by.as_ref(),
            },
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

/// Who wrote the stored value of a review field (the owner of the replica that wrote it;
/// a user's id is their staff record's), which a conflict's record names: looked up only
/// for a review field, the one kind of field a concurrent edit makes a conflict of.
async fn conflict_author(
    stx: &mut SiteTx,
    incoming: &Change,
    stored: Option<&FieldState>,
) -> AppResult<Option<RecordId>> {
    let review = shared::schema::kind(incoming.kind.as_str())
        .and_then(|k| k.field(&incoming.field))
        .is_some_and(|f| f.review);
    let Some(stored) = stored.filter(|_| review) else { return Ok(None) };
    let owner = stx.replica(stored.replica.as_str()).await?;
    Ok(owner.map(|r| RecordId::from(r.user_id.as_str())))
}
