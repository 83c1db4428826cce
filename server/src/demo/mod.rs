//! The demo site 阳光花园 (Sunshine Garden): a realistic compound of any size up to
//! [`MAX_UNITS`] units — areas, buildings, units, the household register, staff of every
//! role and open requests, or a chosen number of requests with a year of history behind
//! them — deterministic: the same size and seed give the same ids and contents on every
//! machine (only HLC stamps and request `created_at` follow the clock).
//! It is written as server changes through the same path as every other write, so devices
//! receive it by pulling.
//!
//! The compound is planned first, in memory and without I/O ([`compound`], [`people`],
//! [`requests`], each drawing from its own seeded stream of [`names::Rng`]), then written
//! ([`write`]).

mod catalog;
mod compound;
mod duties;
mod frontdesk; // issue 25: frontdesk
mod history;
mod months;
mod moving;
mod names;
mod patrol;
mod people;
#[cfg(test)]
mod report_tests;
mod request_records;
mod requests;
// issue 25: services
mod services;
pub use services::PAID_SERVICE_REQUESTS_PER_AREA;
mod staff;
mod surveys;
#[cfg(test)]
mod tests;
mod write;

use crate::accounts::create_site;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use sha2::{Digest, Sha256};
use shared::{RecordId, Role};
use std::time::Instant;
use uuid::{Builder, Variant, Version};

/// The demo site's name.
pub const DEMO_SITE: &str = "阳光花园";
/// Password of every demo account.
pub const DEMO_PASSWORD: &str = "guanjia123";
/// Units of the default demo (what `guanjia serve --demo` seeds).
pub const DEFAULT_UNITS: u32 = 432;
/// The seed of the demo compound when none is asked for.
pub const DEFAULT_SEED: u64 = 1;
/// The biggest compound `guanjia demo --units` builds.
pub const MAX_UNITS: u32 = 50_000;
/// The most requests `guanjia demo --requests` writes.
pub const MAX_REQUESTS: u32 = 200_000;
/// The well-known demo accounts: username, display name, role, area (index into the
/// areas). Further butlers and department staff are added by size (`butler3`, `repair1`…).
pub const DEMO_USERS: &[(&str, &str, Role, Option<usize>)] = &[
    ("butler1", "王管家", Role::Butler, Some(0)),
    ("butler2", "李管家", Role::Butler, Some(1)),
    ("office", "前台张", Role::Office, None),
    ("supervisor", "赵主管", Role::Supervisor, None),
];

/// How big a compound to build, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSize {
    pub units: u32,
    pub seed: u64,
    /// How many areas (3–6); `None` grows them with the size.
    pub areas: Option<u32>,
    /// How many requests (0–[`MAX_REQUESTS`]), with a year of history: mostly done and
    /// closed. `None` is the default: about one open request per 30 units, at least 12.
    pub requests: Option<u32>,
}

impl Default for DemoSize {
    fn default() -> Self {
        DemoSize { units: DEFAULT_UNITS, seed: DEFAULT_SEED, areas: None, requests: None }
    }
}

/// A stable UUID (version 7 bits set) derived from a name, so demo ids never change.
pub fn demo_id(name: &str) -> RecordId {
    let digest = Sha256::digest(format!("guanjia-demo:{name}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    let id = Builder::from_bytes(bytes)
        .with_version(Version::SortRand)
        .with_variant(Variant::RFC4122)
        .into_uuid();
    RecordId(id.to_string())
}

/// The unit number of building `b`, floor `f`, unit `u`: `1-0302`.
pub fn unit_number(b: u32, f: u32, u: u32) -> String {
    format!("{b}-{f:02}{u:02}")
}

/// A compound, planned and not yet written.
#[derive(Debug)]
struct Plan {
    areas: usize,
    buildings: Vec<compound::Building>,
    units: Vec<compound::Unit>,
    register: people::Register,
    staff: Vec<staff::Staff>,
    requests: Vec<requests::Request>,
    /// A year of history was asked for (an explicit request count): the patrol's and the
    /// quality checks' year is written too ([`patrol::records`]).
    history: bool,
}

/// Plans a compound of `size.units` units (1..=[`MAX_UNITS`]): pure, no I/O.
fn plan(size: DemoSize) -> Plan {
    let rng = |stream: &str| names::Rng::new(size.seed, stream);
    let areas = size.areas.map_or_else(|| compound::area_count(size.units), |a| a as usize);
    let (buildings, units) = compound::layout(&mut rng("layout"), size.units, areas);
    let register = people::register(&mut rng("people"), &units);
    let contacts = people::contacts(units.len(), &register.links);
    let staff = staff::staff(areas, size.units);
    let count = size.requests.map(|n| n as usize);
    let requests = requests::requests(
        &mut rng("requests"),
        &mut rng("history"),
        &units,
        &contacts,
        &register.people,
        &staff,
        count,
    );
    Plan { areas, buildings, units, register, staff, requests, history: count.is_some() }
}

/// Refuses a size the demo cannot build.
fn check_size(size: DemoSize) -> AppResult<()> {
    if size.units == 0 || size.units > MAX_UNITS {
        return Err(AppError::BadRequest(format!(
            "the demo has 1 to {MAX_UNITS} units, not {} / 演示小区的户数须在 1 到 {MAX_UNITS} 之间，不能是 {}",
            size.units, size.units
        )));
    }
    if size.areas.is_some_and(|a| !(3..=compound::AREA_NAMES.len() as u32).contains(&a)) {
        return Err(AppError::BadRequest(format!(
            "the demo has 3 to {n} areas / 演示小区的片区数须在 3 到 {n} 之间",
            n = compound::AREA_NAMES.len()
        )));
    }
    if let Some(n) = size.requests.filter(|&n| n > MAX_REQUESTS) {
        return Err(AppError::BadRequest(format!(
            "the demo has 0 to {MAX_REQUESTS} requests, not {n} / 演示小区的工单数须在 0 到 {MAX_REQUESTS} 之间，不能是 {n}"
        )));
    }
    Ok(())
}

/// Seeds the default demo site unless a site of that name exists. Returns whether it seeded.
pub async fn seed(state: &AppState) -> AppResult<bool> {
    seed_with(state, DemoSize::default()).await
}

/// Seeds a demo site of `size` unless a site named [`DEMO_SITE`] exists (then it writes
/// nothing and returns false). A size of 0 or over [`MAX_UNITS`] units, or over
/// [`MAX_REQUESTS`] requests, is refused before anything is written, and so is a request
/// count on a compound nobody lives in (no contact to raise a request).
pub async fn seed_with(state: &AppState, size: DemoSize) -> AppResult<bool> {
    check_size(size)?;
    if state.db().site_by_name(DEMO_SITE).await?.is_some() {
        return Ok(false);
    }
    let started = Instant::now();
    let plan = plan(size);
    if size.requests.is_some_and(|n| n as usize != plan.requests.len()) {
        return Err(AppError::BadRequest(
            "nobody is tied to a unit of so small a compound to raise requests: choose more units \
             / 演示小区太小，没有住户可以报事，请增加户数"
                .into(),
        ));
    }
    let loud = size.units >= 5_000 || plan.requests.len() >= 5_000;
    if loud {
        eprintln!(
            "demo / 演示数据: {} units, {} people, {} requests planned; writing…",
            plan.units.len(),
            plan.register.people.len(),
            plan.requests.len()
        );
    }
    let site = create_site(state, &demo_id(shared::names::kind::SITE), DEMO_SITE).await?;
    let changes = write::write(state, &site, &plan, loud).await?;
    tracing::info!(
        areas = plan.areas,
        buildings = plan.buildings.len(),
        units = plan.units.len(),
        people = plan.register.people.len(),
        links = plan.register.links.len(),
        staff = plan.staff.len(),
        requests = plan.requests.len(),
        changes,
        seed = size.seed,
        secs = started.elapsed().as_secs_f64(),
        "demo site {DEMO_SITE} seeded"
    );
    Ok(true)
}

/// The demo logins of a compound of `size`, for printing: every account the demo writes
/// (the plan's own staff list, so the text cannot drift from what can sign in), each with
/// its role and its area or department.
pub fn logins_text(size: DemoSize) -> String {
    let areas = size.areas.map_or_else(|| compound::area_count(size.units), |a| a as usize);
    let mut s = format!("Demo site / 演示小区: {DEMO_SITE}  (password / 密码: {DEMO_PASSWORD})\n");
    s.push_str(&staff::logins_lines(&staff::staff(areas, size.units)));
    s
}
