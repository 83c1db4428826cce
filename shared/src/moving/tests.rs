use super::*;
use crate::request::deadline::Settings;

const S: Settings = Settings::DEFAULT;

#[test]
fn the_default_slots_avoid_both_peaks_and_keep_to_the_moving_hours() {
    let starts: Vec<i64> = slots(&S).iter().map(|s| s.start_min / 60).collect();
    assert_eq!(starts, [9, 11, 13, 15, 19]);
    assert!(slots(&S).iter().all(|s| s.end_min - s.start_min == 120 && s.end_min <= 21 * 60));
    assert_eq!(slots(&S)[0].label(), "09:00–11:00");
    let one_hour = Settings { moving_slot_h: 1, ..S };
    let starts: Vec<i64> = slots(&one_hour).iter().map(|s| s.start_min / 60).collect();
    assert_eq!(starts, [9, 10, 11, 12, 13, 14, 15, 16, 19, 20], "8–9 is in the peak");
}

#[test]
fn a_booking_is_the_lead_days_ahead_on_a_listed_slot() {
    // 2026-12-06 23:30 in China (15:30 UTC): tomorrow is the 7th.
    let now = 1_796_571_000_000;
    let ok = |day: &str, slot| check_booking(&S, day, slot, now, 480);
    assert_eq!(ok("2026-12-06", 540), Err(BookingError::TooSoon));
    assert_eq!(ok("2026-12-07", 540), Ok(()));
    assert_eq!(ok("2026-12-07", 480), Err(BookingError::NotASlot));
    assert_eq!(ok("2026-12-07", 1020), Err(BookingError::NotASlot));
    assert_eq!(ok("2026-13-07", 540), Err(BookingError::BadDay));
    assert_eq!(ok("7.12.2026", 540), Err(BookingError::BadDay));
    // In UTC it is still the 6th: the site's zone decides.
    assert_eq!(check_booking(&S, "2026-12-07", 540, now, 0), Ok(()));
    let two = Settings { moving_lead_days: 2, ..S };
    assert_eq!(check_booking(&two, "2026-12-07", 540, now, 480), Err(BookingError::TooSoon));
}

#[test]
fn one_booking_id_per_building_day_and_slot() {
    let a = booking_id("b1", "2026-12-07", 540);
    assert_eq!(a, booking_id("b1", "2026-12-07", 540));
    assert!(a.is_valid());
    assert_ne!(a, booking_id("b2", "2026-12-07", 540));
    assert_ne!(a, booking_id("b1", "2026-12-08", 540));
    assert_ne!(a, booking_id("b1", "2026-12-07", 660));
}

#[test]
fn the_slot_is_taken_only_by_another_units_live_booking() {
    let (u1, u2) = (RecordId::from("u1"), RecordId::from("u2"));
    let held = BookingHolder { unit: Some(u1.clone()), live: true };
    assert!(slot_taken(&held, Some(&u2)));
    assert!(!slot_taken(&held, Some(&u1)));
    assert!(!slot_taken(&held, None), "an edit that names no unit");
    assert!(!slot_taken(&BookingHolder { live: false, ..held }, Some(&u2)), "cancelled");
    assert!(!slot_taken(&BookingHolder::default(), Some(&u2)), "nothing stored");
}

#[test]
fn security_marks_issued_passes_used_and_nothing_else() {
    use crate::role::Role;
    use pass::Machine;
    use PassStatus::*;
    assert!(Issued.may_become(Used, Role::Department));
    assert!(!Issued.may_become(Void, Role::Department));
    assert!(!Void.may_become(Used, Role::Department));
    assert_eq!(Issued.next_steps_for(Role::Department), [Used]);
    assert!(Issued.may_become(Void, Role::Butler));
    assert!(!Used.may_become(Issued, Role::Butler));
    assert!(Used.may_become(Issued, Role::Office));
    assert!(!Void.can_become(Used), "a voided pass is issued again first");
}
