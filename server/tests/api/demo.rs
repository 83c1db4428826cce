//! `guanjia demo --units N --seed S`: the compound it writes, read back from the database.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, Backend, TestServer};
use rstest::rstest;
use serde_json::{json, Value};
use server::demo::{demo_id, seed, seed_with, DemoSize, DEMO_PASSWORD, MAX_UNITS};
use server::error::AppError;
use shared::protocol::LoginResponse;
use shared::register::is_mobile;
use shared::Role;
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};

/// Every record of the demo site: (kind, id) → field → value.
type Records = BTreeMap<(String, String), BTreeMap<String, Value>>;

async fn records(s: &TestServer) -> Records {
    let rows = sqlx::query("SELECT kind, record_id, field, value FROM fields WHERE site_id = $1")
        .bind(demo_id("site").as_str())
        .fetch_all(&s.state.db().pool)
        .await
        .expect("read fields");
    let mut out = Records::new();
    for r in rows {
        let (kind, id, field, value): (String, String, String, String) =
            (r.get("kind"), r.get("record_id"), r.get("field"), r.get("value"));
        let value = serde_json::from_str(&value).expect("a JSON value");
        out.entry((kind, id)).or_default().insert(field, value);
    }
    out
}

fn of_kind<'a>(
    rs: &'a Records,
    kind: &'a str,
) -> impl Iterator<Item = (&'a String, &'a BTreeMap<String, Value>)> + 'a {
    rs.iter().filter(move |((k, _), _)| k == kind).map(|((_, id), fields)| (id, fields))
}

/// What must not differ between two runs of one seed: everything but the clock's.
fn contents(rs: &Records) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for ((kind, id), fields) in rs {
        // Times, and numbers (they carry the day), follow the clock.
        let clock = [
            "created_at",
            "done_at",
            "at",
            "received_at",
            "number",
            "started_at",
            "ended_at",
            // The duties' dates (issue 24): renovations, arrears, visit plans.
            "planned_start",
            "planned_end",
            "reviewed_at",
            "approved_at",
            "accepted_at",
            "second_notice_at",
            // Paid services and keys (issue 25).
            "consent_at",
            "deposited_at",
            "out_at",
            "due_at",
            "returned_at",
            "paid_at",
            "promised_at",
            "period_start",
            "period_end",
            // Moving (issue 25): when a demo pass was used at the gate.
            "used_at",
            // The front desk's times (issue 25).
            "returned_at",
            "confirmed_at",
            "told_at",
            "collected_at",
        ];
        for (field, value) in fields.iter().filter(|(f, _)| !clock.contains(&f.as_str())) {
            out.insert(format!("{kind}/{id}/{field}={value}"));
        }
    }
    out
}

async fn seeded(b: Backend, size: DemoSize) -> Option<(TestServer, Records)> {
    let s = support::start_empty(b).await?;
    assert!(seed_with(&s.state, size).await.expect("seed"));
    let rs = records(&s).await;
    Some((s, rs))
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seed_builds_the_same_compound_every_time(#[values(Sqlite, Postgres)] b: Backend) {
    let size = DemoSize { units: 432, seed: 1, areas: None, requests: None };
    let Some((s, first)) = seeded(b, size).await else { return };
    let Some((_, again)) = seeded(b, size).await else { return };
    let Some((_, other)) = seeded(b, DemoSize { seed: 2, ..size }).await else { return };
    assert_eq!(of_kind(&first, "unit").count(), 432);
    assert!(first.len() > 1_000, "{} records", first.len());
    assert_eq!(contents(&first), contents(&again), "the same seed, the same records");
    let phones =
        |rs: &Records| of_kind(rs, "person").map(|(_, f)| f["phone"].clone()).collect::<Vec<_>>();
    assert_ne!(phones(&first), phones(&other), "another seed, other people");
    assert_ne!(contents(&first), contents(&other));
    // The well-known unit of the default compound, and a second seed is a no-op.
    let unit = first.get(&("unit".into(), demo_id("unit-1-0302").0)).expect("unit 1-0302");
    assert_eq!(unit["label"], json!("1号楼0302室"));
    assert!(!seed(&s.state).await.expect("second seed"));
    assert_eq!(records(&s).await.len(), first.len(), "the second seed wrote nothing");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_odd_size_is_a_complete_compound(#[values(Sqlite, Postgres)] b: Backend) {
    let Some((s, rs)) =
        seeded(b, DemoSize { units: 1_001, seed: 9, areas: None, requests: None }).await
    else {
        return;
    };
    let areas: BTreeSet<String> = of_kind(&rs, "area").map(|(id, _)| id.clone()).collect();
    assert!((3..=6).contains(&areas.len()), "{} areas", areas.len());
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let buildings: BTreeMap<String, String> =
        of_kind(&rs, "building").map(|(id, f)| (id.clone(), text(&f["area"]))).collect();
    for (id, area) in &buildings {
        assert!(areas.contains(area), "building {id} is in no area");
    }
    let units: Vec<_> = of_kind(&rs, "unit").collect();
    assert_eq!(units.len(), 1_001);
    for (id, fields) in &units {
        assert!(buildings.contains_key(&text(&fields["building"])), "unit {id} is in no building");
        assert!(!fields.contains_key("area"), "a unit's area is its building's");
        for field in ["number", "label", "type", "state", "floor", "floor_area"] {
            assert!(fields.contains_key(field), "unit {id} has no {field}");
        }
    }
    let mut phones = 0;
    for (kind, field) in [("person", "phone"), ("person", "phone2"), ("request", "contact_phone")] {
        for (id, fields) in of_kind(&rs, kind) {
            if let Some(phone) = fields.get(field) {
                assert!(is_mobile(phone.as_str().unwrap_or_default()), "{kind} {id}: {phone}");
                phones += 1;
            }
        }
    }
    assert!(phones > 1_001, "{phones} phones");
    let requests = of_kind(&rs, "request").count();
    // One open request per 30 units, and the paid-service requests of each area (issue 25).
    let paid = areas.len() * server::demo::PAID_SERVICE_REQUESTS_PER_AREA;
    assert_eq!(requests, 1_001 / 30 + paid);
    for (id, link) in of_kind(&rs, "unit_person") {
        let (unit, person) =
            (("unit".into(), text(&link["unit"])), ("person".into(), text(&link["person"])));
        assert!(rs.contains_key(&unit) && rs.contains_key(&person), "link {id}");
    }
    // Every role has a login, and department staff belong to a department.
    let mut roles = BTreeSet::new();
    for (_, staff) in of_kind(&rs, "staff") {
        let username = staff["username"].as_str().expect("a username");
        let body = json!({"username": username, "password": DEMO_PASSWORD});
        let r = s.post_json("/api/v1/auth/login", None, &body).await;
        let me = support::ok_json::<LoginResponse>(r).await.me;
        assert_eq!(me.role == Role::Department, me.department_id.is_some(), "{username}");
        assert_eq!(me.role == Role::Butler, me.area_id.is_some(), "{username}");
        roles.insert(me.role.as_str());
    }
    let all: BTreeSet<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(roles, all);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_size_out_of_range_is_refused_and_writes_nothing(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start_empty(b).await else { return };
    for units in [0, MAX_UNITS + 1] {
        let refused =
            seed_with(&s.state, DemoSize { units, seed: 1, areas: None, requests: None }).await;
        let Err(AppError::BadRequest(message)) = refused else { panic!("{units}: {refused:?}") };
        assert!(message.contains("50000") && message.contains("演示"), "{message}");
    }
    assert_eq!(s.state.db().site_count().await.expect("count"), 0);
    for table in ["fields", "changes", "users"] {
        let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(&s.state.db().pool)
            .await
            .expect("count");
        assert_eq!(row.get::<i64, _>("n"), 0, "{table}");
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_count_writes_that_many_with_their_history(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let size = DemoSize { units: 300, seed: 4, areas: None, requests: Some(700) };
    let Some((s, rs)) = seeded(b, size).await else { return };
    let requests: Vec<_> = of_kind(&rs, "request").collect();
    assert_eq!(requests.len(), 700);
    let mut statuses = BTreeMap::<String, usize>::new();
    let mut numbers = BTreeSet::new();
    for (id, fields) in &requests {
        let status = fields["status"].as_str().expect("a status").to_owned();
        if status != "new" && status != "cancelled" {
            assert!(fields.contains_key("assignee"), "request {id} is {status} without assignee");
        }
        let finished = matches!(status.as_str(), "done" | "called_back" | "closed");
        assert_eq!(fields.contains_key("done_at"), finished, "request {id} is {status}");
        assert!(fields.contains_key("topic") && fields.contains_key("source"), "request {id}");
        let number = fields["number"].as_str().expect("a number").to_owned();
        assert!(number.starts_with('A') && number.len() == "A1-250615-0001".len(), "{number}");
        numbers.insert(number[number.len() - 4..].to_owned());
        *statuses.entry(status).or_default() += 1;
    }
    assert_eq!(numbers.len(), 700, "one number each, from the site's counter");
    assert!(numbers.contains("0001") && numbers.contains("0700"));
    let finished: usize = ["done", "called_back", "closed"]
        .iter()
        .map(|s| statuses.get(*s).copied().unwrap_or(0))
        .sum();
    assert!(finished * 100 / 700 >= 80, "{statuses:?}");
    // The history of every request of the last 60 days is there: its creation, and each
    // status move up to now (older requests were carried over without theirs).
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock");
    let recent_since = now.as_millis() as u64 - 59 * 86_400_000;
    let mut events = BTreeMap::<String, Vec<&BTreeMap<String, Value>>>::new();
    for (_, e) in of_kind(&rs, "request_event") {
        assert_eq!(e["device"], json!("demo"));
        assert!(e.contains_key("by") && e.contains_key("at") && e.contains_key("received_at"));
        events.entry(text(&e["request"])).or_default().push(e);
    }
    let mut detailed = 0;
    for (id, fields) in &requests {
        let mine = events.get(*id).map(Vec::as_slice).unwrap_or_default();
        if fields["created_at"].as_u64().is_some_and(|t| t < recent_since) {
            continue;
        }
        detailed += 1;
        let last =
            mine.iter().filter(|e| e["type"] == json!("status")).max_by_key(|e| e["at"].as_u64());
        let now = last.map_or(json!("new"), |e| e["to"].clone());
        assert_eq!(now, fields["status"], "request {id}: its last event is where it stands");
        assert!(mine.iter().any(|e| e["type"] == json!("created")), "request {id}");
    }
    assert!(detailed >= 700 / 12, "about two months of a year: {detailed}");
    assert!(events.len() <= requests.len() / 4, "older requests carry no events unless reopened");
    let callbacks: Vec<_> = of_kind(&rs, "callback").collect();
    assert!(callbacks.iter().any(|(_, c)| c.get("satisfaction") == Some(&json!("satisfied"))));
    assert!(callbacks.len() * 2 > detailed / 2, "{} call-backs", callbacks.len());
    // Reference data the routing needs: area codes, department codes and default assignees.
    for (id, area) in of_kind(&rs, "area") {
        assert!(text(&area["code"]).starts_with('A'), "area {id}");
    }
    let departments: Vec<_> = of_kind(&rs, "department").collect();
    assert_eq!(departments.len(), 6);
    for (id, d) in departments {
        assert!(d.contains_key("code") && d.contains_key("default_assignee"), "department {id}");
        assert!(rs.contains_key(&("staff".to_owned(), text(&d["default_assignee"]))));
    }
    // A device's block comes after the demo's numbers: they never collide.
    let login = json!({"username": "butler1", "password": DEMO_PASSWORD});
    let token =
        support::ok_json::<LoginResponse>(s.post_json("/api/v1/auth/login", None, &login).await)
            .await
            .token;
    let body = json!({"replica": "tablet-1"});
    let block: shared::request::number::NumberBlock =
        support::ok_json(s.post_json("/api/v1/sync/numbers", Some(&token), &body).await).await;
    assert_eq!(block.start, 701);
}
