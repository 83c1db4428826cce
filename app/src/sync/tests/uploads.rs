//! The photo upload queue against the fake server's blob store: a photo is saved in one
//! transaction, its bytes follow its record, an interrupted upload resumes from the server's
//! offset (also after a reload), and refused bytes fail for good with the reason.

use super::{session, TestEngine};
use crate::photos::{sha256_hex, PhotoMeta, UploadStatus};
use crate::store::{LocalStore, MemStore, WriteSet, META_UPLOADS};
use crate::sync::fake::FakeServer;
use crate::sync::{Engine, PhotoError, SyncError, TransportError};
use futures::executor::block_on;
use shared::blob::{ImageType, PhotoParent, CHUNK_BYTES};
use shared::RecordId;
use std::cell::Cell;
use std::rc::Rc;

/// An engine whose clock the test moves (back-off waits are real waits otherwise).
pub(super) fn open_at(
    store: &Rc<MemStore>,
    server: &FakeServer,
    clock: &Rc<Cell<u64>>,
) -> TestEngine {
    let c = clock.clone();
    let e = block_on(Engine::open(store.clone(), server.clone(), Box::new(move || c.get())))
        .expect("open");
    block_on(e.sign_in(session())).expect("sign in");
    e
}

/// The tests' device clock, starting where the fake server's does.
pub(super) fn clock0() -> Rc<Cell<u64>> {
    Rc::new(Cell::new(crate::sync::fake::START_MS))
}

/// JPEG-looking bytes: the magic number, then `len` bytes that differ per `seed`.
pub(super) fn jpeg(len: usize, seed: u8) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0];
    let mut x = u32::from(seed).wrapping_mul(0x9E37_79B9) | 1;
    b.extend((0..len).map(|_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x as u8
    }));
    b
}

pub(super) struct Shot {
    pub id: RecordId,
    pub meta: PhotoMeta,
    pub bytes: Vec<u8>,
    pub thumb: Vec<u8>,
}

/// A photo of two and a half chunks with a small thumbnail.
pub(super) fn shot(seed: u8) -> Shot {
    let bytes = jpeg(CHUNK_BYTES as usize * 2 + 1000, seed);
    let thumb = jpeg(5000, seed.wrapping_add(100));
    let meta = PhotoMeta {
        parent_kind: PhotoParent::Request,
        parent_id: RecordId::new_v7(),
        sha256: sha256_hex(&bytes),
        thumb_sha256: sha256_hex(&thumb),
        mime: ImageType::Jpeg,
        bytes: bytes.len() as u64,
        width: 2048,
        height: 1536,
        taken_at: None,
        lat: None,
        lon: None,
        at: 1_700_000_000_000,
        by: session().me.staff_id,
    };
    Shot { id: RecordId::new_v7(), meta, bytes, thumb }
}

pub(super) fn add(e: &TestEngine, s: &Shot) {
    block_on(e.add_photo(&s.id, &s.meta, s.bytes.clone(), s.thumb.clone())).expect("add photo");
}

fn status(e: &TestEngine, sha: &str) -> UploadStatus {
    block_on(e.snapshot()).uploads.get(sha).expect("queued").status.clone()
}

pub(super) fn total(s: &Shot) -> u64 {
    (s.bytes.len() + s.thumb.len()) as u64
}

#[test]
fn a_photo_is_saved_whole_in_one_commit_or_not_at_all() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    let s = shot(1);
    let before = store.commits.get();
    add(&e, &s);
    assert_eq!(store.commits.get(), before + 1, "record, bytes, thumbnail and queue together");
    assert_eq!(block_on(store.get_blob(&s.meta.sha256)).unwrap(), Some(s.bytes.clone()));
    assert_eq!(block_on(store.get_blob(&s.meta.thumb_sha256)).unwrap(), Some(s.thumb.clone()));
    assert!(block_on(store.get_record(&"photo".into(), &s.id)).unwrap().is_some());
    let queued: crate::photos::UploadQueue =
        block_on(store.get_meta(META_UPLOADS)).unwrap().expect("queue stored");
    assert_eq!(queued.progress().waiting, 2);
    assert_eq!(block_on(e.snapshot()).uploads.progress().bytes_total, total(&s));

    // Bytes that do not match the record, a thumbnail too large, a failing disk: nothing.
    let t = shot(2);
    let commits = store.commits.get();
    let wrong = PhotoMeta { sha256: t.meta.thumb_sha256.clone(), ..t.meta.clone() };
    let r = block_on(e.add_photo(&t.id, &wrong, t.bytes.clone(), t.thumb.clone()));
    assert!(matches!(r, Err(PhotoError::Invalid(_))), "{r:?}");
    let r = block_on(e.add_photo(&t.id, &t.meta, t.bytes.clone(), jpeg(40_000, 3)));
    assert!(matches!(r, Err(PhotoError::Invalid(_))), "{r:?}");
    store.fail_commits.set(true);
    assert!(block_on(e.add_photo(&t.id, &t.meta, t.bytes.clone(), t.thumb.clone())).is_err());
    store.fail_commits.set(false);
    assert_eq!(store.commits.get(), commits);
    assert_eq!(block_on(store.get_blob(&t.meta.sha256)).unwrap(), None);
    assert_eq!(block_on(e.snapshot()).uploads.0.len(), 2, "the failed photo is not queued");
}

#[test]
fn bytes_wait_for_their_record_then_go_up_in_chunks() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());

    let e = open_at(&store, &server, &clock);
    let s = shot(4);
    add(&e, &s);
    // Not pushed yet: the server does not know the hash, so the bytes wait (404).
    block_on(e.upload_photos()).unwrap();
    assert!(matches!(status(&e, &s.meta.sha256), UploadStatus::Waiting { failures: 1, .. }));
    assert_eq!(server.0.borrow().chunks, 0);

    block_on(e.sync_once()).unwrap();
    block_on(e.upload_photos()).unwrap();
    assert_eq!(server.0.borrow().chunks, 0, "the back-off is waited out");
    clock.set(clock.get() + crate::photos::plan::FIRST_BACKOFF_MS);
    let p = block_on(e.upload_photos()).unwrap();
    assert_eq!((p.waiting, p.done), (0, 2));
    let srv = server.0.borrow();
    assert!(srv.complete.contains(&s.meta.sha256) && srv.complete.contains(&s.meta.thumb_sha256));
    assert_eq!((srv.chunks, srv.chunk_bytes), (4, total(&s)), "3 chunks and the thumbnail");
}

#[test]
fn an_interrupted_upload_resumes_from_the_servers_offset_even_after_a_reload() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());

    let e = open_at(&store, &server, &clock);
    let s = shot(5);
    add(&e, &s);
    block_on(e.sync_once()).unwrap();
    // The thumbnail (fewer bytes, same failures) may go first: let the server die after the
    // photo's first chunk, wherever it comes.
    server.with(|st| st.die_after_chunks = Some(1));
    let offline = block_on(e.upload_photos());
    assert!(matches!(offline, Err(SyncError::Transport(TransportError::Offline(_)))));
    let first = server.0.borrow().chunk_bytes;
    assert!(first > 0 && server.0.borrow().offline);

    // Reload: a new engine on the same store; the server comes back.
    drop(e);
    let e = open_at(&store, &server, &clock);
    assert_eq!(block_on(e.snapshot()).uploads.progress().waiting, 2, "the queue survived");
    server.with(|st| st.offline = false);
    // A lost network counts against no photo: they go on as soon as the server is back.
    let p = block_on(e.upload_photos()).unwrap();
    assert_eq!((p.waiting, p.done), (0, 2));
    let sent = server.0.borrow().chunk_bytes;
    assert!(sent <= total(&s) + CHUNK_BYTES, "re-sent at most one chunk: {sent}");
    assert_eq!(sent, total(&s), "HEAD said where to go on: nothing was sent twice");
}

#[test]
fn a_wrong_offset_is_asked_again_and_refused_bytes_fail_with_the_reason() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    let s = shot(6);
    add(&e, &s);
    block_on(e.sync_once()).unwrap();
    server.with(|st| st.conflict_next_put = true);
    let p = block_on(e.upload_photos()).unwrap();
    assert_eq!(p.done, 2, "a 409 HEADs again and carries on");
    assert_eq!(server.0.borrow().chunk_bytes, total(&s));

    // Bytes damaged on the device: the server's hash check refuses them for good.
    let t = shot(7);
    add(&e, &t);
    block_on(e.sync_once()).unwrap();
    let mut damaged = t.bytes.clone();
    damaged[100] ^= 1;
    let w = WriteSet { blobs: vec![(t.meta.sha256.clone(), damaged)], ..WriteSet::default() };
    block_on(store.commit(w)).unwrap();
    let p = block_on(e.upload_photos()).unwrap();
    assert_eq!(status(&e, &t.meta.sha256), UploadStatus::Failed { reason: "hash_mismatch".into() });
    assert_eq!((p.failed, p.waiting), (1, 0));
    assert!(!server.0.borrow().complete.contains(&t.meta.sha256));
}

#[test]
fn the_same_bytes_are_uploaded_once() {
    let server = FakeServer::default();
    let clock = clock0();
    let (a, b) = (Rc::new(MemStore::new()), Rc::new(MemStore::new()));
    let (ea, eb) = (open_at(&a, &server, &clock), open_at(&b, &server, &clock));
    let s = shot(8);
    add(&ea, &s);
    // The same picture attached twice on one device is one queue entry...
    let again = Shot { id: RecordId::new_v7(), ..shot(8) };
    add(&ea, &again);
    assert_eq!(block_on(ea.snapshot()).uploads.0.len(), 2);
    block_on(ea.sync_once()).unwrap();
    block_on(ea.upload_photos()).unwrap();
    let sent = server.0.borrow().chunk_bytes;
    assert_eq!(sent, total(&s));
    // ...and on another device, HEAD says the server has it: nothing is sent.
    add(&eb, &Shot { id: RecordId::new_v7(), ..shot(8) });
    block_on(eb.sync_once()).unwrap();
    let p = block_on(eb.upload_photos()).unwrap();
    assert_eq!(p.done, 2);
    assert_eq!(server.0.borrow().chunk_bytes, sent);
}

#[test]
fn a_photo_from_another_device_is_fetched_once_and_then_shows_offline() {
    let server = FakeServer::default();
    let clock = clock0();
    let (a, b) = (Rc::new(MemStore::new()), Rc::new(MemStore::new()));
    let (ea, eb) = (open_at(&a, &server, &clock), open_at(&b, &server, &clock));
    let s = shot(9);
    add(&ea, &s);
    assert!(block_on(eb.photo_bytes(&s.meta.thumb_sha256)).is_err(), "not uploaded yet");
    block_on(ea.sync_once()).unwrap();
    block_on(ea.upload_photos()).unwrap();
    block_on(eb.sync_once()).unwrap();
    assert_eq!(block_on(eb.photo_bytes(&s.meta.thumb_sha256)).unwrap(), s.thumb);
    server.with(|st| st.offline = true);
    assert_eq!(block_on(eb.photo_bytes(&s.meta.thumb_sha256)).unwrap(), s.thumb, "kept");
    assert_eq!(block_on(b.get_blob(&s.meta.thumb_sha256)).unwrap(), Some(s.thumb.clone()));
}

#[test]
fn signing_out_waits_until_the_photos_are_uploaded() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    let s = shot(10);
    add(&e, &s);
    block_on(e.sync_once()).unwrap();
    // The record is on the server, the bytes are not: the device must keep them.
    let refused = block_on(e.sign_out());
    assert!(
        matches!(
            refused,
            Err(crate::sync::SessionError::PhotosUnconfirmed { waiting: 2, failed: 0 })
        ),
        "{refused:?}"
    );
    assert_eq!(block_on(store.get_blob(&s.meta.sha256)).unwrap(), Some(s.bytes.clone()));
    block_on(e.upload_photos()).unwrap();
    block_on(e.sign_out()).expect("uploaded: signing out is allowed");
    assert_eq!(block_on(store.get_blob(&s.meta.sha256)).unwrap(), None, "nothing stays");
    assert!(block_on(e.snapshot()).uploads.0.is_empty());
}

#[test]
fn confirmed_old_originals_leave_the_device_and_come_back_when_viewed() {
    const DAY: u64 = 86_400_000;
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    let (s, w) = (shot(11), shot(12));
    add(&e, &s);
    block_on(e.sync_once()).unwrap();
    block_on(e.upload_photos()).unwrap();
    assert_eq!(status(&e, &s.meta.sha256), UploadStatus::Done);
    // A second photo that never reaches the server (its record is not pushed).
    add(&e, &w);
    server.with(|st| st.offline = true);

    // Younger than the default 30 days: everything stays.
    clock.set(clock.get() + 29 * DAY);
    assert!(block_on(e.evict_photos()).unwrap().is_empty());
    assert!(block_on(store.get_blob(&s.meta.sha256)).unwrap().is_some());

    // Done and older than 30 days: the original goes, its thumbnail stays; the waiting
    // photo stays however old.
    clock.set(clock.get() + 400 * DAY);
    assert_eq!(block_on(e.evict_photos()).unwrap(), vec![s.meta.sha256.clone()]);
    assert_eq!(block_on(store.get_blob(&s.meta.sha256)).unwrap(), None);
    assert_eq!(block_on(store.get_blob(&s.meta.thumb_sha256)).unwrap(), Some(s.thumb.clone()));
    assert_eq!(block_on(store.get_blob(&w.meta.sha256)).unwrap(), Some(w.bytes.clone()));
    assert_eq!(block_on(store.get_blob(&w.meta.thumb_sha256)).unwrap(), Some(w.thumb.clone()));

    // Viewing the evicted original fetches it again from the server and keeps it.
    server.with(|st| st.offline = false);
    assert_eq!(block_on(e.photo_bytes(&s.meta.sha256)).unwrap(), s.bytes);
    assert_eq!(block_on(store.get_blob(&s.meta.sha256)).unwrap(), Some(s.bytes.clone()));
}

#[test]
fn a_site_that_keeps_photos_longer_keeps_them() {
    const DAY: u64 = 86_400_000;
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    let s = shot(13);
    add(&e, &s);
    let edit = crate::sync::FieldEdit::new(
        shared::request::deadline::KIND,
        &RecordId::from(shared::request::deadline::SETTINGS_ID),
        "photo_keep_days",
        serde_json::json!(90),
    );
    block_on(e.sync_once()).unwrap();
    block_on(e.upload_photos()).unwrap();
    // The site's setting as the replica holds it (edited here; a supervisor's edit pulled
    // from the server reads the same).
    block_on(e.edit(vec![edit])).expect("settings edited");
    clock.set(clock.get() + 60 * DAY);
    assert!(block_on(e.evict_photos()).unwrap().is_empty(), "kept 90 days");
    clock.set(clock.get() + 31 * DAY);
    assert_eq!(block_on(e.evict_photos()).unwrap(), vec![s.meta.sha256.clone()]);
}
