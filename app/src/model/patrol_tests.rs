use super::*;
use shared::patrol::rectification_id;
use shared::patrol::template::{default_id, PATROL_TEMPLATE, QUALITY_TEMPLATE};
use shared::{Hlc, ReplicaId, Role};

fn actor(role: Role, at: i64) -> Actor {
    Actor { staff: "0190f0a0-0000-7000-8000-0000000000b1".into(), role, device: "tab".into(), at }
}

fn apply(s: &mut ReplicaState, edits: Vec<FieldEdit>) {
    FieldEdit::assert_fit_the_schema(&edits);
    // Every edit later than the last one, as a device's clock stamps them.
    let last = s.records().flat_map(|(_, _, f)| f.values().map(|v| v.hlc)).max();
    let start = last.map_or(1, |h| h.millis() + 1);
    for (n, e) in edits.into_iter().enumerate() {
        let hlc = Hlc::new(start + n as u64, 0);
        s.apply(&e.into_change(hlc, ReplicaId::server(), None));
    }
}

fn run(s: &mut ReplicaState, f: impl FnOnce(&ReplicaState) -> Vec<FieldEdit>) {
    let edits = f(s);
    apply(s, edits);
}

fn get(s: &ReplicaState, kind: &str, id: &RecordId, field: &str) -> Option<Json> {
    s.field(&Kind::new(kind), id, field).map(|f| f.value.clone())
}

struct Scene {
    s: ReplicaState,
    area: RecordId,
    building: RecordId,
    round: RecordId,
    engineering: RecordId,
}

fn scene() -> Scene {
    let mut s = ReplicaState::new();
    let (area, building, engineering) =
        (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    apply(
        &mut s,
        vec![
            FieldEdit::new("building", &building, "area", json!(area)),
            FieldEdit::new("building", &building, "name", json!("1号楼")),
            FieldEdit::new("department", &engineering, "code", json!("engineering")),
        ],
    );
    let t = template::template(&s, &default_id(PATROL_TEMPLATE)).unwrap();
    let round = RecordId::new_v7();
    apply(&mut s, start_round_edits(&round, &t, &area, None, None, &actor(Role::Butler, 1_000)));
    Scene { s, area, building, round, engineering }
}

fn item(s: &ReplicaState, n: u32) -> Item {
    template::item(s, &default_id(n)).unwrap()
}

fn photo_of(s: &mut ReplicaState, answer: &RecordId) -> RecordId {
    let id = RecordId::new_v7();
    apply(
        s,
        vec![
            FieldEdit::new(PHOTO, &id, "parent_kind", json!("patrol_answer")),
            FieldEdit::new(PHOTO, &id, "parent_id", json!(answer)),
            FieldEdit::new(PHOTO, &id, "sha256", json!("ab".repeat(32))),
            FieldEdit::new(PHOTO, &id, "thumb_sha256", json!("cd".repeat(32))),
        ],
    );
    id
}

#[test]
fn a_round_keeps_its_version_and_answers_are_judged_and_derived() {
    let mut sc = scene();
    let me = actor(Role::Butler, 2_000);
    let r = round(&sc.s, &sc.round).unwrap();
    assert_eq!((r.version, r.purpose, r.area.as_ref()), (1, Purpose::Patrol, Some(&sc.area)));
    assert_eq!(open_round(&sc.s, &me.staff, Purpose::Patrol).map(|r| r.id), Some(sc.round.clone()));
    let gauge = item(&sc.s, 103);
    let b = Some(&sc.building);
    let e =
        answer_edits(&sc.s, &sc.round, &gauge, (b, None), &Value::Number(0.8), "", &me).unwrap();
    apply(&mut sc.s, e);
    // Answered again (another tablet would derive the same id): one answer, the last value.
    let e =
        answer_edits(&sc.s, &sc.round, &gauge, (b, None), &Value::Number(1.2), "", &me).unwrap();
    apply(&mut sc.s, e);
    let all = answers(&sc.s, &sc.round);
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].result, all[0].number), (Some(AnswerResult::Pass), Some(1.2)));
    let bad = answer_edits(&sc.s, &sc.round, &gauge, (b, None), &Value::Text("x".into()), "", &me);
    assert_eq!(bad, Err(PatrolError::BadValue));
    let green = item(&sc.s, 107);
    let pests = default_id(1072);
    run(&mut sc.s, |s| choice_edits(s, &sc.round, &green, (b, None), &pests, "", &me).unwrap());
    let a = answers(&sc.s, &sc.round).into_iter().find(|a| a.item == green.id).unwrap();
    assert_eq!((a.result, a.option), (Some(AnswerResult::Fail), Some(pests)));
}

#[test]
fn a_failed_item_needs_its_photo_then_files_one_routed_request_with_the_photo() {
    let mut sc = scene();
    let me = actor(Role::Butler, 3_000);
    let lights = item(&sc.s, 100);
    let b = Some(&sc.building);
    let fail = Value::Verdict(AnswerResult::Fail);
    run(&mut sc.s, |s| answer_edits(s, &sc.round, &lights, (b, None), &fail, "3楼", &me).unwrap());
    let refused = finish_edits(&sc.s, &sc.round, b, &me);
    assert_eq!(refused, Err(PatrolError::PhotoRequired(vec![lights.id.clone()])));
    let answer = answer_id(&sc.round, &lights.id, b, None);
    let photo = photo_of(&mut sc.s, &answer);
    let filed = finish_edits(&sc.s, &sc.round, b, &me).unwrap();
    apply(&mut sc.s, filed);
    let req = rectification_id(&answer);
    let field = |f: &str| get(&sc.s, "request", &req, f);
    assert_eq!(field("status"), Some(json!("new")));
    assert_eq!(field("source"), Some(json!("patrol")));
    assert_eq!(field("area"), Some(json!(sc.area)));
    assert_eq!(field("department"), Some(json!(sc.engineering)), "lights → power → engineering");
    assert_eq!(field("topic"), Some(json!(lights.topic)));
    assert_eq!(field("patrol_round"), Some(json!(sc.round)));
    assert!(field("description").unwrap().as_str().unwrap().contains("3楼"));
    let copy = photo_copy_id(&photo, &req);
    assert_eq!(get(&sc.s, PHOTO, &copy, "parent_id"), Some(json!(req)));
    assert_eq!(get(&sc.s, PHOTO, &copy, "sha256"), Some(json!("ab".repeat(32))), "same bytes");
    // Filing again (the round's end) writes nothing new about the request or its photo.
    let again = finish_edits(&sc.s, &sc.round, None, &me).unwrap();
    assert!(again.iter().all(|e| e.id != copy && e.field != "created_at"), "{again:?}");
    let requests = sc.s.records_of("request").count();
    assert_eq!(requests, 1);
}

#[test]
fn an_answer_turned_to_pass_withdraws_its_new_request_and_the_round_ends() {
    let mut sc = scene();
    let me = actor(Role::Butler, 4_000);
    let exits = item(&sc.s, 105); // no photo needed
    let b = Some(&sc.building);
    let v = |r| Value::Verdict(r);
    run(&mut sc.s, |s| {
        answer_edits(s, &sc.round, &exits, (b, None), &v(AnswerResult::Fail), "", &me).unwrap()
    });
    run(&mut sc.s, |s| finish_edits(s, &sc.round, b, &me).unwrap());
    run(&mut sc.s, |s| {
        answer_edits(s, &sc.round, &exits, (b, None), &v(AnswerResult::Pass), "", &me).unwrap()
    });
    run(&mut sc.s, |s| end_round_edits(s, &sc.round, &me).unwrap());
    let req = rectification_id(&answer_id(&sc.round, &exits.id, b, None));
    assert_eq!(get(&sc.s, "request", &req, "status"), Some(json!("cancelled")));
    // It fails again (corrected after the round ended): filed anew under the next id of its chain — one
    // live request, never two, and the withdrawn one stays withdrawn.
    run(&mut sc.s, |s| {
        answer_edits(s, &sc.round, &exits, (b, None), &v(AnswerResult::Fail), "", &me).unwrap()
    });
    run(&mut sc.s, |s| finish_edits(s, &sc.round, b, &me).unwrap());
    let again = shared::patrol::refiled_id(&req);
    assert_eq!(get(&sc.s, "request", &again, "status"), Some(json!("new")));
    assert_eq!(get(&sc.s, "request", &req, "status"), Some(json!("cancelled")));
    let live = sc.s.records_of("request").filter(|(_, f)| f.string("status") != "cancelled");
    assert_eq!(live.count(), 1);
    run(&mut sc.s, |s| {
        answer_edits(s, &sc.round, &exits, (b, None), &v(AnswerResult::Pass), "", &me).unwrap()
    });
    run(&mut sc.s, |s| finish_edits(s, &sc.round, b, &me).unwrap());
    assert_eq!(get(&sc.s, "request", &again, "status"), Some(json!("cancelled")));
    assert_eq!(round(&sc.s, &sc.round).unwrap().ended_at, Some(4_000));
    assert_eq!(end_round_edits(&sc.s, &sc.round, &me), Err(PatrolError::NoRound));
    assert!(open_round(&sc.s, &me.staff, Purpose::Patrol).is_none());
}

#[test]
fn a_done_finding_is_rechecked_pass_closes_fail_reopens() {
    let mut sc = scene();
    let me = actor(Role::Butler, 5_000);
    let exits = item(&sc.s, 105);
    let b = Some(&sc.building);
    let fail = Value::Verdict(AnswerResult::Fail);
    run(&mut sc.s, |s| answer_edits(s, &sc.round, &exits, (b, None), &fail, "", &me).unwrap());
    run(&mut sc.s, |s| end_round_edits(s, &sc.round, &me).unwrap());
    let req = rectification_id(&answer_id(&sc.round, &exits.id, b, None));
    assert!(rechecks_due(&sc.s, Some(&sc.area)).is_empty(), "not done yet");
    apply(&mut sc.s, vec![FieldEdit::new("request", &req, "status", json!("done"))]);
    assert_eq!(rechecks_due(&sc.s, Some(&sc.area)), std::slice::from_ref(&req));
    assert!(rechecks_due(&sc.s, Some(&RecordId::new_v7())).is_empty(), "another area's");
    apply(&mut sc.s, recheck_edits(&req, false, "仍不亮", &me).unwrap());
    assert_eq!(get(&sc.s, "request", &req, "status"), Some(json!("reopened")));
    apply(&mut sc.s, vec![FieldEdit::new("request", &req, "status", json!("done"))]);
    apply(&mut sc.s, recheck_edits(&req, true, "", &me).unwrap());
    assert_eq!(get(&sc.s, "request", &req, "status"), Some(json!("closed")));
    let rechecks =
        sc.s.records_of(shared::request::history::EVENT)
            .filter(|(_, f)| f.string("type") == "recheck")
            .map(|(_, f)| f.string("to"))
            .collect::<Vec<_>>();
    assert_eq!(rechecks.len(), 2);
    assert!(rechecks.contains(&"fail".to_owned()) && rechecks.contains(&"pass".to_owned()));
    let dept = actor(Role::Department, 6_000);
    assert!(recheck_edits(&req, true, "", &dept).is_err(), "the department never re-checks");
}

#[test]
fn a_quality_check_is_scored_and_files_nothing() {
    let mut sc = scene();
    let boss = actor(Role::Supervisor, 7_000);
    let q = template::template(&sc.s, &default_id(QUALITY_TEMPLATE)).unwrap();
    let check = RecordId::new_v7();
    let butler = RecordId::new_v7();
    apply(&mut sc.s, start_round_edits(&check, &q, &sc.area, None, Some(&butler), &boss));
    let list = template::checklist(&sc.s, &q.id, q.version);
    let items: Vec<Item> = list.into_iter().flat_map(|(_, i)| i).collect();
    for (n, i) in items.iter().enumerate() {
        let v = match i.ty {
            shared::patrol::ItemType::Number => Value::Number(8.0),
            _ if n == 0 => Value::Verdict(AnswerResult::Fail),
            _ => Value::Verdict(AnswerResult::Pass),
        };
        run(&mut sc.s, |s| answer_edits(s, &check, i, (None, None), &v, "", &boss).unwrap());
    }
    run(&mut sc.s, |s| end_round_edits(s, &check, &boss).unwrap());
    let r = round(&sc.s, &check).unwrap();
    assert_eq!((r.purpose, r.subject, r.score), (Purpose::Quality, Some(butler), Some(75)));
    assert_eq!(sc.s.records_of("request").count(), 0);
}

#[test]
fn a_walk_by_floor_offers_the_floors_with_units_and_answers_each_floor_apart() {
    let mut sc = scene();
    let me = actor(Role::Butler, 6_000);
    let other = RecordId::new_v7();
    for (building, floor) in [(&sc.building, 3), (&sc.building, 1), (&sc.building, 3), (&other, 9)]
    {
        let unit = RecordId::new_v7();
        apply(
            &mut sc.s,
            vec![
                FieldEdit::new("unit", &unit, "building", json!(building)),
                FieldEdit::new("unit", &unit, "floor", json!(floor)),
            ],
        );
    }
    assert_eq!(floors_of(&sc.s, &sc.building), [1, 3]);
    let lights = item(&sc.s, 100);
    let b = Some(&sc.building);
    let pass = Value::Verdict(AnswerResult::Pass);
    for floor in [1, 3] {
        run(&mut sc.s, |s| {
            answer_edits(s, &sc.round, &lights, (b, Some(floor)), &pass, "", &me).unwrap()
        });
    }
    let floors: Vec<Option<i64>> = answers(&sc.s, &sc.round).iter().map(|a| a.floor).collect();
    assert_eq!(floors.len(), 2, "one answer per floor");
    assert!(floors.contains(&Some(1)) && floors.contains(&Some(3)));
}
