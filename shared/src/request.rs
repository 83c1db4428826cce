//! Service requests (工单): categories, urgency and the status machine the server enforces.

use serde::{Deserialize, Serialize};

macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The wire string.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
            /// Parses the wire string.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some($name::$variant),)+ _ => None }
            }
            /// The wire strings of every value (the schema validates against these).
            pub const NAMES: &'static [&'static str] = &[$($s),+];
        }
    };
}

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

wire_enum!(
    /// What a signed-in user is; decides scope and what they may change.
    Role {
        /// 管家: one area, on a tablet.
        Butler = "butler",
        /// 前台 / 客服中心: the whole site, at a desk.
        Office = "office",
        /// 客服主管: the whole site, approves and reassigns.
        Supervisor = "supervisor",
    }
);

impl Role {
    /// Office staff and supervisors hold the whole site; butlers hold their area.
    pub fn sees_whole_site(self) -> bool {
        !matches!(self, Role::Butler)
    }
}

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
    fn wire_names_round_trip() {
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Category::parse("complaint"), Some(Category::Complaint));
        assert_eq!(Role::parse("root"), None);
    }
}
