//! The whole-record rules through [`judge`], batch by batch as the server runs them: each
//! forbidden change refused with its code and a compensation restating the stored value, and
//! the allowed form of the same edit (in any order of its changes) accepted.

use super::super::{judge, BatchView, Pusher, ServerTime, Target};
use crate::hlc::{Hlc, HlcClock};
use crate::names::{field, kind};
use crate::patrol::{ANSWER, ITEM, OPTION, ROUND, SECTION, TEMPLATE};
use crate::request::number::{format, provisional, NumberBlock};
use crate::{Change, Kind, RecordId, RejectCode, ReplicaId, ReplicaState, Role};
use serde_json::{json, Value};

const NOW: u64 = 1_700_000_000_000;
const REPLICA: &str = "0190f0a0-0000-7000-8000-00000000aaaa";

fn id(n: u32) -> RecordId {
    RecordId::from(format!("0190f0a0-0000-7000-8000-{n:012}").as_str())
}

thread_local!(static TICK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) });

/// A change of the pushing replica: a seed's at `ms` (before `NOW`), else stamped after every
/// change made before it (and so after every compensation of an earlier push).
fn c(k: &str, rid: &RecordId, f: &str, v: Value, ms: u64) -> Change {
    let ms = if ms < NOW { ms } else { NOW + TICK.with(|t| t.replace(t.get() + 1)) * 10 };
    Change {
        kind: Kind::new(k),
        id: rid.clone(),
        field: f.into(),
        value: v,
        hlc: Hlc::new(ms, 0),
        replica: ReplicaId::from(REPLICA),
        prev: None,
    }
}

/// A server holding `state`, judging batches as the real one does.
struct Server {
    state: ReplicaState,
    clock: HlcClock,
}

impl Server {
    fn new(seed: &[Change]) -> Self {
        let mut state = ReplicaState::new();
        for ch in seed {
            state.apply(&Change { replica: ReplicaId::from("seed"), ..ch.clone() });
        }
        Server { state, clock: HlcClock::default() }
    }

    /// Judges `batch` as `role` (staff `me`); the refusals' codes, in order.
    fn push(&mut self, role: Role, me: &RecordId, batch: &[Change]) -> Vec<RejectCode> {
        let replica = ReplicaId::from(REPLICA);
        let blocks = [NumberBlock { start: 51, count: 50 }];
        let pusher =
            Pusher { role, replica: &replica, staff: Some(me), blocks: &blocks, recovery: None };
        let view = BatchView::new(self.state.clone(), pusher, batch);
        let mut codes = Vec::new();
        for ch in batch {
            let stored = self.state.field(&ch.kind, &ch.id, &ch.field).cloned();
            let new_record = self.state.record(&ch.kind, &ch.id).is_none();
            let target = Target {
                foreign: false,
                stored: stored.as_ref(),
                new_record,
                records: Some(&view),
                stored_by: None,
            };
            let time = ServerTime { now_ms: NOW - 50, max_ahead_ms: 300_000 };
            let v = judge(pusher, target, ch, &mut self.clock, time);
            for w in &v.writes {
                self.state.force(w);
            }
            if let Some(r) = v.refused {
                let comp = r.compensation.clone().expect("a compensation");
                assert_eq!(comp.value, stored.map_or(Value::Null, |s| s.value), "{r:?}");
                codes.push(r.refusal.code);
            }
        }
        codes
    }

    fn value(&self, k: &str, rid: &RecordId, f: &str) -> Option<Value> {
        self.state.field(&Kind::new(k), rid, f).map(|s| s.value.clone())
    }
}

fn request(status: &str, extra: &[(&str, Value)]) -> Vec<Change> {
    let mut out = vec![c(kind::REQUEST, &id(1), field::STATUS, json!(status), NOW - 100)];
    out.extend(extra.iter().map(|(f, v)| c(kind::REQUEST, &id(1), f, v.clone(), NOW - 100)));
    out
}

#[test]
fn a_cancellation_needs_its_reason_in_the_batch_in_any_order() {
    let me = id(900);
    let mut s = Server::new(&request("new", &[]));
    let cancel = || c(kind::REQUEST, &id(1), field::STATUS, json!("cancelled"), NOW);
    assert_eq!(s.push(Role::Butler, &me, &[cancel()]), [RejectCode::ReasonRequired]);
    let blank = c(kind::REQUEST, &id(1), field::CANCEL_REASON, json!("  "), NOW + 1);
    let refused = s.push(Role::Butler, &me, &[cancel(), blank]);
    assert_eq!(refused, [RejectCode::ReasonRequired; 2], "a blank reason is no reason");
    assert_eq!(s.value(kind::REQUEST, &id(1), field::STATUS), Some(json!("new")));
    let reason = c(kind::REQUEST, &id(1), field::CANCEL_REASON, json!("重复"), NOW + 2);
    let cancel = c(kind::REQUEST, &id(1), field::STATUS, json!("cancelled"), NOW + 3);
    assert!(s.push(Role::Butler, &me, &[cancel, reason]).is_empty(), "status first, reason after");
    let clear = c(kind::REQUEST, &id(1), field::CANCEL_REASON, json!(""), NOW + 4);
    assert_eq!(s.push(Role::Office, &me, &[clear]), [RejectCode::ReasonRequired]);
}

#[test]
fn a_complaint_is_done_only_when_its_loop_allows() {
    let me = id(900);
    let unfounded = [
        ("category", json!("complaint")),
        ("complaint_stands", json!(false)),
        ("escalation", json!("manager")),
    ];
    let mut s = Server::new(&request("in_progress", &unfounded));
    let done = |ms| c(kind::REQUEST, &id(1), field::STATUS, json!("done"), ms);
    assert_eq!(s.push(Role::Butler, &me, &[done(NOW)]), [RejectCode::ComplaintOpen]);
    // A department may not write the reply: sent with its done, it satisfies nothing.
    let reply = || c(kind::REQUEST, &id(1), field::REPLY, json!("已解释"), NOW + 1);
    let codes = s.push(Role::Department, &me, &[reply(), done(NOW + 2)]);
    assert_eq!(codes, [RejectCode::Forbidden, RejectCode::ComplaintOpen]);
    let codes = s.push(Role::Butler, &me, &[done(NOW + 3), reply()]);
    assert_eq!(codes, [RejectCode::ComplaintOpen], "the report is still missing");
    let report = c(kind::REQUEST, &id(1), field::CORRECTIVE_REPORT, json!("整改"), NOW + 4);
    assert!(s.push(Role::Butler, &me, &[done(NOW + 5), report]).is_empty());
}

#[test]
fn department_staff_record_done_at_with_the_done_move_only() {
    let me = id(900);
    let mut s = Server::new(&request("in_progress", &[]));
    let at = |v: Value| c(kind::REQUEST, &id(1), field::DONE_AT, v, NOW);
    let done = || c(kind::REQUEST, &id(1), field::STATUS, json!("done"), NOW);
    assert_eq!(s.push(Role::Department, &me, &[at(json!(NOW))]), [RejectCode::Forbidden]);
    let stored = s.value(kind::REQUEST, &id(1), field::DONE_AT);
    assert!(stored.is_none_or(|v| v.is_null()), "the compensation restates nothing");
    assert!(s.push(Role::Department, &me, &[at(json!(NOW + 1)), done()]).is_empty());
    assert_eq!(s.value(kind::REQUEST, &id(1), field::STATUS), Some(json!("done")));
    assert!(s.value(kind::REQUEST, &id(1), field::DONE_AT).is_some_and(|v| v.is_i64()));
    assert_eq!(s.push(Role::Department, &me, &[at(Value::Null)]), [RejectCode::Forbidden]);
    assert!(s.push(Role::Office, &me, &[at(json!(NOW + 2))]).is_empty(), "the office corrects it");
}

#[test]
fn a_complaint_closes_only_through_its_loop_with_a_result_and_stays_closed() {
    let (me, sup) = (id(900), id(901));
    let mut s = Server::new(&request("called_back", &[("category", json!("complaint"))]));
    let r = |f: &str, v: Value| c(kind::REQUEST, &id(1), f, v, NOW);
    let close = || r(field::STATUS, json!("closed"));
    let result = || r(field::CLOSE_RESULT, json!("已整改，住户满意"));
    // Unjudged: refused even with a result; the result alone stands.
    assert_eq!(s.push(Role::Office, &me, &[close(), result()]), [RejectCode::ComplaintOpen]);
    s.push(Role::Office, &me, &[r(field::COMPLAINT_STANDS, json!(true))]);
    assert_eq!(s.push(Role::Office, &me, &[close()]), [RejectCode::ComplaintOpen], "no plan");
    s.push(Role::Supervisor, &sup, &[r(field::PLAN_APPROVED_BY, json!(sup))]);
    assert_eq!(s.push(Role::Office, &me, &[close()]), [RejectCode::ComplaintOpen], "no consent");
    let note = r(field::CONFIRMATION_NOTE, json!("电话确认"));
    assert!(s.push(Role::Office, &me, &[r(field::CONFIRMATION, json!("verbal")), note]).is_empty());
    let cleared = r(field::CLOSE_RESULT, json!(" "));
    assert_eq!(s.push(Role::Office, &me, &[close(), cleared]), [RejectCode::ResultRequired]);
    assert!(s.push(Role::Office, &me, &[result(), close()]).is_empty(), "result in the batch");
    // Closed: every field is read-only, for everyone, until the office reopens it.
    let edit = || r(field::DESCRIPTION, json!("改"));
    assert_eq!(s.push(Role::Office, &me, &[edit()]), [RejectCode::RequestClosed]);
    assert_eq!(s.push(Role::Butler, &me, &[result()]), [], "the same value is no edit");
    let reopen = r(field::STATUS, json!("reopened"));
    assert!(s.push(Role::Office, &me, &[edit(), reopen]).is_empty(), "the reopening batch edits");
    assert_eq!(s.value(kind::REQUEST, &id(1), field::DESCRIPTION), Some(json!("改")));
}

#[test]
fn called_back_needs_an_attempt_that_reached_a_satisfied_resident() {
    let me = id(900);
    let mut s = Server::new(&request("done", &[]));
    let moved = |ms| c(kind::REQUEST, &id(1), field::STATUS, json!("called_back"), ms);
    assert_eq!(s.push(Role::Butler, &me, &[moved(NOW)]), [RejectCode::AttemptRequired]);
    let attempt = |n, result: &str, ms| {
        vec![
            c(kind::CALLBACK, &id(n), field::REQUEST, json!(id(1)), ms),
            c(kind::CALLBACK, &id(n), field::RESULT, json!(result), ms),
            c(kind::CALLBACK, &id(n), field::SATISFACTION, json!("satisfied"), ms),
        ]
    };
    let mut batch = vec![moved(NOW + 1)];
    batch.extend(attempt(2, "no_answer", NOW + 1));
    assert_eq!(s.push(Role::Butler, &me, &batch), [RejectCode::AttemptRequired]);
    let mut batch = vec![moved(NOW + 2)];
    batch.extend(attempt(3, "reached", NOW + 2));
    assert!(s.push(Role::Butler, &me, &batch).is_empty());
}

#[test]
fn a_published_checklist_row_only_retires() {
    let sup = id(900);
    let (t, sec, item, opt) = (id(10), id(11), id(12), id(13));
    let mut s = Server::new(&[
        c(TEMPLATE, &t, field::VERSION, json!(2), NOW - 100),
        c(SECTION, &sec, field::TEMPLATE, json!(t), NOW - 100),
        c(SECTION, &sec, field::FROM_VERSION, json!(1), NOW - 100),
        c(ITEM, &item, field::SECTION, json!(sec), NOW - 100),
        c(ITEM, &item, field::FROM_VERSION, json!(2), NOW - 100),
        c(OPTION, &opt, field::ITEM, json!(item), NOW - 100),
    ]);
    let text = c(ITEM, &item, field::TEXT_ZH, json!("改了"), NOW);
    let label = c(OPTION, &opt, field::LABEL_ZH, json!("改了"), NOW);
    let sneak = c(ITEM, &item, field::FROM_VERSION, json!(3), NOW);
    let codes = s.push(Role::Supervisor, &sup, &[sneak, text, label]);
    assert_eq!(codes, [RejectCode::Published; 3]);
    // A new item placed in the published version changes it too; one in the draft does not.
    let new = |n, v| {
        vec![
            c(ITEM, &id(n), field::SECTION, json!(sec), NOW + 1),
            c(ITEM, &id(n), field::FROM_VERSION, json!(v), NOW + 1),
        ]
    };
    assert_eq!(s.push(Role::Supervisor, &sup, &new(20, 2)), [RejectCode::Published; 2]);
    assert!(s.push(Role::Supervisor, &sup, &new(21, 3)).is_empty());
    let retire = c(ITEM, &item, field::TO_VERSION, json!(3), NOW + 2);
    assert!(s.push(Role::Supervisor, &sup, &[retire]).is_empty());
    let back = c(ITEM, &item, field::TO_VERSION, json!(1), NOW + 3);
    assert_eq!(s.push(Role::Supervisor, &sup, &[back]), [RejectCode::Published]);
}

#[test]
fn history_is_set_once_and_comments_are_their_authors() {
    let (office, clerk) = (id(900), id(901));
    let mut s = Server::new(&[
        c(kind::REQUEST_EVENT, &id(5), field::REQUEST, json!(id(1)), NOW - 100),
        c(kind::REQUEST_EVENT, &id(5), field::TO, json!("assigned"), NOW - 100),
        c(kind::REQUEST_COMMENT, &id(6), field::TEXT, json!("办公室"), NOW - 100),
        c(kind::REQUEST_COMMENT, &id(6), field::BY, json!(office), NOW - 100),
    ]);
    let rewrite = || c(kind::REQUEST_EVENT, &id(5), field::TO, json!("closed"), NOW);
    assert_eq!(s.push(Role::Department, &clerk, &[rewrite()]), [RejectCode::Forbidden]);
    assert_eq!(s.push(Role::Office, &office, &[rewrite()]), [RejectCode::Forbidden]);
    assert_eq!(s.value(kind::REQUEST_EVENT, &id(5), field::TO), Some(json!("assigned")));
    let edit = |ms| c(kind::REQUEST_COMMENT, &id(6), field::TEXT, json!("改"), ms);
    assert_eq!(s.push(Role::Butler, &clerk, &[edit(NOW + 1)]), [RejectCode::Forbidden]);
    assert!(s.push(Role::Butler, &office, &[edit(NOW + 2)]).is_empty(), "its author");
    assert!(s.push(Role::Office, &clerk, &[edit(NOW + 3)]).is_empty(), "the office");
}

#[test]
fn quality_answers_are_the_supervisors_and_clearing_a_link_is_a_delete() {
    let (sup, butler) = (id(900), id(901));
    let mut s = Server::new(&[
        c(ROUND, &id(30), field::PURPOSE, json!("quality"), NOW - 100),
        c(ANSWER, &id(31), field::ROUND, json!(id(30)), NOW - 100),
        c(ANSWER, &id(31), field::RESULT, json!("fail"), NOW - 100),
        c(kind::UNIT_PERSON, &id(40), field::UNIT, json!(id(41)), NOW - 100),
    ]);
    let pass = |ms| c(ANSWER, &id(31), field::RESULT, json!("pass"), ms);
    assert_eq!(s.push(Role::Butler, &butler, &[pass(NOW)]), [RejectCode::Forbidden]);
    assert!(s.push(Role::Supervisor, &sup, &[pass(NOW + 1)]).is_empty());
    let unlink = |ms| c(kind::UNIT_PERSON, &id(40), field::UNIT, Value::Null, ms);
    assert_eq!(s.push(Role::Butler, &butler, &[unlink(NOW + 2)]), [RejectCode::Forbidden]);
    assert!(s.push(Role::Office, &sup, &[unlink(NOW + 3)]).is_empty());
}

#[test]
fn a_new_requests_number_comes_from_the_pushers_blocks_or_its_provisional_form() {
    let me = id(900);
    let mut s = Server::new(&[]);
    let number = |n: u32, v: String| c(kind::REQUEST, &id(n), field::NUMBER, json!(v), NOW);
    let day = (2026, 11, 27);
    let codes = s.push(Role::Butler, &me, &[number(1, format("A1", day, 7))]);
    assert_eq!(codes, [RejectCode::BadNumber], "another replica's counter");
    let foreign = provisional("A1", day, "0190f0a0-0000-7000-8000-00000000bbbb", 1);
    assert_eq!(s.push(Role::Butler, &me, &[number(1, foreign)]), [RejectCode::BadNumber]);
    assert!(s.push(Role::Butler, &me, &[number(1, format("A1", day, 51))]).is_empty());
    assert!(s.push(Role::Butler, &me, &[number(2, provisional("A1", day, REPLICA, 1))]).is_empty());
    let changed = number(1, format("A1", day, 52));
    assert_eq!(s.push(Role::Butler, &me, &[changed]), [RejectCode::Forbidden], "set once");
}

// issue 25: services
#[test]
fn a_paid_service_is_paid_after_consent_with_method_amount_and_time() {
    let me = id(900);
    let o = id(50);
    let seed = [c(kind::SERVICE_ORDER, &o, field::REQUEST, json!(id(1)), NOW - 100)];
    let mut s = Server::new(&seed);
    let set = |f: &str, v: Value| c(kind::SERVICE_ORDER, &o, f, v, NOW);
    let pay = || {
        vec![
            set(field::PAY_STATE, json!("paid")),
            set(field::METHOD, json!("cash")),
            set(field::PAID_AMOUNT, json!(80)),
            set(field::PAID_AT, json!(NOW)),
        ]
    };
    assert_eq!(s.push(Role::Butler, &me, &pay()), [RejectCode::ConsentRequired; 4]);
    let waive = [set(field::PAY_STATE, json!("waived"))];
    assert_eq!(s.push(Role::Office, &me, &waive), [RejectCode::ConsentRequired]);
    let consent = [set(field::SIGNATURE, json!("M0 0L9 9")), set(field::CONSENT_AT, json!(NOW))];
    assert!(s.push(Role::Butler, &me, &consent).is_empty());
    let half = [set(field::PAY_STATE, json!("paid")), set(field::METHOD, json!("cash"))];
    assert_eq!(s.push(Role::Butler, &me, &half), [RejectCode::PaymentIncomplete; 2]);
    assert!(s.push(Role::Butler, &me, &pay()).is_empty());
    assert_eq!(s.value(kind::SERVICE_ORDER, &o, field::PAY_STATE), Some(json!("paid")));
    // Consent cannot be taken back from a paid order.
    let unsign = [set(field::SIGNATURE, Value::Null)];
    assert_eq!(s.push(Role::Office, &me, &unsign), [RejectCode::ConsentRequired]);
    // Keys come back after they went out.
    let m = id(60);
    let out = c(kind::KEY_MOVEMENT, &m, field::OUT_AT, json!(NOW), NOW);
    assert!(s.push(Role::Butler, &me, &[out]).is_empty());
    let early = c(kind::KEY_MOVEMENT, &m, field::RETURNED_AT, json!(NOW - 1), NOW);
    assert_eq!(s.push(Role::Butler, &me, &[early]), [RejectCode::BadValue]);
    let back = c(kind::KEY_MOVEMENT, &m, field::RETURNED_AT, json!(NOW + 1), NOW);
    assert!(s.push(Role::Butler, &me, &[back]).is_empty());
}
#[path = "record_booking_tests.rs"]
mod booking;
#[test]
fn a_handover_is_confirmed_by_the_incoming_person_not_its_author() {
    let (author, next, third) = (id(900), id(901), id(902));
    let mut s = Server::new(&[
        c(kind::HANDOVER, &id(50), field::BY, json!(author), NOW - 100),
        c(kind::HANDOVER, &id(50), field::NOTE, json!("3号楼电梯维保中"), NOW - 100),
    ]);
    let confirm = |who: &RecordId| c(kind::HANDOVER, &id(50), field::CONFIRMED_BY, json!(who), NOW);
    assert_eq!(s.push(Role::Butler, &author, &[confirm(&author)]), [RejectCode::Forbidden]);
    assert_eq!(s.push(Role::Office, &third, &[confirm(&next)]), [RejectCode::Forbidden], "not you");
    let stored = s.value(kind::HANDOVER, &id(50), field::CONFIRMED_BY);
    assert!(stored.as_ref().is_none_or(Value::is_null), "nothing confirmed: {stored:?}");
    assert!(s.push(Role::Butler, &next, &[confirm(&next)]).is_empty());
    assert_eq!(s.push(Role::Office, &third, &[confirm(&third)]), [RejectCode::Forbidden], "once");
    // A new handover confirmed in its own batch is its author's own.
    let new = [
        c(kind::HANDOVER, &id(51), field::BY, json!(next), NOW),
        c(kind::HANDOVER, &id(51), field::CONFIRMED_BY, json!(next), NOW),
    ];
    assert_eq!(s.push(Role::Butler, &next, &new), [RejectCode::Forbidden]);
}
