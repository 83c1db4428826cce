//! A request filed on a common place (a lift, a corridor) names its building instead of a
//! unit: it lives in the building's area (`shared::schema::kinds::request`,
//! `Placement::Area` through the unit, else the building, else its own area), so that
//! area's butler files and holds it, and another area's butler can neither file nor read it
//! (issue 28 point 5).

use super::{department, holds, scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{change, fixture_id, now};
use rstest::rstest;
use serde_json::{json, Value};
use shared::names::field;
use shared::{Change, RecordId, RejectCode};

/// A lift request on building `b` (entrance 2) as a butler's tablet writes it.
fn lift_request(id: &RecordId, b: usize, replica: &str) -> Vec<Change> {
    let t = now();
    let fields: [(&str, Value); 7] = [
        (field::BUILDING, json!(fixture_id(&format!("building-{b}")).0)),
        (field::ENTRANCE, json!(2)),
        (field::COMMON_PLACE, json!("2单元电梯")),
        (field::CATEGORY, json!("repair")),
        (field::STATUS, json!("new")),
        (field::DESCRIPTION, json!("电梯异响")),
        (field::DEPARTMENT, json!(department(0).0)),
    ];
    fields.iter().map(|(f, v)| change("request", id, f, v.clone(), t, replica, None)).collect()
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lift_request_lives_in_its_buildings_area(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    // butler (area 0) files on building-0 of their area: accepted, and theirs.
    let ours = RecordId::new_v7();
    let reply = s.push(&t.butler, "b", vec![(1, lift_request(&ours, 0, "b"))]).await;
    assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
    assert!(holds(&sc.snapshot(&t.butler).await, &ours), "the area's butler pulls it");
    assert!(!holds(&sc.snapshot(&t.butler2).await, &ours), "another area's butler does not");
    assert!(holds(&sc.snapshot(&t.fixer).await, &ours), "routed: its department pulls it");
    assert_eq!(sc.value(&t.office, &ours, field::COMMON_PLACE).await, Some(json!("2单元电梯")));
    assert_eq!(sc.value(&t.office, &ours, field::ENTRANCE).await, Some(json!(2)));
    // The other area's butler cannot write it.
    let edit = change("request", &ours, field::DESCRIPTION, json!("改"), now(), "b2", None);
    let reply = s.push(&t.butler2, "b2", vec![(1, vec![edit])]).await;
    assert_eq!(reply.rejections.first().map(|r| r.code), Some(RejectCode::OutOfScope));

    // butler files on building-1, of area 1: the building is refused out of scope and not
    // stored; the other fields are the butler's unplaced record (as with a unit of another
    // area), which area 1 never sees.
    let theirs = RecordId::new_v7();
    let reply = s.push(&t.butler, "b", vec![(2, lift_request(&theirs, 1, "b"))]).await;
    // The building is the batch's first change.
    let refused: Vec<_> = reply.rejections.iter().map(|r| (r.index, r.code)).collect();
    assert_eq!(refused, [(0, RejectCode::OutOfScope)], "{reply:?}");
    let stored = sc.value(&t.office, &theirs, field::BUILDING).await;
    assert!(stored.as_ref().is_none_or(Value::is_null), "a refused building: {stored:?}");
    assert!(!holds(&sc.snapshot(&t.butler2).await, &theirs), "area 1 never sees it");
}
