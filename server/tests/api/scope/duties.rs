//! Renovations, arrears and home visits (issue 24) on both databases: the renovation's
//! order (engineering's review, then the manager's approval; a butler never approves), who
//! writes an arrears (the office and finance, never the butler, who adds chases), and
//! scope — another area's butler holds none of it, department staff only what is routed
//! to them, with the applicant's phone masked.

use super::{codes, department, holds, scene, set_now as set, unit, Scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{now, PASSWORD};
use rstest::rstest;
use serde_json::json;
use server::accounts::{add_user, NewUser};
use shared::names::{field as f, kind as k};
use shared::{Change, RecordId, RejectCode, Role};

/// A finance department, a user of it (`cashier`), and its record id.
async fn finance(sc: &Scene) -> (String, RecordId) {
    let id = department(5);
    let c = set(
        k::DEPARTMENT,
        &id,
        &[(f::NAME, json!("财务部")), (f::CODE, json!("finance"))],
        "o-fin",
    );
    assert!(codes(sc, &sc.tokens.office, "o-fin", 1, c).await.is_empty());
    let u = NewUser {
        site: "测试小区".into(),
        role: Role::Department,
        area: None,
        department: Some("财务部".into()),
        username: "cashier".into(),
        password: PASSWORD.into(),
        name: "cashier".into(),
    };
    add_user(&sc.s.state, u, None).await.expect("add user");
    (sc.s.login("cashier").await, id)
}

fn application(id: &RecordId, replica: &str) -> Vec<Change> {
    set(
        k::RENOVATION,
        id,
        &[
            (f::UNIT, json!(unit(0).0)),
            (f::STATUS, json!("applied")),
            (f::APPLICANT, json!("住户0")),
            (f::APPLICANT_PHONE, json!("13900001111")),
            (f::WORKS, json!("卫生间翻新")),
            (f::DEPARTMENT, json!(department(0).0)),
        ],
        replica,
    )
}

fn status(id: &RecordId, to: &str, replica: &str) -> Vec<Change> {
    set(k::RENOVATION, id, &[(f::STATUS, json!(to))], replica)
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_renovation_is_reviewed_by_engineering_then_approved_by_the_manager(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let r = RecordId::new_v7();
    assert!(codes(&sc, &t.butler, "b", 1, application(&r, "b")).await.is_empty());
    // Approval before review is no move at all, whoever asks.
    assert_eq!(
        codes(&sc, &t.boss, "boss", 1, status(&r, "approved", "boss")).await,
        [RejectCode::BadTransition]
    );
    assert_eq!(
        codes(&sc, &t.butler, "b", 2, status(&r, "reviewed", "b")).await,
        [RejectCode::Forbidden]
    );
    // Engineering reviews; it may not rewrite the works.
    let mut review = status(&r, "reviewed", "fx");
    review.extend(set(k::RENOVATION, &r, &[(f::REVIEW_NOTE, json!("不涉及承重墙"))], "fx"));
    assert!(codes(&sc, &t.fixer, "fx", 1, review).await.is_empty());
    let works = set(k::RENOVATION, &r, &[(f::WORKS, json!("拆墙"))], "fx");
    assert_eq!(codes(&sc, &t.fixer, "fx", 2, works).await, [RejectCode::Forbidden]);
    // Neither the butler nor the office approves, nor writes the approval's fields.
    assert_eq!(
        codes(&sc, &t.butler, "b", 3, status(&r, "approved", "b")).await,
        [RejectCode::Forbidden]
    );
    assert_eq!(
        codes(&sc, &t.office, "o", 1, status(&r, "approved", "o")).await,
        [RejectCode::Forbidden]
    );
    let stamp = set(k::RENOVATION, &r, &[(f::APPROVED_AT, json!(now()))], "b");
    assert_eq!(codes(&sc, &t.butler, "b", 4, stamp).await, [RejectCode::Forbidden]);
    let mut approve = status(&r, "approved", "boss");
    approve.extend(set(k::RENOVATION, &r, &[(f::APPROVED_AT, json!(now()))], "boss"));
    assert!(codes(&sc, &t.boss, "boss", 2, approve).await.is_empty());
    assert_eq!(sc.value(&t.office, &r, f::STATUS).await, Some(json!("approved")));
    // The butler checks the site and stops it; another area's butler cannot check it.
    let check = RecordId::new_v7();
    let fields = [
        (f::RENOVATION, json!(r.0)),
        (f::RESULT, json!("violation")),
        (f::STOP_ORDER, json!(true)),
    ];
    let mut stop = set(k::RENOVATION_CHECK, &check, &fields, "b");
    stop.extend(status(&r, "stopped", "b"));
    assert!(codes(&sc, &t.butler, "b", 5, stop).await.is_empty());
    let theirs = set(k::RENOVATION_CHECK, &RecordId::new_v7(), &fields, "b2");
    assert_eq!(codes(&sc, &t.butler2, "b2", 1, theirs).await, [RejectCode::OutOfScope; 3]);
    // Only the manager lets it go on.
    assert_eq!(
        codes(&sc, &t.butler, "b", 6, status(&r, "approved", "b")).await,
        [RejectCode::Forbidden]
    );
    assert!(codes(&sc, &t.boss, "boss", 3, status(&r, "approved", "boss")).await.is_empty());
    // Scope: the area, the office and engineering (phone masked) hold it; the other area not.
    for (who, token, held) in
        [("butler", &t.butler, true), ("butler2", &t.butler2, false), ("工程部", &t.fixer, true)]
    {
        let snap = sc.snapshot(token).await;
        assert_eq!(holds(&snap, &r) && holds(&snap, &check), held, "{who}");
    }
    let masked = sc.value(&t.fixer, &r, f::APPLICANT_PHONE).await;
    assert_eq!(masked, Some(json!("139****1111")));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arrears_are_the_office_and_finances_and_the_butler_chases(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let (cashier, fin) = finance(&sc).await;
    let a = RecordId::new_v7();
    let owed = [
        (f::UNIT, json!(unit(0).0)),
        (f::FEE_TYPE, json!("property")),
        (f::PERIOD, json!("2026-10")),
        (f::AMOUNT, json!(1860.0)),
        (f::DEPARTMENT, json!(fin.0)),
    ];
    // A butler writes no arrears; the office does.
    let mine = RecordId::new_v7();
    assert!(codes(&sc, &t.butler, "b", 1, set(k::ARREARS, &mine, &owed, "b"))
        .await
        .iter()
        .all(|c| *c == RejectCode::Forbidden));
    assert!(codes(&sc, &t.office, "o", 1, set(k::ARREARS, &a, &owed, "o")).await.is_empty());
    // Finance records its second notice and the payment, and nothing else.
    let notice = set(k::ARREARS, &a, &[(f::SECOND_NOTICE_AT, json!(now()))], "cash");
    assert!(codes(&sc, &cashier, "cash", 1, notice).await.is_empty());
    let amount = set(k::ARREARS, &a, &[(f::AMOUNT, json!(1.0))], "cash");
    assert_eq!(codes(&sc, &cashier, "cash", 2, amount).await, [RejectCode::Forbidden]);
    // The butler of the area logs a call; another area's butler cannot.
    let call =
        [(f::ARREARS, json!(a.0)), (f::METHOD, json!("call")), (f::RESULT, json!("promised"))];
    let chase = RecordId::new_v7();
    assert!(codes(&sc, &t.butler, "b", 2, set(k::ARREARS_CHASE, &chase, &call, "b"))
        .await
        .is_empty());
    let theirs = set(k::ARREARS_CHASE, &RecordId::new_v7(), &call, "b2");
    assert!(codes(&sc, &t.butler2, "b2", 1, theirs).await.contains(&RejectCode::OutOfScope));
    let paid =
        set(k::ARREARS, &a, &[(f::PAID_AMOUNT, json!(1860.0)), (f::PAID_AT, json!(now()))], "cash");
    assert!(codes(&sc, &cashier, "cash", 3, paid).await.is_empty());
    // Amounts: the office, the area's butler and finance; not the other area, not engineering.
    for (who, token, held) in [
        ("butler", &t.butler, true),
        ("finance", &cashier, true),
        ("butler2", &t.butler2, false),
        ("工程部", &t.fixer, false),
    ] {
        let snap = sc.snapshot(token).await;
        assert_eq!(holds(&snap, &a), held, "{who}: the arrears");
        assert_eq!(holds(&snap, &chase), held, "{who}: the chase");
    }
    assert!(!holds(&sc.snapshot(&t.butler).await, &mine), "the refused arrears was never made");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visits_and_plans_stay_in_their_area(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let plan = RecordId::new_v7();
    let area0 = crate::support::fixture_id("area-0");
    let p = [(f::AREA, json!(area0.0)), (f::NAME, json!("十二月走访")), (f::TARGET_PCT, json!(60))];
    let mut c = set(k::VISIT_PLAN, &plan, &p, "b");
    let v = RecordId::new_v7();
    let fields = [
        (f::UNIT, json!(unit(0).0)),
        (f::VISIT_PLAN, json!(plan.0)),
        (f::OUTCOME, json!("contacted")),
    ];
    c.extend(set(k::VISIT, &v, &fields, "b"));
    assert!(codes(&sc, &t.butler, "b", 1, c).await.is_empty());
    let theirs = set(k::VISIT, &RecordId::new_v7(), &fields, "b2");
    assert!(codes(&sc, &t.butler2, "b2", 1, theirs).await.contains(&RejectCode::OutOfScope));
    for (who, token, held) in [
        ("office", &t.office, true),
        ("butler", &t.butler, true),
        ("butler2", &t.butler2, false),
        ("工程部", &t.fixer, false),
    ] {
        let snap = sc.snapshot(token).await;
        assert_eq!(holds(&snap, &plan) && holds(&snap, &v), held, "{who}");
    }
}
