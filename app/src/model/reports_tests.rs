use super::*;
use serde_json::{json, Value};
use shared::report::period::DAY_MS;
use shared::{Change, Hlc, ReplicaId};

const CN: i64 = 480;

fn at(y: i64, m: i64, d: i64, h: i64) -> i64 {
    days_from_civil(y, m, d) * DAY_MS + h * 3_600_000 - CN * 60_000
}

/// The UUID standing for a short name in these tests ("r1" → `…-000000007231`).
fn u(name: &str) -> String {
    let hex: String = name.bytes().map(|b| format!("{b:02x}")).collect();
    format!("00000000-0000-7000-8000-{hex:0>12}")
}

fn put(state: &mut ReplicaState, kind: &str, id: &str, fields: &[(&str, Value)]) {
    for (field, value) in fields {
        state.apply(&Change {
            kind: Kind::new(kind),
            id: RecordId::from(u(id)),
            field: (*field).into(),
            value: value.clone(),
            hlc: Hlc::new(1, 0),
            replica: ReplicaId::server(),
            prev: None,
        });
    }
}

/// Area 东区 with butler 王芳; December: r1 done and called back twice (满意, then 不满意),
/// r2 done and called back 满意; November: r0 called back 满意.
fn site() -> ReplicaState {
    let mut s = ReplicaState::new();
    put(&mut s, "area", "A", &[("name", json!("东区"))]);
    put(
        &mut s,
        "staff",
        "b1",
        &[("name", json!("王芳")), ("role", json!("butler")), ("area", json!(u("A")))],
    );
    let req = |s: &mut ReplicaState, id: &str, n: &str, created: i64| {
        put(
            s,
            "request",
            id,
            &[
                ("number", json!(n)),
                ("description", json!(format!("漏水 {n}"))),
                ("category", json!("repair")),
                ("status", json!("closed")),
                ("area", json!(u("A"))),
                ("created_by", json!(u("b1"))),
                ("created_at", json!(created)),
                ("done_at", json!(created + 3_600_000)),
            ],
        );
    };
    req(&mut s, "r1", "A-1", at(2026, 12, 1, 9));
    req(&mut s, "r2", "A-2", at(2026, 12, 2, 9));
    req(&mut s, "r0", "A-0", at(2026, 11, 2, 9));
    let cb = |s: &mut ReplicaState, id: &str, r: &str, t: i64, sat: &str| {
        put(
            s,
            "callback",
            id,
            &[
                ("request", json!(u(r))),
                ("at", json!(t)),
                ("result", json!("reached")),
                ("satisfaction", json!(sat)),
            ],
        );
    };
    cb(&mut s, "c1", "r1", at(2026, 12, 3, 9), "satisfied");
    cb(&mut s, "c2", "r1", at(2026, 12, 4, 9), "dissatisfied");
    cb(&mut s, "c3", "r2", at(2026, 12, 4, 10), "satisfied");
    cb(&mut s, "c0", "r0", at(2026, 11, 3, 9), "satisfied");
    s
}

fn satisfaction(lines: &[Line]) -> &Line {
    lines.iter().find(|l| l.cur.kpi == KpiId::Satisfaction).expect("satisfaction")
}

#[test]
fn the_month_beside_the_month_before_with_its_change() {
    let s = site();
    let facts = Facts::from_state(&s);
    let now = at(2026, 12, 10, 12);
    let month = Period::of(PeriodKind::Month, now, CN);
    let lines = lines(&facts, &month, &scope(Role::Office, None), now);
    let l = satisfaction(&lines);
    assert_eq!((l.cur.num, l.cur.den, l.cur.permille), (2, 3, Some(667)));
    assert_eq!((l.prev.num, l.prev.den, l.prev.permille), (1, 1, Some(1000)));
    assert_eq!(l.change(), Some(-333));
    assert_eq!(l.better(), Some(false));
    assert_eq!(change_text(l.change()), "−33.3");
    assert_eq!(pct(l.cur.permille), "66.7 %");
    assert_eq!(l.cur.met, Some(false));
    assert_eq!(target_text(KpiId::Satisfaction, l.cur.target_pct), "≥ 90 %");
    assert_eq!(target_text(KpiId::RepeatComplaint, 1), "≤ 1 %");
    // A butler of another area sees none of it.
    let other = lines_for(&facts, &month, Role::Butler, Some(&u("B")), now);
    assert_eq!(satisfaction(&other).cur.den, 0);
    assert_eq!(pct(satisfaction(&other).cur.permille), "—");
}

fn lines_for(f: &Facts, p: &Period, role: Role, area: Option<&str>, now: i64) -> Vec<Line> {
    lines(f, p, &scope(role, area), now)
}

#[test]
fn every_number_opens_its_records_once_each_with_a_count() {
    let s = site();
    let facts = Facts::from_state(&s);
    let now = at(2026, 12, 10, 12);
    let month = Period::of(PeriodKind::Month, now, CN);
    let lines = lines_for(&facts, &month, Role::Butler, Some(&u("A")), now);
    let den = drill(&s, &satisfaction(&lines).cur, Side::Den);
    let got: Vec<(&str, &str, usize, bool)> =
        den.iter().map(|r| (r.number.as_str(), r.title.as_str(), r.count, r.request)).collect();
    assert_eq!(got, [("A-1", "漏水 A-1", 2, true), ("A-2", "漏水 A-2", 1, true)]);
    let num = drill(&s, &satisfaction(&lines).cur, Side::Num);
    assert_eq!(num.iter().map(|r| r.count).sum::<usize>(), 2);
    // Patrol days count the area by name, one per day over (the 10th is still under way
    // and not yet met, so it is not judged).
    let days = lines.iter().find(|l| l.cur.kpi == KpiId::PatrolDays).expect("patrol days");
    let rows = drill(&s, &days.cur, Side::Den);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].title.as_str(), rows[0].count, rows[0].request), ("东区", 9, false));
}

#[test]
fn a_butler_glances_at_today_this_week_and_this_month() {
    let s = site();
    let facts = Facts::from_state(&s);
    // Friday 2026-12-04 18:00: today has c2 and c3; the week (from Monday 11-30) c1 too.
    let now = at(2026, 12, 4, 18);
    let g = glance(&facts, &scope(Role::Butler, Some(&u("A"))), now, CN);
    let i = KpiId::ALL.iter().position(|&k| k == KpiId::Satisfaction).unwrap();
    let dens: Vec<u64> = g[i].iter().map(|f| f.den).collect();
    assert_eq!(dens, [2, 3, 3]);
    assert_eq!(first_kind(Role::Butler), PeriodKind::Day);
    assert!(!sees_breakdowns(Role::Butler) && sees_breakdowns(Role::Supervisor));
}

#[test]
fn periods_step_back_and_forth_and_read_in_both_languages() {
    let now = at(2026, 12, 4, 9);
    for kind in [PeriodKind::Day, PeriodKind::Week, PeriodKind::Month, PeriodKind::Quarter] {
        let p = Period::of(kind, now, CN);
        assert_eq!(step(&step(&p, false), true), p, "{kind:?}");
    }
    let span = Period::custom(at(2026, 12, 1, 9), at(2026, 12, 3, 9), CN);
    assert_eq!(step(&step(&span, true), false), span);
    assert_eq!(step(&span, true).start, at(2026, 12, 4, 0));
    let month = Period::of(PeriodKind::Month, now, CN);
    assert_eq!(period_label(&month, Lang::Zh), "2026年12月");
    assert_eq!(period_label(&month, Lang::En), "2026-12");
    let q = Period::of(PeriodKind::Quarter, now, CN);
    assert_eq!(period_label(&q, Lang::En), "2026 Q4");
    let week = Period::of(PeriodKind::Week, now, CN);
    assert_eq!(period_label(&week, Lang::Zh), "2026-11-30 – 2026-12-06");
    assert_eq!(date_value(now, CN), "2026-12-04");
    assert_eq!(
        parse_date("2026-12-04", CN).map(|t| date_value(t, CN)).as_deref(),
        Some("2026-12-04")
    );
    assert_eq!(parse_date("2026-13-01", CN), None);
    assert_eq!(parse_date("", CN), None);
}

#[test]
fn breakdown_rows_are_named_from_the_replica() {
    let s = site();
    let key = RowKey::Record(RecordId::from(u("A")));
    assert_eq!(key_label(&s, By::Area, &key, Lang::Zh), "东区");
    let b = RowKey::Record(RecordId::from(u("b1")));
    assert_eq!(key_label(&s, By::Butler, &b, Lang::En), "王芳");
    let c = RowKey::Category(shared::request::Category::Complaint);
    assert_eq!(key_label(&s, By::Category, &c, Lang::En), "Complaint");
    let topic = RowKey::Record(classifier::default_id(200));
    assert_eq!(key_label(&s, By::Topic, &topic, Lang::En), "Staff attitude");
    assert_eq!(key_label(&s, By::Topic, &topic, Lang::Zh), "服务态度");
}
