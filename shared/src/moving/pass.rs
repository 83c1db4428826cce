//! Release passes (放行条): who may move a pass's status.

use super::PassStatus;
use crate::lww::FieldState;
use crate::refusal::{Refusal, RejectCode};
use crate::role::Role;
use serde_json::Value;

/// Whether `role` may move a pass from `from` to `to`: security (department staff) only
/// mark an issued pass used at the gate; the butler and the office issue, void and mark
/// used. A used pass stays used for everybody but the office (a mistake at the gate is
/// the office's to undo).
pub fn may_move(role: Role, from: Option<PassStatus>, to: PassStatus) -> bool {
    if from == Some(to) {
        return true;
    }
    match role {
        Role::Department => from == Some(PassStatus::Issued) && to == PassStatus::Used,
        _ if role.is_office() => true,
        _ => from != Some(PassStatus::Used),
    }
}

/// The judge's check of a write of a pass's `status` (`push_rules::business_rules`).
pub fn check_status(role: Role, stored: Option<&FieldState>, value: &Value) -> Result<(), Refusal> {
    let from = stored.and_then(|s| s.value.as_str()).and_then(PassStatus::parse);
    let Some(to) = value.as_str().and_then(PassStatus::parse) else { return Ok(()) };
    if may_move(role, from, to) {
        return Ok(());
    }
    let msg = format!("a {role} may not move a pass from {from:?} to {}", to.as_str());
    Err(Refusal::new(RejectCode::Forbidden, msg))
}
