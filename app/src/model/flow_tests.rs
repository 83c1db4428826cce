//! Intake, status moves, dispatch and the timeline, natively: each edit list is checked
//! against the schema and applied to a replica the way the engine would.

use super::flow::{dispatch_edits, field_edits, parse_routed, transition_edits, Actor, FlowError};
use super::intake::{self, FormError, NewRequestForm};
use super::request;
use super::timeline::{reopens, timeline, EntryKind};
use crate::sync::FieldEdit;
use serde_json::json;
use shared::replica::ReplicaState;
use shared::request::classifier::{self, default_id, Level};
use shared::request::{RequestStatus, Source};
use shared::{Hlc, RecordId, ReplicaId, Role};
use std::collections::BTreeSet;
use RequestStatus::*;

const BUTLER: &str = "0190f0a0-0000-7000-8000-0000000000aa";

fn actor(role: Role, at: i64) -> Actor {
    Actor { staff: BUTLER.into(), role, device: "tablet-1".into(), at }
}

/// Applies `edits` as the engine would (each field a fresh, later stamp).
fn apply(s: &mut ReplicaState, edits: &[FieldEdit]) {
    FieldEdit::assert_fit_the_schema(edits);
    for e in edits {
        let n = s.len() as u64 + 1_000;
        s.apply(&e.clone().into_change(Hlc::new(n, 0), ReplicaId::from("tablet-1"), None));
    }
}

fn put(s: &mut ReplicaState, kind: &str, id: &RecordId, field: &str, v: serde_json::Value) {
    apply(s, &[FieldEdit::new(kind, id, field, v)]);
}

fn value(edits: &[FieldEdit], kind: &str, field: &str) -> Option<serde_json::Value> {
    edits.iter().find(|e| e.kind.as_str() == kind && e.field == field).map(|e| e.value.clone())
}

fn form(unit: &RecordId) -> NewRequestForm {
    NewRequestForm {
        unit: unit.to_string(),
        description: " 厨房漏水 ".into(),
        topic: default_id(100).to_string(),
        problem: default_id(101).to_string(),
        contact_name: "张三".into(),
        ..NewRequestForm::default()
    }
}

#[test]
fn intake_writes_the_request_its_number_owner_and_created_event_in_one_edit() {
    let (id, unit) = (RecordId::new_v7(), RecordId::new_v7());
    let mut f = form(&unit);
    f.missed_call = true;
    let edits = intake::new_request_edits(&id, &f, "A2-261127-0001", &actor(Role::Butler, 77))
        .expect("valid");
    FieldEdit::assert_fit_the_schema(&edits);
    let req = |field| value(&edits, "request", field);
    assert_eq!(req("status"), Some(json!("new")));
    assert_eq!(req("source"), Some(json!("phone")));
    assert_eq!(req("missed_call"), Some(json!(true)));
    assert_eq!(req("number"), Some(json!("A2-261127-0001")));
    assert_eq!(req("created_at"), Some(json!(77)));
    assert_eq!(req("created_by"), Some(json!(BUTLER)));
    assert_eq!(req("description"), Some(json!("厨房漏水")));
    assert_eq!(req("topic"), Some(json!(default_id(100))));
    assert_eq!(req("place"), None, "no place chosen");
    assert_eq!(req("contact_phone"), None, "blank phone left out");
    assert_eq!(value(&edits, "request_event", "type"), Some(json!("created")));
    assert_eq!(value(&edits, "request_event", "request"), Some(json!(id)));

    // A missed call is a phone call: walk-ins never carry the flag.
    f.source = Source::WalkIn;
    let walk_in = intake::new_request_edits(&id, &f, "", &actor(Role::Butler, 1)).unwrap();
    assert_eq!(value(&walk_in, "request", "missed_call"), Some(json!(false)));
    assert_eq!(value(&walk_in, "request", "number"), None);

    f.description = "  ".into();
    assert_eq!(intake::check_form(&f), Err(FormError::DescriptionRequired));
    let no_unit = NewRequestForm { unit: String::new(), ..form(&unit) };
    assert_eq!(intake::check_form(&no_unit), Err(FormError::UnitRequired));
}

#[test]
fn numbers_carry_the_units_area_code_and_the_local_date() {
    let mut s = ReplicaState::new();
    let (area, building, unit) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    put(&mut s, "area", &area, "code", json!("A2"));
    put(&mut s, "building", &building, "area", json!(area));
    put(&mut s, "unit", &unit, "building", json!(building));
    assert_eq!(intake::area_code(&s, &form(&unit)), "A2");
    assert_eq!(intake::area_code(&s, &form(&RecordId::new_v7())), "", "unknown unit: no code");
    // 2026-11-26 20:00 UTC is already the 27th in China (UTC+8).
    let ms = shared::calendar::days_from_civil(2026, 11, 26) * 86_400_000 + 20 * 3_600_000;
    assert_eq!(intake::local_date(ms, 480), (2026, 11, 27));
    assert_eq!(intake::local_date(ms, 0), (2026, 11, 26));
    let pooled = crate::sync::TakenNumber::Pooled(457);
    assert_eq!(intake::request_number("A2", (2026, 11, 27), &pooled), "A2-261127-0457");
    let replica = ReplicaId::from("0190f0a0-ab");
    let temp = crate::sync::TakenNumber::Provisional { replica, k: 3 };
    assert_eq!(intake::request_number("", (2026, 11, 27), &temp), "GJ-261127-T0190f0a0ab-3");
}

#[test]
fn the_problem_picker_follows_the_topic() {
    let nodes = classifier::nodes(&ReplicaState::new());
    let problems = intake::picker(&nodes, Level::Problem, default_id(110).as_str());
    assert!(!problems.is_empty());
    assert!(problems.iter().all(|n| n.parent == Some(default_id(110))));
    assert!(intake::picker(&nodes, Level::Problem, "").len() > problems.len());
    assert!(intake::picker(&nodes, Level::Place, "").iter().all(|n| n.level == Level::Place));
}

#[test]
fn every_move_writes_its_status_event_and_only_legal_moves_are_built() {
    let id = RecordId::new_v7();
    let done = transition_edits(&id, InProgress, Done, "", &actor(Role::Department, 50)).unwrap();
    FieldEdit::assert_fit_the_schema(&done);
    assert_eq!(value(&done, "request", "status"), Some(json!("done")));
    assert_eq!(value(&done, "request", "done_at"), Some(json!(50)));
    assert_eq!(value(&done, "request_event", "type"), Some(json!("status")));
    assert_eq!(value(&done, "request_event", "from"), Some(json!("in_progress")));
    assert_eq!(value(&done, "request_event", "to"), Some(json!("done")));
    assert_eq!(value(&done, "request_event", "at"), Some(json!(50)));
    assert_eq!(value(&done, "request_event", "device"), Some(json!("tablet-1")));

    // The department never calls back; nobody skips ahead.
    let refused = transition_edits(&id, Done, CalledBack, "", &actor(Role::Department, 1));
    assert_eq!(refused, Err(FlowError::NotAllowed { from: Done, to: CalledBack }));
    assert!(transition_edits(&id, New, Done, "", &actor(Role::Supervisor, 1)).is_err());

    // Cancelling needs a reason, kept on the request and in the event.
    let no_reason = transition_edits(&id, New, Cancelled, "  ", &actor(Role::Butler, 1));
    assert_eq!(no_reason, Err(FlowError::ReasonRequired));
    let cancel =
        transition_edits(&id, New, Cancelled, "重复报修", &actor(Role::Butler, 1)).unwrap();
    assert_eq!(value(&cancel, "request", "cancel_reason"), Some(json!("重复报修")));
    assert_eq!(value(&cancel, "request_event", "note"), Some(json!("重复报修")));
}

#[test]
fn dispatch_routes_assigns_and_records_both_events_in_one_edit() {
    let (id, dept, fixer) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    let edits = dispatch_edits(&id, New, Some(&dept), Some(&fixer), &actor(Role::Butler, 9))
        .expect("a butler dispatches");
    FieldEdit::assert_fit_the_schema(&edits);
    assert_eq!(value(&edits, "request", "department"), Some(json!(dept)));
    assert_eq!(value(&edits, "request", "assignee"), Some(json!(fixer)));
    assert_eq!(value(&edits, "request", "status"), Some(json!("assigned")));
    let types: Vec<_> = edits.iter().filter(|e| e.field == "type").map(|e| &e.value).collect();
    assert_eq!(types, [&json!("routed"), &json!("status")]);
    let routed = edits.iter().find(|e| e.field == "to").unwrap().value.as_str().unwrap();
    assert_eq!(parse_routed(routed), (Some(dept.clone()), Some(fixer.clone())));

    // A re-route of an assigned request moves no status; nobody named is refused, and so is
    // a department dispatching.
    let again = dispatch_edits(&id, Assigned, Some(&dept), None, &actor(Role::Office, 9)).unwrap();
    assert_eq!(value(&again, "request", "status"), None);
    assert_eq!(value(&again, "request", "assignee"), Some(json!(null)));
    assert_eq!(
        dispatch_edits(&id, New, None, None, &actor(Role::Butler, 9)),
        Err(FlowError::NoRoute)
    );
    assert!(dispatch_edits(&id, New, Some(&dept), None, &actor(Role::Department, 9)).is_err());
}

#[test]
fn the_timeline_tells_who_what_when_and_whether_the_server_has_it() {
    let mut s = ReplicaState::new();
    let (unit, dept, fixer) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    put(&mut s, "department", &dept, "name", json!("工程部"));
    put(&mut s, "staff", &fixer, "name", json!("李师傅"));
    put(&mut s, "staff", &RecordId::from(BUTLER), "name", json!("王管家"));
    let id = RecordId::new_v7();
    let b = |at| actor(Role::Butler, at);
    apply(&mut s, &intake::new_request_edits(&id, &form(&unit), "GJ-1", &b(10)).unwrap());
    apply(&mut s, &dispatch_edits(&id, New, Some(&dept), Some(&fixer), &b(20)).unwrap());
    let worker = actor(Role::Department, 30);
    apply(&mut s, &transition_edits(&id, Assigned, InProgress, "", &worker).unwrap());
    apply(
        &mut s,
        &transition_edits(&id, InProgress, Done, "", &actor(Role::Department, 40)).unwrap(),
    );
    apply(&mut s, &transition_edits(&id, Done, Reopened, "不满意", &b(50)).unwrap());
    apply(&mut s, &field_edits(&id, &[("contact_phone", json!("138"))], &b(60)));
    let comment = RecordId::new_v7();
    for (f, v) in [("request", json!(id)), ("text", json!("已联系")), ("at", json!(55))] {
        put(&mut s, "request_comment", &comment, f, v);
    }
    // Another request's event stays out.
    apply(&mut s, &transition_edits(&RecordId::new_v7(), Done, Reopened, "", &b(1)).unwrap());

    let first_event = s
        .records_of("request_event")
        .find(|(_, f)| f.get("type").is_some_and(|t| t.value == json!("created")));
    let created = first_event.map(|(id, _)| id.clone()).unwrap();
    put(&mut s, "request_event", &created, "received_at", json!(11));
    let pending: BTreeSet<RecordId> = [comment.clone()].into();

    let t = timeline(&s, &pending, &id);
    let kinds: Vec<&str> = t.iter().map(|e| e.kind.data_type()).collect();
    assert_eq!(
        kinds,
        ["created", "routed", "status", "status", "status", "status", "comment", "edited"]
    );
    assert!(t.windows(2).all(|w| w[0].at <= w[1].at), "oldest first");
    assert_eq!(t[0].by_name, "王管家");
    assert_eq!((t[0].synced, t[0].received_at), (true, Some(11)));
    assert!(!t[1].synced, "no received_at yet");
    assert_eq!(t[1].routed_to, ["工程部", "李师傅"]);
    assert_eq!(
        (t[5].from.as_str(), t[5].to.as_str(), t[5].note.as_str()),
        ("done", "reopened", "不满意")
    );
    assert_eq!(t[5].device, "tablet-1");
    assert_eq!((t[6].kind, t[6].note.as_str(), t[6].synced), (EntryKind::Comment, "已联系", false));
    assert_eq!(t[7].fields, ["contact_phone"]);
    assert_eq!(reopens(&t), 1);
}

#[test]
fn the_view_names_the_routing_the_owner_and_the_classifier() {
    let mut s = ReplicaState::new();
    let (unit, dept, fixer) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    put(&mut s, "department", &dept, "name", json!("工程部"));
    put(&mut s, "staff", &fixer, "name", json!("李师傅"));
    put(&mut s, "staff", &RecordId::from(BUTLER), "name", json!("王管家"));
    let id = RecordId::new_v7();
    let b = actor(Role::Butler, 10);
    apply(&mut s, &intake::new_request_edits(&id, &form(&unit), "GJ-261127-0001", &b).unwrap());
    let v = request(&s, &BTreeSet::new(), &id).expect("a request");
    assert_eq!((v.number.as_str(), v.created_by_name.as_str()), ("GJ-261127-0001", "王管家"));
    assert_eq!(v.topic.as_ref().map(|l| l.zh.as_str()), Some("给排水"));
    assert_eq!(v.problem.as_ref().map(|l| l.en.as_str()), Some("Leak"));
    assert_eq!((v.source, v.contact_name.as_str()), (Some(Source::Phone), "张三"));
    assert!(v.department.is_none() && v.assignee_name.is_empty());
    apply(&mut s, &dispatch_edits(&id, New, Some(&dept), Some(&fixer), &b).unwrap());
    let v = request(&s, &BTreeSet::new(), &id).unwrap();
    assert_eq!((v.department_name.as_str(), v.assignee_name.as_str()), ("工程部", "李师傅"));
    assert_eq!(v.status, Assigned);
}

#[test]
fn comments_need_text_and_default_pickers_follow_the_routing_rules() {
    let id = RecordId::new_v7();
    let b = actor(Role::Butler, 5);
    assert_eq!(super::flow::comment_edits(&id, "  ", true, &b), None);
    let c = super::flow::comment_edits(&id, " 已电话联系 ", false, &b).unwrap();
    FieldEdit::assert_fit_the_schema(&c);
    assert_eq!(value(&c, "request_comment", "text"), Some(json!("已电话联系")));
    assert_eq!(value(&c, "request_comment", "internal"), Some(json!(false)));

    let mut s = ReplicaState::new();
    let (eng, boss, fixer, other) =
        (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    put(&mut s, "department", &eng, "name", json!("工程部"));
    put(&mut s, "department", &eng, "code", json!("engineering"));
    put(&mut s, "department", &eng, "default_assignee", json!(boss));
    for (who, name) in [(&boss, "赵工"), (&fixer, "李师傅"), (&other, "王管家")] {
        put(&mut s, "staff", who, "name", json!(name));
    }
    for who in [&boss, &fixer] {
        put(&mut s, "staff", who, "department", json!(eng));
    }
    let unit = RecordId::new_v7();
    apply(&mut s, &intake::new_request_edits(&id, &form(&unit), "", &b).unwrap());
    let route = super::flow::suggested_route(&s, &id);
    assert_eq!((route.department.as_ref(), route.assignee.as_ref()), (Some(&eng), Some(&boss)));
    let names: Vec<String> =
        super::flow::assignees(&s, Some(&eng)).into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["李师傅", "赵工"], "the department's people, by name");
    assert_eq!(super::flow::assignees(&s, None).len(), 3, "no department: everyone");

    // Once routed, a reopened request goes back to whoever had it.
    apply(&mut s, &dispatch_edits(&id, New, Some(&eng), Some(&fixer), &b).unwrap());
    let again = super::flow::suggested_route(&s, &id);
    assert_eq!(again.assignee, Some(fixer));
}
