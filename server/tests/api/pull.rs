//! Pull cursors and paging, and the event stream.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, expect_error, now, Backend, EventReader};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;
use shared::RecordId;
use std::time::Duration;

/// Two instances on one PostgreSQL database (as behind a load balancer): a push to one pokes
/// the event streams of the other, and a ticket from one opens a stream on the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pokes_reach_every_instance_on_postgres() {
    let Some(a) = support::start(Backend::Postgres).await else { return };
    let (butler, office) = (a.login("butler").await, a.login("office").await);
    let config = server::Config::new(a.state.config().database_url.clone());
    let b_state = server::AppState::connect(config).await.expect("second instance");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let b_addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let b = tokio::spawn(server::serve(listener, b_state, async move {
        let _ = stopped.await;
    }));
    // A ticket issued by instance A opens a stream on instance B: tickets live in the database.
    let ticket = a.ticket(&office).await;
    let resp = reqwest::get(format!("http://{b_addr}/api/v1/sync/events?ticket={ticket}"))
        .await
        .expect("events on instance B");
    let mut events = EventReader::new(resp);
    events.wait_for("event: hello").await;
    let id = RecordId::new_v7();
    let c = change("request", &id, "status", json!("new"), now(), "tab-a", None);
    a.push(&butler, "tab-a", vec![(1, vec![c])]).await;
    events.wait_for("event: poke").await;
    let _ = stop.send(());
    b.await.expect("serve task").expect("serve result");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_cursor_resets_with_a_snapshot(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (office, outsider) = (s.login("office").await, s.login("outsider").await);
    let foreign = s.pull(&outsider, None, None).await.cursor;
    let max = s.pull(&office, None, None).await.cursor;
    for cursor in ["", "garbage", "x.1", foreign.as_str(), &format!("{max}9")] {
        let p = s.pull(&office, Some(cursor), None).await;
        assert!(p.reset, "cursor {cursor:?} must reset");
        assert_eq!(p.cursor, max);
        let kinds: std::collections::BTreeSet<_> =
            p.changes.iter().map(|c| c.kind.as_str().to_owned()).collect();
        assert!(kinds.contains("site") && kinds.contains("staff"), "{kinds:?}");
        assert!(p.changes.iter().all(|c| c.value != json!("outsider")), "no other site's data");
    }
    assert!(!s.pull(&office, Some(&max), None).await.reset);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_is_paged_and_only_its_first_page_resets(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let t = now();
    let batch: Vec<_> = (0..7u64)
        .map(|i| {
            change("request", &RecordId::new_v7(), "description", json!(i), t + i, "tab-a", None)
        })
        .map(|mut c| {
            c.value = json!(format!("第{}条", c.value));
            c
        })
        .collect();
    s.push(&butler, "tab-a", vec![(1, batch)]).await;
    let whole = s.pull(&office, None, Some(5000)).await;
    assert!(whole.reset && !whole.more);

    let (mut got, mut resets, mut c) = (Vec::new(), Vec::new(), None::<String>);
    loop {
        let (next, p) = s.pull_with_next(&office, c.as_deref(), 3).await;
        assert!(p.changes.len() <= 3);
        // The head says where the next page starts, exactly as the body does; the last
        // page says nothing.
        assert_eq!(next, p.more.then(|| p.cursor.clone()), "the header on {:?}", p.cursor);
        resets.push(p.reset);
        got.extend(p.changes);
        c = Some(p.cursor);
        if !p.more {
            break;
        }
    }
    assert!(resets.len() > 2, "several pages: {resets:?}");
    assert!(resets[0] && resets[1..].iter().all(|r| !r), "only the first page resets");
    assert_eq!(got, whole.changes, "the pages add up to the snapshot, each field once");
    assert_eq!(c.as_deref(), Some(whole.cursor.as_str()), "and end where the log resumes");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_pages_with_limit_and_more(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let cursor = s.pull(&office, None, None).await.cursor;
    let t = now();
    let batch: Vec<_> = (0..10u64)
        .map(|i| {
            change(
                "request",
                &RecordId::new_v7(),
                "description",
                json!(format!("第{i}条")),
                t + i,
                "tab-a",
                None,
            )
        })
        .collect();
    s.push(&butler, "tab-a", vec![(1, batch.clone())]).await;
    let mut got = Vec::new();
    let mut pages = Vec::new();
    let mut c = cursor;
    loop {
        let (next, p) = s.pull_with_next(&office, Some(&c), 4).await;
        assert_eq!(next, p.more.then(|| p.cursor.clone()), "the header on {:?}", p.cursor);
        pages.push((p.changes.len(), p.more));
        got.extend(p.changes);
        c = p.cursor;
        if !p.more {
            break;
        }
    }
    assert_eq!(pages, vec![(4, true), (4, true), (2, false)]);
    assert_eq!(got, batch);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_poke_after_a_push_and_end_on_shutdown(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(mut s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let mut events = s.events(&office).await;
    let id = RecordId::new_v7();
    s.push(
        &butler,
        "tab-a",
        vec![(1, vec![change("request", &id, "status", json!("new"), now(), "tab-a", None)])],
    )
    .await;
    events.wait_for("event: poke").await;
    let bound = Duration::from_secs(20);
    // Shutdown returns even though the event stream is open, and the port can be reused.
    let addr = s.addr;
    tokio::time::timeout(bound, s.stop())
        .await
        .expect("serve returns after shutdown with SSE connected");
    let listener = tokio::net::TcpListener::bind(addr).await.expect("rebind the same port");
    s.run_on(listener);
    assert_eq!(s.get("/api/v1/health", None).await.status(), StatusCode::OK);
    expect_error(
        s.get("/api/v1/sync/events", None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
}
