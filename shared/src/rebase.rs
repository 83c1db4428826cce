//! A device's own unconfirmed writes over what the server confirmed: the one device-side
//! merge that both the app's engine (`app/src/sync/push_pull.rs`) and the simulation's model
//! device (`shared/tests/simulation/model.rs`) call, pure (the time comes in as a value).
//!
//! Why: a device whose clock runs days ahead stamps its edits days ahead. The server
//! re-stamps such a change at its own time (`clock_ahead`), and another device's edit of the
//! field, made after that, is stamped later still. If the device pulls that newer edit
//! before the answer to its push arrives, its own far-ahead stamp beats it locally, and the
//! newer edit is gone for good once the cursor has moved past it: forcing the earlier
//! re-stamp afterwards would leave the device on a value the server no longer holds.
//!
//! So, for each field the device has an edit of in its outbox (a *pending* field), it keeps
//! the field's **shadow**: the last-writer-wins merge of what the server confirmed of it —
//! the value the device held before its first pending edit, every change pulled since, and
//! the server's answer to each of its own changes (the change as accepted, or its
//! compensation). Laws:
//! - A pending field shows `shadow ⊔ pending edits` (the same LWW merge); any other field
//!   shows the merge of the server's log up to the cursor, as before.
//! - When a field's last pending edit is acknowledged, it shows its shadow, whatever its own
//!   edits' stamps were; a field the server never confirmed shows [`unset`].
//! - A pending edit made after a compensated one is re-stamped after the compensation (its
//!   author's latest word), as the app always did.

use crate::change::Change;
use crate::hlc::{Hlc, HlcClock};
use crate::ids::{Kind, RecordId, ReplicaId};
use crate::lww::{merge_field, FieldState};
use crate::protocol::{Batch, PushResponse};
use crate::replica::ReplicaState;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One field of one record.
pub type FieldKey = (Kind, RecordId, String);

fn key(c: &Change) -> FieldKey {
    (c.kind.clone(), c.id.clone(), c.field.clone())
}

/// The state of a field the server holds nothing of: `null` at the zero stamp, which any
/// real write outranks (what a compensation for a record the server does not hold says).
pub fn unset() -> FieldState {
    FieldState {
        value: serde_json::Value::Null,
        hlc: Hlc::ZERO,
        replica: ReplicaId::server(),
        prev: None,
    }
}

/// The shadows of a device's pending fields. Stored as a list of entries (JSON maps take
/// string keys only); the app keeps it as one meta value, written with the rows it explains.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Vec<Shadow>", into = "Vec<Shadow>")]
pub struct Shadows(BTreeMap<FieldKey, FieldState>);

/// One stored shadow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shadow {
    pub kind: Kind,
    pub id: RecordId,
    pub field: String,
    pub confirmed: FieldState,
}

impl From<Vec<Shadow>> for Shadows {
    fn from(v: Vec<Shadow>) -> Self {
        Self(v.into_iter().map(|s| ((s.kind, s.id, s.field), s.confirmed)).collect())
    }
}

impl From<Shadows> for Vec<Shadow> {
    fn from(s: Shadows) -> Self {
        let entry = |((kind, id, field), confirmed)| Shadow { kind, id, field, confirmed };
        s.0.into_iter().map(entry).collect()
    }
}

/// Merges `c` into `s` by the LWW rule.
fn join(s: &mut FieldState, c: &Change) {
    if merge_field(Some(s), c).wins {
        *s = FieldState::from_change(c);
    }
}

/// Whether `outbox` holds an edit of the field `k`.
fn pending_in(outbox: &[Batch], k: &FieldKey) -> bool {
    outbox.iter().flat_map(|b| &b.changes).any(|c| (&c.kind, &c.id, &c.field) == (&k.0, &k.1, &k.2))
}

impl Shadows {
    /// No shadow at all.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of pending fields shadowed.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no field is shadowed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The confirmed state of a shadowed field.
    pub fn get(&self, kind: &Kind, id: &RecordId, field: &str) -> Option<&FieldState> {
        self.0.get(&(kind.clone(), id.clone(), field.to_owned()))
    }

    /// Before the local edits `changes` are applied to `state` and queued after `outbox`: a
    /// field with no pending edit yet keeps what `state` holds of it (confirmed, by the
    /// laws) as its shadow. A field pending without a shadow (an outbox written before
    /// shadows were kept) gets none: its own edit is not a confirmed value.
    pub fn before_edit(&mut self, state: &ReplicaState, outbox: &[Batch], changes: &[Change]) {
        for c in changes {
            let k = key(c);
            if self.0.contains_key(&k) || pending_in(outbox, &k) {
                continue;
            }
            let held = state.field(&c.kind, &c.id, &c.field).cloned().unwrap_or_else(unset);
            self.0.insert(k, held);
        }
    }

    /// Merges pulled changes into the shadows of their fields; the caller merges them into
    /// the state as usual. Returns whether a shadow moved (the app then stores them).
    pub fn pulled(&mut self, changes: &[Change]) -> bool {
        let mut moved = false;
        for c in changes {
            if let Some(s) = self.0.get_mut(&key(c)) {
                let before = s.stamp();
                join(s, c);
                moved |= s.stamp() != before;
            }
        }
        moved
    }

    /// A `reset` pull: the replica is the snapshot plus the outbox's edits, and each pending
    /// field's shadow is what the snapshot holds of it.
    pub fn reset(snapshot: &[Change], outbox: &[Batch]) -> (ReplicaState, Shadows) {
        let mut state = ReplicaState::new();
        for c in snapshot {
            state.apply(c);
        }
        let mut shadows = Shadows::new();
        for c in outbox.iter().flat_map(|b| &b.changes) {
            let confirmed = state.field(&c.kind, &c.id, &c.field).cloned();
            shadows.0.entry(key(c)).or_insert_with(|| confirmed.unwrap_or_else(unset));
        }
        for c in outbox.iter().flat_map(|b| &b.changes) {
            state.apply(c);
        }
        (state, shadows)
    }
}

/// What a push reply left: the outbox after it and the records to store again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settled {
    /// The batches after `last_seq`, some re-stamped.
    pub outbox: Vec<Batch>,
    /// The batches of `outbox` that were re-stamped (to store again under their `seq`).
    pub restamped: Vec<Batch>,
    /// The records whose fields may have changed.
    pub touched: BTreeSet<(Kind, RecordId)>,
}

/// The push reply `reply` to a request that carried the batches `sent` (by `seq`), applied
/// to a device's `state` and `shadows`, its `outbox` as it was when the reply came and its
/// `clock` (which observes the server's stamps; `wall` is the device's time for re-stamps).
///
/// Each acknowledged change the request carried is answered: by its compensation when
/// refused, or as itself when accepted; the answer joins the field's shadow. An
/// acknowledged batch the request did not carry (an earlier push whose reply was lost) has
/// its answer in the server's log, which the next pulls merge. A pending field without a
/// shadow (an outbox from before shadows were kept) takes the compensation as the app
/// always did: forced if it still holds the refused change, merged otherwise.
pub fn settle(
    state: &mut ReplicaState,
    shadows: &mut Shadows,
    outbox: &[Batch],
    sent: &[u64],
    reply: &PushResponse,
    clock: &mut HlcClock,
    wall: u64,
) -> Settled {
    clock.observe(reply.server_hlc);
    let compensations: Vec<&Change> =
        reply.rejections.iter().filter_map(|r| r.compensation.as_ref()).collect();
    compensations.iter().for_each(|c| clock.observe(c.hlc));
    let mut fields = BTreeSet::new();
    for b in outbox.iter().filter(|b| b.seq <= reply.last_seq) {
        let carried = sent.contains(&b.seq);
        for (i, c) in b.changes.iter().enumerate() {
            let rejection = reply.rejections.iter().find(|r| (r.seq, r.index) == (b.seq, i));
            let answer = match rejection {
                Some(r) => r.compensation.as_ref(),
                None if carried => Some(c),
                None => None,
            };
            let k = key(c);
            match (shadows.0.get_mut(&k), answer) {
                (Some(s), Some(a)) => join(s, a),
                (None, Some(a)) if rejection.is_some() => {
                    let held = state.field(&c.kind, &c.id, &c.field).map(|f| f.stamp());
                    if held == Some(c.stamp()) {
                        state.force(a);
                    } else {
                        state.apply(a);
                    }
                }
                _ => {}
            }
            fields.insert(k);
        }
    }
    let mut rest: Vec<Batch> = outbox.iter().filter(|b| b.seq > reply.last_seq).cloned().collect();
    let restamped = restamp(&mut rest, &compensations, clock, wall);
    let mut touched = BTreeSet::new();
    for k in fields {
        touched.insert((k.0.clone(), k.1.clone()));
        let pending: Vec<&Change> = rest
            .iter()
            .flat_map(|b| &b.changes)
            .filter(|c| (&c.kind, &c.id, &c.field) == (&k.0, &k.1, &k.2))
            .collect();
        if let Some(confirmed) = shadows.0.get(&k) {
            state.force(&confirmed.to_change(&k.0, &k.1, &k.2));
            if pending.is_empty() {
                shadows.0.remove(&k);
            }
        }
        for c in pending {
            state.apply(c);
        }
    }
    Settled { outbox: rest, restamped, touched }
}

/// Re-stamps, in `rest`, each edit of a field a compensation answered (after it, which the
/// clock has observed, with `prev` the compensation's stamp): the author's latest word must
/// not lose to the server's answer to an earlier one. Returns the batches it changed.
fn restamp(
    rest: &mut [Batch],
    compensations: &[&Change],
    clock: &mut HlcClock,
    wall: u64,
) -> Vec<Batch> {
    let comp_of = |c: &Change| {
        compensations
            .iter()
            .rev()
            .find(|k| (&k.kind, &k.id, &k.field) == (&c.kind, &c.id, &c.field))
    };
    let mut out = Vec::new();
    for b in rest.iter_mut() {
        if !b.changes.iter().any(|c| comp_of(c).is_some()) {
            continue;
        }
        for c in &mut b.changes {
            if let Some(k) = comp_of(c) {
                c.prev = Some(k.hlc);
                c.hlc = clock.now(wall);
            }
        }
        out.push(b.clone());
    }
    out
}

#[cfg(test)]
#[path = "rebase_tests.rs"]
mod tests;
