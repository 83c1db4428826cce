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
use imbl::OrdMap;
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

/// The shadow of every pending field, [`unset`] for one the server confirmed nothing of (a
/// new record's). A persistent map: the app copies it at every step in O(1), and stores only
/// its [`Shadows::stored`] entries, so a day of new records made offline writes nothing more.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shadows(OrdMap<FieldKey, FieldState>);

/// One stored shadow (the app's meta value `shadows` is a list of them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shadow {
    pub kind: Kind,
    pub id: RecordId,
    pub field: String,
    pub confirmed: FieldState,
}

/// Merges `c` into `s` by the LWW rule; returns whether `s` moved.
fn join(s: &mut FieldState, c: &Change) -> bool {
    let wins = merge_field(Some(s), c).wins;
    if wins {
        *s = FieldState::from_change(c);
    }
    wins
}

impl Shadows {
    /// No shadow at all.
    pub fn new() -> Self {
        Self::default()
    }

    /// The shadows of `outbox`'s fields as stored ([`Shadows::stored`]): a pending field
    /// stored with none is [`unset`] — so is every one of an outbox written before shadows
    /// were kept, which then takes the server's answers as they come.
    pub fn restore(stored: Vec<Shadow>, outbox: &[Batch]) -> Self {
        let stored: BTreeMap<FieldKey, FieldState> =
            stored.into_iter().map(|s| ((s.kind, s.id, s.field), s.confirmed)).collect();
        let mut shadows = Shadows::new();
        for c in outbox.iter().flat_map(|b| &b.changes) {
            let k = key(c);
            let confirmed = stored.get(&k).cloned().unwrap_or_else(unset);
            shadows.0.entry(k).or_insert(confirmed);
        }
        shadows
    }

    /// What to store: the shadows that are not [`unset`].
    pub fn stored(&self) -> Vec<Shadow> {
        let set = self.0.iter().filter(|(_, s)| **s != unset());
        let entry = |((kind, id, field), confirmed): (&FieldKey, &FieldState)| Shadow {
            kind: kind.clone(),
            id: id.clone(),
            field: field.clone(),
            confirmed: confirmed.clone(),
        };
        set.map(entry).collect()
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

    /// Before the local edits `changes` are applied to `state`: a field with no pending edit
    /// yet (no shadow) keeps what `state` holds of it — confirmed, by the laws — as its
    /// shadow. Returns whether a [`Shadows::stored`] entry was added.
    pub fn before_edit(&mut self, state: &ReplicaState, changes: &[Change]) -> bool {
        let mut stored = false;
        for c in changes {
            let k = key(c);
            if self.0.contains_key(&k) {
                continue;
            }
            let held = state.field(&c.kind, &c.id, &c.field).cloned().unwrap_or_else(unset);
            stored |= held != unset();
            self.0.insert(k, held);
        }
        stored
    }

    /// Merges pulled changes into the shadows of their fields; the caller merges them into
    /// the state as usual. Returns whether a shadow moved (the app then stores them).
    pub fn pulled(&mut self, changes: &[Change]) -> bool {
        let mut moved = false;
        for c in changes {
            if let Some(s) = self.0.get_mut(&key(c)) {
                moved |= join(s, c);
            }
        }
        moved
    }

    /// A `reset` pull: the replica is the snapshot plus the outbox's edits, and each pending
    /// field's shadow is what the snapshot holds of it ([`Shadows::of_snapshot`]).
    pub fn reset(snapshot: &[Change], outbox: &[Batch]) -> (ReplicaState, Shadows) {
        let mut state = ReplicaState::new();
        for c in snapshot {
            state.apply(c);
        }
        let shadows = Shadows::of_snapshot(&state, outbox);
        for c in outbox.iter().flat_map(|b| &b.changes) {
            state.apply(c);
        }
        (state, shadows)
    }

    /// The shadows after a `reset`: for each field `outbox` has an edit of, what `snapshot`
    /// (the server's state, before the outbox is merged on top) holds of it.
    pub fn of_snapshot(snapshot: &ReplicaState, outbox: &[Batch]) -> Shadows {
        let mut shadows = Shadows::new();
        for c in outbox.iter().flat_map(|b| &b.changes) {
            let confirmed = snapshot.field(&c.kind, &c.id, &c.field).cloned();
            shadows.0.entry(key(c)).or_insert_with(|| confirmed.unwrap_or_else(unset));
        }
        shadows
    }
}

/// What a push reply left: the outbox after it and the records to store again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settled {
    /// The batches after `last_seq`, some re-stamped.
    pub outbox: Vec<Batch>,
    /// The batches of `outbox` that were re-stamped (to store again under their `seq`).
    pub restamped: Vec<Batch>,
    /// The records whose fields changed.
    pub touched: BTreeSet<(Kind, RecordId)>,
    /// Whether the [`Shadows::stored`] entries changed.
    pub shadows_moved: bool,
}

/// The push reply `reply` to a request that carried the batches `sent` (by `seq`), applied
/// to a device's `state` and `shadows`, its `outbox` as it was when the reply came and its
/// `clock` (which observes the server's stamps; `wall` is the device's time for re-stamps).
///
/// Each acknowledged change the request carried is answered: by its compensation when
/// refused, or as itself when accepted; the answer joins the field's shadow. An
/// acknowledged batch the request did not carry (an earlier push whose reply was lost) has
/// its answer in the server's log, which the next pulls merge.
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
    let mut moved = false;
    let mut fields = BTreeMap::new();
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
            let shadow = shadows.0.entry(k.clone()).or_insert_with(unset);
            if let Some(a) = answer {
                moved |= join(shadow, a);
            }
            fields.insert(k, Vec::new());
        }
    }
    let mut rest: Vec<Batch> = outbox.iter().filter(|b| b.seq > reply.last_seq).cloned().collect();
    let restamped = restamp(&mut rest, &compensations, clock, wall);
    for c in rest.iter().flat_map(|b| &b.changes) {
        if let Some(pending) = fields.get_mut(&key(c)) {
            pending.push(c);
        }
    }
    let mut touched = BTreeSet::new();
    for (k, pending) in fields {
        let mut shown = shadows.0.get(&k).cloned().unwrap_or_else(unset);
        pending.iter().for_each(|c| _ = join(&mut shown, c));
        if pending.is_empty() {
            moved |= shadows.0.remove(&k).is_some_and(|s| s != unset());
        }
        if state.field(&k.0, &k.1, &k.2) != Some(&shown) {
            state.force(&shown.to_change(&k.0, &k.1, &k.2));
            touched.insert((k.0, k.1));
        }
    }
    Settled { outbox: rest, restamped, touched, shadows_moved: moved }
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
