//! Property tests of the merge laws (`docs/ARCHITECTURE.md`, "Merge and conflicts"): the same set
//! of field changes gives the same replica state whatever the order, grouping or repetition in
//! which they arrive, and the `concurrent` verdict of `merge_field` does not depend on arrival
//! order.
//!
//! The generators draw from a deliberately tiny key space (2 kinds × 3 ids × 3 fields, HLCs
//! in a few milliseconds with small counters, 4 replicas, 3 values) so that writes to the
//! same field, equal HLCs from different replicas and equal values happen all the time.
//! Failing cases are kept in `merge_laws.proptest-regressions` beside this file.

use proptest::prelude::*;
use serde_json::{json, Value};
use shared::{merge_field, Change, FieldState, Hlc, Kind, RecordId, ReplicaId, ReplicaState};
use std::collections::BTreeSet;

const KINDS: [&str; 2] = ["request", "unit"];
const IDS: [&str; 3] = [
    "0190f0a0-0000-7000-8000-000000000001",
    "0190f0a0-0000-7000-8000-000000000002",
    "0190f0a0-0000-7000-8000-000000000003",
];
const FIELDS: [&str; 3] = ["status", "description", "contact_phone"];
const REPLICAS: [&str; 4] = ["r0", "r1", "server", "tablet-9"];

fn hlc() -> impl Strategy<Value = Hlc> {
    (0u64..6, 0u16..3).prop_map(|(ms, n)| Hlc::new(ms, n))
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![Just(json!("甲")), Just(json!("b")), Just(json!(null)), Just(json!(3))]
}

/// One arbitrary change in the small key space.
fn change() -> impl Strategy<Value = Change> {
    (0..KINDS.len(), 0..IDS.len(), 0..FIELDS.len(), value(), hlc(), 0..REPLICAS.len())
        .prop_flat_map(|(k, i, f, v, h, r)| {
            // `prev` is what the author saw: absent or an HLC no later than its own write.
            let prev =
                prop_oneof![Just(None), (0..=h.as_u64()).prop_map(|p| Some(Hlc::from_u64(p)))];
            (Just((k, i, f, v, h, r)), prev)
        })
        .prop_map(|((k, i, f, v, h, r), prev)| Change {
            kind: Kind::new(KINDS[k]),
            id: RecordId::from(IDS[i]),
            field: FIELDS[f].to_owned(),
            value: v,
            hlc: h,
            replica: ReplicaId::from(REPLICAS[r]),
            prev,
        })
}

/// A set of writes as real replicas make them: one replica never stamps two different writes
/// of the same field with the same HLC, so later duplicates of a `(field, stamp)` are dropped.
fn changes(max: usize) -> impl Strategy<Value = Vec<Change>> {
    prop::collection::vec(change(), 0..max).prop_map(|v| {
        let mut seen = BTreeSet::new();
        v.into_iter()
            .filter(|c| seen.insert((c.kind.clone(), c.id.clone(), c.field.clone(), c.stamp())))
            .collect()
    })
}

/// A set of changes together with a permutation of it.
fn changes_and_shuffle() -> impl Strategy<Value = (Vec<Change>, Vec<Change>)> {
    changes(40).prop_flat_map(|v| {
        let original = v.clone();
        (Just(original), Just(v).prop_shuffle())
    })
}

fn state_of<'a>(cs: impl IntoIterator<Item = &'a Change>) -> ReplicaState {
    let mut s = ReplicaState::new();
    for c in cs {
        s.apply(c);
    }
    s
}

/// Merges replica `b` into a copy of `a` (what a snapshot sync does).
fn merge(a: &ReplicaState, b: &ReplicaState) -> ReplicaState {
    let mut out = a.clone();
    for c in b.to_changes() {
        out.apply(&c);
    }
    out
}

/// Splits `v` at the given cut points (taken modulo the length) into three consecutive groups.
fn three_groups(v: &[Change], cut1: usize, cut2: usize) -> (&[Change], &[Change], &[Change]) {
    let n = v.len();
    let (mut i, mut j) = (cut1 % (n + 1), cut2 % (n + 1));
    if i > j {
        std::mem::swap(&mut i, &mut j);
    }
    (&v[..i], &v[i..j], &v[j..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_permutation_gives_the_same_state((original, shuffled) in changes_and_shuffle()) {
        prop_assert_eq!(state_of(&original), state_of(&shuffled));
    }

    #[test]
    fn the_state_holds_the_greatest_stamp_of_each_field(cs in changes(40)) {
        let s = state_of(&cs);
        for c in &cs {
            let held = s.field(&c.kind, &c.id, &c.field).expect("a written field has a value");
            prop_assert!(held.stamp() >= c.stamp(), "{:?} lost to an older {:?}", c, held);
        }
        let written: BTreeSet<_> = cs.iter().map(|c| (c.kind.clone(), c.id.clone())).collect();
        prop_assert_eq!(s.len(), written.len());
    }

    #[test]
    fn grouping_batches_does_not_matter(cs in changes(40), cut1 in 0usize..64, cut2 in 0usize..64) {
        let (a, b, c) = three_groups(&cs, cut1, cut2);
        let (sa, sb, sc) = (state_of(a), state_of(b), state_of(c));
        let left = merge(&merge(&sa, &sb), &sc);
        let right = merge(&sa, &merge(&sb, &sc));
        prop_assert_eq!(&left, &right);
        prop_assert_eq!(&left, &state_of(&cs));
    }

    #[test]
    fn merging_replica_states_is_commutative(a in changes(30), b in changes(30)) {
        // Two replicas' states built from independent writes; a shared (field, stamp) must be
        // the same write, so `b` drops what `a` already stamped.
        let stamped: BTreeSet<_> =
            a.iter().map(|c| (c.kind.clone(), c.id.clone(), c.field.clone(), c.stamp())).collect();
        let b: Vec<_> = b
            .into_iter()
            .filter(|c| !stamped.contains(&(c.kind.clone(), c.id.clone(), c.field.clone(), c.stamp())))
            .collect();
        let (sa, sb) = (state_of(&a), state_of(&b));
        prop_assert_eq!(merge(&sa, &sb), merge(&sb, &sa));
    }

    #[test]
    fn applying_twice_changes_nothing(cs in changes(40), dup_idx in prop::collection::vec(0usize..64, 0..40)) {
        let once = state_of(&cs);
        // Every change again, in order: nothing may win a second time. (A re-delivered loser
        // is still reported concurrent with the winner when it was: the verdict is stable.)
        let mut twice = once.clone();
        for c in &cs {
            let out = twice.apply(c);
            prop_assert!(!out.wins, "a re-applied change won: {:?}", c);
            prop_assert_eq!(twice.apply(c), out, "the verdict changed on a third delivery");
        }
        prop_assert_eq!(&twice, &once);
        // Duplicates sprinkled in between, as a flaky network delivers them.
        if !cs.is_empty() {
            let mut with_dups = cs.clone();
            for (k, i) in dup_idx.iter().enumerate() {
                let dup = cs[i % cs.len()].clone();
                let at = (k * 7 + i) % (with_dups.len() + 1);
                with_dups.insert(at, dup);
            }
            prop_assert_eq!(state_of(&with_dups), once.clone());
        }
        // Merging a state into itself is a no-op too.
        prop_assert_eq!(merge(&once, &once), once);
    }

    #[test]
    fn concurrent_verdict_is_the_same_in_both_arrival_orders(a in change(), b in change()) {
        prop_assume!(a.stamp() != b.stamp());
        let ab = merge_field(Some(&FieldState::from_change(&a)), &b);
        let ba = merge_field(Some(&FieldState::from_change(&b)), &a);
        prop_assert_eq!(ab.concurrent, ba.concurrent);
        prop_assert_ne!(ab.wins, ba.wins, "exactly one of two distinct writes wins");
        prop_assert_eq!(ab.wins, b.stamp() > a.stamp());
        if a.value == b.value {
            prop_assert!(!ab.concurrent, "equal values are never a conflict");
        }
    }

    #[test]
    fn a_write_that_saw_the_other_is_never_concurrent(a in change(), b in change()) {
        // Make `b` a later edit by someone who saw `a`.
        let mut b = b;
        b.hlc = Hlc::from_u64(a.hlc.as_u64() + 1 + b.hlc.as_u64());
        b.prev = Some(a.hlc);
        let ab = merge_field(Some(&FieldState::from_change(&a)), &b);
        let ba = merge_field(Some(&FieldState::from_change(&b)), &a);
        prop_assert!(!ab.concurrent && !ba.concurrent);
        prop_assert!(ab.wins && !ba.wins);
    }
}

/// Changes as a snapshot page lists them: sorted by record, so a record's fields come
/// together (the runs `apply_all` looks each record up once for).
fn by_record(mut cs: Vec<Change>) -> Vec<Change> {
    cs.sort_by(|a, b| (&a.kind, &a.id).cmp(&(&b.kind, &b.id)));
    cs
}

proptest! {
    /// `apply_all` is `apply` one by one: the same state, and the records it says it altered
    /// are exactly those some `apply` won on, in runs or scattered, on an empty replica or
    /// one that already holds changes.
    #[test]
    fn apply_all_is_apply_one_by_one(
        (before, cs) in (changes(20), changes(40)),
        sorted in any::<bool>(),
    ) {
        let cs = if sorted { by_record(cs) } else { cs };
        let mut one_by_one = state_of(&before);
        let mut won = BTreeSet::new();
        for c in &cs {
            if one_by_one.apply(c).wins {
                won.insert((c.kind.clone(), c.id.clone()));
            }
        }
        let mut all = state_of(&before);
        let altered = all.apply_all(cs.clone());
        prop_assert_eq!(&all, &one_by_one);
        prop_assert_eq!(altered, won.into_iter().collect::<Vec<_>>());
    }
}
