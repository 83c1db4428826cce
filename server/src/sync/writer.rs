//! Group commit (`docs/ARCHITECTURE.md`, "Push rules"): the pushes of one site wait in one
//! FIFO queue ([`super::queue`]), and whoever holds the site's writer lock takes the pushes
//! queued (up to [`super::queue::MAX_GROUP_CHANGES`] changes) and applies them
//! ([`super::push`]), in order, in ONE transaction; each is answered only after that
//! transaction committed. Many devices pushing at once then share
//! one commit (one fsync, one lock acquisition) instead of fighting for the site's write lock
//! one batch at a time, and none waits behind more than the pushes queued before it.
//!
//! Each batch runs under a savepoint: a batch that fails (a `seq` gap, a replica of another
//! user, a database error) is rolled back alone and its push answered with the error, while
//! the other pushes of the group are applied — as if each batch had had its own transaction.
//! A push is answered exactly as before: its batches applied in `seq` order, the rejections
//! stored with them, and a resend (even one queued behind the original) answered with them.
//!
//! The work runs in a spawned task, never in the request's own future, so a device that
//! hangs up cannot cancel a group holding other devices' pushes.

use super::queue::{Applied, Job};
use crate::db::accounts::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use shared::protocol::Batch;
use shared::ReplicaId;
use tokio::sync::oneshot;

/// Queues a push of `user`'s replica and waits until the group holding it has committed.
pub async fn submit(
    state: &AppState,
    user: &AuthUser,
    replica: ReplicaId,
    batches: Vec<Batch>,
    recovery: Option<shared::push_rules::Recovery>,
) -> AppResult<Applied> {
    let (reply, answer) = oneshot::channel();
    let queue = state.writers().site(&user.site_id);
    let digests = batches.iter().map(Batch::digest).collect();
    let job = Job { user: user.clone(), replica, batches, digests, recovery, reply };
    queue.jobs.lock().unwrap_or_else(|p| p.into_inner()).push_back(job);
    // One drain per job: enough drains always follow to empty the queue.
    let state = state.clone();
    let site = user.site_id.clone();
    tokio::spawn(async move {
        let _writer = queue.writer_lock().lock_owned().await;
        let group = queue.take_group();
        if !group.is_empty() {
            run_group(&state, &site, group).await;
        }
    });
    answer.await.map_err(|_| AppError::internal("the push was dropped before it was applied"))?
}

/// Applies a group in one transaction and answers each of its pushes after the commit.
///
/// When the group as a whole fails (its transaction could not begin or commit, or a held-back
/// row was refused by the database), its pushes are applied again one by one, each in a
/// transaction of its own: a push the database refuses then fails alone, instead of taking
/// every push grouped with it down again at each resend.
async fn run_group(state: &AppState, site: &str, group: Vec<Job>) {
    let e = match apply_group(state, site, &group).await {
        Ok(results) => return answer(group, results),
        Err(e) if group.len() == 1 => return fail_all(group, &e),
        Err(e) => e,
    };
    tracing::warn!("a group of {} pushes failed ({e}): applying them one by one", group.len());
    for job in group {
        match apply_group(state, site, std::slice::from_ref(&job)).await {
            Ok(results) => answer(vec![job], results),
            Err(e) => fail_all(vec![job], &e),
        }
    }
}

/// Sends each push its result (the device may have hung up: it resends).
fn answer(group: Vec<Job>, results: Vec<AppResult<Applied>>) {
    for (job, result) in group.into_iter().zip(results) {
        let _ = job.reply.send(result);
    }
}

/// The pushes of `group` in one transaction: each push's result once it committed, or what
/// undid the whole transaction.
async fn apply_group(
    state: &AppState,
    site: &str,
    group: &[Job],
) -> AppResult<Vec<AppResult<Applied>>> {
    let mut stx = state.db().begin_site(site).await?;
    // What the whole group reads, in a few queries up front instead of per push.
    let replicas: Vec<&str> = group.iter().map(|j| j.replica.as_str()).collect();
    stx.prefetch_replicas(&replicas).await?;
    let mut changes = Vec::new();
    for batch in group.iter().flat_map(|j| &j.batches) {
        changes.extend(&batch.changes);
    }
    stx.prefetch(changes).await?;
    let mut results = Vec::with_capacity(group.len());
    for job in group {
        results.push(super::push::apply_job(state, &mut stx, job).await);
        if stx.broken() {
            return Err(AppError::internal("a failed batch could not be rolled back"));
        }
    }
    let touched = stx.touched();
    if stx.commit().await? {
        state.poke(site, &touched);
    }
    Ok(results)
}

fn fail_all(group: Vec<Job>, e: &AppError) {
    tracing::warn!("push failed: {e}");
    for job in group {
        let _ = job.reply.send(Err(clone_err(e)));
    }
}

/// The same failure for every push of a failed group (nothing of it was stored).
fn clone_err(e: &AppError) -> AppError {
    AppError::internal(e.to_string())
}

/// Holds a site's writer until the guard is dropped: pushes queue up behind it and are then
/// applied together. For tests (one group of many pushes, deterministically) and for
/// maintenance that must see no push land.
pub async fn hold(state: &AppState, site_id: &str) -> tokio::sync::OwnedMutexGuard<()> {
    let queue = state.writers().site(site_id);
    queue.writer_lock().lock_owned().await
}

/// How many pushes of a site wait for their group.
pub fn queued(state: &AppState, site_id: &str) -> usize {
    state.writers().site(site_id).jobs.lock().unwrap_or_else(|p| p.into_inner()).len()
}
