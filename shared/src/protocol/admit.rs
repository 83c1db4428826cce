//! Admission of a push's batches (`docs/ARCHITECTURE.md`, "Sync protocol"): who may push
//! under a replica id, which batch is new work, which a resend and which is refused whole,
//! and the refusals a batch is answered with (again on a resend).
//!
//! The real server (`server/src/sync/push.rs`) and the model server ([`crate::testing`])
//! both decide by these functions, so the simulation and the app's fake transport see the
//! very answers a device gets: storage only fetches the facts (the replica's owner and last
//! `seq`, an applied batch's digest) and applies the effect.
//!
//! For each batch of a push, in `seq` order ([`in_order`]):
//! 1. [`admit`]: the replica is the pusher's (or new), and the batch is the next one
//!    ([`Admission::Apply`]) or one already applied ([`Admission::Applied`]);
//! 2. an applied one is a resend only when its digest is the one kept ([`resend`]): then it
//!    is answered with the refusals stored for it;
//! 3. new work is judged change by change ([`crate::push_rules::judge`]), each refusal made
//!    a [`Rejection`] ([`Rejection::of`]) and stored with the batch's `seq` and digest, and
//!    the replica's position moved on (binding a new replica id to the pusher).

use super::{Batch, Rejection};
use crate::ids::ReplicaId;
use crate::push_rules::Refused;

/// Error code of a push under another user's replica id.
pub const REPLICA_TAKEN: &str = "replica_taken";
/// Error code of a batch that does not follow the last applied one.
pub const SEQ_GAP: &str = "seq_gap";
/// Error code of new work under an applied `seq`.
pub const SEQ_REUSED: &str = "seq_reused";
/// Error code of a push numbered in a history the server no longer has (it was restored).
pub const HISTORY_CHANGED: &str = "history_changed";

/// Why a batch (and the rest of its push) is refused whole: answered 409 with [`Self::code`].
/// The batches before it in the push stay applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PushRefusal {
    /// A replica id belongs to the user who first pushed it: anyone else could otherwise
    /// make a device's later batches look like resends (ids are public in every pull).
    #[error("this replica id belongs to another user; a device pushes under its own replica id")]
    ReplicaTaken,
    /// The batch is beyond `last_seq + 1`: nobody may make the server skip a device's work.
    #[error("batch {got} does not follow batch {last_seq}, the last one applied for this replica")]
    SeqGap { last_seq: u64, got: u64 },
    /// Other changes under an applied `seq` (or two batches of one `seq` in a push): new work
    /// under a reused number, never dropped as a resend.
    #[error(
        "batch {seq} was applied with other changes; a replica numbers each new batch after \
         the last one applied"
    )]
    SeqReused { seq: u64 },
    /// The push was numbered against a history of the server that is gone (the server was
    /// restored from a backup): its `seq`s mean nothing here. The device takes the server's
    /// state and pushes again what it holds that the server lacks ([`crate::restore`]), never
    /// stuck on `seq_gap`.
    #[error(
        "the server was restored from a backup since this device last synced; the device \
         reloads the server's state and sends again what the server lacks"
    )]
    HistoryChanged,
}

impl PushRefusal {
    /// The stable error code of the 409.
    pub fn code(&self) -> &'static str {
        match self {
            PushRefusal::ReplicaTaken => REPLICA_TAKEN,
            PushRefusal::SeqGap { .. } => SEQ_GAP,
            PushRefusal::SeqReused { .. } => SEQ_REUSED,
            PushRefusal::HistoryChanged => HISTORY_CHANGED,
        }
    }
}

/// Whether a push numbered in the server history `pushed` (what the device last saw; absent
/// from devices that never saw one) may be admitted by a server whose history is `current`.
/// A device that saw another history counted its `seq`s against a log that a restore took
/// away: judging them would either skip its work (`seq_gap` for ever) or take new work for
/// resends, so the whole push is refused and the device rebases first.
pub fn same_history(pushed: Option<&str>, current: &str) -> Result<(), PushRefusal> {
    match pushed {
        Some(h) if h != current => Err(PushRefusal::HistoryChanged),
        _ => Ok(()),
    }
}

/// What storage knows of a replica id it has seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplicaFacts<'a> {
    /// The user who first pushed under it: the only one who may again.
    pub owner: &'a str,
    /// The highest batch `seq` applied.
    pub last_seq: u64,
}

/// What to do with one batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// The next batch: judge and apply it.
    Apply,
    /// Under a `seq` already applied: a resend if [`resend`] accepts its digest.
    Applied,
}

/// The batches of a push in `seq` order, each `seq` once: the same batch sent twice in one
/// push is one batch; two different ones under one `seq` are refused (`seq_reused`).
pub fn in_order(mut batches: Vec<Batch>) -> Result<Vec<Batch>, PushRefusal> {
    batches.sort_by_key(|b| b.seq);
    if let Some(w) = batches.windows(2).find(|w| w[0].seq == w[1].seq && w[0] != w[1]) {
        return Err(PushRefusal::SeqReused { seq: w[0].seq });
    }
    batches.dedup_by_key(|b| b.seq);
    Ok(batches)
}

/// Whether a device may push or take numbers under `replica` at all: the server's own id is
/// taken, by the server, for its compensations and conflict records (409 `replica_taken`).
pub fn claimable(replica: &ReplicaId) -> Result<(), PushRefusal> {
    if *replica == ReplicaId::server() {
        return Err(PushRefusal::ReplicaTaken);
    }
    Ok(())
}

/// Admits batch `seq` of a replica `known` to storage (`None`: never seen) from `user`.
pub fn admit(
    known: Option<ReplicaFacts<'_>>,
    user: &str,
    seq: u64,
) -> Result<Admission, PushRefusal> {
    if known.is_some_and(|r| r.owner != user) {
        return Err(PushRefusal::ReplicaTaken);
    }
    let last_seq = known.map_or(0, |r| r.last_seq);
    if seq <= last_seq {
        Ok(Admission::Applied)
    } else if seq == last_seq + 1 {
        Ok(Admission::Apply)
    } else {
        Err(PushRefusal::SeqGap { last_seq, got: seq })
    }
}

/// Whether an [`Admission::Applied`] batch whose [`Batch::digest`] is `digest` is a resend of
/// the one applied under `seq`, whose digest storage `kept`. A batch applied before digests
/// were kept has none and is taken for a resend, as it was then.
pub fn resend(seq: u64, kept: Option<&str>, digest: &str) -> Result<(), PushRefusal> {
    match kept {
        Some(kept) if kept != digest => Err(PushRefusal::SeqReused { seq }),
        _ => Ok(()),
    }
}

impl Rejection {
    /// The answer to change `index` of batch `seq` that `judge` refused (or re-stamped):
    /// what the pusher is told now and, stored with the batch, again on a resend.
    pub fn of(seq: u64, index: usize, refused: Refused) -> Self {
        Rejection {
            seq,
            index,
            code: refused.refusal.code,
            message: refused.refusal.message,
            compensation: refused.compensation,
        }
    }
}

#[cfg(test)]
#[path = "admit_tests.rs"]
mod tests;
