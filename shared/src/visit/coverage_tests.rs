use super::*;
use crate::names::{field, kind};
use crate::replica::ReplicaState;
use crate::report::period::PeriodKind;
use crate::{Change, Hlc, Kind, ReplicaId};
use serde_json::{json, Value};

fn id(n: u32) -> RecordId {
    RecordId::from(format!("00000000-0000-7000-8000-{n:012}"))
}

fn put(s: &mut ReplicaState, k: &str, id: &RecordId, fields: &[(&str, Value)]) {
    for (f, v) in fields {
        let n = s.len() as u64 + 1;
        s.apply(&Change {
            kind: Kind::new(k),
            id: id.clone(),
            field: (*f).into(),
            value: v.clone(),
            hlc: Hlc::new(n * 100 + f.len() as u64, 0),
            replica: ReplicaId::from("t"),
            prev: None,
        });
    }
}

const NOW: i64 = 1_000 * DAY_MS;

/// Area A (building 100): units 1–6; area B (building 200): unit 7. Hand-counted below.
fn fixture() -> (ReplicaState, Period) {
    let mut s = ReplicaState::new();
    let (a, b) = (id(1000), id(2000));
    put(&mut s, kind::BUILDING, &id(100), &[(field::AREA, json!(a))]);
    put(&mut s, kind::BUILDING, &id(200), &[(field::AREA, json!(b))]);
    for u in 1..=6 {
        put(&mut s, kind::UNIT, &id(u), &[(field::BUILDING, json!(id(100)))]);
    }
    put(&mut s, kind::UNIT, &id(7), &[(field::BUILDING, json!(id(200)))]);
    // Live links: units 1–4 (unit 4 has a move-out still ahead) and 7.
    for (n, u) in [(11, 1), (12, 2), (13, 3), (17, 7)] {
        put(&mut s, kind::UNIT_PERSON, &id(n), &[(field::UNIT, json!(id(u)))]);
    }
    put(
        &mut s,
        kind::UNIT_PERSON,
        &id(14),
        &[(field::UNIT, json!(id(4))), (field::TO, json!(NOW + 1))],
    );
    // Unit 5: a deleted link; unit 6: moved out. Neither is a household.
    put(
        &mut s,
        kind::UNIT_PERSON,
        &id(15),
        &[(field::UNIT, json!(id(5))), (field::DELETED, json!(true))],
    );
    put(
        &mut s,
        kind::UNIT_PERSON,
        &id(16),
        &[(field::UNIT, json!(id(6))), (field::TO, json!(NOW - 1))],
    );
    let period = Period::of(PeriodKind::Month, NOW, 480);
    let inside = period.start + DAY_MS;
    let visit = |s: &mut ReplicaState, n: u32, unit: u32, outcome: &str, at: i64| {
        let f = [
            (field::UNIT, json!(id(unit))),
            (field::OUTCOME, json!(outcome)),
            (field::AT, json!(at)),
        ];
        put(s, kind::VISIT, &id(n), &f);
    };
    visit(&mut s, 31, 1, "contacted", inside);
    visit(&mut s, 32, 1, "contacted", inside + 5); // the same household again: once
    visit(&mut s, 33, 2, "not_home", inside); // a visit, not a contact
    visit(&mut s, 34, 3, "contacted", period.start - 1); // before the period
    visit(&mut s, 35, 4, "contacted", inside);
    put(&mut s, kind::VISIT, &id(35), &[(field::DELETED, json!(true))]); // withdrawn
    visit(&mut s, 36, 7, "contacted", inside); // another area
    visit(&mut s, 37, 6, "contacted", inside); // moved out: no household
                                               // Call-backs: unit 2 reached (known), unit 4 not answered (not known).
    put(&mut s, kind::REQUEST, &id(41), &[(field::UNIT, json!(id(2)))]);
    put(&mut s, kind::REQUEST, &id(42), &[(field::UNIT, json!(id(4)))]);
    let cb = [
        (field::REQUEST, json!(id(41))),
        (field::RESULT, json!("reached")),
        (field::AT, json!(NOW - 30 * DAY_MS)),
    ];
    put(&mut s, kind::CALLBACK, &id(51), &cb);
    let cb = [
        (field::REQUEST, json!(id(42))),
        (field::RESULT, json!("no_answer")),
        (field::AT, json!(NOW - DAY_MS)),
    ];
    put(&mut s, kind::CALLBACK, &id(52), &cb);
    (s, period)
}

#[test]
fn households_are_occupied_units_of_the_area() {
    let (s, _) = fixture();
    let f = VisitFacts::of(&s, NOW);
    assert_eq!(f.households_in(&id(1000)), vec![id(1), id(2), id(3), id(4)]);
    assert_eq!(f.households_in(&id(2000)), vec![id(7)]);
    // Once unit 4's move-out has passed, it is no household.
    let later = VisitFacts::of(&s, NOW + 1);
    assert_eq!(later.households_in(&id(1000)), vec![id(1), id(2), id(3)]);
}

#[test]
fn coverage_counts_households_contacted_in_the_period_once() {
    let (s, period) = fixture();
    let f = VisitFacts::of(&s, NOW);
    let homes = f.households_in(&id(1000));
    let c = coverage(&homes, &f.visits, &period, 60);
    // Contacted in the period: unit 1 only (2 not at home, 3 before, 4's visit deleted).
    assert_eq!((c.reached, c.households), (1, 4));
    assert_eq!((c.permille(), c.met(), c.short_by()), (Some(250), Some(false), 2));
    let b = coverage(&f.households_in(&id(2000)), &f.visits, &period, 60);
    assert_eq!((b.reached, b.households, b.met()), (1, 1, Some(true)));
}

#[test]
fn never_visited_ignores_outcome_and_date_but_not_deletion() {
    let (s, _) = fixture();
    let f = VisitFacts::of(&s, NOW);
    let homes = f.households_in(&id(1000));
    assert_eq!(never_visited(&homes, &f.visits), vec![&id(4)]);
    let last = last_visits(&f.visits);
    assert_eq!(
        last.get(&id(2)),
        f.visits.iter().find(|v| v.id == id(33)).and_then(|v| v.at).as_ref()
    );
    assert!(!last.contains_key(&id(4)));
}

#[test]
fn known_households_have_a_confirmed_contact_within_365_days() {
    let (s, _) = fixture();
    let f = VisitFacts::of(&s, NOW);
    let homes = f.households_in(&id(1000));
    let k = known(&homes, &f.confirmed, NOW, &Settings::DEFAULT);
    // 1 and 3 by visits, 2 by a reached call-back; 4's call-back went unanswered.
    assert_eq!((k.reached, k.households, k.target_pct), (3, 4, 95));
    assert_eq!((k.permille(), k.met()), (Some(750), Some(false)));
    // A year and a day on, every contact has aged out.
    let k = known(&homes, &f.confirmed, NOW + KNOWN_WINDOW_MS + 2 * DAY_MS, &Settings::DEFAULT);
    assert_eq!(k.reached, 0);
}

#[test]
fn the_target_is_met_on_exact_counts_and_not_judged_without_households() {
    let s = |reached, households| Share { reached, households, target_pct: 60 };
    assert_eq!(s(3, 5).met(), Some(true), "60 % exactly");
    assert_eq!(s(2, 5).met(), Some(false));
    assert_eq!((s(2, 5).short_by(), s(3, 5).short_by()), (1, 0));
    assert_eq!((s(0, 0).met(), s(0, 0).permille()), (None, None));
    assert_eq!(s(2, 3).permille(), Some(666), "rounded down");
}

#[test]
fn a_plan_sets_its_target_and_its_days_are_inclusive() {
    let d = Settings::DEFAULT;
    assert_eq!(plan_target(Some(80), &d), 80);
    assert_eq!(plan_target(None, &d), 60);
    assert_eq!(plan_target(Some(150), &d), 60, "out of range: the setting");
    let first = crate::report::period::day_start(NOW, 480);
    let plan = facts::PlanFact {
        id: id(9),
        area: None,
        name: String::new(),
        start: Some(first),
        end: Some(first + 6 * DAY_MS),
        target_pct: None,
    };
    let p = plan.period(480).unwrap();
    assert_eq!((p.start, p.end), (first, first + 7 * DAY_MS), "the last day is in");
    assert!(facts::PlanFact { end: None, ..plan }.period(480).is_none());
}
