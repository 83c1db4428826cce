//! IndexedDB in headless Chromium (`wasm-bindgen-test`): data survives closing and reopening
//! the database, a commit is all-or-nothing, and signing out leaves nothing of the last user.

use super::IdbStore;
use crate::store::{LocalStore, RecordRow, Session, WriteSet, META_NEXT_SEQ, META_REPLICA};
use crate::sync::fake::FakeServer;
use crate::sync::{Engine, FieldEdit};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde_json::json;
use shared::protocol::Batch;
use shared::{Change, FieldState, Hlc, Kind, RecordId, ReplicaId};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_name(tag: &str) -> String {
    format!("guanjia-test-{tag}-{}", RecordId::new_v7())
}

fn change(id: &RecordId, field: &str, value: serde_json::Value) -> Change {
    Change {
        kind: Kind::new("request"),
        id: id.clone(),
        field: field.into(),
        value,
        hlc: Hlc::new(1_700_000_000_000, 0),
        replica: ReplicaId::from("tablet-1"),
        prev: None,
    }
}

fn write_set(id: &RecordId) -> WriteSet {
    let c = change(id, "description", json!("漏水"));
    let row = RecordRow {
        kind: c.kind.clone(),
        id: id.clone(),
        fields: [("description".to_string(), FieldState::from_change(&c))].into(),
    };
    let mut w = WriteSet {
        records: vec![row],
        append_outbox: vec![Batch { seq: 1, changes: vec![c] }],
        ..WriteSet::default()
    };
    w.set_meta(META_NEXT_SEQ, &2u64).unwrap();
    w
}

#[wasm_bindgen_test]
async fn an_edit_is_still_there_after_reopening_the_database() {
    let name = fresh_name("reopen");
    let id = RecordId::new_v7();
    let store = IdbStore::open(&name).await.expect("open");
    store.commit(write_set(&id)).await.expect("commit");
    store.close().await;

    let store = IdbStore::open(&name).await.expect("reopen");
    let row = store.get_record(&Kind::new("request"), &id).await.unwrap().expect("record kept");
    assert_eq!(row.fields["description"].value, json!("漏水"));
    let outbox = store.outbox().await.unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].seq, 1);
    assert_eq!(store.get_meta::<u64>(META_NEXT_SEQ).await.unwrap(), Some(2));

    store.remove_outbox_up_to(1).await.unwrap();
    assert!(store.outbox().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn a_failed_commit_writes_neither_record_nor_outbox() {
    let store = IdbStore::open(&fresh_name("atomic")).await.expect("open");
    let id = RecordId::new_v7();
    store.fail_after_records.set(true);
    assert!(store.commit(write_set(&id)).await.is_err());
    store.fail_after_records.set(false);
    assert!(store.get_record(&Kind::new("request"), &id).await.unwrap().is_none());
    assert!(store.outbox().await.unwrap().is_empty());
    assert_eq!(store.get_meta::<u64>(META_NEXT_SEQ).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn the_engine_restarts_from_indexeddb_with_its_outbox() {
    let name = fresh_name("engine");
    let store = IdbStore::open(&name).await.expect("open");
    let engine = Engine::open(store, FakeServer::default(), Box::new(|| 1_700_000_000_000))
        .await
        .expect("engine");
    let id = RecordId::new_v7();
    let edits = vec![
        FieldEdit::new("request", &id, "status", json!("new")),
        FieldEdit::new("request", &id, "description", json!("门锁坏了")),
    ];
    engine.edit(edits).await.expect("edit");
    let replica = engine.replica().await;
    // The tab closes: its lock goes with it, before the next one opens.
    engine.store().release().await;
    drop(engine);

    let store = IdbStore::open(&name).await.expect("reopen");
    let engine = Engine::open(store, FakeServer::default(), Box::new(|| 1_700_000_000_001))
        .await
        .expect("engine again");
    let snap = engine.snapshot().await;
    assert_eq!(engine.replica().await, replica);
    assert_eq!(snap.pending, 2);
    assert!(snap.pending_ids.contains(&id));
    let f = snap.state.field(&Kind::new("request"), &id, "description").expect("field");
    assert_eq!(f.value, json!("门锁坏了"));
}

fn butler() -> Session {
    crate::sync::fake::butler_session()
}

#[wasm_bindgen_test]
async fn signing_out_empties_indexeddb_and_makes_a_new_replica() {
    let name = fresh_name("signout");
    let store = IdbStore::open(&name).await.expect("open");
    let server = FakeServer::default();
    let engine = Engine::open(store, server, Box::new(|| 1_700_000_000_000)).await.expect("engine");
    engine.sign_in(butler()).await.expect("sign in");
    let id = RecordId::new_v7();
    let edits = vec![
        FieldEdit::new("request", &id, "status", json!("new")),
        FieldEdit::new("request", &id, "description", json!("302 室漏水")),
    ];
    engine.edit(edits).await.expect("edit");
    let old = engine.replica().await;
    assert!(engine.sign_out().await.is_err(), "refused while the edit is unsynced");
    assert_eq!(engine.store().all_records().await.unwrap().len(), 1, "and nothing deleted");

    engine.sync_once().await.expect("sync");
    engine.sign_out().await.expect("sign out");
    let store = engine.store();
    assert!(store.all_records().await.unwrap().is_empty(), "the records store is empty");
    assert!(store.outbox().await.unwrap().is_empty());
    assert_eq!(store.get_meta_raw(crate::store::META_SESSION).await.unwrap(), None);
    let new = engine.replica().await;
    assert_ne!(new, old, "a new replica id");
    // The tab closes: its lock goes with it, before the next one opens.
    engine.store().release().await;
    drop(engine);

    let store = IdbStore::open(&name).await.expect("reopen");
    assert!(store.all_records().await.unwrap().is_empty(), "still empty after reopening");
    assert_eq!(store.get_meta::<ReplicaId>(META_REPLICA).await.unwrap(), Some(new));
    assert_eq!(store.get_meta::<u64>(META_NEXT_SEQ).await.unwrap(), None, "seq restarts");
}

fn row(id: &RecordId, description: &str) -> RecordRow {
    let c = change(id, "description", json!(description));
    RecordRow {
        kind: c.kind.clone(),
        id: id.clone(),
        fields: [("description".to_string(), FieldState::from_change(&c))].into(),
    }
}

/// What the rows say once read in order (a later row of a record replaces an earlier one),
/// by id.
fn sorted(rows: Vec<RecordRow>) -> Vec<RecordRow> {
    let latest: std::collections::BTreeMap<RecordId, RecordRow> =
        rows.into_iter().map(|r| (r.id.clone(), r)).collect();
    latest.into_values().collect()
}

#[wasm_bindgen_test]
async fn each_record_reads_back_once_as_last_written_over_the_previous_versions_rows() {
    let store = IdbStore::open(&fresh_name("segments")).await.expect("open");
    let ids: Vec<RecordId> = (0..5).map(|_| RecordId::new_v7()).collect();
    // Rows as the previous version wrote them: one value per record in `records`.
    let tx =
        store.db.transaction(super::RECORDS).with_mode(TransactionMode::Readwrite).build().unwrap();
    let os = tx.object_store(super::RECORDS).unwrap();
    for id in &ids[..2] {
        let legacy = row(id, "old");
        let key = crate::store::record_key(&legacy.kind, &legacy.id);
        os.put(serde_json::to_string(&legacy).unwrap()).with_key(key).primitive().unwrap();
    }
    tx.commit().await.unwrap();
    store.put_records(vec![row(&ids[1], "newer"), row(&ids[2], "first")]).await.unwrap();
    store.put_records(vec![row(&ids[2], "second"), row(&ids[3], "x")]).await.unwrap();
    store.put_records(vec![row(&ids[4], "y")]).await.unwrap();
    let want = sorted(vec![
        row(&ids[0], "old"),
        row(&ids[1], "newer"),
        row(&ids[2], "second"),
        row(&ids[3], "x"),
        row(&ids[4], "y"),
    ]);
    assert_eq!(sorted(store.all_records().await.unwrap()), want);
    assert_eq!(
        store.get_record(&Kind::new("request"), &ids[2]).await.unwrap(),
        Some(want[2].clone())
    );

    store.compact(want.clone()).await.expect("compact");
    assert_eq!(store.segments.get(), 2, "5 rows at 3 a segment");
    assert!(store.read_all(super::RECORDS).await.unwrap().is_empty(), "old rows folded in");
    store.put_records(vec![row(&ids[0], "after")]).await.unwrap();
    let mut after = want.clone();
    after[0] = row(&ids[0], "after");
    assert_eq!(sorted(store.all_records().await.unwrap()), sorted(after));

    let fresh = row(&RecordId::new_v7(), "snapshot");
    let reset =
        WriteSet { clear_records: true, records: vec![fresh.clone()], ..WriteSet::default() };
    store.commit(reset).await.unwrap();
    assert_eq!(store.all_records().await.unwrap(), vec![fresh], "a reset leaves only its rows");
}

#[wasm_bindgen_test]
async fn the_engine_has_piled_up_segments_rewritten_and_loses_nothing() {
    let name = fresh_name("compaction");
    let store = IdbStore::open(&name).await.expect("open");
    let engine = Engine::open(store, FakeServer::default(), Box::new(|| 1_700_000_000_000))
        .await
        .expect("engine");
    let ids: Vec<RecordId> = (0..9).map(|_| RecordId::new_v7()).collect();
    for (i, id) in ids.iter().enumerate() {
        let edit = FieldEdit::new("request", id, "description", json!(format!("第{i}条")));
        engine.edit(vec![edit]).await.expect("edit");
        assert!(engine.store().segments.get() <= super::MAX_SEGMENTS, "after edit {i}");
    }
    let state = engine.snapshot().await.state;
    // The tab closes: its lock goes with it, before the next one opens.
    engine.store().release().await;
    drop(engine);

    let store = IdbStore::open(&name).await.expect("reopen");
    assert!(store.segments.get() < 9, "9 edits, {} segments", store.segments.get());
    let engine = Engine::open(store, FakeServer::default(), Box::new(|| 1_700_000_000_001))
        .await
        .expect("engine again");
    let snap = engine.snapshot().await;
    assert_eq!(snap.state, state, "every edit is still there");
    assert_eq!(snap.pending, 9, "and still waiting to be sent");
}

/// A database as version 2 left it: four stores and a meta value.
async fn make_version_2(name: &str) {
    let db = indexed_db_futures::database::Database::open(name)
        .with_version(2u32)
        .with_on_upgrade_needed(|_event, db: indexed_db_futures::database::Database| {
            for store in ["records", "segments", "outbox", "meta"] {
                db.create_object_store(store).build()?;
            }
            Ok(())
        })
        .await
        .expect("open at version 2");
    let tx = db.transaction("meta").with_mode(TransactionMode::Readwrite).build().unwrap();
    let os = tx.object_store("meta").unwrap();
    os.put("7").with_key(META_NEXT_SEQ.to_string()).primitive().unwrap();
    tx.commit().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn version_2_upgrades_to_a_blob_store_keeping_its_data() {
    let name = fresh_name("upgrade");
    make_version_2(&name).await;
    let store = IdbStore::open(&name).await.expect("upgrade");
    assert_eq!(store.get_meta::<u64>(META_NEXT_SEQ).await.unwrap(), Some(7), "data kept");
    let sha = "ab".repeat(32);
    assert_eq!(store.get_blob(&sha).await.unwrap(), None);
    let bytes: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
    let w =
        WriteSet { blobs: vec![(sha.clone(), bytes.clone())], ..write_set(&RecordId::new_v7()) };
    store.commit(w).await.unwrap();
    store.close().await;

    let store = IdbStore::open(&name).await.expect("reopen");
    assert_eq!(store.get_blob(&sha).await.unwrap(), Some(bytes), "bytes survive a reopen");

    // A failed commit stores no photo either; signing out deletes them.
    let other = "cd".repeat(32);
    store.fail_after_records.set(true);
    let w =
        WriteSet { blobs: vec![(other.clone(), vec![1, 2, 3])], ..write_set(&RecordId::new_v7()) };
    assert!(store.commit(w).await.is_err());
    store.fail_after_records.set(false);
    assert_eq!(store.get_blob(&other).await.unwrap(), None);
    // Evicting an original deletes it (a missing one is no error); viewing stores it again.
    store.delete_blobs(&[sha.clone(), "ef".repeat(32)]).await.unwrap();
    assert_eq!(store.get_blob(&sha).await.unwrap(), None, "evicted");
    let w = WriteSet { blobs: vec![(sha.clone(), vec![9])], ..WriteSet::default() };
    store.commit(w).await.unwrap();
    assert_eq!(store.get_blob(&sha).await.unwrap(), Some(vec![9]), "fetched again");
    store.commit(WriteSet { wipe: true, ..WriteSet::default() }).await.unwrap();
    assert_eq!(store.get_blob(&sha).await.unwrap(), None);
}

/// A row of `kind` with one field.
fn row_of(kind: &str, id: &RecordId, text: &str) -> RecordRow {
    let mut r = row(id, text);
    r.kind = Kind::new(kind);
    r
}

#[wasm_bindgen_test]
async fn start_up_reads_the_first_part_alone_and_a_records_last_row_last() {
    use crate::store::Part;
    use shared::names::kind::{PERSON, UNIT};
    let store = IdbStore::open(&fresh_name("parts")).await.expect("open");
    let (unit, person, old_unit) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    // A segment as the version before the parts wrote it: every kind together, a bare key,
    // and the segment a string (segments are bytes since): both forms read, in key order.
    let mixed = crate::store::row_codec::encode_many(&[
        row_of(PERSON, &person, "legacy"),
        row_of(UNIT, &old_unit, "legacy"),
    ])
    .unwrap();
    let mixed = String::from_utf8(mixed).unwrap();
    let tx = store.db.transaction(super::SEGMENTS).with_mode(TransactionMode::Readwrite).build();
    let tx = tx.unwrap();
    let os = tx.object_store(super::SEGMENTS).unwrap();
    os.put(mixed).with_key(super::segment_key(Part::First, 0)).primitive().unwrap();
    tx.commit().await.unwrap();

    let w = vec![row_of(UNIT, &unit, "first"), row_of(PERSON, &person, "newer")];
    store.put_records(w).await.unwrap();
    let first = store.records(Part::First).await.unwrap();
    let ids: Vec<&RecordId> = first.iter().map(|r| &r.id).collect();
    assert_eq!(ids, vec![&person, &old_unit, &unit], "the old mixed segment, then the unit");
    assert_eq!(store.records(Part::Later).await.unwrap(), vec![row_of(PERSON, &person, "newer")]);
    let last = store.get_record(&Kind::new(PERSON), &person).await.unwrap();
    assert_eq!(last, Some(row_of(PERSON, &person, "newer")), "the later part's row is the last");

    let all = sorted(store.all_records().await.unwrap());
    store.compact(all.clone()).await.expect("compact");
    let first = store.records(Part::First).await.unwrap();
    assert!(first.iter().all(|r| Part::of(&r.kind) == Part::First), "{first:?}");
    assert_eq!(store.records(Part::Later).await.unwrap(), vec![row_of(PERSON, &person, "newer")]);
    assert_eq!(sorted(store.all_records().await.unwrap()), all, "nothing lost in the rewrite");
    // Numbering goes on past both parts' keys: a new commit is read after the rewrite.
    store.put_records(vec![row_of(PERSON, &person, "after")]).await.unwrap();
    let later = store.records(Part::Later).await.unwrap();
    assert_eq!(later.last(), Some(&row_of(PERSON, &person, "after")));
}
