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

fn spot(b: &str, floor: Option<i64>) -> Spot {
    Spot { building: RecordId::from(b), floor }
}

#[test]
fn one_building_of_three_is_not_a_full_round_and_names_the_other_two() {
    let spots: Vec<(Spot, String)> =
        [("a", "1栋"), ("b", "2栋"), ("c", "3栋")].map(|(b, n)| (spot(b, None), n.into())).to_vec();
    // Four answers, all in building b (several items of one building).
    let w = walk(&spots, [spot("b", None), spot("b", None), spot("b", None), spot("b", None)]);
    assert!(!w.is_full());
    assert_eq!(w.walked, [spot("b", None)]);
    let missed: Vec<&str> = w.missed.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(missed, ["1栋", "3栋"], "in the area's order");
    let all = walk(&spots, [spot("c", None), spot("a", None), spot("b", None)]);
    assert!(all.is_full() && all.missed.is_empty());
    assert_eq!(all.walked.len(), 3);
    // An answer naming a building of another area walks nothing here.
    assert_eq!(walk(&spots, [spot("z", None)]).missed.len(), 3);
    // An area with no buildings has nothing to miss.
    assert!(walk(&[], [spot("a", None)]).is_full());
}

#[test]
fn by_floor_a_full_round_walks_every_floor() {
    let spots: Vec<(Spot, String)> =
        [-1, 1, 2].map(|f| (spot("a", Some(f)), "1栋".to_owned())).to_vec();
    let w = walk(&spots, [spot("a", Some(1)), spot("a", Some(2))]);
    assert!(!w.is_full());
    assert_eq!(w.missed, [(spot("a", Some(-1)), "1栋".to_owned())]);
    assert!(walk(&spots, [-1, 2, 1].map(|f| spot("a", Some(f)))).is_full());
}

#[test]
fn a_rounds_walk_is_read_from_its_answers_against_its_area() {
    let mut st = ReplicaState::new();
    let (area, other) = (RecordId::new_v7(), RecordId::new_v7());
    let b: Vec<RecordId> = (0..4).map(|_| RecordId::new_v7()).collect();
    for (i, (a, name)) in
        [(&area, "1栋"), (&area, "2栋"), (&area, "3栋"), (&other, "9栋")].into_iter().enumerate()
    {
        put(&mut st, kind::BUILDING, &b[i], field::AREA, json!(a));
        put(&mut st, kind::BUILDING, &b[i], field::NAME, json!(name));
    }
    let round = RecordId::new_v7();
    put(&mut st, ROUND, &round, field::AREA, json!(area));
    let answer = |st: &mut ReplicaState, building: &RecordId, deleted: bool| {
        let id = RecordId::new_v7();
        put(st, ANSWER, &id, field::ROUND, json!(round));
        put(st, ANSWER, &id, field::BUILDING, json!(building));
        if deleted {
            put(st, ANSWER, &id, field::DELETED, json!(true));
        }
    };
    answer(&mut st, &b[1], false);
    answer(&mut st, &b[2], true); // a deleted answer walks nothing
    let w = round_walk(&st, &round, &Settings::DEFAULT).unwrap();
    let missed: Vec<&str> = w.missed.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(missed, ["1栋", "3栋"], "9栋 is another area's");
    answer(&mut st, &b[0], false);
    answer(&mut st, &b[2], false);
    assert!(round_walk(&st, &round, &Settings::DEFAULT).unwrap().is_full());
    assert_eq!(round_walk(&st, &RecordId::new_v7(), &Settings::DEFAULT), None);
}

#[test]
fn renovation_and_vacant_sections_look_at_the_units_in_that_state() {
    let mut st = ReplicaState::new();
    let (b, other) = (RecordId::new_v7(), RecordId::new_v7());
    let units = [
        (&b, 3, "1-0302", "renovating"),
        (&b, 1, "1-0101", "vacant"),
        (&b, 5, "1-0501", "renovating"),
        (&b, 2, "1-0201", "occupied"),
        (&b, 1, "1-0102", "vacant"),
        (&other, 1, "2-0101", "vacant"),
    ];
    for (building, floor, number, state) in units {
        let id = RecordId::new_v7();
        put(&mut st, kind::UNIT, &id, field::BUILDING, json!(building));
        put(&mut st, kind::UNIT, &id, field::FLOOR, json!(floor));
        put(&mut st, kind::UNIT, &id, field::NUMBER, json!(number));
        put(&mut st, kind::UNIT, &id, field::STATE, json!(state));
    }
    let numbers = |covers: Covers, floor: Option<i64>| -> Vec<String> {
        units_to_look_at(&st, &b, floor, covers).into_iter().map(|(_, n)| n).collect()
    };
    assert_eq!(numbers(Covers::Renovation, None), ["1-0302", "1-0501"]);
    assert_eq!(numbers(Covers::Vacant, None), ["1-0101", "1-0102"], "not 2-0101: another building");
    assert_eq!(numbers(Covers::Vacant, Some(1)), ["1-0101", "1-0102"]);
    assert_eq!(numbers(Covers::Renovation, Some(1)), Vec::<String>::new());
    assert!(numbers(Covers::Common, None).is_empty(), "the building as a whole");
}
