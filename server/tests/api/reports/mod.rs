//! Issue 22 point 5: `GET /api/v1/reports/kpis` answers the figures of exactly what the
//! caller may read, from the same `shared::report` functions the app calls. Hand-computed
//! figures after pushes (and after more pushes, read from the kept replica brought up to
//! date), a butler held to their area, what leaves a scope leaving its figures, bad queries
//! refused; and the property: random histories give the server and a pulled device replica
//! the same figures (`property.rs`). The scene is the scope suite's.

mod property;

use crate::scope::{scene, unit, Scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{change, expect_error, fixture_id, now, ok_json};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::{json, Value};
use shared::names::{field as f, kind as k};
use shared::report::answer::KpiReport;
use shared::report::KpiId;
use shared::{Change, RecordId};

/// `GET /api/v1/reports/kpis?{query}` as `token`.
pub async fn kpis(sc: &Scene, token: &str, query: &str) -> KpiReport {
    ok_json(sc.s.get(&format!("/api/v1/reports/kpis?{query}"), Some(token)).await).await
}

/// `(num, den)` of `kpi` in the report's period.
pub fn counts(r: &KpiReport, kpi: KpiId) -> (u64, u64) {
    let fig = r.figures.iter().find(|x| x.kpi == kpi).expect("the figure is there");
    (fig.num, fig.den)
}

/// The changes setting `fields` of `id`, stamped `t`.
fn rec(kind: &str, id: &RecordId, fields: &[(&str, Value)], t: u64) -> Vec<Change> {
    fields.iter().map(|(fd, v)| change(kind, id, fd, v.clone(), t, "desk", None)).collect()
}

/// Pushes `batches` as the office from replica `desk`, numbered from `seq`; none refused.
async fn office_push(sc: &Scene, seq: u64, batches: Vec<Vec<Change>>) {
    let numbered = batches.into_iter().enumerate().map(|(i, b)| (seq + i as u64, b)).collect();
    let reply = sc.s.push(&sc.tokens.office, "desk", numbered).await;
    assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn figures_match_the_hand_computed_ones_and_a_butler_sees_their_area_only(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = now();
    let made = t - 60_000;
    let (a, bq, c, d) =
        (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    let request = |id: &RecordId, area: usize, category: &str, extra: &[(&str, Value)]| {
        let mut fields = vec![
            (f::UNIT, json!(unit(area))),
            (f::CATEGORY, json!(category)),
            (f::STATUS, json!("new")),
            (f::CREATED_AT, json!(made)),
        ];
        fields.extend_from_slice(extra);
        rec(k::REQUEST, id, &fields, t)
    };
    let unfounded = [(f::COMPLAINT_STANDS, json!(false)), (f::REPLY, json!("已解释"))];
    // A: an inquiry of area 0, answered a second later; B: one of area 1, open and past
    // its deadline (half a second after it was made: one not yet due is not judged).
    // C: a complaint of area 0, answered and called back satisfied; D: area 1's repeat of it,
    // open and past its deadline.
    let mut created = request(&a, 0, "inquiry", &[]);
    created.extend(request(&bq, 1, "inquiry", &[(f::DUE_AT, json!(made + 500))]));
    created.extend(request(&c, 0, "complaint", &unfounded));
    let past_due = (f::DUE_AT, json!(made + 500));
    created.extend(request(&d, 1, "complaint", &[(f::REPEAT_OF, json!(c)), past_due]));
    let working =
        [&a, &c].map(|id| rec(k::REQUEST, id, &[(f::STATUS, json!("in_progress"))], t + 1));
    let done = [&a, &c].map(|id| {
        rec(k::REQUEST, id, &[(f::STATUS, json!("done")), (f::DONE_AT, json!(made + 1000))], t + 2)
    });
    office_push(&sc, 1, vec![created, working.concat(), done.concat()]).await;
    let q = format!("period=month&at={made}");
    let tk = &sc.tokens;
    let office = kpis(&sc, &tk.office, &q).await;
    assert_eq!(counts(&office, KpiId::InquiryReply), (1, 2));
    assert_eq!(counts(&office, KpiId::InquiryOnTime), (1, 2));
    assert_eq!(counts(&office, KpiId::ComplaintReply), (1, 2));
    assert_eq!(counts(&office, KpiId::RepeatComplaint), (1, 1));
    assert_eq!(counts(&office, KpiId::ComplaintCallback), (0, 1));
    assert_eq!(counts(&office, KpiId::Satisfaction), (0, 0));
    assert!(
        office.period.contains(made as i64) && office.previous_period.end == office.period.start
    );

    // The call-back, read from the kept replica brought up to date.
    let cb = RecordId::new_v7();
    let fields = [
        (f::REQUEST, json!(c)),
        (f::RESULT, json!("reached")),
        (f::SATISFACTION, json!("satisfied")),
        (f::AT, json!(made + 2000)),
    ];
    office_push(&sc, 4, vec![rec(k::CALLBACK, &cb, &fields, t + 3)]).await;
    let office = kpis(&sc, &tk.office, &q).await;
    assert_eq!(counts(&office, KpiId::ComplaintCallback), (1, 1));
    assert_eq!(counts(&office, KpiId::Satisfaction), (1, 1));
    assert_eq!(counts(&office, KpiId::ComplaintSatisfaction), (1, 1));
    let area1 = kpis(&sc, &tk.office, &format!("{q}&area={}", fixture_id("area-1"))).await;
    assert_eq!(counts(&area1, KpiId::InquiryReply), (0, 1));

    // A butler: their area, whatever the filter names.
    let butler = kpis(&sc, &tk.butler, &q).await;
    assert_eq!(counts(&butler, KpiId::InquiryReply), (1, 1));
    assert_eq!(counts(&butler, KpiId::ComplaintReply), (1, 1));
    assert_eq!(counts(&butler, KpiId::RepeatComplaint), (0, 1));
    let foreign = kpis(&sc, &tk.butler, &format!("{q}&area={}", fixture_id("area-1"))).await;
    assert_eq!(counts(&foreign, KpiId::InquiryReply), (0, 0));
    assert_eq!(counts(&foreign, KpiId::ComplaintReply), (0, 0));
    let butler2 = kpis(&sc, &tk.butler2, &q).await;
    assert_eq!(counts(&butler2, KpiId::InquiryReply), (0, 1));
    assert_eq!(counts(&butler2, KpiId::RepeatComplaint), (1, 0));

    // Building 0 moves to area 1: its requests leave the butler's area (the scope's epoch
    // moves), and the kept replica is read again without them.
    let moved = rec(
        k::BUILDING,
        &fixture_id("building-0"),
        &[(f::AREA, json!(fixture_id("area-1")))],
        t + 4,
    );
    office_push(&sc, 5, vec![moved]).await;
    let butler = kpis(&sc, &tk.butler, &q).await;
    assert_eq!(counts(&butler, KpiId::InquiryReply), (0, 0));
    let butler2 = kpis(&sc, &tk.butler2, &q).await;
    assert_eq!(counts(&butler2, KpiId::InquiryReply), (1, 2));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_queries_get_400_strangers_401_and_department_staff_403(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let office = &sc.tokens.office;
    let year = 400 * 86_400_000_i64;
    for (query, says) in [
        ("period=year", "period must be one of day, week, month, quarter, custom"),
        ("at=-1", "at must be 0 to"),
        ("at=99999999999999999", "at must be 0 to"),
        ("at=soon", "/ 查询参数有误"),
        ("tz=9999", "tz must be -720 to 840"),
        ("tz=-721", "tz must be -720 to 840"),
        ("category=praise_or_not", "category must be one of"),
        (&format!("period=custom&from=0&to={year}"), "at most 366 days"),
    ] {
        let r = sc.s.get(&format!("/api/v1/reports/kpis?{query}"), Some(office)).await;
        let body = expect_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(says), "{query}: {message}");
    }
    let r = sc.s.get("/api/v1/reports/kpis", None).await;
    expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let r = sc.s.get("/api/v1/reports/kpis", Some(&sc.tokens.fixer)).await;
    expect_error(r, StatusCode::FORBIDDEN, "forbidden").await;
    // Every part at its bound is answered.
    let edge = "period=custom&from=0&to=0&tz=-720&area=x&butler=y&department=z&category=praise";
    let r = kpis(&sc, office, edge).await;
    assert_eq!(r.period.offset_min, -720);
    let r = kpis(&sc, &sc.tokens.boss, "period=quarter&at=253402300799999&tz=840").await;
    assert!(r.period.start < r.period.end);
}
