//! The verdict on one change a device pushes — every rule the server applies, with no I/O.
//!
//! The storage layer looks up what the verdict needs (is the record in another scope? what
//! is stored in the field?), calls [`judge`], and stores [`Verdict::writes`] as they are, in
//! order. The real server and the model server of the tests ([`crate::testing`]) call the
//! same function, so a test server cannot drift from the real one.
//!
//! Order of the checks: scope (first, so that no refusal ever writes to a foreign record),
//! schema, the pushing replica, who may write the kind and the field, fields only the server
//! or a supervisor writes ([`crate::scope::check_writer`], which the app's forms ask too),
//! identity fields (`created_by`, a history record's `by` and `device`) set from the session, the
//! device clock, the last-writer-wins merge, business rules on a winning write
//! ([`business_rules`]: status moves by role, set-once fields), then the whole-record rules
//! ([`record`], reading [`Target::records`]: a cancellation's reason, a complaint's loop, a
//! call-back's attempt, published checklists, history and authors, quality-check answers,
//! a new request's number, clearing a link), with an event's server `received_at`, then the
//! conflict record for a concurrent edit of a review field. The checks before the merge are
//! one function ([`admit`]), which also says which of a batch's changes the rules may read
//! ([`view::BatchView`]).
//!
//! Laws:
//! - A refused change never changes a field: the only writes are compensations, which restate
//!   the stored value.
//! - A refused change to a record the server does not hold ([`Target::new_record`]) writes
//!   nothing at all: no row of a record nobody made may exist (it would hold the record's id
//!   for a site or an owner). Its compensation — `null` at [`Hlc::ZERO`], which any real
//!   write outranks — goes to the pusher alone, which takes it as the field's confirmed
//!   value ([`crate::rebase`]).
//! - The server's own writes (an event's `received_at`, conflict records) come only with a
//!   change that won.
//! - A compensation is stamped after the refused change whenever its clock could be observed
//!   (the device was at most `max_ahead_ms` ahead), so it wins on every replica by plain merge.

use crate::change::Change;
use crate::conflict::{Authors, Conflict};
use crate::hlc::{Hlc, HlcClock};
use crate::ids::{canonical_uuid, RecordId, ReplicaId};
use crate::lww::{merge_field, FieldState};
use crate::machine::Machine;
use crate::names::{field as f, kind as k};
use crate::refusal::{Refusal, RejectCode};
use crate::request::number::NumberBlock;
use crate::request::{history, RequestStatus};
use crate::role::Role;
use crate::schema::{FieldDef, FieldType};

mod admit;
mod record;
pub mod view;
use admit::admit;
pub use view::BatchView;

/// Who is pushing, as the server derived it from the session.
#[derive(Debug, Clone, Copy)]
pub struct Pusher<'a> {
    pub role: Role,
    /// The replica the push came from; every change must carry it.
    pub replica: &'a ReplicaId,
    /// The pusher's staff record: what `created_by` is set to, whatever the device says.
    pub staff: Option<&'a RecordId>,
    /// The number blocks the server gave this replica (`POST /sync/numbers`): where a new
    /// request's number must come from, unless it is the replica's provisional form.
    pub blocks: &'a [NumberBlock],
    /// Set on a push that restates what a device held when the server was restored from a
    /// backup ([`Recovery`]); `None` for every other push.
    pub recovery: Option<Recovery>,
}

/// A device's restatement, after the server was restored from a backup, of the values it
/// holds that the restored server lacks or holds older ([`crate::restore`]). Those values were
/// judged when they first reached the server; the restored server has lost the states they
/// were judged against (a request's status moves, a new request's number block), so judging
/// them again one field at a time would refuse what it once accepted and answer with
/// compensations that beat the originals. A change stamped no later than the restore
/// (`restored_ms`) is therefore judged by scope, schema and who may write the kind and field
/// — never by the state-dependent rules (status moves, whole-record rules, set-once fields),
/// and it keeps its stamp, its author's replica and identity fields, so every device converges
/// on exactly the stamps it held. The server grants it only to a push that names the history
/// the restore replaced, within [`Recovery::DAYS`] days of the restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recovery {
    /// When the server was restored, ms since the epoch.
    pub restored_ms: u64,
}

impl Recovery {
    /// How long after a restore devices may restate what they held (a tablet offline for a
    /// fortnight still comes back within it).
    pub const DAYS: u64 = 30;

    /// The recovery a push naming the replaced history `previous` gets at `now_ms`, from a
    /// server restored at `restored_ms`: none once [`Self::DAYS`] have passed.
    pub fn granted(restored_ms: u64, now_ms: u64) -> Option<Recovery> {
        let until = restored_ms.saturating_add(Self::DAYS * 86_400_000);
        (now_ms <= until).then_some(Recovery { restored_ms })
    }

    /// Whether `incoming` is a restatement: stamped no later than the restore.
    pub fn restates(self, incoming: &Change) -> bool {
        incoming.hlc.millis() <= self.restored_ms
    }
}

/// What storage holds for the change's target.
#[derive(Debug, Clone, Copy, Default)]
pub struct Target<'a> {
    /// The record exists in a scope the pusher does not hold (another site, another area,
    /// another department's request), or the change would place it there (a request for a
    /// unit of another area).
    pub foreign: bool,
    /// The field's merged state, if any.
    pub stored: Option<&'a FieldState>,
    /// The server holds nothing of the record (no field of it, in the pusher's site): a
    /// refusal then writes nothing.
    pub new_record: bool,
    /// The records the whole-record rules read ([`record`]), as stored and as the batch
    /// leaves them; `None` reads as no record at all. The server fetches what
    /// [`view::wanted`] names; the model server has everything.
    pub records: Option<&'a BatchView>,
    /// The staff whose device wrote the stored value (the owner of its replica): a
    /// conflict's record names them ([`Conflict::between`]). `None` when unknown.
    pub stored_by: Option<&'a RecordId>,
}

/// The server's time and its tolerance for device clocks.
#[derive(Debug, Clone, Copy)]
pub struct ServerTime {
    /// The server's wall clock, ms since the epoch.
    pub now_ms: u64,
    /// Device stamps further ahead than this are re-stamped (default 5 min; `docs/ARCHITECTURE.md`, "Push rules").
    pub max_ahead_ms: u64,
}

/// A refusal and the change that undoes it on the device.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub refusal: Refusal,
    /// The device applies it as the server's answer; `None` when there is nothing to undo
    /// (a malformed change the device could not have applied meaningfully).
    pub compensation: Option<Change>,
}

/// What to store and what to answer for one incoming change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    /// Changes to store as they are (each already decided to win), in order.
    pub writes: Vec<Change>,
    /// Set when the change was refused or altered (re-stamped).
    pub refused: Option<Refused>,
}

/// Business rules on a write by `role` that wins the merge: the request and renovation
/// status machines (which role may make which move) and fields that are set once.
pub fn business_rules(
    role: Role,
    fd: &FieldDef,
    kind: &str,
    stored: Option<&FieldState>,
    value: &serde_json::Value,
) -> Result<(), Refusal> {
    let set = stored.is_some_and(|s| !s.value.is_null());
    if fd.once && set && stored.is_some_and(|s| &s.value != value) {
        let msg = format!("{kind}.{} cannot change once set", fd.name);
        return Err(Refusal::new(RejectCode::Forbidden, msg));
    }
    match (kind, fd.name) {
        (k::REQUEST, f::STATUS) => RequestStatus::check_write(role, stored, value),
        (k::RENOVATION, f::STATUS) => {
            crate::renovation::RenovationStatus::check_write(role, stored, value)
        }
        (k::SURVEY, f::SAMPLE_PCT) => crate::survey::check_sample_pct(value),
        (k::RELEASE_PASS, f::STATUS) => crate::moving::PassStatus::check_write(role, stored, value),
        _ => Ok(()),
    }
}

/// Judges one incoming change. `clock` is the server's HLC: it observes the device's stamp
/// (unless too far ahead) and stamps compensations and conflict records.
pub fn judge(
    pusher: Pusher<'_>,
    target: Target<'_>,
    incoming: &Change,
    clock: &mut HlcClock,
    time: ServerTime,
) -> Verdict {
    let ahead = incoming.hlc.millis() > time.now_ms.saturating_add(time.max_ahead_ms);
    if !ahead {
        clock.observe(incoming.hlc);
    }
    let mut v = Verdict::default();
    if target.foreign {
        // First of all: nothing of a foreign record is read or written — not even a
        // compensation, which would overwrite it — the device just drops its value.
        let r = Refusal::new(RejectCode::OutOfScope, "record is outside your scope");
        let comp = Change::compensating(incoming, None, clock.now(time.now_ms));
        v.refused = Some(Refused { refusal: r, compensation: Some(comp) });
        return v;
    }
    let restated = pusher.recovery.is_some_and(|r| r.restates(incoming));
    let (kd, fd) = match admit(pusher, incoming, restated) {
        Ok(defs) => defs,
        Err((r, undo, keep)) => {
            let target = if keep { target } else { Target::default() };
            return v.refuse(r, undo, incoming, target, clock, time);
        }
    };
    let mut change = incoming.clone();
    canonical_ref(fd, &mut change.value);
    let identity = kd.is_identity(fd.name) && !restated;
    if identity {
        if let Some(r) = set_identity(pusher, fd.name, target.stored, &mut change) {
            return v.refuse(r, true, incoming, target, clock, time);
        }
    }
    let rewritten = change.value != incoming.value && identity;
    if ahead || rewritten {
        change.hlc = clock.now(time.now_ms);
    }
    let empty;
    let view = match target.records {
        Some(view) => view,
        None => {
            empty = BatchView::default();
            &empty
        }
    };
    // Before the merge: the second booking of a lift slot is refused even where its
    // changes would lose, so that its butler always hears the slot was taken.
    if let (false, Err(r)) = (restated, record::slot(view, &change)) {
        return v.refuse(r, true, incoming, target, clock, time);
    }
    let outcome = merge_field(target.stored, &change);
    if outcome.wins {
        let rules = match restated {
            true => Ok(()),
            false => business_rules(pusher.role, fd, kd.name, target.stored, &change.value)
                .and_then(|()| record::check(pusher, view, target.stored, &change)),
        };
        if let Err(r) = rules {
            return v.refuse(r, true, incoming, target, clock, time);
        }
        v.writes.push(change.clone());
        if (kd.name, fd.name) == (history::EVENT, f::REQUEST) && target.stored.is_none() {
            // When the event reached the server: the history's "received" time.
            let at = Change {
                field: f::RECEIVED_AT.into(),
                value: serde_json::json!(time.now_ms),
                hlc: clock.now(time.now_ms),
                replica: ReplicaId::server(),
                prev: None,
                ..change.clone()
            };
            v.writes.push(at);
        }
    }
    if let (true, true, Some(stored)) = (outcome.concurrent, fd.review, target.stored) {
        let by = Authors { incoming: pusher.staff, stored: target.stored_by };
        let conflict = Conflict::between(&change, stored, outcome.wins, by);
        v.writes.extend(conflict.to_changes(&conflict.id(), || clock.now(time.now_ms)));
    }
    if ahead || rewritten {
        let r = if ahead {
            Refusal::new(
                RejectCode::ClockAhead,
                "device clock is too far ahead; the change was re-stamped",
            )
        } else {
            Refusal::new(
                RejectCode::Rewritten,
                format!("{} is the signed-in user and device", fd.name),
            )
        };
        let comp =
            if outcome.wins { change } else { v.compensation(incoming, target, clock, time) };
        v.refused = Some(Refused { refusal: r, compensation: Some(comp) });
    }
    v
}

/// An identity field names the signed-in user (`device`: the pushing replica), whatever the
/// device sent, and is set once: a change of an existing value is refused.
fn set_identity(
    pusher: Pusher<'_>,
    field: &str,
    stored: Option<&FieldState>,
    change: &mut Change,
) -> Option<Refusal> {
    let me = if field == crate::names::field::DEVICE {
        pusher.replica.as_str().to_owned()
    } else {
        pusher.staff?.as_str().to_owned()
    };
    let me = serde_json::Value::String(me);
    match stored {
        Some(s) if !s.value.is_null() && s.value != me => Some(Refusal::new(
            RejectCode::Forbidden,
            format!("the {field} of a record cannot change"),
        )),
        _ => {
            change.value = me;
            None
        }
    }
}

/// A reference to another record is stored in its canonical spelling (a UUID in lower case),
/// so that lookups by id find it whatever case the device used.
fn canonical_ref(fd: &FieldDef, value: &mut serde_json::Value) {
    if let (FieldType::Ref(_), serde_json::Value::String(s)) = (fd.ty, &*value) {
        *value = serde_json::Value::String(canonical_uuid(s.clone()));
    }
}

impl Verdict {
    /// Refuses the change; with `undo`, answers it with a compensation.
    fn refuse(
        mut self,
        refusal: Refusal,
        undo: bool,
        incoming: &Change,
        target: Target<'_>,
        clock: &mut HlcClock,
        time: ServerTime,
    ) -> Self {
        let compensation = undo.then(|| self.compensation(incoming, target, clock, time));
        self.refused = Some(Refused { refusal, compensation });
        self
    }

    /// The stored value (or `null`) restated at a fresh stamp and written to the log, so
    /// that every replica — not only the one that made the refused change — converges. For a
    /// record the server does not hold, nothing is written: no replica holds the refused
    /// value but the pusher, and `null` at the zero stamp takes it back there without
    /// outranking the record's first real write, wherever that comes from.
    fn compensation(
        &mut self,
        incoming: &Change,
        target: Target<'_>,
        clock: &mut HlcClock,
        time: ServerTime,
    ) -> Change {
        if target.new_record {
            return Change::compensating(incoming, None, Hlc::ZERO);
        }
        let comp = Change::compensating(incoming, target.stored, clock.now(time.now_ms));
        self.writes.push(comp.clone());
        comp
    }
}

#[cfg(test)]
#[path = "push_rules_tests.rs"]
mod tests;
