//! Issue 28 point 8: closing is gated by the complaint's loop and needs a result, and a
//! closed request is read-only until the office reopens it (`shared::request::closing`). A
//! plain HTTP client pushing each forbidden change gets its code and a compensation restating
//! the stored value; the allowed form of the same edit passes.

use super::record_rules::{push, refused, walk};
use crate::scope::{request, scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use rstest::rstest;
use serde_json::json;
use shared::names::{field as f, kind as k};
use shared::{RecordId, RejectCode};

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_closes_judged_approved_confirmed_with_a_result_then_is_read_only(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let r0 = request(0);
    let req = |fd: &'static str, v| (k::REQUEST, &r0, fd, v);
    let made = push(&sc, &t.office, "desk", 1, &[req(f::CATEGORY, json!("complaint"))]).await;
    assert!(made.is_empty(), "{made:?}");
    walk(&sc, 2, &["in_progress", "done"]).await;
    let attempt = RecordId::new_v7();
    let cb = |fd: &'static str, v| (k::CALLBACK, &attempt, fd, v);
    let called = [
        cb(f::REQUEST, json!(request(0))),
        cb(f::RESULT, json!("reached")),
        cb(f::SATISFACTION, json!("satisfied")),
        req(f::STATUS, json!("called_back")),
    ];
    assert!(push(&sc, &t.office, "desk", 4, &called).await.is_empty());
    // Not judged (未判定): refused even with its result, which alone stands.
    let close = || req(f::STATUS, json!("closed"));
    let result = || req(f::CLOSE_RESULT, json!("已整改，住户满意"));
    let r = push(&sc, &t.office, "desk", 5, &[close(), result()]).await;
    assert_eq!(refused(&r), (RejectCode::ComplaintOpen, json!("called_back")));
    // Judged to stand: still no approved plan, then no confirmation.
    let judged = [req(f::COMPLAINT_STANDS, json!(true)), req(f::PLAN, json!("更换门禁"))];
    assert!(push(&sc, &t.office, "desk", 6, &judged).await.is_empty());
    let r = push(&sc, &t.office, "desk", 7, &[close()]).await;
    assert_eq!(refused(&r), (RejectCode::ComplaintOpen, json!("called_back")));
    let approve = [req(f::PLAN_APPROVED_BY, json!(RecordId::new_v7()))];
    let r = push(&sc, &t.boss, "boss-1", 1, &approve).await;
    assert!(r.iter().all(|r| r.code == RejectCode::Rewritten), "{r:?}");
    let r = push(&sc, &t.office, "desk", 8, &[close()]).await;
    assert_eq!(refused(&r), (RejectCode::ComplaintOpen, json!("called_back")));
    let consent = [req(f::CONFIRMATION, json!("verbal")), req(f::CONFIRMATION_NOTE, json!("电话"))];
    assert!(push(&sc, &t.office, "desk", 9, &consent).await.is_empty());
    // The loop is through; the result was cleared: refused for that alone.
    let cleared = req(f::CLOSE_RESULT, json!(" "));
    let r = push(&sc, &t.office, "desk", 10, &[close(), cleared]).await;
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].code, RejectCode::ResultRequired);
    assert!(push(&sc, &t.office, "desk", 11, &[result(), close()]).await.is_empty());
    assert_eq!(sc.value(&t.office, &request(0), f::STATUS).await, Some(json!("closed")));
    // Closed: the butler's and the office's edits are refused, the value stays.
    let edit = || req(f::DESCRIPTION, json!("改了"));
    let before = sc.value(&t.office, &request(0), f::DESCRIPTION).await.unwrap_or(json!(null));
    let r = push(&sc, &t.butler, "east", 1, &[edit()]).await;
    assert_eq!(refused(&r), (RejectCode::RequestClosed, before.clone()));
    let r = push(&sc, &t.office, "desk", 12, &[req(f::COMPLAINT_STANDS, json!(false))]).await;
    assert_eq!(refused(&r), (RejectCode::RequestClosed, json!(true)));
    assert_eq!(sc.value(&t.office, &request(0), f::DESCRIPTION).await, Some(before));
    // The office reopens it, editing in the same batch.
    let reopen = [edit(), req(f::STATUS, json!("reopened")), req(f::CLOSE_RESULT, json!(null))];
    assert!(push(&sc, &t.office, "desk", 13, &reopen).await.is_empty());
    assert_eq!(sc.value(&t.office, &request(0), f::DESCRIPTION).await, Some(json!("改了")));
}
