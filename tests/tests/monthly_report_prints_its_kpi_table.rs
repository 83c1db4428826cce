//! The monthly service-quality report prints on A4 with its KPI table (issue 22 point 8,
//! second half): the office opens it from My day, reads the KPI table on screen, and
//! Chromium prints the page to PDF (`Page.printToPDF`, the print stylesheet's `@page`).
//! Under print media the table is shown and the header, navigation and buttons are not;
//! the PDF's pages are A4, and its text (read back through the fonts' `ToUnicode` maps,
//! `e2e::pdf`) holds every figure's name and the value shown on screen, and the remarks the
//! office submitted (a `report_note` the server accepted), and none of the app's chrome.

use e2e::actions::UI_TIMEOUT;
use e2e::pdf::{holds, print_pdf, Pdf};
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, wait_until, wait_value, Browser};
use e2e::{Server, TestResult};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn monthly_report_prints_its_kpi_table() {
    e2e::scenario::with_browsers(Server::start().await, &["office"], |_, b| {
        Box::pin(scenario(&b[0]))
    })
    .await;
}

/// The remarks the office submits.
const REMARKS: &str = "投诉回复未达标，已要求当日回复";

/// The KPI table's rows as shown (cell texts), or null before it is drawn.
const KPI_JS: &str = "const t = document.querySelector('table#kpi-table');
if (!t) return null;
return Array.from(t.querySelectorAll('tbody tr')).map(r =>
  Array.from(r.querySelectorAll('td')).map(c => (c.innerText || c.textContent).trim()));";

/// What print media shows: the table's height, and which chrome is still drawn.
const PRINT_JS: &str = "const shown = s => Array.from(document.querySelectorAll(s))
  .filter(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).length;
const t = document.querySelector('table#kpi-table');
const cell = t && t.querySelector('tbody td');
return { table: t ? t.getBoundingClientRect().height : 0, header: shown('header'),
  nav: shown('nav'), buttons: shown('button'),
  color: cell ? getComputedStyle(cell).color : '',
  background: getComputedStyle(document.body).backgroundColor };";

#[derive(Debug, serde::Deserialize)]
struct Printed {
    table: f64,
    header: usize,
    nav: usize,
    buttons: usize,
    color: String,
    background: String,
}

async fn scenario(office: &Browser) -> TestResult {
    office.client().set_window_size(1440, 900).await?;
    login_and_sync(office, "office").await?;
    office.click("a#nav-day").await?;
    office.click("a#link-report-monthly").await?;
    let rows: Vec<Vec<String>> = wait_value("the KPI table is drawn", UI_TIMEOUT, || async {
        let rows: Option<Vec<Vec<String>>> = office.js(KPI_JS, vec![]).await?;
        Ok(rows.filter(|r| r.len() >= 9))
    })
    .await?;
    progress(format_args!("the monthly report shows {} figures", rows.len()));
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    for want in ["满意率", "投诉回复率", "重复投诉率", "维修回访率"] {
        if !names.contains(&want) {
            return fail(format!("{want} is not in the KPI table: {names:?}"));
        }
    }

    // The office writes and submits the remarks: kept as a record the server accepts, and
    // printed with the report.
    office.type_into("#note-remarks", REMARKS).await?;
    office.click("#note-submit").await?;
    wait_until("the remarks are submitted", UI_TIMEOUT, || async {
        Ok(office.attr_of("#report-note", "data-submitted").await?.as_deref() == Some("true"))
    })
    .await?;
    office.wait_synced().await?;
    if office.text_of(".notices").await?.is_some_and(|t| !t.trim().is_empty()) {
        return fail("the server refused the remarks");
    }

    office.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" })).await?;
    let p: Printed = office.js(PRINT_JS, vec![]).await?;
    progress(format_args!("under print media: {p:?}"));
    if p.table <= 0.0 {
        return fail("the KPI table is not drawn under print media");
    }
    if p.header + p.nav + p.buttons > 0 {
        return fail(format!("print media still draws the app's chrome: {p:?}"));
    }
    if p.color != "rgb(0, 0, 0)" || p.background != "rgb(255, 255, 255)" {
        return fail(format!("the print is not black on white: {p:?}"));
    }
    office.cdp("Emulation.setEmulatedMedia", json!({ "media": "" })).await?;

    let bytes = print_pdf(office).await?;
    let pdf = Pdf::parse(&bytes)?;
    let sizes = pdf.page_sizes();
    progress(format_args!("the PDF: {} bytes, pages {sizes:?}", bytes.len()));
    // A4 is 595.28 × 841.89 points.
    let a4 = |(w, h): &(f64, f64)| (w - 595.3).abs() < 2.0 && (h - 841.9).abs() < 2.0;
    if sizes.is_empty() || !sizes.iter().all(a4) {
        return fail(format!("the PDF's pages are not A4: {sizes:?}"));
    }
    let text = pdf.text();
    for row in &rows {
        for cell in [&row[0], &row[1], &row[2]] {
            if !holds(&text, cell) {
                let head: String = text.chars().take(600).collect();
                return fail(format!(
                    "the printed PDF lacks {cell:?} of {row:?}; its text: {head}"
                ));
            }
        }
    }
    // The app's chrome is not printed: no tab, no button.
    for absent in ["报事列表", "导出 XLSX", "上一期", "保存草稿"] {
        if holds(&text, absent) {
            return fail(format!("the printed PDF shows {absent:?}, which is not for print"));
        }
    }
    if !holds(&text, REMARKS) {
        return fail(format!("the printed PDF lacks the supervisor's remarks; its text: {text}"));
    }
    progress("the printed PDF holds every figure's name, count and value, and the remarks");
    Ok(())
}
