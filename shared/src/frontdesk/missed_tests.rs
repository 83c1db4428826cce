use super::*;
use crate::frontdesk::test_fixture::{id, places, put, AREA_A, AREA_B};
use serde_json::json;

const NOW: i64 = 100 * HOUR_MS;

fn call(s: &mut ReplicaState, n: u32, unit: Option<u32>, area: Option<u32>, at: i64) {
    let mut f = vec![(field::CHANNEL, json!("missed_call")), (field::AT, json!(at))];
    f.extend(unit.map(|u| (field::UNIT, json!(id(u)))));
    f.extend(area.map(|a| (field::AREA, json!(id(a)))));
    put(s, kind::DESK_ENTRY, &id(n), &f);
}

#[test]
fn a_missed_call_is_overdue_past_missed_call_h_until_returned() {
    let mut s = places();
    let settings = Settings::DEFAULT;
    call(&mut s, 10, Some(1), None, NOW - 3 * HOUR_MS - 1); // 1 ms past the 3 h
    call(&mut s, 11, Some(2), None, NOW - 3 * HOUR_MS); // exactly due: not yet overdue
    call(&mut s, 12, Some(1), None, NOW - 10 * HOUR_MS);
    put(&mut s, kind::DESK_ENTRY, &id(12), &[(field::RETURNED_AT, json!(NOW - HOUR_MS))]);
    call(&mut s, 13, None, Some(AREA_B), NOW - 5 * HOUR_MS); // its own area
                                                             // A phone call taken is never a missed call.
    put(
        &mut s,
        kind::DESK_ENTRY,
        &id(14),
        &[(field::CHANNEL, json!("phone")), (field::AT, json!(0)), (field::UNIT, json!(id(1)))],
    );
    let all: Vec<_> = overdue(&s, None, &settings, NOW).into_iter().map(|m| m.id).collect();
    assert_eq!(all, vec![id(13), id(10)], "oldest first");
    let a: Vec<_> =
        overdue(&s, Some(&id(AREA_A)), &settings, NOW).into_iter().map(|m| m.id).collect();
    assert_eq!(a, vec![id(10)]);
    assert_eq!(unreturned(&s, Some(&id(AREA_A)), &settings).len(), 2);
    let longer = Settings { missed_call_h: 6, ..Settings::DEFAULT };
    assert!(overdue(&s, None, &longer, NOW).is_empty());
    put(&mut s, kind::DESK_ENTRY, &id(13), &[(field::DELETED, json!(true))]);
    assert_eq!(overdue(&s, None, &settings, NOW).len(), 1);
}
