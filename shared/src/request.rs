//! Service requests (工单): categories, urgency and the status machine the server enforces.

use crate::lww::FieldState;
use crate::refusal::{Refusal, RejectCode};
use crate::wire_enum::wire_enum;

wire_enum!(
    /// Where a request stands. Transitions are checked by the server on push; see
    /// [`RequestStatus::can_become`].
    RequestStatus {
        /// Taken, not yet routed (首问负责: the taker owns it).
        New = "new",
        /// Routed to a department or person.
        Assigned = "assigned",
        /// Work has started.
        InProgress = "in_progress",
        /// Work finished; waiting for the follow-up call.
        Done = "done",
        /// Followed up and closed with a result.
        Closed = "closed",
        /// Done or closed, but the resident was not satisfied: it goes round again.
        Reopened = "reopened",
        /// Withdrawn before any work (duplicate, raised in error).
        Cancelled = "cancelled",
    }
);

impl RequestStatus {
    /// The status a request is created with.
    pub const INITIAL: RequestStatus = RequestStatus::New;

    /// Whether a request in `self` may move to `next`. Setting the same status again is
    /// allowed (a retried edit must not be refused).
    pub fn can_become(self, next: RequestStatus) -> bool {
        use RequestStatus::*;
        self == next
            || matches!(
                (self, next),
                (New, Assigned)
                    | (New, InProgress)
                    | (New, Cancelled)
                    | (Assigned, InProgress)
                    | (Assigned, New)
                    | (Assigned, Cancelled)
                    | (InProgress, Done)
                    | (InProgress, Assigned)
                    | (Done, Closed)
                    | (Done, Reopened)
                    | (Closed, Reopened)
                    | (Reopened, Assigned)
                    | (Reopened, InProgress)
            )
    }

    /// Statuses reachable from `self` in one step (what the UI offers as buttons).
    pub fn next_steps(self) -> Vec<RequestStatus> {
        Self::ALL.iter().copied().filter(|n| *n != self && self.can_become(*n)).collect()
    }

    /// Open means somebody still has to act on it.
    pub fn is_open(self) -> bool {
        !matches!(self, RequestStatus::Closed | RequestStatus::Cancelled)
    }

    /// The one check of a status write: `stored` is the field as the judge holds it (none
    /// for a new request), `next` the value written. A new request starts as
    /// [`RequestStatus::INITIAL`]; a status is never cleared; every move must pass
    /// [`RequestStatus::can_become`]. An unparseable stored status (written by a newer
    /// schema) is judged as missing, so the record can still be repaired.
    pub fn check_write(
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
            _ => Ok(()),
        }
    }
}

wire_enum!(
    /// What kind of request it is; complaints carry stricter deadlines.
    Category {
        Repair = "repair",
        Inquiry = "inquiry",
        Complaint = "complaint",
        Suggestion = "suggestion",
        Praise = "praise",
        PaidService = "paid_service",
    }
);

wire_enum!(
    /// 急 or not.
    Urgency {
        Normal = "normal",
        Urgent = "urgent",
    }
);

wire_enum!(
    /// The channel a request came in by.
    Source {
        Phone = "phone",
        WalkIn = "walk_in",
        Patrol = "patrol",
        Visit = "visit",
        Online = "online",
    }
);

#[cfg(test)]
mod tests {
    use super::RequestStatus::*;
    use super::*;

    #[test]
    fn the_main_path_and_reopen_are_allowed() {
        for (a, b) in [(New, Assigned), (Assigned, InProgress), (InProgress, Done), (Done, Closed)]
        {
            assert!(a.can_become(b), "{a:?} -> {b:?}");
        }
        assert!(Done.can_become(Reopened));
        assert!(Closed.can_become(Reopened));
    }

    #[test]
    fn skipping_ahead_or_reviving_a_cancelled_request_is_refused() {
        assert!(!New.can_become(Done));
        assert!(!New.can_become(Closed));
        assert!(!Assigned.can_become(Closed));
        assert!(!Closed.can_become(InProgress));
        assert!(!Cancelled.can_become(New));
        assert!(!InProgress.can_become(Reopened));
    }

    #[test]
    fn status_writes_are_judged_against_the_stored_status() {
        use crate::{Hlc, ReplicaId};
        use serde_json::json;
        let at = |v: &str| FieldState {
            value: json!(v),
            hlc: Hlc::new(1, 0),
            replica: ReplicaId::from("r"),
            prev: None,
        };
        assert!(RequestStatus::check_write(None, &json!("new")).is_ok());
        assert!(RequestStatus::check_write(Some(&at("new")), &json!("assigned")).is_ok());
        assert!(RequestStatus::check_write(Some(&at("done")), &json!("done")).is_ok());
        for (stored, next) in [(None, json!("done")), (Some(at("new")), json!("closed"))] {
            let err = RequestStatus::check_write(stored.as_ref(), &next).unwrap_err();
            assert_eq!(err.code, RejectCode::BadTransition);
        }
        let cleared = RequestStatus::check_write(Some(&at("new")), &json!(null)).unwrap_err();
        assert!(cleared.message.contains("cleared"), "{cleared}");
    }

    #[test]
    fn wire_names_round_trip() {
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Category::parse("complaint"), Some(Category::Complaint));
    }
}
