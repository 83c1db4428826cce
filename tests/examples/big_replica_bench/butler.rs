//! The butler's tablet (issue 26, "A real tablet's CPU"): butler1 on an 800×1280 window, whose
//! area holds AREA_UNITS units, measured by the same [`measure`] as the office — first sync
//! stored, cold start, opening a record, each keystroke of the request search and of the
//! register search — once with Chromium's CPU unthrottled and once throttled 4× (a mid-range
//! tablet), each in a fresh browser profile against the same server. Prints one table:
//! figure, 1×, 4×, the target. Prints figures, never judges them.

use super::{measure, ms, Figures, Run};
use e2e::{progress, ApiDevice, Browser, ChromeDriver, DemoSeed, Server, TestResult};
use std::fmt::Write as _;
use std::time::Duration;

/// A mid-range tablet's CPU, as a slowdown of this machine's.
const RATES: [f64; 2] = [1.0, 4.0];
/// The tablet's window.
const TABLET: (u32, u32) = (800, 1280);

/// `--butler AREA_UNITS [--requests R]`.
#[derive(Debug, Clone, Copy)]
pub struct Args {
    area_units: u32,
    requests: Option<u32>,
}

impl Args {
    /// The butler mode's arguments, or `None` when `--butler` is not given (the office mode).
    pub fn parse(args: &[String]) -> TestResult<Option<Args>> {
        let value = |flag: &str| -> TestResult<Option<u32>> {
            match args.iter().position(|a| a == flag) {
                None => Ok(None),
                Some(i) => match args.get(i + 1).and_then(|v| v.parse().ok()) {
                    Some(n) => Ok(Some(n)),
                    None => e2e::fail(format!("{flag} needs a number")),
                },
            }
        };
        let Some(area_units) = value("--butler")? else { return Ok(None) };
        Ok(Some(Args { area_units, requests: value("--requests")? }))
    }
}

/// Seeds the demo, counts butler1's scope, measures at each of [`RATES`] and prints the table.
pub async fn run(args: Args, limit: Duration) -> TestResult {
    // Units are spread evenly over the areas: area 0 (butler1's) holds a third of them.
    let demo = DemoSeed { units: 3 * args.area_units, areas: Some(3), requests: args.requests };
    let requests = args
        .requests
        .map_or("the demo's open requests".into(), |r| format!("{r} requests, a year of them"));
    println!("== butler1's tablet: demo of {} units in 3 areas and {requests}", demo.units);
    let server = Server::start_with_demo(Some(demo)).await?;
    let device = ApiDevice::login(&server, "butler1", "bench-count").await?;
    // The server alone: the same pages the tablet's first sync asks for, one after the
    // other, parsed by this process, not a browser. The first sync cannot be faster.
    let began = std::time::Instant::now();
    let (kinds, changes) = device.scope_size().await?;
    let pages = changes.div_ceil(5000);
    println!(
        "server alone: butler1's whole replica in {pages} pages of 5000 in {:.1} s",
        began.elapsed().as_secs_f64()
    );
    let units = kinds.get("unit").copied().unwrap_or(0);
    let requests = kinds.get("request").copied().unwrap_or(0);
    let records: usize = kinds.values().sum();
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    println!(
        "butler1's area: {units} units; replica {records} records, {changes} field changes ({})",
        kinds.join(", ")
    );

    let mut all = Vec::new();
    for rate in RATES {
        println!("\n-- CPU throttled {rate}×");
        let mut f =
            Figures { target: args.area_units, records, changes, requests, ..Figures::default() };
        let run =
            Run { user: "butler1", window: TABLET, rate, home_is_list: false, register: true };
        let driver = ChromeDriver::start().await?;
        let tablet = Browser::open(&driver, "butler1", &server.url()).await?;
        if let Err(e) = measure(&tablet, &driver, limit, &mut f, run).await {
            println!("{rate}×: stopped: {e}");
        }
        tablet.close().await;
        progress(format_args!("{rate}× done"));
        all.push((rate, f));
    }
    println!("\nbutler1's tablet, {units} units, {records} records:");
    println!("{}", table(&all));
    Ok(())
}

/// One line per figure: its value at each rate, and the target ("—": none, printed
/// to explain the others).
fn table(all: &[(f64, Figures)]) -> String {
    type Cell = fn(&Figures) -> String;
    let rows: [(&str, Cell, &str); 13] = [
        ("first sync: whole replica stored", |f| secs(f.synced_ms), "≤ 10 s"),
        ("first sync: longest task", |f| ms(f.longest_ms), "—"),
        ("cold start: list shows rows, from the reload", |f| ms(f.cold_ms), "≤ 1.5 s"),
        ("cold start: list shows rows, from the app's start", |f| ms(f.cold_app_ms), "—"),
        ("cold start: whole replica in memory, from the reload", |f| ms(f.cold_whole_ms), "—"),
        ("open a request (slowest of 3)", |f| ms(f.open_ms), "—"),
        ("request search: worst keystroke", |f| ms(f.search_worst_ms), "≤ 100 ms"),
        ("request search: median keystroke", |f| ms(f.search_median_ms), "—"),
        ("register search: worst keystroke", |f| ms(f.register_worst_ms), "≤ 100 ms"),
        ("register search: median keystroke", |f| ms(f.register_median_ms), "—"),
        ("CPU check: fixed loop, first script of the cold start", |f| ms(f.calib_start_ms), "—"),
        ("CPU check: fixed loop, end of the run", |f| ms(f.calib_end_ms), "—"),
        ("memory: renderer RSS / wasm", |f| format!("{} / {}", mb(f.rss_mb), mb(f.wasm_mb)), "—"),
    ];
    let mut out = String::new();
    let head: Vec<String> = all.iter().map(|(r, _)| format!("{:>15}", format!("{r}×"))).collect();
    let _ = writeln!(out, "{:<54} | {} | target", "figure", head.join(" | "));
    for (name, cell, target) in rows {
        let cells: Vec<String> = all.iter().map(|(_, f)| format!("{:>15}", cell(f))).collect();
        let _ = writeln!(out, "{name:<54} | {} | {target}", cells.join(" | "));
    }
    out.trim_end().to_owned()
}

fn secs(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{:.1} s", v / 1000.0))
}

fn mb(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{v:.0} MB"))
}
