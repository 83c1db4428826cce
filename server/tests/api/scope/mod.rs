//! Threat: a user reads or writes outside their scope. A butler holds their area and the
//! site's reference data; office staff and supervisors the whole site; department staff the
//! requests routed to their department, phones masked. Every role × read / write × inside /
//! outside scope, on SQLite and PostgreSQL (`docs/ARCHITECTURE.md`, "Scope").

mod children;
mod common_places;
mod duties;
mod frontdesk; // issue 25: frontdesk
mod masking;
mod moves;
mod moving;
mod patrol;
mod photos;
mod reads;
mod services;
mod surveys;
mod writes;

use crate::support::{self, change, fixture_id, now, Backend, TestServer, PASSWORD};
use serde_json::{json, Value};
use server::accounts::{add_user, NewUser};
use shared::{Change, RecordId, Role};

/// The fixture site plus a register and requests in both areas, and one user of each role:
/// `butler` (area 0), `butler2` (area 1), `office`, `boss` (supervisor), `fixer` (工程部).
pub struct Scene {
    pub s: TestServer,
    pub tokens: Tokens,
}

/// A session token per user of the scene.
pub struct Tokens {
    pub butler: String,
    pub butler2: String,
    pub office: String,
    pub boss: String,
    pub fixer: String,
}

/// Ids of the scene's records; index 0 lives in area 0, index 1 in area 1.
pub fn request(i: usize) -> RecordId {
    fixture_id(&format!("request-{i}"))
}
pub fn person(i: usize) -> RecordId {
    fixture_id(&format!("person-{i}"))
}
pub fn link(i: usize) -> RecordId {
    fixture_id(&format!("link-{i}"))
}
pub fn unit(i: usize) -> RecordId {
    fixture_id(&format!("unit-{i}"))
}
pub fn department(i: usize) -> RecordId {
    fixture_id(&format!("department-{i}"))
}

/// The phone of the resident of area `i` (also the contact of request `i`).
pub fn phone(i: usize) -> String {
    format!("1380000123{i}")
}

fn set(kind: &str, id: &RecordId, fields: &[(&str, Value)], t: u64) -> Vec<Change> {
    fields.iter().map(|(f, v)| change(kind, id, f, v.clone(), t, "office-desk", None)).collect()
}

/// Starts the scene on `b`; `None` when the PostgreSQL variant is skipped.
/// The changes setting `fields` of `(kind, id)` from `replica`, stamped now.
pub fn set_now(kind: &str, id: &RecordId, fields: &[(&str, Value)], replica: &str) -> Vec<Change> {
    let t = now();
    fields.iter().map(|(f, v)| change(kind, id, f, v.clone(), t, replica, None)).collect()
}

/// Pushes `c` as batch `seq` of `replica` with `token`, and returns the refusals' codes (the
/// batch must be taken whole).
pub async fn codes(
    sc: &Scene,
    token: &str,
    replica: &str,
    seq: u64,
    c: Vec<Change>,
) -> Vec<shared::RejectCode> {
    let reply = sc.s.push(token, replica, vec![(seq, c)]).await;
    assert_eq!(reply.last_seq, seq, "{replica} batch {seq} applied");
    reply.rejections.iter().map(|r| r.code).collect()
}

pub async fn scene(b: Backend) -> Option<Scene> {
    scene_with(b, |_| {}).await
}

/// Starts the scene on `b` with `tweak` applied to the server's config first.
pub async fn scene_with(b: Backend, tweak: impl FnOnce(&mut server::Config)) -> Option<Scene> {
    let s = support::start_with(b, tweak).await?;
    let office = s.login("office").await;
    let t = now();
    let mut changes = Vec::new();
    for (i, name) in ["工程部", "保洁部"].iter().enumerate() {
        changes.extend(set("department", &department(i), &[("name", json!(name))], t));
    }
    for i in 0..2 {
        changes.extend(set(
            "request",
            &request(i),
            &[
                ("unit", json!(unit(i).0)),
                ("description", json!(format!("漏水 {i}"))),
                ("status", json!("new")),
                ("contact_phone", json!(phone(i))),
                ("department", json!(department(0).0)),
            ],
            t,
        ));
        changes.extend(set("person", &person(i), &[("name", json!(format!("住户{i}")))], t));
        changes.extend(set("person", &person(i), &[("phone", json!(phone(i)))], t));
        changes.extend(set(
            "unit_person",
            &link(i),
            &[("unit", json!(unit(i).0)), ("person", json!(person(i).0)), ("role", json!("owner"))],
            t,
        ));
    }
    let reply = s.push(&office, "office-desk", vec![(1, changes)]).await;
    assert!(reply.rejections.is_empty(), "{:?}", reply.rejections);
    for (username, role, area, dept) in [
        ("butler2", Role::Butler, Some("二区"), None),
        ("boss", Role::Supervisor, None, None),
        ("fixer", Role::Department, None, Some("工程部")),
    ] {
        let u = NewUser {
            site: "测试小区".into(),
            role,
            area: area.map(str::to_owned),
            department: dept.map(str::to_owned),
            username: username.into(),
            password: PASSWORD.into(),
            name: username.into(),
        };
        add_user(&s.state, u, None).await.expect("add user");
    }
    let tokens = Tokens {
        butler: s.login("butler").await,
        butler2: s.login("butler2").await,
        office,
        boss: s.login("boss").await,
        fixer: s.login("fixer").await,
    };
    Some(Scene { s, tokens })
}

impl Scene {
    /// Everything `token` receives from a fresh snapshot.
    pub async fn snapshot(&self, token: &str) -> Vec<Change> {
        let first = self.s.pull(token, None, Some(5000)).await;
        assert!(first.reset && !first.more);
        first.changes
    }

    /// The value of `kind.field` of `id` in what `token` holds (from a fresh snapshot).
    pub async fn value(&self, token: &str, id: &RecordId, field: &str) -> Option<Value> {
        let held = self.snapshot(token).await;
        support::last_value(&held, id, field).map(|c| c.value.clone())
    }
}

/// Whether a set of changes holds anything of record `id`.
pub fn holds(changes: &[Change], id: &RecordId) -> bool {
    changes.iter().any(|c| c.id == *id)
}
