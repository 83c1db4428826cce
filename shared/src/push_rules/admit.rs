//! The checks of a pushed change before the merge, in their order: the judge runs them
//! first, and a batch's view ([`super::view::BatchView`]) merges only the changes that pass.

use super::Pusher;
use crate::change::Change;
use crate::refusal::{Refusal, RejectCode};
use crate::schema::{self, FieldDef, KindDef};
use crate::scope;

/// The checks before the merge, in their order: schema, `prev`, the pushing replica, who may
/// write the kind, fields only the server or a supervisor writes, who may write the field
/// (the last three are [`scope::check_writer`], which the app's forms ask too).
/// A refusal says whether to compensate and whether the target may be restated (a change
/// from another replica is not). [`BatchView`] merges only the changes that pass them. A
/// `restated` change ([`super::Recovery`]) keeps its author's replica.
pub(super) fn admit(
    pusher: Pusher<'_>,
    incoming: &Change,
    restated: bool,
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
    if incoming.replica != *pusher.replica && !restated {
        let r =
            Refusal::new(RejectCode::BadReplica, "change replica differs from the pushing replica");
        return Err((r, false, false));
    }
    scope::check_writer(pusher.role, kd, fd).map_err(|r| (r, true, true))?;
    Ok((kd, fd))
}
