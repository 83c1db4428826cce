//! What the sync badge counts (issue 28): what the user made, not field changes or files.
//! A patrol walk of 18 answers waits as 19 records (the round and its answers), however many
//! fields each has; a photo waits as one photo though its original and thumbnail are two
//! blobs.

use super::uploads::{add, clock0, open_at, shot};
use super::{open, TestEngine};
use crate::i18n::{photos_waiting_text, records_waiting_text, Lang};
use crate::store::MemStore;
use crate::sync::fake::FakeServer;
use crate::sync::FieldEdit;
use futures::executor::block_on;
use serde_json::json;
use shared::names::{field, kind};
use shared::RecordId;
use std::rc::Rc;

const ANSWERS: usize = 18;

/// A round of `ANSWERS` answers, each written field by field as the walk writes them.
fn walk(e: &TestEngine) {
    let round = RecordId::new_v7();
    let r = |f: &str, v| FieldEdit::new(kind::PATROL_ROUND, &round, f, v);
    let mut edits = vec![r(field::STARTED_AT, json!(1)), r(field::NOTE, json!("早班"))];
    edits.push(r(field::VERSION, json!(1)));
    block_on(e.edit(edits)).expect("round");
    for n in 0..ANSWERS {
        let id = RecordId::new_v7();
        let a = |f: &str, v| FieldEdit::new(kind::PATROL_ANSWER, &id, f, v);
        let edits = vec![
            a(field::ROUND, json!(round)),
            a(field::ITEM, json!(RecordId::new_v7())),
            a(field::FLOOR, json!(n)),
            a(field::RESULT, json!("pass")),
            a(field::NOTE, json!("正常")),
            a(field::AT, json!(2 + n)),
        ];
        block_on(e.edit(edits)).expect("answer");
        // A second look at the same answer changes fields, not what was made.
        block_on(e.edit(vec![a(field::NOTE, json!("已复核"))])).expect("edit again");
    }
}

#[test]
fn the_badge_counts_records_not_field_changes() {
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    walk(&e);
    let snap = block_on(e.snapshot());
    assert!(snap.pending > 100, "{} field changes wait", snap.pending);
    assert_eq!(snap.records_waiting, ANSWERS + 1, "the round and its answers");
    assert_eq!(records_waiting_text(snap.records_waiting, Lang::Zh), "19 条记录待同步");
    assert_eq!(records_waiting_text(snap.records_waiting, Lang::En), "19 records waiting");
    assert_eq!(records_waiting_text(1, Lang::En), "1 record waiting");
}

#[test]
fn the_badge_counts_a_photo_once_whatever_its_files() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    add(&e, &shot(1));
    let snap = block_on(e.snapshot());
    let p = snap.uploads.progress();
    assert_eq!((p.waiting, p.photos_waiting), (2, 1), "original and thumbnail: one photo");
    assert_eq!(snap.records_waiting, 0, "the photo's record is counted as the photo");
    assert_eq!(photos_waiting_text(p.photos_waiting, 0, Lang::Zh), "1 张照片待上传（0%）");
    assert_eq!(photos_waiting_text(p.photos_waiting, 0, Lang::En), "1 photo waiting (0%)");
    add(&e, &shot(2));
    let p = block_on(e.snapshot()).uploads.progress();
    assert_eq!((p.waiting, p.photos_waiting), (4, 2));
    assert_eq!(photos_waiting_text(2, 40, Lang::En), "2 photos waiting (40%)");
}

#[test]
fn a_status_move_and_its_history_event_are_one_record() {
    use crate::model::flow::{transition_edits, Actor};
    use shared::request::RequestStatus;
    use shared::Role;
    let (store, server) = (Rc::new(MemStore::new()), FakeServer::default());
    let e = open(&store, &server);
    let id = super::new_request(&e, "灯不亮");
    let actor = Actor { staff: String::new(), role: Role::Butler, device: "t".into(), at: 5 };
    let moved = transition_edits(&id, RequestStatus::New, RequestStatus::InProgress, "", &actor);
    block_on(e.edit(moved.expect("a butler may start the work"))).expect("move");
    let snap = block_on(e.snapshot());
    assert!(snap.pending_ids.len() >= 2, "the request and its status event");
    assert_eq!(snap.records_waiting, 1, "one request was changed");
}
