//! Upgrades from every earlier IndexedDB schema version (issue 26 point 2): each fixture in
//! `fixtures/` is a database exactly as one earlier version of the app wrote it (its stores,
//! and its values in that version's forms: rows in the serde form, single compact rows,
//! segments; the outbox with unsent edits; a photo's bytes and upload queue where the
//! version had them). A test builds it at that version's number, opens it with today's
//! store and engine, and checks that nothing is lost and every unsent edit is still unsent.
//!
//! The fixtures' values are JSON, stored as the versions stored them: serialized to a string
//! (blobs as bytes, `{"len", "byte"}`: that many copies of one byte). Each fixture says in
//! `expect` what a user must still find: field values, the outbox's batches and changes, the
//! next `seq` and the photos waiting.

use super::IdbStore;
use crate::store::{LocalStore, META_NEXT_SEQ, META_REPLICA};
use crate::sync::fake::FakeServer;
use crate::sync::Engine;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde_json::Value;
use shared::protocol::Batch;
use shared::{Kind, RecordId, ReplicaId};
use wasm_bindgen_test::wasm_bindgen_test;

/// The stores a fixture may fill, each with string values but `blobs`.
const VALUE_STORES: [&str; 4] = ["records", "segments", "outbox", "meta"];

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("a fixture is JSON")
}

fn fresh_name(tag: &str) -> String {
    format!("guanjia-upgrade-{tag}-{}", RecordId::new_v7())
}

/// Builds the database `name` as the fixture's version left it.
async fn build(name: &str, f: &Value) {
    let version = f["version"].as_u64().expect("version") as u32;
    let stores: Vec<String> = serde_json::from_value(f["stores"].clone()).expect("stores");
    let create = stores.clone();
    let db = Database::open(name)
        .with_version(version)
        .with_on_upgrade_needed(move |_event, db: Database| {
            for store in &create {
                db.create_object_store(store).build()?;
            }
            Ok(())
        })
        .await
        .expect("open at the old version");
    for store in VALUE_STORES.iter().filter(|s| stores.iter().any(|n| n == *s)) {
        let Some(values) = f[*store].as_object() else { continue };
        let tx = db.transaction(*store).with_mode(TransactionMode::Readwrite).build().unwrap();
        let os = tx.object_store(store).unwrap();
        for (key, value) in values {
            let stored = serde_json::to_string(value).unwrap();
            os.put(stored).with_key(key.clone()).primitive().unwrap();
        }
        tx.commit().await.unwrap();
    }
    if let Some(blobs) = f["blobs"].as_object() {
        let tx = db.transaction("blobs").with_mode(TransactionMode::Readwrite).build().unwrap();
        let os = tx.object_store("blobs").unwrap();
        for (sha, spec) in blobs {
            let value: wasm_bindgen::JsValue =
                js_sys::Uint8Array::from(blob(spec).as_slice()).into();
            os.put(value).with_key(sha.clone()).primitive().unwrap();
        }
        tx.commit().await.unwrap();
    }
    db.close();
}

fn blob(spec: &Value) -> Vec<u8> {
    let len = spec["len"].as_u64().expect("len") as usize;
    vec![spec["byte"].as_u64().expect("byte") as u8; len]
}

/// `expect.fields` as (kind, id, field, value).
fn expected_fields(f: &Value) -> Vec<(Kind, RecordId, String, Value)> {
    let list = f["expect"]["fields"].as_array().expect("expect.fields");
    list.iter()
        .map(|e| {
            let s = |i: usize| e[i].as_str().expect("a name").to_owned();
            (Kind::new(&s(0)), RecordId(s(1)), s(2), e[3].clone())
        })
        .collect()
}

/// Builds the fixture, opens it with today's store, then with today's engine, and checks.
async fn upgrades_keeping_everything(tag: &str, text: &str) {
    let f = fixture(text);
    let expect = &f["expect"];
    let name = fresh_name(tag);
    build(&name, &f).await;

    let store = IdbStore::open(&name).await.expect("today's store opens the old database");
    let rows = store.all_records().await.expect("today's store reads the old rows");
    for (kind, id, field, value) in expected_fields(&f) {
        let row = rows.iter().rev().find(|r| r.kind == kind && r.id == id);
        let got = row.and_then(|r| r.fields.get(&field)).map(|s| s.value.clone());
        assert_eq!(got, Some(value), "{tag}: {kind:?} {id:?} {field}");
    }
    // The outbox as it was written: the same batches, changes and values, none sent.
    let outbox = store.outbox().await.expect("outbox");
    let written: Vec<Batch> = f["outbox"]
        .as_object()
        .expect("outbox")
        .values()
        .map(|b| serde_json::from_value(b.clone()).expect("a batch"))
        .collect();
    assert_eq!(outbox, written, "{tag}: the outbox reads back as written");
    let seqs: Vec<u64> = outbox.iter().map(|b| b.seq).collect();
    assert_eq!(seqs, serde_json::from_value::<Vec<u64>>(expect["outbox_seqs"].clone()).unwrap());
    let next_seq = store.get_meta::<u64>(META_NEXT_SEQ).await.unwrap();
    assert_eq!(next_seq, expect["next_seq"].as_u64(), "{tag}: next seq");
    for (sha, spec) in f["blobs"].as_object().into_iter().flatten() {
        assert_eq!(store.get_blob(sha).await.unwrap(), Some(blob(spec)), "{tag}: blob {sha}");
    }
    let replica: ReplicaId = serde_json::from_value(f["meta"]["replica"].clone()).unwrap();
    assert_eq!(store.get_meta::<ReplicaId>(META_REPLICA).await.unwrap(), Some(replica.clone()));

    // Today's engine starts on it: the same device, everything shown, every edit still unsent.
    let engine = Engine::open(store, FakeServer::default(), Box::new(|| 1_700_000_100_000))
        .await
        .expect("the engine starts on the upgraded database");
    assert_eq!(engine.replica().await, replica, "{tag}: the same replica id");
    let snap = engine.snapshot().await;
    assert_eq!(Some(snap.pending as u64), expect["pending_changes"].as_u64(), "{tag}: unsent");
    for (kind, id, field, value) in expected_fields(&f) {
        let got = snap.state.field(&kind, &id, &field).map(|s| s.value.clone());
        assert_eq!(got, Some(value), "{tag}: the engine shows {kind:?} {id:?} {field}");
    }
    let waiting = snap.uploads.progress().photos_waiting as u64;
    assert_eq!(waiting, expect["photos_waiting"].as_u64().unwrap_or(0), "{tag}: photos waiting");
    engine.store().release().await;
    drop(engine);

    // Reopened at today's version, it is all still there (the upgrade happened once).
    let store = IdbStore::open(&name).await.expect("reopen");
    assert_eq!(store.outbox().await.unwrap(), written, "{tag}: still unsent after reopening");
    store.close().await;
}

#[wasm_bindgen_test]
async fn version_1_rows_in_their_first_serde_form_upgrade_keeping_everything() {
    upgrades_keeping_everything("v1-serde", include_str!("fixtures/v1_serde.json")).await;
}

#[wasm_bindgen_test]
async fn version_1_rows_in_the_single_compact_form_upgrade_keeping_everything() {
    upgrades_keeping_everything("v1-compact", include_str!("fixtures/v1_compact.json")).await;
}

#[wasm_bindgen_test]
async fn version_2_segments_upgrade_keeping_everything() {
    upgrades_keeping_everything("v2", include_str!("fixtures/v2.json")).await;
}

#[wasm_bindgen_test]
async fn version_3_with_a_photo_waiting_opens_keeping_everything() {
    upgrades_keeping_everything("v3", include_str!("fixtures/v3.json")).await;
}
