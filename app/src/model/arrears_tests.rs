//! The arrears pages: rows, stages and grouping over a replica, and every form a role is
//! offered pushed to the model server (the server's own judge): accepted; the forms a role
//! is not offered refused.

use super::arrears::{by_unit, for_day, rows, stage_name, ArrearsFilter, StageFilter};
use super::arrears_form::{
    chase_edits, offers, paid_edits, second_notice_edits, ChaseError, ChaseForm,
};
use super::rules_tests::{actor, Device};
use serde_json::{json, Value};
use shared::arrears::{ChaseMethod, ChaseResult, FeeType, Stage};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::{Change, Hlc, Kind, RecordId, ReplicaId, Role};

const DAY: i64 = 86_400_000;

fn put(s: &mut ReplicaState, kind: &str, id: &RecordId, field: &str, v: Value) {
    let hlc = Hlc::new(s.len() as u64 + 1, 0);
    let (kind, id, field) = (Kind::new(kind), id.clone(), field.to_owned());
    s.apply(&Change { kind, id, field, value: v, hlc, replica: ReplicaId::server(), prev: None });
}

/// An arrears of a new unit numbered `number` in `area`, as the office imported it.
fn arrears(
    s: &mut ReplicaState,
    area: &RecordId,
    number: &str,
    fee: &str,
    amount: f64,
) -> RecordId {
    let (b, u, a) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    put(s, kind::BUILDING, &b, field::AREA, json!(area));
    put(s, kind::UNIT, &u, field::BUILDING, json!(b));
    put(s, kind::UNIT, &u, field::NUMBER, json!(number));
    for (f, v) in [
        (field::UNIT, json!(u)),
        (field::FEE_TYPE, json!(fee)),
        (field::PERIOD, json!("2026-11")),
        (field::AMOUNT, json!(amount)),
        (field::DEPARTMENT, json!(RecordId::new_v7())),
    ] {
        put(s, kind::ARREARS, &a, f, v);
    }
    a
}

fn call(s: &mut ReplicaState, a: &RecordId, at: i64, promised: Option<i64>) {
    let c = RecordId::new_v7();
    put(s, kind::ARREARS_CHASE, &c, field::ARREARS, json!(a));
    put(s, kind::ARREARS_CHASE, &c, field::METHOD, json!("call"));
    put(s, kind::ARREARS_CHASE, &c, field::AT, json!(at));
    if let Some(p) = promised {
        put(s, kind::ARREARS_CHASE, &c, field::PROMISED_AT, json!(p));
    }
}

#[test]
fn each_arrears_has_its_stage_and_the_days_list_theirs() {
    let mut s = ReplicaState::new();
    let (mine, theirs) = (RecordId::new_v7(), RecordId::new_v7());
    let waiting = arrears(&mut s, &mine, "1-0101", "property", 1200.0);
    let to_chase = arrears(&mut s, &mine, "1-0102", "lift", 60.0);
    let chased = arrears(&mut s, &mine, "1-0103", "parking", 300.0);
    let paid = arrears(&mut s, &mine, "1-0104", "utilities", 50.0);
    let elsewhere = arrears(&mut s, &theirs, "2-0101", "property", 900.0);
    for a in [&to_chase, &chased, &elsewhere] {
        put(&mut s, kind::ARREARS, a, field::SECOND_NOTICE_AT, json!(DAY));
    }
    call(&mut s, &chased, 2 * DAY, Some(9 * DAY));
    put(&mut s, kind::ARREARS, &paid, field::PAID_AMOUNT, json!(50));
    let stage_of = |rows: &[super::arrears::ArrearsRow], id: &RecordId| {
        rows.iter().find(|r| r.id == *id).map(|r| stage_name(r.stage))
    };
    let now = 4 * DAY;
    let all = rows(&s, now, 3);
    assert_eq!(stage_of(&all, &waiting), Some("waiting"));
    assert_eq!(stage_of(&all, &to_chase), Some("to_chase"));
    assert_eq!(stage_of(&all, &chased), Some("chased"));
    assert_eq!(stage_of(&all, &paid), Some("paid"));
    let chased_row = all.iter().find(|r| r.id == chased).unwrap();
    assert_eq!((chased_row.promised_at, chased_row.chases), (Some(9 * DAY), 1));
    assert_eq!(chased_row.unit_number, "1-0103");

    let butler = for_day(&all, Some(&mine), StageFilter::ToChase);
    assert_eq!(butler.iter().map(|r| &r.id).collect::<Vec<_>>(), [&to_chase]);
    assert!(for_day(&all, Some(&mine), StageFilter::Escalated).is_empty());
    // Three days after the call, unpaid: the supervisor's.
    let later = rows(&s, 5 * DAY, 3);
    let boss = for_day(&later, None, StageFilter::Escalated);
    assert_eq!(boss.len(), 1);
    assert_eq!(boss[0].stage, Stage::Escalated { since_ms: 5 * DAY });

    // Grouped per unit, the most urgent first; filtered by fee and area.
    let open = by_unit(&all, &ArrearsFilter { area: Some(mine.clone()), ..Default::default() });
    let order: Vec<&str> = open.iter().map(|g| g.unit_number.as_str()).collect();
    assert_eq!(order, ["1-0102", "1-0103", "1-0101"], "paid ones are not open");
    assert_eq!(open[2].outstanding, 1200.0);
    let lift = ArrearsFilter { fee: Some(FeeType::Lift), stage: StageFilter::All, area: None };
    assert_eq!(by_unit(&all, &lift).len(), 1);
    assert_eq!(by_unit(&all, &ArrearsFilter::default()).len(), 4, "every area's open ones");
}

#[test]
fn a_chase_needs_its_method_result_promise_and_signature() {
    let me = actor(Role::Butler);
    let (a, c) = (RecordId::new_v7(), RecordId::new_v7());
    let mut form = ChaseForm::default();
    assert_eq!(chase_edits(&a, &c, &form, &me), Err(ChaseError::MethodRequired));
    form.method = Some(ChaseMethod::Notice);
    assert_eq!(chase_edits(&a, &c, &form, &me), Err(ChaseError::ResultRequired));
    form.result = Some(ChaseResult::Promised);
    assert_eq!(chase_edits(&a, &c, &form, &me), Err(ChaseError::PromiseDateRequired));
    form.promised_at = Some(DAY);
    assert_eq!(chase_edits(&a, &c, &form, &me), Err(ChaseError::SignatureRequired));
    form.paper = true;
    assert!(chase_edits(&a, &c, &form, &me).is_ok(), "a photo of the paper follows");
    form.paper = false;
    form.signature = "M1 1L2 2".into();
    let edits = chase_edits(&a, &c, &form, &me).unwrap();
    assert!(edits.iter().any(|e| e.field == field::SIGNATURE));
    assert!(edits.iter().any(|e| e.field == field::PROMISED_AT && e.value == json!(DAY)));
}

/// A model server holding an arrears of `amount` imported by the office, judging `role`.
fn device(role: Role, amount: f64) -> (Device, RecordId) {
    let mut d = Device::new(role);
    let a = arrears(&mut d.server.state, &RecordId::new_v7(), "1-0101", "property", amount);
    (d, a)
}

fn stored(d: &Device, a: &RecordId, f: &str) -> Option<Value> {
    d.server.state.field(&Kind::new(kind::ARREARS), a, f).map(|s| s.value.clone())
}

#[test]
fn every_role_is_offered_what_the_server_accepts() {
    let form = ChaseForm {
        method: Some(ChaseMethod::Call),
        result: Some(ChaseResult::Promised),
        promised_at: Some(3 * DAY),
        note: "下周一缴".into(),
        ..ChaseForm::default()
    };
    let signed = ChaseForm {
        method: Some(ChaseMethod::Notice),
        result: Some(ChaseResult::Delivered),
        signature: "M10 10L20 20".into(),
        ..ChaseForm::default()
    };
    for role in [Role::Butler, Role::Office, Role::Supervisor, Role::Department] {
        let o = offers(role);
        let (mut d, a) = device(role, 300.0);
        let me = actor(role);
        for f in [&form, &signed] {
            let edits = chase_edits(&a, &RecordId::new_v7(), f, &me).unwrap();
            assert_eq!(d.push(edits).is_empty(), o.chase, "{role:?} chase");
        }
        assert_eq!(d.push(second_notice_edits(&a, DAY)).is_empty(), o.second_notice, "{role:?}");
        let part = paid_edits(&a, 300.0, "100", 2 * DAY).unwrap();
        assert_eq!(part.len(), 1, "a partial payment sets no paid time");
        assert_eq!(d.push(part).is_empty(), o.mark_paid, "{role:?} partial");
        let full = paid_edits(&a, 300.0, " 300 ", 2 * DAY).unwrap();
        assert_eq!(d.push(full).is_empty(), o.mark_paid, "{role:?} paid");
        if o.mark_paid {
            assert_eq!(stored(&d, &a, field::PAID_AT), Some(json!(2 * DAY)));
        }
    }
    // Butlers chase; finance (a department) records notices and payments; the office both.
    assert_eq!((offers(Role::Butler).chase, offers(Role::Butler).mark_paid), (true, false));
    let finance = offers(Role::Department);
    assert!(finance.mark_paid && finance.second_notice && !finance.chase);
    assert!(offers(Role::Office).mark_paid && offers(Role::Office).chase);
    assert_eq!(
        paid_edits(&RecordId::new_v7(), 1.0, "-3", 0),
        Err(super::arrears_form::PaidError::BadAmount)
    );
    assert_eq!(
        paid_edits(&RecordId::new_v7(), 1.0, "abc", 0),
        Err(super::arrears_form::PaidError::BadAmount)
    );
}

#[test]
fn collection_is_counted_per_area_of_the_unit_and_month() {
    let mut s = ReplicaState::new();
    let (one, two) = (RecordId::new_v7(), RecordId::new_v7());
    let a = arrears(&mut s, &one, "1-0101", "property", 300.0);
    arrears(&mut s, &one, "1-0102", "lift", 100.0);
    let c = arrears(&mut s, &two, "2-0101", "parking", 200.0);
    put(&mut s, kind::ARREARS, &a, field::PAID_AT, json!(DAY));
    put(&mut s, kind::ARREARS, &c, field::PAID_AMOUNT, json!(50));
    let per_area = super::arrears::collection(&s, true);
    let of = |area: &RecordId| per_area.iter().find(|c| c.area.as_ref() == Some(area)).unwrap();
    assert_eq!(
        (of(&one).owed, of(&one).collected, of(&one).rate_permille()),
        (400.0, 300.0, Some(750))
    );
    assert_eq!(of(&two).rate_permille(), Some(250));
    let site = super::arrears::collection(&s, false);
    assert_eq!(
        (site.len(), site[0].month.as_str(), site[0].rate_permille()),
        (1, "2026-11", Some(583))
    );
}
