//! Forbidden reads return nothing: snapshots, incremental pulls and event streams.

use super::{department, holds, link, person, phone, request, scene, unit};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{change, fixture_id, now};
use rstest::rstest;
use serde_json::json;

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_holds_exactly_its_scope(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    for (token, area) in [(&t.butler, 0), (&t.butler2, 1)] {
        let held = sc.snapshot(token).await;
        let other = 1 - area;
        for id in [request(area), person(area), unit(area)] {
            assert!(holds(&held, &id), "a butler holds their area's {id}");
        }
        for id in [request(other), person(other), unit(other)] {
            assert!(!holds(&held, &id), "a butler never receives {id} of another area");
        }
        // Reference data: both areas, both buildings, the departments, the staff.
        for id in [fixture_id("area-1"), fixture_id("building-1"), department(1)] {
            assert!(holds(&held, &id));
        }
        assert!(held.iter().all(|c| c.kind.as_str() != "conflict"));
    }
    for token in [&t.office, &t.boss] {
        let held = sc.snapshot(token).await;
        for i in 0..2 {
            assert!(
                holds(&held, &request(i)) && holds(&held, &person(i)) && holds(&held, &unit(i))
            );
        }
    }
    let fixer = sc.snapshot(&t.fixer).await;
    assert!(holds(&fixer, &request(0)) && holds(&fixer, &request(1)), "both routed to 工程部");
    for i in 0..2 {
        // The location of each job (its unit, in either area), and nobody who lives there.
        assert!(holds(&fixer, &unit(i)), "工程部 finds the unit of its job {i}");
        assert!(!holds(&fixer, &person(i)) && !holds(&fixer, &link(i)), "no resident");
        let contact = super::super::support::last_value(&fixer, &request(i), "contact_phone");
        assert_eq!(contact.map(|c| c.value.clone()), Some(json!(format!("138****123{i}"))));
    }
    assert!(fixer.iter().all(|c| !c.value.to_string().contains(&phone(0))));
    assert!(fixer.iter().all(|c| !["person", "unit_person"].contains(&c.kind.as_str())));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn department_staff_receive_unit_changes_and_no_residents(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    let fixer_at = s.pull(&t.fixer, None, Some(5000)).await.cursor;
    let later = now() + 10;
    let renumber = change("unit", &unit(1), "number", json!("2-0808"), later, "office-desk", None);
    let rename = change("person", &person(1), "name", json!("新住户"), later, "office-desk", None);
    s.push(&t.office, "office-desk", vec![(2, vec![renumber, rename])]).await;
    let (seen, _) = s.pull_all(&t.fixer, &fixer_at).await;
    assert!(seen.iter().any(|c| c.id == unit(1) && c.value == json!("2-0808")), "{seen:?}");
    assert!(!holds(&seen, &person(1)), "{seen:?}");
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_pulls_and_event_streams_skip_other_scopes(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let (t, s) = (&sc.tokens, &sc.s);
    let butler_at = s.pull(&t.butler, None, Some(5000)).await.cursor;
    let fixer_at = s.pull(&t.fixer, None, Some(5000)).await.cursor;
    let mut butler_events = s.events(&t.butler).await;
    let later = now() + 10;
    let edit = |i: usize, text: &str| {
        change("request", &request(i), "description", json!(text), later, "office-desk", None)
    };
    // Area 1 first, then area 0: the butler's stream is poked for area 0 only, and the
    // pull after that poke holds area 0's edit and never area 1's.
    s.push(&t.office, "office-desk", vec![(2, vec![edit(1, "西区的秘密")])]).await;
    s.push(&t.office, "office-desk", vec![(3, vec![edit(0, "东区的修改")])]).await;
    butler_events.wait_for("event: poke").await;
    let (seen, _) = s.pull_all(&t.butler, &butler_at).await;
    assert!(seen.iter().any(|c| c.value == json!("东区的修改")));
    assert!(!holds(&seen, &request(1)), "{seen:?}");
    // 工程部 holds both requests; a request routed elsewhere leaves its replica.
    let (seen, _) = s.pull_all(&t.fixer, &fixer_at).await;
    assert!(holds(&seen, &request(0)) && holds(&seen, &request(1)));
    let reroute = change(
        "request",
        &request(1),
        "department",
        json!(department(1).0),
        later + 1,
        "office-desk",
        None,
    );
    s.push(&t.office, "office-desk", vec![(4, vec![reroute])]).await;
    let after = s.pull(&t.fixer, Some(&fixer_at), None).await;
    assert!(after.reset, "leaving a scope resets the replicas that held it");
    assert!(!holds(&after.changes, &request(1)) && holds(&after.changes, &request(0)));
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_says_how_many_fields_of_the_scope_it_holds(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    for token in [&sc.tokens.butler, &sc.tokens.fixer, &sc.tokens.office] {
        let first = sc.s.pull(token, None, Some(3)).await;
        assert!(first.reset && first.more);
        let total = first.snapshot_total.expect("the first page says how big the snapshot is");
        let mut held = first.changes.len() as u64;
        let mut cursor = first.cursor;
        loop {
            let page = sc.s.pull(token, Some(&cursor), Some(3)).await;
            assert_eq!(page.snapshot_total, None, "only the first page");
            held += page.changes.len() as u64;
            cursor = page.cursor;
            if !page.more {
                break;
            }
        }
        assert_eq!(held, total);
    }
}
