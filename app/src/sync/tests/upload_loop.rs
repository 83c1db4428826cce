//! The upload loop beside the record sync (issue 9): a record edit made while a large photo
//! is on the wire reaches the server before the photo does; the loop sleeps out a blob's
//! back-off and backs off while the server cannot be reached.

use super::new_request;
use super::uploads::{add, clock0, open_at, shot, total};
use crate::photos::plan::FIRST_BACKOFF_MS;
use crate::store::MemStore;
use crate::sync::fake::FakeServer;
use crate::sync::upload_loop::{FIRST_RETRY_MS, MAX_RETRY_MS};
use crate::sync::{run_uploads, SyncError, UPLOAD_PERIOD_MS};
use futures::channel::mpsc::unbounded;
use futures::executor::{block_on, LocalPool};
use futures::task::LocalSpawnExt;
use serde_json::json;
use shared::Kind;
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn an_edit_made_while_a_photo_uploads_reaches_the_server_first() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = Rc::new(open_at(&store, &server, &clock));
    let s = shot(20);
    add(&e, &s);
    block_on(e.sync_once()).expect("the photo's record goes up");

    // The network is slow: every chunk hangs on the wire until the test lets it through.
    let gate = server.0.borrow().put_gate.clone();
    let held = block_on(gate.lock());
    let mut pool = LocalPool::new();
    let (kick, kicks) = unbounded();
    let errors = Rc::new(RefCell::new(Vec::<String>::new()));
    let seen = errors.clone();
    let never = |_ms: u64| futures::future::pending::<()>();
    let report = move |err: &SyncError| seen.borrow_mut().push(err.to_string());
    pool.spawner().spawn_local(run_uploads(e.clone(), kicks, never, report)).unwrap();
    pool.run_until_stalled();
    assert_eq!(server.0.borrow().chunks, 0, "the first chunk is on the wire");

    // Meanwhile the butler edits a request, and the record loop syncs: it does not wait.
    let id = new_request(&e, "水管爆裂");
    pool.run_until(e.sync_once()).expect("record sync during the upload");
    let on_server = server
        .0
        .borrow()
        .model
        .state
        .field(&Kind::new("request"), &id, "description")
        .map(|f| f.value.clone());
    assert_eq!(on_server, Some(json!("水管爆裂")), "the edit is on the server");
    let srv = server.0.borrow();
    assert!(!srv.complete.contains(&s.meta.sha256), "while the photo is still uploading");
    drop(srv);
    assert_eq!(block_on(e.snapshot()).uploads.progress().waiting, 2);

    // The network lets the chunks through: the photo completes, its progress reaches 100 %.
    drop(held);
    pool.run_until_stalled();
    let p = block_on(e.snapshot()).uploads.progress();
    assert_eq!((p.waiting, p.done, p.percent()), (0, 2, 100));
    assert_eq!(server.0.borrow().chunk_bytes, total(&s), "each byte sent once");
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
    drop(kick);
    pool.run_until_stalled();
}

#[test]
fn the_loop_waits_out_a_photos_back_off_and_the_servers_absence() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = Rc::new(open_at(&store, &server, &clock));
    // Nothing to upload: the loop looks again a period later.
    let mut retry = FIRST_RETRY_MS;
    assert_eq!(block_on(e.upload_round(&mut retry)).wait_ms, UPLOAD_PERIOD_MS);

    // The photo's record is not on the server yet (404): the photo waits its back-off, and
    // the loop sleeps exactly that long.
    let s = shot(21);
    add(&e, &s);
    let round = block_on(e.upload_round(&mut retry));
    assert!(round.error.is_none(), "{:?}", round.error);
    assert_eq!(round.wait_ms, FIRST_BACKOFF_MS);

    // The server is down: the loop backs off, doubling, capped.
    block_on(e.sync_once()).unwrap();
    server.with(|st| st.offline = true);
    clock.set(clock.get() + FIRST_BACKOFF_MS);
    let waits: Vec<u64> = (0..8).map(|_| block_on(e.upload_round(&mut retry)).wait_ms).collect();
    assert_eq!(&waits[..3], &[FIRST_RETRY_MS, FIRST_RETRY_MS * 2, FIRST_RETRY_MS * 4]);
    assert_eq!(waits[7], MAX_RETRY_MS);
    assert!(matches!(
        block_on(e.upload_round(&mut retry)).error,
        Some(SyncError::Transport(crate::sync::TransportError::Offline(_)))
    ));
    // Back online: everything goes up, and the back-off starts afresh.
    server.with(|st| st.offline = false);
    let round = block_on(e.upload_round(&mut retry));
    assert!(round.error.is_none());
    assert_eq!(retry, FIRST_RETRY_MS);
    assert_eq!(block_on(e.snapshot()).uploads.progress().done, 2);
}
