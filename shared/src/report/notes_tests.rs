use super::*;
use crate::calendar::days_from_civil;
use crate::report::period::DAY_MS;

const CN: i64 = 480;

/// `y-m-d h:00` in China.
fn at(y: i64, m: i64, d: i64, h: i64) -> i64 {
    days_from_civil(y, m, d) * DAY_MS + h * 3_600_000 - CN * 60_000
}

fn monthly_note(period_start: i64, submitted_at: Option<i64>) -> ReportNote {
    ReportNote {
        id: note_id(NoteType::Monthly, period_start, None),
        note_type: NoteType::Monthly,
        period_start,
        area: None,
        remarks: "ok".into(),
        causes: String::new(),
        actions: String::new(),
        submitted_at,
        by: None,
        at: None,
    }
}

#[test]
fn the_monthly_report_is_flagged_from_the_15th_and_overdue_after_the_22nd() {
    let march = at(2026, 3, 1, 0);
    // 23:30 on the 14th is not yet the 15th.
    assert_eq!(monthly_due(at(2026, 4, 14, 23) + 1_800_000, CN, &[]), None);
    let due = monthly_due(at(2026, 4, 15, 0), CN, &[]).expect("due on the 15th");
    assert_eq!((due.period.start, due.period.end), (march, at(2026, 4, 1, 0)));
    assert!(!due.overdue);
    let last_day = monthly_due(at(2026, 4, 22, 23), CN, &[]).expect("due on the 22nd");
    assert!(!last_day.overdue, "the 22nd is still on time");
    let late = monthly_due(at(2026, 4, 23, 0), CN, &[]).expect("still due on the 23rd");
    assert!(late.overdue);
    // 17:00 UTC on the 22nd is already the 23rd in China.
    assert!(monthly_due(at(2026, 4, 23, 1), CN, &[]).unwrap().overdue);
    assert!(!monthly_due(at(2026, 4, 23, 1), 0, &[]).unwrap().overdue, "in UTC: the 22nd");
}

#[test]
fn a_submitted_note_of_last_month_clears_the_flag_a_draft_does_not() {
    let march = at(2026, 3, 1, 0);
    let now = at(2026, 4, 23, 9);
    let draft = [monthly_note(march, None)];
    assert!(monthly_due(now, CN, &draft).is_some_and(|d| d.overdue), "a draft is not submitted");
    let sent = [monthly_note(march, Some(at(2026, 4, 20, 10)))];
    assert_eq!(monthly_due(now, CN, &sent), None);
    // February's report submitted says nothing of March's.
    let feb = [monthly_note(at(2026, 2, 1, 0), Some(at(2026, 3, 18, 10)))];
    assert!(monthly_due(now, CN, &feb).is_some());
    // An area's note is not the site's report.
    let area = [ReportNote { area: Some(RecordId::from("a1")), ..sent[0].clone() }];
    assert!(monthly_due(now, CN, &area).is_some());
}

#[test]
fn january_looks_back_at_december() {
    let due = monthly_due(at(2027, 1, 16, 9), CN, &[]).unwrap();
    assert_eq!(due.period.start, at(2026, 12, 1, 0));
}

#[test]
fn the_weekly_summary_opens_on_last_week() {
    // Monday 2026-11-30 08:00: the week of Nov 23 – 30.
    let w = weekly_default(at(2026, 11, 30, 8), CN);
    assert_eq!((w.start, w.end), (at(2026, 11, 23, 0), at(2026, 11, 30, 0)));
    // Sunday still looks at the week before the current one.
    assert_eq!(weekly_default(at(2026, 12, 6, 20), CN).start, at(2026, 11, 23, 0));
}

#[test]
fn one_note_per_report_whoever_writes_it() {
    let a = RecordId::from("a1");
    let id = note_id(NoteType::Weekly, 7, Some(&a));
    assert_eq!(id, note_id(NoteType::Weekly, 7, Some(&a)));
    assert!(RecordId::is_valid_str(id.as_str()));
    assert_ne!(id, note_id(NoteType::Weekly, 7, None));
    assert_ne!(id, note_id(NoteType::Monthly, 7, Some(&a)));
    assert_ne!(id, note_id(NoteType::Weekly, 8, Some(&a)));
}

#[test]
fn notes_are_read_from_the_replica() {
    use crate::names::{field, kind};
    use crate::{Change, Hlc, Kind, ReplicaId};
    use serde_json::json;
    let mut s = ReplicaState::default();
    let id = note_id(NoteType::Monthly, 5, None);
    let put = |s: &mut ReplicaState, f: &str, v: serde_json::Value, t: u64| {
        let c = Change {
            kind: Kind::new(kind::REPORT_NOTE),
            id: id.clone(),
            field: f.into(),
            value: v,
            hlc: Hlc::new(t, 0),
            replica: ReplicaId::from("r"),
            prev: None,
        };
        s.apply(&c);
    };
    put(&mut s, field::TYPE, json!("monthly"), 1);
    put(&mut s, field::PERIOD_START, json!(5), 2);
    put(&mut s, field::REMARKS, json!(" 本月达标 "), 3);
    put(&mut s, field::SUBMITTED_AT, json!(9), 4);
    let all = notes(&s);
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].remarks.as_str(), all[0].submitted_at), ("本月达标", Some(9)));
    assert!(note_for(&all, NoteType::Monthly, 5, None).is_some());
    put(&mut s, field::DELETED, json!(true), 5);
    assert!(notes(&s).is_empty());
}
