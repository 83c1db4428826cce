//! Issue 22 point 8 (first half): the office reads the site's satisfaction figure for the
//! month on `/reports`; a butler, offline, records a call-back that reached the resident and
//! heard 不满意 on a done request; once the butler is back online and synced, the office's
//! figure has one more call-back in its denominator and none more in its numerator, and the
//! request is among the records behind the denominator.
//!
//! Point 5's end-to-end half: before and after, every figure of the office's KPI table
//! (this month and the month before, computed in the browser from its replica) equals what
//! `GET /api/v1/reports/kpis` answers the office for the same month and zone on the demo
//! with a year of history.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::api::ApiDevice;
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, unique_suffix, wait_value, Browser, DemoSeed, Server, TestResult};
use serde_json::Value;
use std::sync::Mutex;

/// The classifier's default topic 给排水 (plumbing, routed to engineering) and its problem
/// 漏水 (leak): `shared::request::classifier::default_id(100)` and `(101)`.
const PLUMBING: &str = "00000000-0000-5000-8001-000000000064";
const LEAK: &str = "00000000-0000-5000-8001-000000000065";

/// The demo site of `guanjia serve --demo` with a year of history behind it (as
/// `scripts/run.sh` seeds it, fewer requests): every figure has months to count.
const SITE: DemoSeed = DemoSeed { units: 432, areas: None, requests: Some(1200) };

/// The month's satisfaction cell of the KPI table (`pages/reports.rs`).
const CELL: &str = "#kpi-table td.kpi-cell[data-kpi=\"satisfaction\"]";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn office_satisfaction_after_offline_callback() {
    let server = Server::start_with_demo(Some(SITE)).await;
    e2e::scenario::with_browsers(server, &["butler1", "office"], |server, b| {
        Box::pin(scenario(server, &b[0], &b[1]))
    })
    .await;
}

/// The cell's numerator, denominator and value in tenths of a per cent (empty: none).
async fn satisfaction(office: &Browser) -> TestResult<Option<(u64, u64, String)>> {
    let num = office.attr_of(CELL, "data-num").await?;
    let den = office.attr_of(CELL, "data-den").await?;
    let permille = office.attr_of(CELL, "data-permille").await?.unwrap_or_default();
    Ok(match (num.and_then(|n| n.parse().ok()), den.and_then(|d| d.parse().ok())) {
        (Some(n), Some(d)) => Some((n, d, permille)),
        _ => None,
    })
}

/// What the office's KPI table shows: the period's start, the browser's zone (minutes ahead
/// of UTC) and per figure `kpi num/den (previous num/den)`, one line each.
const SCREEN: &str = r#"
const t = document.querySelector('#kpi-table');
if (!t) return null;
const rows = Array.from(t.querySelectorAll('tr.kpi-row')).map(r => {
  const c = r.querySelector('td.kpi-cell');
  const p = r.querySelector('.kpi-prev-counts');
  return `${c.dataset.kpi} ${c.dataset.num}/${c.dataset.den} (${p ? p.textContent.trim().replace(/[()]/g, '') : '-'})`;
});
return [Number(t.dataset.start), -new Date().getTimezoneOffset(), rows.join('\n')];
"#;

/// The same lines from the endpoint's answer.
fn endpoint_lines(report: &Value) -> String {
    let counts = |f: &Value| format!("{}/{}", f["num"], f["den"]);
    let empty = Vec::new();
    let figures = report["figures"].as_array().unwrap_or(&empty);
    let previous = report["previous"].as_array().unwrap_or(&empty);
    figures
        .iter()
        .map(|f| {
            let kpi = f["kpi"].as_str().unwrap_or_default();
            let prev = previous.iter().find(|p| p["kpi"] == f["kpi"]).map(counts);
            format!("{kpi} {} ({})", counts(f), prev.unwrap_or_else(|| "-".into()))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Waits until the office's table and the endpoint agree on every figure of the shown month
/// (both judge "answered" as of their own now, so a deadline passing between the two reads
/// may need a second look); prints how many figures were compared.
async fn screen_matches_endpoint(api: &ApiDevice, office: &Browser) -> TestResult {
    let what = "office: the KPI table equals GET /api/v1/reports/kpis for the same month";
    let last = Mutex::new((String::new(), String::new()));
    let agreed = wait_value(what, UI_TIMEOUT, || {
        let last = &last;
        async move {
            let Some((start, tz, screen)) =
                office.js::<Option<(i64, i64, String)>>(SCREEN, vec![]).await?
            else {
                return Ok(None);
            };
            let path = format!("/api/v1/reports/kpis?period=month&at={start}&tz={tz}");
            let served = endpoint_lines(&api.get_json(&path).await?);
            *last.lock().unwrap_or_else(|e| e.into_inner()) = (screen.clone(), served.clone());
            Ok((!screen.is_empty() && screen == served).then_some(screen))
        }
    })
    .await;
    if agreed.is_err() {
        let (screen, served) = &*last.lock().unwrap_or_else(|e| e.into_inner());
        return fail(format!("{what}\n-- screen --\n{screen}\n-- endpoint --\n{served}"));
    }
    let lines = agreed?;
    let lines: Vec<&str> = lines.lines().collect();
    progress(format_args!(
        "office screen = endpoint on {} figures: {}",
        lines.len(),
        lines.join("; ")
    ));
    Ok(())
}

/// Opens the reports in-app, chooses the month, and reads the satisfaction figure.
async fn month_figure(office: &Browser) -> TestResult<(u64, u64, String)> {
    office.click("a#nav-reports").await?;
    office.click("#period-picker button.period-kind[data-kind=\"month\"]").await?;
    let what = "office: #kpi-table shows the month's satisfaction";
    let shown = wait_value(what, UI_TIMEOUT, || async {
        let month = office.attr_of("#kpi-table", "data-kind").await?.as_deref() == Some("month");
        Ok(if month { satisfaction(office).await? } else { None })
    })
    .await;
    office.explain(shown).await
}

async fn scenario(server: &mut Server, butler: &Browser, office: &Browser) -> TestResult {
    tokio::try_join!(login_and_sync(butler, "butler1"), login_and_sync(office, "office"))?;
    let units = butler.open_new_request_form().await?;
    let description = format!("E2E 报表回访 {}", unique_suffix());
    butler.select("#req-type", "repair").await?;
    butler.set_value("#req-topic", PLUMBING).await?;
    butler.set_value("#req-problem", LEAK).await?;
    let id = butler.create_request(&units[0], &description, "13900002222").await?;
    butler.dispatch_as_routed().await?;
    butler.move_to("in_progress").await?;
    butler.move_to("done").await?;
    butler.wait_synced().await?;

    let (num0, den0, before) = month_figure(office).await?;
    progress(format_args!("office: satisfaction this month {num0}/{den0} ({before} ‰)"));
    let api = ApiDevice::login(server, "office", "e2e-report-reader").await?;
    screen_matches_endpoint(&api, office).await?;

    server.kill()?;
    butler.call_back("dissatisfied", "还是坏的", "reopened").await?;
    server.restart().await?;
    butler.wait_synced().await?;

    let what = format!("office: the month's satisfaction becomes {num0}/{}", den0 + 1);
    let after = wait_value(&what, SYNC_TIMEOUT, || async {
        Ok(satisfaction(office).await?.filter(|(n, d, _)| (*n, *d) == (num0, den0 + 1)))
    })
    .await;
    let (num, den, permille) = office.explain(after).await?;
    let expected = (num * 2000 + den) / (2 * den);
    if permille != expected.to_string() {
        return fail(format!("office: {num}/{den} shows {permille} ‰, not {expected}"));
    }
    progress(format_args!("office: satisfaction now {num}/{den} ({permille} ‰)"));
    screen_matches_endpoint(&api, office).await?;

    office.click(&format!("{CELL} button.kpi-den")).await?;
    let row = format!(
        "#drill[data-kpi=\"satisfaction\"][data-side=\"den\"] li.drill-row[data-id=\"{id}\"] a"
    );
    let listed =
        wait_value("office: the request is behind the denominator", UI_TIMEOUT, || async {
            Ok(office.text_of(&row).await?.filter(|t| t.contains(&description)))
        })
        .await;
    office.explain(listed).await?;
    Ok(())
}
