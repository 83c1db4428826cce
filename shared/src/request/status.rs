//! The request status machine (流转), with the roles that may make each move.
//!
//! Laws:
//! - Every move is a row of [`TRANSITIONS`]: the UI offers exactly the moves
//!   [`RequestStatus::next_steps_for`] lists, and the server refuses any other
//!   ([`RequestStatus::check_write`]), so what a button promises the server keeps.
//! - Setting the status a request already has is always allowed: a retried edit is never refused.
//! - Nothing comes back from `cancelled`; `closed` comes back only by reopening, by the office.

use crate::lww::FieldState;
use crate::refusal::{Refusal, RejectCode};
use crate::role::Role;
use crate::wire_enum::wire_enum;

wire_enum!(
    /// Where a request stands. Transitions are checked by the server on push; see
    /// [`TRANSITIONS`].
    RequestStatus {
        /// Taken, not yet routed (首问负责: the taker owns it).
        New = "new",
        /// Routed to a department or person (派单).
        Assigned = "assigned",
        /// Work has started.
        InProgress = "in_progress",
        /// Work finished; waiting for the call-back (回访).
        Done = "done",
        /// The resident was called back and satisfied (or neutral): ready to close.
        CalledBack = "called_back",
        /// Finished with a result.
        Closed = "closed",
        /// Not satisfied, or it came back: it goes round again.
        Reopened = "reopened",
        /// Withdrawn (duplicate, raised in error), with a reason.
        Cancelled = "cancelled",
    }
);

use RequestStatus::*;
use Role::{Butler, Department, Office, Supervisor};

/// Who dispatches, calls back and closes: the butler who owns the area and the office.
const DESK: &[Role] = &[Butler, Office, Supervisor];
/// Who does the work: the desk and the department it was routed to.
const WORKERS: &[Role] = &[Butler, Office, Supervisor, Department];
/// Only the office takes back a closed request.
const OFFICE: &[Role] = &[Office, Supervisor];

/// Every legal move `(from, to, roles that may make it)`. The call-back is never made by
/// the department that did the work.
pub const TRANSITIONS: &[(RequestStatus, RequestStatus, &[Role])] = &[
    (New, Assigned, DESK),
    (New, InProgress, WORKERS),
    (New, Cancelled, DESK),
    (Assigned, InProgress, WORKERS),
    (Assigned, New, DESK),
    (Assigned, Cancelled, DESK),
    (InProgress, Done, WORKERS),
    (InProgress, Assigned, WORKERS),
    (Done, CalledBack, DESK),
    (Done, Reopened, DESK),
    (CalledBack, Closed, DESK),
    (CalledBack, Reopened, DESK),
    (Closed, Reopened, OFFICE),
    (Reopened, Assigned, DESK),
    (Reopened, InProgress, WORKERS),
];

impl RequestStatus {
    /// The status a request is created with.
    pub const INITIAL: RequestStatus = RequestStatus::New;

    /// Whether a request in `self` may move to `next` by anyone. Setting the same status
    /// again is allowed (a retried edit must not be refused).
    pub fn can_become(self, next: RequestStatus) -> bool {
        self == next || TRANSITIONS.iter().any(|(a, b, _)| (*a, *b) == (self, next))
    }

    /// Whether `role` may move a request from `self` to `next`.
    pub fn may_become(self, next: RequestStatus, role: Role) -> bool {
        self == next
            || TRANSITIONS.iter().any(|(a, b, who)| (*a, *b) == (self, next) && who.contains(&role))
    }

    /// Statuses reachable from `self` in one step by anyone.
    pub fn next_steps(self) -> Vec<RequestStatus> {
        Self::ALL.iter().copied().filter(|n| *n != self && self.can_become(*n)).collect()
    }

    /// Statuses `role` may move the request to from `self` (what the UI offers as buttons).
    pub fn next_steps_for(self, role: Role) -> Vec<RequestStatus> {
        Self::ALL.iter().copied().filter(|n| *n != self && self.may_become(*n, role)).collect()
    }

    /// Whether a move to `self` needs a reason (`cancel_reason`): a cancellation. The app's
    /// form asks for it and the server refuses the move without it (`reason_required`).
    pub fn needs_reason(self) -> bool {
        self == Cancelled
    }

    /// Open means somebody still has to act on it.
    pub fn is_open(self) -> bool {
        !matches!(self, Closed | Cancelled)
    }

    /// The work is finished (done, called back or closed): what the call-back waits for.
    pub fn is_finished(self) -> bool {
        matches!(self, Done | CalledBack | Closed)
    }

    /// The one check of a status write by `role`: `stored` is the field as the judge holds
    /// it (none for a new request), `next` the value written. A new request starts as
    /// [`RequestStatus::INITIAL`]; a status is never cleared; every move must be a row of
    /// [`TRANSITIONS`] that names `role`. An unparseable stored status (written by a newer
    /// schema) is judged as missing, so the record can still be repaired.
    pub fn check_write(
        role: Role,
        stored: Option<&FieldState>,
        next: &serde_json::Value,
    ) -> Result<(), Refusal> {
        let refuse = |m: String| Err(Refusal::new(RejectCode::BadTransition, m));
        let Some(next) = next.as_str().and_then(RequestStatus::parse) else {
            return refuse("a request's status cannot be cleared".into());
        };
        match stored.and_then(|s| s.value.as_str()).and_then(RequestStatus::parse) {
            None if next != RequestStatus::INITIAL => {
                refuse(format!("a new request starts as new, not {next}"))
            }
            Some(from) if !from.can_become(next) => {
                refuse(format!("status cannot go from {from} to {next}"))
            }
            Some(from) if !from.may_become(next, role) => Err(Refusal::new(
                RejectCode::Forbidden,
                format!("a {role} may not move a request from {from} to {next}"),
            )),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Hlc, ReplicaId};
    use serde_json::json;

    #[test]
    fn the_main_path_with_call_back_and_reopen_is_allowed() {
        let path = [New, Assigned, InProgress, Done, CalledBack, Closed];
        for w in path.windows(2) {
            assert!(w[0].may_become(w[1], Butler), "{:?} -> {:?}", w[0], w[1]);
        }
        for from in [Done, CalledBack, Closed] {
            assert!(from.can_become(Reopened), "{from:?}");
        }
    }

    #[test]
    fn skipping_ahead_or_reviving_a_cancelled_request_is_refused() {
        for (a, b) in [
            (New, Done),
            (New, Closed),
            (Assigned, Closed),
            (Done, Closed),
            (Closed, InProgress),
            (Cancelled, New),
            (InProgress, Reopened),
        ] {
            assert!(!a.can_become(b), "{a:?} -> {b:?}");
        }
        assert!(Cancelled.next_steps().is_empty());
    }

    #[test]
    fn the_department_works_but_never_calls_back_dispatches_or_reopens() {
        assert_eq!(Assigned.next_steps_for(Department), vec![InProgress]);
        assert_eq!(InProgress.next_steps_for(Department), vec![Assigned, Done]);
        assert!(Done.next_steps_for(Department).is_empty());
        assert!(New.next_steps_for(Department).contains(&InProgress));
        assert!(!Closed.may_become(Reopened, Butler));
        assert!(Closed.may_become(Reopened, Supervisor));
    }

    #[test]
    fn every_transition_names_someone_and_moves() {
        for (a, b, who) in TRANSITIONS {
            assert!(a != b && !who.is_empty(), "{a:?} -> {b:?}");
            assert!(a.is_open() || *b == Reopened, "nothing leaves {a:?} but by reopening");
        }
    }

    #[test]
    fn status_writes_are_judged_against_the_stored_status_and_the_role() {
        let at = |v: &str| FieldState {
            value: json!(v),
            hlc: Hlc::new(1, 0),
            replica: ReplicaId::from("r"),
            prev: None,
        };
        let check = |role, stored: Option<FieldState>, next: &str| {
            RequestStatus::check_write(role, stored.as_ref(), &json!(next))
        };
        assert!(check(Butler, None, "new").is_ok());
        assert!(check(Butler, Some(at("new")), "assigned").is_ok());
        assert!(check(Department, Some(at("done")), "done").is_ok());
        for (stored, next) in [(None, "done"), (Some(at("new")), "closed")] {
            assert_eq!(check(Office, stored, next).unwrap_err().code, RejectCode::BadTransition);
        }
        let forbidden = check(Department, Some(at("done")), "called_back").unwrap_err();
        assert_eq!(forbidden.code, RejectCode::Forbidden);
        assert!(forbidden.message.contains("department"), "{forbidden}");
        let cleared =
            RequestStatus::check_write(Butler, Some(&at("new")), &json!(null)).unwrap_err();
        assert!(cleared.message.contains("cleared"), "{cleared}");
    }

    #[test]
    fn wire_names_round_trip() {
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.as_str()), Some(*s));
        }
    }
}
