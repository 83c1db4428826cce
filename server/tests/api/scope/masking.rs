//! Threat: department staff read residents' phone numbers whole in some answer other than a
//! pull — a refused push's compensation restates the stored value, and a resend replays it
//! from storage. Every answer goes through one reader filter (`shared::scope::Reader`): for
//! every role and every masked field, no answer to a masking role holds the number whole.

use super::{person, request, scene, Scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{change, now};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rstest::rstest;
use serde_json::json;
use shared::protocol::{PushRequest, PushResponse};
use shared::register::mask_phone;
use shared::schema::SCHEMA_VERSION;
use shared::scope::masked;
use shared::{Hlc, RecordId, ReplicaId, Role};
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};

/// The record of area 0 a masked field belongs to (request 0 is routed to 工程部).
fn record(kind: &str) -> RecordId {
    if kind == "request" {
        request(0)
    } else {
        person(0)
    }
}

/// A stamp later than any before it in this test.
fn tick(last: &AtomicU64) -> u64 {
    let t = now().max(last.load(SeqCst) + 1);
    last.store(t, SeqCst);
    t
}

/// Pushes `req` as `token`: the reply's body as the device receives it.
async fn push_text(sc: &Scene, token: &str, req: &PushRequest) -> String {
    let r = sc.s.post_json("/api/v1/sync/push", Some(token), req).await;
    assert!(r.status().is_success(), "{}", r.status());
    r.text().await.expect("body")
}

/// One case: the office sets every masked field of area 0 to `phones`; then each role pushes
/// a refused change to each (a `prev` after its own stamp: refused whatever the role) and
/// sends it again; then pulls a snapshot and the log since before the office's edit. Every
/// answer's text is checked for the numbers.
async fn case(
    sc: &Scene,
    phones: &[String],
    seqs: &AtomicU64,
    last: &AtomicU64,
) -> Result<(), String> {
    let t = &sc.tokens;
    let seq = seqs.fetch_add(1, SeqCst) + 1;
    let readers = [
        (Role::Office, &t.office),
        (Role::Supervisor, &t.boss),
        (Role::Butler, &t.butler),
        (Role::Butler, &t.butler2),
        (Role::Department, &t.fixer),
    ];
    let mut cursors = Vec::new();
    for (_, token) in readers {
        cursors.push(sc.s.pull(token, None, Some(5000)).await.cursor);
    }
    let set: Vec<_> = masked()
        .iter()
        .zip(phones)
        .map(|((kind, field), p)| {
            change(kind, &record(kind), field, json!(p), tick(last), "desk-m", None)
        })
        .collect();
    sc.s.push(&t.office, "desk-m", vec![(seq, set)]).await;
    for (n, ((role, token), cursor)) in readers.into_iter().zip(&cursors).enumerate() {
        let replica = format!("m-{n}");
        let at = tick(last);
        let refused: Vec<_> = masked()
            .iter()
            .map(|(kind, field)| {
                let prev = Some(Hlc::new(at + 1, 0));
                change(kind, &record(kind), field, json!("10000000000"), at, &replica, prev)
            })
            .collect();
        let req = PushRequest {
            replica: ReplicaId::from(replica.as_str()),
            schema: SCHEMA_VERSION,
            batches: vec![shared::protocol::Batch { seq, changes: refused }],
            history: None,
            rebase_from: None,
        };
        let first = push_text(sc, token, &req).await;
        let again = push_text(sc, token, &req).await;
        let snapshot = sc.s.pull(token, None, Some(5000)).await;
        let (log, _) = sc.s.pull_all(token, cursor).await;
        let pulled = serde_json::to_string(&(snapshot, log)).expect("json");
        let answers = [&first, &again, &pulled];
        let reply: PushResponse = serde_json::from_str(&first).expect("reply");
        let resent: PushResponse = serde_json::from_str(&again).expect("reply");
        if reply.rejections != resent.rejections {
            return Err(format!("{role}: the resend answered otherwise: {first} / {again}"));
        }
        // The request's contact phone: the one masked field department staff may hold.
        let at = masked().iter().position(|(k, _)| *k == "request").expect("contact phone");
        let contact = reply.rejections.iter().find(|r| r.index == at);
        let shown = contact.and_then(|r| r.compensation.as_ref()).map(|c| c.value.clone());
        if role == Role::Department {
            for (answer, p) in answers.iter().flat_map(|a| phones.iter().map(move |p| (a, p))) {
                if answer.contains(p.as_str()) {
                    return Err(format!("{role} read {p} whole: {answer}"));
                }
            }
            if shown != Some(json!(mask_phone(&phones[at]))) {
                return Err(format!("{role}: the refused contact phone comes back as {shown:?}"));
            }
        } else if role.is_office() && shown != Some(json!(phones[at])) {
            return Err(format!("{role} sees the stored number whole, not {shown:?}"));
        }
    }
    Ok(())
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_answer_to_department_staff_holds_a_phone_whole(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let handle = tokio::runtime::Handle::current();
    let config = Config { cases: 6, failure_persistence: None, ..Config::default() };
    let phones = prop::collection::vec("1[3-9][0-9]{9}", masked().len());
    let (seqs, last) = (AtomicU64::new(0), AtomicU64::new(0));
    tokio::task::block_in_place(|| {
        TestRunner::new(config)
            .run(&phones, |phones| {
                handle.block_on(case(&sc, &phones, &seqs, &last)).map_err(TestCaseError::fail)
            })
            .unwrap();
    });
}
