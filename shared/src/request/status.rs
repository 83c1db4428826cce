//! The request status machine (流转), with the roles that may make each move: a
//! [`Machine`], whose laws hold (the UI offers exactly the moves `next_steps_for` lists, the
//! server refuses any other with `check_write`; a retried move is never refused).
//!
//! Law of this table: nothing comes back from `cancelled`; `closed` comes back only by
//! reopening, by the office.

pub use crate::machine::Machine;
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

impl Machine for RequestStatus {
    const KIND: &'static str = crate::names::kind::REQUEST;
    const INITIAL: RequestStatus = RequestStatus::New;
    const TRANSITIONS: &'static [(Self, Self, &'static [Role])] = TRANSITIONS;
}

impl RequestStatus {
    /// The status a request is created with.
    pub const INITIAL: RequestStatus = <Self as Machine>::INITIAL;

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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lww::FieldState;
    use crate::refusal::RejectCode;
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
