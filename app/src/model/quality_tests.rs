use super::*;
use shared::calendar::days_from_civil;

const CHINA: i64 = 8 * 60;
const HOUR: i64 = 3_600_000;

/// 00:00 in China of 2026-11-`d` (the 23rd is a Monday).
fn midnight(d: i64) -> i64 {
    days_from_civil(2026, 11, d) * DAY_MS - CHINA * 60_000
}

fn check(by: &RecordId, started: i64, ended: bool, score: Option<i64>) -> RoundView {
    RoundView {
        id: RecordId::new_v7(),
        template: RecordId::new_v7(),
        version: 1,
        purpose: Purpose::Quality,
        area: None,
        building: None,
        by: Some(by.clone()),
        subject: None,
        started_at: Some(started),
        ended_at: ended.then_some(started + HOUR),
        score,
    }
}

#[test]
fn weekdays_work_and_weekends_do_not() {
    let days: Vec<bool> = (23..=29).map(|d| is_working_day(midnight(d), CHINA)).collect();
    assert_eq!(days, [true, true, true, true, true, false, false]);
}

#[test]
fn checks_are_counted_by_supervisor_and_local_day_with_their_average() {
    let (zhao, qian) = (RecordId::new_v7(), RecordId::new_v7());
    let mut rounds = vec![
        // Thursday: two ended checks by 赵, one just after local midnight.
        check(&zhao, midnight(26) + 9 * HOUR, true, Some(90)),
        check(&zhao, midnight(26) + 5 * 60_000, true, Some(81)),
        // Wednesday 23:50 local time is still Wednesday, though Thursday in UTC.
        check(&zhao, midnight(26) - 10 * 60_000, true, Some(70)),
        // Friday (today): one ended, one under way.
        check(&zhao, midnight(27) + 9 * HOUR, true, Some(100)),
        check(&zhao, midnight(27) + 10 * HOUR, false, None),
    ];
    // A patrol round of 赵 is no quality check.
    rounds.push(RoundView { purpose: Purpose::Patrol, ..check(&zhao, midnight(26), true, None) });
    let now = midnight(27) + 11 * HOUR;
    let days = quality_days(&rounds, &[zhao.clone(), qian.clone()], 2, now, CHINA, 3);
    let find = |who: &RecordId, d: i64| {
        days.iter().find(|q| &q.supervisor == who && q.day == midnight(d)).unwrap()
    };
    let thu = find(&zhao, 26);
    assert_eq!((thu.checks.len(), thu.average, thu.short, thu.to_do), (2, Some(86), false, 0));
    assert!(thu.checks[0].started_at < thu.checks[1].started_at, "earliest first");
    let wed = find(&zhao, 25);
    assert_eq!((wed.checks.len(), wed.short), (1, true), "one check on a working day is short");
    // Today is not over: the check under way counts, nothing to do, not short.
    let fri = find(&zhao, 27);
    assert_eq!((fri.checks.len(), fri.average, fri.short, fri.to_do), (2, Some(100), false, 0));
    // 钱 made none: short on the days that are over, two to do today.
    assert!(find(&qian, 26).short && find(&qian, 25).short);
    assert_eq!((find(&qian, 27).short, find(&qian, 27).to_do), (false, 2));
    // Newest day first.
    assert_eq!(days.first().map(|d| d.day), Some(midnight(27)));
}

#[test]
fn weekends_are_listed_but_never_short() {
    let zhao = RecordId::new_v7();
    let now = midnight(30) + HOUR; // Monday the 30th, early.
    let days = quality_days(&[], &[zhao], 2, now, CHINA, 3);
    let short: Vec<(i64, bool)> = days.iter().map(|d| (d.day, d.short)).collect();
    assert_eq!(short, [(midnight(30), false), (midnight(29), false), (midnight(28), false)]);
    assert_eq!(days[0].to_do, 2);
}
