//! Shared tablets: signing out is refused while edits or unconfirmed photos (waiting or
//! refused) are at risk, an export (which holds the photos' bytes) makes it allowed, the next
//! user starts on a clean replica with a new id, and an expired session never lets another
//! user take over the owner's unsynced edits.

use super::uploads::{add, clock0, open_at, shot};
use super::{field, new_request, open, session};
use crate::store::{self, LocalStore, MemStore, Session, WriteSet};
use crate::sync::fake::FakeServer;
use crate::sync::{Engine, SessionError, Transport, TransportError, UnsyncedExport};
use futures::channel::oneshot;
use futures::executor::block_on;
use shared::protocol::{PullResponse, PushRequest, PushResponse};
use shared::{Change, Hlc, Kind, RecordId, ReplicaId};
use std::cell::RefCell;
use std::rc::Rc;

fn other_user() -> Session {
    let mut s = session();
    s.token = "other-token".into();
    s.me.staff_id = "0190f0a0-0000-7000-8000-0000000000cc".into();
    s.me.username = "butler2".into();
    s.me.display_name = "李管家".into();
    s
}

fn on_server(server: &FakeServer, id: &RecordId) -> Option<serde_json::Value> {
    let s = server.0.borrow();
    s.model.state.field(&Kind::new("request"), id, "description").map(|f| f.value.clone())
}

#[test]
fn signing_out_after_a_sync_leaves_nothing_of_the_last_user_and_a_new_replica() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let first = new_request(&e, "漏水");
    block_on(e.sync_once()).expect("sync");
    let old = block_on(e.replica());
    block_on(e.sign_out()).expect("nothing waits: signing out is allowed");

    assert!(block_on(store.all_records()).unwrap().is_empty(), "no resident data is left");
    assert!(block_on(store.outbox()).unwrap().is_empty());
    for key in [store::META_SESSION, store::META_CURSOR, store::META_NEXT_SEQ, store::META_OWNER] {
        assert_eq!(block_on(store.get_meta_raw(key)).unwrap(), None, "{key} deleted");
    }
    let new = block_on(e.replica());
    assert_ne!(new, old, "a new replica id");
    assert_eq!(block_on(store.get_meta::<ReplicaId>(store::META_REPLICA)).unwrap(), Some(new));
    let snap = block_on(e.snapshot());
    assert_eq!((snap.session, snap.last_sync), (None, None));
    assert_eq!(field(&e, &first, "description"), None, "nothing of it in memory either");

    // The next user's first batch is seq 1 of the new replica, and the server takes it.
    block_on(e.sign_in(other_user())).expect("sign in");
    let second = new_request(&e, "门锁坏了");
    let outbox = block_on(store.outbox()).unwrap();
    assert_eq!(outbox[0].seq, 1, "next_seq restarts");
    assert!(outbox[0].changes.iter().all(|c| c.replica == block_on(e.replica())));
    block_on(e.sync_once()).expect("sync");
    assert_eq!(on_server(&server, &second), Some(serde_json::json!("门锁坏了")));
}

#[test]
fn signing_out_is_refused_while_changes_wait_and_keeps_everything() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let id = new_request(&e, "灯不亮");
    new_request(&e, "电梯异响");
    let replica = block_on(e.replica());
    let refused = block_on(e.sign_out());
    assert_eq!(refused, Err(SessionError::Unsynced { changes: 4, records: 2 }));
    let snap = block_on(e.snapshot());
    assert!(snap.session.is_some(), "still signed in");
    assert!(!snap.exported);
    assert_eq!(block_on(store.outbox()).unwrap().len(), 2);
    assert_eq!(field(&e, &id, "description"), Some(serde_json::json!("灯不亮")));
    assert_eq!(block_on(e.replica()), replica);

    block_on(e.sync_once()).expect("sync now");
    block_on(e.sign_out()).expect("everything synced: signing out is allowed");
    assert!(block_on(store.all_records()).unwrap().is_empty());
}

#[test]
fn exporting_allows_signing_out_but_a_later_edit_needs_a_new_export() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    server.with(|s| s.offline = true);
    let id = new_request(&e, "水管爆裂");
    let first = block_on(e.export_unsynced()).expect("export");
    assert_eq!(first.format, crate::sync::EXPORT_FORMAT);
    assert_eq!(first.replica, block_on(e.replica()));
    assert_eq!(first.user.as_ref().map(|u| u.username.as_str()), Some("butler1"));
    assert_eq!(first.batches, block_on(store.outbox()).unwrap());
    assert!(first.photos.is_empty(), "no photo taken");
    assert_eq!((first.changes, first.records), (2, 1));
    assert!(first.batches[0].changes.iter().any(|c| c.id == id));
    assert_eq!(first.file_name(8 * 60), "guanjia-unsynced-butler1-2023-11-15.json");
    let back: UnsyncedExport = serde_json::from_str(&first.to_json()).expect("valid JSON");
    assert_eq!(back, first);
    block_on(e.mark_exported(&first)).expect("mark");
    assert!(block_on(e.snapshot()).exported);

    new_request(&e, "又一条");
    assert!(!block_on(e.snapshot()).exported, "the new edit is in no file");
    block_on(e.mark_exported(&first)).expect("mark the old file again");
    let refused = block_on(e.sign_out());
    assert_eq!(refused, Err(SessionError::Unsynced { changes: 4, records: 2 }));

    let second = block_on(e.export_unsynced()).expect("export");
    assert_eq!(second.batches.len(), 2);
    block_on(e.mark_exported(&second)).expect("mark");
    block_on(e.sign_out()).expect("exported: signing out is allowed");
    assert!(block_on(store.outbox()).unwrap().is_empty(), "the exported outbox is deleted");
    assert!(block_on(store.all_records()).unwrap().is_empty());
    assert_eq!(block_on(store.get_meta_raw(store::META_EXPORTED)).unwrap(), None);
    assert_ne!(block_on(e.replica()), first.replica);
}

#[test]
fn an_expired_session_keeps_the_owners_edits_from_another_user() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let id = new_request(&e, "保留给本人");
    server.with(|s| s.unauthorized = true);
    assert!(block_on(e.sync_once()).unwrap_err().is_unauthorized());
    assert_eq!(block_on(e.snapshot()).session, None, "the login page shows");

    let refused = block_on(e.sign_in(other_user()));
    let owner = "王管家".to_owned();
    assert_eq!(refused, Err(SessionError::OtherUser { owner, changes: 2, records: 1 }));
    assert_eq!(block_on(e.snapshot()).session, None);
    assert_eq!(block_on(store.outbox()).unwrap().len(), 1);

    block_on(e.sign_in(session())).expect("the owner signs in again");
    server.with(|s| s.unauthorized = false);
    block_on(e.sync_once()).expect("sync");
    assert_eq!(on_server(&server, &id), Some(serde_json::json!("保留给本人")));

    // Once nothing is at risk, another user after an expiry starts clean.
    server.with(|s| s.unauthorized = true);
    assert!(block_on(e.sync_once()).is_err());
    let replica = block_on(e.replica());
    block_on(e.sign_in(other_user())).expect("nothing at risk");
    assert!(block_on(store.all_records()).unwrap().is_empty());
    assert_ne!(block_on(e.replica()), replica);
    assert_eq!(block_on(e.snapshot()).session.map(|s| s.me.username), Some("butler2".into()));
}

#[test]
fn a_refused_photo_blocks_signing_out_until_exported_with_its_bytes() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    let s = shot(20);
    add(&e, &s);
    block_on(e.sync_once()).expect("the record is on the server");
    // Bytes damaged on the device: the server refuses the original for good (hash check).
    let mut damaged = s.bytes.clone();
    damaged[100] ^= 1;
    let w =
        WriteSet { blobs: vec![(s.meta.sha256.clone(), damaged.clone())], ..WriteSet::default() };
    block_on(store.commit(w)).unwrap();
    let p = block_on(e.upload_photos()).unwrap();
    assert_eq!((p.failed, p.waiting, p.done), (1, 0, 1), "the thumbnail went up");

    let refused = block_on(e.sign_out());
    assert_eq!(refused, Err(SessionError::PhotosUnconfirmed { waiting: 0, failed: 1 }));
    assert_eq!(block_on(e.snapshot()).photos_at_risk, 1);
    assert_eq!(block_on(store.get_blob(&s.meta.sha256)).unwrap(), Some(damaged.clone()), "kept");

    let file = block_on(e.export_unsynced()).expect("export");
    assert!(file.batches.is_empty(), "every change is synced");
    assert_eq!(file.photos.len(), 1, "only the unconfirmed blob: {:?}", file.photos);
    let p = &file.photos[0];
    assert_eq!((p.sha256.as_str(), &p.photo), (s.meta.sha256.as_str(), &s.id));
    assert_eq!(p.status, "failed: hash_mismatch");
    let back: UnsyncedExport = serde_json::from_str(&file.to_json()).expect("valid JSON");
    assert_eq!(back.photos[0].bytes(), Some(damaged), "the file holds the bytes");
    block_on(e.mark_exported(&file)).expect("mark");
    assert_eq!(block_on(e.snapshot()).photos_at_risk, 0);
    block_on(e.sign_out()).expect("exported: signing out is allowed");
    assert_eq!(block_on(store.get_blob(&s.meta.sha256)).unwrap(), None);
}

#[test]
fn waiting_photos_go_into_the_export_and_a_later_photo_needs_a_new_one() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    server.with(|st| st.offline = true);
    let s = shot(21);
    add(&e, &s);
    let refused = block_on(e.sign_out());
    assert!(matches!(refused, Err(SessionError::Unsynced { .. })), "{refused:?}");
    let file = block_on(e.export_unsynced()).expect("export");
    let mut held: Vec<_> = file.photos.iter().map(|p| (p.sha256.clone(), p.bytes())).collect();
    held.sort();
    let mut want = vec![
        (s.meta.sha256.clone(), Some(s.bytes.clone())),
        (s.meta.thumb_sha256.clone(), Some(s.thumb.clone())),
    ];
    want.sort();
    assert_eq!(held, want, "the photo and its thumbnail, with their bytes");
    assert!(file.photos.iter().all(|p| p.status == "waiting"));
    block_on(e.mark_exported(&file)).expect("mark");

    // A photo taken after the export is in no file: it blocks signing out again.
    let t = shot(22);
    add(&e, &t);
    let again = block_on(e.export_unsynced()).expect("export");
    block_on(e.mark_exported(&file)).expect("the old file again");
    assert!(block_on(e.sign_out()).is_err());
    assert_eq!(block_on(e.snapshot()).photos_at_risk, 2);
    block_on(e.mark_exported(&again)).expect("mark");
    block_on(e.sign_out()).expect("everything is in a file");
    assert!(block_on(store.all_records()).unwrap().is_empty());
}

/// The fake server, but a pull waits for the gate, if one is set, before answering.
struct Gated(FakeServer, RefCell<Option<oneshot::Receiver<()>>>);

impl Transport for Gated {
    async fn push(&self, token: &str, req: &PushRequest) -> Result<PushResponse, TransportError> {
        self.0.push(token, req).await
    }
    async fn pull(
        &self,
        token: &str,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<PullResponse, TransportError> {
        let gate = self.1.borrow_mut().take();
        if let Some(gate) = gate {
            let _ = gate.await;
        }
        self.0.pull(token, cursor, limit).await
    }
}

#[test]
fn a_pull_answered_after_signing_out_is_not_applied() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let theirs = RecordId::new_v7();
    server.write(Change {
        kind: Kind::new("request"),
        id: theirs.clone(),
        field: "description".into(),
        value: serde_json::json!("住户资料"),
        hlc: Hlc::ZERO,
        replica: ReplicaId::from("tablet-2"),
        prev: None,
    });
    let (tx, rx) = oneshot::channel();
    let transport = Gated(server.clone(), RefCell::new(Some(rx)));
    let now = Box::new(|| crate::sync::fake::START_MS);
    let e = block_on(Engine::open(store.clone(), transport, now)).expect("open");
    block_on(e.sign_in(session())).expect("sign in");

    let pulled = block_on(async {
        let sign_out = async {
            e.sign_out().await.expect("nothing waits");
            tx.send(()).expect("open the gate");
        };
        futures::join!(e.pull(), sign_out).0
    });
    assert!(e.transport.1.borrow().is_none(), "the pull was on the wire before signing out");
    assert!(pulled.is_err(), "the page was for the replica that is gone");
    assert!(block_on(store.all_records()).unwrap().is_empty(), "the last user's page is dropped");
    let snap = block_on(e.snapshot());
    assert_eq!(snap.state.field(&Kind::new("request"), &theirs, "description"), None);
    assert_eq!(block_on(store.get_meta_raw(store::META_CURSOR)).unwrap(), None);
}
