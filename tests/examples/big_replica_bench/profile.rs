//! Where a stage's time goes, from Chromium itself through CDP: the renderer's busy time split
//! into script, layout and style (`Performance.getMetrics`, always), and with
//! `BENCH_PROFILE=1` the functions that took the most CPU (`Profiler`, sampling every ms;
//! first sync, cold start and each search's keystrokes), so a figure over its target points at the code to look at. Both are plain CDP commands
//! answered in their reply, which is all chromedriver's `goog/cdp/execute` passes on.

use e2e::{Browser, TestResult};
use serde_json::{json, Value};
use std::collections::HashMap;

/// The renderer's cumulative counters (`Performance.enable` first): seconds of tasks,
/// script, layout and style, and the rest by name.
pub async fn metrics(b: &Browser) -> HashMap<String, f64> {
    let _ = b.cdp("Performance.enable", json!({})).await;
    let reply = b.cdp("Performance.getMetrics", json!({})).await.unwrap_or_default();
    let list = reply["metrics"].as_array().cloned().unwrap_or_default();
    list.iter()
        .filter_map(|m| Some((m["name"].as_str()?.to_owned(), m["value"].as_f64()?)))
        .collect()
}

/// What the renderer was busy with between two readings of [`metrics`] (counted from zero
/// when a new renderer process started in between).
pub fn busy(before: &HashMap<String, f64>, after: &HashMap<String, f64>) -> String {
    let task = |m: &HashMap<String, f64>| m.get("TaskDuration").copied().unwrap_or(0.0);
    let none = HashMap::new();
    let before = if task(after) < task(before) { &none } else { before };
    let d = |k: &str| after.get(k).copied().unwrap_or(0.0) - before.get(k).copied().unwrap_or(0.0);
    format!(
        "main thread busy {:.1} s: script {:.1} s, layout {:.1} s, style {:.1} s ({} layouts)",
        d("TaskDuration"),
        d("ScriptDuration"),
        d("LayoutDuration"),
        d("RecalcStyleDuration"),
        d("LayoutCount")
    )
}

/// [`busy`] in milliseconds, for a short stage such as one keystroke and the quiet after it.
pub fn busy_ms(before: &HashMap<String, f64>, after: &HashMap<String, f64>) -> String {
    let d = |k: &str| {
        1000.0 * (after.get(k).copied().unwrap_or(0.0) - before.get(k).copied().unwrap_or(0.0))
    };
    format!(
        "busy {:.0} ms: script {:.0}, layout {:.0}, style {:.0}",
        d("TaskDuration"),
        d("ScriptDuration"),
        d("LayoutDuration"),
        d("RecalcStyleDuration")
    )
}

/// Whether the sampling profiler is wanted (`BENCH_PROFILE=1`): it slows the page a little.
pub fn wanted() -> bool {
    std::env::var("BENCH_PROFILE").is_ok_and(|v| v == "1")
}

/// Starts the sampling profiler (every 1 ms).
pub async fn start(b: &Browser) -> TestResult {
    b.cdp("Profiler.enable", json!({})).await?;
    b.cdp("Profiler.setSamplingInterval", json!({ "interval": 1000 })).await?;
    b.cdp("Profiler.start", json!({})).await?;
    Ok(())
}

/// Stops the profiler and lists the `top` functions by self time and by total time (self
/// plus callees): ms, share, name, script and line (WebAssembly functions are named as the
/// module's name section allows). Self time says which leaf is hot; total time says which
/// step of the app's own code the time belongs to.
pub async fn stop(b: &Browser, top: usize) -> TestResult<String> {
    let reply = b.cdp("Profiler.stop", json!({})).await?;
    let _ = b.cdp("Profiler.disable", json!({})).await;
    let profile = &reply["profile"];
    Ok(format!("{}\n{}", self_times(profile, top), total_times(profile, top)))
}

/// Each node's function name with its script and line, by node id.
fn frames(nodes: &[Value]) -> HashMap<u64, String> {
    nodes
        .iter()
        .filter_map(|n| {
            let f = &n["callFrame"];
            let name =
                f["functionName"].as_str().filter(|s| !s.is_empty()).unwrap_or("(anonymous)");
            let url = f["url"].as_str().unwrap_or_default();
            let file = url.rsplit('/').next().unwrap_or_default();
            let at = if file.is_empty() {
                String::new()
            } else {
                format!("  {file}:{}", f["lineNumber"].as_i64().unwrap_or(0) + 1)
            };
            Some((n["id"].as_u64()?, format!("{name}{at}")))
        })
        .collect()
}

/// Total time per function: each sample's delta is charged once to every distinct function
/// on its stack (a recursive function counts once), idle and the profiler's own root left out.
fn total_times(profile: &Value, top: usize) -> String {
    let empty = Vec::new();
    let nodes = profile["nodes"].as_array().unwrap_or(&empty);
    let frame = frames(nodes);
    let mut parent: HashMap<u64, u64> = HashMap::new();
    for n in nodes {
        let Some(id) = n["id"].as_u64() else { continue };
        for c in n["children"].as_array().unwrap_or(&empty) {
            if let Some(c) = c.as_u64() {
                parent.insert(c, id);
            }
        }
    }
    let samples = profile["samples"].as_array().unwrap_or(&empty);
    let deltas = profile["timeDeltas"].as_array().unwrap_or(&empty);
    let mut by: HashMap<&str, f64> = HashMap::new();
    let mut busy = 0.0;
    for (s, d) in samples.iter().zip(deltas.iter()) {
        let (Some(id), Some(us)) = (s.as_u64(), d.as_f64()) else { continue };
        if frame.get(&id).is_some_and(|n| n == "(idle)" || n == "(program)") {
            continue;
        }
        busy += us / 1000.0;
        let mut seen: Vec<&str> = Vec::new();
        let mut at = Some(id);
        while let Some(node) = at {
            if let Some(name) = frame.get(&node).map(String::as_str) {
                if name != "(root)" && !seen.contains(&name) {
                    seen.push(name);
                    *by.entry(name).or_default() += us / 1000.0;
                }
            }
            at = parent.get(&node).copied();
        }
    }
    let mut list: Vec<(&str, f64)> = by.into_iter().collect();
    list.sort_by(|a, b| b.1.total_cmp(&a.1));
    let line = |(name, ms): &(&str, f64)| {
        let share = 100.0 * ms / busy.max(1.0);
        format!("  {ms:>9.0} ms {share:>5.1} %  {name}\n")
    };
    let mut out = format!("  by total time, of {:.1} s in script:\n", busy / 1000.0);
    out.extend(list.iter().take(2 * top).map(line));
    // The framework's frames (futures, the reactive graph) sit above the app's own code in
    // every stack: the app's and the shared crate's functions alone say which step it is.
    out.push_str("  the app's own functions by total time:\n");
    let own = |(name, _): &&(&str, f64)| {
        let name = name.trim_start_matches('<');
        name.starts_with("app::") || name.starts_with("shared::")
    };
    out.extend(list.iter().filter(own).take(2 * top).map(line));
    out.trim_end().to_owned()
}

/// Self time per function of a CDP `Profiler.Profile`: each sample's time delta is charged
/// to the node it landed in.
fn self_times(profile: &Value, top: usize) -> String {
    let empty = Vec::new();
    let nodes = profile["nodes"].as_array().unwrap_or(&empty);
    let frame = frames(nodes);
    let samples = profile["samples"].as_array().unwrap_or(&empty);
    let deltas = profile["timeDeltas"].as_array().unwrap_or(&empty);
    let mut by: HashMap<&str, f64> = HashMap::new();
    // A delta is the time before its sample: charge it to the sample after it.
    for (s, d) in samples.iter().zip(deltas.iter()) {
        let (Some(id), Some(us)) = (s.as_u64(), d.as_f64()) else { continue };
        if let Some(name) = frame.get(&id) {
            *by.entry(name).or_default() += us / 1000.0;
        }
    }
    let total: f64 = by.values().sum();
    let mut list: Vec<(&str, f64)> = by.into_iter().collect();
    list.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut out = format!("  profile: {:.1} s sampled; by self time:\n", total / 1000.0);
    for (name, ms) in list.into_iter().take(top) {
        let share = 100.0 * ms / total.max(1.0);
        out.push_str(&format!("  {ms:>9.0} ms {share:>5.1} %  {name}\n"));
    }
    out.trim_end().to_owned()
}
