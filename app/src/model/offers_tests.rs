//! Every role's controls against the server's judge (issue 28 point 1): for every role and
//! every status, each control the request page offers ([`offers`]) builds edits that the
//! model server (`shared::testing`, judging with the real `judge`) accepts, and each control
//! it does not offer for who would write it is refused there. Department staff are offered
//! 开始处理 and 已完成 (with `done_at`), comments, and nothing the server refuses.

use super::flow::{comment_edits, dispatch_edits, field_edits, transition_edits};
use super::followup::{callback_edits, CallbackForm};
use super::offers::{moves, offers, sample_photo};
use super::rules_tests::{actor, Device};
use crate::photos::record::photo_edits;
use crate::sync::FieldEdit;
use serde_json::json;
use shared::machine::Machine;
use shared::names::{field, kind};
use shared::request::{CallbackResult, RequestStatus, Satisfaction};
use shared::testing::Rules;
use shared::{RecordId, Role};
use RequestStatus::*;

fn reached() -> CallbackForm {
    CallbackForm {
        result: CallbackResult::Reached,
        satisfaction: Some(Satisfaction::Satisfied),
        comment: String::new(),
    }
}

/// A model server holding one request that the office walked to `status`, now judging
/// pushes as `role`.
fn at(status: RequestStatus, role: Role) -> (Device, RecordId) {
    let mut d = Device::new(Role::Office);
    let id = RecordId::new_v7();
    let me = actor(Role::Office);
    let new = vec![FieldEdit::new(kind::REQUEST, &id, field::STATUS, json!("new"))];
    assert_eq!(d.push(new), []);
    let path: &[RequestStatus] = match status {
        New => &[],
        Assigned => &[Assigned],
        InProgress => &[InProgress],
        Done => &[InProgress, Done],
        CalledBack | Closed => &[InProgress, Done, CalledBack],
        Reopened => &[InProgress, Done, Reopened],
        Cancelled => &[Cancelled],
    };
    let mut from = New;
    for to in path.iter().copied().chain((status == Closed).then_some(Closed)) {
        let edits = if to == CalledBack {
            callback_edits(&id, from, &reached(), &me).expect("a call-back")
        } else {
            transition_edits(&id, from, to, "原因", &me).expect("a move")
        };
        assert_eq!(d.push(edits), [], "{from:?} -> {to:?}");
        from = to;
    }
    assert_eq!(d.status(&id).as_deref(), Some(status.as_str()));
    d.server.rules = Rules::Server(role);
    (d, id)
}

/// Whether the judge takes `edits` of `role` on a fresh request in `status`.
fn accepted(
    role: Role,
    status: RequestStatus,
    edits: impl Fn(&RecordId) -> Vec<FieldEdit>,
) -> bool {
    let (mut d, id) = at(status, role);
    d.push(edits(&id)).is_empty()
}

#[test]
fn every_status_move_offered_is_accepted_and_every_move_refused_is_not_offered() {
    for role in Role::ALL.iter().copied() {
        for from in RequestStatus::ALL.iter().copied() {
            let offered = offers(role, from);
            assert_eq!(offered.moves, moves(role, from));
            let machine = from.next_steps_for(role);
            for to in RequestStatus::ALL.iter().copied().filter(|to| *to != from) {
                // Built as the office's device would, pushed as `role`: what an older build
                // or a plain client could send.
                let office = actor(Role::Office);
                let takes = accepted(role, from, |id| match to {
                    CalledBack => callback_edits(id, from, &reached(), &office).unwrap_or_default(),
                    _ => transition_edits(id, from, to, "原因", &office).unwrap_or_default(),
                }) && from.can_become(to);
                let shown = match to {
                    Assigned => offered.dispatch,
                    CalledBack => offered.callback,
                    _ => offered.moves.contains(&to),
                };
                assert!(!shown || takes, "{role}: {from} -> {to} offered but refused");
                // The buttons are the machine's moves for the role, all of which the judge
                // takes; the dispatch and the call-back form make `assigned` and
                // `called_back`.
                if !matches!(to, Assigned | CalledBack) {
                    assert_eq!(shown, takes, "{role}: {from} -> {to}");
                }
                assert_eq!(machine.contains(&to), takes, "{role}: {from} -> {to}");
            }
        }
    }
}

#[test]
fn every_form_offered_is_accepted_and_every_form_refused_is_not_offered() {
    for role in Role::ALL.iter().copied() {
        let me = actor(role);
        for status in RequestStatus::ALL.iter().copied() {
            let o = offers(role, status);
            let check = |name: &str, shown: bool, edits: &dyn Fn(&RecordId) -> Vec<FieldEdit>| {
                let takes = accepted(role, status, edits);
                assert_eq!(
                    shown, takes,
                    "{role} on {status}: {name} offered {shown}, judged {takes}"
                );
            };
            // The model functions that check the role themselves build as the office.
            let office = actor(Role::Office);
            check("comment", o.comment, &|id| comment_edits(id, "看过了", true, &me).unwrap());
            for (name, shown, f) in [
                ("description", o.edit_description, field::DESCRIPTION),
                ("phone", o.edit_phone, field::CONTACT_PHONE),
                ("complaint", o.complaint, field::REPLY),
            ] {
                check(name, shown, &|id| field_edits(id, &[(f, json!("新的"))], &me));
            }
            if matches!(status, New | Reopened) {
                let (dept, who) = (RecordId::new_v7(), RecordId::new_v7());
                check("dispatch", o.dispatch, &|id| {
                    dispatch_edits(id, status, Some(&dept), Some(&who), &office).unwrap()
                });
            }
            check("photo", o.photo, &|id| photo_edits(&RecordId::new_v7(), &sample_photo(id)));
            if status == Done {
                check("callback", o.callback, &|id| {
                    callback_edits(id, status, &reached(), &office).unwrap()
                });
            }
        }
    }
}

#[test]
fn department_staff_start_and_finish_a_job_with_its_done_time() {
    let o = offers(Role::Department, Assigned);
    assert_eq!(o.moves, [InProgress]);
    assert!(!o.dispatch && !o.edit_description && !o.edit_phone && !o.complaint && !o.photo);
    assert!(o.comment);
    assert_eq!(offers(Role::Department, InProgress).moves, [Done]);
    assert!(!offers(Role::Department, Done).callback, "the department never calls back");
    let (mut d, id) = at(InProgress, Role::Department);
    let done = transition_edits(&id, InProgress, Done, "", &actor(Role::Department)).unwrap();
    assert!(done.iter().any(|e| e.field == field::DONE_AT));
    assert_eq!(d.push(done), []);
    let stored = d.server.state.field(&shared::Kind::new(kind::REQUEST), &id, field::DONE_AT);
    assert_eq!(stored.map(|s| s.value.clone()), Some(json!(1_000)));
    let butler = offers(Role::Butler, New);
    assert!(butler.dispatch && butler.edit_description && butler.comment && butler.photo);
}
