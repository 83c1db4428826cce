use super::*;
use crate::report::period::month_start;

/// 2024-03-15 12:00 in China.
const AT: i64 = 1_710_475_200_000;

#[test]
fn the_report_is_the_figures_of_the_period_and_of_the_one_before() {
    let facts = Facts::default();
    let p = Period::of(PeriodKind::Month, AT, 480);
    let r = kpi_report(&facts, &p, &Filter::default(), AT);
    assert_eq!(r.period, p);
    assert_eq!(r.previous_period, p.previous());
    assert_eq!(r.figures, kpis(&facts, &p, &Filter::default(), AT));
    assert_eq!(r.previous, kpis(&facts, &p.previous(), &Filter::default(), AT));
}

#[test]
fn an_empty_question_is_this_month_in_china() {
    let p = PeriodAsk::default().period(AT).expect("a period");
    assert_eq!((p.kind, p.start, p.offset_min), (PeriodKind::Month, month_start(AT, 480), 480));
    let custom = PeriodAsk { kind: Some(PeriodKind::Custom), ..Default::default() };
    let day = custom.period(AT).expect("a day");
    assert_eq!((day.kind, day.end - day.start), (PeriodKind::Custom, DAY_MS));
}

#[test]
fn values_out_of_bounds_are_refused_with_their_bound() {
    let ask = |a: PeriodAsk| a.period(AT).map_err(|e| e.0);
    let tz = ask(PeriodAsk { offset_min: Some(841), ..Default::default() }).unwrap_err();
    assert!(tz.contains("tz must be -720 to 840"), "{tz}");
    assert!(ask(PeriodAsk { at: Some(-1), ..Default::default() }).unwrap_err().contains("at "));
    assert!(ask(PeriodAsk { at: Some(i64::MAX), ..Default::default() }).is_err());
    let custom =
        |from, to| PeriodAsk { kind: Some(PeriodKind::Custom), from, to, ..Default::default() };
    assert!(ask(custom(Some(MAX_MS + 1), None)).unwrap_err().contains("from "));
    // A month ignores `to`, but a `to` out of range is still refused (schemathesis found a
    // month with to=-1 answered 200).
    let month_to = PeriodAsk { to: Some(-1), ..Default::default() };
    assert!(ask(month_to).unwrap_err().contains("to must be"));
    let long = ask(custom(Some(AT - 400 * DAY_MS), Some(AT))).unwrap_err();
    assert!(long.contains("at most 366 days"), "{long}");
    assert!(ask(custom(Some(AT - 365 * DAY_MS), Some(AT))).is_ok());
    // The widest zones at the ends of time still make a period, without overflow.
    for (at, tz) in [(MIN_MS, MIN_OFFSET_MIN), (MAX_MS, MAX_OFFSET_MIN), (MIN_MS, MAX_OFFSET_MIN)] {
        for kind in PeriodKind::ALL {
            let p = ask(PeriodAsk {
                kind: Some(*kind),
                at: Some(at),
                offset_min: Some(tz),
                ..Default::default()
            });
            let p = p.expect("a period");
            assert!(p.start < p.end && p.previous().end == p.start, "{kind} {at} {tz}");
        }
    }
}
