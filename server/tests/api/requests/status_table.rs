//! Issue 8 point 9: the status machine as a table test on the server. For every move
//! (from, to) and every role that can reach the request — its area's butler, the office, a
//! supervisor, staff of the department it is routed to — the request is set to `from`
//! through the server's own write path, the move is pushed through the HTTP API as that user,
//! and it is stored exactly when `shared::request::TRANSITIONS` allows it for that role.

use crate::scope::{request, scene};
use crate::support::fixture_id;
use crate::support::Backend::{self, Postgres, Sqlite};
use rstest::rstest;
use serde_json::json;
use server::sync::{apply_server_changes, server_change};
use server::AppState;
use shared::machine::Machine;
use shared::request::RequestStatus;
use shared::{Change, Hlc, Kind, RejectCode, ReplicaId, Role};
use sqlx::Row;

/// Sets request 0's status as the server (no push rules: the table's starting point).
async fn set_status(state: &AppState, status: RequestStatus) {
    let c = server_change("request", &request(0), "status", json!(status), state.hlc_now());
    apply_server_changes(state, fixture_id("site").as_str(), &[c]).await.expect("set status");
}

/// Request 0's stored status.
async fn stored_status(state: &AppState) -> String {
    let row = sqlx::query(
        "SELECT value FROM fields WHERE kind = 'request' AND record_id = $1 AND field = 'status'",
    )
    .bind(request(0).as_str())
    .fetch_one(&state.db().pool)
    .await
    .expect("status");
    serde_json::from_str::<String>(&row.get::<String, _>("value")).expect("a status")
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_move_by_every_role_is_stored_exactly_when_the_table_allows_it(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    // What the whole-record rules ask of some moves, there already: a cancellation's reason,
    // a close's result and a call-back attempt that reached a satisfied resident
    // (`record_rules.rs`, `closing.rs`).
    let attempt = shared::RecordId::new_v7();
    let facts = [
        ("request", request(0), "cancel_reason", json!("重复报修")),
        ("request", request(0), shared::names::field::CLOSE_RESULT, json!("已修好")),
        ("callback", attempt.clone(), "request", json!(request(0))),
        ("callback", attempt.clone(), "result", json!("reached")),
        ("callback", attempt, "satisfaction", json!("satisfied")),
    ]
    .map(|(k, id, f, v)| server_change(k, &id, f, v, s.state.hlc_now()));
    apply_server_changes(&s.state, fixture_id("site").as_str(), &facts).await.expect("facts");
    let roles = [
        (Role::Butler, &t.butler, "butler-tab"),
        (Role::Office, &t.office, "office-tab"),
        (Role::Supervisor, &t.boss, "boss-tab"),
        (Role::Department, &t.fixer, "fixer-tab"),
    ];
    // Each tablet pushes one batch per (from, to): batch `seq` of every replica.
    let mut seq = 0;
    let mut failures = Vec::new();
    let mut cases = 0;
    for &from in RequestStatus::ALL {
        for &to in RequestStatus::ALL {
            seq += 1;
            for (role, token, replica) in roles {
                set_status(&s.state, from).await;
                // Stamped after the server's own write, so the move wins the merge.
                let stamp = Hlc::new(s.state.hlc_now().millis() + 1, 0);
                let mv = Change {
                    kind: Kind::new("request"),
                    id: request(0),
                    field: "status".into(),
                    value: json!(to),
                    hlc: stamp,
                    replica: ReplicaId::from(replica),
                    prev: None,
                };
                let reply = s.push(token, replica, vec![(seq, vec![mv])]).await;
                let stored = stored_status(&s.state).await;
                let allowed = from.may_become(to, role);
                let case = format!("{role} moving a request {from} → {to}");
                cases += 1;
                match (allowed, reply.rejections.first()) {
                    (true, None) if stored == to.as_str() => {}
                    (true, refusal) => failures.push(format!(
                        "{case}: allowed by TRANSITIONS, but refused {:?} / stored {stored}",
                        refusal.map(|r| (r.code, &r.message))
                    )),
                    (false, None) => failures.push(format!(
                        "{case}: not allowed by TRANSITIONS, but accepted (stored {stored})"
                    )),
                    (false, Some(r)) => {
                        let code = if from.can_become(to) {
                            RejectCode::Forbidden
                        } else {
                            RejectCode::BadTransition
                        };
                        if r.code != code || stored != from.as_str() {
                            failures.push(format!(
                                "{case}: refused {} ({}), expected {code}; stored {stored}, expected {from}",
                                r.code, r.message
                            ));
                        }
                    }
                }
            }
        }
    }
    assert_eq!(cases, 8 * 8 * 4);
    assert!(
        failures.is_empty(),
        "{} of {cases} cases wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
