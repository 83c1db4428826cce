//! Pushing: the outbox leaves only on the server's word, refusals are compensated, a long
//! offline day goes up in chunks, and a refused push does not stop the pull.

use super::{field, new_request, open};
use crate::store::{LocalStore, MemStore};
use crate::sync::fake::FakeServer;
use crate::sync::{FieldEdit, SyncError, TransportError};
use futures::executor::block_on;
use serde_json::json;
use shared::{Change, Hlc, Kind, RecordId, ReplicaId};
use std::rc::Rc;

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
fn an_edit_made_while_a_refused_push_was_in_flight_is_not_lost_to_the_compensation() {
    use crate::sync::Transport;
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
        history: None,
        rebase_from: None,
    };
    let in_flight = block_on(server.push("t0k3n", &req)).expect("push");
    assert_eq!(in_flight.rejections.len(), 1, "new -> closed is refused");
    // While the reply is on its way, the butler corrects the status to a valid one.
    block_on(e.edit(vec![FieldEdit::new("request", &id, "status", json!("assigned"))])).unwrap();
    block_on(e.apply_push(&req, in_flight)).expect("apply reply");
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

/// 409 `seq_reused` (the server applied other changes under a batch's `seq`) cannot be
/// mended by sending again: each cycle tries once, keeps the outbox and reports the refusal
/// (pulling goes on, as for any refused push) (the sign-out dialog says the sync failed and offers the export).
#[test]
fn a_reused_seq_is_reported_once_a_cycle_and_keeps_the_outbox() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    new_request(&e, "我的");
    server.with(|s| s.refuse_pushes = Some(409));
    for cycle in 1..=2 {
        let err = block_on(e.sync_once()).unwrap_err();
        assert!(err.is_refusal(), "{err}");
        assert_eq!(server.0.borrow().pushes, cycle, "one try a cycle, no loop");
    }
    assert_eq!(block_on(store.outbox()).unwrap().len(), 1, "nothing dropped");
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
