//! The server restored from an older backup (`sync/restored.rs`): the device notices the new
//! history, keeps what it holds, restates what the backup lacks and uploads its photos
//! again — with no step of the user's — and a second device with an old cursor reloads and
//! sees all of it.

use super::uploads::{add, clock0, open_at, shot};
use super::{field, new_request, TestEngine};
use crate::store::{LocalStore, MemStore, META_HISTORY};
use crate::sync::fake::FakeServer;
use crate::sync::{FieldEdit, SyncError, TransportError};
use futures::executor::block_on;
use serde_json::json;
use shared::{Kind, ReplicaState};
use std::rc::Rc;

/// Syncs and uploads until nothing is left to do (a refused push is reported by the first
/// cycle: the pull that follows it starts the rebase).
fn settle(e: &TestEngine) {
    for _ in 0..4 {
        match block_on(e.sync_once()) {
            Ok(()) | Err(SyncError::Transport(TransportError::Server { status: 409, .. })) => {}
            Err(other) => panic!("sync failed: {other:?}"),
        }
        block_on(e.upload_photos()).expect("uploads");
    }
}

/// The requests of a replica state, as the server's model holds them.
fn requests(s: &ReplicaState) -> ReplicaState {
    let mut out = ReplicaState::new();
    for c in s.to_changes().into_iter().filter(|c| c.kind == Kind::new("request")) {
        out.apply(&c);
    }
    out
}

#[test]
fn a_restored_server_gets_back_what_the_tablet_holds() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    let other_store = Rc::new(MemStore::new());
    let office = open_at(&other_store, &server, &clock);
    let kept = new_request(&e, "备份前的报修");
    settle(&e);
    settle(&office);
    let history = block_on(store.get_meta::<String>(META_HISTORY)).unwrap();
    assert_eq!(history.as_deref(), Some("h0"), "the device keeps the server's history");

    // The nightly backup; then a day's work reaches the server, photo included.
    let (backup, blobs_then) = {
        let s = server.0.borrow();
        (s.model.backup(), (s.blobs.clone(), s.complete.clone(), s.served.clone()))
    };
    let lost = new_request(&e, "备份后的报修");
    block_on(e.edit(vec![FieldEdit::new("request", &kept, "description", json!("备份后改过"))]))
        .expect("edit");
    let photo = shot(7);
    add(&e, &photo);
    settle(&e);
    assert!(server.0.borrow().complete.contains(&photo.meta.sha256));
    // And one edit that has not gone up yet when the server fails.
    server.with(|s| s.offline = true);
    let unsent = new_request(&e, "还没发出的报修");

    // The server is restored from the backup: its state, log, replicas and blobs of then.
    server.with(|s| {
        s.now += 60_000;
        let now = s.now;
        s.model.restore(backup, now);
        (s.blobs, s.complete, s.served) = blobs_then;
        s.offline = false;
    });
    assert!(server.0.borrow().model.state.record(&Kind::new("request"), &lost).is_none());

    settle(&e);
    let s = server.0.borrow();
    let on_server =
        |id, f: &str| s.model.state.field(&Kind::new("request"), id, f).map(|v| v.value.clone());
    assert_eq!(on_server(&kept, "description"), Some(json!("备份后改过")));
    assert_eq!(on_server(&lost, "description"), Some(json!("备份后的报修")));
    assert_eq!(on_server(&unsent, "description"), Some(json!("还没发出的报修")));
    assert!(s.complete.contains(&photo.meta.sha256), "the photo's bytes went up again");
    assert!(s.complete.contains(&photo.meta.thumb_sha256));
    let device = block_on(e.snapshot());
    assert_eq!(requests(&device.state), requests(&s.model.state), "the device equals the server");
    assert_eq!(device.pending, 0);
    assert!(!device.rebasing, "the rebase is over");
    let history = block_on(store.get_meta::<String>(META_HISTORY)).unwrap();
    assert_eq!(history.as_deref(), Some(s.model.history.as_str()));
    drop(s);

    // The second device's cursor is of the old history: it reloads and sees everything.
    settle(&office);
    assert_eq!(field(&office, &lost, "description"), Some(json!("备份后的报修")));
    assert_eq!(field(&office, &kept, "description"), Some(json!("备份后改过")));
    let s = server.0.borrow();
    assert_eq!(requests(&block_on(office.snapshot()).state), requests(&s.model.state));
}

/// The app is closed half-way (the snapshot merged, the restatements not yet written): the
/// rebase is kept in the store, starts its snapshot again after the reload, and the server
/// still gets what the tablet held.
#[test]
fn a_rebase_survives_a_reload_half_way() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    settle(&e);
    let backup = server.0.borrow().model.backup();
    let lost = new_request(&e, "备份后的报修");
    settle(&e);
    server.with(|s| {
        s.now += 60_000;
        let now = s.now;
        s.model.restore(backup, now);
        // The server answers pulls but not pushes: the rebase stops after its snapshot.
        s.refuse_pushes = Some(503);
    });
    assert!(block_on(e.sync_once()).is_err(), "the restatements could not be sent");
    assert!(block_on(e.snapshot()).rebasing, "the badge says the device is rebasing");
    assert!(block_on(store.get_meta::<serde_json::Value>(crate::store::META_REBASE))
        .unwrap()
        .is_some());
    drop(e);

    server.with(|s| s.refuse_pushes = None);
    let reopened = open_at(&store, &server, &clock);
    assert_eq!(field(&reopened, &lost, "description"), Some(json!("备份后的报修")), "kept");
    settle(&reopened);
    let s = server.0.borrow();
    let on_server = s.model.state.field(&Kind::new("request"), &lost, "description");
    assert_eq!(on_server.map(|f| f.value.clone()), Some(json!("备份后的报修")));
    assert!(!block_on(reopened.snapshot()).rebasing);
}
