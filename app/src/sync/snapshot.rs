//! What the UI is handed after every change ([`Snapshot`]), the progress of a snapshot
//! being loaded, and the server-corrected clock the app writes its times with.

use super::notices::Notice;
use crate::store::Session;
use shared::replica::ReplicaState;
use shared::{RecordId, ReplicaId};
use std::collections::BTreeSet;

/// What the UI shows: the merged records and the sync status.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// Every record as merged on this device, unsent edits included.
    pub state: ReplicaState,
    /// Whether `state` holds every record stored on the device: false for the moment a cold
    /// start has shown its first page but not yet read the register's people, visits and
    /// answers (`sync/opening.rs`).
    pub whole: bool,
    /// Grows whenever `state` may have changed (an edit, a pull that brought changes, a
    /// compensation, a sign-out), and only then: what pages derive from the records alone
    /// (the register's search index) is rebuilt when it moves, not on every sync status.
    pub revision: u64,
    /// Records with changes still in the outbox.
    pub pending_ids: BTreeSet<RecordId>,
    /// Number of changes waiting in the outbox.
    pub pending: usize,
    /// What the user made that waits to be synced, as the badge counts it: the distinct
    /// records with changes in the outbox (a patrol answer of eight fields is one; a history
    /// event counts as its request), photos left out (the badge counts those once each,
    /// from the upload queue).
    pub records_waiting: usize,
    /// Milliseconds since the epoch of the last successful sync.
    pub last_sync: Option<u64>,
    /// Who is signed in; `None` shows the login page.
    pub session: Option<Session>,
    /// Every waiting change is in an export file, so signing out may delete the outbox.
    pub exported: bool,
    /// Photos and thumbnails the server has not confirmed (waiting or refused) that no export
    /// file holds: signing out is refused while there are any.
    pub photos_at_risk: usize,
    /// While a snapshot (a first replica, or a reload after a change of scope) is coming in:
    /// how many fields have arrived, of how many.
    pub loading: Option<Loading>,
    /// This device's replica id (what events record as `device`); `None` before the engine
    /// has opened.
    pub replica: Option<ReplicaId>,
    /// Server clock minus device clock at the last sync, ms (see [`Snapshot::now`]).
    pub skew: i64,
    /// Changes the server refused, kept until the user has read them (`notices.rs`).
    pub notices: Vec<Notice>,
    /// Request numbers left in this device's pool (0: new requests get provisional ones).
    pub numbers_left: u64,
    /// The server was restored from a backup and this device is rebasing on it: reloading
    /// its state and sending back what the server lacks (`sync/restored.rs`).
    pub rebasing: bool,
    /// Each photo's upload by hash (waiting with its progress, done, failed and why);
    /// `uploads.progress()` is what the sync badge shows as photos waiting.
    pub uploads: crate::photos::UploadQueue,
}

/// Below this difference between the server's clock and the device's (ms), the device's own
/// clock is used as is: a sync's round trip alone makes a few hundred ms of apparent skew.
pub const CLOCK_CORRECTION_MS: i64 = 2_000;

/// The server-corrected wall clock: `device_ms` moved by `skew` (server minus device) when
/// the device is measurably off, in either direction. What the app writes as a time
/// (`created_at`, an event's `at`) uses it, so a tablet set a day wrong still files its
/// requests on the right day.
pub fn corrected_now(device_ms: u64, skew: i64) -> u64 {
    if skew.abs() > CLOCK_CORRECTION_MS {
        device_ms.saturating_add_signed(skew)
    } else {
        device_ms
    }
}

impl Snapshot {
    /// The server-corrected time at `device_ms` ([`corrected_now`] with this snapshot's skew).
    pub fn now(&self, device_ms: u64) -> u64 {
        corrected_now(device_ms, self.skew)
    }
}

/// Whether a snapshot still loading should hand the UI its records now (ms of one clock):
/// it began at `began` and last handed them at `shown`. Each hand-over makes the pages work
/// over the whole replica again, which on a tablet's CPU costs more than storing the page,
/// so they come at a doubling pace — 1 s, 2 s, 4 s, 8 s… after the first page — while the
/// progress bar moves every second on its own.
///
/// Laws: never due before [`super::SNAPSHOT_NOTIFY_MS`] into the load; due again once the
/// load is twice as old as at the last hand-over; so a load of `t` ms hands its records
/// about log2(t / 1 s) + 2 times (its first and last page included), not t / 1 s.
pub fn state_due(began: u64, shown: u64, now: u64) -> bool {
    let (last, age) = (shown.saturating_sub(began), now.saturating_sub(began));
    age >= super::SNAPSHOT_NOTIFY_MS && age >= 2 * last
}

/// Progress of a snapshot being loaded: fields received of the total the server announced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loading {
    pub received: u64,
    pub total: u64,
}

impl Loading {
    /// Starts counting a snapshot of `total` fields.
    pub fn start(total: u64) -> Self {
        Loading { received: 0, total }
    }

    /// Counts one page of `n` fields; the total grows if the snapshot outgrew it (writes
    /// landed while it was read), so the bar never passes its end.
    pub fn page(self, n: u64) -> Self {
        let received = self.received + n;
        Loading { received, total: self.total.max(received) }
    }

    /// Done, in per cent (0–100).
    pub fn percent(self) -> u64 {
        (self.received * 100).checked_div(self.total).unwrap_or(100)
    }
}
