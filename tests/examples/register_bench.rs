//! Browser benchmark of a butler's register on a big area (issue "Register, areas and access",
//! points 3 and 6): first replica from login, cold start from cache, and each keystroke of
//! the unit search, in headless Chromium against the real server.
//!
//! `cargo run --release -p e2e --example register_bench -- [AREA_UNITS]` (default 10000):
//! seeds `guanjia demo --units 3×AREA_UNITS --areas 3`, so butler1's area holds about
//! AREA_UNITS units (buildings are moved into it through the API if it holds fewer), then
//! measures. Prints figures, never judges them: targets live in the issue, not in a timed
//! test.

use e2e::{progress, ApiDevice, Browser, ChromeDriver, Server, TestResult};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

/// Sets the search box to `arguments[0]` as a keystroke would and resolves when the result
/// list has changed (or after two frames if it did not): milliseconds, and the hit count.
const KEYSTROKE_JS: &str = "
const input = document.querySelector('#register-search');
const results = () => document.querySelector('#register-results') || document.body;
const t0 = performance.now();
const done = new Promise(resolve => {
  const mo = new MutationObserver(() => { mo.disconnect(); resolve(); });
  mo.observe(results(), { childList: true, subtree: true, attributes: true, characterData: true });
  requestAnimationFrame(() => requestAnimationFrame(() => { mo.disconnect(); resolve(); }));
});
input.value = arguments[0];
input.dispatchEvent(new Event('input', { bubbles: true }));
await done;
const el = document.querySelector('#register-results');
return [performance.now() - t0, el ? Number(el.getAttribute('data-total')) : -1];";

#[tokio::main]
async fn main() -> TestResult {
    let args: Vec<u32> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let area_units = args.first().copied().unwrap_or(10_000);
    let server = Server::start_with_units(Some(3 * area_units), Some(3)).await?;
    let held = grow_area(&server, area_units).await?;
    println!(
        "butler1's area: {} units; replica {} records, {} field changes",
        held.0, held.1, held.2
    );

    let driver = ChromeDriver::start().await?;
    let butler = Browser::open(&driver, "butler1", &server.url()).await?;
    butler.client().set_window_size(800, 1280).await?;
    let started = Instant::now();
    butler.login("butler1").await?;
    let (listed, synced) = first_sync(&butler, started).await?;
    println!("first sync: list shows after {listed:?}, whole replica stored after {synced:?}");

    let started = Instant::now();
    butler.client().refresh().await?;
    let (listed, _) = first_sync(&butler, started).await?;
    println!("cold start from cache: list shows after {listed:?}");

    butler.click("a#nav-register").await?;
    butler.element("input#register-search").await?;
    let mut worst = 0f64;
    for query in ["1", "1-", "1-0", "1-03", "1-030", "1-0302", "王", "王芳", "138", "1380", "3号楼"]
    {
        let (ms, hits): (f64, f64) = butler.js(KEYSTROKE_JS, vec![json!(query)]).await?;
        worst = worst.max(ms);
        println!("  keystroke {query:<8} {ms:>7.1} ms  {hits} hits");
    }
    println!("search: slowest keystroke {worst:.1} ms over {} units", held.0);
    butler.close().await;
    Ok(())
}

/// Polls until the request list has rows (usable) and the badge says synced (stored).
async fn first_sync(b: &Browser, from: Instant) -> TestResult<(Duration, Duration)> {
    let mut listed = None;
    loop {
        if listed.is_none() && !b.request_rows().await?.is_empty() {
            listed = Some(from.elapsed());
        }
        if b.badge().await?.is_some_and(|x| x.is_synced()) {
            let synced = from.elapsed();
            return Ok((listed.unwrap_or(synced), synced));
        }
        if from.elapsed() > Duration::from_secs(900) {
            return e2e::fail("no first sync within 15 minutes");
        }
        tokio::time::sleep(Duration::from_millis(50)).await; // polling interval
    }
}

/// Moves buildings of other areas into butler1's until it holds `target` units; returns the
/// units, records and field changes butler1's replica then holds.
async fn grow_area(server: &Server, target: u32) -> TestResult<(usize, usize, usize)> {
    let mut office = ApiDevice::login(server, "office", "bench-office").await?;
    let all = office.pull_all().await?;
    let text = |c: &Value, k: &str| c[k].as_str().unwrap_or_default().to_owned();
    let mut area_of_building = HashMap::new();
    let mut units_of_building: BTreeMap<String, u32> = BTreeMap::new();
    let mut butler_area = None;
    let mut staff_area = HashMap::new();
    let mut staff_name = HashMap::new();
    for c in &all {
        match (c["kind"].as_str(), c["field"].as_str()) {
            (Some("building"), Some("area")) => {
                area_of_building.insert(text(c, "id"), text(c, "value"));
            }
            (Some("unit"), Some("building")) => {
                *units_of_building.entry(text(c, "value")).or_default() += 1;
            }
            (Some("staff"), Some("area")) => {
                staff_area.insert(text(c, "id"), text(c, "value"));
            }
            (Some("staff"), Some("username")) => {
                staff_name.insert(text(c, "value"), text(c, "id"));
            }
            _ => {}
        }
    }
    if let Some(id) = staff_name.get("butler1") {
        butler_area = staff_area.get(id).cloned();
    }
    let Some(area) = butler_area else { return e2e::fail("butler1 has no area") };
    let mut held: u32 = units_of_building
        .iter()
        .filter(|(b, _)| area_of_building.get(*b) == Some(&area))
        .map(|(_, n)| n)
        .sum();
    for (building, n) in &units_of_building {
        if held >= target {
            break;
        }
        if area_of_building.get(building) != Some(&area) {
            office.set("building", building, "area", json!(area), e2e::unique_suffix()).await?;
            held += n;
        }
    }
    progress(format_args!("butler1's area now has {held} units"));
    let butler = ApiDevice::login(server, "butler1", "bench-count").await?;
    let changes = butler.pull_all().await?;
    let mut records: Vec<(String, String)> =
        changes.iter().map(|c| (text(c, "kind"), text(c, "id"))).collect();
    records.sort();
    records.dedup();
    let units = records.iter().filter(|(k, _)| k == "unit").count();
    Ok((units, records.len(), changes.len()))
}
