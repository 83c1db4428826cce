//! A patrol round offline (issue 10, point 6): butler1 looks at the coverage of the area, then
//! with the server down starts a round of the most neglected building, answers every item of
//! the default checklist — two of them failed, each with a photo (the round refuses to end
//! without them) — and ends it; the report already lists every answer on the tablet. When the
//! server is back: two rectification requests exist on the server, each with its photo (the
//! office sees the thumbnails, fetched from the server), the office's report of the round
//! shows every answer, and the building is no longer red on the coverage view.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::api::ApiDevice;
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, wait_until, wait_value, Browser};
use e2e::{Fixture, Server, TestResult};

/// A default checklist item's fixed id (`shared::patrol::template::default_id`).
fn item(n: u32) -> String {
    format!("00000000-0000-5000-8002-{n:012x}")
}

/// The default patrol checklist: pass/fail items, the gauge (number), greenery (choice) and
/// the vacant units' text item.
const PASS_FAIL: [u32; 15] =
    [100, 101, 102, 104, 105, 106, 108, 109, 110, 111, 112, 113, 114, 120, 121];
const FAILED: [u32; 2] = [100, 101];
const ANSWERS: usize = 18;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn patrol_round_offline() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1", "office"], |server, b| {
        Box::pin(scenario(server, &b[0], &b[1]))
    })
    .await;
}

async fn scenario(server: &mut Server, butler: &Browser, office: &Browser) -> TestResult {
    tokio::try_join!(login_and_sync(butler, "butler1"), login_and_sync(office, "office"))?;
    butler.click("a#nav-patrol").await?;
    butler.click("a#patrol-coverage-link").await?;
    let building: String =
        wait_value("butler1: a red building on the coverage view", UI_TIMEOUT, || async {
            butler.attr_of("tr.coverage-row[data-overdue='true']", "data-building").await
        })
        .await?;
    progress(format_args!("butler1: building {building} is past the cycle"));

    server.kill()?;
    butler.click("a#nav-patrol").await?;
    butler.select("#patrol-building", &building).await?;
    butler.click("button#patrol-start").await?;
    let round = wait_value("butler1: the round started", UI_TIMEOUT, || async {
        butler.attr_of("#patrol-round", "data-id").await
    })
    .await?;
    let row = |n: u32| format!("li.patrol-item[data-item='{}']", item(n));
    for n in PASS_FAIL {
        let button = if FAILED.contains(&n) { "ans-fail" } else { "ans-pass" };
        butler.click(&format!("{} button.{button}", row(n))).await?;
    }
    butler.type_into(&format!("{} input.ans-number", row(103)), "1.2").await?;
    butler.click(&format!("{} button.ans-save", row(103))).await?;
    butler.select(&format!("{} select.ans-choice", row(107)), &item(1070)).await?;
    butler.type_into(&format!("{} input.ans-text", row(122)), "无异常").await?;
    butler.click(&format!("{} button.ans-save", row(122))).await?;
    let answered = wait_until("butler1: every item answered", UI_TIMEOUT, || async {
        let n: u64 = butler
            .js(
                "return document.querySelectorAll('li.patrol-item:not([data-result=\"\"])').length",
                vec![],
            )
            .await?;
        Ok(n as usize == ANSWERS)
    })
    .await;
    butler.explain(answered).await?;

    // Ending without the photos is refused, and says why.
    butler.click("button#patrol-end").await?;
    let refused = wait_until("butler1: ending without photos is refused", UI_TIMEOUT, || async {
        Ok(butler.text_of("#patrol-error").await?.is_some_and(|t| !t.trim().is_empty()))
    })
    .await;
    butler.explain(refused).await?;
    for (k, n) in FAILED.into_iter().enumerate() {
        butler.click(&format!("{} button.ans-photos", row(n))).await?;
        butler.element("#patrol-photos #photo-input").await?;
        let thumbs = "return document.querySelectorAll('#patrol-photos img.photo-thumb').length";
        let fresh =
            wait_until("butler1: the photos of this finding (none yet)", UI_TIMEOUT, || async {
                Ok(butler.js::<u64>(thumbs, vec![]).await? == 0)
            })
            .await;
        butler.explain(fresh).await?;
        let colour = if k == 0 { "#c33" } else { "#3c3" };
        butler.attach_photo(Fixture::Plain(colour)).await?;
        let shown = wait_until("butler1: the finding's photo is saved", UI_TIMEOUT, || async {
            let n: u64 = butler
                .js(
                    "return document.querySelectorAll('#patrol-photos img.photo-thumb').length",
                    vec![],
                )
                .await?;
            Ok(n == 1)
        })
        .await;
        butler.explain(shown).await?;
    }
    butler.click("button#patrol-end").await?;
    let offline_report =
        wait_until("butler1: the report lists every answer offline", UI_TIMEOUT, || async {
            let rows: u64 = butler
                .js("return document.querySelectorAll('#report tr.report-row').length", vec![])
                .await?;
            let findings: u64 = butler
                .js(
                    "return document.querySelectorAll('#report-findings li.finding').length",
                    vec![],
                )
                .await?;
            Ok(rows as usize == ANSWERS && findings == 2)
        })
        .await;
    if offline_report.is_err() {
        let rows: u64 = butler
            .js("return document.querySelectorAll('#report tr.report-row').length", vec![])
            .await?;
        let findings: u64 = butler
            .js("return document.querySelectorAll('#report-findings li.finding').length", vec![])
            .await?;
        let error = butler.text_of("#patrol-error").await?;
        let path = butler.path().await?;
        return fail(format!(
            "butler1's report offline: {rows} rows, {findings} findings at {path}; error {error:?}"
        ));
    }
    progress(format_args!("butler1 ended round {round} offline with two findings"));

    server.restart().await?;
    butler.wait_synced().await?;
    let api = ApiDevice::login(server, "office", "e2e-patrol-check").await?;
    let requests =
        wait_value("the server holds two findings of the round", SYNC_TIMEOUT, || async {
            let ids = api.findings_of(&round).await?;
            Ok((ids.len() == 2).then_some(ids))
        })
        .await?;
    for id in &requests {
        office.goto(&format!("/requests/{id}")).await?;
        let thumb = wait_until(&format!("office: finding {id} shows its photo"), SYNC_TIMEOUT, || async {
            let ok: bool = office
                .js("const i = document.querySelector('#photos img.photo-thumb'); return !!i && i.getAttribute('data-missing') === 'false' && !!i.getAttribute('src');", vec![])
                .await?;
            Ok(ok)
        })
        .await;
        office.explain(thumb).await?;
    }
    office.goto(&format!("/patrol/report/{round}")).await?;
    let office_report = wait_until("office: the report shows every answer", SYNC_TIMEOUT, || async {
        let rows: u64 = office.js("return document.querySelectorAll('#report tr.report-row').length", vec![]).await?;
        let fails: u64 = office.js("return document.querySelectorAll('#report tr.report-row[data-result=\"fail\"]').length", vec![]).await?;
        Ok(rows as usize == ANSWERS && fails == 2)
    })
    .await;
    office.explain(office_report).await?;

    butler.click("a#nav-patrol").await?;
    butler.click("a#patrol-coverage-link").await?;
    let sel = format!("tr.coverage-row[data-building='{building}']");
    let moved = wait_until("butler1: the building is no longer red", UI_TIMEOUT, || async {
        Ok(butler.attr_of(&sel, "data-overdue").await?.as_deref() == Some("false"))
    })
    .await;
    butler.explain(moved).await
}
