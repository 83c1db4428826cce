//! Release passes (放行条): who may move a pass's status, as a status [`Machine`] like a
//! request's and a renovation's.
//!
//! Laws of the table ([`TRANSITIONS`], with the [`Machine`] laws): security (department
//! staff) only mark an issued pass used at the gate; the butler and the office issue and
//! void, and issue a voided pass again; a used pass stays used for everybody but the office
//! (a mistake at the gate is the office's to undo). A pass is issued when made.

use super::PassStatus;
pub use crate::machine::Machine;
use crate::role::Role;
use PassStatus::*;
use Role::{Butler, Department, Office, Supervisor};

/// Who marks a pass used: the desk, and security at the gate.
const GATE: &[Role] = &[Butler, Office, Supervisor, Department];
/// Who issues and voids: the area's butler and the office.
const DESK: &[Role] = &[Butler, Office, Supervisor];
/// Who undoes a pass marked used by mistake.
const OFFICE: &[Role] = &[Office, Supervisor];

/// Every legal move `(from, to, roles that may make it)`.
pub const TRANSITIONS: &[(PassStatus, PassStatus, &[Role])] = &[
    (Issued, Used, GATE),
    (Issued, Void, DESK),
    (Void, Issued, DESK),
    (Used, Issued, OFFICE),
    (Used, Void, OFFICE),
];

impl Machine for PassStatus {
    const KIND: &'static str = crate::names::kind::RELEASE_PASS;
    const INITIAL: PassStatus = Issued;
    const TRANSITIONS: &'static [(Self, Self, &'static [Role])] = TRANSITIONS;
}
