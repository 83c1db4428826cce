//! Issue 21 point 3: whole-record rules kept by the server. A plain HTTP client pushing each
//! forbidden change gets its code and a compensation restating the stored value, and the
//! stored value stays; the allowed form of the same edit passes (a cancellation with its
//! reason in the same batch, in any order; a call-back move after its attempt).

use crate::scope::{link, request, scene, unit, Scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{change, fixture_id, now};
use rstest::rstest;
use serde_json::{json, Value};
use shared::names::{field as f, kind as k};
use shared::protocol::Rejection;
use shared::request::number::provisional;
use shared::{RecordId, RejectCode};
use std::sync::atomic::{AtomicU64, Ordering};

/// Stamps after every earlier one of the test (and so after earlier compensations).
static TICK: AtomicU64 = AtomicU64::new(0);

/// Pushes `(kind, id, field, value)` changes as `token` from `replica`, batch `seq`; the
/// refusals, in change order.
pub(super) async fn push(
    sc: &Scene,
    token: &str,
    replica: &str,
    seq: u64,
    changes: &[(&str, &RecordId, &str, Value)],
) -> Vec<Rejection> {
    let changes = changes
        .iter()
        .map(|(kd, id, fd, v)| {
            let t = now() + TICK.fetch_add(1, Ordering::Relaxed);
            change(kd, id, fd, v.clone(), t, replica, None)
        })
        .collect();
    sc.s.push(token, replica, vec![(seq, changes)]).await.rejections
}

/// The one refusal of a push: its code, and the compensation's value.
pub(super) fn refused(r: &[Rejection]) -> (RejectCode, Value) {
    assert_eq!(r.len(), 1, "{r:?}");
    (r[0].code, r[0].compensation.as_ref().expect("a compensation").value.clone())
}

/// Moves request 0 along `statuses` as the office.
pub(super) async fn walk(sc: &Scene, seq: u64, statuses: &[&str]) {
    for (i, s) in statuses.iter().enumerate() {
        let r = push(
            sc,
            &sc.tokens.office,
            "desk",
            seq + i as u64,
            &[(k::REQUEST, &request(0), f::STATUS, json!(s))],
        )
        .await;
        assert!(r.is_empty(), "{r:?}");
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancellation_needs_its_reason_and_a_complaint_its_loop(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let cancel = (k::REQUEST, &request(0), f::STATUS, json!("cancelled"));
    let r = push(&sc, &t.butler, "east", 1, &[cancel]).await;
    assert_eq!(refused(&r), (RejectCode::ReasonRequired, json!("new")));
    assert_eq!(sc.value(&t.office, &request(0), f::STATUS).await, Some(json!("new")));
    // An unfounded complaint in progress: done is refused until it has its reply.
    let complaint = [
        (k::REQUEST, &request(0), f::CATEGORY, json!("complaint")),
        (k::REQUEST, &request(0), f::COMPLAINT_STANDS, json!(false)),
    ];
    assert!(push(&sc, &t.office, "desk", 1, &complaint).await.is_empty());
    walk(&sc, 2, &["in_progress"]).await;
    let done = (k::REQUEST, &request(0), f::STATUS, json!("done"));
    let r = push(&sc, &t.butler, "east", 2, std::slice::from_ref(&done)).await;
    assert_eq!(refused(&r), (RejectCode::ComplaintOpen, json!("in_progress")));
    assert_eq!(sc.value(&t.office, &request(0), f::STATUS).await, Some(json!("in_progress")));
    let reply = (k::REQUEST, &request(0), f::REPLY, json!("已向业主解释"));
    assert!(push(&sc, &t.butler, "east", 3, &[done, reply]).await.is_empty());
    // Request 1 is cancelled with its reason sent after the status, in one batch.
    let reason = (k::REQUEST, &request(1), f::CANCEL_REASON, json!("重复报修"));
    let cancel = (k::REQUEST, &request(1), f::STATUS, json!("cancelled"));
    assert!(push(&sc, &t.office, "desk", 3, &[cancel, reason]).await.is_empty());
    assert_eq!(sc.value(&t.office, &request(1), f::STATUS).await, Some(json!("cancelled")));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn called_back_needs_its_attempt_stored_or_in_the_batch(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    walk(&sc, 1, &["in_progress", "done"]).await;
    let moved = (k::REQUEST, &request(0), f::STATUS, json!("called_back"));
    let r = push(&sc, &t.butler, "east", 1, std::slice::from_ref(&moved)).await;
    assert_eq!(refused(&r), (RejectCode::AttemptRequired, json!("done")));
    assert_eq!(sc.value(&t.office, &request(0), f::STATUS).await, Some(json!("done")));
    // The attempt in one batch, the move in the next: read from storage.
    let attempt = RecordId::new_v7();
    let r = push(
        &sc,
        &t.butler,
        "east",
        2,
        &[
            (k::CALLBACK, &attempt, f::REQUEST, json!(request(0))),
            (k::CALLBACK, &attempt, f::RESULT, json!("reached")),
            (k::CALLBACK, &attempt, f::SATISFACTION, json!("satisfied")),
        ],
    )
    .await;
    assert!(r.is_empty(), "{r:?}");
    assert!(push(&sc, &t.butler, "east", 3, &[moved]).await.is_empty());
    assert_eq!(sc.value(&t.office, &request(0), f::STATUS).await, Some(json!("called_back")));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_checklist_row_is_never_changed(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let boss = &sc.tokens.boss;
    let (tpl, section, item, option) =
        (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    let made = push(
        &sc,
        boss,
        "boss-1",
        1,
        &[
            (k::PATROL_TEMPLATE, &tpl, f::NAME_ZH, json!("日巡")),
            (k::PATROL_SECTION, &section, f::TEMPLATE, json!(tpl)),
            (k::PATROL_SECTION, &section, f::FROM_VERSION, json!(1)),
            (k::PATROL_ITEM, &item, f::SECTION, json!(section)),
            (k::PATROL_ITEM, &item, f::FROM_VERSION, json!(1)),
            (k::PATROL_ITEM, &item, f::TEXT_ZH, json!("消防通道畅通")),
            (k::PATROL_OPTION, &option, f::ITEM, json!(item)),
            (k::PATROL_OPTION, &option, f::LABEL_ZH, json!("堵塞")),
            (k::PATROL_TEMPLATE, &tpl, f::VERSION, json!(1)),
        ],
    )
    .await;
    assert!(made.is_empty(), "the draft is written freely and published: {made:?}");
    let r = push(&sc, boss, "boss-1", 2, &[(k::PATROL_ITEM, &item, f::TEXT_ZH, json!("改"))]).await;
    assert_eq!(refused(&r), (RejectCode::Published, json!("消防通道畅通")));
    let r = push(&sc, boss, "boss-1", 3, &[(k::PATROL_OPTION, &option, f::LABEL_ZH, json!("改"))])
        .await;
    assert_eq!(refused(&r), (RejectCode::Published, json!("堵塞")));
    assert_eq!(sc.value(boss, &item, f::TEXT_ZH).await, Some(json!("消防通道畅通")));
    let retire = (k::PATROL_ITEM, &item, f::TO_VERSION, json!(2));
    assert!(push(&sc, boss, "boss-1", 4, &[retire]).await.is_empty(), "retired in the draft");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_authors_quality_answers_and_links_are_kept(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let (event, comment) = (RecordId::new_v7(), RecordId::new_v7());
    let r = push(
        &sc,
        &t.office,
        "desk",
        1,
        &[
            (k::REQUEST_EVENT, &event, f::REQUEST, json!(request(0))),
            (k::REQUEST_EVENT, &event, f::TO, json!("assigned")),
            (k::REQUEST_COMMENT, &comment, f::REQUEST, json!(request(0))),
            (k::REQUEST_COMMENT, &comment, f::TEXT, json!("已派工程部")),
            (k::REQUEST_COMMENT, &comment, f::BY, json!(RecordId::new_v7())), // set from the session
        ],
    )
    .await;
    assert!(r.iter().all(|r| r.code == RejectCode::Rewritten), "{r:?}");
    // The department rewrites the office's history and its comment: both refused.
    let r = push(&sc, &t.fixer, "fix-1", 1, &[(k::REQUEST_EVENT, &event, f::TO, json!("closed"))])
        .await;
    assert_eq!(refused(&r), (RejectCode::Forbidden, json!("assigned")));
    let r =
        push(&sc, &t.butler, "east", 1, &[(k::REQUEST_COMMENT, &comment, f::TEXT, json!("改"))])
            .await;
    assert_eq!(refused(&r), (RejectCode::Forbidden, json!("已派工程部")));
    assert_eq!(sc.value(&t.office, &event, f::TO).await, Some(json!("assigned")));
    assert_eq!(sc.value(&t.office, &comment, f::TEXT).await, Some(json!("已派工程部")));
    // A supervisor's quality check of area 0: the butler cannot turn its fail into a pass.
    let (round, answer) = (RecordId::new_v7(), RecordId::new_v7());
    let r = push(
        &sc,
        &t.boss,
        "boss-1",
        1,
        &[
            (k::PATROL_ROUND, &round, f::AREA, json!(fixture_id("area-0"))),
            (k::PATROL_ROUND, &round, f::PURPOSE, json!("quality")),
            (k::PATROL_ANSWER, &answer, f::ROUND, json!(round)),
            (k::PATROL_ANSWER, &answer, f::RESULT, json!("fail")),
        ],
    )
    .await;
    assert!(r.is_empty(), "{r:?}");
    let r =
        push(&sc, &t.butler, "east", 2, &[(k::PATROL_ANSWER, &answer, f::RESULT, json!("pass"))])
            .await;
    assert_eq!(refused(&r), (RejectCode::Forbidden, json!("fail")));
    assert_eq!(sc.value(&t.office, &answer, f::RESULT).await, Some(json!("fail")));
    // Clearing a resident link's unit is deleting it: office only.
    let r =
        push(&sc, &t.butler, "east", 3, &[(k::UNIT_PERSON, &link(0), f::UNIT, Value::Null)]).await;
    assert_eq!(refused(&r), (RejectCode::Forbidden, json!(unit(0))));
    assert_eq!(sc.value(&t.office, &link(0), f::UNIT).await, Some(json!(unit(0))));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_requests_number_is_drawn_by_its_replica(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let (made_up, own) = (RecordId::new_v7(), RecordId::new_v7());
    let replica = "0190f0a0-0000-7000-8000-00000000e001";
    let number = |id, n: String| (k::REQUEST, id, f::NUMBER, json!(n));
    let r = push(&sc, &t.butler, replica, 1, &[number(&made_up, "A1-261127-0001".into())]).await;
    assert_eq!(refused(&r), (RejectCode::BadNumber, Value::Null));
    let theirs = provisional("A1", (2026, 11, 27), "0190f0a0-0000-7000-8000-00000000e002", 1);
    let r = push(&sc, &t.butler, replica, 2, &[number(&made_up, theirs)]).await;
    assert_eq!(refused(&r).0, RejectCode::BadNumber);
    let mine = provisional("A1", (2026, 11, 27), replica, 1);
    assert!(push(&sc, &t.butler, replica, 3, &[number(&own, mine.clone())]).await.is_empty());
    assert_eq!(sc.value(&t.office, &own, f::NUMBER).await, Some(json!(mine)));
}

/// Issue 28 point 1: department staff finishing a job record when it was done, with the done
/// move; their `done_at` without it is refused and stores nothing.
#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn department_staff_record_done_at_with_the_done_move(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    walk(&sc, 1, &["assigned"]).await;
    let at = now();
    let done_at = (k::REQUEST, &request(0), f::DONE_AT, json!(at));
    let r = push(&sc, &t.fixer, "fixer-tab", 1, std::slice::from_ref(&done_at)).await;
    assert_eq!(refused(&r), (RejectCode::Forbidden, Value::Null));
    let started = (k::REQUEST, &request(0), f::STATUS, json!("in_progress"));
    assert!(push(&sc, &t.fixer, "fixer-tab", 2, &[started]).await.is_empty());
    let done = (k::REQUEST, &request(0), f::STATUS, json!("done"));
    let r = push(&sc, &t.fixer, "fixer-tab", 3, &[done, done_at]).await;
    assert!(r.is_empty(), "the server keeps a department's done and its time: {r:?}");
    assert_eq!(sc.value(&t.office, &request(0), f::STATUS).await, Some(json!("done")));
    assert_eq!(sc.value(&t.office, &request(0), f::DONE_AT).await, Some(json!(at)));
    let other = (k::REQUEST, &request(0), f::DESCRIPTION, json!("改了"));
    let r = push(&sc, &t.fixer, "fixer-tab", 4, &[other]).await;
    assert_eq!(refused(&r).0, RejectCode::Forbidden, "still no description");
}
