use super::*;
use shared::request::deadline::HOUR_MS;
use shared::request::history::EVENT;
use shared::{Hlc, Kind, ReplicaId, Role};
use std::collections::BTreeSet;

fn actor(role: Role) -> Actor {
    Actor { staff: RecordId::new_v7().0, role, device: "tablet-1".into(), at: 10 * HOUR_MS }
}

pub(crate) fn apply(s: &mut ReplicaState, edits: Vec<FieldEdit>) {
    for (n, e) in edits.into_iter().enumerate() {
        let hlc = Hlc::new(s.len() as u64 * 100 + n as u64 + 1, 0);
        s.apply(&e.into_change(hlc, ReplicaId::server(), None));
    }
}

fn form(result: CallbackResult, satisfaction: Option<Satisfaction>) -> CallbackForm {
    CallbackForm { result, satisfaction, comment: " 师傅很快 ".into() }
}

fn status_of(s: &ReplicaState, id: &RecordId) -> Option<String> {
    s.field(&Kind::new("request"), id, "status").and_then(|f| f.value.as_str()).map(Into::into)
}

#[test]
fn a_satisfied_call_back_moves_done_to_called_back_in_one_edit() {
    let mut s = ReplicaState::new();
    let id = RecordId::new_v7();
    apply(&mut s, vec![FieldEdit::new("request", &id, "status", json!("done"))]);
    let f = form(CallbackResult::Reached, Some(Satisfaction::Satisfied));
    let edits = callback_edits(&id, RequestStatus::Done, &f, &actor(Role::Butler)).unwrap();
    FieldEdit::assert_fit_the_schema(&edits);
    apply(&mut s, edits);
    assert_eq!(status_of(&s, &id).as_deref(), Some("called_back"));
    let attempts = callbacks(&s, &id);
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].satisfaction, Some(Satisfaction::Satisfied));
    assert_eq!(attempts[0].comment, "师傅很快");
    let events: Vec<String> = s
        .records_of(EVENT)
        .map(|(_, f)| format!("{}:{}", f.string("type"), f.string("to")))
        .collect();
    assert!(events.contains(&"callback:satisfied".to_owned()), "{events:?}");
    assert!(events.contains(&"status:called_back".to_owned()), "{events:?}");
}

#[test]
fn dissatisfied_reopens_and_unreached_moves_nothing() {
    let id = RecordId::new_v7();
    let butler = actor(Role::Butler);
    let unhappy = form(CallbackResult::Reached, Some(Satisfaction::Dissatisfied));
    for from in [RequestStatus::Done, RequestStatus::CalledBack] {
        assert_eq!(callback_move(from, &unhappy), Some(RequestStatus::Reopened));
        let edits = callback_edits(&id, from, &unhappy, &butler).unwrap();
        assert!(edits.iter().any(|e| e.field == "status" && e.value == json!("reopened")));
    }
    let missed = form(CallbackResult::NoAnswer, Some(Satisfaction::Satisfied));
    let edits = callback_edits(&id, RequestStatus::Done, &missed, &butler).unwrap();
    assert!(!edits.iter().any(|e| e.kind.as_str() == "request"), "no move, no status");
    assert!(!edits.iter().any(|e| e.field == "satisfaction"), "only a reached call has one");
    let neutral = form(CallbackResult::Reached, Some(Satisfaction::Neutral));
    assert_eq!(callback_move(RequestStatus::CalledBack, &neutral), None, "already called back");
}

#[test]
fn bad_attempts_are_refused_and_write_nothing() {
    let id = RecordId::new_v7();
    let f = form(CallbackResult::Reached, None);
    let butler = actor(Role::Butler);
    let err = |s, f: &CallbackForm, a: &Actor| callback_edits(&id, s, f, a).unwrap_err();
    assert_eq!(err(RequestStatus::Done, &f, &butler), CallbackError::SatisfactionRequired);
    let ok = form(CallbackResult::Reached, Some(Satisfaction::Satisfied));
    assert_eq!(err(RequestStatus::Closed, &ok, &butler), CallbackError::NotOffered);
    assert_eq!(err(RequestStatus::InProgress, &ok, &butler), CallbackError::NotOffered);
    let dept = actor(Role::Department);
    assert_eq!(err(RequestStatus::Done, &ok, &dept), CallbackError::NotAllowed);
}

#[test]
fn due_call_backs_count_from_done_at() {
    let mut s = ReplicaState::new();
    let (done, early, open) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    for (id, status, done_at) in [(&done, "done", 10), (&early, "done", 2), (&open, "new", 0)] {
        apply(
            &mut s,
            vec![
                FieldEdit::new("request", id, "status", json!(status)),
                FieldEdit::new("request", id, "done_at", json!(done_at * HOUR_MS)),
            ],
        );
    }
    let list = RequestList::build(&s, &BTreeSet::new());
    let due = due_callbacks(&list, &Settings::DEFAULT, 55 * HOUR_MS);
    let ids: Vec<(&RecordId, bool)> =
        due.iter().map(|d| (&list.rows[d.row].id, d.overdue)).collect();
    assert_eq!(ids, [(&early, true), (&done, false)], "48 h after done, soonest first");
}
