//! Moving (issue 25) on both databases: the lift-slot race — two replicas book one slot,
//! the server keeps the first and refuses the second's every change `slot_taken`, storing
//! nothing of it; a same-day or peak-hour booking refused; a cancelled booking frees the
//! slot — and scope: security holds the passes routed to it (the bearer's phone masked),
//! marks them used and writes nothing else, and holds no booking or move check; another
//! area's butler holds none of it.

use super::{codes, department, holds, scene, set_now as set, unit, Scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{fixture_id, now, PASSWORD};
use rstest::rstest;
use serde_json::{json, Value};
use server::accounts::{add_user, NewUser};
use shared::moving::booking_id;
use shared::names::{field as f, kind as k};
use shared::report::period::{local_date, DAY_MS};
use shared::{Change, RecordId, RejectCode, Role};

/// The local day (China) `days` from now, `YYYY-MM-DD`.
fn day(days: i64) -> String {
    let (y, m, d) = local_date(now() as i64 + days * DAY_MS, 480);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A booking of building 0's lift on `day` at `slot` for `unit`, under the slot's id.
fn booking(
    day: &str,
    slot: i64,
    unit: &RecordId,
    goods: &str,
    replica: &str,
) -> (RecordId, Vec<Change>) {
    let building = fixture_id("building-0");
    let id = booking_id(building.as_str(), day, slot);
    let c = set(
        k::MOVING_BOOKING,
        &id,
        &[
            (f::BUILDING, json!(building.0)),
            (f::DAY, json!(day)),
            (f::SLOT, json!(slot)),
            (f::UNIT, json!(unit.0)),
            (f::DIRECTION, json!("move_in")),
            (f::GOODS, json!(goods)),
            (f::STATUS, json!("booked")),
        ],
        replica,
    );
    (id, c)
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_booking_of_a_lift_slot_is_kept_and_the_second_refused_whole(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    // A second unit in building 0 (area 0).
    let other = fixture_id("unit-0b");
    let u = set(
        k::UNIT,
        &other,
        &[(f::BUILDING, json!(fixture_id("building-0").0)), (f::NUMBER, json!("102"))],
        "o",
    );
    assert!(codes(&sc, &t.office, "o", 1, u).await.is_empty());
    let tomorrow = day(1);
    // Both made offline; the butler's reaches the server first.
    let (id, first) = booking(&tomorrow, 540, &unit(0), "沙发", "b");
    let (same, mut second) = booking(&tomorrow, 540, &other, "钢琴", "o");
    assert_eq!(id, same, "one slot, one record");
    second.extend(set(k::MOVING_BOOKING, &id, &[(f::NOTE, json!("走楼梯"))], "o"));
    assert!(codes(&sc, &t.butler, "b", 1, first).await.is_empty());
    let n = second.len();
    assert_eq!(codes(&sc, &t.office, "o", 2, second).await, vec![RejectCode::SlotTaken; n]);
    assert_eq!(sc.value(&t.office, &id, f::UNIT).await, Some(json!(unit(0).0)));
    assert_eq!(sc.value(&t.butler, &id, f::GOODS).await, Some(json!("沙发")));
    let note = sc.value(&t.butler, &id, f::NOTE).await;
    assert!(note.as_ref().is_none_or(Value::is_null), "nothing of the second is stored: {note:?}");
    // Today is too soon; 07:00 and 17:00 are in the peaks.
    let (_, today) = booking(&day(0), 660, &unit(0), "箱子", "b");
    assert!(codes(&sc, &t.butler, "b", 2, today).await.contains(&RejectCode::BadValue));
    for (seq, slot) in [(3, 420), (4, 1020)] {
        let (_, peak) = booking(&tomorrow, slot, &unit(0), "箱子", "b");
        assert!(codes(&sc, &t.butler, "b", seq, peak).await.contains(&RejectCode::BadValue));
    }
    // Cancelled, the slot is free for the other unit.
    let cancel = set(k::MOVING_BOOKING, &id, &[(f::STATUS, json!("cancelled"))], "b");
    assert!(codes(&sc, &t.butler, "b", 5, cancel).await.is_empty());
    let (_, again) = booking(&tomorrow, 540, &other, "钢琴", "o");
    assert!(codes(&sc, &t.office, "o", 3, again).await.is_empty());
    assert_eq!(sc.value(&t.butler, &id, f::UNIT).await, Some(json!(other.0)));
    // A unit of another building on building 0's lift: refused whole, nothing stored.
    let (wrong, elsewhere) = booking(&tomorrow, 660, &unit(1), "床", "o");
    let n = elsewhere.len();
    assert_eq!(codes(&sc, &t.office, "o", 4, elsewhere).await, vec![RejectCode::BadValue; n]);
    assert!(sc.value(&t.office, &wrong, f::STATUS).await.is_none_or(|v| v.is_null()));
    // Another area's butler holds no booking.
    assert!(!holds(&sc.snapshot(&t.butler2).await, &id));
}

/// A security department (code `security`), a user of it (`guard`), and its record id.
async fn security(sc: &Scene) -> (String, RecordId) {
    let id = department(6);
    let c = set(
        k::DEPARTMENT,
        &id,
        &[(f::NAME, json!("秩序部")), (f::CODE, json!("security"))],
        "o-sec",
    );
    assert!(codes(sc, &sc.tokens.office, "o-sec", 1, c).await.is_empty());
    let u = NewUser {
        site: "测试小区".into(),
        role: Role::Department,
        area: None,
        department: Some("秩序部".into()),
        username: "guard".into(),
        password: PASSWORD.into(),
        name: "guard".into(),
    };
    add_user(&sc.s.state, u, None).await.expect("add user");
    (sc.s.login("guard").await, id)
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_holds_its_passes_and_only_marks_them_used(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let (guard, sec) = security(&sc).await;
    let (booking_id, book) = booking(&day(2), 660, &unit(0), "冰箱", "b");
    assert!(codes(&sc, &t.butler, "b", 1, book).await.is_empty());
    let check = RecordId::new_v7();
    let c = set(
        k::MOVE_CHECK,
        &check,
        &[(f::UNIT, json!(unit(0).0)), (f::TYPE, json!("move_in")), (f::KEYS, json!(3))],
        "b",
    );
    assert!(codes(&sc, &t.butler, "b", 2, c).await.is_empty());
    let pass = RecordId::new_v7();
    let p = set(
        k::RELEASE_PASS,
        &pass,
        &[
            (f::UNIT, json!(unit(0).0)),
            (f::BOOKING, json!(booking_id.0)),
            (f::GOODS, json!("冰箱")),
            (f::BEARER, json!("搬家师傅")),
            (f::BEARER_PHONE, json!("13912345678")),
            (f::VALID_DAY, json!(day(2))),
            (f::STATUS, json!("issued")),
            (f::DEPARTMENT, json!(sec.0)),
        ],
        "b",
    );
    assert!(codes(&sc, &t.butler, "b", 3, p).await.is_empty());
    let snap = sc.snapshot(&guard).await;
    assert!(holds(&snap, &pass), "security holds the pass routed to it");
    assert!(!holds(&snap, &booking_id) && !holds(&snap, &check), "no booking, no move check");
    let phone = sc.value(&guard, &pass, f::BEARER_PHONE).await;
    assert_eq!(phone, Some(json!("139****5678")), "the bearer's phone masked");
    assert_eq!(sc.value(&guard, &pass, f::BEARER).await, Some(json!("搬家师傅")));
    for (who, token, held) in
        [("butler2", &t.butler2, false), ("工程部", &t.fixer, false), ("office", &t.office, true)]
    {
        let snap = sc.snapshot(token).await;
        assert_eq!(holds(&snap, &pass), held, "{who}: the pass");
        assert_eq!(holds(&snap, &check), held, "{who}: the check");
    }
    // Security writes only that it was used.
    let goods = set(k::RELEASE_PASS, &pass, &[(f::GOODS, json!("电视"))], "g");
    assert_eq!(codes(&sc, &guard, "g", 1, goods).await, [RejectCode::Forbidden]);
    let void = set(k::RELEASE_PASS, &pass, &[(f::STATUS, json!("void"))], "g");
    assert_eq!(codes(&sc, &guard, "g", 2, void).await, [RejectCode::Forbidden]);
    let used =
        set(k::RELEASE_PASS, &pass, &[(f::STATUS, json!("used")), (f::USED_AT, json!(now()))], "g");
    assert!(codes(&sc, &guard, "g", 3, used).await.is_empty());
    assert_eq!(sc.value(&t.butler, &pass, f::STATUS).await, Some(json!("used")));
    assert_eq!(sc.value(&t.butler, &pass, f::GOODS).await, Some(json!("冰箱")));
    // Another area's butler cannot write into area 0's passes.
    let theirs = set(k::RELEASE_PASS, &pass, &[(f::STATUS, json!("void"))], "b2");
    assert_eq!(codes(&sc, &t.butler2, "b2", 1, theirs).await, [RejectCode::OutOfScope]);
}
