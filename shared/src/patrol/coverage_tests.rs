use super::*;
use crate::{Change, Hlc, ReplicaId};
use serde_json::{json, Value};

fn put(s: &mut ReplicaState, kind: &str, id: &RecordId, field: &str, v: Value) {
    let n = s.len() as u64 + 1;
    s.apply(&Change {
        kind: Kind::new(kind),
        id: id.clone(),
        field: field.into(),
        value: v,
        hlc: Hlc::new(n * 100 + field.len() as u64, 0),
        replica: ReplicaId::from("t"),
        prev: None,
    });
}

fn spot(b: &str) -> Spot {
    Spot { building: RecordId::from(b), floor: None }
}

#[test]
fn red_past_the_cycle_and_due_today_before_the_day_ends() {
    let s = Settings::DEFAULT; // 5 days
    let day = 100 * DAY_MS;
    let now = day + 10 * 3_600_000;
    let spots = ["a", "b", "c", "d"].map(|b| (spot(b), b.to_uppercase())).to_vec();
    let answers = [
        (spot("a"), now - DAY_MS),                 // fine
        (spot("b"), now - 5 * DAY_MS - 1),         // just past the cycle
        (spot("c"), day - 4 * DAY_MS - 7_200_000), // turns red at 22:00
        (spot("a"), now - 9 * DAY_MS),             // older answer of a: the latest counts
    ];
    let rounds = [(day - 1, true), (day + 5, true), (now, true), (now, false)];
    let c = coverage(spots, answers, rounds, &s, now, day);
    let by = |b: &str| c.spots.iter().find(|x| x.spot == spot(b)).unwrap();
    assert!(!by("a").overdue && !by("a").due_today);
    assert_eq!(by("a").last, Some(now - DAY_MS));
    assert!(by("b").overdue && by("b").due_today);
    assert!(!by("c").overdue && by("c").due_today);
    assert!(by("d").overdue && by("d").last.is_none(), "never patrolled is red");
    assert_eq!(c.overdue(), 2);
    let order: Vec<&str> = c.suggestions().iter().map(|x| x.spot.building.as_str()).collect();
    assert_eq!(order, ["d", "b", "c"], "never, then the oldest, then due today");
    assert_eq!((c.rounds_today, c.rounds_needed, c.rounds_met()), (2, 1, true));
    assert_eq!(c.partial_today, 1, "a partial round is counted apart");
}

#[test]
fn the_cycle_and_rounds_per_day_are_settings() {
    let s = Settings { patrol_cycle_days: 10, patrol_rounds_per_day: 3, ..Settings::DEFAULT };
    let day = 50 * DAY_MS;
    let c = coverage(
        vec![(spot("a"), "A".into())],
        [(spot("a"), day - 7 * DAY_MS)],
        [(day, true)],
        &s,
        day,
        day,
    );
    assert!(!c.spots[0].overdue, "7 days is inside a 10-day cycle");
    assert!(!c.rounds_met(), "one round of three");
}

#[test]
fn an_area_counts_its_buildings_or_floors_from_patrol_answers_only() {
    let mut st = ReplicaState::new();
    let (area, other) = (RecordId::new_v7(), RecordId::new_v7());
    let (b1, b2, b3) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    for (b, a, name) in [(&b1, &area, "1栋"), (&b2, &area, "2栋"), (&b3, &other, "9栋")] {
        put(&mut st, "building", b, "area", json!(a));
        put(&mut st, "building", b, "name", json!(name));
        put(&mut st, "building", b, "floors_above", json!(3));
        put(&mut st, "building", b, "floors_below", json!(1));
    }
    let day = 200 * DAY_MS;
    let (patrol, quality) = (RecordId::new_v7(), RecordId::new_v7());
    put(&mut st, ROUND, &patrol, "area", json!(area));
    put(&mut st, ROUND, &patrol, "started_at", json!(day + 1));
    put(&mut st, ROUND, &quality, "area", json!(area));
    put(&mut st, ROUND, &quality, "purpose", json!("quality"));
    put(&mut st, ROUND, &quality, "started_at", json!(day + 2));
    let answer = |st: &mut ReplicaState, round: &RecordId, b: &RecordId, floor: i64| {
        let id = RecordId::new_v7();
        put(st, ANSWER, &id, "round", json!(round));
        put(st, ANSWER, &id, "building", json!(b));
        put(st, ANSWER, &id, "floor", json!(floor));
        put(st, ANSWER, &id, "at", json!(day + 3));
    };
    answer(&mut st, &patrol, &b1, 2);
    answer(&mut st, &quality, &b2, 1);
    let c = area_coverage(&st, &area, &Settings::DEFAULT, day + 4, day);
    assert_eq!(c.spots.len(), 2, "another area's building is not counted");
    assert_eq!(c.spots[0].name, "1栋");
    assert!(!c.spots[0].overdue);
    assert!(c.spots[1].overdue, "a quality check is not a patrol");
    assert_eq!((c.rounds_today, c.partial_today), (0, 1), "1 of 2 buildings is not a round");
    answer(&mut st, &patrol, &b2, 3);
    let c = area_coverage(&st, &area, &Settings::DEFAULT, day + 4, day);
    assert_eq!((c.rounds_today, c.partial_today), (1, 0), "both buildings walked: full");
    let floors = Settings { patrol_by_floor: 1, ..Settings::DEFAULT };
    let c = area_coverage(&st, &area, &floors, day + 4, day);
    assert_eq!(c.spots.len(), 8, "floors -1, 1, 2, 3 of two buildings");
    let fresh: Vec<_> = c.spots.iter().filter(|s| !s.overdue).map(|s| s.spot.floor).collect();
    assert_eq!(fresh, [Some(2), Some(3)], "only the floors answered");
    assert_eq!((c.rounds_today, c.partial_today), (0, 1), "by floor: 2 of 8 floors walked");
}

#[test]
fn a_round_with_a_blank_purpose_is_a_patrol_as_its_form_shows_it() {
    // The form and the report read a blank `purpose` as a patrol (the default); coverage
    // read it as some other purpose and left the round and its answers out.
    let mut st = ReplicaState::new();
    let (area, b, round, answer) =
        (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    put(&mut st, "building", &b, "area", json!(area));
    let day = 300 * DAY_MS;
    put(&mut st, ROUND, &round, "area", json!(area));
    put(&mut st, ROUND, &round, "purpose", json!("  "));
    put(&mut st, ROUND, &round, "started_at", json!(day + 1));
    put(&mut st, ANSWER, &answer, "round", json!(round));
    put(&mut st, ANSWER, &answer, "building", json!(b));
    put(&mut st, ANSWER, &answer, "at", json!(day + 2));
    let c = area_coverage(&st, &area, &Settings::DEFAULT, day + 3, day);
    assert_eq!((c.rounds_today, c.spots[0].last), (1, Some(day + 2)));
}
