//! Renovation (装修, DOMAIN duty 5; 000 §5.8): an owner's or tenant's application with its
//! documents → engineering's review → the manager's approval, kept by the server as one
//! status machine (a [`Machine`]: its `check_write` is the judge's, its `next_steps_for` the
//! app's buttons); then a daily site check of every
//! active renovation, a stop order on a violation, extension, and completion acceptance
//! (验收) with the deposit's return flagged to finance.
//!
//! Laws of its table ([`TRANSITIONS`], with the [`Machine`] laws): approval before review is
//! no move at all, and only a supervisor (the manager) approves; nothing comes back from
//! `rejected`, `cancelled` or `completed`.

pub mod daily;

pub use crate::machine::Machine;
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

impl Machine for RenovationStatus {
    const KIND: &'static str = crate::names::kind::RENOVATION;
    const INITIAL: RenovationStatus = RenovationStatus::Applied;
    const TRANSITIONS: &'static [(Self, Self, &'static [Role])] = TRANSITIONS;
}

impl RenovationStatus {
    /// The status an application is filed with.
    pub const INITIAL: RenovationStatus = <Self as Machine>::INITIAL;

    /// Whether the works may be under way (checked daily): approved or stopped (a stopped
    /// site is checked too, to see that it stays stopped).
    pub fn is_active(self) -> bool {
        matches!(self, Approved | Stopped)
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
