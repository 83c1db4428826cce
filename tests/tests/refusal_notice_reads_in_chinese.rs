//! A refused change explains itself in the user's language (issue 28, point 14): butler1
//! edits a request's description offline while the office moves the request to a unit of
//! another area; back online, the server refuses the edit (out of scope) and the banner
//! says so in Chinese — which field, by its Chinese name, and why — with no wire name
//! (`description`, `out_of_scope`) or server English in sight; those wait, folded, under
//! "详情" for support. Switching to English rewrites the notice in English.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, unique_suffix, wait_value, ApiDevice, Browser, Server, TestResult};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusal_notice_reads_in_chinese() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1"], |server, b| {
        Box::pin(scenario(server, &b[0]))
    })
    .await;
}

/// The visible text of the first notice (closed `<details>` are not rendered, so not in it).
const NOTICE_JS: &str = "const n = document.querySelector('#notices .notice');
return n ? { code: n.dataset.code || '', text: n.innerText } : null;";

async fn scenario(server: &mut Server, butler: &Browser) -> TestResult {
    login_and_sync(butler, "butler1").await?;
    let units = butler.open_new_request_form().await?;
    let Some(unit) = units.first() else { return fail("butler1 has no unit") };
    let mut office = ApiDevice::login(server, "office", "e2e-office-move").await?;
    let elsewhere = ApiDevice::login(server, "butler2", "e2e-butler2-look").await?;
    let others = elsewhere.ids_of("unit").await?;
    let Some(other) = others.iter().find(|u| !units.contains(u)) else {
        return fail("butler2 has no unit outside butler1's area");
    };
    let id = butler.create_request(unit, "E2E 门禁失灵", "13800000001").await?;
    butler.wait_synced().await?;

    butler.set_offline(true).await?;
    let description = format!("E2E 门禁失灵，已报修 {}", unique_suffix());
    butler.edit_description(&description).await?;
    butler.wait_pending().await?;
    office.set("request", &id, "unit", json!(other), unique_suffix()).await?;
    progress(format_args!("the office moved request {id} to unit {other} of another area"));
    butler.set_offline(false).await?;

    let what = "butler1: #notices shows a notice for the refused description edit";
    let notice = wait_value(what, SYNC_TIMEOUT, || async {
        let n: Option<serde_json::Value> = butler.js(NOTICE_JS, vec![]).await?;
        Ok(n.filter(|n| !n["text"].as_str().unwrap_or_default().is_empty()))
    })
    .await;
    let notice = butler.explain(notice).await?;
    let text = notice["text"].as_str().unwrap_or_default().to_owned();
    if notice["code"] != "out_of_scope" {
        return fail(format!("the notice's code is {}, not out_of_scope", notice["code"]));
    }
    if !text.contains("“描述”") || !text.contains("不在您负责的区域") {
        return fail(format!("the notice does not say, in Chinese, what and why: {text:?}"));
    }
    let wire = ["description", "out_of_scope", "request.", "outside", "scope"];
    if let Some(w) = wire.iter().find(|w| text.contains(*w)) {
        return fail(format!("the Chinese notice shows {w:?}: {text:?}"));
    }
    progress(format_args!("the notice reads: {text}"));

    butler.click("#lang-toggle").await?;
    let english = wait_value("butler1: the notice reads in English", UI_TIMEOUT, || async {
        let n: Option<serde_json::Value> = butler.js(NOTICE_JS, vec![]).await?;
        let text = n.map(|n| n["text"].as_str().unwrap_or_default().to_owned());
        Ok(text.filter(|t| t.contains("description") && t.contains("outside your area")))
    })
    .await;
    let english = butler.explain(english).await?;
    if english.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return fail(format!("the English notice shows Chinese: {english:?}"));
    }
    Ok(())
}
