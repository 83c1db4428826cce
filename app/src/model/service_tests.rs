//! Paid services and key custody: the views over a replica, and every control a role is
//! offered pushed to the model server (the server's own judge) and accepted; what is not
//! offered refused.

use super::keys::{
    deposit_edits, deposits, end_edits, for_day, history, return_edits, sign_out_edits,
    DepositForm, KeyError, SignOutForm,
};
use super::rules_tests::{actor, Device};
use super::service::{order, order_of, paid_in, revenue_lines};
use super::service_form::{
    consent_edits, done_edits, edits_prices, offers, paid_edits, price_edits, quote_edits,
    waive_edits, OrderError, PriceForm, QuoteForm,
};
use serde_json::{json, Value};
use shared::keys::KeyState;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::service::{self, Blocker, PayMethod, PriceUnit, Stage};
use shared::{Change, Hlc, Kind, RecordId, RejectCode, ReplicaId, Role};

const H: i64 = 3_600_000;

fn put(s: &mut ReplicaState, kind: &str, id: &RecordId, field: &str, v: Value) {
    let hlc = Hlc::new(s.len() as u64 + 1, 0);
    let (kind, id, field) = (Kind::new(kind), id.clone(), field.to_owned());
    s.apply(&Change { kind, id, field, value: v, hlc, replica: ReplicaId::server(), prev: None });
}

/// A paid-service request numbered `number` and a price item of 80 per hour.
fn seed(s: &mut ReplicaState, number: &str) -> (RecordId, RecordId) {
    let (r, p) = (RecordId::new_v7(), RecordId::new_v7());
    put(s, kind::REQUEST, &r, field::NUMBER, json!(number));
    put(s, kind::REQUEST, &r, field::CATEGORY, json!("paid_service"));
    put(s, kind::SERVICE_PRICE, &p, field::NAME_ZH, json!("保洁"));
    put(s, kind::SERVICE_PRICE, &p, field::NAME_EN, json!("Cleaning"));
    put(s, kind::SERVICE_PRICE, &p, field::PRICE, json!(80));
    put(s, kind::SERVICE_PRICE, &p, field::PRICE_UNIT, json!("hour"));
    (r, p)
}

fn stored(d: &Device, id: &RecordId) -> shared::fields::Fields {
    d.server.state.record(&Kind::new(kind::SERVICE_ORDER), id).cloned().unwrap_or_default()
}

#[test]
fn an_order_goes_from_quote_to_consent_work_and_payment_for_every_role_offered() {
    for &role in Role::ALL {
        let mut d = Device::new(role);
        let (r, p) = seed(&mut d.server.state, "A1-261201-0001");
        let me = actor(role);
        let o = service::order_id(&r);
        let form =
            QuoteForm { price: Some(p.clone()), quantity: "1.5".into(), ..Default::default() };
        let quote = quote_edits(&r, &form, Some(80.0), true, &me).unwrap();
        let offered = offers(role, None);
        assert_eq!(d.push(quote).is_empty(), offered.quote, "{role:?} quote");
        if !offered.quote {
            assert_eq!(role, Role::Department);
            continue;
        }
        let row = order(&d.server.state, &o).expect("the order");
        assert_eq!((row.amount, row.stage), (Some(120.0), Stage::Quoted));
        assert_eq!(order_of(&d.server.state, &r).map(|x| x.id), Some(o.clone()));
        // No payment before consent: the form says so, and the judge refuses the edits.
        let early = paid_edits(&o, &stored(&d, &o), Some(PayMethod::Cash), "120", 5);
        assert_eq!(early, Err(OrderError::Rule(Blocker::ConsentMissing)));
        let raw = vec![shared_edit(&o, field::PAY_STATE, json!("waived"))];
        // A waiver is the office's alone, and never before consent.
        let expected = if service::may_waive(role) {
            RejectCode::ConsentRequired
        } else {
            RejectCode::Forbidden
        };
        assert_eq!(d.push(raw), [expected], "{role:?} waives");
        assert_eq!(
            waive_edits(&o, &stored(&d, &o)),
            Err(OrderError::Rule(Blocker::ConsentMissing))
        );
        assert!(offers(role, Some(Stage::Quoted)).consent);
        assert_eq!(consent_edits(&o, " ", 2), Err(OrderError::SignatureRequired));
        assert!(d.push(consent_edits(&o, "M1 1L9 9", 2).unwrap()).is_empty());
        assert_eq!(order(&d.server.state, &o).unwrap().stage, Stage::Consented);
        assert!(d.push(done_edits(&o, 3)).is_empty());
        assert_eq!(paid_edits(&o, &stored(&d, &o), None, "1", 4), Err(OrderError::MethodRequired));
        assert_eq!(
            paid_edits(&o, &stored(&d, &o), Some(PayMethod::Cash), "0", 4),
            Err(OrderError::BadAmount)
        );
        let pay = paid_edits(&o, &stored(&d, &o), Some(PayMethod::Wechat), "120", 4).unwrap();
        assert!(d.push(pay).is_empty(), "{role:?} pays");
        let row = order(&d.server.state, &o).unwrap();
        assert_eq!(
            (row.stage, row.method, row.receipt_no()),
            (Stage::Paid, Some(PayMethod::Wechat), "SF-A1-261201-0001".into())
        );
        assert!(!offers(role, Some(Stage::Paid)).pay);
    }
}

fn shared_edit(id: &RecordId, f: &str, v: Value) -> crate::sync::FieldEdit {
    crate::sync::FieldEdit::new(kind::SERVICE_ORDER, id, f, v)
}

#[test]
fn department_staff_record_the_work_done_and_nothing_else() {
    let mut d = Device::new(Role::Department);
    let (r, _) = seed(&mut d.server.state, "A1-261201-0002");
    let o = service::order_id(&r);
    put(&mut d.server.state, kind::SERVICE_ORDER, &o, field::REQUEST, json!(r));
    let o_offers = offers(Role::Department, Some(Stage::Consented));
    assert!(o_offers.done && !o_offers.pay && !o_offers.quote && !o_offers.waive);
    assert!(d.push(done_edits(&o, 5)).is_empty());
    assert_eq!(d.push(consent_edits(&o, "M0 0", 5).unwrap()), [RejectCode::Forbidden; 2]);
}

#[test]
fn a_quote_is_price_times_quantity_unless_stated_and_bad_input_says_why() {
    let me = actor(Role::Butler);
    let r = RecordId::new_v7();
    let p = Some(RecordId::new_v7());
    let q = |qty: &str, quote: &str| {
        let form = QuoteForm {
            price: p.clone(),
            quantity: qty.into(),
            quote: quote.into(),
            note: String::new(),
        };
        quote_edits(&r, &form, Some(45.0), false, &me)
    };
    let value = |e: Vec<crate::sync::FieldEdit>| {
        e.into_iter().find(|e| e.field == field::QUOTE).map(|e| e.value)
    };
    assert_eq!(q("2", "").map(value), Ok(Some(json!(90.0))));
    assert_eq!(q("2", "70").map(value), Ok(Some(json!(70.0))));
    assert_eq!(q("0", ""), Err(OrderError::BadQuantity));
    assert_eq!(q("x", ""), Err(OrderError::BadQuantity));
    assert_eq!(q("1", "-5"), Err(OrderError::BadAmount));
    let none = QuoteForm { quantity: "1".into(), ..Default::default() };
    assert_eq!(quote_edits(&r, &none, None, true, &me), Err(OrderError::PriceRequired));
}

#[test]
fn only_supervisors_keep_the_price_list() {
    let form = PriceForm {
        name_zh: "空调清洗".into(),
        name_en: "Air-conditioner cleaning".into(),
        unit: Some(PriceUnit::Item),
        price: "120".into(),
        active: true,
        sort: "3".into(),
    };
    for &role in Role::ALL {
        let mut d = Device::new(role);
        let edits = price_edits(&RecordId::new_v7(), &form).unwrap();
        let codes = d.push(edits);
        assert_eq!(codes.is_empty(), edits_prices(role), "{role:?}");
        assert_eq!(edits_prices(role), role == Role::Supervisor);
    }
    let bad = PriceForm { price: "abc".into(), ..form };
    assert_eq!(price_edits(&RecordId::new_v7(), &bad), Err(OrderError::BadAmount));
}

#[test]
fn revenue_counts_the_months_paid_orders_by_service() {
    let mut s = ReplicaState::new();
    let (r, p) = seed(&mut s, "A1-261201-0003");
    let o = service::order_id(&r);
    let at: i64 = 1_796_068_800_000; // 2026-12-01 04:00 in China
    for (f, v) in [
        (field::REQUEST, json!(r)),
        (field::SERVICE_PRICE, json!(p)),
        (field::PAY_STATE, json!("paid")),
        (field::PAID_AMOUNT, json!(160)),
        (field::PAID_AT, json!(at)),
    ] {
        put(&mut s, kind::SERVICE_ORDER, &o, f, v);
    }
    let lines = revenue_lines(&s, None, 480);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (lines[0].month.as_str(), lines[0].name_en.as_str(), lines[0].amount),
        ("2026-12", "Cleaning", 160.0)
    );
    let rows = super::service::orders(&s);
    assert_eq!(paid_in(&rows, "2026-12", 480).len(), 1);
    assert!(paid_in(&rows, "2026-11", 480).is_empty());
    assert_eq!(paid_in(&rows, "2026-11", 0).len(), 1, "still November in UTC");
}

#[test]
fn keys_are_deposited_signed_out_overdue_and_returned() {
    let mut d = Device::new(Role::Butler);
    let unit = RecordId::new_v7();
    put(&mut d.server.state, kind::UNIT, &unit, field::NUMBER, json!("1-0101"));
    let mut me = actor(Role::Butler);
    let dep = RecordId::new_v7();
    let mut form = DepositForm {
        unit: Some(unit.clone()),
        key_count: "2".into(),
        tag: "A-07".into(),
        ..Default::default()
    };
    assert_eq!(deposit_edits(&dep, &form, &me), Err(KeyError::SignatureRequired));
    form.paper = true;
    assert!(d.push(deposit_edits(&dep, &form, &me).unwrap()).is_empty());
    let now = me.at;
    let rows = deposits(&d.server.state, now, 4);
    assert_eq!(rows[0].state, KeyState::InCustody);
    let m = RecordId::new_v7();
    let out = SignOutForm {
        holder: "维修工 李".into(),
        purpose: "修水管".into(),
        due_hours: "4".into(),
        signature: "M0 0L5 5".into(),
    };
    let bad = SignOutForm { due_hours: "0".into(), ..out.clone() };
    assert_eq!(sign_out_edits(&d.server.state, &dep, &m, &bad, &me), Err(KeyError::BadDue));
    let stale = d.server.state.clone();
    assert!(d.push(sign_out_edits(&d.server.state, &dep, &m, &out, &me).unwrap()).is_empty());
    // A second tablet that had not heard of it signs the same keys out: the judge refuses
    // the sign-out's time with the app's own rule.
    let other = sign_out_edits(&stale, &dep, &RecordId::new_v7(), &out, &me).unwrap();
    assert_eq!(d.push(other), vec![RejectCode::KeysOut]);
    let rows = deposits(&d.server.state, now + 5 * H, 4);
    assert_eq!((rows[0].state, rows[0].holder.as_str()), (KeyState::Overdue, "维修工 李"));
    assert_eq!(for_day(&rows, None).len(), 1);
    let again = RecordId::new_v7();
    let twice = sign_out_edits(&d.server.state, &dep, &again, &out, &me);
    assert_eq!(twice, Err(KeyError::NotInCustody), "the keys are out");
    assert_eq!(end_edits(&dep, KeyState::Overdue, now), Err(KeyError::NotInCustody));
    let h = history(&d.server.state, &dep, 4);
    assert_eq!(h.len(), 1);
    assert_eq!(return_edits(Some(&h[0]), "", now), Err(KeyError::SignatureRequired));
    // A device clock behind the sign-out still returns after it (the judge's rule).
    assert!(d.push(return_edits(Some(&h[0]), "M1 1", now - H).unwrap()).is_empty());
    let rows = deposits(&d.server.state, now + 5 * H, 4);
    assert_eq!(rows[0].state, KeyState::InCustody);
    assert!(for_day(&rows, None).is_empty());
    me.at = now + 6 * H;
    assert!(d.push(end_edits(&dep, KeyState::InCustody, me.at).unwrap()).is_empty());
    assert_eq!(deposits(&d.server.state, me.at, 4)[0].state, KeyState::Ended);
}
