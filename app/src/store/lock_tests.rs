//! One writer per device (issue 23, point 4), in headless Chromium: two stores (and
//! engines) on one database name in one page stand for two tabs — Web Locks are per origin,
//! so they contend exactly as two tabs do.

use super::IdbStore;
use crate::store::{LocalStore, WriteSet, META_NEXT_SEQ};
use crate::sync::fake::FakeServer;
use crate::sync::tabs::TabChannel;
use crate::sync::{Engine, FieldEdit};
use futures::FutureExt;
use serde_json::json;
use shared::RecordId;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// How long a condition in the page may take to hold (ms) before the test fails.
const DEADLINE_MS: f64 = 5_000.0;

fn fresh_name(tag: &str) -> String {
    format!("guanjia-test-{tag}-{}", RecordId::new_v7())
}

fn new_request(n: u32) -> Vec<FieldEdit> {
    let id = RecordId::new_v7();
    vec![
        FieldEdit::new("request", &id, "status", json!("new")),
        FieldEdit::new("request", &id, "description", json!(format!("第{n}条报事"))),
    ]
}

/// The requests for lock `name` the browser has queued and not granted
/// (`navigator.locks.query()`).
async fn pending_requests(name: &str) -> usize {
    let nav = web_sys::window().unwrap().navigator();
    let locks = js_sys::Reflect::get(&nav, &"locks".into()).unwrap();
    let query: js_sys::Function =
        js_sys::Reflect::get(&locks, &"query".into()).unwrap().unchecked_into();
    let promise: js_sys::Promise = query.call0(&locks).unwrap().unchecked_into();
    let snapshot = wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    let pending: js_sys::Array =
        js_sys::Reflect::get(&snapshot, &"pending".into()).unwrap().unchecked_into();
    pending
        .iter()
        .filter(|p| {
            js_sys::Reflect::get(p, &"name".into()).ok().and_then(|n| n.as_string())
                == Some(name.into())
        })
        .count()
}

/// Polls `check` every 10 ms until it holds; fails the test with `what` at the deadline.
async fn wait_until<F: std::future::Future<Output = bool>>(what: &str, check: impl Fn() -> F) {
    let start = js_sys::Date::now();
    while !check().await {
        assert!(js_sys::Date::now() - start < DEADLINE_MS, "timed out waiting until {what}");
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
}

async fn engine(store: IdbStore, server: &FakeServer) -> Engine<IdbStore, FakeServer> {
    Engine::open(store, server.clone(), Box::new(|| 1_700_000_000_000)).await.expect("engine")
}

#[wasm_bindgen_test]
async fn a_second_tab_cannot_open_the_data_while_the_first_has_it() {
    let name = fresh_name("busy");
    let first = IdbStore::open(&name).await.expect("first tab opens");
    let second = IdbStore::open(&name).await.expect_err("second tab must not open to write");
    assert!(second.is_elsewhere(), "{second}");
    // The lock is the database's: another database opens beside it.
    IdbStore::open(&fresh_name("other")).await.expect("another database");

    // Its holder closes: the lock is free again.
    first.close().await;
    IdbStore::open(&name).await.expect("free after the first closed");
}

#[wasm_bindgen_test]
async fn after_a_hand_over_the_second_tab_continues_the_outbox_without_reusing_a_seq() {
    let name = fresh_name("handover");
    let server = FakeServer::default();
    let first = engine(IdbStore::open(&name).await.expect("open"), &server).await;
    first.edit(new_request(1)).await.expect("edit 1");
    first.edit(new_request(2)).await.expect("edit 2");

    // The second tab queues for the data and is not granted it while the first writes.
    let mut waiting = Box::pin(IdbStore::open_when_free(&name));
    assert!(waiting.as_mut().now_or_never().is_none());
    wait_until("the second tab's request is queued", || pending_requests(&name).map(|n| n == 1))
        .await;
    first.edit(new_request(3)).await.expect("the first still writes while the second waits");
    assert!(waiting.as_mut().now_or_never().is_none(), "granted while the first holds it");

    first.hand_over().await;
    let second = engine(waiting.await.expect("granted after the hand-over"), &server).await;
    let seqs: Vec<u64> = second.store().outbox().await.unwrap().iter().map(|b| b.seq).collect();
    assert_eq!(seqs, [1, 2, 3], "the second tab holds everything the first wrote");
    assert_eq!(second.snapshot().await.records_waiting, 3);
    second.edit(new_request(4)).await.expect("the second tab writes");

    // The first tab writes nothing more, whoever asks: edit, commit, compaction, sync.
    let refused = first.edit(new_request(5)).await.expect_err("the first must not write");
    assert!(refused.to_string().contains("another tab"), "{refused}");
    let mut w = WriteSet::default();
    w.set_meta(META_NEXT_SEQ, &4u64).unwrap();
    assert!(first.store().commit(w).await.unwrap_err().is_elsewhere());
    assert!(first.store().compact(Vec::new()).await.unwrap_err().is_elsewhere());
    assert!(first.sync_once().await.is_err(), "a stopped engine does not sync");
    assert_eq!(server.0.borrow().pushes, 0, "nothing was pushed by the first tab");

    let seqs: Vec<u64> = second.store().outbox().await.unwrap().iter().map(|b| b.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4], "each seq once, none reused");
    assert_eq!(second.store().get_meta::<u64>(META_NEXT_SEQ).await.unwrap(), Some(5));
    assert_eq!(second.snapshot().await.state.records().count(), 4, "four requests");

    // The second tab's sync hands every edit to the server, each once.
    second.sign_in(crate::sync::fake::butler_session()).await.expect("sign in");
    second.sync_once().await.expect("sync");
    assert_eq!(second.snapshot().await.pending, 0);
    let replica = second.replica().await;
    let state = server.0.borrow();
    assert_eq!(state.model.replicas.get(&replica).map(|r| r.1), Some(4), "last seq");
    assert_eq!(state.model.log.len(), 8, "two fields of four requests, each once");
}

#[wasm_bindgen_test]
async fn a_waiting_tab_takes_over_when_the_writer_closes() {
    let name = fresh_name("closes");
    let server = FakeServer::default();
    let first = engine(IdbStore::open(&name).await.expect("open"), &server).await;
    first.edit(new_request(1)).await.expect("edit");
    let mut waiting = Box::pin(IdbStore::open_when_free(&name));
    assert!(waiting.as_mut().now_or_never().is_none());
    wait_until("the second tab's request is queued", || pending_requests(&name).map(|n| n == 1))
        .await;
    // The tab closes: its store, and the lock with it, goes.
    drop(first);
    let second = engine(waiting.await.expect("granted when the writer closed"), &server).await;
    second.edit(new_request(2)).await.expect("the waiting tab writes");
    let seqs: Vec<u64> = second.store().outbox().await.unwrap().iter().map(|b| b.seq).collect();
    assert_eq!(seqs, [1, 2]);
}

#[wasm_bindgen_test]
async fn use_here_asks_the_writer_over_the_channel_to_hand_over() {
    let name = fresh_name("channel");
    let server = FakeServer::default();
    let first = Rc::new(engine(IdbStore::open(&name).await.expect("open"), &server).await);
    first.edit(new_request(1)).await.expect("edit");
    let writer = first.clone();
    let _first_tab = TabChannel::open(move || {
        let writer = writer.clone();
        wasm_bindgen_futures::spawn_local(async move { writer.hand_over().await });
    })
    .expect("first tab joins");
    let second_tab = TabChannel::open(|| {}).expect("second tab joins");

    let mut waiting = Box::pin(IdbStore::open_when_free(&name));
    assert!(waiting.as_mut().now_or_never().is_none());
    wait_until("the second tab's request is queued", || pending_requests(&name).map(|n| n == 1))
        .await;
    second_tab.ask_hand_over().expect("ask");
    let second = engine(waiting.await.expect("handed over"), &server).await;
    assert!(!first.store().is_writer(), "the first tab stopped");
    second.edit(new_request(2)).await.expect("the second tab writes");
    let seqs: Vec<u64> = second.store().outbox().await.unwrap().iter().map(|b| b.seq).collect();
    assert_eq!(seqs, [1, 2]);
}
