//! Paid services and key custody (issue 25) on both databases: the price list is the
//! supervisors'; an order is paid only after the resident's consent, with its method,
//! amount and time; keys come back after they went out; and scope — another area's butler
//! holds none of an area's orders and keys, department staff hold an order only with a
//! request routed to them.

use super::{codes, department, holds, request, scene, set_now as set, unit};
use crate::support::now;
use crate::support::Backend::{self, Postgres, Sqlite};
use rstest::rstest;
use serde_json::{json, Value};
use shared::names::{field as f, kind as k};
use shared::service::order_id;
use shared::{RecordId, RejectCode};

fn price_item() -> Vec<(&'static str, Value)> {
    vec![
        (f::NAME_ZH, json!("空调清洗")),
        (f::NAME_EN, json!("Air-conditioner cleaning")),
        (f::PRICE_UNIT, json!("item")),
        (f::PRICE, json!(120.0)),
        (f::ACTIVE, json!(true)),
    ]
}

fn quote(request: &RecordId, price: &RecordId) -> Vec<(&'static str, Value)> {
    vec![
        (f::REQUEST, json!(request.0)),
        (f::SERVICE_PRICE, json!(price.0)),
        (f::QUANTITY, json!(2.0)),
        (f::QUOTE, json!(240.0)),
        (f::PAY_STATE, json!("unpaid")),
    ]
}

fn payment() -> Vec<(&'static str, Value)> {
    vec![
        (f::PAY_STATE, json!("paid")),
        (f::METHOD, json!("wechat")),
        (f::PAID_AMOUNT, json!(240.0)),
        (f::PAID_AT, json!(now())),
    ]
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_price_list_is_the_supervisors_and_everyone_reads_it(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    for (token, replica) in [(&t.butler, "b"), (&t.office, "o"), (&t.fixer, "fx")] {
        let c = set(k::SERVICE_PRICE, &RecordId::new_v7(), &price_item(), replica);
        assert_eq!(codes(&sc, token, replica, 1, c).await, [RejectCode::Forbidden; 5], "{replica}");
    }
    let p = RecordId::new_v7();
    assert!(codes(&sc, &t.boss, "boss", 1, set(k::SERVICE_PRICE, &p, &price_item(), "boss"))
        .await
        .is_empty());
    for token in [&t.butler, &t.butler2, &t.office, &t.fixer] {
        assert!(holds(&sc.snapshot(token).await, &p));
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_is_paid_after_consent_and_stays_with_its_request(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let p = RecordId::new_v7();
    assert!(codes(&sc, &t.boss, "boss", 1, set(k::SERVICE_PRICE, &p, &price_item(), "boss"))
        .await
        .is_empty());
    // Request 0 (area 0) is routed to engineering; a second one of area 0 to cleaning.
    let r2 = RecordId::new_v7();
    let req2 = [
        (f::UNIT, json!(unit(0).0)),
        (f::CATEGORY, json!("paid_service")),
        (f::STATUS, json!("new")),
        (f::DEPARTMENT, json!(department(1).0)),
    ];
    assert!(codes(&sc, &t.office, "o", 1, set(k::REQUEST, &r2, &req2, "o")).await.is_empty());
    let (o1, o2) = (order_id(&request(0)), order_id(&r2));
    let mut c = set(k::SERVICE_ORDER, &o1, &quote(&request(0), &p), "b");
    c.extend(set(k::SERVICE_ORDER, &o2, &quote(&r2, &p), "b"));
    assert!(codes(&sc, &t.butler, "b", 1, c).await.is_empty());
    // No payment, and no waiver, before the resident signs.
    let pay = set(k::SERVICE_ORDER, &o1, &payment(), "b");
    assert_eq!(codes(&sc, &t.butler, "b", 2, pay).await, [RejectCode::ConsentRequired; 4]);
    let waive = set(k::SERVICE_ORDER, &o1, &[(f::PAY_STATE, json!("waived"))], "o");
    assert_eq!(codes(&sc, &t.office, "o", 2, waive).await, [RejectCode::ConsentRequired]);
    let consent = [(f::SIGNATURE, json!("M0 0L40 40")), (f::CONSENT_AT, json!(now()))];
    assert!(codes(&sc, &t.butler, "b", 3, set(k::SERVICE_ORDER, &o1, &consent, "b"))
        .await
        .is_empty());
    // A waiver is the office's (`service::may_waive`), signed or not.
    let waive = set(k::SERVICE_ORDER, &o1, &[(f::PAY_STATE, json!("waived"))], "b");
    assert_eq!(codes(&sc, &t.butler, "b", 4, waive).await, [RejectCode::Forbidden]);
    // Paid names its method, amount and time.
    let half = [(f::PAY_STATE, json!("paid")), (f::METHOD, json!("cash"))];
    let half = set(k::SERVICE_ORDER, &o1, &half, "b");
    assert_eq!(codes(&sc, &t.butler, "b", 5, half).await, [RejectCode::PaymentIncomplete; 2]);
    // Engineering records the work done on its request's order, and nothing else.
    let done = set(k::SERVICE_ORDER, &o1, &[(f::DONE_AT, json!(now()))], "fx");
    assert!(codes(&sc, &t.fixer, "fx", 1, done).await.is_empty());
    let requote = set(k::SERVICE_ORDER, &o1, &[(f::QUOTE, json!(1.0))], "fx");
    assert_eq!(codes(&sc, &t.fixer, "fx", 2, requote).await, [RejectCode::Forbidden]);
    let pay = set(k::SERVICE_ORDER, &o1, &payment(), "b");
    assert!(codes(&sc, &t.butler, "b", 6, pay).await.is_empty());
    assert_eq!(sc.value(&t.office, &o1, f::PAY_STATE).await, Some(json!("paid")));
    // Another area's butler writes none of it.
    let theirs = set(k::SERVICE_ORDER, &o1, &[(f::NOTE, json!("x"))], "b2");
    assert_eq!(codes(&sc, &t.butler2, "b2", 1, theirs).await, [RejectCode::OutOfScope]);
    // Scope: with the request — its area, and the department it is routed to.
    for (who, token, first, second) in [
        ("office", &t.office, true, true),
        ("butler", &t.butler, true, true),
        ("butler2", &t.butler2, false, false),
        ("工程部", &t.fixer, true, false),
    ] {
        let snap = sc.snapshot(token).await;
        assert_eq!(holds(&snap, &o1), first, "{who}: the order routed to engineering");
        assert_eq!(holds(&snap, &o2), second, "{who}: the order routed to cleaning");
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_stay_in_their_area_go_out_once_and_come_back_after_they_went_out(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let (d, m) = (RecordId::new_v7(), RecordId::new_v7());
    let deposit = [
        (f::UNIT, json!(unit(0).0)),
        (f::PERSON, json!(super::person(0).0)),
        (f::SIGNATURE, json!("M1 1L9 9")),
        (f::KEY_COUNT, json!(2)),
        (f::TAG, json!("A1-01")),
        (f::DEPOSITED_AT, json!(now())),
    ];
    let out_at = now() as i64;
    let out = [
        (f::KEY_DEPOSIT, json!(d.0)),
        (f::HOLDER, json!("维修工 王")),
        (f::PURPOSE, json!("修水管")),
        (f::OUT_AT, json!(out_at)),
        (f::DUE_AT, json!(out_at + 4 * 3_600_000)),
        (f::SIGNATURE, json!("M2 2L8 8")),
    ];
    let mut c = set(k::KEY_DEPOSIT, &d, &deposit, "b");
    c.extend(set(k::KEY_MOVEMENT, &m, &out, "b"));
    assert!(codes(&sc, &t.butler, "b", 1, c).await.is_empty());
    // The office, not having heard of it, signs the same keys out: refused, the time only.
    let second = |id: &RecordId, at: i64| {
        let out = out.iter().map(|(n, v)| match *n {
            f::OUT_AT => (*n, json!(at)),
            _ => (*n, v.clone()),
        });
        set(k::KEY_MOVEMENT, id, &out.collect::<Vec<_>>(), "o")
    };
    let m2 = RecordId::new_v7();
    let twice = codes(&sc, &t.office, "o", 1, second(&m2, out_at + 30_000)).await;
    assert_eq!(twice, [RejectCode::KeysOut]);
    assert!(sc.value(&t.office, &m2, f::OUT_AT).await.is_none_or(|v| v.is_null()));
    let early = set(k::KEY_MOVEMENT, &m, &[(f::RETURNED_AT, json!(out_at - 1))], "b");
    assert_eq!(codes(&sc, &t.butler, "b", 2, early).await, [RejectCode::BadValue]);
    let back = [(f::RETURNED_AT, json!(out_at + 60_000)), (f::RETURN_SIGNATURE, json!("M3 3"))];
    assert!(codes(&sc, &t.butler, "b", 3, set(k::KEY_MOVEMENT, &m, &back, "b")).await.is_empty());
    // Back in custody, they go out again.
    let m3 = RecordId::new_v7();
    assert!(codes(&sc, &t.office, "o", 2, second(&m3, out_at + 120_000)).await.is_empty());
    // Another area's butler can neither deposit this unit's keys nor touch these.
    let theirs = set(k::KEY_DEPOSIT, &RecordId::new_v7(), &deposit, "b2");
    assert!(codes(&sc, &t.butler2, "b2", 1, theirs).await.contains(&RejectCode::OutOfScope));
    let touch = set(k::KEY_MOVEMENT, &m, &[(f::NOTE, json!("x"))], "b2");
    assert_eq!(codes(&sc, &t.butler2, "b2", 2, touch).await, [RejectCode::OutOfScope]);
    for (who, token, held) in [
        ("office", &t.office, true),
        ("butler", &t.butler, true),
        ("butler2", &t.butler2, false),
        ("工程部", &t.fixer, false),
    ] {
        let snap = sc.snapshot(token).await;
        assert_eq!(holds(&snap, &d) && holds(&snap, &m), held, "{who}");
        assert!(holds(&snap, &d) == holds(&snap, &m), "{who}: a movement goes with its deposit");
    }
}
