//! Finance's arrears list (催缴): `POST /arrears/import` (a dry run unless `commit=true`,
//! nothing written while any row is wrong), and the arrears' scope once imported — the
//! area's butler and finance hold them, another area's butler and engineering do not; a
//! butler writes none of an arrears' fields but adds chases, finance records payments.

use crate::scope::{scene, unit, Scene};
use crate::support::{self, change, expect_error, fixture_id, now, ok_json, Backend, PASSWORD};
use reqwest::header::CONTENT_TYPE;
use reqwest::{Response, StatusCode};
use rstest::rstest;
use rust_xlsxwriter::Workbook;
use serde_json::{json, Value};
use server::accounts::{add_user, NewUser};
use server::arrears_io::ArrearsReport;
use server::register_io::stored::{read_kind, Fields};
use server::register_io::Counts;
use shared::arrears::{record_id, FeeType};
use shared::{RecordId, RejectCode, Role};
use std::collections::HashMap;

const CSV: &str = "text/csv";

async fn import(
    s: &support::TestServer,
    token: &str,
    body: &[u8],
    ct: &str,
    commit: bool,
) -> Response {
    s.http
        .post(s.url(&format!("/api/v1/arrears/import?commit={commit}")))
        .bearer_auth(token)
        .header(CONTENT_TYPE, ct)
        .body(body.to_vec())
        .send()
        .await
        .expect("import request")
}

async fn imported(
    s: &support::TestServer,
    token: &str,
    body: &[u8],
    commit: bool,
) -> ArrearsReport {
    ok_json(import(s, token, body, CSV, commit).await).await
}

async fn arrears(s: &support::TestServer) -> HashMap<String, Fields> {
    read_kind(s.state.db(), fixture_id("site").as_str(), "arrears").await.expect("arrears")
}

fn counts(new: usize, updated: usize, unchanged: usize) -> Counts {
    Counts { new, updated, unchanged }
}

/// The arrears of unit `i` (area `i`) for the property fee of 2026-11.
fn owed(i: usize) -> RecordId {
    record_id(unit(i).as_str(), FeeType::Property, "2026-11")
}

/// A finance department (code `finance`) and its user `money`; returns money's token.
async fn with_finance(sc: &Scene) -> String {
    let dept = fixture_id("department-finance");
    let t = now();
    let changes = vec![
        change("department", &dept, "name", json!("财务部"), t, "office-desk", None),
        change("department", &dept, "code", json!("finance"), t, "office-desk", None),
    ];
    let reply = sc.s.push(&sc.tokens.office, "office-desk", vec![(2, changes)]).await;
    assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
    let u = NewUser {
        site: "测试小区".into(),
        role: Role::Department,
        area: None,
        department: Some("财务部".into()),
        username: "money".into(),
        password: PASSWORD.into(),
        name: "money".into(),
    };
    add_user(&sc.s.state, u, None).await.expect("add user");
    sc.s.login("money").await
}

/// Finance's list in Chinese: the two fixture units, property fee of November 2026.
const LIST_ZH: &str = "楼栋,房号,费用类型,期间,金额,已缴金额\n\
                       0号楼,0-0101,物业费,2026年11月,1200.5,\n\
                       1号楼,1-0101,物业费,2026-11,800,\n";

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_lists_every_row_error_and_writes_nothing(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let office = &sc.tokens.office;
    // Without a finance department nothing can be routed: said, and nothing written.
    let report = imported(&sc.s, office, LIST_ZH.as_bytes(), false).await;
    assert!(!report.committed);
    assert!(report.errors.iter().any(|e| e.row == 0 && e.reason.contains("finance")));
    assert!(arrears(&sc.s).await.is_empty());
    with_finance(&sc).await;

    let bad = "title row: 欠费清单 2026\n\
               building,number,fee type,period,amount,remark\n\
               0号楼,0-0101,gas,2026-11,10,\n\
               0号楼,9-9999,lift,2026-11,10,\n\
               9号楼,0-0101,lift,2026-11,10,\n\
               0号楼,0-0101,lift,next month,10,\n\
               0号楼,0-0101,lift,2026-12,-5,\n\
               0号楼,0-0101,lift,2026-12,,\n\
               1号楼,1-0101,停车费,2026-10,30,\n\
               1号楼,1-0101,parking,2026/10,30,\n\
               0号楼,0-0101,水电费,2026-09,55.5,\n";
    let report = imported(&sc.s, office, bad.as_bytes(), false).await;
    let found: Vec<(usize, &str)> =
        report.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(
        found,
        [
            (3, "fee type"),
            (4, "number"),
            (5, "building"),
            (6, "period"),
            (7, "amount"),
            (8, "amount"),
            (9, "period"),
            (10, "period"),
        ],
        "{:#?}",
        report.errors
    );
    assert!(report.errors[0].reason.contains("物业费"), "{}", report.errors[0].reason);
    assert_eq!(report.ignored.len(), 1, "the remark column is not read");
    assert_eq!((report.arrears, report.committed), (counts(1, 0, 0), false));
    // Committed with errors: 422, and still nothing.
    let r = import(&sc.s, office, bad.as_bytes(), CSV, true).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let report: ArrearsReport = r.json().await.expect("report");
    assert!(!report.committed && !report.errors.is_empty());
    assert!(arrears(&sc.s).await.is_empty());
    // A file without the list's headers, and a butler: refused whole.
    expect_error(
        import(&sc.s, office, b"a,b\n1,2\n", CSV, false).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    )
    .await;
    let r = import(&sc.s, &sc.tokens.butler, LIST_ZH.as_bytes(), CSV, false).await;
    expect_error(r, StatusCode::FORBIDDEN, "forbidden").await;
    let r = import(&sc.s, &sc.tokens.fixer, LIST_ZH.as_bytes(), CSV, true).await;
    expect_error(r, StatusCode::FORBIDDEN, "forbidden").await;
    assert!(arrears(&sc.s).await.is_empty());
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_committed_list_creates_the_arrears_and_importing_it_again_updates_them(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    with_finance(&sc).await;
    let boss = &sc.tokens.boss; // supervisors import too
    let dry = imported(&sc.s, boss, LIST_ZH.as_bytes(), false).await;
    assert_eq!((dry.arrears, dry.errors.len(), dry.committed), (counts(2, 0, 0), 0, false));
    assert!(arrears(&sc.s).await.is_empty());
    let done = imported(&sc.s, boss, LIST_ZH.as_bytes(), true).await;
    assert_eq!((done.arrears, done.committed), (counts(2, 0, 0), true));
    let stored = arrears(&sc.s).await;
    assert_eq!(stored.len(), 2);
    let a0 = &stored[owed(0).as_str()];
    assert_eq!(a0["unit"], json!(unit(0).0));
    assert_eq!(
        (a0["fee_type"].clone(), a0["period"].clone()),
        (json!("property"), json!("2026-11"))
    );
    assert_eq!(a0["amount"].as_f64(), Some(1200.5));
    assert_eq!(a0["department"], json!(fixture_id("department-finance").0));
    assert!(!a0.contains_key("paid_at"));

    // The same list again: nothing changes. Paid in full and an amount corrected: updated,
    // the paid one marked paid at the import's time; no record doubles.
    let again = imported(&sc.s, boss, LIST_ZH.as_bytes(), true).await;
    assert_eq!(again.arrears, counts(0, 0, 2));
    let before = now() as i64;
    let paid = "楼栋,房号,费用类型,期间,金额,已缴金额\n\
                0号楼,0-0101,物业费,2026-11,1200.5,1200.5\n\
                1号楼,1-0101,物业费,2026-11,850,100\n";
    let update = imported(&sc.s, boss, paid.as_bytes(), true).await;
    assert_eq!(update.arrears, counts(0, 2, 0));
    let stored = arrears(&sc.s).await;
    assert_eq!(stored.len(), 2);
    let paid_at = stored[owed(0).as_str()]["paid_at"].as_i64().expect("paid_at");
    assert!(paid_at >= before && paid_at <= now() as i64 + 1000, "{paid_at}");
    let a1 = &stored[owed(1).as_str()];
    assert_eq!((a1["amount"].as_f64(), a1["paid_amount"].as_f64()), (Some(850.0), Some(100.0)));
    assert!(!a1.contains_key("paid_at"), "partly paid is not paid");

    // An XLSX list with English headers, a date cell as the period: a new fee of unit 0.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Building", "Number", "Fee Type", "Period", "Amount"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["0号楼", "0-0101", "lift", "2026-12-01"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    sheet.write_number(1, 4, 60.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let r = import(&sc.s, boss, &bytes, server::register_io::XLSX_TYPE, true).await;
    let report: ArrearsReport = ok_json(r).await;
    assert_eq!((report.arrears, report.errors), (counts(1, 0, 0), vec![]));
    let lift = record_id(unit(0).as_str(), FeeType::Lift, "2026-12");
    assert_eq!(arrears(&sc.s).await[lift.as_str()]["amount"].as_f64(), Some(60.0));
}

/// Pushes one change as `token` and returns the refusal code, if any.
async fn try_write(
    sc: &Scene,
    token: &str,
    replica: &str,
    c: shared::Change,
) -> Option<RejectCode> {
    let reply = sc.s.push(token, replica, vec![(1, vec![c])]).await;
    reply.rejections.first().map(|r| r.code)
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_areas_butler_and_finance_hold_the_arrears_and_write_their_own_parts(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let money = with_finance(&sc).await;
    let done = imported(&sc.s, &sc.tokens.office, LIST_ZH.as_bytes(), true).await;
    assert!(done.committed);
    let t = &sc.tokens;
    let holds = |changes: &[shared::Change], id: &RecordId| changes.iter().any(|c| c.id == *id);
    let butler = sc.snapshot(&t.butler).await;
    assert!(holds(&butler, &owed(0)) && !holds(&butler, &owed(1)));
    let butler2 = sc.snapshot(&t.butler2).await;
    assert!(holds(&butler2, &owed(1)) && !holds(&butler2, &owed(0)));
    let finance = sc.snapshot(&money).await;
    assert!(holds(&finance, &owed(0)) && holds(&finance, &owed(1)));
    let amount = support::last_value(&finance, &owed(0), "amount").expect("finance reads amounts");
    assert_eq!(amount.value.as_f64(), Some(1200.5));
    let fixer = sc.snapshot(&t.fixer).await;
    assert!(!fixer.iter().any(|c| c.kind.as_str() == "arrears"), "engineering holds none");

    // A butler writes no field of an arrears; finance records the second notice and payment.
    // Each write stamped later than the last: a refusal's compensation (stamped after the
    // refused change) must not outrank the next allowed write.
    let at = now();
    let stamp = std::cell::Cell::new(at);
    let w = |id: &RecordId, field: &str, v: Value, r: &str| {
        stamp.set(stamp.get() + 1_000);
        change("arrears", id, field, v, stamp.get(), r, None)
    };
    assert_eq!(
        try_write(&sc, &t.butler, "b", w(&owed(0), "amount", json!(1), "b")).await,
        Some(RejectCode::Forbidden)
    );
    assert_eq!(
        try_write(&sc, &t.butler, "b2", w(&owed(0), "paid_at", json!(at), "b2")).await,
        Some(RejectCode::Forbidden)
    );
    assert_eq!(try_write(&sc, &money, "m", w(&owed(0), "paid_at", json!(at), "m")).await, None);
    assert_eq!(
        try_write(&sc, &money, "m2", w(&owed(1), "second_notice_at", json!(at), "m2")).await,
        None
    );
    assert_eq!(
        try_write(&sc, &money, "m3", w(&owed(1), "amount", json!(1), "m3")).await,
        Some(RejectCode::Forbidden)
    );
    assert_eq!(sc.value(&t.office, &owed(0), "paid_at").await, Some(json!(at)));
    assert_eq!(sc.value(&t.office, &owed(1), "amount").await.and_then(|v| v.as_f64()), Some(800.0));

    // The area's butler logs a call; the other area's butler cannot chase it.
    let chase = RecordId::new_v7();
    let fields = [
        ("arrears", json!(owed(0).0)),
        ("method", json!("call")),
        ("result", json!("promised")),
        ("promised_at", json!(at + 86_400_000)),
        ("at", json!(at)),
    ];
    let changes: Vec<_> = fields
        .iter()
        .map(|(f, v)| change("arrears_chase", &chase, f, v.clone(), at, "b3", None))
        .collect();
    let reply = sc.s.push(&t.butler, "b3", vec![(1, changes)]).await;
    assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
    assert_eq!(sc.value(&t.office, &chase, "method").await, Some(json!("call")));
    let other = RecordId::new_v7();
    let c = change("arrears_chase", &other, "arrears", json!(owed(0).0), at, "b4", None);
    assert_eq!(try_write(&sc, &t.butler2, "b4", c).await, Some(RejectCode::OutOfScope));
}
