//! The sync engine against the in-memory store and the fake server (`fake.rs`, the shared
//! model server): local edits, sessions, the clock and pulls here; pushes in `push.rs`;
//! signing out on a shared tablet in `sign_out.rs`.

mod ahead;
mod badge;
mod big_edits;
mod clock_ahead;
mod evict;
mod loading;
mod notices;
mod numbers;
mod opening;
mod push;
mod restore;
mod sign_out;
mod upload_loop;
mod uploads;

use super::fake::FakeServer;
use super::{Engine, FieldEdit, SessionError, SyncError};
use crate::store::{LocalStore, MemStore, RecordRow, Session, META_NEXT_SEQ};
use futures::executor::block_on;
use serde_json::json;

use shared::{Change, Hlc, Kind, RecordId, ReplicaId};
use std::cell::Cell;
use std::rc::Rc;

type TestEngine = Engine<Rc<MemStore>, FakeServer>;

fn session() -> Session {
    super::fake::butler_session()
}

fn open(store: &Rc<MemStore>, server: &FakeServer) -> TestEngine {
    let t = Rc::new(Cell::new(1_700_000_000_000u64));
    let now = Box::new(move || {
        t.set(t.get() + 1);
        t.get()
    });
    let e = block_on(Engine::open(store.clone(), server.clone(), now)).expect("open");
    block_on(e.sign_in(session())).expect("sign in");
    e
}

fn new_request(e: &TestEngine, desc: &str) -> RecordId {
    let id = RecordId::new_v7();
    let edits = vec![
        FieldEdit::new("request", &id, "status", json!("new")),
        FieldEdit::new("request", &id, "description", json!(desc)),
    ];
    block_on(e.edit(edits)).expect("edit");
    id
}

fn field(e: &TestEngine, id: &RecordId, f: &str) -> Option<serde_json::Value> {
    let snap = block_on(e.snapshot());
    snap.state.field(&Kind::new("request"), id, f).map(|s| s.value.clone())
}

#[test]
fn an_edit_writes_record_outbox_and_meta_in_one_commit() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let before = store.commits.get();
    let id = new_request(&e, "漏水");
    assert_eq!(store.commits.get(), before + 1, "one transaction per edit");
    let row = block_on(store.get_record(&Kind::new("request"), &id)).unwrap().expect("record");
    assert_eq!(row.fields["description"].value, json!("漏水"));
    let outbox = block_on(store.outbox()).unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].changes.len(), 2);
    assert_eq!(block_on(store.get_meta::<u64>(META_NEXT_SEQ)).unwrap(), Some(outbox[0].seq + 1));
    let snap = block_on(e.snapshot());
    assert_eq!(snap.pending, 2);
    assert!(snap.pending_ids.contains(&id));

    // A second edit carries the HLC of the value it replaces as `prev`.
    let first = row.fields["description"].hlc;
    let changes =
        block_on(e.edit(vec![FieldEdit::new("request", &id, "description", json!("漏水严重"))]))
            .unwrap();
    assert_eq!(changes[0].prev, Some(first));
    assert!(changes[0].hlc > first);
}

#[test]
fn a_failed_commit_leaves_no_trace_in_memory_or_store() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    store.fail_commits.set(true);
    let id = RecordId::new_v7();
    let res = block_on(e.edit(vec![FieldEdit::new("request", &id, "status", json!("new"))]));
    assert!(matches!(res, Err(SyncError::Store(_))));
    store.fail_commits.set(false);
    assert_eq!(field(&e, &id, "status"), None);
    assert!(block_on(store.outbox()).unwrap().is_empty());
    assert_eq!(block_on(e.snapshot()).pending, 0);
}

#[test]
fn unauthorized_keeps_the_outbox_and_a_restart_loads_everything_back() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let id = new_request(&e, "保留");
    server.with(|s| s.unauthorized = true);
    let err = block_on(e.sync_once()).unwrap_err();
    assert!(err.is_unauthorized());
    assert_eq!(block_on(e.snapshot()).session, None, "a 401 forgets the session");
    let refused = block_on(e.sign_out());
    assert_eq!(refused, Err(SessionError::Unsynced { changes: 2, records: 1 }), "nothing lost");
    let replica = block_on(e.replica());
    drop(e);

    let t = Box::new(|| 1_700_000_000_500u64);
    let e2 = block_on(Engine::open(store.clone(), server.clone(), t)).unwrap();
    let snap = block_on(e2.snapshot());
    assert_eq!(snap.session, None, "signed out");
    assert_eq!(snap.pending, 2, "outbox kept across sign-out and restart");
    assert_eq!(block_on(e2.replica()), replica, "same replica id");
    assert_eq!(
        snap.state.field(&Kind::new("request"), &id, "description").map(|f| f.value.clone()),
        Some(json!("保留"))
    );
}

#[test]
fn a_device_clock_set_an_hour_ahead_is_pulled_back_to_the_server_after_a_sync() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let server_now = 1_700_000_000_000u64;
    server.with(|s| s.now = server_now);
    let device_now = server_now + 3_600_000;
    let now = Box::new(move || device_now);
    let e = block_on(Engine::open(store.clone(), server.clone(), now)).expect("open");
    block_on(e.sign_in(session())).expect("sign in");
    let status = |e: &TestEngine| {
        let edit = FieldEdit::new("request", &RecordId::new_v7(), "status", json!("new"));
        block_on(e.edit(vec![edit])).expect("edit")[0].hlc
    };
    let e2 = block_on(Engine::open(
        Rc::new(MemStore::new()),
        server.clone(),
        Box::new(move || device_now),
    ))
    .expect("open");
    block_on(e2.sign_in(session())).expect("sign in");
    assert!(status(&e2).millis() >= device_now, "never synced: the device's own clock");

    block_on(e.sync_once()).expect("sync");
    let after = status(&e);
    assert!(
        after.millis() < device_now - 60_000,
        "after a sync the reading follows the server's time, not the device's: {after}"
    );
    let skew: Option<i64> = block_on(store.get_meta(crate::store::META_SKEW)).unwrap();
    assert!(skew.is_some_and(|s| s < -3_000_000), "the skew is stored for an offline restart");
}

#[test]
fn a_reset_replaces_records_but_keeps_unsent_edits() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let ghost = RecordId::new_v7();
    let ghost_change = Change {
        kind: Kind::new("request"),
        id: ghost.clone(),
        field: "description".into(),
        value: json!("stale"),
        hlc: Hlc::new(5, 0),
        replica: ReplicaId::server(),
        prev: None,
    };
    let fields = [("description".to_string(), shared::FieldState::from_change(&ghost_change))];
    let row = RecordRow { kind: Kind::new("request"), id: ghost.clone(), fields: fields.into() };
    block_on(store.put_records(vec![row])).unwrap();
    let e = open(&store, &server);
    assert_eq!(field(&e, &ghost, "description"), Some(json!("stale")));
    let theirs = RecordId::new_v7();
    server.write(Change { id: theirs.clone(), value: json!("他们的"), ..ghost_change.clone() });

    let mine = new_request(&e, "我的离线记录");
    block_on(e.pull()).expect("pull (reset: no cursor yet)");
    assert_eq!(field(&e, &ghost, "description"), None, "records not in the snapshot are gone");
    assert_eq!(field(&e, &theirs, "description"), Some(json!("他们的")));
    assert_eq!(field(&e, &mine, "description"), Some(json!("我的离线记录")), "unsent edit kept");
    assert!(block_on(store.get_record(&Kind::new("request"), &ghost)).unwrap().is_none());
    assert!(block_on(store.get_record(&Kind::new("request"), &mine)).unwrap().is_some());
    assert_eq!(block_on(store.outbox()).unwrap().len(), 1);
}

#[test]
fn pulled_changes_merge_and_later_local_edits_order_after_them() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let id = new_request(&e, "原来");
    block_on(e.sync_once()).expect("sync");
    // Another device, with a clock far ahead, edits the description.
    server.with(|s| s.now = 1_900_000_000_000);
    another_tablet_edits_the_description(&server, &id);
    block_on(e.sync_once()).expect("sync");
    assert_eq!(field(&e, &id, "description"), Some(json!("别人改的")));
    let mine =
        block_on(e.edit(vec![FieldEdit::new("request", &id, "description", json!("我又改"))]))
            .unwrap();
    assert!(mine[0].hlc.millis() >= 1_900_000_000_000, "clock observed the remote HLC");
    assert_eq!(field(&e, &id, "description"), Some(json!("我又改")));
}

#[test]
fn a_forgotten_cursor_resets_to_the_servers_records_and_keeps_unsent_edits() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let synced = new_request(&e, "已同步");
    block_on(e.sync_once()).expect("sync");
    // The server's database was replaced: every cursor it handed out is unknown now.
    server.with(|s| s.model.invalidate_cursors());
    let mine = new_request(&e, "重置前的离线记录");
    block_on(e.pull()).expect("pull answers a reset");
    assert_eq!(field(&e, &synced, "description"), Some(json!("已同步")), "snapshot kept");
    assert_eq!(field(&e, &mine, "description"), Some(json!("重置前的离线记录")), "unsent kept");
    assert_eq!(block_on(store.outbox()).unwrap().len(), 1, "and still to be pushed");

    block_on(e.sync_once()).expect("sync after the reset");
    assert!(block_on(store.outbox()).unwrap().is_empty());
    let on_server =
        server.0.borrow().model.state.field(&Kind::new("request"), &mine, "description").cloned();
    assert_eq!(on_server.map(|f| f.value), Some(json!("重置前的离线记录")));
}

#[test]
fn the_revision_moves_with_the_records_and_not_with_an_empty_sync() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let revision = || block_on(e.snapshot()).revision;
    let start = revision();
    let id = new_request(&e, "漏水");
    assert!(revision() > start, "an edit");
    block_on(e.sync_once()).expect("sync");
    block_on(e.sync_once()).expect("sync");
    let synced = revision();
    block_on(e.sync_once()).expect("sync");
    assert_eq!(revision(), synced, "a sync that brings nothing");
    another_tablet_edits_the_description(&server, &id);
    block_on(e.sync_once()).expect("sync");
    assert!(revision() > synced, "a pull that brought a change");
}

/// Another device's edit of the request's description, as the model server receives it
/// (stamped by the server's clock).
fn another_tablet_edits_the_description(server: &FakeServer, id: &RecordId) {
    server.write(Change {
        kind: Kind::new("request"),
        id: id.clone(),
        field: "description".into(),
        value: json!("别人改的"),
        hlc: Hlc::ZERO,
        replica: ReplicaId::from("tablet-2"),
        prev: None,
    });
}
