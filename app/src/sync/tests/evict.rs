//! Originals leaving the device (issue 9 point 6) and coming back: keep-days count from the
//! last view, so an original fetched again is kept again; one from another device viewed
//! here leaves once not viewed for keep-days.

use super::uploads::{add, clock0, open_at, shot};
use crate::photos::UploadStatus;
use crate::store::{LocalStore, MemStore, META_UPLOADS};
use crate::sync::fake::FakeServer;
use futures::executor::block_on;
use std::rc::Rc;

#[test]
fn an_original_fetched_again_is_kept_for_keep_days_from_its_last_view() {
    const DAY: u64 = 86_400_000;
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    let s = shot(14);
    add(&e, &s);
    block_on(e.sync_once()).unwrap();
    block_on(e.upload_photos()).unwrap();
    clock.set(clock.get() + 31 * DAY);
    assert_eq!(block_on(e.evict_photos()).unwrap(), vec![s.meta.sha256.clone()]);

    // Viewed again: fetched from the server, and the view is stored with the queue.
    assert_eq!(block_on(e.view_original(&s.meta.sha256)).unwrap(), s.bytes);
    let stored: crate::photos::UploadQueue =
        block_on(store.get_meta(META_UPLOADS)).unwrap().unwrap();
    assert_eq!(stored.get(&s.meta.sha256).and_then(|q| q.viewed_at_ms), Some(clock.get()));
    // The next rounds keep it: keep-days count from the view, also after a reload.
    assert!(block_on(e.evict_photos()).unwrap().is_empty());
    drop(e);
    let e = open_at(&store, &server, &clock);
    clock.set(clock.get() + 29 * DAY);
    assert!(block_on(e.evict_photos()).unwrap().is_empty(), "29 days after the view");
    assert!(block_on(store.get_blob(&s.meta.sha256)).unwrap().is_some());
    // Viewed again on day 29 (from the device this time): another 30 days.
    block_on(e.view_original(&s.meta.sha256)).unwrap();
    clock.set(clock.get() + 29 * DAY);
    assert!(block_on(e.evict_photos()).unwrap().is_empty(), "29 days after the second view");
    clock.set(clock.get() + 2 * DAY);
    assert_eq!(block_on(e.evict_photos()).unwrap(), vec![s.meta.sha256.clone()]);
}

#[test]
fn an_original_from_another_device_leaves_once_not_viewed_for_keep_days() {
    const DAY: u64 = 86_400_000;
    let server = FakeServer::default();
    let clock = clock0();
    let (a, b) = (Rc::new(MemStore::new()), Rc::new(MemStore::new()));
    let (ea, eb) = (open_at(&a, &server, &clock), open_at(&b, &server, &clock));
    let s = shot(15);
    add(&ea, &s);
    block_on(ea.sync_once()).unwrap();
    block_on(ea.upload_photos()).unwrap();
    block_on(eb.sync_once()).unwrap();
    assert_eq!(block_on(eb.view_original(&s.meta.sha256)).unwrap(), s.bytes);
    let q = block_on(eb.snapshot()).uploads;
    let entry = q.get(&s.meta.sha256).expect("joins the queue as confirmed");
    assert_eq!((entry.status.clone(), entry.viewed_at_ms), (UploadStatus::Done, Some(clock.get())));
    assert_eq!(q.progress().waiting, 0, "nothing to upload: signing out is not held up");
    // The thumbnail is no original: viewing lists never queue it.
    block_on(eb.photo_bytes(&s.meta.thumb_sha256)).unwrap();
    assert!(block_on(eb.snapshot()).uploads.get(&s.meta.thumb_sha256).is_none());
    clock.set(clock.get() + 29 * DAY);
    assert!(block_on(eb.evict_photos()).unwrap().is_empty());
    clock.set(clock.get() + 2 * DAY);
    assert_eq!(block_on(eb.evict_photos()).unwrap(), vec![s.meta.sha256.clone()]);
    assert!(block_on(b.get_blob(&s.meta.thumb_sha256)).unwrap().is_some(), "thumbnail stays");
}
