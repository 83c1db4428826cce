use super::*;
use crate::report::facts::{CallbackFact, EventFact, PhotoFact, RoundFact};
use crate::report::period::{PeriodKind, DAY_MS};
use crate::report::test_facts::{id, request, who};

const DAY: i64 = 20_000 * DAY_MS;

fn event(kind: EventType, to: &str, by: &str, at: i64) -> EventFact {
    EventFact { request: Some(0), kind, to: to.into(), at: Some(at), by: who(by) }
}

fn round(by: &str, purpose: Purpose, full: bool, ended: Option<i64>) -> RoundFact {
    RoundFact {
        id: id("r"),
        purpose,
        area: None,
        by: who(by),
        started_at: ended.map(|e| e - 3_600_000),
        ended_at: ended,
        full,
        score: None,
        buildings: Vec::new(),
    }
}

/// Two butlers (b1 busy, b2 idle), an office clerk o1 and a supervisor s1; everything at
/// noon of the day, plus work of the day before and after that must not count.
fn facts() -> Facts {
    let noon = DAY + DAY_MS / 2;
    let (before, after) = (DAY - 1, DAY + DAY_MS);
    let mut deleted = request("d", "b1", noon);
    deleted.deleted = true;
    let mut cancelled = request("c", "b1", noon);
    cancelled.status = RequestStatus::Cancelled;
    Facts {
        requests: vec![
            request("1", "b1", noon),
            request("2", "b1", noon),
            request("3", "o1", noon),
            request("4", "b1", before),
            request("5", "b1", after),
            deleted,
            cancelled,
        ],
        events: vec![
            event(EventType::Routed, "eng", "o1", noon),
            event(EventType::Routed, "eng", "b1", noon),
            event(EventType::Routed, "eng", "b1", before),
            event(EventType::Status, "done", "b1", noon),
            event(EventType::Status, "done", "b1", noon + 1),
            event(EventType::Status, "in_progress", "b1", noon),
            event(EventType::Callback, "reached", "b1", noon),
        ],
        callbacks: vec![
            CallbackFact {
                id: id("cb1"),
                request: Some(0),
                at: Some(noon),
                by: who("b1"),
                result: None,
                satisfaction: None,
            },
            CallbackFact {
                id: id("cb2"),
                request: Some(0),
                at: Some(after),
                by: who("b1"),
                result: None,
                satisfaction: None,
            },
        ],
        rounds: vec![
            round("b1", Purpose::Patrol, true, Some(noon)),
            round("b1", Purpose::Patrol, false, Some(noon)),
            round("b1", Purpose::Patrol, false, None),
            round("s1", Purpose::Quality, false, Some(noon)),
            round("s1", Purpose::Quality, false, Some(before)),
        ],
        photos: vec![
            PhotoFact { at: Some(noon), by: who("b1") },
            PhotoFact { at: Some(noon), by: who("gone") },
            PhotoFact { at: Some(after), by: who("b1") },
        ],
        staff: vec![
            (id("o1"), Role::Office, None),
            (id("b1"), Role::Butler, who("a1")),
            (id("s1"), Role::Supervisor, None),
            (id("b2"), Role::Butler, who("a2")),
            (id("s2"), Role::Supervisor, None),
        ],
        ..Facts::default()
    }
}

#[test]
fn each_person_counts_what_they_did_that_day() {
    let day = Period::of(PeriodKind::Day, DAY + 1, 0);
    let rows = totals(&facts(), &day);
    let staff: Vec<&str> = rows.iter().map(|r| r.staff.as_str()).collect();
    // Staff order; the idle butler kept, the idle supervisor left out, the author no
    // longer on staff last.
    assert_eq!(staff, ["o1", "b1", "s1", "b2", "gone"]);
    let b1 = &rows[1];
    let want = PersonTotals {
        staff: id("b1"),
        taken: 3, // 1, 2 and the cancelled one; not the deleted one
        dispatched: 1,
        done: 2,
        callbacks: 1,
        rounds_full: 1,
        rounds_partial: 1,
        checks: 0,
        photos: 1,
    };
    assert_eq!(*b1, want);
    assert_eq!(b1.rounds(), 2);
    assert_eq!((rows[0].taken, rows[0].dispatched), (1, 1));
    assert_eq!(rows[2].checks, 1);
    assert!(rows[3].is_empty() && !b1.is_empty());
    assert_eq!(rows[4].photos, 1);
    let all = sum(&rows);
    assert_eq!((all.taken, all.dispatched, all.done, all.photos, all.checks), (4, 2, 2, 2, 1));
}

#[test]
fn a_week_counts_every_day_of_it_and_an_empty_replica_only_the_butlers() {
    let week = Period::custom(DAY - DAY_MS, DAY + DAY_MS, 0);
    let b1 = totals(&facts(), &week).into_iter().find(|r| r.staff == id("b1")).unwrap();
    assert_eq!((b1.taken, b1.dispatched, b1.callbacks, b1.photos), (5, 2, 2, 2));
    let empty = Facts { staff: facts().staff, ..Facts::default() };
    let rows = totals(&empty, &week);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(PersonTotals::is_empty));
}
