//! The upgrade fixtures (`fixtures/`, used in the browser by `upgrade_tests.rs`) read with
//! today's codecs natively: every row, segment, batch and upload queue parses, and what each
//! fixture expects is what its values say.

use super::row_codec;
use crate::photos::UploadQueue;
use serde_json::Value;
use shared::protocol::Batch;

const FIXTURES: [(&str, &str); 4] = [
    ("v1_serde", include_str!("fixtures/v1_serde.json")),
    ("v1_compact", include_str!("fixtures/v1_compact.json")),
    ("v2", include_str!("fixtures/v2.json")),
    ("v3", include_str!("fixtures/v3.json")),
];

#[test]
fn every_fixture_reads_with_todays_codecs_and_holds_what_it_expects() {
    for (name, text) in FIXTURES {
        let f: Value = serde_json::from_str(text).expect(name);
        let mut rows = Vec::new();
        for v in f["records"].as_object().expect(name).values() {
            rows.push(row_codec::decode_legacy(&v.to_string()).expect(name));
        }
        for v in f["segments"].as_object().into_iter().flat_map(|m| m.values()) {
            rows.extend(row_codec::decode_many(v.to_string().as_bytes()).expect(name));
        }
        for e in f["expect"]["fields"].as_array().expect(name) {
            let row = rows.iter().rev().find(|r| r.kind.as_str() == e[0] && r.id.as_str() == e[1]);
            let got = row.and_then(|r| r.fields.get(e[2].as_str().unwrap())).map(|s| &s.value);
            assert_eq!(got, Some(&e[3]), "{name}: {e}");
        }
        let batches: Vec<Batch> = f["outbox"]
            .as_object()
            .expect(name)
            .values()
            .map(|b| serde_json::from_value(b.clone()).expect(name))
            .collect();
        let changes: usize = batches.iter().map(|b| b.changes.len()).sum();
        assert_eq!(Some(changes as u64), f["expect"]["pending_changes"].as_u64(), "{name}");
        if let Some(queue) = f["meta"].get("uploads") {
            let queue: UploadQueue = serde_json::from_value(queue.clone()).expect(name);
            let waiting = queue.progress().photos_waiting as u64;
            assert_eq!(Some(waiting), f["expect"]["photos_waiting"].as_u64(), "{name}");
        }
    }
}
