use super::*;
use crate::{Hlc, ReplicaId};
use serde_json::{json, Value};
use std::collections::HashSet;

fn change(kind: &str, id: &RecordId, field: &str, value: Value, n: usize) -> Change {
    Change {
        kind: Kind::new(kind),
        id: id.clone(),
        field: field.into(),
        value,
        hlc: Hlc::new(1_700_000_000_000, n as u16),
        replica: ReplicaId::from("tablet-1"),
        prev: None,
    }
}

/// A finding as `model::patrol_findings` files it: a request of 20 fields pointing at the
/// (existing) round, its `created` event and `photos` photo copies of 14 fields each.
fn finding(round: &RecordId, photos: usize, out: &mut Vec<Change>) -> RecordId {
    let req = RecordId::new_v7();
    let n = out.len();
    out.push(change("request", &req, "patrol_round", json!(round), n));
    for f in 0..19 {
        out.push(change("request", &req, &format!("f{f}"), json!("x"), n));
    }
    let event = RecordId::new_v7();
    out.push(change("request_event", &event, "request", json!(req), n));
    out.push(change("request_event", &event, "type", json!("created"), n));
    for _ in 0..photos {
        let p = RecordId::new_v7();
        out.push(change("photo", &p, "parent_kind", json!("request"), n));
        out.push(change("photo", &p, "parent_id", json!(req), n));
        for f in 0..12 {
            out.push(change("photo", &p, &format!("f{f}"), json!("y"), n));
        }
    }
    req
}

/// Every part within the limits, as a batch's JSON too, and nothing lost or added.
fn check_limits(input: &[Change], parts: &[Vec<Change>]) {
    for (i, p) in parts.iter().enumerate() {
        assert!(!p.is_empty() && p.len() <= MAX_BATCH_CHANGES, "part {i}: {} changes", p.len());
        let b = Batch { seq: u64::MAX, changes: p.clone() };
        let bytes = serde_json::to_vec(&b).unwrap().len();
        assert!(bytes <= MAX_BATCH_BYTES, "part {i}: {bytes} bytes");
    }
    let mut all: Vec<&Change> = parts.iter().flatten().collect();
    assert_eq!(all.len(), input.len());
    let key = |c: &&Change| (c.kind.clone(), c.id.clone(), c.field.clone());
    all.sort_by_key(key);
    let mut want: Vec<&Change> = input.iter().collect();
    want.sort_by_key(key);
    assert_eq!(all, want);
}

fn part_of(parts: &[Vec<Change>], id: &RecordId) -> HashSet<usize> {
    parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.iter().any(|c| &c.id == id || c.value.as_str() == Some(id.as_str())))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn an_edit_that_fits_stays_one_batch_in_its_order() {
    let round = RecordId::new_v7();
    let mut edit = Vec::new();
    finding(&round, 2, &mut edit);
    let parts = split_edit(edit.clone(), |_, _| true);
    assert_eq!(parts, vec![edit]);
}

#[test]
fn a_round_of_200_findings_is_split_with_each_finding_whole() {
    let round = RecordId::new_v7();
    let mut edit = Vec::new();
    let reqs: Vec<RecordId> = (0..200).map(|i| finding(&round, i % 3, &mut edit)).collect();
    edit.push(change("patrol_round", &round, "ended_at", json!(1), edit.len()));
    let parts = split_edit(edit.clone(), |kind, _| kind.as_str() != "patrol_round");
    check_limits(&edit, &parts);
    assert!(parts.len() > edit.len() / MAX_BATCH_CHANGES, "{} parts", parts.len());
    for r in &reqs {
        assert_eq!(part_of(&parts, r).len(), 1, "a finding is never cut");
    }
    let first: Vec<usize> =
        reqs.iter().map(|r| *part_of(&parts, r).iter().next().unwrap()).collect();
    assert!(first.windows(2).all(|w| w[0] <= w[1]), "findings keep their order");
    let last = parts.last().unwrap().last().unwrap();
    assert_eq!(last.field, "ended_at", "the round ends after its findings");
}

#[test]
fn a_finding_bigger_than_a_batch_is_cut_between_its_records_parent_first() {
    let round = RecordId::new_v7();
    let mut edit = Vec::new();
    let req = finding(&round, 80, &mut edit);
    let parts = split_edit(edit.clone(), |_, _| true);
    check_limits(&edit, &parts);
    assert!(parts.len() >= 3);
    assert!(parts[0].iter().any(|c| c.id == req), "the request comes first");
    let mut seen: HashSet<(Kind, RecordId)> = HashSet::new();
    for (i, p) in parts.iter().enumerate() {
        let here: HashSet<_> = p.iter().map(|c| (c.kind.clone(), c.id.clone())).collect();
        assert!(here.is_disjoint(&seen), "part {i}: a record is never cut");
        seen.extend(here);
    }
}

#[test]
fn long_texts_are_split_by_bytes() {
    let text = "长".repeat(crate::schema::MAX_TEXT_CHARS);
    let edit: Vec<Change> = (0..300)
        .map(|i| change("request", &RecordId::new_v7(), "description", json!(text), i))
        .collect();
    let parts = split_edit(edit.clone(), |_, _| true);
    check_limits(&edit, &parts);
    assert!(parts.len() >= 4, "3.6 MB of text: {} parts", parts.len());
}

#[test]
fn a_push_takes_whole_batches_up_to_the_limits_and_at_least_one() {
    let batch = |seq, n| Batch {
        seq,
        changes: (0..n).map(|i| change("request", &RecordId::new_v7(), "f", json!(1), i)).collect(),
    };
    let outbox = vec![batch(1, 300), batch(2, 200), batch(3, 1)];
    assert_eq!(first_push(&outbox).len(), 2);
    assert_eq!(first_push(&outbox[2..]).len(), 1);
    assert!(first_push(&[]).is_empty());
}
