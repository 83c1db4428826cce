//! The group-commit writer (`server::sync::writer`): many pushes applied in one transaction
//! must each be applied exactly once, answered as if alone — a failing push among good ones
//! fails alone, and a resend queued behind its lost original gets the original's answer.
//! The site's writer is held while the pushes queue, so they land in one group for sure.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, now, Backend, TestServer};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use server::sync::writer;
use shared::protocol::{PushRequest, PushResponse};
use shared::schema::SCHEMA_VERSION;
use shared::{Change, RecordId, RejectCode, ReplicaId};
use std::collections::HashMap;
use std::time::Duration;

/// Batch `seq` of replica `r`: a new request (two fields), and on even seqs a second new
/// request that starts closed, which is refused.
fn batch(r: &str, seq: u64, t: u64) -> Vec<Change> {
    let id = RecordId::new_v7();
    let mut out = vec![
        change("request", &id, "status", json!("new"), t, r, None),
        change("request", &id, "description", json!(format!("{r}/{seq}")), t + 1, r, None),
    ];
    if seq.is_multiple_of(2) {
        let bad = RecordId::new_v7();
        out.push(change("request", &bad, "status", json!("closed"), t + 2, r, None));
    }
    out
}

pub(crate) fn request(r: &str, batches: Vec<(u64, Vec<Change>)>) -> PushRequest {
    PushRequest {
        history: None,
        rebase_from: None,
        replica: ReplicaId::from(r),
        schema: SCHEMA_VERSION,
        batches: batches
            .into_iter()
            .map(|(seq, changes)| shared::protocol::Batch { seq, changes })
            .collect(),
    }
}

/// Sends a push in its own task: the answer's status and body.
pub(crate) fn send(
    s: &TestServer,
    token: &str,
    req: PushRequest,
) -> tokio::task::JoinHandle<(StatusCode, String)> {
    let (http, url, token) = (s.http.clone(), s.url("/api/v1/sync/push"), token.to_owned());
    tokio::spawn(async move {
        let r = http.post(url).bearer_auth(token).json(&req).send().await.expect("push");
        (r.status(), r.text().await.expect("body"))
    })
}

/// Waits until `n` pushes of the site wait behind the held writer.
pub(crate) async fn wait_queued(s: &TestServer, site: &str, n: usize) {
    let start = std::time::Instant::now();
    while writer::queued(&s.state, site) < n {
        assert!(start.elapsed() < Duration::from_secs(30), "pushes did not queue");
        tokio::time::sleep(Duration::from_millis(5)).await; // polling interval
    }
}

pub(crate) async fn site_of(s: &TestServer, token: &str) -> String {
    let me: shared::protocol::Me = support::ok_json(s.get("/api/v1/me", Some(token)).await).await;
    me.site_id
}

/// How many log rows each description has, as the office pulls the log from `start`.
async fn descriptions(s: &TestServer, office: &str, start: &str) -> HashMap<String, usize> {
    let (seen, _) = s.pull_all(office, start).await;
    let mut n = HashMap::new();
    for c in seen.iter().filter(|c| c.field == "description") {
        *n.entry(c.value.as_str().unwrap_or_default().to_owned()).or_default() += 1;
    }
    n
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_replicas_at_once_apply_each_batch_once(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let site = site_of(&s, &office).await;
    let start = s.pull(&office, None, None).await.cursor;
    let t = now();
    let replicas: Vec<String> = (0..12).map(|r| format!("many-{r}")).collect();
    let token = |r: usize| if r.is_multiple_of(2) { butler.clone() } else { office.clone() };
    let mut answers: HashMap<(usize, u64), PushResponse> = HashMap::new();
    let mut sent_batches: HashMap<(usize, u64), Vec<Change>> = HashMap::new();
    for seq in 1..=3 {
        // All replicas' batch `seq` at once, in one group.
        let held = writer::hold(&s.state, &site).await;
        let sent: Vec<_> = (0..replicas.len())
            .map(|r| {
                let name = &replicas[r];
                let changes = batch(name, seq, t + seq * 10);
                sent_batches.insert((r, seq), changes.clone());
                send(&s, &token(r), request(name, vec![(seq, changes)]))
            })
            .collect();
        wait_queued(&s, &site, replicas.len()).await;
        drop(held);
        for (r, h) in sent.into_iter().enumerate() {
            let (status, body) = h.await.expect("push task");
            assert_eq!(status, StatusCode::OK, "{body}");
            answers.insert((r, seq), serde_json::from_str(&body).expect("reply"));
        }
    }
    for ((r, seq), reply) in &answers {
        assert_eq!(reply.last_seq, *seq, "replica {r}");
        let codes: Vec<_> = reply.rejections.iter().map(|x| (x.seq, x.index, x.code)).collect();
        let want =
            if seq.is_multiple_of(2) { vec![(*seq, 2, RejectCode::BadTransition)] } else { vec![] };
        assert_eq!(codes, want, "replica {r} batch {seq}");
    }
    let logged = descriptions(&s, &office, &start).await;
    for name in &replicas {
        for seq in 1..=3 {
            assert_eq!(logged.get(&format!("{name}/{seq}")), Some(&1), "{name}/{seq} once");
        }
    }
    // Every batch again, at once: the stored answers, nothing written twice.
    let held = writer::hold(&s.state, &site).await;
    let resent: Vec<_> = (0..replicas.len())
        .map(|r| {
            let batches = (1..=3).map(|seq| (seq, sent_batches[&(r, seq)].clone())).collect();
            send(&s, &token(r), request(&replicas[r], batches))
        })
        .collect();
    wait_queued(&s, &site, replicas.len()).await;
    drop(held);
    for (r, h) in resent.into_iter().enumerate() {
        let (status, body) = h.await.expect("push task");
        assert_eq!(status, StatusCode::OK, "{body}");
        let reply: PushResponse = serde_json::from_str(&body).expect("reply");
        assert_eq!(reply.last_seq, 3);
        assert_eq!(reply.rejections, answers[&(r, 2)].rejections, "the stored refusals");
    }
    assert_eq!(descriptions(&s, &office, &start).await, logged, "nothing new in the log");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_push_fails_alone_in_its_group(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let site = site_of(&s, &office).await;
    let start = s.pull(&office, None, None).await.cursor;
    let t = now();
    // `taken` belongs to the office; the butler's push under it must fail.
    s.push(&office, "taken", vec![(1, batch("taken", 1, t))]).await;

    let held = writer::hold(&s.state, &site).await;
    let good_a = send(&s, &butler, request("good-a", vec![(1, batch("good-a", 1, t))]));
    let gap = send(&s, &butler, request("gap", vec![(2, batch("gap", 2, t))]));
    let taken = send(&s, &butler, request("taken", vec![(2, batch("taken", 2, t))]));
    // Batch 1 applies, batch 3 skips 2: the push fails and batch 1 stays, as before.
    let half = send(
        &s,
        &office,
        request("half", vec![(1, batch("half", 1, t)), (3, batch("half", 3, t))]),
    );
    let good_b = send(&s, &office, request("good-b", vec![(1, batch("good-b", 1, t))]));
    wait_queued(&s, &site, 5).await;
    drop(held);

    for h in [good_a, good_b] {
        let (status, body) = h.await.expect("task");
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(serde_json::from_str::<PushResponse>(&body).expect("reply").last_seq, 1);
    }
    for (h, code) in [(gap, "seq_gap"), (taken, "replica_taken"), (half, "seq_gap")] {
        let (status, body) = h.await.expect("task");
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let err: shared::protocol::ErrorBody = serde_json::from_str(&body).expect("error body");
        assert_eq!(err.error.code, code);
    }
    let logged = descriptions(&s, &office, &start).await;
    let mut names: Vec<_> = logged.keys().cloned().collect();
    names.sort();
    assert_eq!(names, ["good-a/1", "good-b/1", "half/1", "taken/1"], "only what was applied");
    assert!(logged.values().all(|n| *n == 1));
    let half_again = s.push(&office, "half", vec![(2, batch("half", 2, t))]).await;
    assert_eq!(half_again.last_seq, 2, "the device goes on from batch 1");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resend_queued_behind_its_lost_original_gets_its_answer(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    let site = site_of(&s, &office).await;
    let start = s.pull(&office, None, None).await.cursor;
    let changes = batch("lossy", 2, now());
    s.push(&office, "lossy", vec![(1, batch("lossy", 1, now()))]).await;

    let held = writer::hold(&s.state, &site).await;
    let original = send(&s, &office, request("lossy", vec![(2, changes.clone())]));
    wait_queued(&s, &site, 1).await;
    original.abort(); // the device gave up waiting: its reply is lost
    let resend = send(&s, &office, request("lossy", vec![(2, changes)]));
    wait_queued(&s, &site, 2).await;
    drop(held);

    let (status, body) = resend.await.expect("task");
    assert_eq!(status, StatusCode::OK, "{body}");
    let reply: PushResponse = serde_json::from_str(&body).expect("reply");
    assert_eq!(reply.last_seq, 2);
    let codes: Vec<_> = reply.rejections.iter().map(|r| (r.seq, r.index, r.code)).collect();
    assert_eq!(codes, vec![(2, 2, RejectCode::BadTransition)], "the original's refusal");
    let logged = descriptions(&s, &office, &start).await;
    assert_eq!(logged.get("lossy/2"), Some(&1), "applied once");
}

/// The rows of a released batch are held back past the next savepoint; when a read inside
/// that savepoint sends them and the batch is then rolled back, the rollback undoes them in
/// the database too — they must go out again, once, and the undone batch's rows never.
#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_sent_inside_a_rolled_back_batch_are_kept(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let office = s.login("office").await;
    let site = site_of(&s, &office).await;
    let start = s.pull(&office, None, None).await.cursor;
    let (kept, undone, t) = (RecordId::new_v7(), RecordId::new_v7(), now());
    let mut stx = s.state.db().begin_site(&site).await.expect("begin");
    let first = stx.savepoint().await.expect("savepoint");
    stx.write(&change("request", &kept, "description", json!("kept"), t, "sp", None))
        .await
        .expect("write");
    stx.release(first).await.expect("release");
    let second = stx.savepoint().await.expect("savepoint");
    stx.write(&change("request", &undone, "description", json!("undone"), t, "sp", None))
        .await
        .expect("write");
    // A read sends what is held back (the first batch's rows among them), inside `second`.
    let found = stx.find_by_field("request", "description", &json!("kept")).await.expect("read");
    assert_eq!(found.as_deref(), Some(kept.as_str()), "held-back rows are read back");
    stx.rollback_to(second).await.expect("rollback");
    assert!(stx.commit().await.expect("commit"), "the first batch wrote");
    let logged = descriptions(&s, &office, &start).await;
    assert_eq!(logged, HashMap::from([("kept".to_owned(), 1)]), "kept once, undone never");
    for (id, want) in [(&kept, 1), (&undone, 0)] {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM fields WHERE record_id = $1")
            .bind(id.as_str())
            .fetch_one(&s.state.db().pool)
            .await
            .expect("count");
        assert_eq!(sqlx::Row::get::<i64, _>(&row, "n"), want, "merged fields of {id}");
    }
}

/// A push whose rows the database refuses fails alone: its group is applied again push by
/// push. (A trigger refuses one value here, standing in for any row the engine will not
/// take; without the retry the other pushes of its group would fail with it at every resend.)
#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_the_database_refuses_fails_alone(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let site = site_of(&s, &office).await;
    let start = s.pull(&office, None, None).await.cursor;
    let trigger = match s.state.db().backend {
        server::db::Backend::Sqlite => {
            "CREATE TRIGGER poison BEFORE INSERT ON changes WHEN NEW.value = '\"poison\"' \
             BEGIN SELECT RAISE(ABORT, 'poison'); END;"
        }
        server::db::Backend::Postgres => {
            "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN \
               IF NEW.value = '\"poison\"' THEN RAISE EXCEPTION 'poison'; END IF; \
               RETURN NEW; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER poison BEFORE INSERT ON changes \
               FOR EACH ROW EXECUTE FUNCTION poison();"
        }
    };
    sqlx::raw_sql(trigger).execute(&s.state.db().pool).await.expect("trigger");
    let (t, bad_id) = (now(), RecordId::new_v7());
    let poison = change("request", &bad_id, "description", json!("poison"), t, "bad", None);
    let held = writer::hold(&s.state, &site).await;
    let good_a = send(&s, &butler, request("ok-a", vec![(1, batch("ok-a", 1, t))]));
    let bad = send(&s, &butler, request("bad", vec![(1, vec![poison])]));
    let good_b = send(&s, &office, request("ok-b", vec![(1, batch("ok-b", 1, t))]));
    wait_queued(&s, &site, 3).await;
    drop(held);
    for h in [good_a, good_b] {
        let (status, body) = h.await.expect("push task");
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, body) = bad.await.expect("push task");
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    let logged = descriptions(&s, &office, &start).await;
    let want = HashMap::from([("ok-a/1".to_owned(), 1), ("ok-b/1".to_owned(), 1)]);
    assert_eq!(logged, want, "the good pushes once, nothing of the refused one");
}

/// A failed batch empties the transaction's caches (what it wrote is undone); the batches
/// after it in the group read again, and must find what the earlier batches wrote — though
/// those rows are still held back, not yet in the database.
#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_after_a_failed_one_sees_what_its_group_wrote(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let site = site_of(&s, &office).await;
    let (id, t) = (RecordId::new_v7(), now());
    let created = change("request", &id, "status", json!("new"), t, "first", None);
    // `new` → `assigned` is a move the office may make; a request cannot start `assigned`.
    let assign = change("request", &id, "status", json!("assigned"), t + 5, "third", None);
    let assign = Change { prev: Some(created.hlc), ..assign };
    let held = writer::hold(&s.state, &site).await;
    // Queued one after the other: the group applies them in this order.
    let first = send(&s, &office, request("first", vec![(1, vec![created])]));
    wait_queued(&s, &site, 1).await;
    let gap = send(&s, &butler, request("gap", vec![(2, batch("gap", 2, t))]));
    wait_queued(&s, &site, 2).await;
    let third = send(&s, &office, request("third", vec![(1, vec![assign])]));
    wait_queued(&s, &site, 3).await;
    drop(held);
    for h in [first, third] {
        let (status, body) = h.await.expect("push task");
        assert_eq!(status, StatusCode::OK, "{body}");
        let reply: PushResponse = serde_json::from_str(&body).expect("reply");
        assert!(reply.rejections.is_empty(), "nothing refused: {body}");
    }
    assert_eq!(gap.await.expect("push task").0, StatusCode::CONFLICT);
    let snap = s.pull(&office, None, None).await;
    let status = snap.changes.iter().rfind(|c| c.id == id && c.field == "status");
    assert_eq!(status.map(|c| &c.value), Some(&json!("assigned")));
}
