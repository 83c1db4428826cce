use super::*;
use crate::report::facts::{CallbackFact, EventFact, RoundFact};
use crate::report::period::{PeriodKind, DAY_MS};
use crate::report::test_facts::{id, request, who};
use crate::report::KpiId;
use crate::request::RequestStatus;

/// Monday 00:00 UTC of the week looked at (1970-01-05 was a Monday).
const W: i64 = (4 + 7 * 2900) * DAY_MS;

fn d(days: f64) -> i64 {
    W + (days * DAY_MS as f64) as i64
}

fn req(n: &str, c: Category, status: RequestStatus, at: f64) -> RequestFact {
    RequestFact { category: c, status, ..request(n, "b1", d(at)) }
}

fn cb(i: usize, at: f64, result: CallbackResult, s: Option<Satisfaction>) -> CallbackFact {
    let at = Some(d(at));
    CallbackFact {
        id: id("cb"),
        request: Some(i),
        at,
        by: who("b1"),
        result: Some(result),
        satisfaction: s,
    }
}

fn event(i: usize, kind: EventType, at: f64) -> EventFact {
    EventFact { request: Some(i), kind, to: String::new(), at: Some(d(at)), by: who("b1") }
}

fn round(purpose: Purpose, full: bool, ended: f64) -> RoundFact {
    RoundFact {
        id: id("r"),
        purpose,
        area: None,
        by: who("b1"),
        started_at: Some(d(ended) - 1),
        ended_at: Some(d(ended)),
        full,
        score: None,
        buildings: Vec::new(),
    }
}

/// The week's requests (positions in brackets):
/// [0] r1 repair received Tue, done Wed; [1] r2 repair received the week before, done Thu;
/// [2] c1 complaint received Tue, due Thu, last moved (a review) Wed: overdue and stuck;
/// [3] c2 complaint received Fri, due Sun, told of progress Sun noon: overdue, moving;
/// [4] i1 inquiry received Wed evening, due Thu, done only the next week: overdue, stuck
/// by the week's end;
/// [5] a cancelled complaint; [6] praise, never due.
fn facts() -> Facts {
    let done = |mut r: RequestFact, at: f64| {
        r.done_at = Some(d(at));
        r.first_done_at = Some(d(at));
        r
    };
    let due = |mut r: RequestFact, at: f64| {
        r.due_at = Some(d(at));
        r
    };
    let mut c1 = due(req("c1", Category::Complaint, RequestStatus::InProgress, 1.0), 3.0);
    c1.area = who("a1");
    Facts {
        requests: vec![
            done(req("r1", Category::Repair, RequestStatus::Done, 1.0), 2.0),
            done(req("r2", Category::Repair, RequestStatus::CalledBack, -1.0), 3.0),
            c1,
            due(req("c2", Category::Complaint, RequestStatus::Assigned, 4.0), 6.0),
            done(due(req("i1", Category::Inquiry, RequestStatus::Done, 2.8), 3.1), 8.0),
            req("x", Category::Complaint, RequestStatus::Cancelled, 2.0),
            req("p", Category::Praise, RequestStatus::New, 2.0),
        ],
        callbacks: vec![
            cb(0, 2.5, CallbackResult::Reached, Some(Satisfaction::Satisfied)),
            cb(1, 3.5, CallbackResult::NoAnswer, None),
            cb(0, 9.0, CallbackResult::Reached, Some(Satisfaction::Dissatisfied)),
        ],
        events: vec![
            event(2, EventType::Review, 2.0),
            event(3, EventType::ProgressTold, 6.5),
            event(4, EventType::Status, 8.0),
        ],
        rounds: vec![
            round(Purpose::Patrol, true, 1.0),
            round(Purpose::Patrol, false, 1.0),
            round(Purpose::Quality, false, 2.0),
            round(Purpose::Patrol, true, 8.0),
        ],
        ..Facts::default()
    }
}

#[test]
fn the_week_in_numbers() {
    let f = facts();
    let week = Period::of(PeriodKind::Week, d(0.5), 0);
    assert_eq!(week.start, W, "the fixture's week starts on a Monday");
    let now = d(10.0);
    let w = weekly(&f, &week, &Filter::default(), now);
    let counts: Vec<(Category, u32, u32)> =
        w.by_type.iter().map(|t| (t.category, t.received, t.done)).collect();
    assert_eq!(
        counts,
        [
            (Category::Repair, 1, 2),
            (Category::Inquiry, 1, 0),
            (Category::Complaint, 2, 0),
            (Category::Suggestion, 0, 0),
            (Category::Praise, 1, 0),
            (Category::PaidService, 0, 0),
        ]
    );
    let want = CallbackCounts { made: 2, reached: 1, satisfied: 1, neutral: 0, dissatisfied: 0 };
    assert_eq!(w.callbacks, want);
    assert_eq!(w.figures, kpis(&f, &week, &Filter::default(), now));
    let reply = w.figures.iter().find(|x| x.kpi == KpiId::ComplaintReply).unwrap();
    assert_eq!((reply.num, reply.den), (0, 2));
    assert_eq!(w.overdue, [id("c1"), id("i1"), id("c2")], "longest overdue first");
    assert_eq!(w.stuck, [id("c1"), id("i1")]);
    assert_eq!((w.reviews, w.progress_told), (1, 1));
    assert_eq!((w.rounds_full, w.rounds_partial, w.checks), (1, 1, 1));
}

#[test]
fn the_current_week_is_cut_at_now_and_a_filter_narrows_it() {
    let f = facts();
    let week = Period::of(PeriodKind::Week, d(0.5), 0);
    // Thursday noon: c1 (due Thu 00:00, last moved Wed 00:00) is overdue and stuck.
    let w = weekly(&f, &week, &Filter::default(), d(3.5));
    assert_eq!(w.overdue, [id("c1"), id("i1")]);
    assert_eq!(w.stuck, [id("c1")], "i1, received Wed evening, has not been still for a day yet");
    let area = Filter { area: who("a1"), ..Filter::default() };
    let w = weekly(&f, &week, &area, d(10.0));
    assert_eq!(w.overdue, [id("c1")]);
    assert_eq!(w.by_type[2].received, 1);
    assert_eq!(w.callbacks.made, 0);
    assert_eq!(w.reviews, 1);
}

#[test]
fn an_empty_week_counts_nothing() {
    let week = Period::of(PeriodKind::Week, d(0.5), 0);
    let w = weekly(&Facts::default(), &week, &Filter::default(), d(10.0));
    assert!(w.by_type.iter().all(|t| t.received == 0 && t.done == 0));
    assert_eq!(w.callbacks, CallbackCounts::default());
    assert!(w.overdue.is_empty() && w.figures.iter().all(|f| f.permille.is_none()));
}
