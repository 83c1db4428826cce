//! The sync engine against the in-memory store and the fake server.

use super::fake::FakeServer;
use super::{Engine, FieldEdit, SyncError, TransportError};
use crate::store::{LocalStore, MemStore, RecordRow, Session, META_NEXT_SEQ};
use futures::executor::block_on;
use serde_json::json;
use shared::protocol::Me;
use shared::{Change, Hlc, Kind, RecordId, ReplicaId, Role};
use std::cell::Cell;
use std::rc::Rc;

type TestEngine = Engine<Rc<MemStore>, FakeServer>;

fn session() -> Session {
    Session {
        token: "t0k3n".into(),
        me: Me {
            staff_id: "0190f0a0-0000-7000-8000-0000000000aa".into(),
            username: "butler1".into(),
            display_name: "王管家".into(),
            role: Role::Butler,
            site_id: "0190f0a0-0000-7000-8000-0000000000bb".into(),
            site_name: "阳光花园".into(),
            area_id: None,
        },
    }
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
fn offline_push_keeps_everything_and_a_later_sync_delivers_it() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let id = new_request(&e, "门锁坏了");
    server.with(|s| s.offline = true);
    let err = block_on(e.sync_once()).unwrap_err();
    assert!(matches!(err, SyncError::Transport(TransportError::Offline(_))));
    assert_eq!(block_on(store.outbox()).unwrap().len(), 1);
    assert_eq!(field(&e, &id, "description"), Some(json!("门锁坏了")));
    assert_eq!(block_on(e.snapshot()).last_sync, None);

    server.with(|s| s.offline = false);
    block_on(e.sync_once()).expect("sync");
    assert!(block_on(store.outbox()).unwrap().is_empty());
    let snap = block_on(e.snapshot());
    assert_eq!(snap.pending, 0);
    assert!(snap.last_sync.is_some());
    let on_server =
        server.0.borrow().model.state.field(&Kind::new("request"), &id, "description").cloned();
    assert_eq!(on_server.map(|f| f.value), Some(json!("门锁坏了")));
}

#[test]
fn the_outbox_is_drained_only_up_to_last_seq() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    for d in ["一", "二", "三"] {
        new_request(&e, d);
    }
    server.with(|s| s.max_batches = Some(2));
    block_on(e.push()).expect("push");
    let left = block_on(store.outbox()).unwrap();
    assert_eq!(left.len(), 1, "the batch the server did not apply stays");
    assert_eq!(left[0].seq, 3);
    assert_eq!(block_on(e.snapshot()).pending, 2);

    server.with(|s| s.max_batches = None);
    block_on(e.push()).expect("push");
    assert!(block_on(store.outbox()).unwrap().is_empty());
    assert_eq!(server.0.borrow().model.log.len(), 6, "no batch applied twice");
}

#[test]
fn a_rejected_change_is_compensated_even_though_the_local_clock_is_ahead() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let id = new_request(&e, "灯不亮");
    block_on(e.sync_once()).expect("sync");
    // new -> closed is not allowed; the local edit's HLC is newer than anything on the server.
    block_on(e.edit(vec![FieldEdit::new("request", &id, "status", json!("closed"))])).unwrap();
    assert_eq!(field(&e, &id, "status"), Some(json!("closed")));
    block_on(e.push()).expect("push");
    assert_eq!(field(&e, &id, "status"), Some(json!("new")), "server's answer wins");
    let row = block_on(store.get_record(&Kind::new("request"), &id)).unwrap().unwrap();
    assert_eq!(row.fields["status"].value, json!("new"), "and it is stored");
    assert!(block_on(store.outbox()).unwrap().is_empty());
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
    let c = Change {
        kind: Kind::new("request"),
        id: id.clone(),
        field: "description".into(),
        value: json!("别人改的"),
        hlc: Hlc::ZERO,
        replica: ReplicaId::from("tablet-2"),
        prev: None,
    };
    server.write(c);
    block_on(e.sync_once()).expect("sync");
    assert_eq!(field(&e, &id, "description"), Some(json!("别人改的")));
    let mine =
        block_on(e.edit(vec![FieldEdit::new("request", &id, "description", json!("我又改"))]))
            .unwrap();
    assert!(mine[0].hlc.millis() >= 1_900_000_000_000, "clock observed the remote HLC");
    assert_eq!(field(&e, &id, "description"), Some(json!("我又改")));
}

#[test]
fn unauthorized_keeps_the_outbox_and_a_restart_loads_everything_back() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let id = new_request(&e, "保留");
    server.with(|s| s.unauthorized = true);
    let err = block_on(e.sync_once()).unwrap_err();
    assert!(err.is_unauthorized());
    block_on(e.sign_out()).unwrap();
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
fn an_edit_made_while_a_refused_push_was_in_flight_is_not_lost_to_the_compensation() {
    use super::Transport;
    use shared::protocol::PushRequest;
    use shared::schema::SCHEMA_VERSION;
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    // The server's clock runs an hour ahead of the tablet: its compensation outranks any
    // stamp the tablet makes before it sees the compensation.
    server.with(|s| s.now = 1_700_000_000_000 + 3_600_000);
    let e = open(&store, &server);
    let id = new_request(&e, "门禁坏了");
    block_on(e.sync_once()).expect("sync");

    block_on(e.edit(vec![FieldEdit::new("request", &id, "status", json!("closed"))])).unwrap();
    let req = PushRequest {
        replica: block_on(e.replica()),
        schema: SCHEMA_VERSION,
        batches: block_on(store.outbox()).unwrap(),
    };
    let in_flight = block_on(server.push("t0k3n", &req)).expect("push");
    assert_eq!(in_flight.rejections.len(), 1, "new -> closed is refused");
    // While the reply is on its way, the butler corrects the status to a valid one.
    block_on(e.edit(vec![FieldEdit::new("request", &id, "status", json!("assigned"))])).unwrap();
    block_on(e.apply_push(in_flight)).expect("apply reply");
    assert_eq!(field(&e, &id, "status"), Some(json!("assigned")), "the latest word is shown");
    let outbox = block_on(store.outbox()).unwrap();
    assert_eq!(outbox.len(), 1, "the later edit waits for the next push");

    block_on(e.sync_once()).expect("sync");
    assert_eq!(field(&e, &id, "status"), Some(json!("assigned")));
    let mut on_server = None;
    server.with(|s| {
        on_server =
            s.model.state.field(&Kind::new("request"), &id, "status").map(|f| f.value.clone());
    });
    assert_eq!(on_server, Some(json!("assigned")), "and the server kept it");
    assert!(block_on(store.outbox()).unwrap().is_empty());
}

#[test]
fn three_thousand_requests_made_offline_reach_the_server_in_several_pushes() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    server.with(|s| s.offline = true);
    let ids: Vec<RecordId> = (0..3000).map(|i| new_request(&e, &format!("离线第{i}条"))).collect();
    assert!(block_on(e.sync_once()).is_err(), "offline all day");
    server.with(|s| s.offline = false);

    block_on(e.sync_once()).expect("sync after the offline day");
    assert!(block_on(store.outbox()).unwrap().is_empty());
    let s = server.0.borrow();
    assert!(s.pushes > 2, "a 4 MiB day goes up in several pushes, not one ({})", s.pushes);
    for (i, id) in ids.iter().enumerate() {
        let held = s.model.state.field(&Kind::new("request"), id, "description");
        assert_eq!(held.map(|f| f.value.clone()), Some(json!(format!("离线第{i}条"))));
    }
}

#[test]
fn a_refused_push_keeps_the_outbox_and_still_pulls_the_others_work() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let mine = new_request(&e, "我的");
    server.with(|s| s.refuse_pushes = Some(400));
    let theirs = RecordId::new_v7();
    server.write(Change {
        kind: Kind::new("request"),
        id: theirs.clone(),
        field: "description".into(),
        value: json!("别人的"),
        hlc: Hlc::ZERO,
        replica: ReplicaId::from("tablet-2"),
        prev: None,
    });
    let err = block_on(e.sync_once()).unwrap_err();
    assert!(err.is_refusal(), "{err}");
    assert_eq!(field(&e, &theirs, "description"), Some(json!("别人的")), "pulled anyway");
    assert_eq!(block_on(store.outbox()).unwrap().len(), 1, "my edit waits");

    server.with(|s| s.refuse_pushes = None);
    block_on(e.sync_once()).expect("sync");
    let on_server =
        server.0.borrow().model.state.field(&Kind::new("request"), &mine, "status").cloned();
    assert_eq!(on_server.map(|f| f.value), Some(json!("new")));
}

#[test]
fn an_acknowledgement_of_batches_never_made_is_refused_and_drops_nothing() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    new_request(&e, "一");
    server.with(|s| s.claim_last_seq = Some(1_000_000));
    let err = block_on(e.push()).unwrap_err();
    assert!(matches!(err, SyncError::BadReply(_)), "{err}");
    assert_eq!(block_on(store.outbox()).unwrap().len(), 1, "nothing dropped on its word");
}
