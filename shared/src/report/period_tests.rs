use super::*;

const CN: i64 = 480;

fn at(y: i64, m: i64, d: i64, h: i64) -> i64 {
    days_from_civil(y, m, d) * DAY_MS + h * 3_600_000 - CN * 60_000
}

#[test]
fn calendar_periods_cut_at_local_midnight() {
    // Friday 2026-12-04 09:00 in China.
    let now = at(2026, 12, 4, 9);
    assert_eq!(Period::of(PeriodKind::Day, now, CN).start, at(2026, 12, 4, 0));
    let week = Period::of(PeriodKind::Week, now, CN);
    assert_eq!((week.start, week.end), (at(2026, 11, 30, 0), at(2026, 12, 7, 0)));
    let month = Period::of(PeriodKind::Month, now, CN);
    assert_eq!((month.start, month.end), (at(2026, 12, 1, 0), at(2027, 1, 1, 0)));
    let q = Period::of(PeriodKind::Quarter, now, CN);
    assert_eq!((q.start, q.end), (at(2026, 10, 1, 0), at(2027, 1, 1, 0)));
    // 23:30 UTC on Nov 30 is already December 1st in China.
    assert_eq!(month_start(at(2026, 12, 1, 7) + 1_800_000, CN), month.start);
}

#[test]
fn previous_periods_follow_the_calendar() {
    let march = Period::of(PeriodKind::Month, at(2026, 3, 15, 12), CN);
    let feb = march.previous();
    assert_eq!((feb.start, feb.end), (at(2026, 2, 1, 0), at(2026, 3, 1, 0)));
    let q1 = Period::of(PeriodKind::Quarter, at(2026, 2, 1, 0), CN);
    assert_eq!(q1.previous().start, at(2025, 10, 1, 0));
    let span = Period::custom(at(2026, 3, 10, 5), at(2026, 3, 3, 5), CN);
    assert_eq!((span.start, span.end), (at(2026, 3, 3, 0), at(2026, 3, 11, 0)));
    let before = span.previous();
    assert_eq!((before.start, before.end), (at(2026, 2, 23, 0), at(2026, 3, 3, 0)));
}

#[test]
fn working_days_and_days_begun() {
    assert!(is_working_day(at(2026, 12, 4, 9), CN), "a Friday");
    assert!(!is_working_day(at(2026, 12, 5, 9), CN), "a Saturday");
    assert!(!is_working_day(at(2026, 12, 6, 23), CN), "a Sunday");
    let week = Period::of(PeriodKind::Week, at(2026, 12, 2, 9), CN);
    assert_eq!(week.days_begun(at(2026, 12, 2, 9)).len(), 3, "Monday to Wednesday");
    assert_eq!(week.days_begun(at(2027, 1, 1, 0)).len(), 7);
    assert_eq!(day_of_month(at(2026, 12, 22, 23), CN), 22);
}
