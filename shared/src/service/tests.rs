use super::*;
use crate::lww::FieldState;
use crate::{Hlc, ReplicaId};
use serde_json::{json, Value};

fn fields(pairs: &[(&str, Value)]) -> Fields {
    let mut out = Fields::new();
    for (name, value) in pairs {
        let state = FieldState {
            value: value.clone(),
            hlc: Hlc::new(1, 0),
            replica: ReplicaId::from("r"),
            prev: None,
        };
        out.insert((*name).to_owned(), state);
    }
    out
}

/// 2026-11-30 20:00 UTC: 2026-12-01 04:00 in China.
const LATE_NOV_UTC: i64 = 1_796_068_800_000;
const CN: i64 = 480;

fn consent() -> Vec<(&'static str, Value)> {
    vec![(field::SIGNATURE, json!("M0 0L10 10")), (field::CONSENT_AT, json!(1))]
}

#[test]
fn the_quote_is_price_times_quantity_unless_stated() {
    assert_eq!(quote(80.0, 1.5), Some(120.0));
    assert_eq!(quote(33.33, 3.0), Some(99.99));
    assert_eq!(quote(-1.0, 2.0), None);
    let o = fields(&[(field::QUANTITY, json!(2))]);
    assert_eq!(amount(&o, Some(45.0)), Some(90.0));
    assert_eq!(amount(&o, None), None);
    let o = fields(&[(field::QUANTITY, json!(2)), (field::QUOTE, json!(70))]);
    assert_eq!(amount(&o, Some(45.0)), Some(70.0));
}

#[test]
fn nothing_is_paid_or_waived_before_consent() {
    for state in [PayState::Paid, PayState::Waived] {
        let o = fields(&[(field::PAY_STATE, json!(state.as_str()))]);
        assert_eq!(payment_blocker(&o), Some(Blocker::ConsentMissing), "{state}");
    }
    let o = fields(&[(field::PAID_AMOUNT, json!(50))]);
    assert_eq!(payment_blocker(&o), Some(Blocker::ConsentMissing));
    // A signature without its time is no consent.
    let o = fields(&[(field::SIGNATURE, json!("M0 0")), (field::PAY_STATE, json!("waived"))]);
    assert_eq!(payment_blocker(&o), Some(Blocker::ConsentMissing));
    let mut f = consent();
    f.push((field::PAY_STATE, json!("waived")));
    assert_eq!(payment_blocker(&fields(&f)), None);
    assert_eq!(payment_blocker(&fields(&[])), None);
}

#[test]
fn paid_needs_method_amount_and_time() {
    let full = [
        (field::PAY_STATE, json!("paid")),
        (field::METHOD, json!("wechat")),
        (field::PAID_AMOUNT, json!(120)),
        (field::PAID_AT, json!(5)),
    ];
    let mut f = consent();
    f.extend(full.iter().cloned());
    assert_eq!(payment_blocker(&fields(&f)), None);
    for missing in [field::METHOD, field::PAID_AMOUNT, field::PAID_AT] {
        let f: Vec<_> = f.iter().filter(|(n, _)| *n != missing).cloned().collect();
        assert_eq!(payment_blocker(&fields(&f)), Some(Blocker::PaymentIncomplete), "{missing}");
    }
    let mut zero = f.clone();
    zero.retain(|(n, _)| *n != field::PAID_AMOUNT);
    zero.push((field::PAID_AMOUNT, json!(0)));
    assert_eq!(payment_blocker(&fields(&zero)), Some(Blocker::PaymentIncomplete));
}

#[test]
fn stages_follow_the_work() {
    assert_eq!(stage(&fields(&[])), Stage::Quoted);
    assert_eq!(stage(&fields(&consent())), Stage::Consented);
    let mut f = consent();
    f.push((field::DONE_AT, json!(9)));
    assert_eq!(stage(&fields(&f)), Stage::Done);
    f.push((field::PAY_STATE, json!("paid")));
    assert_eq!(stage(&fields(&f)), Stage::Paid);
    assert_eq!(stage(&fields(&[(field::PAY_STATE, json!("waived"))])), Stage::Waived);
}

#[test]
fn one_order_and_one_receipt_number_per_request() {
    let r = RecordId::from("0190f0a0-0000-7000-8000-000000000001");
    assert_eq!(order_id(&r), order_id(&r));
    assert!(order_id(&r).is_valid());
    assert_ne!(order_id(&r), order_id(&RecordId::from("0190f0a0-0000-7000-8000-000000000002")));
    assert_eq!(receipt_no(" A2-261127-0457 "), "SF-A2-261127-0457");
}

#[test]
fn revenue_counts_paid_orders_in_the_local_month_paid() {
    let p1 = RecordId::from("0190f0a0-0000-7000-8000-0000000000a1");
    let paid = |amount: f64, at: i64, price: &RecordId| {
        fields(&[
            (field::PAY_STATE, json!("paid")),
            (field::PAID_AMOUNT, json!(amount)),
            (field::PAID_AT, json!(at)),
            (field::SERVICE_PRICE, json!(price.as_str())),
        ])
    };
    let orders = [
        paid(100.0, LATE_NOV_UTC, &p1),
        paid(20.5, LATE_NOV_UTC + 1, &p1),
        paid(30.0, LATE_NOV_UTC - 10 * 3_600_000, &p1),
        fields(&[(field::PAY_STATE, json!("waived")), (field::PAID_AT, json!(LATE_NOV_UTC))]),
        fields(&[(field::PAY_STATE, json!("unpaid")), (field::PAID_AMOUNT, json!(9))]),
        {
            let mut d = paid(500.0, LATE_NOV_UTC, &p1);
            d.insert(
                field::DELETED.into(),
                FieldState {
                    value: json!(true),
                    hlc: Hlc::new(1, 0),
                    replica: ReplicaId::from("r"),
                    prev: None,
                },
            );
            d
        },
    ];
    let lines = revenue(orders.iter(), CN);
    assert_eq!(lines.len(), 2);
    assert_eq!((lines[0].month.as_str(), lines[0].amount, lines[0].count), ("2026-12", 120.5, 2));
    assert_eq!((lines[1].month.as_str(), lines[1].amount, lines[1].count), ("2026-11", 30.0, 1));
    assert_eq!(lines[0].price, Some(p1));
    // The same instant is still November in UTC.
    assert_eq!(month_totals(&revenue(orders.iter(), 0)), vec![("2026-11".into(), 150.5, 3)]);
}
