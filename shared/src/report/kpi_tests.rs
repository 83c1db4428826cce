//! Hand-computed fixtures for the request figures (the patrol ones are in
//! `kpi/patrol_tests.rs`). Every expected number is counted in a comment beside it.

use super::fixture::{at, Fx, CN, H};
use super::*;
use crate::names::{field, kind};
use crate::report::period::PeriodKind;
use crate::request::deadline::{KIND as SETTINGS_KIND, SETTINGS_ID};
use serde_json::json;

/// The March fixture: area A (butlers B1, B2), area B; see each request's comment.
struct March {
    fx: Fx,
    a: RecordId,
    b2: RecordId,
    d1: RecordId,
    t1: RecordId,
    t2: RecordId,
}

fn march() -> March {
    let mut fx = Fx::default();
    let (a, b) = (RecordId::new_v7(), RecordId::new_v7());
    let (b1, b2, d1) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    let (t1, t2) = (RecordId::new_v7(), RecordId::new_v7());
    // Inquiries (48 h to answer).
    let q1 = fx.request("inquiry", &a, &b1, at(3, 2, 9));
    fx.status(&q1, "done", at(3, 3, 9)); // 24 h: answered, on time
    fx.status(&q1, "closed", at(3, 5, 9));
    fx.callback(&q1, "reached", Some("satisfied"), at(3, 4, 9));
    let q2 = fx.request("inquiry", &a, &b2, at(3, 5, 9));
    fx.status(&q2, "done", at(3, 9, 9)); // 96 h: answered, late
    let _q3 = fx.request("inquiry", &a, &b1, at(3, 30, 9)); // still new: not answered
    let q4 = fx.request("inquiry", &a, &b1, at(3, 31, 20));
    fx.status(&q4, "done", at(4, 1, 10)); // done on April 1st, in 14 h: answered, on time
    let q5 = fx.request("inquiry", &a, &b1, at(3, 10, 9));
    fx.status(&q5, "done", at(3, 11, 9));
    fx.status(&q5, "cancelled", at(3, 11, 10)); // cancelled: in no figure
    let q6 = fx.request("inquiry", &a, &b1, at(3, 12, 9));
    fx.status(&q6, "done", at(3, 12, 10));
    fx.put(kind::REQUEST, &q6, &[(field::DELETED, json!(true))]); // deleted: in no figure
    fx.callback(&q6, "reached", Some("dissatisfied"), at(3, 13, 9));
    let q7 = fx.request("inquiry", &a, &b1, at(2, 27, 9)); // February's
    fx.status(&q7, "done", at(3, 1, 9));
    let q9 = fx.request("inquiry", &a, &b1, at(3, 15, 9));
    fx.status(&q9, "done", at(3, 15, 12));
    fx.status(&q9, "reopened", at(4, 2, 9)); // reopened after March: not answered now
    let q10 = fx.request("inquiry", &a, &b1, at(3, 16, 9));
    fx.status(&q10, "done", at(3, 16, 12)); // first answer 3 h: on time
    fx.status(&q10, "reopened", at(4, 2, 9));
    fx.status(&q10, "done", at(4, 3, 10)); // done again: answered as of March 16
    let qb = fx.request("inquiry", &b, &b1, at(3, 3, 9)); // area B, answered
    fx.status(&qb, "done", at(3, 3, 10));
    // Complaints (48 h to answer).
    let c1 = fx.request("complaint", &a, &b1, at(3, 2, 9));
    fx.put(kind::REQUEST, &c1, &[(field::DEPARTMENT, json!(d1)), (field::TOPIC, json!(t1))]);
    fx.status(&c1, "done", at(3, 3, 9)); // on time
    fx.callback(&c1, "reached", Some("satisfied"), at(3, 4, 9));
    fx.status(&c1, "called_back", at(3, 4, 9));
    let c2 = fx.request("complaint", &a, &b2, at(3, 4, 9));
    fx.put(kind::REQUEST, &c2, &[(field::TOPIC, json!(t2))]);
    fx.status(&c2, "done", at(3, 7, 9)); // 72 h: late
    fx.callback(&c2, "reached", Some("neutral"), at(3, 8, 9));
    fx.status(&c2, "called_back", at(3, 8, 9));
    let c3 = fx.request("complaint", &a, &b1, at(3, 10, 9)); // repeats c1
    let f3 = [(field::REPEAT_OF, json!(c1)), (field::DEPARTMENT, json!(d1))];
    fx.put(kind::REQUEST, &c3, &f3);
    fx.put(kind::REQUEST, &c3, &[(field::TOPIC, json!(t1))]);
    fx.status(&c3, "done", at(3, 11, 9)); // first done 24 h: on time
    fx.callback(&c3, "reached", Some("dissatisfied"), at(3, 12, 9));
    fx.status(&c3, "reopened", at(3, 12, 9));
    fx.status(&c3, "done", at(3, 13, 9));
    fx.callback(&c3, "reached", Some("satisfied"), at(3, 14, 9));
    fx.status(&c3, "called_back", at(3, 14, 9));
    let c4 = fx.request("complaint", &a, &b1, at(3, 20, 9)); // in work
    fx.put(kind::REQUEST, &c4, &[(field::TOPIC, json!(t2))]);
    fx.status(&c4, "in_progress", at(3, 20, 10));
    let c5 = fx.request("complaint", &a, &b1, at(3, 25, 9)); // a cancelled repeat
    fx.put(kind::REQUEST, &c5, &[(field::REPEAT_OF, json!(c2))]);
    fx.status(&c5, "cancelled", at(3, 25, 10));
    let c6 = fx.request("complaint", &a, &b1, at(3, 26, 9));
    fx.status(&c6, "done", at(3, 27, 9)); // on time, never reached
    fx.callback(&c6, "no_answer", None, at(3, 28, 9));
    let c7 = fx.request("complaint", &a, &b1, at(3, 17, 9));
    fx.status(&c7, "done", at(3, 18, 9)); // on time
    fx.callback(&c7, "reached", Some("dissatisfied"), at(3, 19, 9));
    fx.status(&c7, "reopened", at(3, 19, 9));
    fx.status(&c7, "done", at(3, 21, 9)); // done again, not called back since
                                          // Repairs.
    let r1 = fx.request("repair", &a, &b1, at(3, 2, 9));
    fx.status(&r1, "done", at(3, 3, 9));
    fx.callback(&r1, "reached", Some("satisfied"), at(3, 4, 9));
    let r2 = fx.request("repair", &a, &b1, at(3, 3, 9));
    fx.status(&r2, "done", at(3, 4, 9)); // not called back
    let r3 = fx.request("repair", &a, &b1, at(3, 4, 9));
    fx.status(&r3, "done", at(3, 5, 9));
    fx.callback(&r3, "reached", Some("satisfied"), at(3, 6, 9));
    let r4 = fx.request("repair", &a, &b1, at(2, 26, 9)); // done in March
    fx.status(&r4, "done", at(3, 2, 9));
    fx.callback(&r4, "reached", Some("satisfied"), at(3, 2, 12));
    let rf = fx.request("repair", &a, &b1, at(3, 2, 9)); // a patrol finding
    let ff = [(field::PATROL_ANSWER, json!(RecordId::new_v7())), (field::SOURCE, json!("patrol"))];
    fx.put(kind::REQUEST, &rf, &ff);
    fx.status(&rf, "done", at(3, 3, 9));
    fx.callback(&rf, "reached", Some("dissatisfied"), at(3, 4, 9));
    March { fx, a, b2, d1, t1, t2 }
}

fn month(m: i64) -> Period {
    Period::of(PeriodKind::Month, at(m, 10, 12), CN)
}

/// (num, den, permille, met) of `kpi` in March under `filter`.
fn fig(
    f: &Facts,
    kpi: KpiId,
    p: &Period,
    filter: &Filter,
) -> (u64, u64, Option<i64>, Option<bool>) {
    let g = figure(f, kpi, p, filter, at(4, 20, 12));
    (g.num, g.den, g.permille, g.met)
}

/// The inquiry received on March 31st at 20:00 (q4).
fn q4_of(f: &Facts) -> RecordId {
    let q4 = f
        .requests
        .iter()
        .find(|r| r.category == Category::Inquiry && r.created_at == Some(at(3, 31, 20)));
    q4.expect("q4").id.clone()
}

#[test]
fn replies_count_what_was_received_in_the_month() {
    let m = march();
    let (f, a) = (m.fx.facts(), Filter { area: Some(m.a.clone()), ..Filter::default() });
    // Received in March in A: q1 q2 q3 q4 q9 q10 (q5 cancelled, q6 deleted, q7 February).
    // Answered by April 20: q1, q2, q4 (April 1st), q10 (first done March 16, done again)
    // = 4 of 6.
    assert_eq!(fig(&f, KpiId::InquiryReply, &month(3), &a), (4, 6, Some(667), Some(false)));
    // In time (48 h): q1 (24 h), q4 (14 h) and q10 (3 h) = 3 of 6.
    assert_eq!(fig(&f, KpiId::InquiryOnTime, &month(3), &a), (3, 6, Some(500), Some(false)));
    // On April 1st at 09:00, q4 was neither answered nor due (48 h from March 31st 20:00):
    // not judged yet, 3 of 5; nor is it late for the on-time figure.
    let early = figure(&f, KpiId::InquiryReply, &month(3), &a, at(4, 1, 9));
    assert_eq!((early.num, early.den), (3, 5));
    assert!(!early.den_ids.contains(&q4_of(&f)));
    let early = figure(&f, KpiId::InquiryOnTime, &month(3), &a, at(4, 1, 9));
    assert_eq!((early.num, early.den), (2, 5));
    // The site adds qb in area B, answered in an hour: 5 of 7, 4 of 7 in time.
    let site = Filter::default();
    assert_eq!(fig(&f, KpiId::InquiryReply, &month(3), &site), (5, 7, Some(714), Some(false)));
    assert_eq!(fig(&f, KpiId::InquiryOnTime, &month(3), &site).0, 4);
    // Complaints received: c1 c2 c3 c4 c6 c7 (c5 cancelled); answered all but c4 = 5 of 6;
    // in time: c1, c3 (first done 24 h), c6, c7 = 4 of 6; target 99 % missed.
    assert_eq!(fig(&f, KpiId::ComplaintReply, &month(3), &a), (5, 6, Some(833), Some(false)));
    assert_eq!(fig(&f, KpiId::ComplaintOnTime, &month(3), &a), (4, 6, Some(667), Some(false)));
}

#[test]
fn reopened_requests_count_once_and_only_while_done() {
    let m = march();
    let f = m.fx.facts();
    let g = figure(&f, KpiId::InquiryReply, &month(3), &Filter::default(), at(4, 20, 12));
    let q9 = f.requests.iter().find(|r| r.reopened == 1 && !r.status.is_finished()).unwrap();
    assert!(g.den_ids.contains(&q9.id) && !g.num_ids.contains(&q9.id), "reopened: not answered");
    let twice = f.requests.iter().filter(|r| r.reopened == 1 && r.status.is_finished());
    let twice = twice.filter(|r| r.category == Category::Inquiry);
    for r in twice {
        assert_eq!(g.den_ids.iter().filter(|i| **i == r.id).count(), 1, "counted once");
    }
    let c3 = f.requests.iter().find(|r| r.repeat_of.is_some() && !r.withdrawn()).unwrap();
    assert!(c3.first_done_at < c3.done_at, "first done before done again");
}

#[test]
fn satisfaction_counts_each_call_back_that_reached_the_resident() {
    let m = march();
    let f = m.fx.facts();
    let a = Filter { area: Some(m.a.clone()), ..Filter::default() };
    // Reached with a satisfaction in March, on counted requests: q1 S, c1 S, c2 N, c3 D,
    // c3 S, c7 D, r1 S, r3 S, r4 S = 6 of 9 (q6 deleted, rf a finding, c6 not reached).
    assert_eq!(fig(&f, KpiId::Satisfaction, &month(3), &a), (6, 9, Some(667), Some(false)));
    // Complaints: c1 S, c2 N, c3 D, c3 S, c7 D = 2 of 5.
    let g = fig(&f, KpiId::ComplaintSatisfaction, &month(3), &a);
    assert_eq!(g, (2, 5, Some(400), Some(false)));
    // A lower target is a site setting: 60 % is met by 66.7 %.
    let mut fx = m.fx;
    let sid = RecordId::from(SETTINGS_ID);
    fx.put(SETTINGS_KIND, &sid, &[(field::TARGET_SATISFACTION_PCT, json!(60))]);
    let g = figure(&fx.facts(), KpiId::Satisfaction, &month(3), &a, at(4, 20, 12));
    assert_eq!((g.target_pct, g.met), (60, Some(true)));
}

#[test]
fn call_backs_count_the_work_done_in_the_period() {
    let m = march();
    let (f, a) = (m.fx.facts(), Filter { area: Some(m.a.clone()), ..Filter::default() });
    // Complaints done in March and finished: c1 c2 c3 c6 c7; reached after their last done:
    // c1, c2, c3 (the second call-back) = 3 of 5 (c7's only call-back reopened it).
    assert_eq!(fig(&f, KpiId::ComplaintCallback, &month(3), &a), (3, 5, Some(600), Some(false)));
    // Repairs done in March: r1 r2 r3 r4 (received in February), not the finding = 3 of 4.
    assert_eq!(fig(&f, KpiId::RepairCallback, &month(3), &a), (3, 4, Some(750), Some(false)));
    // The week of Monday March 2: the same four repairs.
    let week = Period::of(PeriodKind::Week, at(3, 4, 9), CN);
    assert_eq!(fig(&f, KpiId::RepairCallback, &week, &a).0, 3);
    // The week of March 16: c7 done (again) on the 21st, not called back since.
    let week = Period::of(PeriodKind::Week, at(3, 18, 9), CN);
    assert_eq!(fig(&f, KpiId::ComplaintCallback, &week, &a), (0, 1, Some(0), Some(false)));
}

#[test]
fn repeats_divide_by_the_first_complaints() {
    let m = march();
    let (f, a) = (m.fx.facts(), Filter { area: Some(m.a.clone()), ..Filter::default() });
    // c3 repeats c1 (c5 cancelled); first complaints c1 c2 c4 c6 c7: 1 ÷ 5 = 200 ‰ > 1 %.
    assert_eq!(fig(&f, KpiId::RepeatComplaint, &month(3), &a), (1, 5, Some(200), Some(false)));
    // 1 repeat in 100 complaints: 1 ÷ 99 = 1.0101 %, shown 1.0 % yet over the 1 % ceiling.
    let mut fx = Fx::default();
    let (area, by) = (RecordId::new_v7(), RecordId::new_v7());
    let first = fx.request("complaint", &area, &by, at(5, 2, 9));
    for d in 0..98 {
        fx.request("complaint", &area, &by, at(5, 3, 9) + d * H);
    }
    let g = |fx: &Fx| fig(&fx.facts(), KpiId::RepeatComplaint, &month(5), &Filter::default());
    assert_eq!(g(&fx), (0, 99, Some(0), Some(true)));
    let repeat = fx.request("complaint", &area, &by, at(5, 20, 9));
    fx.put(kind::REQUEST, &repeat, &[(field::REPEAT_OF, json!(first))]);
    assert_eq!(g(&fx), (1, 99, Some(10), Some(false)));
    // Only repeats: nothing to divide by.
    let mut fx = Fx::default();
    let r = fx.request("complaint", &area, &by, at(5, 2, 9));
    fx.put(kind::REQUEST, &r, &[(field::REPEAT_OF, json!(first))]);
    assert_eq!(g(&fx), (1, 0, None, None));
}

#[test]
fn empty_and_previous_periods() {
    let m = march();
    let f = m.fx.facts();
    let january = month(1);
    for g in
        kpis(&f, &january, &Filter::default(), at(4, 20, 12)).iter().filter(|g| g.kpi.of_requests())
    {
        assert_eq!((g.den, g.permille, g.met), (0, None, None), "{:?}", g.kpi);
    }
    // February, the month before March: q7 received on the 27th, answered March 1st (in
    // 48 h): 1 of 1, on time.
    let feb = month(3).previous();
    assert_eq!(feb, month(2));
    let g = fig(&f, KpiId::InquiryReply, &feb, &Filter::default());
    assert_eq!(g, (1, 1, Some(1000), Some(true)));
    assert_eq!(fig(&f, KpiId::InquiryOnTime, &feb, &Filter::default()).0, 1);
    assert_eq!(fig(&f, KpiId::Satisfaction, &feb, &Filter::default()).2, None);
}

#[test]
fn filters_take_butler_department_category_and_topic() {
    let m = march();
    let f = m.fx.facts();
    let p = month(3);
    let by = Filter { butler: Some(m.b2.clone()), ..Filter::default() };
    // B2 took q2 (answered late) and c2 (answered late, called back).
    assert_eq!(fig(&f, KpiId::InquiryReply, &p, &by), (1, 1, Some(1000), Some(true)));
    assert_eq!(fig(&f, KpiId::InquiryOnTime, &p, &by), (0, 1, Some(0), Some(false)));
    assert_eq!(fig(&f, KpiId::ComplaintCallback, &p, &by), (1, 1, Some(1000), Some(true)));
    // Department D1: c1 and its repeat c3.
    let dept = Filter { department: Some(m.d1.clone()), ..Filter::default() };
    assert_eq!(fig(&f, KpiId::RepeatComplaint, &p, &dept), (1, 1, Some(1000), Some(false)));
    assert_eq!(fig(&f, KpiId::ComplaintReply, &p, &dept), (2, 2, Some(1000), Some(true)));
    // Complaints only: no inquiry figure; satisfaction is the complaints' 2 of 5.
    let cat = Filter { category: Some(Category::Complaint), ..Filter::default() };
    assert_eq!(fig(&f, KpiId::InquiryReply, &p, &cat).2, None);
    assert_eq!(fig(&f, KpiId::Satisfaction, &p, &cat), (2, 5, Some(400), Some(false)));
    assert_eq!(kpis(&f, &p, &cat, at(4, 20, 12)).len(), 9, "no patrol figures");
    // Topic T1: c1 and c3; topic T2: c2 and c4, no repeat.
    let t1 = Filter { topic: Some(m.t1.clone()), ..Filter::default() };
    assert_eq!(fig(&f, KpiId::ComplaintCallback, &p, &t1), (2, 2, Some(1000), Some(true)));
    let t2 = Filter { topic: Some(m.t2.clone()), ..Filter::default() };
    assert_eq!(fig(&f, KpiId::RepeatComplaint, &p, &t2), (0, 2, Some(0), Some(true)));
}

#[test]
fn a_request_takes_its_area_from_its_unit_first() {
    let mut fx = Fx::default();
    let (a, b, by) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    let building = fx.new_record(kind::BUILDING, &[(field::AREA, json!(a))]);
    let unit = fx.new_record(kind::UNIT, &[(field::BUILDING, json!(building))]);
    let r = fx.request("repair", &b, &by, at(3, 2, 9));
    fx.put(kind::REQUEST, &r, &[(field::UNIT, json!(unit))]);
    assert_eq!(fx.facts().requests[0].area, Some(a));
}
