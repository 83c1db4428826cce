//! Hand-computed fixtures for the patrol and quality figures. March 2026: Monday the 2nd.

use super::super::fixture::{at, Fx, CN};
use super::super::{figure, kpis, Filter, KpiId};
use crate::names::{field, kind};
use crate::report::period::{Period, PeriodKind};
use crate::RecordId;
use serde_json::{json, Value};

struct Site {
    fx: Fx,
    a: RecordId,
    b: RecordId,
    butler: RecordId,
    s1: RecordId,
}

/// A round of `purpose` in `area` by `by` from `start` to `end`, answering `buildings`.
fn round(
    fx: &mut Fx,
    purpose: &str,
    area: &RecordId,
    by: &RecordId,
    t: (i64, Option<i64>),
    buildings: &[&RecordId],
) -> RecordId {
    let mut f: Vec<(&str, Value)> =
        vec![(field::PURPOSE, json!(purpose)), (field::AREA, json!(area))];
    f.extend([(field::BY, json!(by)), (field::STARTED_AT, json!(t.0))]);
    if let Some(end) = t.1 {
        f.push((field::ENDED_AT, json!(end)));
    }
    let id = fx.new_record(kind::PATROL_ROUND, &f);
    for b in buildings {
        let fa = [(field::ROUND, json!(id)), (field::BUILDING, json!(b))];
        fx.new_record(kind::PATROL_ANSWER, &fa);
    }
    id
}

fn site() -> Site {
    let mut fx = Fx::default();
    let (a, b) = (RecordId::new_v7(), RecordId::new_v7());
    let a1 = fx.new_record(kind::BUILDING, &[(field::AREA, json!(a))]);
    let a2 = fx.new_record(kind::BUILDING, &[(field::AREA, json!(a))]);
    let b1 = fx.new_record(kind::BUILDING, &[(field::AREA, json!(b))]);
    let butler =
        fx.new_record(kind::STAFF, &[(field::ROLE, json!("butler")), (field::AREA, json!(a))]);
    let s1 = fx.new_record(kind::STAFF, &[(field::ROLE, json!("supervisor"))]);
    let s2 = fx.new_record(kind::STAFF, &[(field::ROLE, json!("supervisor"))]);
    let day = |d: i64| (at(3, d, 8), Some(at(3, d, 9)));
    round(&mut fx, "patrol", &a, &butler, day(2), &[&a1, &a2]); // full
    round(&mut fx, "patrol", &a, &butler, day(3), &[&a1]); // partial
    let gone = round(&mut fx, "patrol", &a, &butler, day(3), &[&a1, &a2]);
    fx.put(kind::PATROL_ROUND, &gone, &[(field::DELETED, json!(true))]);
    round(&mut fx, "patrol", &a, &butler, day(4), &[&a1, &a2]); // full
    round(&mut fx, "patrol", &a, &butler, (at(3, 5, 8), None), &[&a1, &a2]); // under way
    round(&mut fx, "patrol", &a, &butler, day(6), &[&a2]); // partial
    round(&mut fx, "patrol", &b, &butler, day(3), &[&b1]); // full
    round(&mut fx, "quality", &a, &s1, day(2), &[&a1, &a2]); // a check, not a round
                                                             // Quality checks: S1 two on the 2nd (A), 3rd (B), 4th (A); one on the 5th (and one
                                                             // deleted); none on Friday the 6th (only a patrol round); three on Saturday the 7th.
                                                             // S2 two on the 2nd.
    for (d, n, area) in [(2, 2, &a), (3, 2, &b), (4, 2, &a), (5, 1, &a), (7, 3, &a)] {
        for k in 0..n {
            round(&mut fx, "quality", area, &s1, (at(3, d, 10 + k), Some(at(3, d, 11 + k))), &[]);
        }
    }
    let gone = round(&mut fx, "quality", &a, &s1, (at(3, 5, 15), None), &[]);
    fx.put(kind::PATROL_ROUND, &gone, &[(field::DELETED, json!(true))]);
    round(&mut fx, "patrol", &a, &s1, (at(3, 6, 10), None), &[]);
    for k in 0..2 {
        round(&mut fx, "quality", &a, &s2, (at(3, 2, 10 + k), None), &[]);
    }
    Site { fx, a, b, butler, s1 }
}

fn fig(s: &Site, kpi: KpiId, p: &Period, filter: &Filter, now: i64) -> (u64, u64, Option<i64>) {
    let g = figure(&s.fx.facts(), kpi, p, filter, now);
    (g.num, g.den, g.permille)
}

fn week(m: i64, d: i64) -> Period {
    Period::of(PeriodKind::Week, at(m, d, 12), CN)
}

#[test]
fn patrol_days_count_area_days_over_and_today_once_met() {
    let mut s = site();
    let now = at(3, 5, 15);
    let area = |a: &RecordId| Filter { area: Some(a.clone()), ..Filter::default() };
    // A: the 2nd full, the 3rd partial (the full one deleted), the 4th full; the 5th is
    // under way and not met yet, so not counted: 2 of 3.
    assert_eq!(fig(&s, KpiId::PatrolDays, &week(3, 2), &area(&s.a), now), (2, 3, Some(667)));
    // B: only the 3rd: 1 of 3; the site: 3 of 6.
    assert_eq!(fig(&s, KpiId::PatrolDays, &week(3, 2), &area(&s.b), now), (1, 3, Some(333)));
    assert_eq!(fig(&s, KpiId::PatrolDays, &week(3, 2), &Filter::default(), now).1, 6);
    // The butler's area is A.
    let mine = Filter { butler: Some(s.butler.clone()), ..Filter::default() };
    assert_eq!(fig(&s, KpiId::PatrolDays, &week(3, 2), &mine, now), (2, 3, Some(667)));
    // Today's round ends: today counts, met: 3 of 4.
    let today =
        s.fx.facts()
            .rounds
            .iter()
            .find(|r| r.ended_at.is_none() && r.buildings.len() == 2)
            .unwrap()
            .id
            .clone();
    s.fx.put(kind::PATROL_ROUND, &today, &[(field::ENDED_AT, json!(at(3, 5, 12)))]);
    assert_eq!(fig(&s, KpiId::PatrolDays, &week(3, 2), &area(&s.a), now), (3, 4, Some(750)));
}

#[test]
fn patrol_cycle_looks_back_five_days_from_the_end_or_now() {
    let s = site();
    let area = Filter { area: Some(s.a.clone()), ..Filter::default() };
    // At the 5th 15:00, since Feb 28 15:00: both of A's buildings, B's one.
    let now = at(3, 5, 15);
    assert_eq!(fig(&s, KpiId::PatrolCycle, &week(3, 2), &area, now), (2, 2, Some(1000)));
    assert_eq!(fig(&s, KpiId::PatrolCycle, &week(3, 2), &Filter::default(), now).1, 3);
    // At the 10th noon, since the 5th noon: only A2 (the 6th's partial round) — 1 of 2.
    let now = at(3, 10, 12);
    assert_eq!(fig(&s, KpiId::PatrolCycle, &week(3, 10), &area, now), (1, 2, Some(500)));
    // The week before ends on the 9th: since the 4th, both.
    assert_eq!(fig(&s, KpiId::PatrolCycle, &week(3, 2), &area, now), (2, 2, Some(1000)));
}

#[test]
fn quality_checks_count_supervisors_working_days_that_are_over() {
    let s = site();
    let now = at(3, 9, 10);
    // S1: the 2nd, 3rd, 4th met; the 5th (one, one deleted) and the 6th short; the weekend
    // not counted: 3 of 5. S2: the 2nd: 1 of 5. Together 4 of 10.
    let all = Filter::default();
    assert_eq!(fig(&s, KpiId::QualityChecks, &week(3, 2), &all, now), (4, 10, Some(400)));
    let s1 = Filter { butler: Some(s.s1.clone()), ..Filter::default() };
    assert_eq!(fig(&s, KpiId::QualityChecks, &week(3, 2), &s1, now), (3, 5, Some(600)));
    // In area A, S1's checks of the 3rd were in B: 2 + 1 of 10.
    let a = Filter { area: Some(s.a.clone()), ..Filter::default() };
    assert_eq!(fig(&s, KpiId::QualityChecks, &week(3, 2), &a, now), (3, 10, Some(300)));
    // On Wednesday the 4th, only Monday and Tuesday are over: S1 2, S2 1 of 4.
    assert_eq!(fig(&s, KpiId::QualityChecks, &week(3, 2), &all, at(3, 4, 10)), (3, 4, Some(750)));
    // With no filter of requests, every figure is there.
    assert_eq!(kpis(&s.fx.facts(), &week(3, 2), &all, now).len(), KpiId::ALL.len());
    // An area's report (a butler's, a row by area) leaves the supervisors' checks out, and
    // keeps the patrol figures; a type filter leaves all three out.
    let shown = |f: &Filter| -> Vec<KpiId> {
        kpis(&s.fx.facts(), &week(3, 2), f, now).iter().map(|g| g.kpi).collect()
    };
    assert!(!shown(&a).contains(&KpiId::QualityChecks));
    assert!(shown(&a).contains(&KpiId::PatrolDays) && shown(&s1).contains(&KpiId::QualityChecks));
    let repairs = Filter { category: Some(crate::request::Category::Repair), ..Filter::default() };
    assert!(shown(&repairs).iter().all(|k| k.of_requests()));
}
