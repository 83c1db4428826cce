//! The sites' push queues that group commit drains ([`super::writer`]): one FIFO of pushes
//! per site and the lock its writer holds. Plain data the server's state owns; what drains
//! them, and how, is the writer's.

use crate::db::accounts::AuthUser;
use crate::error::AppResult;
use shared::protocol::{Batch, Rejection};
use shared::ReplicaId;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// Most changes one group applies (a single push bigger than this is a group of its own).
pub const MAX_GROUP_CHANGES: usize = 4_000;

/// What a push got: the replica's last applied `seq` and the refusals of its batches.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub last_seq: u64,
    pub rejections: Vec<Rejection>,
}

/// One push waiting for its group.
pub struct Job {
    pub user: AuthUser,
    pub replica: ReplicaId,
    /// In `seq` order, without duplicates.
    pub batches: Vec<Batch>,
    /// [`Batch::digest`] of each batch, in the same order: taken before the push queues, so
    /// the hashing is not done while the site's writer is held.
    pub digests: Vec<String>,
    /// Granted to a push restating what its device held at a restore.
    pub recovery: Option<shared::push_rules::Recovery>,
    pub(super) reply: oneshot::Sender<AppResult<Applied>>,
}

impl Job {
    /// The changes of all its batches.
    fn changes(&self) -> usize {
        self.batches.iter().map(|b| b.changes.len()).sum()
    }
}

/// A site's queue and the lock its group writer holds.
#[derive(Default)]
pub(super) struct SiteQueue {
    pub(super) jobs: Mutex<VecDeque<Job>>,
    /// Held by whoever applies the site's group.
    pub(super) writer: Arc<tokio::sync::Mutex<()>>,
}

impl SiteQueue {
    /// The lock of the site's writer.
    pub(super) fn writer_lock(&self) -> Arc<tokio::sync::Mutex<()>> {
        self.writer.clone()
    }

    /// The oldest jobs, up to [`MAX_GROUP_CHANGES`] changes (at least one job if any wait).
    pub(super) fn take_group(&self) -> Vec<Job> {
        let mut jobs = self.jobs.lock().unwrap_or_else(|p| p.into_inner());
        let mut group = Vec::new();
        let mut changes = 0;
        while let Some(next) = jobs.front() {
            let n = next.changes();
            if !group.is_empty() && changes + n > MAX_GROUP_CHANGES {
                break;
            }
            changes += n;
            group.extend(jobs.pop_front());
        }
        group
    }
}

/// The push queues of every site of this process.
#[derive(Default)]
pub struct Writers {
    sites: Mutex<HashMap<String, Arc<SiteQueue>>>,
}

impl Writers {
    /// The queue of one site (made on first use).
    pub(super) fn site(&self, site_id: &str) -> Arc<SiteQueue> {
        let mut sites = self.sites.lock().unwrap_or_else(|p| p.into_inner());
        sites.entry(site_id.to_owned()).or_default().clone()
    }
}
