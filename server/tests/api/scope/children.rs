//! A request's history records (events, comments, call-backs) live wherever their request
//! is: the replicas that hold the request — its area's butlers, the office, the department it
//! is routed to — hold exactly its children, through pulls, snapshots and event streams, and
//! they move when the request moves (`docs/ARCHITECTURE.md`, "Scope").

use super::{department, holds, request, scene, Scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{change, fixture_id, now, PASSWORD};
use rstest::rstest;
use serde_json::{json, Value};
use server::accounts::{add_user, NewUser};
use shared::{Change, RecordId, RejectCode, Role};

/// The changes that create a history record of `kind` for `req` from `replica`, with
/// `request` in the given position (devices may send the fields in any order).
fn child(
    kind: &str,
    id: &RecordId,
    req: &RecordId,
    replica: &str,
    request_at: usize,
) -> Vec<Change> {
    let t = now();
    let mut fields: Vec<(&str, Value)> = match kind {
        "request_event" => vec![("type", json!("created")), ("at", json!(t))],
        "request_comment" => vec![("text", json!("已联系住户")), ("internal", json!(false))],
        _ => vec![("result", json!("reached")), ("satisfaction", json!("satisfied"))],
    };
    fields.insert(request_at.min(fields.len()), ("request", json!(req.0)));
    fields.into_iter().map(|(f, v)| change(kind, id, f, v, t, replica, None)).collect()
}

/// Adds `cleaner`, staff of 保洁部 (department 1), and logs them in.
async fn cleaner(sc: &Scene) -> String {
    let u = NewUser {
        site: "测试小区".into(),
        role: Role::Department,
        area: None,
        department: Some("保洁部".into()),
        username: "cleaner".into(),
        password: PASSWORD.into(),
        name: "cleaner".into(),
    };
    add_user(&sc.s.state, u, None).await.expect("add cleaner");
    sc.s.login("cleaner").await
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_butlers_event_and_comment_reach_exactly_the_replicas_holding_the_request(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    let cursor = |token| async move { s.pull(token, None, Some(5000)).await.cursor };
    let (office_at, fixer_at, west_at) =
        (cursor(&t.office).await, cursor(&t.fixer).await, cursor(&t.butler2).await);
    let mut fixer_events = s.events(&t.fixer).await;
    let mut west_events = s.events(&t.butler2).await;
    let (event, comment) = (RecordId::new_v7(), RecordId::new_v7());
    let mut batch = child("request_event", &event, &request(0), "b", 0);
    batch.extend(child("request_comment", &comment, &request(0), "b", 2));
    let reply = s.push(&t.butler, "b", vec![(1, batch)]).await;
    assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
    // 工程部 is poked (request 0 is routed there) and pulls both.
    fixer_events.wait_for("event: poke").await;
    for (who, token, at) in [("office", &t.office, &office_at), ("工程部", &t.fixer, &fixer_at)]
    {
        let (seen, _) = s.pull_all(token, at).await;
        for id in [&event, &comment] {
            let fields: Vec<_> = seen.iter().filter(|c| c.id == *id).map(|c| &c.field).collect();
            assert!(fields.iter().any(|f| *f == "request"), "{who} misses {id}: {fields:?}");
            assert!(fields.len() >= 3, "{who} holds every field of {id}: {fields:?}");
        }
    }
    // The other area's butler: poked only by their own area's edit, which is all they get.
    let edit = change("request", &request(1), "description", json!("西区"), now(), "o", None);
    s.push(&t.office, "o", vec![(1, vec![edit])]).await;
    west_events.wait_for("event: poke").await;
    let (seen, _) = s.pull_all(&t.butler2, &west_at).await;
    assert!(holds(&seen, &request(1)));
    assert!(!holds(&seen, &event) && !holds(&seen, &comment), "{seen:?}");
    for (token, held) in [(&t.butler, true), (&t.butler2, false), (&t.fixer, true)] {
        let snap = sc.snapshot(token).await;
        assert_eq!(holds(&snap, &event) && holds(&snap, &comment), held);
        assert!(held || !holds(&snap, &comment));
    }
    // The server set the event's received time; the department masked nothing of it.
    assert!(sc.value(&t.fixer, &event, "received_at").await.is_some_and(|v| v.is_u64()));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_for_another_scopes_request_is_refused_and_stores_nothing(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    let cleaner = cleaner(&sc).await;
    // (who, replica, kind, request, position of the `request` field)
    let cases = [
        (&t.butler, "b", "request_event", request(1), 0),
        (&t.butler, "b", "request_comment", request(1), 2),
        (&t.butler, "b", "callback", request(1), 1),
        (&t.butler2, "b2", "request_event", request(0), 2),
        // Both requests are routed to 工程部, not to 保洁部.
        (&cleaner, "c", "request_event", request(0), 0),
        (&cleaner, "c", "request_comment", request(1), 2),
    ];
    let mut seqs = std::collections::HashMap::new();
    for (token, replica, kind, req, at) in cases {
        let seq = seqs.entry(replica).and_modify(|s| *s += 1).or_insert(1u64);
        let id = RecordId::new_v7();
        let batch = child(kind, &id, &req, replica, at);
        let n = batch.len();
        let reply = s.push(token, replica, vec![(*seq, batch)]).await;
        let codes: Vec<_> = reply.rejections.iter().map(|r| r.code).collect();
        assert_eq!(codes, vec![RejectCode::OutOfScope; n], "{replica}: {kind} for {req}");
        let all = sc.snapshot(&t.office).await;
        assert!(!holds(&all, &id), "{replica}: nothing of the refused {kind} is stored");
    }
    // Inside their scope, department staff add events and comments, never call-backs.
    let ok = s.push(
        &t.fixer,
        "f",
        vec![(1, child("request_event", &RecordId::new_v7(), &request(1), "f", 0))],
    );
    assert!(ok.await.rejections.is_empty());
    let callback = child("callback", &RecordId::new_v7(), &request(1), "f", 0);
    let reply = s.push(&t.fixer, "f", vec![(2, callback)]).await;
    assert!(reply.rejections.iter().all(|r| r.code == RejectCode::Forbidden), "{reply:?}");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_a_building_or_routing_a_request_moves_its_history(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    let cleaner = cleaner(&sc).await;
    let (east_event, west_event) = (RecordId::new_v7(), RecordId::new_v7());
    let mine =
        s.push(&t.butler, "b", vec![(1, child("request_event", &east_event, &request(0), "b", 0))]);
    assert!(mine.await.rejections.is_empty());
    let theirs =
        s.push(&t.butler2, "b2", vec![(1, child("callback", &west_event, &request(1), "b2", 0))]);
    assert!(theirs.await.rejections.is_empty());
    let cursor = |token| async move { s.pull(token, None, Some(5000)).await.cursor };
    let (east_at, west_at, fixer_at, cleaner_at) = (
        cursor(&t.butler).await,
        cursor(&t.butler2).await,
        cursor(&t.fixer).await,
        cursor(&cleaner).await,
    );
    // Building 1 (request 1's) moves to area 0: its history with it.
    let mv = change(
        "building",
        &fixture_id("building-1"),
        "area",
        json!(fixture_id("area-0").0),
        now() + 5,
        "o",
        None,
    );
    s.push(&t.office, "o", vec![(1, vec![mv])]).await;
    let east = s.pull(&t.butler, Some(&east_at), Some(5000)).await;
    assert!(east.reset && holds(&east.changes, &west_event) && holds(&east.changes, &east_event));
    let west = s.pull(&t.butler2, Some(&west_at), Some(5000)).await;
    assert!(west.reset && !holds(&west.changes, &west_event));
    // Request 0 is routed from 工程部 to 保洁部: its event leaves the one and joins the other.
    let route =
        change("request", &request(0), "department", json!(department(1).0), now() + 6, "o", None);
    s.push(&t.office, "o", vec![(2, vec![route])]).await;
    let fixer = s.pull(&t.fixer, Some(&fixer_at), Some(5000)).await;
    assert!(fixer.reset, "leaving a scope resets the replicas that held it");
    assert!(!holds(&fixer.changes, &east_event) && holds(&fixer.changes, &west_event));
    let (joined, _) = s.pull_all(&cleaner, &cleaner_at).await;
    let fields: Vec<_> = joined.iter().filter(|c| c.id == east_event).map(|c| &c.field).collect();
    assert!(
        fields.iter().any(|f| *f == "type") && fields.iter().any(|f| *f == "request"),
        "{fields:?}"
    );
    assert!(!holds(&joined, &west_event));
}
