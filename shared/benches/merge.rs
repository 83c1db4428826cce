//! Merge cost of Guanjia's field LWW (`shared::ReplicaState`) against yrs and automerge on
//! the same two workloads, so the choice of a plain LWW map over a general CRDT is backed
//! by numbers:
//!
//! 1. **B3.1-like**: 1,540 replicas (20·√6000, as crdt-benchmarks' B3.1) each set the same
//!    field of the same record in their own update; all updates are merged into one state.
//! 2. **Field stream**: 100,000 field changes over 10,000 records by 50 replicas, arriving in
//!    a random interleaving of the replicas' streams (fixed seed), merged into one state.
//!
//! Every update is encoded on its own (yrs: a v1 update per transaction; automerge: one
//! change per commit; shared: the `Change` struct, and also its JSON as on the wire) and
//! applied one by one, in its own transaction where the library has them; the one exception
//! is automerge on workload 2, which gets all changes in a single `apply_changes` call because
//! applied one by one its cost grows quadratically (minutes). The criterion groups measure;
//! extra timed passes afterwards (best of three) print a summary line with the ratios.
//! Final states are checked outside the timing.

#[path = "merge/workloads.rs"]
mod workloads;

use automerge::{AutoCommit, ReadDoc, ROOT};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use shared::{Change, ReplicaState};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use workloads::{b31, key_of, stream, Workload};
use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, ReadTxn, Transact, Update};

fn merge_shared(w: &Workload) -> ReplicaState {
    let mut s = ReplicaState::new();
    for c in &w.changes {
        s.apply(c);
    }
    s
}

fn merge_shared_json(w: &Workload) -> ReplicaState {
    let mut s = ReplicaState::new();
    for bytes in &w.json {
        let c: Change = serde_json::from_slice(bytes).expect("valid change JSON");
        s.apply(&c);
    }
    s
}

fn merge_yrs(updates: &[Vec<u8>]) -> Doc {
    let doc = Doc::with_client_id(u64::MAX >> 12);
    for u in updates {
        let mut txn = doc.transact_mut();
        txn.apply_update(Update::decode_v1(u).expect("valid update")).expect("applies");
    }
    doc
}

fn merge_automerge(changes: &[Vec<u8>], page: usize) -> AutoCommit {
    let mut doc = AutoCommit::new();
    for chunk in changes.chunks(page) {
        let decoded: Vec<automerge::Change> = chunk
            .iter()
            .map(|b| automerge::Change::from_bytes(b.clone()).expect("valid change"))
            .collect();
        doc.apply_changes(decoded).expect("applies");
    }
    doc
}

/// The `record/field → value` view of a yrs doc.
fn yrs_view(doc: &Doc) -> HashMap<String, String> {
    let map = doc.get_or_insert_map("records");
    let txn = doc.transact();
    assert!(txn.store().pending_update().is_none(), "yrs left updates pending");
    map.iter(&txn).map(|(k, v)| (k.to_owned(), v.to_string(&txn))).collect()
}

fn automerge_view(doc: &AutoCommit) -> HashMap<String, String> {
    doc.keys(ROOT)
        .map(|k| {
            let (v, _) = doc.get(ROOT, &k).expect("readable").expect("present");
            let v =
                v.into_scalar().ok().and_then(|s| s.into_string().ok()).expect("a string value");
            (k, v)
        })
        .collect()
}

/// Checks each implementation's final state; runs outside the timing.
fn sanity(w: &Workload) {
    let s = merge_shared(w);
    let mut best: HashMap<String, &Change> = HashMap::new();
    for c in &w.changes {
        let e = best.entry(key_of(c)).or_insert(c);
        if c.stamp() > e.stamp() {
            *e = c;
        }
    }
    assert_eq!(best.len(), w.keys);
    for (k, c) in &best {
        let held = s.field(&c.kind, &c.id, &c.field).unwrap_or_else(|| panic!("{k} missing"));
        assert_eq!(held.stamp(), c.stamp(), "shared kept the wrong write for {k}");
    }
    assert!(merge_shared_json(w) == s, "JSON round trip changes the merge");
    let mut shuffled = w.changes.clone();
    shuffled.shuffle(&mut StdRng::seed_from_u64(7));
    let mut any_order = ReplicaState::new();
    for c in &shuffled {
        any_order.apply(c);
    }
    assert!(any_order == s, "shared gives the same state in a full shuffle");
    let y = yrs_view(&merge_yrs(&w.yrs));
    assert_eq!(y.len(), w.keys, "yrs holds every key");
    assert_eq!(y, yrs_view(&merge_yrs(&w.yrs_alt)), "yrs converges whatever the order");
    let a = automerge_view(&merge_automerge(&w.automerge, w.automerge_page));
    assert_eq!(a.len(), w.keys, "automerge holds every key");
    let alt = automerge_view(&merge_automerge(&w.automerge_alt, w.automerge_page));
    assert_eq!(a, alt, "automerge converges whatever the order");
}

fn bench_workload(c: &mut Criterion, w: &Workload) {
    let mut g = c.benchmark_group(w.name);
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("shared", |b| b.iter(|| merge_shared(w)));
    g.bench_function("shared+json", |b| b.iter(|| merge_shared_json(w)));
    g.bench_function("yrs", |b| b.iter(|| merge_yrs(&w.yrs)));
    g.bench_function("automerge", |b| b.iter(|| merge_automerge(&w.automerge, w.automerge_page)));
    g.finish();
}

/// Best of three wall-clock passes, in milliseconds.
fn time_ms<T>(mut f: impl FnMut() -> T) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn summary(w: &Workload) -> String {
    let x = time_ms(|| merge_shared(w));
    let xj = time_ms(|| merge_shared_json(w));
    let y = time_ms(|| merge_yrs(&w.yrs));
    let z = time_ms(|| merge_automerge(&w.automerge, w.automerge_page));
    let how = if w.automerge_page == 1 { "per change" } else { "one batch" };
    format!(
        "{}: shared {x:.2} ms (with JSON decode {xj:.2} ms), yrs {y:.2} ms (Y/X = {:.1}), \
         automerge {how} {z:.2} ms (Z/X = {:.1})",
        w.name,
        y / x,
        z / x
    )
}

fn benches(c: &mut Criterion) {
    let workloads = [b31(), stream()];
    for w in &workloads {
        sanity(w);
    }
    for w in &workloads {
        bench_workload(c, w);
    }
    // `cargo test --benches` runs each benchmark once as a smoke test: skip the extra passes.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    println!("\n== merge summary (best of 3 passes; X = shared, Y = yrs, Z = automerge) ==");
    for w in &workloads {
        println!("{}", summary(w));
    }
}

criterion_group!(merge, benches);
criterion_main!(merge);
