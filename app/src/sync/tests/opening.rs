//! Opening in two steps (`sync/opening.rs`): a cold start shows the first part of the
//! records, and nothing changes the state or the store before the rest is in.

use super::{open, session, TestEngine};
use crate::store::{LocalStore, MemStore, Part};
use crate::sync::fake::FakeServer;
use crate::sync::{Engine, FieldEdit, SyncError};
use futures::executor::block_on;
use serde_json::json;
use shared::names::kind;
use shared::{Kind, RecordId};
use std::cell::RefCell;
use std::rc::Rc;

/// A store holding a unit (first part) and a person living there (later part), written by
/// one engine that is then dropped.
fn stored() -> (Rc<MemStore>, FakeServer, RecordId, RecordId) {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let (unit, person) = (RecordId::new_v7(), RecordId::new_v7());
    let edits = vec![
        FieldEdit::new(kind::UNIT, &unit, "number", json!("1-0101")),
        FieldEdit::new(kind::PERSON, &person, "name", json!("王芳")),
    ];
    block_on(e.edit(edits)).expect("edit");
    (store, server, unit, person)
}

fn first_only(store: &Rc<MemStore>, server: &FakeServer) -> TestEngine {
    let now = Box::new(|| 1_700_000_100_000u64);
    block_on(Engine::open_first(store.clone(), server.clone(), now)).expect("open first")
}

fn has(e: &TestEngine, k: &str, id: &RecordId) -> bool {
    block_on(e.snapshot()).state.record(&Kind::new(k), id).is_some()
}

#[test]
fn the_later_kinds_are_the_registers_people_visits_and_answers() {
    for k in Part::LATER_KINDS {
        assert_eq!(Part::of(&Kind::new(k)), Part::Later, "{k}");
        assert!(shared::schema::KINDS.iter().any(|d| d.name == k), "{k} is a kind");
    }
    for k in [kind::REQUEST, kind::UNIT, kind::BUILDING, kind::PHOTO, kind::REQUEST_EVENT] {
        assert_eq!(Part::of(&Kind::new(k)), Part::First, "{k}: the request list needs it");
    }
}

#[test]
fn a_cold_start_shows_the_first_part_and_hands_the_rest_over_once() {
    let (store, server, unit, person) = stored();
    let e = first_only(&store, &server);
    let snap = block_on(e.snapshot());
    assert!(!snap.whole, "the first part alone");
    assert!(has(&e, kind::UNIT, &unit) && !has(&e, kind::PERSON, &person));
    assert_eq!(snap.session, Some(session()), "the session is there from the start");

    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = seen.clone();
    e.set_listener(Box::new(move |s| log.borrow_mut().push((s.whole, s.revision))));
    block_on(e.load_rest()).expect("the rest");
    block_on(e.load_rest()).expect("again: nothing to do");
    assert_eq!(*seen.borrow(), vec![(true, snap.revision + 1)], "one hand-over, whole");
    assert!(has(&e, kind::PERSON, &person) && block_on(e.snapshot()).whole);
}

#[test]
fn an_edit_before_the_rest_is_in_waits_for_it_and_sees_the_stored_field() {
    let (store, server, _, person) = stored();
    let stored = block_on(store.get_record(&Kind::new(kind::PERSON), &person)).unwrap();
    let stamp = stored.expect("stored").fields["name"].hlc;
    let e = first_only(&store, &server);
    let edit = FieldEdit::new(kind::PERSON, &person, "name", json!("王芳芳"));
    let changes = block_on(e.edit(vec![edit])).expect("edit");
    assert_eq!(changes[0].prev, Some(stamp), "the edit replaced the stored value, seen");
    let snap = block_on(e.snapshot());
    assert!(snap.whole);
    let name = snap.state.field(&Kind::new(kind::PERSON), &person, "name").expect("name");
    assert_eq!(name.value, json!("王芳芳"));
}

#[test]
fn when_the_rest_cannot_be_read_nothing_is_changed() {
    let (store, server, unit, _) = stored();
    let e = first_only(&store, &server);
    let (commits, outbox) = (store.commits.get(), block_on(store.outbox()).unwrap());
    store.fail_reads.set(true);
    let edit = FieldEdit::new(kind::UNIT, &unit, "number", json!("1-0102"));
    let res = block_on(e.edit(vec![edit.clone()]));
    assert!(matches!(res, Err(SyncError::Store(_))), "{res:?}");
    assert!(matches!(block_on(e.sync_once()), Err(SyncError::Store(_))), "no sync either");
    assert_eq!(store.commits.get(), commits, "nothing written");
    assert_eq!(block_on(store.outbox()).unwrap(), outbox);
    assert!(!block_on(e.snapshot()).whole);

    store.fail_reads.set(false);
    block_on(e.edit(vec![edit])).expect("the next try reads the rest and saves");
    assert!(block_on(e.snapshot()).whole);
}
