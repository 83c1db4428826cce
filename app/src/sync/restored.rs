//! After the server was restored from a backup (`docs/ARCHITECTURE.md`, "Backups and
//! restores"): the device notices the server's history change on a pull, keeps its records
//! while the server's snapshot is merged into them ([`shared::restore::Rebase`] notes which
//! fields the server holds at least as new), then restates what the server lacks — first,
//! in pushes naming the replaced history — and renumbers its unsent edits after them, from
//! the restored server's `last_seq`; and uploads again the photos the server may have lost.
//! No step needs the user; a reload in the middle starts the snapshot again.

use super::{Engine, SyncError, Transport};
use crate::photos::UploadStatus;
use crate::store::{self, LocalStore, WriteSet};
use serde::{Deserialize, Serialize};
use shared::batches::split_edit;
use shared::protocol::{Batch, PushRequest};
use shared::restore::Rebase;
use shared::schema::SCHEMA_VERSION;
use shared::scope::may_write_field;
use shared::ReplicaId;
use std::collections::HashSet;

/// A rebase under way: from which server history to which, and the snapshot's progress.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rebasing {
    /// The history the device held its outbox and cursor in (the restore replaced it).
    pub from: String,
    /// What the snapshot has confirmed so far; `rebase.history` is the new history.
    pub rebase: Rebase,
    /// The whole snapshot is in: the restatements can be made.
    pub snapshot_done: bool,
}

/// What [`store::META_REBASE`] keeps of a rebase under way (the snapshot starts again after a
/// reload, so what it confirmed is not kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RebaseMeta {
    pub from: String,
    pub to: String,
}

impl Rebasing {
    pub fn new(from: &str, to: &str) -> Self {
        Rebasing { from: from.into(), rebase: Rebase::new(to), snapshot_done: false }
    }

    pub fn meta(&self) -> RebaseMeta {
        RebaseMeta { from: self.from.clone(), to: self.rebase.history.clone() }
    }
}

/// The restatements still in the outbox: pushes of batches up to `through` name `from`, the
/// history the restore replaced (the server grants them its recovery).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Restating {
    pub from: String,
    pub through: u64,
}

impl<S: LocalStore, T: Transport> Engine<S, T> {
    /// Ends a rebase whose snapshot is in: asks the restored server where this replica's
    /// batches stand (an empty push), then, in one store transaction, writes the
    /// restatements as the outbox's first batches after that `seq`, the unsent edits
    /// renumbered after them, the new history, and every uploaded photo still on the device
    /// queued again (the server answers `HEAD` for those it still holds).
    pub(crate) async fn finish_rebase(&self, replica: &ReplicaId) -> Result<(), SyncError> {
        let (token, to, done_photos) = {
            let g = self.lock().await?;
            let Some(r) = g.rebasing.as_ref().filter(|r| r.snapshot_done) else { return Ok(()) };
            let done: Vec<String> = g
                .uploads
                .0
                .values()
                .filter(|e| e.status == UploadStatus::Done)
                .map(|e| e.sha256.clone())
                .collect();
            (Self::token(&g.session)?, r.rebase.history.clone(), done)
        };
        let mut held_photos = HashSet::new();
        for sha in done_photos {
            if self.store.get_blob(&sha).await?.is_some() {
                held_photos.insert(sha);
            }
        }
        let probe = PushRequest {
            replica: replica.clone(),
            schema: SCHEMA_VERSION,
            batches: Vec::new(),
            history: Some(to.clone()),
            rebase_from: None,
        };
        let last_seq = self.transport.push(&token, &probe).await?.last_seq;

        let mut g = self.lock().await?;
        if g.replica != *replica {
            return Err(SyncError::NotSignedIn);
        }
        let Some(rebasing) = g.rebasing.clone().filter(|r| r.rebase.history == to) else {
            return Ok(());
        };
        let role = g.owner.as_ref().map(|m| m.role);
        let pending: HashSet<(&str, &str, &str)> = g
            .outbox
            .iter()
            .flat_map(|b| &b.changes)
            .map(|c| (c.kind.as_str(), c.id.as_str(), c.field.as_str()))
            .collect();
        // Unsent edits go as they are, judged by every rule; the rest is restated.
        let restated: Vec<_> = rebasing
            .rebase
            .restatements(&g.state, |kind, field| {
                role.is_some_and(|role| may_write_field(role, kind.as_str(), field))
            })
            .into_iter()
            .filter(|c| !pending.contains(&(c.kind.as_str(), c.id.as_str(), c.field.as_str())))
            .collect();
        let mut seq = last_seq;
        let mut outbox: Vec<Batch> = split_edit(restated, |_, _| false)
            .into_iter()
            .map(|changes| {
                seq += 1;
                Batch { seq, changes }
            })
            .collect();
        let through = seq;
        for b in &g.outbox {
            seq += 1;
            outbox.push(Batch { seq, changes: b.changes.clone() });
        }
        let restating =
            (through > last_seq).then(|| Restating { from: rebasing.from.clone(), through });
        let mut uploads = g.uploads.clone();
        for e in uploads.0.values_mut() {
            if e.status == UploadStatus::Done && held_photos.contains(&e.sha256) {
                e.advanced(0);
            }
        }
        let mut w = WriteSet {
            remove_outbox_up_to: Some(u64::MAX),
            append_outbox: outbox.clone(),
            ..WriteSet::default()
        };
        w.set_meta(store::META_NEXT_SEQ, &(seq + 1))?
            .set_meta(store::META_HISTORY, &to)?
            .set_meta(store::META_REBASE, &serde_json::Value::Null)?
            .set_meta(store::META_RESTATING, &restating)?
            .set_meta(store::META_EXPORTED, &serde_json::Value::Null)?
            .set_meta(store::META_UPLOADS, &uploads)?;
        self.store.commit(w).await?;
        g.outbox = outbox;
        g.next_seq = seq + 1;
        g.history = Some(to);
        g.rebasing = None;
        g.restating = restating;
        g.exported = None;
        g.uploads = uploads;
        self.notify(&g);
        Ok(())
    }
}
