//! The two benchmark workloads, each encoded once for every implementation (outside timing).

use automerge::{transaction::Transactable, ActorId, AutoCommit, ROOT};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;
use shared::{Change, Hlc, HlcClock, Kind, RecordId, ReplicaId};
use yrs::{Doc, Map, Transact};

const B31_REPLICAS: usize = 1540;
const STREAM_CHANGES: usize = 100_000;
const STREAM_RECORDS: usize = 10_000;
const STREAM_REPLICAS: usize = 50;
const FIELDS: [&str; 8] =
    ["status", "description", "contact_phone", "assignee", "urgency", "category", "unit", "due_at"];
const T0: u64 = 1_718_000_000_000;

/// A set of edits in arrival order, encoded for each implementation.
pub struct Workload {
    pub name: &'static str,
    /// In arrival order.
    pub changes: Vec<Change>,
    pub json: Vec<Vec<u8>>,
    pub yrs: Vec<Vec<u8>>,
    pub automerge: Vec<Vec<u8>>,
    /// The same updates in another valid order, to check convergence.
    pub yrs_alt: Vec<Vec<u8>>,
    pub automerge_alt: Vec<Vec<u8>>,
    /// automerge changes per `apply_changes` call.
    pub automerge_page: usize,
    /// Distinct `record/field` keys the final state must hold.
    pub keys: usize,
}

fn record_id(r: usize) -> RecordId {
    RecordId(format!("0190f0a0-0000-7000-8000-{r:012}"))
}

/// The `record/field` key yrs and automerge store a field under.
pub fn key_of(c: &Change) -> String {
    format!("{}/{}", c.id, c.field)
}

/// Builds the encodings: each writer is a yrs doc / automerge doc of its own that never
/// sees the others' edits, exactly as the shared replicas.
fn build(
    name: &'static str,
    writes: Vec<(usize, Change)>,
    order: &[usize],
    alt: &[usize],
    writers: usize,
    automerge_page: usize,
) -> Workload {
    let ydocs: Vec<Doc> = (0..writers).map(|w| Doc::with_client_id(w as u64 + 1)).collect();
    let mut adocs: Vec<AutoCommit> = (0..writers)
        .map(|w| AutoCommit::new().with_actor(ActorId::from((w as u64 + 1).to_be_bytes().to_vec())))
        .collect();
    let (mut yrs, mut am) = (Vec::new(), Vec::new());
    for (w, c) in &writes {
        let value = c.value.as_str().expect("bench values are strings").to_owned();
        let map = ydocs[*w].get_or_insert_map("records");
        let mut txn = ydocs[*w].transact_mut();
        map.insert(&mut txn, key_of(c), value.clone());
        yrs.push(txn.encode_update_v1());
        drop(txn);
        let doc = &mut adocs[*w];
        doc.put(ROOT, key_of(c), value).expect("automerge put");
        doc.commit();
        am.push(doc.get_last_local_change().expect("a commit makes a change").raw_bytes().to_vec());
    }
    let keys =
        writes.iter().map(|(_, c)| key_of(c)).collect::<std::collections::HashSet<_>>().len();
    let changes: Vec<Change> = order.iter().map(|&i| writes[i].1.clone()).collect();
    let json = changes.iter().map(|c| serde_json::to_vec(c).expect("serializes")).collect();
    let pick = |v: &[Vec<u8>], o: &[usize]| o.iter().map(|&i| v[i].clone()).collect::<Vec<_>>();
    Workload {
        name,
        changes,
        json,
        yrs: pick(&yrs, order),
        automerge: pick(&am, order),
        yrs_alt: pick(&yrs, alt),
        automerge_alt: pick(&am, alt),
        automerge_page,
        keys,
    }
}

fn change(r: usize, field: &str, value: String, hlc: Hlc, replica: &ReplicaId) -> Change {
    Change {
        kind: Kind::new("request"),
        id: record_id(r),
        field: field.to_owned(),
        value: json!(value),
        hlc,
        replica: replica.clone(),
        prev: None,
    }
}

/// Workload 1: every replica writes the same field once; many equal HLC milliseconds, so ties
/// are broken by replica id.
pub fn b31() -> Workload {
    let writes: Vec<(usize, Change)> = (0..B31_REPLICAS)
        .map(|i| {
            let replica = ReplicaId(format!("r{i:04}"));
            let hlc = Hlc::new(T0 + (i as u64 * 7) % 100, 0);
            (i, change(0, "status", format!("v{i}"), hlc, &replica))
        })
        .collect();
    // Independent updates: any order is valid. Arrival is shuffled; the check uses the reverse.
    let mut order: Vec<usize> = (0..writes.len()).collect();
    order.shuffle(&mut StdRng::seed_from_u64(31));
    let alt: Vec<usize> = order.iter().rev().copied().collect();
    build("B3.1-like 1540 replicas", writes, &order, &alt, B31_REPLICAS, 1)
}

/// Workload 2: 100,000 edits over 10,000 records, interleaved with a fixed seed.
pub fn stream() -> Workload {
    let mut rng = StdRng::seed_from_u64(0x0067_7561_6e6a_6961);
    let replicas: Vec<ReplicaId> =
        (0..STREAM_REPLICAS).map(|i| ReplicaId(format!("tablet-{i:02}"))).collect();
    let mut clocks = vec![HlcClock::default(); STREAM_REPLICAS];
    let writes: Vec<(usize, Change)> = (0..STREAM_CHANGES)
        .map(|k| {
            let w = rng.gen_range(0..STREAM_REPLICAS);
            let skew = rng.gen_range(0..5_000);
            let hlc = clocks[w].now(T0 + k as u64 + skew);
            let r = rng.gen_range(0..STREAM_RECORDS);
            let field = FIELDS[rng.gen_range(0..FIELDS.len())];
            (w, change(r, field, format!("v{k}"), hlc, &replicas[w]))
        })
        .collect();
    // Arrival order: the replicas' streams randomly interleaved, each replica's own changes
    // in the order it made them (its outbox is sequenced). yrs and automerge need that causal
    // order; fed a full shuffle they park changes as pending and re-try them, which took yrs
    // more than three minutes here. `shared` is checked on the full shuffle too (`sanity`).
    // automerge gets its fast path here: all changes in one `apply_changes` call (applied one
    // by one its cost grows quadratically: 11.5 s for the first 10,000 on the dev machine).
    let mut slots: Vec<usize> = (0..writes.len()).collect();
    slots.shuffle(&mut rng);
    let mut per_writer: Vec<Vec<usize>> = vec![Vec::new(); STREAM_REPLICAS];
    for (i, (w, _)) in writes.iter().enumerate() {
        per_writer[*w].push(i);
    }
    let mut next = vec![0; STREAM_REPLICAS];
    let order: Vec<usize> = slots
        .iter()
        .map(|&slot| {
            let w = writes[slot].0;
            next[w] += 1;
            per_writer[w][next[w] - 1]
        })
        .collect();
    let alt: Vec<usize> = (0..writes.len()).collect(); // creation order
    build(
        "100k changes / 10k records, interleaved",
        writes,
        &order,
        &alt,
        STREAM_REPLICAS,
        usize::MAX,
    )
}
