//! An edit bigger than a push may carry (issue 27: ending a round of many findings) goes into
//! the outbox as several batches in one transaction, and syncs whole through the real
//! engine path against the model server, which refuses what the real server refuses.

use super::uploads::{clock0, jpeg, open_at};
use super::TestEngine;
use crate::model::flow::Actor;
use crate::model::patrol::{answer_edits, end_round_edits, start_round_edits, AnswerValue};
use crate::photos::{sha256_hex, PhotoMeta};
use crate::store::{LocalStore, MemStore};
use crate::sync::fake::FakeServer;
use futures::executor::block_on;
use serde_json::json;
use shared::batches::{MAX_BATCH_BYTES, MAX_BATCH_CHANGES};
use shared::blob::{ImageType, PhotoParent, PHOTO};
use shared::patrol::template::{self, default_id, PATROL_TEMPLATE};
use shared::patrol::ItemType;
use shared::patrol::{answer_id, rectification_id, AnswerResult};
use shared::{Change, Hlc, Kind, RecordId, ReplicaId, Role};
use std::rc::Rc;

const FINDINGS: usize = 200;

fn reference(
    server: &FakeServer,
    kind: &str,
    id: &RecordId,
    field: &str,
    value: serde_json::Value,
) {
    server.write(Change {
        kind: Kind::new(kind),
        id: id.clone(),
        field: field.into(),
        value,
        hlc: Hlc::ZERO,
        replica: ReplicaId::server(),
        prev: None,
    });
}

/// A photo of the failed answer, taken on the tablet (small bytes: the records matter here).
fn photograph(e: &TestEngine, answer: &RecordId, n: usize) {
    let (bytes, thumb) = (jpeg(2000, n as u8), jpeg(300, n as u8));
    let meta = PhotoMeta {
        parent_kind: PhotoParent::PatrolAnswer,
        parent_id: answer.clone(),
        sha256: sha256_hex(&bytes),
        thumb_sha256: sha256_hex(&thumb),
        mime: ImageType::Jpeg,
        bytes: bytes.len() as u64,
        width: 2048,
        height: 1536,
        taken_at: Some(1_700_000_000_000),
        lat: Some(31.2),
        lon: Some(121.5),
        at: 1_700_000_000_000,
        by: super::session().me.staff_id,
    };
    block_on(e.add_photo(&RecordId::new_v7(), &meta, bytes, thumb)).expect("photo saved");
}

#[test]
fn ending_a_round_of_200_findings_with_photos_syncs_it_whole() {
    let (store, server, clock) = (Rc::new(MemStore::new()), FakeServer::default(), clock0());
    let e = open_at(&store, &server, &clock);
    let area = RecordId::new_v7();
    let s0 = block_on(e.snapshot()).state;
    let t = template::template(&s0, &default_id(PATROL_TEMPLATE)).expect("default template");
    let items: Vec<_> = template::checklist(&s0, &t.id, t.version)
        .into_iter()
        .flat_map(|(_, items)| items)
        .filter(|i| i.ty == ItemType::PassFail)
        .collect();
    let buildings: Vec<RecordId> =
        (0..FINDINGS.div_ceil(items.len())).map(|_| RecordId::new_v7()).collect();
    for (n, b) in buildings.iter().enumerate() {
        reference(&server, "building", b, "area", json!(area));
        reference(&server, "building", b, "name", json!(format!("{}号楼", n + 1)));
    }
    block_on(e.sync_once()).expect("reference data pulled");

    let me = Actor {
        staff: super::session().me.staff_id,
        role: Role::Butler,
        device: "t".into(),
        at: 1,
    };
    let round = RecordId::new_v7();
    block_on(e.edit(start_round_edits(&round, &t, &area, None, None, &me))).expect("round");
    let fail = AnswerValue::Verdict(AnswerResult::Fail);
    let mut answers = Vec::new();
    for (n, (b, item)) in
        buildings.iter().flat_map(|b| items.iter().map(move |i| (b, i))).take(FINDINGS).enumerate()
    {
        let state = block_on(e.snapshot()).state;
        let edits =
            answer_edits(&state, &round, item, (Some(b), None), &fail, "坏了", &me).unwrap();
        block_on(e.edit(edits)).expect("answer");
        let answer = answer_id(&round, &item.id, Some(b), None);
        photograph(&e, &answer, n);
        answers.push(answer);
    }

    let before = block_on(store.outbox()).unwrap().len();
    let state = block_on(e.snapshot()).state;
    let edits = end_round_edits(&state, &round, &me).expect("the round ends");
    let changes = block_on(e.edit(edits)).expect("saved in one transaction");
    let outbox = block_on(store.outbox()).unwrap();
    let batches = &outbox[before..];
    assert!(changes.len() > FINDINGS * 30, "{} changes in the edit", changes.len());
    assert!(batches.len() > 1, "split into {} batches", batches.len());
    assert_eq!(batches.iter().map(|b| b.changes.len()).sum::<usize>(), changes.len());
    for b in batches {
        assert!(b.changes.len() <= MAX_BATCH_CHANGES, "batch {}: {}", b.seq, b.changes.len());
        assert!(serde_json::to_vec(b).unwrap().len() <= MAX_BATCH_BYTES);
    }
    assert!(batches.windows(2).all(|w| w[1].seq == w[0].seq + 1), "consecutive seqs");

    block_on(e.sync_once()).expect("the whole round syncs: no push is refused");
    let snap = block_on(e.snapshot());
    assert_eq!(snap.pending, 0, "the outbox is empty");
    assert!(snap.notices.is_empty(), "nothing refused: {:?}", snap.notices);
    let s = server.0.borrow();
    let on_server = |kind: &str, id: &RecordId, f: &str| {
        s.model.state.field(&Kind::new(kind), id, f).map(|v| v.value.clone())
    };
    assert!(on_server("patrol_round", &round, "ended_at").is_some());
    for a in &answers {
        let req = rectification_id(a);
        assert_eq!(on_server("request", &req, "status"), Some(json!("new")));
        assert_eq!(on_server("request", &req, "patrol_round"), Some(json!(round)));
        let copies = s
            .model
            .state
            .records_of(PHOTO)
            .filter(|(_, f)| f.get("parent_id").is_some_and(|v| v.value == json!(req)));
        assert_eq!(copies.count(), 1, "the finding's photo is copied onto it");
    }
}
