//! Request numbers made offline: blocks from the one server counter, taken inside the
//! request's own edit, never twice — across tablets, requests made at once, and reloads.

use super::{open, session, TestEngine};
use crate::model::intake::request_number;
use crate::store::MemStore;
use crate::sync::fake::FakeServer;
use crate::sync::{Engine, FieldEdit, TakenNumber};
use futures::executor::block_on;
use futures::future::join_all;
use serde_json::json;
use shared::request::number::BLOCK_SIZE;
use shared::{Kind, RecordId};
use std::collections::BTreeSet;
use std::rc::Rc;

/// Creates a request numbered as the form numbers it; returns the number.
async fn numbered_request(e: &TestEngine) -> String {
    let id = RecordId::new_v7();
    let (_, taken) = e
        .edit_numbered(|taken| {
            let number = request_number("A2", (2026, 11, 27), taken);
            vec![
                FieldEdit::new("request", &id, "status", json!("new")),
                FieldEdit::new("request", &id, "number", json!(number)),
            ]
        })
        .await
        .expect("saved");
    let stored = e.snapshot().await.state.field(&Kind::new("request"), &id, "number").cloned();
    let number = request_number("A2", (2026, 11, 27), &taken);
    assert_eq!(stored.map(|s| s.value), Some(json!(number)), "the edit holds the number taken");
    number
}

#[test]
fn tablets_offline_at_once_never_give_the_same_number_not_even_after_a_reload() {
    let server = FakeServer::default();
    let stores: Vec<Rc<MemStore>> = (0..3).map(|_| Rc::new(MemStore::new())).collect();
    let engines: Vec<TestEngine> = stores.iter().map(|s| open(s, &server)).collect();
    for e in &engines {
        block_on(e.sync_once()).expect("online: a block");
        assert_eq!(block_on(e.snapshot()).numbers_left, u64::from(BLOCK_SIZE));
    }
    assert_eq!(server.0.borrow().number_blocks, 3);
    server.with(|s| s.offline = true);

    // Every tablet makes more requests than its block holds, all at the same time.
    let per_tablet = BLOCK_SIZE as usize + 10;
    let all = block_on(join_all(
        engines.iter().flat_map(|e| (0..per_tablet).map(move |_| numbered_request(e))),
    ));
    let distinct: BTreeSet<&String> = all.iter().collect();
    assert_eq!(distinct.len(), all.len(), "every number once: {all:?}");
    assert_eq!(all.iter().filter(|n| n.contains("-T")).count(), 3 * 10, "then provisional");
    assert_eq!(block_on(engines[0].snapshot()).numbers_left, 0);

    // A reload (the app opened again on the same store) goes on where it stopped.
    let reopened =
        block_on(Engine::open(stores[0].clone(), server.clone(), Box::new(|| 1))).expect("reopen");
    let after = block_on(numbered_request(&reopened));
    assert!(!distinct.contains(&after), "{after} was already given");

    // Back online, a fresh block follows the others and is never one already used.
    server.with(|s| s.offline = false);
    block_on(reopened.sync_once()).expect("sync");
    let fresh = block_on(numbered_request(&reopened));
    assert_eq!(fresh, "A2-261127-0151");
    assert!(!distinct.contains(&fresh));
}

#[test]
fn a_save_that_fails_takes_no_number_and_the_pool_survives_a_reload() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    block_on(e.sync_once()).expect("sync");
    assert_eq!(block_on(numbered_request(&e)), "A2-261127-0001");
    store.fail_commits.set(true);
    let failed = block_on(e.edit_numbered(|_| {
        vec![FieldEdit::new("request", &RecordId::new_v7(), "status", json!("new"))]
    }));
    assert!(failed.is_err());
    store.fail_commits.set(false);
    assert_eq!(block_on(numbered_request(&e)), "A2-261127-0002", "the failed save took none");
    drop(e);
    let e = block_on(Engine::open(store.clone(), server.clone(), Box::new(|| 1))).unwrap();
    block_on(e.sign_in(session())).unwrap();
    assert_eq!(block_on(e.snapshot()).numbers_left, u64::from(BLOCK_SIZE) - 2);
    assert_eq!(block_on(numbered_request(&e)), "A2-261127-0003");
}

#[test]
fn without_a_block_the_number_is_provisional_and_counts_on() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    server.with(|s| s.offline = true);
    let e = open(&store, &server);
    let replica = block_on(e.replica());
    let new = |_: &TakenNumber| {
        vec![FieldEdit::new("request", &RecordId::new_v7(), "status", json!("new"))]
    };
    let (_, first) = block_on(e.edit_numbered(new)).unwrap();
    let (_, second) = block_on(e.edit_numbered(new)).unwrap();
    assert_eq!(first, TakenNumber::Provisional { replica: replica.clone(), k: 1 });
    assert_eq!(second, TakenNumber::Provisional { replica, k: 2 });
}
