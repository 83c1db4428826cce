//! How fast `GET /api/v1/reports/kpis?period=month` answers the office on a year of history
//! (issue 22, point 6: ≤ 200 ms warm): seeds `guanjia demo --units 10000 --requests 20000`
//! into a fresh SQLite file with the real binary, starts `guanjia serve` on it, signs in as
//! the office and times the first answer (cold: the scoped replica is read from the
//! database) and the median of the next 20 (warm: kept and up to date). Prints both with the
//! record counts and the server's memory; never judges them.
//!
//! `cargo build -p server --bin guanjia && cargo run -p server --example report_endpoint_bench`
//! (the binary is taken from next to the example, `target/<profile>/guanjia`, or from
//! `GUANJIA_BIN`). `-- --units N --requests M` for another size; `GUANJIA_BENCH_DB=file`
//! keeps the seeded database for the next run (the demo is not seeded twice).

use serde_json::{json, Value};
use sqlx::{AnyConnection, Connection, Row};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Warm answers timed after the first.
const WARM: usize = 20;

#[path = "support/binary.rs"]
mod binary;
use binary::binary;

/// The value after `--name` on the command line, or `default`.
fn flag(name: &str, default: u32) -> u32 {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|a| a == name);
    at.and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Kills the server when the bench ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    /// Resident memory now and at its peak, in MB (`/proc/<pid>/status`).
    fn rss_mb(&self) -> (f64, f64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.0.id())).unwrap_or_default();
        let kb = |key: &str| {
            let line = status.lines().find_map(|l| l.strip_prefix(key));
            line.and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        };
        (kb("VmRSS:").unwrap_or(0.0) / 1024.0, kb("VmHWM:").unwrap_or(0.0) / 1024.0)
    }
}

/// How many live records of each kind the report reads the demo holds.
async fn counts(database_url: &str) -> Vec<(String, i64)> {
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(database_url).await.expect("open the bench database");
    let sql = "SELECT kind, COUNT(DISTINCT record_id) AS n FROM fields GROUP BY kind ORDER BY kind";
    let rows = sqlx::query(sql).fetch_all(&mut conn).await.expect("count records");
    rows.iter().map(|r| (r.get("kind"), r.get("n"))).collect()
}

/// One timed answer: its time in ms and its body.
async fn ask(http: &reqwest::Client, url: &str, token: &str) -> (f64, Value) {
    let start = Instant::now();
    let r = http.get(url).bearer_auth(token).send().await.expect("report request");
    assert!(r.status().is_success(), "report: {}", r.status());
    let body: Value = r.json().await.expect("report body");
    (start.elapsed().as_secs_f64() * 1000.0, body)
}

#[tokio::main]
async fn main() {
    let (units, requests) = (flag("--units", 10_000), flag("--requests", 20_000));
    let dir = tempfile::tempdir().expect("temp dir");
    // `GUANJIA_BENCH_DB=path`: seed that file once and keep it for the next runs.
    let file = std::env::var("GUANJIA_BENCH_DB")
        .map_or_else(|_| dir.path().join("bench.db"), PathBuf::from);
    let database_url = format!("sqlite://{}", file.display());
    let seeding = Instant::now();
    let status = Command::new(binary())
        .args(["demo", "--units", &units.to_string(), "--requests", &requests.to_string()])
        .args(["--database-url", &database_url])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .status()
        .expect("run guanjia demo (build it: cargo build -p server --bin guanjia)");
    assert!(status.success(), "guanjia demo failed");
    eprintln!("demo seeded in {:.0} s", seeding.elapsed().as_secs_f64());

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let child = Command::new(binary())
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .args(["--database-url", &database_url, "--dist", "/nonexistent"])
        .env("RUST_LOG", "warn,server::reports=info")
        .stdin(Stdio::null())
        .spawn()
        .expect("start guanjia serve");
    let server = Server(child);
    let http = reqwest::Client::new();
    let started = Instant::now();
    while !http
        .get(format!("{base}/api/v1/health"))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(started.elapsed() < Duration::from_secs(300), "the server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await; // polling interval
    }
    let login = json!({"username": "office", "password": server::demo::DEMO_PASSWORD});
    let r =
        http.post(format!("{base}/api/v1/auth/login")).json(&login).send().await.expect("login");
    let token =
        r.json::<Value>().await.expect("login body")["token"].as_str().expect("token").to_owned();

    let url = format!("{base}/api/v1/reports/kpis?period=month");
    let (cold, body) = ask(&http, &url, &token).await;
    let mut warm = Vec::with_capacity(WARM);
    for _ in 0..WARM {
        warm.push(ask(&http, &url, &token).await.0);
    }
    warm.sort_by(f64::total_cmp);
    let (rss, peak) = server.rss_mb();
    drop(server);

    println!("\nGET /api/v1/reports/kpis?period=month as the office, `guanjia demo --units {units} --requests {requests}` (SQLite)");
    println!("| records | count |\n|---|---|");
    for (kind, n) in counts(&database_url).await {
        println!("| {kind} | {n} |");
    }
    let figures = body["figures"].as_array().map_or(0, Vec::len);
    let dens: Vec<String> = body["figures"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| format!("{}={}/{}", f["kpi"].as_str().unwrap_or("?"), f["num"], f["den"]))
        .collect();
    println!("\n{figures} figures this month: {}", dens.join(" "));
    println!("cold (first answer, replica read from the database): {cold:.0} ms");
    println!(
        "warm (median of {WARM}): {:.1} ms (min {:.1}, max {:.1})",
        warm[WARM / 2],
        warm[0],
        warm[WARM - 1]
    );
    println!("server memory after: {rss:.0} MB resident, {peak:.0} MB peak");
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average: {}", load.trim());
}
