//! Threat: one site's writes land on another's records. Record ids name records within a
//! site (issue 27, point 5): the defaults' fixed ids — the settings record, the classifier's
//! and the checklists' default nodes — are one record per site, and a refused change creates
//! no row that could hold an id for anyone (`docs/ARCHITECTURE.md`, "Storage").

use crate::support::{self, change, last_value, now, Backend, TestServer};
use rstest::rstest;
use serde_json::{json, Value};
use shared::patrol::{template::default_id as checklist_id, ITEM};
use shared::request::classifier::{default_id as classifier_id, KIND as CLASSIFIER};
use shared::request::deadline::{KIND as SETTINGS, SETTINGS_ID};
use shared::{Hlc, RecordId, RejectCode, Role};
use Backend::{Postgres, Sqlite};

/// The fixture's two sites and a supervisor in each.
const SITE_A: &str = "测试小区";
const SITE_B: &str = "别处";

/// The fixed-id records a supervisor edits: the settings, the classifier node 失窃 (160) and
/// the checklist item 楼道照明正常 (100), each with the field written.
fn fixed() -> [(&'static str, RecordId, &'static str); 3] {
    [
        (SETTINGS, RecordId::from(SETTINGS_ID), "callback_h"),
        (CLASSIFIER, classifier_id(160), "name_zh"),
        // A published item takes one change: retiring it in a draft (`to_version`).
        (ITEM, checklist_id(100), "to_version"),
    ]
}

/// Pushes one batch setting each fixed record's field to the value `values` gives it;
/// returns the refusals' codes.
async fn edit_fixed(
    s: &TestServer,
    token: &str,
    replica: &str,
    seq: u64,
    values: [Value; 3],
) -> Vec<RejectCode> {
    let t = now();
    let batch = fixed()
        .into_iter()
        .zip(values)
        .map(|((kind, id, field), v)| change(kind, &id, field, v, t, replica, None))
        .collect();
    let reply = s.push(token, replica, vec![(seq, batch)]).await;
    reply.rejections.into_iter().map(|r| r.code).collect()
}

/// The values of the fixed records' fields in what `token` holds.
async fn fixed_values(s: &TestServer, token: &str) -> Vec<Option<Value>> {
    let snapshot = s.pull(token, None, Some(5000)).await;
    assert!(snapshot.reset && !snapshot.more);
    let held = snapshot.changes;
    fixed().iter().map(|(_, id, f)| last_value(&held, id, f).map(|c| c.value.clone())).collect()
}

fn a_values(n: i64) -> [Value; 3] {
    [json!(n), json!("盗窃"), json!(n + 1)]
}

fn b_values(n: i64) -> [Value; 3] {
    [json!(n), json!("偷窃"), json!(n + 2)]
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_site_edits_its_own_settings_classifier_and_checklists(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    s.add_user("boss-a", Role::Supervisor, SITE_A).await;
    s.add_user("boss-b", Role::Supervisor, SITE_B).await;
    let (boss_a, boss_b) = (s.login("boss-a").await, s.login("boss-b").await);
    let (office_a, office_b) = (s.login("office").await, s.login("outsider").await);
    // A refusal in site A first (the settings are a supervisor's): it once made the rows.
    let butler = s.login("butler").await;
    let refused = edit_fixed(&s, &butler, "tab-a", 1, a_values(1)).await;
    assert_eq!(refused, vec![RejectCode::Forbidden; 3]);

    assert_eq!(edit_fixed(&s, &boss_a, "boss-a-tab", 1, a_values(24)).await, vec![]);
    assert_eq!(edit_fixed(&s, &boss_b, "boss-b-tab", 1, b_values(12)).await, vec![]);
    let b_held = fixed_values(&s, &office_b).await;
    assert_eq!(fixed_values(&s, &office_a).await, a_values(24).map(Some), "A is untouched");
    assert_eq!(b_held, b_values(12).map(Some));

    // And the other way round: A's later edit leaves B's as it was.
    assert_eq!(edit_fixed(&s, &boss_a, "boss-a-tab", 2, a_values(36)).await, vec![]);
    assert_eq!(fixed_values(&s, &office_a).await, a_values(36).map(Some));
    assert_eq!(fixed_values(&s, &office_b).await, b_held, "B is untouched");
}

/// Rows of record `id` in `records`, `fields` and `changes`, in any site.
async fn rows_of(s: &TestServer, id: &RecordId) -> i64 {
    let mut total = 0;
    for sql in [
        "SELECT COUNT(*) AS n FROM records WHERE id = $1",
        "SELECT COUNT(*) AS n FROM fields WHERE record_id = $1",
        "SELECT COUNT(*) AS n FROM changes WHERE record_id = $1",
    ] {
        let row = sqlx::query(sql).bind(id.as_str()).fetch_one(&s.state.db().pool).await;
        total += sqlx::Row::try_get::<i64, _>(&row.expect("count"), "n").expect("n");
    }
    total
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_change_creates_no_row(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let butler = s.login("butler").await;
    let (request, t) = (RecordId::new_v7(), now());
    let settings = RecordId::from(SETTINGS_ID);
    let cases = [
        // A supervisor's kind, by a butler.
        (change(SETTINGS, &settings, "callback_h", json!(1), t, "tab-a", None), "forbidden"),
        // A request for a unit of another area.
        (
            change(
                "request",
                &request,
                "unit",
                json!(support::fixture_id("unit-1").0),
                t,
                "tab-a",
                None,
            ),
            "out_of_scope",
        ),
        // A value of the wrong type.
        (
            change("request", &RecordId::new_v7(), "status", json!(42), t, "tab-a", None),
            "bad_value",
        ),
    ];
    for (seq, (c, code)) in cases.iter().enumerate() {
        let reply = s.push(&butler, "tab-a", vec![(seq as u64 + 1, vec![c.clone()])]).await;
        assert_eq!(reply.rejections.len(), 1, "{code}");
        let r = &reply.rejections[0];
        assert_eq!(r.code.as_str(), *code);
        let comp = r.compensation.as_ref().expect("compensated");
        assert_eq!(comp.value, Value::Null, "{code}: nothing to restate");
        if *code != "out_of_scope" {
            assert_eq!(comp.hlc, Hlc::ZERO, "{code}: any real write outranks it");
        }
        assert_eq!(rows_of(&s, &c.id).await, 0, "{code}: no row of {}", c.id);
    }
    // Through the API: the record is nobody's, so the site's supervisor writes it.
    s.add_user("boss-a", Role::Supervisor, SITE_A).await;
    let boss = s.login("boss-a").await;
    let c = change(SETTINGS, &settings, "callback_h", json!(24), now(), "boss-tab", None);
    assert!(s.push(&boss, "boss-tab", vec![(1, vec![c])]).await.rejections.is_empty());
}
