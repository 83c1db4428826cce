use super::*;
use crate::push_rules::Refused;
use crate::{Refusal, RejectCode};

const ME: &str = "butler-1";

fn known(owner: &str, last_seq: u64) -> Option<ReplicaFacts<'_>> {
    Some(ReplicaFacts { owner, last_seq })
}

/// A batch of one change whose value is `n`: batches of other `n` are other work.
fn batch(seq: u64, n: usize) -> Batch {
    let change = crate::Change {
        kind: crate::Kind::new(crate::names::kind::REQUEST),
        id: crate::RecordId::from("0190f000-0000-7000-8000-00000000000a"),
        field: crate::names::field::DESCRIPTION.into(),
        value: serde_json::json!(n),
        hlc: crate::Hlc::new(1, 0),
        replica: crate::ReplicaId::from("r"),
        prev: None,
    };
    Batch { seq, changes: vec![change] }
}

#[test]
fn a_replica_is_its_first_pushers_whatever_the_seq() {
    for seq in [0, 1, 2, 3, 1_000_000] {
        assert_eq!(admit(known("office-1", 2), ME, seq), Err(PushRefusal::ReplicaTaken));
    }
    assert_eq!(admit(None, ME, 1), Ok(Admission::Apply), "a new replica id is anyone's");
    assert_eq!(admit(known(ME, 2), ME, 3), Ok(Admission::Apply));
}

#[test]
fn a_batch_is_the_next_one_an_applied_one_or_a_gap() {
    assert_eq!(admit(known(ME, 4), ME, 5), Ok(Admission::Apply));
    assert_eq!(admit(known(ME, 4), ME, 4), Ok(Admission::Applied));
    assert_eq!(admit(known(ME, 4), ME, 1), Ok(Admission::Applied));
    assert_eq!(admit(known(ME, 4), ME, 6), Err(PushRefusal::SeqGap { last_seq: 4, got: 6 }));
    assert_eq!(admit(None, ME, 2), Err(PushRefusal::SeqGap { last_seq: 0, got: 2 }));
    assert_eq!(PushRefusal::SeqGap { last_seq: 0, got: 2 }.code(), SEQ_GAP);
}

#[test]
fn an_applied_seq_is_a_resend_only_with_the_same_changes() {
    let (a, b) = (batch(3, 1).digest(), batch(3, 2).digest());
    assert_eq!(resend(3, Some(&a), &a), Ok(()));
    assert_eq!(resend(3, Some(&a), &b), Err(PushRefusal::SeqReused { seq: 3 }));
    assert_eq!(resend(3, None, &b), Ok(()), "applied before digests were kept");
    assert_eq!(PushRefusal::SeqReused { seq: 3 }.code(), SEQ_REUSED);
}

#[test]
fn a_push_is_put_in_order_and_one_seq_holds_one_batch() {
    let sorted = in_order(vec![batch(3, 0), batch(1, 0), batch(3, 0), batch(2, 0)]);
    let seqs: Vec<u64> = sorted.expect("in order").iter().map(|b| b.seq).collect();
    assert_eq!(seqs, [1, 2, 3], "the same batch twice is one");
    let twice = in_order(vec![batch(2, 0), batch(1, 0), batch(2, 1)]);
    assert_eq!(twice, Err(PushRefusal::SeqReused { seq: 2 }));
}

#[test]
fn a_refusal_is_answered_with_its_place_in_the_batch() {
    let refusal = Refusal::new(RejectCode::Forbidden, "no");
    let r = Rejection::of(7, 2, Refused { refusal, compensation: None });
    assert_eq!((r.seq, r.index, r.code, r.message.as_str()), (7, 2, RejectCode::Forbidden, "no"));
}

#[test]
fn the_servers_own_replica_id_is_never_a_devices() {
    assert_eq!(claimable(&ReplicaId::server()), Err(PushRefusal::ReplicaTaken));
    assert_eq!(claimable(&ReplicaId::from("tablet-1")), Ok(()));
}
