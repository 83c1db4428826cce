use super::*;
use crate::report::fixture_tests::*;
use crate::request::Satisfaction::{Dissatisfied, Neutral, Satisfied};

#[test]
fn weeks_count_requests_by_type_where_they_were_received() {
    // Friday 2026-12-04: this week began Monday 11-30; the week before on 11-23.
    let now = at(2026, 12, 4, 12);
    let mut cancelled = req("x", Category::Repair, at(2026, 12, 1, 9), "A", "b1");
    cancelled.status = crate::request::RequestStatus::Cancelled;
    let requests = vec![
        req("r1", Category::Repair, at(2026, 11, 30, 0), "A", "b1"),
        req("r2", Category::Repair, at(2026, 12, 4, 8), "A", "b1"),
        req("c1", Category::Complaint, at(2026, 12, 2, 8), "B", "b2"),
        req("r3", Category::Repair, at(2026, 11, 29, 23), "A", "b1"),
        req("old", Category::Repair, at(2026, 11, 1, 9), "A", "b1"),
        cancelled,
    ];
    let f = facts(requests, vec![]);
    let weeks = requests_by_type(&f, &Filter::default(), now, CN, 2);
    assert_eq!(weeks.len(), 2);
    assert_eq!(weeks[0].period.start, at(2026, 11, 23, 0));
    assert_eq!(weeks[1].period.start, at(2026, 11, 30, 0));
    assert_eq!(weeks[0].period.end, weeks[1].period.start, "no gap");
    let repair = Category::ALL.iter().position(|&c| c == Category::Repair).unwrap();
    let complaint = Category::ALL.iter().position(|&c| c == Category::Complaint).unwrap();
    assert_eq!((weeks[1].counts[repair], weeks[1].counts[complaint]), (2, 1));
    assert_eq!(weeks[0].total(), 1, "Sunday 23:00 belongs to the week before");
    let b = Filter { area: Some(id("B")), ..Filter::default() };
    assert_eq!(requests_by_type(&f, &b, now, CN, 2)[1].total(), 1);
    assert!(requests_by_type(&f, &b, now, CN, 0).is_empty());
}

#[test]
fn monthly_satisfaction_one_point_a_month() {
    let now = at(2026, 12, 10, 12);
    let requests = vec![req("r1", Category::Repair, at(2026, 10, 1, 9), "A", "b1")];
    let callbacks = vec![
        heard(0, at(2026, 10, 5, 9), Satisfied),
        heard(0, at(2026, 10, 6, 9), Dissatisfied),
        heard(0, at(2026, 12, 1, 9), Neutral),
    ];
    let f = facts(requests, callbacks);
    let points = monthly(&f, KpiId::Satisfaction, &Filter::default(), now, CN, 3);
    let got: Vec<(u64, u64, Option<i64>)> =
        points.iter().map(|p| (p.figure.num, p.figure.den, p.figure.permille)).collect();
    assert_eq!(got, [(1, 2, Some(500)), (0, 0, None), (0, 1, Some(0))]);
    assert_eq!(points[2].period, Period::of(PeriodKind::Month, now, CN));
    assert_eq!(points[0].figure.met, Some(false));
    assert_eq!(points[1].figure.met, None, "an empty month is neither met nor missed");
}

#[test]
fn pareto_sorts_categories_and_accumulates_to_all() {
    let d = |day| at(2026, 12, day, 9);
    let topic = |mut r: RequestFact, t: &str| {
        r.topic = Some(id(t));
        r
    };
    let c = |n: &str, day| req(n, Category::Complaint, d(day), "A", "b1");
    let mut finding = topic(c("f", 2), "noise");
    finding.finding = true;
    let requests = vec![
        topic(c("c1", 1), "noise"),
        topic(c("c2", 2), "leak"),
        topic(c("c3", 3), "noise"),
        c("c4", 4),
        topic(c("c5", 5), "attitude"),
        topic(c("c6", 6), "noise"),
        finding,
        req("r", Category::Repair, d(3), "A", "b1"),
        topic(req("old", Category::Complaint, at(2026, 11, 3, 9), "A", "b1"), "leak"),
    ];
    let f = facts(requests, vec![]);
    let p = Period::of(PeriodKind::Month, d(10), CN);
    let bars = complaints_pareto(&f, &p, &Filter::default());
    let got: Vec<(Option<&str>, u64, i64)> = bars
        .iter()
        .map(|b| (b.topic.as_ref().map(|t| t.0.as_str()), b.count, b.cum_permille))
        .collect();
    // 6 complaints: noise 3 (500 ‰), then 1 each: attitude, leak by id, the unclassified last.
    assert_eq!(
        got,
        [
            (Some("noise"), 3, 500),
            (Some("attitude"), 1, 667),
            (Some("leak"), 1, 833),
            (None, 1, 1000)
        ]
    );
    assert_eq!(bars[0].ids, [id("c1"), id("c3"), id("c6")]);
    let january = Period::of(PeriodKind::Month, at(2027, 1, 5, 0), CN);
    assert!(complaints_pareto(&f, &january, &Filter::default()).is_empty());
}
