//! Issue 8 point 6: request numbers are unique without the network, never duplicated across
//! tablets. Several replicas take a block or two while online, then — offline, at the same
//! time — each numbers its new requests from its own pool (some in the same area on the same
//! day), and all push at once: the server holds every request, every number distinct.

use super::numbers::block;
use crate::scope::{request, scene, unit};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{change, last_value, now};
use futures::future::join_all;
use rstest::rstest;
use serde_json::json;
use shared::request::number::{format, NumberPool};
use shared::{Change, RecordId, RejectCode};
use std::collections::HashSet;

/// The changes that create request `id` numbered `number` in unit `u`, stamped `t`.
fn new_request(id: &RecordId, u: usize, number: &str, t: u64, replica: &str) -> Vec<Change> {
    [
        ("unit", json!(unit(u).0)),
        ("status", json!("new")),
        ("category", json!("repair")),
        ("description", json!(format!("{number} 漏水"))),
        ("number", json!(number)),
        ("created_at", json!(t)),
    ]
    .into_iter()
    .map(|(f, v)| change("request", id, f, v, t, replica, None))
    .collect()
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_made_offline_on_several_replicas_at_once_never_share_a_number(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    // (token, replica, area of its requests, blocks taken while online)
    let tablets = [
        (&t.butler, "east-1", 0, 1),
        (&t.butler, "east-2", 0, 2),
        (&t.butler2, "west-1", 1, 2),
        (&t.butler2, "west-2", 1, 1),
        (&t.office, "desk-1", 0, 1),
        (&t.boss, "desk-2", 1, 2),
    ];
    // Online: every tablet fills its pool, all at once.
    let pools = join_all(tablets.iter().map(|&(token, replica, _, blocks)| async move {
        let mut pool = NumberPool::default();
        for _ in 0..blocks {
            pool.add(block(s, token, replica).await);
        }
        pool
    }))
    .await;
    // Offline: each numbers requests from its own pool until it runs out; same day for all.
    let day = (2026, 11, 27);
    let t0 = now();
    let mut made = Vec::new();
    let pushes: Vec<_> = tablets
        .iter()
        .zip(pools)
        .map(|(&(token, replica, area, _), mut pool)| {
            let mut changes = Vec::new();
            while let Some(n) = pool.take() {
                let id = RecordId::new_v7();
                let number = format(&format!("A{}", area + 1), day, n);
                changes.extend(new_request(&id, area, &number, t0, replica));
                made.push((id, number));
            }
            (token, replica, changes)
        })
        .collect();
    assert!(made.len() >= 6 * 50, "{} requests", made.len());
    // Back online: everyone pushes at the same time.
    let replies = join_all(
        pushes
            .into_iter()
            .map(|(token, replica, changes)| s.push(token, replica, vec![(1, changes)])),
    )
    .await;
    for r in &replies {
        assert!(r.rejections.is_empty(), "{:?}", r.rejections.first());
    }
    let held = sc.snapshot(&t.office).await;
    let mut numbers = HashSet::new();
    for (id, number) in &made {
        let stored = last_value(&held, id, "number").map(|c| c.value.clone());
        assert_eq!(stored, Some(json!(number)), "request {id} is held with its number");
        assert!(numbers.insert(number.clone()), "{number} was given twice");
    }
    // Same area, same day, different tablets: only the counter tells them apart.
    let prefix = |p: &str| made.iter().filter(|(_, n)| n.starts_with(p)).count();
    assert!(prefix("A1-261127-") > 100 && prefix("A2-261127-") > 100);
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pushed_number_cannot_change_once_set(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    let first = block(s, &t.butler, "east").await;
    let number = format("A1", (2026, 11, 27), first.start);
    let set =
        |value: &str, ms| change("request", &request(0), "number", json!(value), ms, "east", None);
    let reply = s.push(&t.butler, "east", vec![(1, vec![set(&number, now())])]).await;
    assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
    // Another number, by the butler or by the office: refused, the first one stays.
    let other = format("A1", (2026, 11, 27), first.start + 1);
    let reply = s.push(&t.butler, "east", vec![(2, vec![set(&other, now() + 1)])]).await;
    assert_eq!(reply.rejections.first().map(|r| r.code), Some(RejectCode::Forbidden));
    let mut by_office = set(&other, now() + 2);
    by_office.replica = "desk".into();
    let reply = s.push(&t.office, "desk", vec![(1, vec![by_office])]).await;
    let refusal = reply.rejections.first().expect("refused");
    assert_eq!(refusal.code, RejectCode::Forbidden);
    assert!(refusal.message.contains("number"), "{}", refusal.message);
    assert_eq!(refusal.compensation.as_ref().map(|c| c.value.clone()), Some(json!(number)));
    assert_eq!(sc.value(&t.office, &request(0), "number").await, Some(json!(number)));
    // Setting the same number again is no change, and no refusal.
    let reply = s.push(&t.butler, "east", vec![(3, vec![set(&number, now() + 3)])]).await;
    assert!(reply.rejections.is_empty());
}
