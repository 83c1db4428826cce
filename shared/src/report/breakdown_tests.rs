use super::*;
use crate::report::fixture_tests::*;
use crate::report::{KpiId, PeriodKind};
use crate::request::Satisfaction::{Dissatisfied, Satisfied};

fn fig(row: &Row, k: KpiId) -> (u64, u64) {
    let f = row.figures.iter().find(|f| f.kpi == k).expect("figure");
    (f.num, f.den)
}

/// December 2026: A has two inquiries (one answered) and a complaint called back 不满意;
/// B one inquiry answered, called back 满意; a November inquiry in A is outside.
fn december() -> (Facts, Period, i64) {
    let d = |day| at(2026, 12, day, 9);
    let mut c = req("c1", Category::Complaint, d(3), "A", "b1");
    c.topic = Some(id("t-noise"));
    c.department = Some(id("eng"));
    let requests = vec![
        done(req("q1", Category::Inquiry, d(1), "A", "b1"), d(2)),
        req("q2", Category::Inquiry, d(2), "A", "b1"),
        done(req("q3", Category::Inquiry, d(2), "B", "b2"), d(2) + 3_600_000),
        done(c, d(4)),
        req("q0", Category::Inquiry, at(2026, 11, 20, 9), "A", "b1"),
    ];
    let callbacks = vec![heard(2, d(3), Satisfied), heard(3, d(5), Dissatisfied)];
    let now = d(20);
    (facts(requests, callbacks), Period::of(PeriodKind::Month, now, CN), now)
}

#[test]
fn one_row_per_area_with_that_areas_figures() {
    let (f, p, now) = december();
    let rows = breakdown(&f, By::Area, &p, &Filter::default(), now);
    let keys: Vec<&RowKey> = rows.iter().map(|r| &r.key).collect();
    assert_eq!(keys, [&RowKey::Record(id("A")), &RowKey::Record(id("B"))]);
    assert_eq!(fig(&rows[0], KpiId::InquiryReply), (1, 2));
    assert_eq!(fig(&rows[0], KpiId::Satisfaction), (0, 1));
    assert_eq!(fig(&rows[1], KpiId::InquiryReply), (1, 1));
    assert_eq!(fig(&rows[1], KpiId::Satisfaction), (1, 1));
    // The rows' figures are the whole report's under each row's filter.
    let whole =
        crate::report::kpis(&f, &p, &narrowed(&Filter::default(), By::Area, &rows[0].key), now);
    assert_eq!(rows[0].figures, whole);
    // Areas have patrol figures; no buildings here, so their denominators are days.
    assert!(rows[0].figures.iter().any(|f| f.kpi == KpiId::PatrolDays));
}

#[test]
fn butlers_departments_types_and_topics() {
    let (f, p, now) = december();
    let none = Filter::default();
    let butlers = breakdown(&f, By::Butler, &p, &none, now);
    assert_eq!(butlers.len(), 2, "the office clerk is no butler");
    assert_eq!(fig(&butlers[0], KpiId::InquiryReply), (1, 2));
    let depts = breakdown(&f, By::Department, &p, &none, now);
    assert_eq!(depts.len(), 1);
    assert_eq!(depts[0].key, RowKey::Record(id("eng")));
    assert_eq!(fig(&depts[0], KpiId::ComplaintReply), (1, 1));
    assert!(depts[0].figures.iter().all(|f| f.kpi.of_requests()), "no patrol figures");
    let types = breakdown(&f, By::Category, &p, &none, now);
    let kinds: Vec<&RowKey> = types.iter().map(|r| &r.key).collect();
    assert_eq!(
        kinds,
        [&RowKey::Category(Category::Inquiry), &RowKey::Category(Category::Complaint)],
        "types with nothing to read are left out"
    );
    assert_eq!(fig(&types[0], KpiId::Satisfaction), (1, 1));
    assert_eq!(fig(&types[1], KpiId::Satisfaction), (0, 1));
    let topics = breakdown(&f, By::Topic, &p, &none, now);
    assert_eq!(topics.len(), 1);
    assert_eq!(fig(&topics[0], KpiId::ComplaintSatisfaction), (0, 1));
}

#[test]
fn a_narrowed_reader_and_an_empty_period() {
    let (f, p, now) = december();
    let area_a = Filter { area: Some(id("A")), ..Filter::default() };
    let butlers = breakdown(&f, By::Butler, &p, &area_a, now);
    // b2's requests are in B: only their area's patrol days are left, still something.
    assert_eq!(fig(&butlers[1], KpiId::InquiryReply), (0, 0));
    let january = Period::of(PeriodKind::Month, at(2027, 1, 5, 0), CN);
    let types = breakdown(&f, By::Category, &january, &Filter::default(), now);
    assert!(types.is_empty(), "nothing received, done or called back in January");
}
