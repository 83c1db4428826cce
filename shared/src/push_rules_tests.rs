use super::*;
use crate::hlc::Hlc;
use crate::ids::Kind;
use serde_json::json;

const NOW: u64 = 1_700_000_000_000;
const TIME: ServerTime = ServerTime { now_ms: NOW, max_ahead_ms: 300_000 };

fn change(field: &str, value: serde_json::Value, ms: u64) -> Change {
    Change {
        kind: Kind::new("request"),
        id: RecordId::from("0190f0a0-0000-7000-8000-000000000001"),
        field: field.into(),
        value,
        hlc: Hlc::new(ms, 0),
        replica: ReplicaId::from("tablet-1"),
        prev: None,
    }
}

fn stored(value: serde_json::Value, ms: u64) -> FieldState {
    FieldState { value, hlc: Hlc::new(ms, 0), replica: ReplicaId::from("tablet-0"), prev: None }
}

fn run(role: Role, target: Target<'_>, c: &Change) -> (Verdict, HlcClock) {
    let replica = ReplicaId::from("tablet-1");
    let mut clock = HlcClock::default();
    let v = judge(
        Pusher { role, replica: &replica, staff: Some(&me()), blocks: &[], recovery: None },
        target,
        c,
        &mut clock,
        TIME,
    );
    (v, clock)
}

#[test]
fn a_valid_winning_change_is_written_as_is() {
    let c = change("description", json!("漏水"), NOW - 5);
    let (v, _) = run(Role::Butler, Target::default(), &c);
    assert_eq!(v, Verdict { writes: vec![c], refused: None });
}

#[test]
fn a_bad_transition_is_answered_by_the_stored_value_stamped_after_the_refused_change() {
    let s = stored(json!("new"), NOW - 100);
    let c = change("status", json!("closed"), NOW + 1_000);
    let (v, _) = run(
        Role::Butler,
        Target {
            foreign: false,
            stored: Some(&s),
            new_record: false,
            records: None,
            stored_by: None,
        },
        &c,
    );
    let refused = v.refused.expect("refused");
    assert_eq!(refused.refusal.code, RejectCode::BadTransition);
    let comp = refused.compensation.expect("compensation");
    assert_eq!((comp.value.clone(), comp.prev), (json!("new"), Some(s.hlc)));
    assert!(comp.hlc > c.hlc, "the compensation must beat the refused change by plain merge");
    assert_eq!(comp.replica, ReplicaId::server());
    assert_eq!(v.writes, vec![comp]);
}

#[test]
fn a_foreign_record_is_neither_read_nor_written() {
    let s = stored(json!("theirs"), NOW - 100);
    let c = change("description", json!("mine"), NOW);
    let (v, _) = run(
        Role::Office,
        Target {
            foreign: true,
            stored: Some(&s),
            new_record: false,
            records: None,
            stored_by: None,
        },
        &c,
    );
    assert!(v.writes.is_empty());
    let refused = v.refused.unwrap();
    assert_eq!(refused.refusal.code, RejectCode::OutOfScope);
    assert_eq!(refused.compensation.unwrap().value, json!(null));
}

#[test]
fn butlers_may_not_write_office_kinds_and_nobody_writes_server_kinds() {
    let mut c = change("name", json!("东区"), NOW);
    c.kind = Kind::new("area");
    assert_eq!(
        run(Role::Butler, Target::default(), &c).0.refused.unwrap().refusal.code,
        RejectCode::Forbidden
    );
    assert!(run(Role::Office, Target::default(), &c).0.refused.is_none());
    c.kind = Kind::new("staff");
    assert_eq!(
        run(Role::Supervisor, Target::default(), &c).0.refused.unwrap().refusal.code,
        RejectCode::Forbidden
    );
}

#[test]
fn a_clock_far_ahead_is_restamped_and_not_observed() {
    let c = change("description", json!("x"), NOW + 3_600_000);
    let (v, clock) = run(Role::Butler, Target::default(), &c);
    let refused = v.refused.unwrap();
    assert_eq!(refused.refusal.code, RejectCode::ClockAhead);
    let written = &v.writes[0];
    assert!(written.hlc.millis() <= NOW && written.value == json!("x"));
    assert_eq!(refused.compensation.as_ref(), Some(written));
    assert!(clock.last().millis() <= NOW, "the server clock did not jump ahead");
}

#[test]
fn a_concurrent_edit_of_a_review_field_writes_a_conflict_with_the_values() {
    let s = stored(json!("13500000000"), NOW - 100);
    let mut c = change("contact_phone", json!("13600000000"), NOW - 50);
    c.prev = Some(Hlc::new(NOW - 500, 0));
    let (v, _) = run(
        Role::Butler,
        Target {
            foreign: false,
            stored: Some(&s),
            new_record: false,
            records: None,
            stored_by: None,
        },
        &c,
    );
    assert!(v.refused.is_none());
    assert_eq!(v.writes[0], c);
    let lost = v.writes.iter().find(|w| w.field == "lost_value").expect("conflict written");
    assert_eq!((lost.kind.as_str(), &lost.value), ("conflict", &json!("13500000000")));
    // Judged again with a fresh clock: the very same writes, the conflict's id included.
    let target = Target {
        foreign: false,
        stored: Some(&s),
        new_record: false,
        records: None,
        stored_by: None,
    };
    let (again, _) = run(Role::Butler, target, &c);
    assert_eq!(again, v, "judge reads no clock and no random source");
}

#[test]
fn a_foreign_replica_id_in_a_change_is_refused_without_compensation() {
    let mut c = change("description", json!("x"), NOW);
    c.replica = ReplicaId::from("someone-else");
    let (v, _) = run(Role::Butler, Target::default(), &c);
    let refused = v.refused.unwrap();
    assert_eq!((refused.refusal.code, refused.compensation), (RejectCode::BadReplica, None));
    assert!(v.writes.is_empty());
}

#[test]
fn a_prev_later_than_the_change_is_refused_and_compensated() {
    let s = stored(json!("old"), NOW - 100);
    let mut c = change("description", json!("forged"), NOW - 50);
    c.prev = Some(Hlc::new(NOW + 10, 0));
    let (v, _) = run(
        Role::Butler,
        Target {
            foreign: false,
            stored: Some(&s),
            new_record: false,
            records: None,
            stored_by: None,
        },
        &c,
    );
    let refused = v.refused.expect("refused");
    assert_eq!(refused.refusal.code, RejectCode::BadPrev);
    assert_eq!(refused.compensation.map(|c| c.value), Some(json!("old")));
    assert!(v.writes.iter().all(|w| w.value != json!("forged")));
}

#[test]
fn a_compensation_with_nothing_stored_is_a_logged_null() {
    let c = change("status", json!("closed"), NOW);
    let (v, _) = run(Role::Butler, Target::default(), &c);
    let comp = v.refused.and_then(|r| r.compensation).expect("compensated");
    assert_eq!((comp.value.clone(), comp.prev), (json!(null), None));
    assert_eq!(v.writes, vec![comp], "written, so every replica converges on it");
}

#[test]
fn references_are_stored_in_canonical_lower_case() {
    let unit = "0190F0A0-0000-7000-8000-0000000000AB";
    let c = change("unit", json!(unit), NOW);
    let (v, _) = run(Role::Butler, Target::default(), &c);
    assert_eq!(v.writes[0].value, json!(unit.to_lowercase()));
}

fn me() -> RecordId {
    RecordId::from("0190f0a0-0000-7000-8000-00000000beef")
}

#[test]
fn created_by_is_the_signed_in_user_whatever_the_device_says() {
    let c = change("created_by", json!("0190f0a0-0000-7000-8000-000000000bad"), NOW);
    let (v, _) = run(Role::Butler, Target::default(), &c);
    assert_eq!(v.writes.len(), 1);
    assert_eq!(v.writes[0].value, json!(me().as_str()));
    let refused = v.refused.expect("the device is told");
    assert_eq!(refused.refusal.code, RejectCode::Rewritten);
    assert_eq!(refused.compensation.as_ref(), Some(&v.writes[0]));
    assert!(v.writes[0].hlc > c.hlc, "the rewrite wins over the device's value");

    let honest = change("created_by", json!(me().as_str()), NOW);
    let (v, _) = run(Role::Butler, Target::default(), &honest);
    assert_eq!((v.writes, v.refused), (vec![honest], None));
}

#[test]
fn a_creator_once_stored_cannot_change() {
    let s = stored(json!("0190f0a0-0000-7000-8000-000000000001"), NOW - 100);
    let c = change("created_by", json!(me().as_str()), NOW);
    let (v, _) = run(
        Role::Office,
        Target {
            foreign: false,
            stored: Some(&s),
            new_record: false,
            records: None,
            stored_by: None,
        },
        &c,
    );
    assert_eq!(v.refused.unwrap().refusal.code, RejectCode::Forbidden);
    assert!(v.writes.iter().all(|w| w.value == s.value));
}

#[test]
fn deleting_is_for_the_office_and_departments_never_reassign() {
    let assign = change("assignee", json!(me().as_str()), NOW);
    let delete = change("deleted", json!(true), NOW);
    for (role, c) in [(Role::Butler, &delete), (Role::Department, &assign)] {
        let (v, _) = run(role, Target::default(), c);
        assert_eq!(v.refused.unwrap().refusal.code, RejectCode::Forbidden);
        assert!(v.writes.iter().all(|w| w.value.is_null()), "only the null compensation");
        assert!(run(Role::Supervisor, Target::default(), c).0.refused.is_none());
    }
    assert!(run(Role::Butler, Target::default(), &assign).0.refused.is_none(), "dispatch");
}

fn of_kind(kind: &str, field: &str, value: serde_json::Value) -> Change {
    Change { kind: Kind::new(kind), ..change(field, value, NOW - 5) }
}

#[test]
fn a_status_move_is_judged_by_the_role_that_makes_it() {
    let s = stored(json!("done"), NOW - 100);
    let call_back = change("status", json!("called_back"), NOW);
    let (v, _) = run(
        Role::Department,
        Target {
            foreign: false,
            stored: Some(&s),
            new_record: false,
            records: None,
            stored_by: None,
        },
        &call_back,
    );
    let refused = v.refused.unwrap();
    assert_eq!(refused.refusal.code, RejectCode::Forbidden);
    assert_eq!(refused.compensation.unwrap().value, json!("done"));
    // With its attempt (a call-back that reached a satisfied resident) in the batch.
    let attempt = |f: &str, v: serde_json::Value| Change {
        kind: Kind::new(crate::request::history::CALLBACK),
        id: RecordId::from("0190f0a0-0000-7000-8000-0000000000cb"),
        ..change(f, v, NOW - 1)
    };
    let batch = [
        attempt("request", json!(call_back.id)),
        attempt("result", json!("reached")),
        attempt("satisfaction", json!("satisfied")),
    ];
    let replica = ReplicaId::from("tablet-1");
    let pusher =
        Pusher { role: Role::Butler, replica: &replica, staff: None, blocks: &[], recovery: None };
    let view = BatchView::new(crate::ReplicaState::new(), pusher, &batch);
    let (v, _) = run(
        Role::Butler,
        Target {
            foreign: false,
            stored: Some(&s),
            new_record: false,
            records: Some(&view),
            stored_by: None,
        },
        &call_back,
    );
    assert_eq!(v.writes, vec![call_back]);
}

#[test]
fn a_new_event_gets_the_servers_received_time_and_the_pushers_identity() {
    let ev = of_kind("request_event", "request", json!("0190f0a0-0000-7000-8000-0000000000aa"));
    let (v, _) = run(Role::Butler, Target::default(), &ev);
    assert_eq!(v.writes.len(), 2);
    let at = &v.writes[1];
    assert_eq!((at.field.as_str(), &at.value), ("received_at", &json!(NOW)));
    assert_eq!(at.replica, ReplicaId::server());
    assert!(at.hlc > ev.hlc, "stamped when it arrived");
    // A resend of the same event (stored already) is not stamped again.
    let s = stored(ev.value.clone(), NOW - 5);
    let (v, _) = run(
        Role::Butler,
        Target {
            foreign: false,
            stored: Some(&s),
            new_record: false,
            records: None,
            stored_by: None,
        },
        &ev,
    );
    assert!(v.writes.iter().all(|w| w.field == "request"));

    let by = of_kind("request_event", "by", json!("0190f0a0-0000-7000-8000-0000000000bb"));
    let device = of_kind("request_event", "device", json!("someone-else"));
    for (c, want) in [(by, json!(me().as_str())), (device, json!("tablet-1"))] {
        let (v, _) = run(Role::Butler, Target::default(), &c);
        assert_eq!(v.writes.len(), 1, "{c:?}");
        assert_eq!(v.writes[0].value, want);
        assert_eq!(v.refused.unwrap().refusal.code, RejectCode::Rewritten);
    }
}

#[test]
fn server_supervisor_and_set_once_fields_are_guarded() {
    let received = of_kind("request_event", "received_at", json!(1));
    let approve = change("plan_approved_by", json!(me().as_str()), NOW);
    let classifier = of_kind("classifier", "name_zh", json!("漏水"));
    for c in [&received, &approve, &classifier] {
        let (v, _) = run(Role::Office, Target::default(), c);
        assert_eq!(v.refused.unwrap().refusal.code, RejectCode::Forbidden, "{c:?}");
        assert!(v.writes.iter().all(|w| w.value.is_null()), "{c:?}");
    }
    assert!(run(Role::Supervisor, Target::default(), &approve).0.refused.is_none());
    assert!(run(Role::Supervisor, Target::default(), &classifier).0.refused.is_none());
    assert!(run(Role::Supervisor, Target::default(), &received).0.refused.is_some());

    let s = stored(json!("A1-261127-0001"), NOW - 100);
    let same = change("number", json!("A1-261127-0001"), NOW);
    let other = change("number", json!("A1-261127-0002"), NOW);
    let at = |c: &Change| {
        run(
            Role::Butler,
            Target {
                foreign: false,
                stored: Some(&s),
                new_record: false,
                records: None,
                stored_by: None,
            },
            c,
        )
        .0
    };
    assert!(at(&same).refused.is_none(), "a resend of the same number");
    assert_eq!(at(&other).refused.unwrap().refusal.code, RejectCode::Forbidden);
}

#[test]
fn department_staff_write_a_status_and_nothing_else() {
    let s = stored(json!("assigned"), NOW - 100);
    let status = change("status", json!("in_progress"), NOW);
    let (v, _) = run(
        Role::Department,
        Target {
            foreign: false,
            stored: Some(&s),
            new_record: false,
            records: None,
            stored_by: None,
        },
        &status,
    );
    assert_eq!((v.writes, v.refused), (vec![status], None));
    let phone = change("contact_phone", json!("13800000000"), NOW);
    let (v, _) = run(Role::Department, Target::default(), &phone);
    assert_eq!(v.refused.unwrap().refusal.code, RejectCode::Forbidden);
}

#[test]
fn no_refusal_writes_to_a_foreign_record() {
    // Each of these would be refused for another reason too; none may write a
    // compensation over the foreign record's stored value.
    let mut unit = change("number", json!("9-9999"), NOW);
    unit.kind = Kind::new("unit");
    let bad_value = change("status", json!("lost"), NOW);
    let delete = change("deleted", json!(true), NOW);
    for c in [unit, bad_value, delete] {
        let (v, _) = run(
            Role::Butler,
            Target {
                foreign: true,
                stored: None,
                new_record: false,
                records: None,
                stored_by: None,
            },
            &c,
        );
        assert!(v.writes.is_empty(), "{c:?}");
        assert_eq!(v.refused.unwrap().refusal.code, RejectCode::OutOfScope);
    }
}

#[test]
fn checklists_are_the_supervisors_and_a_round_is_the_butlers_but_not_its_score() {
    let code = |role: Role, kind: &str, field: &str, v: serde_json::Value| {
        let mut c = change(field, v, NOW);
        c.kind = Kind::new(kind);
        run(role, Target::default(), &c).0.refused.map(|r| r.refusal.code)
    };
    for kind in ["patrol_template", "patrol_section", "patrol_item", "patrol_option"] {
        let deleted = || json!(true);
        assert_eq!(code(Role::Butler, kind, "deleted", deleted()), Some(RejectCode::Forbidden));
        assert_eq!(code(Role::Office, kind, "deleted", deleted()), Some(RejectCode::Forbidden));
        assert_eq!(code(Role::Supervisor, kind, "deleted", deleted()), None, "{kind}");
    }
    assert_eq!(code(Role::Butler, "patrol_round", "started_at", json!(5)), None);
    assert_eq!(code(Role::Butler, "patrol_answer", "result", json!("fail")), None);
    for field in ["purpose", "score", "subject"] {
        let v = if field == "purpose" { json!("quality") } else { json!(90) };
        let v = if field == "subject" { json!(me()) } else { v };
        assert_eq!(
            code(Role::Butler, "patrol_round", field, v.clone()),
            Some(RejectCode::Forbidden)
        );
        assert_eq!(code(Role::Supervisor, "patrol_round", field, v), None, "{field}");
    }
    // A round's `by` is the signed-in user, whatever the device says.
    let mut c = change("by", json!("0190f0a0-0000-7000-8000-0000000000ff"), NOW);
    c.kind = Kind::new("patrol_round");
    let (v, _) = run(Role::Butler, Target::default(), &c);
    assert_eq!(v.writes[0].value, json!(me()));
}

#[test]
fn a_refused_change_to_a_record_nobody_holds_writes_nothing() {
    let c = change("status", json!("closed"), NOW);
    let target = Target { new_record: true, ..Target::default() };
    let (v, _) = run(Role::Butler, target, &c);
    assert!(v.writes.is_empty(), "no row of a record nobody made: {:?}", v.writes);
    let comp = v.refused.and_then(|r| r.compensation).expect("the pusher is answered");
    assert_eq!((comp.value, comp.hlc), (json!(null), Hlc::ZERO), "any real write outranks it");
}

/// After a restore, a device restates a request the backup lacks, already past `new`, with
/// its author's replica: the state-dependent rules would refuse it (a new request starts as
/// new), so a restatement is judged by who may write it only — and only when stamped no later
/// than the restore, under a recovery the server granted.
#[test]
fn a_restatement_after_a_restore_keeps_what_was_accepted_before_it() {
    let restored_ms = NOW - 60_000;
    let mut c = change("status", json!("called_back"), NOW - 3_600_000);
    c.replica = ReplicaId::from("office-1");
    let judge_with = |recovery: Option<Recovery>, c: &Change| {
        let replica = ReplicaId::from("tablet-1");
        let pusher = Pusher {
            role: Role::Butler,
            replica: &replica,
            staff: Some(&me()),
            blocks: &[],
            recovery,
        };
        judge(
            pusher,
            Target { new_record: true, ..Target::default() },
            c,
            &mut HlcClock::default(),
            TIME,
        )
    };
    let recovery = Recovery::granted(restored_ms, NOW);
    assert!(recovery.is_some());
    let v = judge_with(recovery, &c);
    assert_eq!(
        v,
        Verdict { writes: vec![c.clone()], refused: None },
        "kept as it was, stamp and author"
    );

    // Without the recovery: another replica's change, refused.
    assert!(judge_with(None, &c).refused.is_some());
    // Stamped after the restore: new work, judged by every rule (a new request starts as new).
    let late = change("status", json!("called_back"), restored_ms + 1);
    let v = judge_with(recovery, &late);
    assert_eq!(v.refused.map(|r| r.refusal.code), Some(RejectCode::BadTransition));
    // A role that may not write the field is refused even when restating.
    let mut dept = change("assignee", json!("0190f0a0-0000-7000-8000-0000000000aa"), NOW - 10);
    dept.hlc = Hlc::new(restored_ms - 10, 0);
    let replica = ReplicaId::from("tablet-1");
    let pusher = Pusher {
        role: Role::Department,
        replica: &replica,
        staff: Some(&me()),
        blocks: &[],
        recovery,
    };
    let v = judge(pusher, Target::default(), &dept, &mut HlcClock::default(), TIME);
    assert_eq!(v.refused.map(|r| r.refusal.code), Some(RejectCode::Forbidden));
    // The grant ends.
    assert_eq!(
        Recovery::granted(restored_ms, restored_ms + (Recovery::DAYS + 1) * 86_400_000),
        None
    );
}
