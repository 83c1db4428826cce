//! Push rules: idempotent batches, rejections with compensations, scope, conflicts, clocks.

use crate::support::Backend::{Postgres, Sqlite};
use crate::support::{self, change, last_value, now, Backend};
use rstest::rstest;
use serde_json::json;
use shared::conflict::{self, ConflictStatus};
use shared::{RecordId, ReplicaId};

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_pull_round_trip_and_resend_is_a_no_op(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let start = s.pull(&office, None, None).await;
    assert!(start.reset);
    let id = RecordId::new_v7();
    let t = now();
    let batch = vec![
        change("request", &id, "status", json!("new"), t, "tab-a", None),
        change("request", &id, "description", json!("厨房漏水"), t + 1, "tab-a", None),
    ];
    let r = s.push(&butler, "tab-a", vec![(1, batch.clone())]).await;
    assert_eq!(r.last_seq, 1);
    assert!(r.rejections.is_empty(), "{:?}", r.rejections);
    let (seen, cursor) = s.pull_all(&office, &start.cursor).await;
    assert_eq!(seen, batch);
    // Resend after a "timeout": acknowledged, nothing new in the log.
    let again = s.push(&butler, "tab-a", vec![(1, batch.clone())]).await;
    assert_eq!(again.last_seq, 1);
    assert!(again.rejections.is_empty());
    let (seen_again, _) = s.pull_all(&office, &start.cursor).await;
    assert_eq!(seen_again.len(), 2);
    assert!(s.pull(&office, Some(&cursor), None).await.changes.is_empty());
    // A snapshot holds the merged state.
    let snap = s.pull(&office, None, None).await;
    assert_eq!(
        last_value(&snap.changes, &id, "description").map(|c| &c.value),
        Some(&json!("厨房漏水"))
    );
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_status_transition_is_compensated(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let id = RecordId::new_v7();
    let t = now();
    let created = change("request", &id, "status", json!("new"), t, "tab-a", None);
    s.push(&butler, "tab-a", vec![(1, vec![created.clone()])]).await;
    let cursor = s.pull(&office, None, None).await.cursor;
    let skip =
        change("request", &id, "status", json!("closed"), t + 10, "tab-a", Some(created.hlc));
    let r = s.push(&butler, "tab-a", vec![(2, vec![skip.clone()])]).await;
    assert_eq!(r.last_seq, 2);
    assert_eq!(r.rejections.len(), 1);
    let rej = &r.rejections[0];
    assert_eq!((rej.seq, rej.index, rej.code.as_str()), (2, 0, "bad_transition"));
    let comp = rej.compensation.clone().expect("compensation");
    assert_eq!(comp.value, json!("new"));
    assert_eq!(comp.replica, ReplicaId::server());
    assert_eq!(comp.prev, Some(created.hlc));
    assert!(comp.hlc > skip.hlc, "the compensation outranks the refused change");
    // A second device converges on the server's answer.
    let (seen, _) = s.pull_all(&office, &cursor).await;
    assert_eq!(seen, vec![comp]);
    // A request's first status must be `new`.
    let other = RecordId::new_v7();
    let first = change("request", &other, "status", json!("done"), t + 20, "tab-a", None);
    let r = s.push(&butler, "tab-a", vec![(3, vec![first])]).await;
    assert_eq!(r.rejections[0].code.as_str(), "bad_transition");
    assert_eq!(r.rejections[0].compensation.as_ref().map(|c| &c.value), Some(&json!(null)));
    // An allowed step is accepted.
    let step =
        change("request", &id, "status", json!("assigned"), t + 30, "tab-a", Some(created.hlc));
    assert!(s.push(&butler, "tab-a", vec![(4, vec![step])]).await.rejections.is_empty());
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_forbidden_changes_are_refused_and_not_stored(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let cursor = s.pull(&office, None, None).await.cursor;
    let id = RecordId::new_v7();
    let t = now();
    let batch = vec![
        change("spaceship", &id, "name", json!("x"), t, "tab-a", None),
        change("request", &id, "colour", json!("red"), t, "tab-a", None),
        change("request", &id, "urgency", json!("whenever"), t, "tab-a", None),
        change("staff", &id, "name", json!("me"), t, "tab-a", None),
        change("unit", &id, "number", json!("9-9999"), t, "tab-a", None),
        change("request", &id, "description", json!("ok"), t, "someone-else", None),
    ];
    let r = s.push(&butler, "tab-a", vec![(1, batch)]).await;
    let codes: Vec<(usize, &str)> =
        r.rejections.iter().map(|r| (r.index, r.code.as_str())).collect();
    assert_eq!(
        codes,
        vec![
            (0, "unknown_kind"),
            (1, "unknown_field"),
            (2, "bad_value"),
            (3, "forbidden"),
            (4, "forbidden"),
            (5, "bad_replica")
        ]
    );
    assert_eq!(r.last_seq, 1, "the batch is done with even when every change is refused");
    let (seen, _) = s.pull_all(&office, &cursor).await;
    // No refused value is stored; what the log holds are the server's compensations (the
    // null it answered with), so that every replica converges on that answer.
    assert!(
        seen.iter().all(|c| c.value.is_null() && c.replica == ReplicaId::server()),
        "only the server's null answers are stored: {seen:?}"
    );
    // Office staff may write reference data.
    let unit = change("unit", &id, "number", json!("9-9999"), t, "desk-1", None);
    assert!(s.push(&office, "desk-1", vec![(1, vec![unit])]).await.rejections.is_empty());
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_sites_record_of_the_same_id_is_another_record(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(s) = support::start(b).await else { return };
    let (butler, outsider) = (s.login("butler").await, s.login("outsider").await);
    let id = RecordId::new_v7();
    let t = now();
    let theirs = change("request", &id, "description", json!("别处的工单"), t, "far-1", None);
    assert!(s
        .push(&outsider, "far-1", vec![(1, vec![theirs.clone()])])
        .await
        .rejections
        .is_empty());
    // Records are keyed by site: the butler's write of the same id makes its own site's
    // record, reading and writing nothing of the other site's.
    let mine =
        change("request", &id, "description", json!("hijack"), t + 5, "tab-a", Some(theirs.hlc));
    let r = s.push(&butler, "tab-a", vec![(1, vec![mine.clone()])]).await;
    assert!(r.rejections.is_empty(), "{:?}", r.rejections);
    let snap = s.pull(&outsider, None, None).await;
    assert_eq!(last_value(&snap.changes, &id, "description"), Some(&theirs));
    let office = s.pull(&s.login("office").await, None, None).await;
    let held: Vec<_> = office.changes.iter().filter(|c| c.id == id).collect();
    assert_eq!(held, vec![&mine], "only its own site's record");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_phone_edits_make_a_conflict_record(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let id = RecordId::new_v7();
    let t = now();
    let base = change("request", &id, "contact_phone", json!("13800000001"), t, "tab-a", None);
    s.push(&butler, "tab-a", vec![(1, vec![base.clone()])]).await;
    let cursor = s.pull(&office, None, None).await.cursor;
    // Both edit offline, each having seen only `base`.
    let a = change(
        "request",
        &id,
        "contact_phone",
        json!("13800000002"),
        t + 10,
        "tab-a",
        Some(base.hlc),
    );
    let o = change(
        "request",
        &id,
        "contact_phone",
        json!("13800000003"),
        t + 20,
        "desk-1",
        Some(base.hlc),
    );
    assert!(s.push(&butler, "tab-a", vec![(2, vec![a.clone()])]).await.rejections.is_empty());
    assert!(s.push(&office, "desk-1", vec![(1, vec![o.clone()])]).await.rejections.is_empty());
    let (seen, _) = s.pull_all(&office, &cursor).await;
    let conflict_id = seen
        .iter()
        .find(|c| c.kind.as_str() == conflict::KIND)
        .map(|c| c.id.clone())
        .expect("conflict record");
    let field =
        |f: &str| last_value(&seen, &conflict_id, f).map(|c| c.value.clone()).expect("field");
    assert_eq!(field("target_kind"), json!("request"));
    assert_eq!(field("target_id"), json!(id.as_str()));
    assert_eq!(field("field"), json!("contact_phone"));
    // The values themselves, not their JSON text: overturning writes back exactly this.
    assert_eq!(field("kept_value"), json!("13800000003"));
    assert_eq!(field("lost_value"), json!("13800000002"));
    assert_eq!(field("lost_replica"), json!("tab-a"));
    assert_eq!(field("lost_hlc"), json!(a.hlc.to_string()));
    assert_eq!(field("status"), json!(ConflictStatus::Open.as_str()));
    // Both sides say who wrote them, from which device and when: the clerk can judge.
    let me = |r| support::ok_json::<shared::protocol::Me>(r);
    let butler_staff = me(s.get("/api/v1/me", Some(&butler)).await).await.staff_id;
    let office_staff = me(s.get("/api/v1/me", Some(&office)).await).await.staff_id;
    assert_eq!(field("kept_by"), json!(office_staff));
    assert_eq!(field("lost_by"), json!(butler_staff));
    assert_eq!(field("kept_replica"), json!("desk-1"));
    assert_eq!(field("kept_hlc"), json!(o.hlc.to_string()));
    assert_eq!(last_value(&seen, &id, "contact_phone"), Some(&o));
    // A later edit that saw the winner is not a conflict.
    let later =
        change("request", &id, "contact_phone", json!("13800000004"), t + 30, "tab-a", Some(o.hlc));
    s.push(&butler, "tab-a", vec![(3, vec![later])]).await;
    let (all, _) = s.pull_all(&office, &cursor).await;
    let conflicts: std::collections::BTreeSet<_> =
        all.iter().filter(|c| c.kind.as_str() == conflict::KIND).map(|c| c.id.clone()).collect();
    assert_eq!(conflicts.len(), 1);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clock_far_ahead_is_clamped(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let id = RecordId::new_v7();
    let ahead =
        change("request", &id, "description", json!("来自未来"), now() + 3_600_000, "tab-a", None);
    let r = s.push(&butler, "tab-a", vec![(1, vec![ahead.clone()])]).await;
    assert_eq!(r.rejections.len(), 1);
    assert_eq!(r.rejections[0].code.as_str(), "clock_ahead");
    let stored = r.rejections[0].compensation.clone().expect("the stored change");
    assert_eq!(stored.value, ahead.value);
    assert!(stored.hlc < ahead.hlc, "re-stamped with the server clock");
    assert!(r.server_hlc < ahead.hlc, "the server clock did not jump ahead");
    let snap = s.pull(&office, None, None).await;
    assert_eq!(last_value(&snap.changes, &id, "description"), Some(&stored));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_pushes_all_land_once_in_log_order(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(s) = support::start(b).await else { return };
    let (butler, office) = (s.login("butler").await, s.login("office").await);
    let cursor = s.pull(&office, None, None).await.cursor;
    let t = now();
    let pushes = (0..8u64).map(|r| {
        let (s, butler) = (&s, &butler);
        async move {
            let replica = format!("tab-{r}");
            for seq in 1..=3u64 {
                let c = change(
                    "request",
                    &RecordId::new_v7(),
                    "description",
                    json!("并发"),
                    t + seq,
                    &replica,
                    None,
                );
                let resp = s.push(butler, &replica, vec![(seq, vec![c])]).await;
                assert_eq!(resp.last_seq, seq);
            }
        }
    });
    futures::future::join_all(pushes).await;
    let (seen, _) = s.pull_all(&office, &cursor).await;
    assert_eq!(seen.len(), 24);
    let ids: std::collections::BTreeSet<_> = seen.iter().map(|c| c.id.clone()).collect();
    assert_eq!(ids.len(), 24, "each change exactly once");
    // Per replica, the log keeps push order.
    for r in 0..8 {
        let mine: Vec<_> = seen
            .iter()
            .filter(|c| c.replica.as_str() == format!("tab-{r}"))
            .map(|c| c.hlc)
            .collect();
        assert!(mine.windows(2).all(|w| w[0] < w[1]), "{mine:?}");
    }
}
