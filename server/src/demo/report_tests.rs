//! The demo's year read as the reports read it: every record the demo writes for a plan,
//! applied to a replica, and `shared::report` over its months and weeks. Some months miss
//! some targets (so trends and red figures show), the recent ones meet them.

use super::request_records::{history_records, request_fields};
use super::{demo_id, patrol, plan, DemoSize, Plan};
use serde_json::Value;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::report::{figure, kpis, Facts, Figure, Filter, KpiId, Period, PeriodKind};
use shared::{Change, Hlc, Kind, RecordId, ReplicaId};

/// 2025-06-15 23:06 in China.
const NOW: u64 = 1_750_000_000_000;
const CN: i64 = 480;

/// What the demo writes for `p` at `NOW` (accounts' staff records as `add_user` makes
/// them: role and area), in one replica.
fn replica(p: &Plan) -> ReplicaState {
    let mut s = ReplicaState::new();
    let mut n = 0;
    let mut put = |kind: &str, id: &RecordId, fields: Vec<(&str, Value)>| {
        for (f, value) in fields.into_iter().filter(|(_, v)| !v.is_null()) {
            n += 1;
            let (kind, id, field) = (Kind::new(kind), id.clone(), f.to_owned());
            let (hlc, replica) = (Hlc::new(n, 0), ReplicaId::server());
            s.apply(&Change { kind, id, field, value, hlc, replica, prev: None });
        }
    };
    let area = |a: usize| Value::from(demo_id(&format!("area-{a}")).0);
    for b in &p.buildings {
        put(kind::BUILDING, &b.id, vec![(field::AREA, area(b.area))]);
    }
    for u in &p.units {
        let building = Value::from(p.buildings[u.building].id.0.clone());
        put(kind::UNIT, &u.id, vec![(field::BUILDING, building)]);
    }
    for (i, st) in p.staff.iter().enumerate() {
        let fields = vec![
            (field::ROLE, Value::from(st.role.as_str())),
            (field::AREA, st.area.map_or(Value::Null, area)),
        ];
        put(kind::STAFF, &demo_id(&format!("staff-{i}")), fields);
    }
    for r in &p.requests {
        put(kind::REQUEST, &r.id, request_fields(p, r, NOW, 1));
        for (kind, id, fields) in history_records(r, NOW) {
            put(kind, &id, fields);
        }
    }
    for (kind, id, fields) in patrol::records(p, NOW as i64) {
        put(kind, &id, fields);
    }
    s
}

/// Figure `k` of a [`kpis`] list.
fn pick(f: &[Figure], k: KpiId) -> &Figure {
    f.iter().find(|g| g.kpi == k).expect("every figure")
}

fn pct(f: &Figure) -> String {
    f.permille.map_or("—".into(), |p| format!("{}.{}", p / 10, p % 10))
}

#[test]
fn the_demo_year_misses_some_targets_in_some_months_and_meets_them_lately() {
    let size = DemoSize { units: 10_000, requests: Some(20_000), ..DemoSize::default() };
    let p = plan(size);
    let facts = Facts::from_state(&replica(&p));
    let now = NOW as i64;
    let all = Filter::default();
    // The eleven whole months before this one, oldest first.
    let mut months = vec![Period::of(PeriodKind::Month, now, CN).previous()];
    for _ in 1..11 {
        months.push(months.last().unwrap().previous());
    }
    months.reverse();
    let figures: Vec<Vec<Figure>> = months.iter().map(|m| kpis(&facts, m, &all, now)).collect();
    let of = |k: KpiId| -> Vec<&Figure> { figures.iter().map(|f| pick(f, k)).collect() };
    eprintln!("month       satisfaction  repeat  repair cb  complaint sat  patrol days  checks");
    for (m, f) in months.iter().zip(&figures) {
        let (y, mo, _) = shared::report::period::local_date(m.start, CN);
        let g = |k: KpiId| pct(pick(f, k));
        eprintln!(
            "{y}-{mo:02}     {:>8}  {:>6}  {:>9}  {:>13}  {:>11}  {:>6}",
            g(KpiId::Satisfaction),
            g(KpiId::RepeatComplaint),
            g(KpiId::RepairCallback),
            g(KpiId::ComplaintSatisfaction),
            g(KpiId::PatrolDays),
            g(KpiId::QualityChecks)
        );
    }
    for k in [
        KpiId::Satisfaction,
        KpiId::RepeatComplaint,
        KpiId::ComplaintSatisfaction,
        KpiId::PatrolDays,
        KpiId::QualityChecks,
    ] {
        let met: Vec<Option<bool>> = of(k).iter().map(|f| f.met).collect();
        assert!(met.contains(&Some(false)), "{k:?}: some month misses: {met:?}");
        assert!(met.contains(&Some(true)), "{k:?}: some month meets: {met:?}");
        assert_eq!(met[9..], [Some(true), Some(true)], "{k:?}: the last two months meet");
    }
    // Answered and called back: every old month meets these.
    for k in [KpiId::InquiryReply, KpiId::ComplaintReply, KpiId::ComplaintCallback] {
        let met: Vec<Option<bool>> = of(k).iter().map(|f| f.met).collect();
        assert!(met.iter().all(|m| *m == Some(true)), "{k:?}: {met:?}");
    }
    // Repair call-backs: a week falls under 80 % while most weeks meet it.
    let mut week = Period::of(PeriodKind::Week, now, CN).previous();
    let mut weeks = Vec::new();
    for _ in 0..48 {
        weeks.push(figure(&facts, KpiId::RepairCallback, &week, &all, now));
        week = week.previous();
    }
    let missed: Vec<String> = weeks.iter().filter(|f| f.met == Some(false)).map(pct).collect();
    eprintln!("weeks with repair call-backs under 80 %: {missed:?} of {}", weeks.len());
    assert!(!missed.is_empty() && missed.len() <= 6, "weeks under 80 %: {missed:?}");
    // Reopened after 不满意 and done again; repeats of an earlier complaint; complaints with
    // cause, corrective report and topic.
    let again = facts.requests.iter().filter(|r| r.reopened > 0 && r.status.is_finished());
    assert!(again.clone().any(|r| r.first_done_at < r.done_at), "done again, later");
    assert!(again.count() >= 20);
    let complaints = facts.requests.iter().filter(|r| r.repeat_of.is_some());
    assert!(complaints.count() >= 10);
    let told = facts.requests.iter().filter(|r| !r.cause.is_empty() && !r.corrective.is_empty());
    assert!(told.clone().count() >= 100 && told.clone().all(|r| r.topic.is_some()));
}
