use super::*;
use crate::lww::FieldState;
use crate::{Change, Hlc, Kind, ReplicaId};
use serde_json::{json, Value};

const H: i64 = 3_600_000;
const T0: i64 = 1_796_000_000_000;

fn id(s: &str) -> RecordId {
    RecordId::derived(&uuid::Uuid::nil(), &[s])
}

struct World(ReplicaState, u64);

impl World {
    fn set(&mut self, k: &str, rec: &RecordId, f: &str, v: Value) {
        self.1 += 1;
        self.0.apply(&Change {
            kind: Kind::new(k),
            id: rec.clone(),
            field: f.into(),
            value: v,
            hlc: Hlc::new(self.1, 0),
            replica: ReplicaId::server(),
            prev: None,
        });
    }
    fn deposit(&mut self, d: &str) {
        self.set(kind::KEY_DEPOSIT, &id(d), field::TAG, json!(d));
    }
    fn out(&mut self, m: &str, d: &str, at: i64, due: Option<i64>) {
        self.set(kind::KEY_MOVEMENT, &id(m), field::KEY_DEPOSIT, json!(id(d)));
        self.set(kind::KEY_MOVEMENT, &id(m), field::OUT_AT, json!(at));
        if let Some(due) = due {
            self.set(kind::KEY_MOVEMENT, &id(m), field::DUE_AT, json!(due));
        }
    }
}

#[test]
fn keys_out_past_due_are_overdue_oldest_first() {
    let mut w = World(ReplicaState::new(), 0);
    for d in ["d1", "d2", "d3", "d4", "d5"] {
        w.deposit(d);
    }
    w.out("m1", "d1", T0, None); // due T0 + 4 h
    w.out("m2", "d2", T0, Some(T0 + H)); // due T0 + 1 h
    w.out("m3", "d3", T0, Some(T0 + H));
    w.set(kind::KEY_MOVEMENT, &id("m3"), field::RETURNED_AT, json!(T0 + 9 * H));
    w.out("m4", "d4", T0 + 4 * H, None); // not due yet
    w.out("m5", "d5", T0, Some(T0 + H));
    w.set(kind::KEY_DEPOSIT, &id("d5"), field::DELETED, json!(true));
    let (deps, moves) = read_all(&w.0, 4);
    let now = T0 + 5 * H;
    let late: Vec<_> = overdue(now, &deps, &moves).iter().map(|m| m.id.clone()).collect();
    assert_eq!(late, vec![id("m2"), id("m1")]);
    let st = |d: &str| state(now, deps.iter().find(|x| x.id == id(d)).unwrap(), &moves);
    assert_eq!(st("d1"), KeyState::Overdue);
    assert_eq!(st("d3"), KeyState::InCustody);
    assert_eq!(st("d4"), KeyState::Out);
    let blocker = |d: &str, at: i64| {
        let d = deps.iter().find(|x| x.id == id(d)).unwrap();
        sign_out_blocker(d, &moves, &id("new"), at, None)
    };
    assert_eq!(blocker("d3", T0 + 10 * H), None, "back since T0 + 9 h");
    assert_eq!(blocker("d4", now), Some(SignOutBlocker::AlreadyOut));
    // Exactly at the due time it is not overdue yet.
    assert!(overdue(T0 + H, &deps, &moves).is_empty());
}

#[test]
fn an_ended_deposit_is_given_back_and_a_return_never_precedes_the_sign_out() {
    let mut w = World(ReplicaState::new(), 0);
    w.deposit("d1");
    w.set(kind::KEY_DEPOSIT, &id("d1"), field::ENDED_AT, json!(T0));
    let (deps, moves) = read_all(&w.0, 4);
    assert_eq!(state(T0, &deps[0], &moves), KeyState::Ended);
    let new = id("new");
    assert_eq!(sign_out_blocker(&deps[0], &moves, &new, T0, None), Some(SignOutBlocker::Ended));
    assert_eq!(sign_out_blocker(&deps[0], &moves, &new, T0 - H, Some(T0 - 1)), None, "sent late");
    let f = |pairs: &[(&str, i64)]| {
        let mut out = Fields::new();
        for (n, v) in pairs {
            let st = FieldState {
                value: json!(v),
                hlc: Hlc::new(1, 0),
                replica: ReplicaId::from("r"),
                prev: None,
            };
            out.insert((*n).to_owned(), st);
        }
        out
    };
    assert!(returned_before_out(&f(&[(field::OUT_AT, 10), (field::RETURNED_AT, 9)])));
    assert!(returned_before_out(&f(&[(field::RETURNED_AT, 9)])));
    assert!(!returned_before_out(&f(&[(field::OUT_AT, 10), (field::RETURNED_AT, 10)])));
    assert!(!returned_before_out(&f(&[(field::OUT_AT, 10)])));
    assert_eq!(default_due(T0, 4), T0 + 4 * H);
}

#[test]
fn keys_are_in_one_pair_of_hands_at_a_time_whatever_order_the_movements_arrive_in() {
    let mut w = World(ReplicaState::new(), 0);
    w.deposit("d1");
    w.deposit("d2");
    w.out("m1", "d1", T0, None);
    w.set(kind::KEY_MOVEMENT, &id("m1"), field::RETURNED_AT, json!(T0 + 2 * H));
    w.out("m2", "d1", T0 + 3 * H, None);
    w.set(kind::KEY_MOVEMENT, &id("m2"), field::RETURNED_AT, json!(T0 + 4 * H));
    w.out("x", "d2", T0 + 5 * H, None);
    let (deps, moves) = read_all(&w.0, 4);
    let d1 = deps.iter().find(|d| d.id == id("d1")).unwrap();
    let b = |m: &str, out: i64, back: Option<i64>| sign_out_blocker(d1, &moves, &id(m), out, back);
    assert_eq!(b("m1", T0, Some(T0 + 2 * H)), None, "a movement is not in its own way");
    assert_eq!(b("m2", T0 + 3 * H, Some(T0 + 4 * H)), None);
    assert_eq!(b("m3", T0 + H, None), Some(SignOutBlocker::AlreadyOut), "inside m1");
    assert_eq!(b("m3", T0 - H, None), Some(SignOutBlocker::AlreadyOut), "never returned");
    assert_eq!(b("m3", T0 + 2 * H, Some(T0 + 3 * H)), None, "between, touching both");
    assert_eq!(b("m4", T0 + 4 * H, None), None, "after the last return; d2's keys are apart");
}
