//! The office's desk on a 1440×900 screen (issue 28, points 12 and 13): the request list is
//! a table of the whole width with number, type, status, area, building/unit, assignee,
//! department, due and created columns; a header click sorts it, a second reverses it; the
//! export is an XLSX whose rows are the filtered, sorted list as shown, headers in the
//! chosen language. A conflict made by butler1's tablet and the office's desk shows both
//! authors, their devices and times, and the request it belongs to, linked.

use calamine::{Reader, Xlsx};
use e2e::actions::SYNC_TIMEOUT;
use e2e::{on_one_request, progress, unique_suffix, wait_until, wait_value, Browser};
use e2e::{Server, TestResult};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn office_desk_table_and_conflict_authors() {
    on_one_request(scenario).await;
}

/// The columns, left to right, by their `data-sort` names.
const COLUMNS: [&str; 10] = [
    "number",
    "type",
    "status",
    "area",
    "place",
    "description",
    "assignee",
    "department",
    "due",
    "created",
];

/// The desk table as shown: header texts and each row's cell texts (badges left out).
const TABLE_JS: &str = "const t = document.querySelector('table.desk-table');
if (!t) return null;
const text = e => { const c = e.cloneNode(true); c.querySelectorAll('.badge').forEach(b => b.remove());
  return (c.innerText || c.textContent || '').trim(); };
return { width: t.getBoundingClientRect().width, total: Number(t.getAttribute('data-total')),
  headers: Array.from(t.querySelectorAll('thead th[data-sort]')).map(h => [h.getAttribute('data-sort'), text(h).replace(/[▲▼]/g, '').trim()]),
  rows: Array.from(t.querySelectorAll('tbody tr.request-row')).map(r =>
    Array.from(r.querySelectorAll('td[data-col]')).map(text)) };";

/// Catches the next download's blob (the app saves through an object URL).
const HOOK_JS: &str = "window.__blobs = [];
if (!window.__hooked) { const orig = URL.createObjectURL.bind(URL);
  URL.createObjectURL = b => { window.__blobs.push(b); return orig(b); }; window.__hooked = true; }
return true;";

/// The caught blob's bytes, or null before the download.
const BLOB_JS: &str = "const b = window.__blobs && window.__blobs[window.__blobs.length - 1];
if (!b) return null;
return b.arrayBuffer().then(a => Array.from(new Uint8Array(a)));";

#[derive(Debug, serde::Deserialize)]
struct Table {
    width: f64,
    total: usize,
    headers: Vec<(String, String)>,
    rows: Vec<Vec<String>>,
}

async fn table(office: &Browser) -> TestResult<Option<Table>> {
    office.js(TABLE_JS, vec![]).await
}

async fn scenario(server: &mut Server, browsers: &[Browser], id: &str) -> TestResult {
    let [butler, _, office] = browsers else {
        return e2e::fail("expected three browsers");
    };
    office.client().set_window_size(1440, 900).await?;

    // A conflict by two people on two devices: butler1's tablet and the office's desk edit
    // the request's contact phone while the server is down.
    server.kill()?;
    let suffix = unique_suffix() % 100_000_000;
    let (p1, p2) = (format!("135{suffix:08}"), format!("136{suffix:08}"));
    for (b, phone) in [(butler, &p1), (office, &p2)] {
        let (input, save) = ("input#edit-contact-phone", "button#save-contact-phone");
        b.edit_detail(input, save, "#detail-contact-phone", phone).await?;
    }
    tokio::try_join!(butler.wait_pending(), office.wait_pending())?;
    server.restart().await?;
    tokio::try_join!(butler.wait_synced(), office.wait_synced())?;

    desk(office, id).await?;
    conflict(office, id, [&p1, &p2]).await
}

/// The desk table: columns, width, sorting, and the export read back.
async fn desk(office: &Browser, id: &str) -> TestResult {
    office.click("a#nav-requests").await?;
    let shown = wait_value("office: the desk table is shown", SYNC_TIMEOUT, || async {
        Ok(table(office).await?.filter(|t| !t.rows.is_empty()))
    })
    .await;
    let t = office.explain(shown).await?;
    let names: Vec<&str> = t.headers.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(names, COLUMNS, "the desk's columns");
    progress(format_args!("office at 1440x900: the desk table is {} px wide", t.width));
    assert!(t.width >= 1300.0, "the table uses the width: {} px", t.width);
    let row = format!("tr.request-row[data-id='{id}'] td[data-col='place']");
    let place = office.text_of(&row).await?.unwrap_or_default();
    assert!(!place.trim().is_empty(), "the request's row names its unit");
    let area = format!("tr.request-row[data-id='{id}'] td[data-col='area']");
    let area = office.text_of(&area).await?.unwrap_or_default();

    // A header click sorts by the column, a second reverses it.
    let numbers = |t: &Table| t.rows.iter().map(|r| r[0].clone()).collect::<Vec<_>>();
    for descending in [false, true] {
        office.click("th[data-sort='number'] button").await?;
        let sort = if descending { "descending" } else { "ascending" };
        let what = format!("office: the table is sorted by number, {sort}");
        let sorted = wait_value(&what, SYNC_TIMEOUT, || async {
            let th = office.attr_of("th[data-sort='number']", "aria-sort").await?;
            let t = table(office).await?;
            Ok(t.filter(|_| th.as_deref() == Some(sort)))
        })
        .await;
        let t = office.explain(sorted).await?;
        let got = numbers(&t);
        // Blank numbers (requests made before numbers) last, whichever way.
        let (mut want, blank): (Vec<String>, Vec<String>) =
            got.iter().cloned().partition(|n| !n.is_empty());
        want.sort();
        if descending {
            want.reverse();
        }
        want.extend(blank);
        assert_eq!(got, want, "sorted by number, {sort}");
    }

    // Filter to the request's area, export, and read the workbook back.
    let pick = "const s = document.querySelector('#filter-area');
const o = Array.from(s.options).find(o => o.text.trim() === arguments[0]);
if (!o) return false;
s.value = o.value; s.dispatchEvent(new Event('change', { bubbles: true })); return true;";
    assert!(office.js::<bool>(pick, vec![json!(area.trim())]).await?, "area {area:?} is a choice");
    for lang in ["zh", "en"] {
        if lang == "en" {
            office.click("#lang-toggle").await?;
        }
        let what = format!("office: the table's headers are in {lang}");
        let filtered = wait_value(&what, SYNC_TIMEOUT, || async {
            let t = table(office).await?;
            let want = if lang == "en" { "Building / unit" } else { "楼栋 / 房号" };
            Ok(t.filter(|t| t.headers.get(4).is_some_and(|h| h.1 == want)))
        })
        .await;
        let t = office.explain(filtered).await?;
        office.js::<bool>(HOOK_JS, vec![]).await?;
        office.click("#desk-export").await?;
        let bytes = wait_value("office: the export was saved", SYNC_TIMEOUT, || async {
            office.js::<Option<Vec<u8>>>(BLOB_JS, vec![]).await
        })
        .await;
        let bytes = office.explain(bytes).await?;
        let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))?;
        let sheet = x.sheet_names().first().cloned().unwrap_or_default();
        let range = x.worksheet_range(&sheet)?;
        let read: Vec<Vec<String>> =
            range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        let headers: Vec<String> = t.headers.iter().map(|h| h.1.clone()).collect();
        assert_eq!(read[0], headers, "the workbook's headers are the table's ({lang})");
        assert_eq!(read.len() - 1, t.total, "every filtered row, not one page");
        assert_eq!(read[1..=t.rows.len()], t.rows[..], "the rows as shown, in order ({lang})");
        progress(format_args!("export ({lang}): {} rows equal the filtered table", t.total));
    }
    Ok(())
}

/// The conflict card: both values, each with its author, device and time, and the request.
async fn conflict(office: &Browser, id: &str, phones: [&str; 2]) -> TestResult {
    office.click("a#nav-conflicts").await?;
    let card = format!("[data-testid='conflict-row'][data-target-id='{id}']");
    let what = format!("office: the conflict on {id} names both authors and the request");
    let shown = wait_until(&what, SYNC_TIMEOUT, || async {
        let by: Vec<String> = office
            .js(
                "return Array.from(document.querySelectorAll(arguments[0] + ' .who .by')).map(e => e.innerText.trim())",
                vec![json!(card)],
            )
            .await?;
        let mut by = by;
        by.sort();
        Ok(by == ["前台张", "王管家"])
    })
    .await;
    office.explain(shown).await?;
    let text = office.text_of(&card).await?.unwrap_or_default();
    for phone in phones {
        assert!(text.contains(phone), "both values: {text}");
    }
    let devices: Vec<String> = office
        .js(
            "return Array.from(document.querySelectorAll(arguments[0] + ' .who .device, ' + arguments[0] + ' .who .at')).map(e => e.innerText.trim())",
            vec![json!(card)],
        )
        .await?;
    assert_eq!(devices.len(), 4, "a device and a time per side: {devices:?}");
    assert!(devices.iter().all(|d| !d.is_empty() && d != "Unknown" && d != "未知"), "{devices:?}");
    let href = office.attr_of(&format!("{card} a.record"), "href").await?;
    assert_eq!(href.as_deref(), Some(format!("/requests/{id}").as_str()));
    let record = office.text_of(&format!("{card} a.record")).await?.unwrap_or_default();
    assert!(record.contains('-') && !record.trim().is_empty(), "number and unit: {record}");
    progress(format_args!("office's conflict card on {record}: {text}"));
    Ok(())
}
