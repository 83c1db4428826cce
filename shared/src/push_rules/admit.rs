//! The checks of a pushed change before the merge, in their order: the judge runs them
//! first, and a batch's view ([`super::view::BatchView`]) merges only the changes that pass.

use super::Pusher;
use crate::change::Change;
use crate::refusal::{Refusal, RejectCode};
use crate::role::Role;
use crate::schema::{self, FieldDef, KindDef, Writers};
use crate::scope;

/// The checks before the merge, in their order: schema, `prev`, the pushing replica, who may
/// write the kind, fields only the server or a supervisor writes, who may write the field.
/// A refusal says whether to compensate and whether the target may be restated (a change
/// from another replica is not). [`BatchView`] merges only the changes that pass them.
pub(super) fn admit(
    pusher: Pusher<'_>,
    incoming: &Change,
) -> Result<(&'static KindDef, &'static FieldDef), (Refusal, bool, bool)> {
    let (kd, fd) = match schema::validate(incoming) {
        Ok(defs) => defs,
        Err(refusal) => {
            let undo = refusal.code == RejectCode::BadValue;
            return Err((refusal, undo, true));
        }
    };
    if incoming.prev.is_some_and(|p| p > incoming.hlc) {
        let r = Refusal::new(RejectCode::BadPrev, "prev is later than the change itself");
        return Err((r, true, true));
    }
    if incoming.replica != *pusher.replica {
        let r =
            Refusal::new(RejectCode::BadReplica, "change replica differs from the pushing replica");
        return Err((r, false, false));
    }
    let may_write = match kd.writers {
        Writers::Scope => true,
        Writers::Office => pusher.role.is_office(),
        Writers::Supervisor => pusher.role == Role::Supervisor,
        Writers::Server => false,
    };
    if !may_write {
        let msg = format!("{} records cannot be written by a {}", kd.name, pusher.role);
        return Err((Refusal::new(RejectCode::Forbidden, msg), true, true));
    }
    if fd.by_server || (fd.supervisor && pusher.role != Role::Supervisor) {
        let msg = if fd.by_server {
            format!("{}.{} is set by the server", kd.name, fd.name)
        } else {
            format!("only a supervisor may write {}.{}", kd.name, fd.name)
        };
        return Err((Refusal::new(RejectCode::Forbidden, msg), true, true));
    }
    scope::check_field_writer(pusher.role, kd.name, fd.name).map_err(|r| (r, true, true))?;
    Ok((kd, fd))
}
