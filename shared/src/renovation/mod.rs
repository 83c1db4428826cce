//! Renovation (装修, DOMAIN duty 5; 000 §5.8): an owner's or tenant's application with its
//! documents → engineering's review → the manager's approval, kept by the server as one
//! status machine ([`RenovationStatus::check_write`]); then a daily site check of every
//! active renovation, a stop order on a violation, extension, and completion acceptance
//! (验收) with the deposit's return flagged to finance.
//!
//! Laws:
//! - Every move is a row of [`TRANSITIONS`]: the app offers
//!   [`RenovationStatus::next_steps_for`], the server refuses any other move
//!   (`bad_transition`) and a legal move by the wrong role (`forbidden`). So approval before
//!   review is no move at all, and only a supervisor (the manager) approves.
//! - Setting the status a renovation already has is always allowed (a retried edit).
//! - Nothing comes back from `rejected`, `cancelled` or `completed`.

pub mod daily;

use crate::lww::FieldState;
use crate::refusal::{Refusal, RejectCode};
use crate::role::Role;
use crate::wire_enum::wire_enum;

wire_enum!(
    /// Where a renovation stands.
    RenovationStatus {
        /// Filed with its documents; waiting for engineering's review.
        Applied = "applied",
        /// Engineering reviewed the plans and found them sound; waiting for the manager.
        Reviewed = "reviewed",
        /// Approved by the manager: works may go on between the planned dates (active).
        Approved = "approved",
        /// Stopped by a stop order after a violation, until the manager lets it go on.
        Stopped = "stopped",
        /// Finished and accepted (验收); the deposit's return is flagged to finance.
        Completed = "completed",
        /// Refused by engineering's review or by the manager.
        Rejected = "rejected",
        /// Withdrawn by the applicant.
        Cancelled = "cancelled",
    }
);

wire_enum!(
    /// What a daily site check found.
    CheckResult {
        /// Nothing wrong.
        Ok = "ok",
        /// A violation: recorded with photos, stopped, a rectification request filed.
        Violation = "violation",
    }
);

use RenovationStatus::*;
use Role::{Butler, Department, Office, Supervisor};

/// Who files and withdraws an application: the area's butler and the office.
const DESK: &[Role] = &[Butler, Office, Supervisor];
/// Who reviews: the engineering department it is routed to, or the office for it.
const REVIEWERS: &[Role] = &[Department, Office, Supervisor];
/// Who approves, refuses after review and lifts a stop order: the manager.
const MANAGER: &[Role] = &[Supervisor];
/// Who stops works on a violation: whoever checks the site, engineering too.
const SITE: &[Role] = &[Butler, Office, Supervisor, Department];

/// Every legal move `(from, to, roles that may make it)`.
pub const TRANSITIONS: &[(RenovationStatus, RenovationStatus, &[Role])] = &[
    (Applied, Reviewed, REVIEWERS),
    (Applied, Rejected, REVIEWERS),
    (Applied, Cancelled, DESK),
    (Reviewed, Approved, MANAGER),
    (Reviewed, Rejected, MANAGER),
    (Reviewed, Cancelled, DESK),
    (Approved, Stopped, SITE),
    // Acceptance (验收) files the deposit's return to finance as a request: the desk's.
    (Approved, Completed, DESK),
    (Stopped, Approved, MANAGER),
];

impl RenovationStatus {
    /// The status an application is filed with.
    pub const INITIAL: RenovationStatus = RenovationStatus::Applied;

    /// Whether the works may be under way (checked daily): approved or stopped (a stopped
    /// site is checked too, to see that it stays stopped).
    pub fn is_active(self) -> bool {
        matches!(self, Approved | Stopped)
    }

    /// Whether anyone may move a renovation from `self` to `next`.
    pub fn can_become(self, next: RenovationStatus) -> bool {
        self == next || TRANSITIONS.iter().any(|(a, b, _)| (*a, *b) == (self, next))
    }

    /// Whether `role` may move a renovation from `self` to `next`.
    pub fn may_become(self, next: RenovationStatus, role: Role) -> bool {
        self == next
            || TRANSITIONS
                .iter()
                .any(|(a, b, roles)| (*a, *b) == (self, next) && roles.contains(&role))
    }

    /// The moves `role` may make from `self`, in table order (the buttons the app shows).
    pub fn next_steps_for(self, role: Role) -> Vec<RenovationStatus> {
        TRANSITIONS
            .iter()
            .filter(|(a, _, roles)| *a == self && roles.contains(&role))
            .map(|(_, b, _)| *b)
            .collect()
    }

    /// The one check of a status write by `role` (`stored`: the field as the judge holds
    /// it, none for a new application). Read by `push_rules::business_rules`.
    pub fn check_write(
        role: Role,
        stored: Option<&FieldState>,
        next: &serde_json::Value,
    ) -> Result<(), Refusal> {
        let refuse = |m: String| Err(Refusal::new(RejectCode::BadTransition, m));
        let Some(next) = next.as_str().and_then(RenovationStatus::parse) else {
            return refuse("a renovation's status cannot be cleared".into());
        };
        match stored.and_then(|s| s.value.as_str()).and_then(RenovationStatus::parse) {
            None if next != RenovationStatus::INITIAL => {
                refuse(format!("a renovation is filed as applied, not {next}"))
            }
            Some(from) if !from.can_become(next) => {
                refuse(format!("a renovation cannot go from {from} to {next}"))
            }
            Some(from) if !from.may_become(next, role) => Err(Refusal::new(
                RejectCode::Forbidden,
                format!("a {role} may not move a renovation from {from} to {next}"),
            )),
            _ => Ok(()),
        }
    }
}

/// The namespace of the ids derived here (a fixed random UUID: changing it would double
/// every request made before).
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x3d6e_91a2_5c0b_4e7f_8a14_6f2d_b9c3_0e58);

/// The id of the deposit-return request filed when renovation `id` is accepted: derived, so
/// an acceptance pressed twice, or on two tablets offline, names one request.
pub fn deposit_request_id(id: &crate::RecordId) -> crate::RecordId {
    crate::RecordId::derived(&NAMESPACE, &["deposit-return", id.as_str()])
}

#[cfg(test)]
mod tests;
