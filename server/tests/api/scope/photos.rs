//! Photos live wherever their parent (`parent_kind` + `parent_id`) is: the replicas that hold
//! the parent hold its photos, which move when it moves or is routed; a butler cannot hang a
//! photo on another area's record; a parent kind without records stays office-only
//! (`server/src/db/photos.rs`).

use super::{department, holds, request, scene};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{change, fixture_id, now};
use rstest::rstest;
use serde_json::{json, Value};
use shared::{Change, RecordId, RejectCode};

/// A fake SHA-256 naming a photo's bytes.
pub fn hash(n: u8) -> String {
    format!("{n:02x}").repeat(32)
}

/// The changes that create photo `id` of `parent`, with `parent_id` first or last (devices
/// may send the fields in any order).
pub fn photo(
    id: &RecordId,
    kind: &str,
    parent: &RecordId,
    replica: &str,
    first: bool,
) -> Vec<Change> {
    let t = now();
    let mut fields: Vec<(&str, Value)> = vec![
        ("parent_kind", json!(kind)),
        ("sha256", json!(hash(id.0.len() as u8))),
        ("mime", json!("image/jpeg")),
        ("caption", json!("漏水处")),
    ];
    let at = if first { 0 } else { fields.len() };
    fields.insert(at, ("parent_id", json!(parent.0)));
    fields.into_iter().map(|(f, v)| change("photo", id, f, v, t, replica, None)).collect()
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_reaches_exactly_the_replicas_holding_its_parent(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    let (on_request, on_comment, on_patrol) =
        (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
    let comment = RecordId::new_v7();
    let mut batch = photo(&on_request, "request", &request(0), "b", false);
    // The comment arrives after its photo, which follows it once it does.
    batch.extend(photo(&on_comment, "request_comment", &comment, "b", true));
    batch.extend(photo(&on_patrol, "patrol_answer", &RecordId::new_v7(), "b", true));
    batch.push(change("request_comment", &comment, "text", json!("已拍照"), now(), "b", None));
    batch.push(change(
        "request_comment",
        &comment,
        "request",
        json!(request(0).0),
        now(),
        "b",
        None,
    ));
    // Claimed by the device; the server writes the pushing user instead.
    batch.push(change("photo", &on_request, "by", json!(fixture_id("x").0), now(), "b", None));
    let reply = s.push(&t.butler, "b", vec![(1, batch)]).await;
    let codes: Vec<_> = reply.rejections.iter().map(|r| r.code).collect();
    assert_eq!(codes, vec![RejectCode::Rewritten], "{:?}", reply.rejections);
    for (who, token, held) in [
        ("office", &t.office, true),
        ("butler", &t.butler, true),
        ("工程部", &t.fixer, true),
        ("butler2", &t.butler2, false),
    ] {
        let snap = sc.snapshot(token).await;
        for id in [&on_request, &on_comment] {
            assert_eq!(holds(&snap, id), held, "{who}: photo {id}");
        }
        // A patrol answer has no records yet: its photo is the office's only.
        assert_eq!(holds(&snap, &on_patrol), who == "office", "{who}: unplaced photo");
    }
    // The server wrote who took it: the butler of the session.
    let me: shared::protocol::Me =
        crate::support::ok_json(s.get("/api/v1/me", Some(&t.butler)).await).await;
    let by = sc.value(&t.office, &on_request, "by").await;
    assert_eq!(by, Some(json!(me.staff_id)));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_of_another_areas_record_is_refused_whole(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    for (seq, first) in [(1, true), (2, false)] {
        let id = RecordId::new_v7();
        let batch = photo(&id, "request", &request(1), "b", first);
        let n = batch.len();
        let reply = s.push(&t.butler, "b", vec![(seq, batch)]).await;
        let codes: Vec<_> = reply.rejections.iter().map(|r| r.code).collect();
        assert_eq!(codes, vec![RejectCode::OutOfScope; n], "parent_id first: {first}");
        assert!(!holds(&sc.snapshot(&t.office).await, &id), "nothing of it is stored");
    }
    // Tied in a later batch: the parent field is refused, the photo stays unplaced.
    let id = RecordId::new_v7();
    let kind = change("photo", &id, "parent_kind", json!("request"), now(), "b", None);
    assert!(s.push(&t.butler, "b", vec![(3, vec![kind])]).await.rejections.is_empty());
    let tie = change("photo", &id, "parent_id", json!(request(1).0), now(), "b", None);
    let reply = s.push(&t.butler, "b", vec![(4, vec![tie])]).await;
    assert_eq!(reply.rejections.len(), 1);
    assert!(!holds(&sc.snapshot(&t.butler2).await, &id));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_move_and_are_routed_with_their_parent(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    let (east, west) = (RecordId::new_v7(), RecordId::new_v7());
    let mine = s.push(&t.butler, "b", vec![(1, photo(&east, "request", &request(0), "b", true))]);
    assert!(mine.await.rejections.is_empty());
    let theirs =
        s.push(&t.butler2, "b2", vec![(1, photo(&west, "request", &request(1), "b2", false))]);
    assert!(theirs.await.rejections.is_empty());
    // Building 1 (request 1's) moves to area 0: its photo with it.
    let mv = change(
        "building",
        &fixture_id("building-1"),
        "area",
        json!(fixture_id("area-0").0),
        now() + 5,
        "o",
        None,
    );
    s.push(&t.office, "o", vec![(1, vec![mv])]).await;
    assert!(holds(&sc.snapshot(&t.butler).await, &west));
    assert!(!holds(&sc.snapshot(&t.butler2).await, &west));
    // Request 0 is routed away from 工程部: its photo leaves 工程部's replicas.
    let route =
        change("request", &request(0), "department", json!(department(1).0), now() + 6, "o", None);
    s.push(&t.office, "o", vec![(2, vec![route])]).await;
    let fixer = sc.snapshot(&t.fixer).await;
    assert!(!holds(&fixer, &east) && holds(&fixer, &west));
}
