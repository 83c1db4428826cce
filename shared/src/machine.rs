//! One status machine, shared by every kind that moves through states by role (a request,
//! a renovation): the table of legal moves is data, and the judge's check and the app's
//! buttons are the same functions over it, so they cannot drift apart for any kind.
//!
//! Laws (for every implementor):
//! - Every move is a row of [`Machine::TRANSITIONS`]: the app offers exactly
//!   [`Machine::next_steps_for`] the role; the server refuses any other move
//!   (`bad_transition`) and a legal move by a role the row does not name (`forbidden`).
//! - Setting the status a record already has is always allowed: a retried edit is never
//!   refused.
//! - A new record starts in [`Machine::INITIAL`]; a status is never cleared. An unparseable
//!   stored status (written by a newer schema) is judged as missing, so the record can still
//!   be repaired.

use crate::lww::FieldState;
use crate::refusal::{Refusal, RejectCode};
use crate::role::Role;
use crate::wire_enum::Wire;

/// A status enum (a `wire_enum!`) with its table of moves.
pub trait Machine: Wire {
    /// The kind whose `status` this is, named in refusals.
    const KIND: &'static str;
    /// The status a new record is created with.
    const INITIAL: Self;
    /// Every legal move `(from, to, roles that may make it)`.
    const TRANSITIONS: &'static [(Self, Self, &'static [Role])];

    /// Whether anyone may move a record from `self` to `next`.
    fn can_become(self, next: Self) -> bool {
        self == next || Self::TRANSITIONS.iter().any(|(a, b, _)| (*a, *b) == (self, next))
    }

    /// Whether `role` may move a record from `self` to `next`.
    fn may_become(self, next: Self, role: Role) -> bool {
        self == next
            || Self::TRANSITIONS
                .iter()
                .any(|(a, b, who)| (*a, *b) == (self, next) && who.contains(&role))
    }

    /// The statuses reachable from `self` in one step by anyone.
    fn next_steps(self) -> Vec<Self> {
        Self::all().iter().copied().filter(|n| *n != self && self.can_become(*n)).collect()
    }

    /// The statuses `role` may move a record to from `self`: the app's buttons.
    fn next_steps_for(self, role: Role) -> Vec<Self> {
        Self::all().iter().copied().filter(|n| *n != self && self.may_become(*n, role)).collect()
    }

    /// The one check of a status write by `role`: `stored` is the field as the judge holds
    /// it (none for a new record), `next` the value written. Read by
    /// `push_rules::business_rules`.
    fn check_write(
        role: Role,
        stored: Option<&FieldState>,
        next: &serde_json::Value,
    ) -> Result<(), Refusal> {
        let noun = Self::KIND;
        let refuse = |m: String| Err(Refusal::new(RejectCode::BadTransition, m));
        let Some(next) = next.as_str().and_then(Self::from_wire) else {
            return refuse(format!("a {noun}'s status cannot be cleared"));
        };
        match stored.and_then(|s| s.value.as_str()).and_then(Self::from_wire) {
            None if next != Self::INITIAL => {
                refuse(format!("a new {noun} starts as {}, not {next}", Self::INITIAL))
            }
            Some(from) if !from.can_become(next) => {
                refuse(format!("a {noun}'s status cannot go from {from} to {next}"))
            }
            Some(from) if !from.may_become(next, role) => Err(Refusal::new(
                RejectCode::Forbidden,
                format!("a {role} may not move a {noun} from {from} to {next}"),
            )),
            _ => Ok(()),
        }
    }
}
