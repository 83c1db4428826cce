//! Who may write which field: the one judge that the push rules (`push_rules::admit`) and
//! the app's forms both ask, so a form is offered exactly when the server takes its edits.
//!
//! Laws:
//! - [`may_write_field`] is `true` exactly when [`check_writer`] passes: the app shows no
//!   form whose edits the server refuses for who wrote them.
//! - Office staff and supervisors write every field a device may write; nobody but them
//!   deletes.
//! - Department staff write the fields a kind declares theirs (`KindDef::department`: a
//!   request's `status` and `done_at` — the work they did and when it was finished —, a
//!   renovation's review, an arrears' notice and payment) and add to a request's history
//!   (events, comments); nothing else (no description, no dispatch, no call-back).

use crate::names::{field as f, kind as k};
use crate::refusal::{Refusal, RejectCode};
use crate::role::Role;
use crate::schema::{self, FieldDef, KindDef, Writers};

/// Whether department staff write `kind.field` on a record routed to them: the kind's
/// declared `department` fields (a request's status and `done_at`, taken on their device
/// when they tap 已完成, offline too; a whole-record rule in `push_rules::record` keeps that
/// `done_at` to a request that is done).
pub fn department_writes(kind: &str, field: &str) -> bool {
    schema::kind(kind).is_some_and(|k| k.department.contains(&field))
}

/// The field-level writer rules on top of the kind's writers and the scope: only office
/// staff and supervisors delete; butlers dispatch in their area; department staff write
/// [`department_writes`] fields and add to a request's history (events, comments), nothing
/// else.
pub fn check_field_writer(role: Role, kind: &str, field: &str) -> Result<(), Refusal> {
    let forbidden =
        |what: &str| Err(Refusal::new(RejectCode::Forbidden, format!("a {role} may not {what}")));
    if role.is_office() {
        return Ok(());
    }
    if field == f::DELETED {
        return forbidden(&format!("delete {kind} records"));
    }
    let history = [k::REQUEST_EVENT, k::REQUEST_COMMENT].contains(&kind);
    let work = department_writes(kind, field);
    if role == Role::Department && !work && !history {
        return forbidden(&format!("write {kind}.{field}"));
    }
    Ok(())
}

/// Every writer check of one field, in the order the judge runs them: who may write the
/// kind (`KindDef::writers`), fields only the server or a supervisor writes, then
/// [`check_field_writer`].
pub fn check_writer(role: Role, kd: &KindDef, fd: &FieldDef) -> Result<(), Refusal> {
    let forbidden = |msg: String| Err(Refusal::new(RejectCode::Forbidden, msg));
    let may_write_kind = match kd.writers {
        Writers::Scope => true,
        Writers::Office => {
            role.is_office() || (role == Role::Department && kd.department.contains(&fd.name))
        }
        Writers::Supervisor => role == Role::Supervisor,
        Writers::Server => false,
    };
    if !may_write_kind {
        return forbidden(format!("{} records cannot be written by a {role}", kd.name));
    }
    if fd.by_server {
        return forbidden(format!("{}.{} is set by the server", kd.name, fd.name));
    }
    if fd.supervisor && role != Role::Supervisor {
        return forbidden(format!("only a supervisor may write {}.{}", kd.name, fd.name));
    }
    check_field_writer(role, kd.name, fd.name)
}

/// Whether a user of `role` may write `kind.field` at all (an unknown kind or field: no).
/// What the app asks before it offers a form: the same verdict the server's judge reaches.
pub fn may_write_field(role: Role, kind: &str, field: &str) -> bool {
    let Some(kd) = schema::kind(kind) else { return false };
    kd.field(field).is_some_and(|fd| check_writer(role, kd, fd).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_office_deletes_and_department_staff_never_reassign() {
        assert!(check_field_writer(Role::Department, k::REQUEST, f::ASSIGNEE).is_err());
        assert!(check_field_writer(Role::Butler, k::REQUEST, f::ASSIGNEE).is_ok());
        for role in [Role::Butler, Role::Department] {
            assert!(check_field_writer(role, k::PERSON, f::DELETED).is_err());
        }
        for role in [Role::Office, Role::Supervisor] {
            assert!(check_field_writer(role, k::REQUEST, f::ASSIGNEE).is_ok());
            assert!(check_field_writer(role, k::REQUEST, f::DELETED).is_ok());
        }
        assert!(check_field_writer(Role::Butler, k::PERSON, f::PHONE).is_ok());
    }

    #[test]
    fn department_staff_move_status_and_record_when_the_work_was_done() {
        for field in [f::STATUS, f::DONE_AT] {
            assert!(check_field_writer(Role::Department, k::REQUEST, field).is_ok(), "{field}");
            assert!(may_write_field(Role::Department, k::REQUEST, field), "{field}");
        }
        assert!(check_field_writer(Role::Department, k::REQUEST_EVENT, f::TO).is_ok());
        assert!(check_field_writer(Role::Department, k::CALLBACK, f::SATISFACTION).is_err());
        for (kind, field) in
            [(k::REQUEST, f::CONTACT_PHONE), (k::REQUEST, f::DESCRIPTION), (k::PERSON, f::NAME)]
        {
            let refusal = check_field_writer(Role::Department, kind, field).unwrap_err();
            assert_eq!(refusal.code, RejectCode::Forbidden);
            assert!(!may_write_field(Role::Department, kind, field));
        }
    }

    #[test]
    fn may_write_field_is_the_judges_verdict_for_every_role_kind_and_field() {
        for role in Role::ALL.iter().copied() {
            for kd in schema::KINDS {
                for fd in kd.fields {
                    let verdict = check_writer(role, kd, fd).is_ok();
                    assert_eq!(may_write_field(role, kd.name, fd.name), verdict);
                }
            }
            assert!(!may_write_field(role, "spaceship", f::NAME));
            assert!(!may_write_field(role, k::REQUEST, "warp_factor"));
        }
    }
}
