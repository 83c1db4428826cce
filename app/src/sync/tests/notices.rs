//! A change the server refused is explained and kept until read: across a reload, and gone
//! for good once acknowledged.

use super::{field, new_request, open};
use crate::store::{LocalStore, MemStore, META_NOTICES};
use crate::sync::notices::notices_from;
use crate::sync::{Engine, FieldEdit, Notice};
use futures::executor::block_on;
use serde_json::json;
use shared::protocol::{Batch, Rejection};
use shared::refusal::RejectCode;
use shared::replica::ReplicaState;
use shared::{Hlc, RecordId, ReplicaId};
use std::rc::Rc;

#[test]
fn a_refused_status_move_becomes_a_notice_that_outlives_a_reload_until_acknowledged() {
    let (store, server) = (Rc::new(MemStore::new()), crate::sync::fake::FakeServer::default());
    let e = open(&store, &server);
    let id = new_request(&e, "灯不亮");
    block_on(e.sync_once()).expect("sync");
    assert!(block_on(e.snapshot()).notices.is_empty());

    block_on(e.edit(vec![FieldEdit::new("request", &id, "status", json!("closed"))])).unwrap();
    block_on(e.sync_once()).expect("sync");
    assert_eq!(field(&e, &id, "status"), Some(json!("new")), "undone");
    let notices = block_on(e.snapshot()).notices;
    assert_eq!(notices.len(), 1);
    let n = &notices[0];
    assert_eq!(
        (n.code, n.field.as_str(), &n.value),
        (RejectCode::BadTransition, "status", &json!("closed"))
    );
    assert_eq!(n.request.as_ref(), Some(&id));
    assert!(n.message.contains("closed"), "the server's own words: {}", n.message);
    let stored: Vec<Notice> = block_on(store.get_meta(META_NOTICES)).unwrap().unwrap();
    assert_eq!(stored, notices, "kept in the same store as the compensation");

    // A reload still shows it; acknowledging removes it for good.
    drop(e);
    let e = block_on(Engine::open(store.clone(), server.clone(), Box::new(|| 1))).unwrap();
    assert_eq!(block_on(e.snapshot()).notices, notices);
    block_on(e.ack_notice(&notices[0].id)).unwrap();
    block_on(e.ack_notice("no-such-notice")).unwrap();
    assert!(block_on(e.snapshot()).notices.is_empty());
    let e = block_on(Engine::open(store.clone(), server, Box::new(|| 1))).unwrap();
    assert!(block_on(e.snapshot()).notices.is_empty());
}

#[test]
fn rewrites_and_re_stamps_are_not_refusals_and_child_records_point_at_their_request() {
    let (request, event) = (RecordId::new_v7(), RecordId::new_v7());
    let change = |field: &str, value| {
        FieldEdit::new("request_event", &event, field, value).into_change(
            Hlc::new(5, 0),
            ReplicaId::from("tablet-1"),
            None,
        )
    };
    let outbox = [Batch {
        seq: 4,
        changes: vec![change("request", json!(request)), change("by", json!("x"))],
    }];
    let reject =
        |index, code| Rejection { seq: 4, index, code, message: "m".into(), compensation: None };
    let rejections = [
        reject(1, RejectCode::Rewritten),
        reject(1, RejectCode::ClockAhead),
        reject(0, RejectCode::OutOfScope),
    ];
    let n = notices_from(&outbox, &rejections, &ReplicaState::new(), 9);
    assert_eq!(n.len(), 1, "only the refusal");
    assert_eq!((n[0].id.as_str(), n[0].code), ("4.0", RejectCode::OutOfScope));
    assert_eq!(n[0].request.as_ref(), Some(&request));
    assert_eq!(n[0].at, 9);
}

/// The fake transport runs the real scope rules (`shared::scope`, through the model server):
/// a butler of one area editing another area's request is refused `out_of_scope`, the edit
/// is taken back and explained, and their own area's request is written.
#[test]
fn a_butler_of_one_area_is_refused_another_areas_request() {
    use shared::names::{field as f, kind as k};
    use shared::{Change, Kind};
    let (store, server) = (Rc::new(MemStore::new()), crate::sync::fake::FakeServer::default());
    let e = open(&store, &server);
    let (east, west) = (RecordId::new_v7(), RecordId::new_v7());
    let mine = new_request(&e, "灯不亮");
    block_on(e.sync_once()).expect("sync");
    let theirs = RecordId::new_v7();
    for (id, field, value) in [
        (&mine, f::AREA, json!(east.0)),
        (&theirs, f::AREA, json!(west.0)),
        (&theirs, f::DESCRIPTION, json!("西区的")),
    ] {
        let (kind, field) = (Kind::new(k::REQUEST), field.into());
        let hlc = Hlc::ZERO;
        let replica = ReplicaId::from("office-1");
        server.write(Change { kind, id: id.clone(), field, value, hlc, replica, prev: None });
    }
    server.with(|s| {
        let replica = s.model.replicas.keys().next().expect("the engine pushed").clone();
        s.model.scopes.insert(replica, shared::scope::Scope::Area(east.clone()));
    });
    block_on(e.sync_once()).expect("sync");
    let edits = vec![
        FieldEdit::new(k::REQUEST, &theirs, f::DESCRIPTION, json!("改了")),
        FieldEdit::new(k::REQUEST, &mine, f::DESCRIPTION, json!("灯还是不亮")),
    ];
    block_on(e.edit(edits)).unwrap();
    block_on(e.sync_once()).expect("sync");
    let notices = block_on(e.snapshot()).notices;
    let codes: Vec<_> = notices.iter().map(|n| n.code).collect();
    assert_eq!(codes, [RejectCode::OutOfScope], "{notices:?}");
    assert_ne!(field(&e, &theirs, f::DESCRIPTION), Some(json!("改了")), "taken back");
    assert_eq!(field(&e, &mine, f::DESCRIPTION), Some(json!("灯还是不亮")));
}

#[test]
fn a_record_refused_whole_is_one_line_acknowledged_at_once() {
    use crate::i18n::{refusal_group_text, Lang};
    use crate::sync::grouped;
    let (comment, other) = (RecordId::new_v7(), RecordId::new_v7());
    let n = |id: &str, record: &RecordId, field: &str, code| Notice {
        id: id.into(),
        kind: "request_comment".into(),
        record: record.clone(),
        field: field.into(),
        value: json!(null),
        request: None,
        code,
        message: format!("{field} is outside your scope"),
        at: 1,
    };
    let notices = [
        n("1.0", &comment, "request", RejectCode::OutOfScope),
        n("1.1", &comment, "text", RejectCode::OutOfScope),
        n("1.2", &comment, "at", RejectCode::OutOfScope),
        n("1.3", &other, "text", RejectCode::OutOfScope),
        n("1.4", &comment, "internal", RejectCode::BadValue),
    ];
    let groups = grouped(&notices);
    let ids: Vec<Vec<String>> = groups.iter().map(|g| g.ids.clone()).collect();
    assert_eq!(ids, [vec!["1.0", "1.1", "1.2"], vec!["1.3"], vec!["1.4"]]);
    assert!(groups[0].details.contains("request_comment.text · out_of_scope: text is outside"));
    let zh =
        refusal_group_text("request_comment", &groups[0].fields, RejectCode::OutOfScope, Lang::Zh);
    assert_eq!(zh, "新的备注未被服务器接受，已撤销：该记录不在您负责的区域或部门内。");
    let en =
        refusal_group_text("request_comment", &groups[0].fields, RejectCode::OutOfScope, Lang::En);
    assert!(en.starts_with("A new comment was refused by the server"), "{en}");
    let fields = ["reply".to_owned(), "cause".to_owned()];
    let edits = refusal_group_text("request", &fields, RejectCode::Forbidden, Lang::Zh);
    assert_eq!(
        edits,
        "报事的 2 项修改（答复、原因）未被服务器接受，已撤销：您的身份无权修改这一项。"
    );
    let en = refusal_group_text("request", &fields, RejectCode::Forbidden, Lang::En);
    assert!(en.starts_with("2 changes of the request (reply, cause) were refused"), "{en}");

    let (store, server) = (Rc::new(MemStore::new()), crate::sync::fake::FakeServer::default());
    let e = open(&store, &server);
    let mut w = crate::store::WriteSet::default();
    w.set_meta(META_NOTICES, &notices.to_vec()).unwrap();
    block_on(store.commit(w)).unwrap();
    let e = {
        drop(e);
        block_on(Engine::open(store.clone(), server, Box::new(|| 1))).unwrap()
    };
    block_on(e.ack_notices(&groups[0].ids)).unwrap();
    let left: Vec<String> = block_on(e.snapshot()).notices.iter().map(|n| n.id.clone()).collect();
    assert_eq!(left, ["1.3", "1.4"]);
}
