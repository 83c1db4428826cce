//! A change of scope moves records between replicas at their next sync: a building moved
//! to another area, a butler moved to another area (`guanjia user set-area`), a new role.

use super::{holds, person, request, scene, unit};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{change, fixture_id, now};
use rstest::rstest;
use serde_json::json;
use shared::Role;

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_a_building_moves_its_units_people_and_requests(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    let east = s.pull(&t.butler, None, Some(5000)).await.cursor;
    let west = s.pull(&t.butler2, None, Some(5000)).await.cursor;
    let mut west_events = s.events(&t.butler2).await;
    let area0 = fixture_id("area-0");
    let mv = change(
        "building",
        &fixture_id("building-1"),
        "area",
        json!(area0.0),
        now() + 5,
        "office-desk",
        None,
    );
    s.push(&t.office, "office-desk", vec![(2, vec![mv])]).await;
    west_events.wait_for("event: poke").await;
    for (token, cursor, gains) in [(&t.butler, &east, true), (&t.butler2, &west, false)] {
        let first = s.pull(token, Some(cursor), Some(5000)).await;
        assert!(first.reset, "the scope changed: the replica starts again");
        for id in [unit(1), request(1), person(1)] {
            assert_eq!(holds(&first.changes, &id), gains, "{id}");
        }
        assert!(holds(&first.changes, &unit(0)) == gains);
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_area_and_set_role_change_what_a_user_holds(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    let cursor = s.pull(&t.butler, None, Some(5000)).await.cursor;
    let url = s.state.config().database_url.clone();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_guanjia"))
        .args(["user", "set-area", "butler", "二区"])
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run guanjia");
    assert!(out.status.success(), "{out:?}");
    let moved = s.pull(&t.butler, Some(&cursor), Some(5000)).await;
    assert!(moved.reset);
    assert!(holds(&moved.changes, &request(1)) && !holds(&moved.changes, &request(0)));
    let me: shared::protocol::Me =
        crate::support::ok_json(s.get("/api/v1/me", Some(&t.butler)).await).await;
    assert_eq!(me.area_id.as_deref(), Some(fixture_id("area-1").as_str()));
    // The staff record devices see says the same as the account.
    let staff = sc.value(&t.office, &shared::RecordId::from(me.staff_id.as_str()), "area").await;
    assert_eq!(staff, Some(json!(fixture_id("area-1").0)));

    server::accounts::set_role(&s.state, "butler", Role::Supervisor, None).await.expect("role");
    let all = sc.snapshot(&t.butler).await;
    assert!(holds(&all, &request(0)) && holds(&all, &request(1)));
    // A department member must name a department; a bad call changes nothing.
    let bad = server::accounts::set_role(&s.state, "butler", Role::Department, None).await;
    assert!(bad.is_err());
    let me: shared::protocol::Me =
        crate::support::ok_json(s.get("/api/v1/me", Some(&t.butler)).await).await;
    assert_eq!(me.role, Role::Supervisor);
    let unknown = server::accounts::set_area(&s.state, "butler", Some("火星区")).await;
    assert!(unknown.is_err());
}

/// A new request whose unit comes after its other fields is placed while its rows are still
/// held back: the log carries each of its fields once, under its unit's area, and a comment
/// on it follows — what the area's butler pulls — and nothing of it reaches the other area.
#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_request_placed_by_its_last_field_reaches_its_area_once(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let (s, tk) = (&sc.s, &sc.tokens);
    let mine = s.pull(&tk.butler, None, Some(5000)).await.cursor;
    let theirs = s.pull(&tk.butler2, None, Some(5000)).await.cursor;
    let (t, r, c) = (now(), shared::RecordId::new_v7(), shared::RecordId::new_v7());
    let ch = |kind: &str, id: &shared::RecordId, field: &str, v: serde_json::Value| {
        change(kind, id, field, v, t, "office-desk-2", None)
    };
    let batch = vec![
        ch("request", &r, "status", json!("new")),
        ch("request", &r, "description", json!("楼道灯不亮")),
        ch("request", &r, "unit", json!(unit(0).0)),
        ch("request_comment", &c, "request", json!(r.0)),
        ch("request_comment", &c, "text", json!("已通知电工")),
    ];
    let reply = s.push(&tk.office, "office-desk-2", vec![(1, batch)]).await;
    assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
    let (got, _) = s.pull_all(&tk.butler, &mine).await;
    let mut fields: Vec<(&str, &str)> = got
        .iter()
        .filter(|x| x.id == r || x.id == c)
        .map(|x| (x.kind.as_str(), x.field.as_str()))
        .collect();
    fields.sort_unstable();
    let want = [
        ("request", "description"),
        ("request", "status"),
        ("request", "unit"),
        ("request_comment", "request"),
        ("request_comment", "text"),
    ];
    assert_eq!(fields, want, "each field once, in the unit's area");
    let (other, _) = s.pull_all(&tk.butler2, &theirs).await;
    assert!(!holds(&other, &r) && !holds(&other, &c), "nothing in the other area");
    assert_eq!(sc.value(&tk.butler, &r, "description").await, Some(json!("楼道灯不亮")));
}
