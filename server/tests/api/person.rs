//! `guanjia person export|erase` (issue 23 point 6) on both databases: the export lists
//! the person's records with each field's history; the erasure leaves no row of the
//! database holding their name or phone, a device that held them holds `null` after its
//! next pull (from its cursor, from an old one, or a snapshot), and the rest stays.

use crate::support::{self, change, fixture_id, now, Backend, TestServer};
use rstest::rstest;
use serde_json::{json, Value};
use server::person::{self, Who};
use shared::names::{field, kind};
use shared::{Change, RecordId, Stamp};
use sqlx::Row;
use std::collections::BTreeMap;

const NAME: &str = "欧阳娜娜";
const PHONE: &str = "13812345678";
/// How the request's taker typed the same number.
const PHONE_TYPED: &str = "138 1234 5678";
/// The number the person had before: only the log holds it.
const OLD_PHONE: &str = "13900001111";
const NEIGHBOUR: &str = "司马相如";
/// An owner's signature on an arrears notice (the strokes of the signature pad).
const SIGNATURE: &str = "M12 34L56 78L90 12";
const OFFICE: &str = "office-dev";

/// A device's replica: the last write of each field, as a pull delivers them.
#[derive(Default)]
struct Replica(BTreeMap<(String, String, String), (Stamp, Value)>);

impl Replica {
    fn apply(&mut self, changes: &[Change]) {
        for c in changes {
            let key = (c.kind.as_str().to_owned(), c.id.0.clone(), c.field.clone());
            let newer = self.0.get(&key).is_none_or(|(s, _)| c.stamp() > *s);
            if newer {
                self.0.insert(key, (c.stamp(), c.value.clone()));
            }
        }
    }
    fn get(&self, k: &str, id: &RecordId, f: &str) -> Value {
        let key = (k.to_owned(), id.0.clone(), f.to_owned());
        self.0.get(&key).map_or(Value::Null, |(_, v)| v.clone())
    }
    fn text(&self) -> String {
        self.0.values().map(|(_, v)| v.to_string()).collect()
    }
}

/// Every text of every row of every table, on either engine: what "no row holds it" is
/// checked against.
async fn database_text(s: &TestServer) -> String {
    let db = s.state.db();
    let sqlite = db.backend == server::db::Backend::Sqlite;
    let tables_sql = if sqlite {
        "SELECT name AS t FROM sqlite_master WHERE type = 'table'"
    } else {
        "SELECT CAST(table_name AS TEXT) AS t FROM information_schema.tables \
         WHERE table_schema = 'public'"
    };
    let tables = sqlx::query(tables_sql).fetch_all(&db.pool).await.expect("tables");
    let mut out = String::new();
    for t in tables {
        let table: String = t.get("t");
        let cols_sql = if sqlite {
            "SELECT name AS c FROM pragma_table_info($1)"
        } else {
            "SELECT CAST(column_name AS TEXT) AS c FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = $1"
        };
        let cols = sqlx::query(cols_sql).bind(&table).fetch_all(&db.pool).await.expect("cols");
        assert!(!cols.is_empty(), "{table} has columns");
        for c in cols {
            let col: String = c.get("c");
            // SQLite's blobs (a migration's checksum) are not UTF-8: read as hex.
            let sql = if sqlite {
                format!(
                    "SELECT CASE WHEN typeof({col}) = 'blob' THEN hex({col}) \
                     ELSE CAST({col} AS TEXT) END AS v FROM {table}"
                )
            } else {
                format!("SELECT CAST({col} AS TEXT) AS v FROM {table}")
            };
            for row in sqlx::query(&sql).fetch_all(&db.pool).await.expect("rows") {
                out.push_str(&row.get::<Option<String>, _>("v").unwrap_or_default());
                out.push('\n');
            }
        }
    }
    out
}

/// The bytes of the SQLite database file and its WAL: free space and old page images too.
fn sqlite_file_bytes(s: &TestServer) -> Vec<u8> {
    let url = &s.state.config().database_url;
    let path = url.trim_start_matches("sqlite://").split('?').next().expect("path").to_owned();
    let mut out = std::fs::read(&path).expect("database file");
    out.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Pushes one batch of the office's device and expects no refusal.
async fn push(s: &TestServer, token: &str, seq: u64, changes: Vec<Change>) -> usize {
    let reply = s.push(token, OFFICE, vec![(seq, changes)]).await;
    reply.rejections.len()
}

fn set(k: &str, id: &RecordId, f: &str, v: Value, ms: u64) -> Change {
    change(k, id, f, v, ms, OFFICE, None)
}

/// A snapshot pull to its end: the cursor and what it held.
async fn snapshot(s: &TestServer, token: &str) -> (Vec<Change>, String) {
    let mut p = s.pull(token, None, None).await;
    assert!(p.reset, "a pull without a cursor is a snapshot");
    let mut out = std::mem::take(&mut p.changes);
    while p.more {
        p = s.pull(token, Some(&p.cursor), None).await;
        out.extend(std::mem::take(&mut p.changes));
    }
    (out, p.cursor)
}

struct Ids {
    person: RecordId,
    neighbour: RecordId,
    link: RecordId,
    request: RecordId,
    comment: RecordId,
}

/// The office records a resident, their neighbour, and a request the resident phoned in;
/// the resident's number changed once, and a refused edit of their name is kept for resends.
async fn seed(s: &TestServer, office: &str) -> Ids {
    let ids = Ids {
        person: RecordId::new_v7(),
        neighbour: RecordId::new_v7(),
        link: RecordId::new_v7(),
        request: RecordId::new_v7(),
        comment: RecordId::new_v7(),
    };
    let unit = fixture_id("unit-0");
    let neighbour_link = RecordId::new_v7();
    let t = now();
    let first = vec![
        set(kind::PERSON, &ids.person, field::NAME, json!(NAME), t),
        set(kind::PERSON, &ids.person, field::PHONE, json!(OLD_PHONE), t),
        set(kind::UNIT_PERSON, &ids.link, field::UNIT, json!(unit), t),
        set(kind::UNIT_PERSON, &ids.link, field::PERSON, json!(ids.person), t),
        set(kind::PERSON, &ids.neighbour, field::NAME, json!(NEIGHBOUR), t),
        set(kind::PERSON, &ids.neighbour, field::PHONE, json!("13700007777"), t),
        set(kind::UNIT_PERSON, &neighbour_link, field::UNIT, json!(unit), t),
        set(kind::UNIT_PERSON, &neighbour_link, field::PERSON, json!(ids.neighbour), t),
    ];
    assert_eq!(push(s, office, 1, first).await, 0);
    let r = &ids.request;
    let second = vec![
        set(kind::PERSON, &ids.person, field::PHONE, json!(PHONE), t + 1),
        set(kind::REQUEST, r, field::UNIT, json!(unit), t + 1),
        set(kind::REQUEST, r, field::CATEGORY, json!("repair"), t + 1),
        set(kind::REQUEST, r, field::STATUS, json!("new"), t + 1),
        set(kind::REQUEST, r, field::DESCRIPTION, json!("厨房漏水"), t + 1),
        set(kind::REQUEST, r, field::CREATED_AT, json!(t), t + 1),
        set(kind::REQUEST, r, field::CONTACT_NAME, json!(NAME), t + 1),
        set(kind::REQUEST, r, field::CONTACT_PHONE, json!(PHONE_TYPED), t + 1),
        set(kind::REQUEST_COMMENT, &ids.comment, field::REQUEST, json!(r), t + 1),
        set(kind::REQUEST_COMMENT, &ids.comment, field::TEXT, json!("已联系"), t + 1),
    ];
    // Their renovation, a home visit's remarks about them, a notice they signed for.
    let (reno, visit, arrears, chase) =
        (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    let second = second
        .into_iter()
        .chain([
            set(kind::RENOVATION, &reno, field::UNIT, json!(unit), t + 1),
            set(kind::RENOVATION, &reno, field::STATUS, json!("applied"), t + 1),
            set(kind::RENOVATION, &reno, field::APPLICANT, json!(NAME), t + 1),
            set(kind::RENOVATION, &reno, field::APPLICANT_PHONE, json!(PHONE), t + 1),
            set(kind::VISIT, &visit, field::UNIT, json!(unit), t + 1),
            set(kind::VISIT, &visit, field::REMARKS, json!(format!("{NAME}说电梯有噪音")), t + 1),
            set(kind::ARREARS, &arrears, field::UNIT, json!(unit), t + 1),
            set(kind::ARREARS, &arrears, field::AMOUNT, json!(1860.0), t + 1),
            set(kind::ARREARS_CHASE, &chase, field::ARREARS, json!(arrears), t + 1),
            set(kind::ARREARS_CHASE, &chase, field::SIGNATURE, json!(SIGNATURE), t + 1),
        ])
        .collect();
    assert_eq!(push(s, office, 2, second).await, 0);
    // Too long a name: refused, and the refusal (kept for a resend) restates the stored name.
    let long = format!("{NAME}{}", "长".repeat(300));
    let third = vec![set(kind::PERSON, &ids.person, field::NAME, json!(long), t + 2)];
    assert_eq!(push(s, office, 3, third).await, 1);
    ids
}

#[rstest]
#[tokio::test]
async fn erasure_leaves_no_trace_and_devices_drop_it_at_their_next_pull(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    let butler = s.login("butler").await;
    let (_, before_all) = snapshot(&s, &butler).await;
    let ids = seed(&s, &office).await;

    // The butler's tablet holds the resident, by snapshot and by cursor.
    let (held, cursor) = snapshot(&s, &butler).await;
    let mut tablet = Replica::default();
    tablet.apply(&held);
    assert_eq!(tablet.get(kind::PERSON, &ids.person, field::PHONE), json!(PHONE));
    let text = database_text(&s).await;
    for needle in [NAME, PHONE, PHONE_TYPED, OLD_PHONE, NEIGHBOUR, SIGNATURE] {
        assert!(text.contains(needle), "{needle} is stored before the erasure");
    }

    let site = fixture_id("site");
    let done = person::erase(&s.state, site.as_str(), &Who::Phone("138-1234-5678".into()), "t")
        .await
        .expect("erase");
    assert_eq!(done.person.as_ref(), Some(&ids.person));
    assert!(done.refusals >= 1, "the kept refusal restating the name was cleared: {done:?}");

    let text = database_text(&s).await;
    for needle in [NAME, PHONE, PHONE_TYPED, OLD_PHONE, "1381234", SIGNATURE] {
        assert!(!text.contains(needle), "{needle} is still stored somewhere");
    }
    assert!(text.contains("1860"), "the amount owed stays");
    assert!(text.contains(NEIGHBOUR), "the neighbour is not erased");
    if b == Backend::Sqlite {
        let files = sqlite_file_bytes(&s);
        assert!(contains(&files, NEIGHBOUR.as_bytes()), "the files are read");
        for needle in [NAME, PHONE, OLD_PHONE] {
            assert!(!contains(&files, needle.as_bytes()), "{needle} in the SQLite files");
        }
    }
    assert!(text.contains("厨房漏水"), "the request's facts stay");

    // The tablet's next pull, from its cursor: the values go, the facts stay.
    let (next, _) = s.pull_all(&butler, &cursor).await;
    tablet.apply(&next);
    for (k, id, f) in [
        (kind::PERSON, &ids.person, field::NAME),
        (kind::PERSON, &ids.person, field::PHONE),
        (kind::REQUEST, &ids.request, field::CONTACT_NAME),
        (kind::REQUEST, &ids.request, field::CONTACT_PHONE),
    ] {
        assert_eq!(tablet.get(k, id, f), Value::Null, "{k}.{f} on the tablet");
    }
    assert_eq!(tablet.get(kind::REQUEST, &ids.request, field::CATEGORY), json!("repair"));
    assert_eq!(tablet.get(kind::PERSON, &ids.neighbour, field::NAME), json!(NEIGHBOUR));
    assert!(!tablet.text().contains(NAME) && !tablet.text().contains(PHONE));

    // A tablet offline since before the resident was recorded pulls the old log: no value.
    let (old, _) = s.pull_all(&butler, &before_all).await;
    let old_text: String = old.iter().map(|c| c.value.to_string()).collect();
    assert!(!old.is_empty() && old_text.contains("厨房漏水"), "the old cursor still reads");
    for needle in [NAME, PHONE, PHONE_TYPED, OLD_PHONE] {
        assert!(!old_text.contains(needle), "{needle} from an old cursor");
    }
    // A new tablet's snapshot holds none of it either.
    let (fresh, _) = snapshot(&s, &butler).await;
    let mut new_tablet = Replica::default();
    new_tablet.apply(&fresh);
    assert!(!new_tablet.text().contains(NAME) && !new_tablet.text().contains("1381234"));
    assert_eq!(new_tablet.get(kind::UNIT_PERSON, &ids.link, field::PERSON), json!(ids.person));
}

#[rstest]
#[tokio::test]
async fn export_lists_their_records_with_history_and_is_audited(
    #[values(Backend::Sqlite, Backend::Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    let ids = seed(&s, &office).await;
    let site = fixture_id("site");
    let doc = person::export(&s.state, site.as_str(), &Who::Name(NAME.into()), "cli (王主管)")
        .await
        .expect("export");
    let records = doc["records"].as_array().expect("records");
    let find = |k: &str, id: &RecordId| {
        records
            .iter()
            .find(|r| r["kind"] == k && r["id"] == json!(id))
            .unwrap_or_else(|| panic!("{k} {id} in {doc:#}"))
    };
    let person = find(kind::PERSON, &ids.person);
    assert_eq!(person["tie"], "person");
    let phone = &person["fields"][field::PHONE];
    assert_eq!(phone["value"], PHONE);
    let history: Vec<&Value> =
        phone["history"].as_array().expect("history").iter().map(|w| &w["value"]).collect();
    assert_eq!(history, [&json!(OLD_PHONE), &json!(PHONE)], "each value once, in order");
    assert_eq!(phone["by"], "office", "the replica's owner wrote it");
    assert_eq!(find(kind::UNIT_PERSON, &ids.link)["tie"], "link");
    assert_eq!(find(kind::UNIT, &fixture_id("unit-0"))["tie"], "unit");
    assert_eq!(find(kind::REQUEST, &ids.request)["tie"], "contact");
    assert_eq!(find(kind::REQUEST_COMMENT, &ids.comment)["tie"], "part");
    // The phone's second edit did not see the first (no `prev`): a conflict review holds both.
    let review = records.iter().find(|r| r["kind"] == kind::CONFLICT).expect("a conflict");
    assert_eq!(review["tie"], "conflict");
    assert_eq!(review["fields"][field::LOST_VALUE]["value"], OLD_PHONE);
    assert!(
        !records.iter().any(|r| r["id"] == json!(ids.neighbour)),
        "the neighbour is not theirs"
    );

    // A name two residents share: both listed, nothing exported, nothing recorded.
    let twin = RecordId::new_v7();
    let c = set(kind::PERSON, &twin, field::NAME, json!(NAME), now());
    assert_eq!(push(&s, &office, 4, vec![c]).await, 0);
    let err = person::export(&s.state, site.as_str(), &Who::Name(NAME.into()), "cli")
        .await
        .expect_err("ambiguous");
    let text = err.to_string();
    assert!(text.contains(ids.person.as_str()) && text.contains(twin.as_str()), "{text}");
    let err = person::erase(&s.state, site.as_str(), &Who::Name(NAME.into()), "cli")
        .await
        .expect_err("ambiguous");
    assert!(err.to_string().contains(twin.as_str()));
    assert!(database_text(&s).await.contains(PHONE), "an ambiguous erase changes nothing");

    let (entries, total) = s.state.db().audit_page(site.as_str(), 0, 10).await.expect("audit");
    assert_eq!(total, 1, "{entries:?}");
    assert_eq!(entries[0].user, "cli (王主管)");
    assert_eq!(entries[0].action, shared::audit::AuditAction::PersonExport);
    assert_eq!(entries[0].target, ids.person.as_str());
    assert!(!entries[0].detail.contains(NAME));
}
