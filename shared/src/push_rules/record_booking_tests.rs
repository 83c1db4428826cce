//! The lift-slot race and the booking rule through [`judge`]: the first booking of a slot
//! is kept, a second one for another unit refused `slot_taken` change by change (won or
//! lost merge alike) with nothing of it stored; the same unit's edit is accepted; a
//! cancelled booking frees the slot; a same-day or peak-hour booking, or one of a unit in
//! another building, is refused.

use super::*;
use crate::moving::booking_id;

/// `NOW` is 2023-11-15 06:13 in China: the 16th is the first day a move may be booked.
const TOMORROW: &str = "2023-11-16";
const BUILDING: u32 = 50;

/// Units 1 to 3 stand in `BUILDING`, unit 4 in the next building.
fn units() -> Vec<Change> {
    let building = |u: u32| if u == 4 { id(BUILDING + 1) } else { id(BUILDING) };
    (1..=4)
        .map(|u| c(kind::UNIT, &id(u), field::BUILDING, json!(building(u)), NOW - 1000))
        .collect()
}

fn booking(day: &str, slot: i64, unit: u32, ms: u64) -> (RecordId, Vec<Change>) {
    let bid = booking_id(id(BUILDING).as_str(), day, slot);
    let k = kind::MOVING_BOOKING;
    let out = vec![
        c(k, &bid, field::BUILDING, json!(id(BUILDING)), ms),
        c(k, &bid, field::DAY, json!(day), ms),
        c(k, &bid, field::SLOT, json!(slot), ms),
        c(k, &bid, field::UNIT, json!(id(unit)), ms),
        c(k, &bid, field::DIRECTION, json!("move_in"), ms),
        c(k, &bid, field::GOODS, json!(format!("goods of {unit}")), ms),
        c(k, &bid, field::STATUS, json!("booked"), ms),
    ];
    (bid, out)
}

#[test]
fn the_first_booking_of_a_slot_is_kept_and_the_second_refused_whole() {
    let me = id(900);
    let (bid, first) = booking(TOMORROW, 540, 1, NOW);
    let mut s = Server::new(&units());
    assert!(s.push(Role::Butler, &me, &first).is_empty());
    // Another butler's booking of the same slot, later or earlier than the first: refused
    // change by change, even the changes that would lose the merge.
    for ms in [NOW, NOW - 500] {
        let (_, mut second) = booking(TOMORROW, 540, 2, ms);
        second.push(c(kind::MOVING_BOOKING, &bid, field::NOTE, json!("piano"), ms));
        let codes = s.push(Role::Butler, &me, &second);
        assert_eq!(codes, vec![RejectCode::SlotTaken; second.len()], "at {ms}");
        let v = |f| s.value(kind::MOVING_BOOKING, &bid, f);
        assert_eq!(v(field::UNIT), Some(json!(id(1))));
        assert_eq!(v(field::GOODS), Some(json!("goods of 1")));
        assert_eq!(v(field::NOTE), Some(Value::Null), "a field only the second wrote: none");
    }
    // The first unit's own edit of its booking is no race.
    let goods = c(kind::MOVING_BOOKING, &bid, field::GOODS, json!("sofa"), NOW);
    let unit = c(kind::MOVING_BOOKING, &bid, field::UNIT, json!(id(1)), NOW);
    assert!(s.push(Role::Office, &me, &[unit, goods]).is_empty());
    assert_eq!(s.value(kind::MOVING_BOOKING, &bid, field::GOODS), Some(json!("sofa")));
}

#[test]
fn a_cancelled_booking_frees_its_slot() {
    let me = id(900);
    let (bid, first) = booking(TOMORROW, 660, 1, NOW);
    let mut s = Server::new(&units());
    assert!(s.push(Role::Butler, &me, &first).is_empty());
    let cancel = c(kind::MOVING_BOOKING, &bid, field::STATUS, json!("cancelled"), NOW);
    assert!(s.push(Role::Butler, &me, &[cancel]).is_empty());
    let (_, second) = booking(TOMORROW, 660, 2, NOW);
    assert!(s.push(Role::Butler, &me, &second).is_empty());
    assert_eq!(s.value(kind::MOVING_BOOKING, &bid, field::UNIT), Some(json!(id(2))));
    assert_eq!(s.value(kind::MOVING_BOOKING, &bid, field::STATUS), Some(json!("booked")));
}

#[test]
fn a_booking_is_a_day_ahead_on_an_off_peak_slot_under_its_own_id() {
    let me = id(900);
    let mut s = Server::new(&units());
    let codes = |s: &mut Server, b: Vec<Change>| s.push(Role::Butler, &me, &b);
    // Today (the change's own time) is too soon: refused with its status, day and slot.
    let (_, today) = booking("2023-11-15", 540, 1, NOW);
    assert_eq!(codes(&mut s, today), [RejectCode::BadValue; 4]);
    // 07:00 and 17:00 are in the peaks, 10:00 off the grid.
    for slot in [420, 1020, 600] {
        let (_, peak) = booking(TOMORROW, slot, 1, NOW);
        assert_eq!(codes(&mut s, peak), [RejectCode::BadValue; 4], "slot {slot}");
    }
    // A booking under another slot's id.
    let (_, mut wrong) = booking(TOMORROW, 540, 1, NOW);
    let other = booking_id(id(BUILDING).as_str(), TOMORROW, 660);
    for ch in &mut wrong {
        ch.id = other.clone();
    }
    assert!(codes(&mut s, wrong).contains(&RejectCode::BadValue));
    let (_, ok) = booking(TOMORROW, 1140, 1, NOW);
    assert!(codes(&mut s, ok).is_empty(), "19:00 tomorrow");
    // A unit of another building, or a unit the site does not hold, on this building's lift.
    for unit in [4, 5] {
        let (bid, elsewhere) = booking(TOMORROW, 780, unit, NOW);
        let n = elsewhere.len();
        assert_eq!(codes(&mut s, elsewhere), vec![RejectCode::BadValue; n], "unit {unit}");
        assert_eq!(s.value(kind::MOVING_BOOKING, &bid, field::STATUS), None, "nothing stored");
    }
}

#[test]
fn security_only_marks_an_issued_pass_used() {
    let me = id(900);
    let pass = id(70);
    let k = kind::RELEASE_PASS;
    let seed = [c(k, &pass, field::STATUS, json!("issued"), NOW - 100)];
    let mut s = Server::new(&seed);
    let set = |v: &str| c(k, &pass, field::STATUS, json!(v), NOW);
    assert_eq!(s.push(Role::Department, &me, &[set("void")]), [RejectCode::Forbidden]);
    let goods = c(k, &pass, field::GOODS, json!("piano"), NOW);
    assert_eq!(s.push(Role::Department, &me, &[goods]), [RejectCode::Forbidden]);
    let used_at = c(k, &pass, field::USED_AT, json!(NOW), NOW);
    assert!(s.push(Role::Department, &me, &[set("used"), used_at]).is_empty());
    assert_eq!(s.push(Role::Butler, &me, &[set("issued")]), [RejectCode::Forbidden]);
    assert!(s.push(Role::Office, &me, &[set("issued")]).is_empty(), "the office undoes it");
}
