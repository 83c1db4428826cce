//! What the server writes itself or keeps to the right people: a history event's author,
//! device and arrival time; a complaint plan's approval (supervisors only); the classifier
//! and the settings (supervisors only, held by everyone).

use crate::scope::{holds, request, scene, Scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{change, now, ok_json};
use rstest::rstest;
use serde_json::{json, Value};
use shared::request::classifier::default_id;
use shared::request::deadline::SETTINGS_ID;
use shared::{RecordId, RejectCode};

/// Pushes `(kind, id, field, value)` changes as `token` from `replica`, batch `seq`; the
/// refusal codes, in change order.
async fn push(
    sc: &Scene,
    token: &str,
    replica: &str,
    seq: u64,
    changes: &[(&str, &RecordId, &str, Value)],
) -> Vec<RejectCode> {
    let t = now();
    let changes = changes
        .iter()
        .map(|(k, id, f, v)| change(k, id, f, v.clone(), t + seq, replica, None))
        .collect();
    let reply = sc.s.push(token, replica, vec![(seq, changes)]).await;
    reply.rejections.iter().map(|r| r.code).collect()
}

async fn staff_id(sc: &Scene, token: &str) -> String {
    let me: shared::protocol::Me = ok_json(sc.s.get("/api/v1/me", Some(token)).await).await;
    me.staff_id
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_records_who_from_which_device_and_when_it_reached_the_server(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let me = staff_id(&sc, &t.butler).await;
    let (honest, forged) = (RecordId::new_v7(), RecordId::new_v7());
    let device_at = now() - 3_600_000; // made an hour ago, offline
    let before = now();
    let event = |id: &RecordId, by: &str, device: &str| {
        vec![
            ("request_event", id, "request", json!(request(0).0)),
            ("request_event", id, "type", json!("status")),
            ("request_event", id, "from", json!("new")),
            ("request_event", id, "to", json!("assigned")),
            ("request_event", id, "at", json!(device_at)),
            ("request_event", id, "by", json!(by)),
            ("request_event", id, "device", json!(device)),
        ]
        .into_iter()
        .map(|(k, id, f, v)| (k, id.clone(), f, v))
        .collect::<Vec<_>>()
    };
    let as_refs = |v: &[(&'static str, RecordId, &'static str, Value)]| {
        v.iter().map(|(k, id, f, x)| (*k, id.clone(), *f, x.clone())).collect::<Vec<_>>()
    };
    let honest_changes = as_refs(&event(&honest, &me, "tablet-b"));
    let refs: Vec<_> = honest_changes.iter().map(|(k, id, f, v)| (*k, id, *f, v.clone())).collect();
    assert!(push(&sc, &t.butler, "tablet-b", 1, &refs).await.is_empty());
    // Another staff id and another device: rewritten to the session's user and replica.
    let forged_changes = as_refs(&event(&forged, RecordId::new_v7().as_str(), "someone-else"));
    let refs: Vec<_> = forged_changes.iter().map(|(k, id, f, v)| (*k, id, *f, v.clone())).collect();
    let codes = push(&sc, &t.butler, "tablet-b", 2, &refs).await;
    assert_eq!(codes, vec![RejectCode::Rewritten, RejectCode::Rewritten]);
    let after = now();
    for id in [&honest, &forged] {
        assert_eq!(sc.value(&t.office, id, "by").await, Some(json!(me)), "{id}");
        assert_eq!(sc.value(&t.office, id, "device").await, Some(json!("tablet-b")));
        assert_eq!(sc.value(&t.office, id, "at").await, Some(json!(device_at)));
        let received = sc.value(&t.office, id, "received_at").await.and_then(|v| v.as_u64());
        assert!(received.is_some_and(|r| (before..=after).contains(&r)), "{received:?}");
    }
    // A device never writes the arrival time, not even its own event's.
    let codes =
        push(&sc, &t.butler, "tablet-b", 3, &[("request_event", &honest, "received_at", json!(1))])
            .await;
    assert_eq!(codes, vec![RejectCode::Forbidden]);
    let new = RecordId::new_v7();
    let codes = push(
        &sc,
        &t.office,
        "desk",
        1,
        &[
            ("request_event", &new, "request", json!(request(0).0)),
            ("request_event", &new, "received_at", json!(1)),
        ],
    )
    .await;
    assert_eq!(codes, vec![RejectCode::Forbidden]);
    let kept = sc.value(&t.office, &new, "received_at").await.and_then(|v| v.as_u64());
    assert!(kept.is_some_and(|r| r >= before), "the server's time stays: {kept:?}");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_supervisor_approves_a_plan_or_edits_the_classifier_and_settings(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let boss = staff_id(&sc, &t.boss).await;
    let settings = RecordId::from(SETTINGS_ID);
    let theft = default_id(160);
    let cases: [(&str, &RecordId, &str, Value); 3] = [
        ("request", &request(0), "plan_approved_by", json!(boss)),
        ("classifier", &theft, "name_zh", json!("盗窃")),
        ("settings", &settings, "callback_h", json!(24)),
    ];
    let mut butler_seq = 0;
    for (i, (kind, id, field, value)) in cases.iter().enumerate() {
        let seq = i as u64 + 1;
        let one = [(*kind, *id, *field, value.clone())];
        if *kind != "request" {
            butler_seq += 1;
            let codes = push(&sc, &t.butler, "tablet-b", butler_seq, &one).await;
            assert_eq!(codes, vec![RejectCode::Forbidden], "a butler writing {kind}.{field}");
        }
        let codes = push(&sc, &t.office, "desk", seq, &one).await;
        assert_eq!(codes, vec![RejectCode::Forbidden], "the office writing {kind}.{field}");
        let unset = sc.value(&t.office, id, field).await.filter(|v| !v.is_null());
        assert_eq!(unset, None, "a refused {kind}.{field} changes nothing");
        let codes = push(&sc, &t.boss, "boss-tab", seq, &one).await;
        assert!(codes.is_empty(), "a supervisor writing {kind}.{field}: {codes:?}");
        assert_eq!(sc.value(&t.office, id, field).await.as_ref(), Some(value));
    }
    // The classifier and the settings are reference data: every replica holds them.
    for token in [&t.butler, &t.butler2, &t.fixer] {
        let held = sc.snapshot(token).await;
        assert!(holds(&held, &theft) && holds(&held, &settings));
    }
}
