//! A planned request's history: the `request_event` of its creation and of every status
//! move up to where it stands, its call-back attempts (`callback`), and a complaint's closed
//! loop — pure and deterministic, times as minutes after the request was made.
//!
//! Every path follows `shared::request::TRANSITIONS`, each move made by a role allowed to
//! make it: the desk (the request's taker: a butler or the office) dispatches, calls back,
//! closes and cancels; the assignee starts and finishes the work. A few finished requests
//! were called back dissatisfied, reopened and done again.

use super::names::Rng;
use shared::request::RequestStatus::{self, *};

/// One event: type, from, to, minutes after creation, by whom (staff index), a note.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub ty: &'static str,
    pub from: Option<RequestStatus>,
    pub to: Option<RequestStatus>,
    pub after: u64,
    pub by: usize,
    pub note: Option<&'static str>,
}

/// One call-back attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Callback {
    pub result: &'static str,
    pub satisfaction: Option<&'static str>,
    pub comment: Option<&'static str>,
    pub after: u64,
    pub by: usize,
}

/// A request's history.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub events: Vec<Event>,
    pub callbacks: Vec<Callback>,
    /// Minutes after creation the work was (last) done, for a finished request.
    pub done: Option<u64>,
}

/// The statuses a request went through to reach `status`: the main path, with a reopened
/// round when `reopened_once` (a closed request that was done again after 不满意).
fn path(status: RequestStatus, taken: bool, reopened_once: bool) -> Vec<RequestStatus> {
    let main = [New, Assigned, InProgress, Done, CalledBack, Closed];
    let upto = |s: RequestStatus| main[..=main.iter().position(|m| *m == s).unwrap_or(0)].to_vec();
    match status {
        Cancelled if taken => vec![New, Assigned, Cancelled],
        Cancelled => vec![New, Cancelled],
        Reopened => [upto(Done), vec![Reopened]].concat(),
        Closed if reopened_once => {
            [upto(Done), vec![Reopened, InProgress, Done, CalledBack, Closed]].concat()
        }
        s => upto(s),
    }
}

/// Plans the history of a request now in `status`, made `age` minutes ago by `desk`, worked
/// by `worker` (`who`: the two); `reopen` asks for a closed request's dissatisfied round,
/// `neutral` is the per cent of call-backs that hear 一般.
pub fn plan(
    rng: &mut Rng,
    status: RequestStatus,
    age: u64,
    (desk, worker): (usize, usize),
    taken: bool,
    reopen: bool,
    neutral: u64,
) -> History {
    let steps = path(status, taken, reopen);
    // Minutes each move took, then squeezed into the request's age when it is young.
    let mut gaps: Vec<u64> = steps
        .windows(2)
        .map(|w| match w[1] {
            Assigned => 5 + rng.below(55),
            InProgress => 20 + rng.below(240),
            Done => 60 + rng.below(36 * 60),
            CalledBack | Reopened if w[0] == Done => 120 + rng.below(40 * 60),
            _ => 1 + rng.below(60),
        })
        .collect();
    let total: u64 = gaps.iter().sum();
    let room = age.saturating_sub(1);
    if total > room {
        gaps.iter_mut().for_each(|g| *g = *g * room / total.max(1));
    }
    let mut h = History::default();
    h.events.push(Event {
        ty: "created",
        from: None,
        to: Some(New),
        after: 0,
        by: desk,
        note: None,
    });
    let mut at = 0;
    for (w, gap) in steps.windows(2).zip(gaps) {
        at += gap;
        let (from, to) = (w[0], w[1]);
        let by = if matches!(to, InProgress | Done) { worker } else { desk };
        let note = (to == Cancelled).then(|| *rng.pick(&super::catalog::CANCEL_REASONS));
        if from == Done {
            // The call-back that decided the move: 不满意 reopens, else 满意 (a few 一般),
            // sometimes after an attempt nobody answered.
            if rng.chance(10) {
                let miss = Callback {
                    result: "no_answer",
                    satisfaction: None,
                    comment: None,
                    after: at.saturating_sub(1),
                    by: desk,
                };
                h.callbacks.push(miss);
            }
            let (satisfaction, comment) = match to {
                Reopened => ("dissatisfied", Some(*rng.pick(&super::catalog::DISSATISFIED))),
                _ if rng.chance(neutral) => ("neutral", Some(*rng.pick(&super::catalog::NEUTRAL))),
                _ => ("satisfied", None),
            };
            let reached = Callback {
                result: "reached",
                satisfaction: Some(satisfaction),
                comment,
                after: at,
                by: desk,
            };
            h.callbacks.push(reached);
        }
        if to == Done {
            h.done = Some(at);
        }
        h.events.push(Event { ty: "status", from: Some(from), to: Some(to), after: at, by, note });
    }
    if !status.is_finished() {
        h.done = None;
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::machine::Machine;
    use shared::Role;

    #[test]
    fn every_path_follows_the_table_by_the_roles_that_make_the_moves() {
        let mut rng = Rng::new(1, "t");
        for status in RequestStatus::ALL {
            for (taken, reopen) in [(true, false), (false, false), (true, true)] {
                let h = plan(&mut rng, *status, 10_000, (0, 1), taken, reopen, 8);
                let moves: Vec<_> = h.events.iter().skip(1).collect();
                assert_eq!(moves.last().and_then(|e| e.to).unwrap_or(New), *status);
                for e in &moves {
                    let (from, to) = (e.from.expect("from"), e.to.expect("to"));
                    let role = if e.by == 1 { Role::Department } else { Role::Butler };
                    assert!(from.may_become(to, role), "{status}: {from} → {to} by {role}");
                }
                let times: Vec<u64> = h.events.iter().map(|e| e.after).collect();
                assert!(
                    times.windows(2).all(|w| w[0] <= w[1]) && times.iter().all(|t| *t < 10_000)
                );
            }
        }
    }

    #[test]
    fn a_young_request_fits_its_history_into_its_age() {
        let mut rng = Rng::new(2, "t");
        let h = plan(&mut rng, Closed, 31, (0, 1), true, true, 8);
        assert!(h.events.iter().all(|e| e.after <= 30), "{h:?}");
        assert_eq!(
            h.callbacks.iter().filter(|c| c.satisfaction == Some("dissatisfied")).count(),
            1
        );
        assert!(h.done.is_some());
    }
}
