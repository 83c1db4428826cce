//! Who the replica belongs to, on a tablet several butlers share. Signing out deletes the last
//! user's records, outbox, cursor and session in one transaction and starts a new replica id,
//! but never while edits wait that neither reached the server nor went into an export file.
//! An expired session only forgets the token: the same user signs in again and sync goes on;
//! another user starts clean once nothing of the owner's is at risk. See
//! docs/ARCHITECTURE.md, "The app".

use super::engine::Inner;
use super::export::{counts, ExportedPhoto, UnsyncedExport};
use super::{Engine, SyncError, Transport};
use crate::photos::UploadStatus;
use crate::store::{self, LocalStore, Session, StoreError, WriteSet};
use shared::replica::ReplicaState;
use shared::ReplicaId;

/// Why signing in or out was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    /// Changes wait in the outbox that no export file holds: signing out would delete them.
    /// Sync them, or export them, first.
    #[error("{changes} unsynced changes on {records} records")]
    Unsynced {
        /// Changes waiting.
        changes: usize,
        /// Distinct records they touch.
        records: usize,
    },
    /// The device holds another user's unsynced, unexported changes (their session expired):
    /// signing in on top would push them under the wrong name.
    #[error("the device holds {changes} unsynced changes of {owner}")]
    OtherUser {
        /// The display name of the user they belong to.
        owner: String,
        /// Changes waiting.
        changes: usize,
        /// Distinct records they touch.
        records: usize,
    },
    /// Photos taken on this device that the server has not confirmed — still uploading, or
    /// refused for good — and that no export file holds: wiping the device would lose them.
    /// Let them upload, or export them (the file holds their bytes).
    #[error("{waiting} photos not uploaded yet, {failed} refused by the server")]
    PhotosUnconfirmed {
        /// Photos and thumbnails still waiting to upload.
        waiting: usize,
        /// Photos and thumbnails the server refused for good.
        failed: usize,
    },
    /// The store failed (nothing was changed).
    #[error(transparent)]
    Sync(#[from] SyncError),
}

impl From<StoreError> for SessionError {
    fn from(e: StoreError) -> Self {
        SessionError::Sync(e.into())
    }
}

impl Inner {
    /// (changes, records) in the outbox that no export covers; `None` when nothing is at risk.
    pub(crate) fn at_risk(&self) -> Option<(usize, usize)> {
        let last = self.outbox.last()?.seq;
        if self.exported.is_some_and(|e| e >= last) {
            return None;
        }
        Some(counts(&self.outbox))
    }

    /// The photos and thumbnails the server has not confirmed that no export file holds.
    pub(crate) fn photos_at_risk(&self) -> PhotosAtRisk {
        let mut risk = PhotosAtRisk::default();
        for e in self.uploads.0.values().filter(|e| !self.exported_photos.contains(&e.sha256)) {
            match e.status {
                UploadStatus::Waiting { .. } => risk.waiting += 1,
                UploadStatus::Failed { .. } => risk.failed += 1,
                UploadStatus::Done => {}
            }
        }
        risk
    }

    /// The in-memory side of a wipe: a replica nobody has used, with no records or user.
    fn reset(&mut self, replica: ReplicaId) {
        self.replica = replica;
        self.state = ReplicaState::new();
        self.revision += 1;
        self.next_seq = 1;
        self.outbox.clear();
        self.cursor = None;
        self.session = None;
        self.last_sync = None;
        self.owner = None;
        self.exported = None;
        self.exported_photos.clear();
        self.numbers = Default::default();
        self.provisional = 0;
        self.notices.clear();
        self.shadows = Default::default();
        self.uploads = Default::default();
        self.history = None;
        self.rebasing = None;
        self.restating = None;
    }
}

impl<S: LocalStore, T: Transport> Engine<S, T> {
    /// Keeps a new session (after a successful login) on the device. A different user than the
    /// one the replica belongs to starts clean, unless the owner has changes at risk.
    pub async fn sign_in(&self, session: Session) -> Result<(), SessionError> {
        let mut g = self.lock().await?;
        let other = g.owner.as_ref().filter(|o| o.staff_id != session.me.staff_id);
        let fresh = match other {
            None => None,
            Some(owner) => match g.at_risk() {
                Some((changes, records)) => {
                    let owner = owner.display_name.clone();
                    return Err(SessionError::OtherUser { owner, changes, records });
                }
                None => {
                    photos_safe(&g)?;
                    Some(ReplicaId::new_random())
                }
            },
        };
        let mut w = match &fresh {
            Some(replica) => wipe(&g, replica)?,
            None => WriteSet::default(),
        };
        w.set_meta(store::META_SESSION, &session)?.set_meta(store::META_OWNER, &session.me)?;
        self.store.commit(w).await?;
        if let Some(replica) = fresh {
            g.reset(replica);
        }
        g.owner = Some(session.me.clone());
        g.session = Some(session);
        self.notify(&g);
        Ok(())
    }

    /// Signs out for good: refused while changes are at risk; otherwise the records, the
    /// outbox, the cursor and the session are deleted in ONE transaction and a new replica id
    /// (with `seq` from 1) is made, so the next user's pushes are never taken for this one's.
    pub async fn sign_out(&self) -> Result<(), SessionError> {
        let mut g = self.lock().await?;
        if let Some((changes, records)) = g.at_risk() {
            return Err(SessionError::Unsynced { changes, records });
        }
        photos_safe(&g)?;
        let replica = ReplicaId::new_random();
        self.store.commit(wipe(&g, &replica)?).await?;
        g.reset(replica);
        self.notify(&g);
        Ok(())
    }

    /// The server refused `token` (401): forgets it, keeping the records, the outbox and their
    /// owner, so signing in again carries on. A newer session is left alone.
    pub(crate) async fn expire_session(&self, token: &str) -> Result<(), SyncError> {
        let mut g = self.lock().await?;
        if g.session.as_ref().is_none_or(|s| s.token != token) {
            return Ok(());
        }
        let mut w = WriteSet::default();
        w.meta.push((store::META_SESSION.into(), serde_json::Value::Null));
        self.store.commit(w).await?;
        g.session = None;
        self.notify(&g);
        Ok(())
    }

    /// The outbox as an export file, with the replica, its owner and the time, and the bytes
    /// of every photo the server has not confirmed (read from the store).
    pub async fn export_unsynced(&self) -> Result<UnsyncedExport, SyncError> {
        let g = self.lock().await?;
        let user = g.owner.clone().or_else(|| g.session.as_ref().map(|s| s.me.clone()));
        let mut file = UnsyncedExport::new(g.replica.clone(), user, (self.now)(), g.outbox.clone());
        for e in g.uploads.0.values().filter(|e| e.status != UploadStatus::Done) {
            let bytes = self.store.get_blob(&e.sha256).await?;
            file.photos.push(ExportedPhoto::new(e, bytes.as_deref()));
        }
        Ok(file)
    }

    /// Records that `export` was saved: the outbox up to its last `seq`, and the photos it
    /// holds, may now be deleted by signing out. An export of another replica (made before a
    /// sign-out) counts for nothing.
    pub async fn mark_exported(&self, export: &UnsyncedExport) -> Result<(), SyncError> {
        let mut g = self.lock().await?;
        if export.replica != g.replica {
            return Ok(());
        }
        let seq = export.up_to_seq().max(g.exported.unwrap_or(0));
        let mut photos = g.exported_photos.clone();
        photos.extend(export.photos.iter().map(|p| p.sha256.clone()));
        let mut w = WriteSet::default();
        w.set_meta(store::META_EXPORTED, &seq)?.set_meta(store::META_EXPORTED_PHOTOS, &photos)?;
        self.store.commit(w).await?;
        g.exported = Some(seq);
        g.exported_photos = photos;
        self.notify(&g);
        Ok(())
    }
}

/// Unconfirmed photos in no export file, by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PhotosAtRisk {
    pub waiting: usize,
    pub failed: usize,
}

impl PhotosAtRisk {
    pub fn total(self) -> usize {
        self.waiting + self.failed
    }
}

/// Refuses a wipe while a photo the server has not confirmed — waiting, or refused for good
/// (issues 9 and 27) — is in no export file: a photo leaves the device only once the server
/// or a file has it.
fn photos_safe(g: &Inner) -> Result<(), SessionError> {
    match g.photos_at_risk() {
        r if r.total() == 0 => Ok(()),
        PhotosAtRisk { waiting, failed } => {
            Err(SessionError::PhotosUnconfirmed { waiting, failed })
        }
    }
}

/// The writes of a wipe: all three stores emptied; only the new replica id and this device's
/// clock and skew (which belong to the tablet, not to a user) are written back.
fn wipe(g: &Inner, replica: &ReplicaId) -> Result<WriteSet, StoreError> {
    let mut w = WriteSet { wipe: true, ..WriteSet::default() };
    w.set_meta(store::META_REPLICA, replica)?
        .set_meta(store::META_CLOCK, &g.clock.last())?
        .set_meta(store::META_SKEW, &g.skew)?;
    Ok(w)
}
