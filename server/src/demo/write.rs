//! Writing a planned compound: every record as server changes, through the same merge and
//! log as every other write, in chunks of about [`CHUNK`] changes (one transaction each), in
//! an order in which every reference points at a record already written.

use super::compound::AREA_NAMES;
use super::request_records::{area_code, history_len, history_records, request_fields};
use super::staff::{default_assignee, DEPARTMENTS};
use super::{demo_id, Plan, DEMO_PASSWORD, DEMO_SITE};
use crate::accounts::{add_user, NewUser};
use crate::clock::now_ms;
use crate::error::AppResult;
use crate::state::AppState;
use crate::sync::{apply_server_changes, server_change};
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::{Change, RecordId};
use std::time::Instant;

/// Changes per transaction.
pub const CHUNK: usize = 5_000;

/// Buffers changes and writes them a chunk at a time, reporting progress on big runs.
struct Writer<'a> {
    state: &'a AppState,
    site: &'a str,
    buf: Vec<Change>,
    records: usize,
    changes: usize,
    total: usize,
    reported: usize,
    loud: bool,
    started: Instant,
}

impl Writer<'_> {
    /// Queues one record's fields in the order given (`null` values are left out) and writes
    /// a chunk when enough have gathered; a record is never split across chunks.
    async fn record(
        &mut self,
        kind: &str,
        id: &RecordId,
        fields: Vec<(&str, Value)>,
    ) -> AppResult<()> {
        for (field, value) in fields.into_iter().filter(|(_, v)| !v.is_null()) {
            self.buf.push(server_change(kind, id, field, value, self.state.hlc_now()));
        }
        self.records += 1;
        if self.buf.len() >= CHUNK {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> AppResult<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        apply_server_changes(self.state, self.site, &self.buf).await?;
        self.changes += self.buf.len();
        self.buf.clear();
        let tenth = self.records * 10 / self.total.max(1);
        if self.loud && tenth > self.reported {
            self.reported = tenth;
            eprintln!(
                "demo / 演示数据: {:>3}%  {} records, {} changes, {:.1} s",
                tenth * 10,
                self.records,
                self.changes,
                self.started.elapsed().as_secs_f64()
            );
        }
        Ok(())
    }
}

fn opt<T: serde::Serialize>(v: Option<T>) -> Value {
    v.map_or(Value::Null, |v| json!(v))
}

/// Writes the planned compound into the (already created) site. Returns how many changes
/// it wrote, besides the accounts' own.
pub async fn write(state: &AppState, site: &str, plan: &Plan, loud: bool) -> AppResult<usize> {
    let now = now_ms();
    let patrol = super::patrol::records(plan, now as i64);
    let mut duties = super::duties::records(plan, now as i64);
    duties.extend(super::surveys::records(plan, now as i64)); // issue 25: surveys
    duties.extend(super::moving::records(plan, now as i64)); // issue 25: moving
    duties.extend(super::frontdesk::records(plan, now as i64)); // issue 25: frontdesk
                                                                // issue 25: services — their own paid-service requests, numbered after the demo's.
    let services = super::services::records(plan, now as i64, 0).len();
    let children: usize = plan.requests.iter().map(history_len).sum::<usize>()
        + patrol.len()
        + duties.len()
        + services;

    let total = plan.areas
        + DEPARTMENTS.len() * 2
        + children
        + plan.buildings.len()
        + plan.units.len()
        + plan.register.people.len()
        + plan.register.links.len()
        + plan.requests.len();
    let started = Instant::now();
    let mut w = Writer {
        state,
        site,
        buf: Vec::new(),
        records: 0,
        changes: 0,
        total,
        reported: 0,
        loud,
        started,
    };
    let area_id = |a: usize| demo_id(&format!("area-{a}")).0;
    for (a, name) in AREA_NAMES[..plan.areas].iter().enumerate() {
        w.record(
            kind::AREA,
            &demo_id(&format!("area-{a}")),
            vec![
                (field::NAME, json!(name)),
                (field::SITE, json!(site)),
                (field::CODE, json!(area_code(a))),
            ],
        )
        .await?;
    }
    for (d, (name, code)) in DEPARTMENTS.iter().enumerate() {
        let fields = vec![(field::NAME, json!(name)), (field::CODE, json!(code))];
        w.record(kind::DEPARTMENT, &demo_id(&format!("department-{d}")), fields).await?;
    }
    for b in &plan.buildings {
        let fields = vec![
            (field::NAME, json!(format!("{}号楼", b.number))),
            (field::AREA, json!(area_id(b.area))),
            (field::ENTRANCES, json!(b.entrances)),
            (field::FLOORS_ABOVE, json!(b.floors_above)),
            (field::FLOORS_BELOW, json!(b.floors_below)),
            (field::FLOOR_AREA, json!(b.floor_area)),
        ];
        w.record(kind::BUILDING, &b.id, fields).await?;
    }
    for u in &plan.units {
        let fields = vec![
            (field::BUILDING, json!(plan.buildings[u.building].id.as_str())),
            (field::FLOOR, json!(u.floor)),
            (field::NUMBER, json!(u.number)),
            (field::LABEL, json!(u.label)),
            (field::TYPE, json!(u.ty)),
            (field::FLOOR_AREA, json!(u.floor_area)),
            (field::STATE, json!(u.state)),
            (field::NOTE, opt(u.note)),
        ];
        w.record(kind::UNIT, &u.id, fields).await?;
    }
    // Links before people: a person then lands straight in the areas of their units,
    // instead of office-only first and copied into each area when a link arrives.
    for l in &plan.register.links {
        let fields = vec![
            (field::UNIT, json!(plan.units[l.unit].id.as_str())),
            (field::PERSON, json!(plan.register.people[l.person].id.as_str())),
            (field::ROLE, json!(l.role)),
            (field::FROM, json!(l.from)),
            (field::TO, opt(l.to)),
        ];
        w.record(kind::UNIT_PERSON, &l.id, fields).await?;
    }
    for p in &plan.register.people {
        let fields = vec![
            (field::NAME, json!(p.name)),
            (field::PHONE, json!(p.phone)),
            (field::PHONE2, opt(p.phone2.as_ref())),
            (field::NOTE, opt(p.note)),
            (field::KEY_CUSTOMER, opt(p.key_customer.then_some(true))),
        ];
        w.record(kind::PERSON, &p.id, fields).await?;
    }
    w.flush().await?;
    for (i, s) in plan.staff.iter().enumerate() {
        let user = NewUser {
            site: DEMO_SITE.into(),
            role: s.role,
            area: s.area.map(|a| AREA_NAMES[a].to_owned()),
            department: s.department.map(|d| DEPARTMENTS[d].0.to_owned()),
            username: s.username.clone(),
            password: DEMO_PASSWORD.into(),
            name: s.name.clone(),
        };
        add_user(state, user, Some(demo_id(&format!("staff-{i}")))).await?;
    }
    // Now that the staff exist: who each department's requests go to by default.
    for d in 0..DEPARTMENTS.len() {
        let assignee = default_assignee(&plan.staff, d).map(|s| demo_id(&format!("staff-{s}")).0);
        let fields = vec![(field::DEFAULT_ASSIGNEE, opt(assignee))];
        w.record(kind::DEPARTMENT, &demo_id(&format!("department-{d}")), fields).await?;
    }
    let first = first_number(state, site, plan.requests.len(), now).await?;
    for r in &plan.requests {
        w.record(kind::REQUEST, &r.id, request_fields(plan, r, now, first)).await?;
    }
    for r in &plan.requests {
        for (kind, id, fields) in history_records(r, now) {
            w.record(kind, &id, fields).await?;
        }
    }
    for (kind, id, fields) in patrol.into_iter().chain(duties) {
        w.record(kind, &id, fields).await?;
    }
    let count = super::services::request_count(plan);
    let first = first_number(state, site, count, now).await?;
    for (kind, id, fields) in super::services::records(plan, now as i64, first) {
        w.record(kind, &id, fields).await?;
    }
    w.flush().await?;
    Ok(w.changes)
}

/// Takes `count` numbers of the site's request counter for the demo's requests — the same
/// counter device blocks come from (`POST /sync/numbers`), so a device's later block never
/// repeats a demo number. Returns the first.
async fn first_number(state: &AppState, site: &str, count: usize, now: u64) -> AppResult<u64> {
    if count == 0 {
        return Ok(1);
    }
    let count = u32::try_from(count).map_err(crate::error::AppError::internal)?;
    let mut stx = state.db().begin_site(site).await?;
    let block = stx.take_numbers("demo", "demo", count, now).await?;
    stx.commit().await?;
    Ok(block.start)
}
