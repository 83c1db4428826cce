//! Forbidden writes are refused and change nothing; allowed ones land.

use super::{department, person, request, scene, unit, Scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{change, now};
use rstest::rstest;
use serde_json::{json, Value};
use shared::{RecordId, RejectCode};

/// Pushes one change as `token` from `replica` (batch `seq`) and returns the refusal code.
async fn try_write(
    sc: &Scene,
    token: &str,
    replica: &str,
    seq: u64,
    (kind, id, field, value): (&str, &RecordId, &str, Value),
) -> Option<RejectCode> {
    let c = change(kind, id, field, value, now() + seq, replica, None);
    let reply = sc.s.push(token, replica, vec![(seq, vec![c])]).await;
    reply.rejections.first().map(|r| r.code)
}

/// Who writes, from which replica, which change, and the refusal expected.
type Case<'a> = (&'a String, &'a str, (&'a str, RecordId, &'a str, Value), Option<RejectCode>);

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_writes_inside_its_scope_only(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let out = Some(RejectCode::OutOfScope);
    let forbidden = Some(RejectCode::Forbidden);
    let text = |s: &str| json!(s);
    // (who, replica, change, expected refusal)
    let cases: Vec<Case> = vec![
        (&t.butler, "b", ("request", request(0), "description", text("butler inside")), None),
        (&t.butler, "b", ("request", request(1), "description", text("butler outside")), out),
        (&t.butler, "b", ("person", person(0), "phone", text("13900000000")), None),
        (&t.butler, "b", ("person", person(1), "phone", text("13900000001")), out),
        (&t.butler, "b", ("request", RecordId::new_v7(), "unit", json!(unit(1).0)), out),
        (&t.butler, "b", ("unit_person", RecordId::new_v7(), "person", json!(person(1).0)), out),
        // Butlers dispatch in their area (首问负责); department staff never reassign.
        (&t.butler, "b", ("request", request(0), "assignee", json!(RecordId::new_v7().0)), None),
        (&t.butler, "b", ("request", request(1), "assignee", json!(RecordId::new_v7().0)), out),
        (&t.butler, "b", ("request", request(0), "deleted", json!(true)), forbidden),
        (&t.butler, "b", ("unit", unit(0), "number", text("9-9999")), forbidden),
        (&t.butler2, "b2", ("request", request(1), "description", text("butler2 inside")), None),
        (&t.butler2, "b2", ("request", request(0), "description", text("butler2 outside")), out),
        (&t.fixer, "f", ("request", request(0), "status", text("in_progress")), None),
        (&t.fixer, "f", ("request", request(0), "contact_phone", text("13900000002")), forbidden),
        (
            &t.fixer,
            "f",
            ("request", request(0), "assignee", json!(RecordId::new_v7().0)),
            forbidden,
        ),
        (&t.fixer, "f", ("person", person(0), "name", text("改名")), out),
        (&t.fixer, "f", ("request", RecordId::new_v7(), "status", text("new")), out),
        (&t.boss, "s", ("request", request(1), "assignee", json!(RecordId::new_v7().0)), None),
        (&t.office, "o", ("request", request(0), "department", json!(department(1).0)), None),
        (&t.office, "o", ("person", person(1), "phone", text("13900000003")), None),
    ];
    let mut seqs = std::collections::HashMap::new();
    for (token, replica, (kind, id, field, value), expected) in cases {
        let seq = seqs.entry(replica).and_modify(|s| *s += 1).or_insert(1u64);
        let before = sc.value(&t.office, &id, field).await;
        let got = try_write(&sc, token, replica, *seq, (kind, &id, field, value.clone())).await;
        assert_eq!(got, expected, "{replica} writing {kind}.{field} of {id}");
        let after = sc.value(&t.office, &id, field).await;
        if expected.is_some() {
            // A refusal may log the stored value again (null when there was none).
            let unset = |v: Option<Value>| v.filter(|v| !v.is_null());
            assert_eq!(
                unset(after),
                unset(before),
                "a refused write changes nothing: {kind}.{field}"
            );
        } else {
            assert_eq!(after, Some(value), "an allowed write lands: {kind}.{field}");
        }
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn created_by_comes_from_the_session_and_a_butler_keeps_their_unplaced_record(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let me = sc.s.get("/api/v1/me", Some(&t.butler)).await;
    let me: shared::protocol::Me = crate::support::ok_json(me).await;
    let id = RecordId::new_v7();
    let forged = json!(RecordId::new_v7().0);
    let code = try_write(&sc, &t.butler, "b", 1, ("request", &id, "created_by", forged)).await;
    assert_eq!(code, Some(RejectCode::Rewritten));
    assert_eq!(sc.value(&t.office, &id, "created_by").await, Some(json!(me.staff_id)));
    // Not yet placed (no unit): still the butler's to write, and nobody else's.
    let note = ("request", &id, "description", json!("先记下"));
    assert_eq!(try_write(&sc, &t.butler, "b", 2, note.clone()).await, None);
    assert_eq!(try_write(&sc, &t.butler2, "b2", 1, note).await, Some(RejectCode::OutOfScope));
    let place = ("request", &id, "unit", json!(unit(0).0));
    assert_eq!(try_write(&sc, &t.butler, "b", 3, place).await, None);
    assert!(super::holds(&sc.snapshot(&t.butler).await, &id), "placed: now in the area");
    assert!(!super::holds(&sc.snapshot(&t.butler2).await, &id));
}
