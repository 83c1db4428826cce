//! Load benchmark of the server's ingest (issue 11, "Server ingest fast and fair"): starts the
//! real `guanjia` binary on the demo site, on SQLite and (when `GUANJIA_BENCH_PG_URL` names a
//! PostgreSQL server) on PostgreSQL, and measures as devices would, over HTTP:
//!
//! - 1, 8 and 200 concurrent replicas, each with its own replica id and a logged-in session,
//!   pushing 100-change batches one after another (half new requests, each in a demo unit,
//!   half edits: of their own earlier requests and of the demo's requests, which every
//!   replica edits — so some edits are concurrent on the same fields): field changes/s, push p50/p99, and fairness —
//!   how many other batches were acknowledged while one waited, at most, in rounds of the
//!   other replicas (1.0 = each other replica once, what a FIFO queue gives);
//! - bytes on disk per stored change, and the server's resident memory (now and peak);
//! - empty pull and one-change pull latency once the log holds 1M changes. The log is grown
//!   to that size by copying the rows the pushes wrote (SQL `INSERT … SELECT` with shifted
//!   positions, directly into the database), which is what a pull reads.
//!
//! `cargo run --release -p server --example ingest_bench` (full), or `-- --quick` (small
//! counts, a minute). `cargo build --release -p server --bin guanjia` first: the binary is
//! taken from next to the example (`target/release/guanjia`) or from `GUANJIA_BIN`.
//! Prints figures, never judges them: the targets live in the issue and the README.

mod load;
mod server_proc;

use load::{Figures, Phase};
use server_proc::ServerProc;
use std::fmt::Write as _;

/// Sizes of one run.
struct Mode {
    /// (replicas, batches each).
    phases: &'static [(usize, u64)],
    /// Log rows to reach before measuring pulls.
    log_rows: i64,
}

const FULL: Mode = Mode { phases: &[(1, 60), (8, 25), (200, 5)], log_rows: 1_000_000 };
const QUICK: Mode = Mode { phases: &[(1, 10), (8, 5), (40, 2)], log_rows: 50_000 };

#[tokio::main]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let mode = if quick { QUICK } else { FULL };
    let mut backends = vec![("SQLite", None)];
    match std::env::var("GUANJIA_BENCH_PG_URL") {
        Ok(url) => backends.push(("PostgreSQL", Some(url))),
        Err(_) => eprintln!("GUANJIA_BENCH_PG_URL not set: SQLite only"),
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut results: Vec<(&str, Figures)> = Vec::new();
    for (name, pg) in backends {
        eprintln!("== {name}");
        let server = ServerProc::start(pg.as_deref()).await;
        let figures = load::run(&server, mode.phases, mode.log_rows).await;
        server.stop().await;
        results.push((name, figures));
    }
    println!("{}", table(&results));
    println!("load average at start: {}", load.trim());
    let end = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average at end:   {}", end.trim());
}

/// The figures side by side, one column per backend.
fn table(results: &[(&str, Figures)]) -> String {
    let mut out = String::new();
    let _ = write!(out, "\n| figure |");
    for (name, _) in results {
        let _ = write!(out, " {name} |");
    }
    let _ = write!(out, "\n|---|");
    for _ in results {
        let _ = write!(out, "---|");
    }
    let mut row = |label: String, cell: &dyn Fn(&Figures) -> String| {
        let _ = write!(out, "\n| {label} |");
        for (_, f) in results {
            let _ = write!(out, " {} |", cell(f));
        }
    };
    let phases = results.first().map(|(_, f)| f.phases.len()).unwrap_or(0);
    for i in 0..phases {
        let p = |f: &Figures| -> Phase { f.phases[i].clone() };
        let n = results[0].1.phases[i].replicas;
        row(format!("{n} replicas: field changes/s"), &|f| format!("{:.0}", p(f).per_sec));
        row(format!("{n} replicas: push p50 / p99 ms"), &|f| {
            format!("{:.0} / {:.0}", p(f).p50_ms, p(f).p99_ms)
        });
        row(format!("{n} replicas: max wait (others' batches, rounds)"), &|f| {
            format!("{} ({:.2})", p(f).max_overtaken, p(f).rounds)
        });
        row(format!("{n} replicas: failed pushes (resent)"), &|f| p(f).failed.to_string());
    }
    row("refused changes (all phases)".into(), &|f| f.refused.to_string());
    row("bytes on disk per stored change".into(), &|f| format!("{:.0}", f.bytes_per_change));
    row("log rows at pull time".into(), &|f| f.log_rows.to_string());
    row("empty pull p50 / p99 ms".into(), &|f| {
        format!("{:.1} / {:.1}", f.empty_pull.0, f.empty_pull.1)
    });
    row("one-change pull p50 / p99 ms".into(), &|f| {
        format!("{:.1} / {:.1}", f.one_pull.0, f.one_pull.1)
    });
    row("server RSS now / peak MB".into(), &|f| format!("{:.0} / {:.0}", f.rss_mb, f.peak_mb));
    out
}
