//! A supervisor edits the daily patrol checklist in the browser (issue 10, point 1): a bad
//! item is refused with a clear error and writes nothing; a good one (a reading with its
//! allowed range, a photo required on fail) goes into the draft; publishing makes version 2.
//! The server then holds the new version and the item living from it, while version 1 still
//! lists what it did — so rounds started on it report as they were answered.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::api::ApiDevice;
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, unique_suffix, wait_until, Browser};
use e2e::{Server, TestResult};
use serde_json::json;

/// The default daily patrol template: `shared::patrol::template::default_id(1)`.
const PATROL: &str = "00000000-0000-5000-8002-000000000001";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supervisor_edits_a_checklist() {
    e2e::scenario::with_browsers(Server::start().await, &["supervisor"], |server, b| {
        Box::pin(scenario(server, &b[0]))
    })
    .await;
}

async fn scenario(server: &Server, sup: &Browser) -> TestResult {
    login_and_sync(sup, "supervisor").await?;
    sup.click("#nav-settings").await?;
    sup.click("#settings-checklists").await?;
    sup.element("#checklist-template").await?;
    let draft = "div.checklist-draft";
    if sup.attr_of(draft, "data-version").await?.as_deref() != Some("1") {
        return fail("the default patrol checklist starts at version 1");
    }
    if sup.attr_of("#checklist-publish", "disabled").await?.is_none() {
        return fail("nothing to publish yet, but the button is enabled");
    }
    let section = ".checklist-section";
    let before = count(sup, &format!("{section} .checklist-item")).await?;
    sup.click(&format!("{section} .item-add-open")).await?;
    // No text: refused, and nothing is written.
    sup.click(".item-editor .item-save").await?;
    wait_for_text(sup, ".item-editor .error", "请填写检查项").await?;
    // A reading whose range is upside down: refused too.
    let text = format!("水泵房压力 {}", unique_suffix());
    sup.type_into(".item-editor .item-zh", &text).await?;
    sup.select(".item-editor .item-type-pick", "number").await?;
    sup.type_into(".item-editor .item-min", "0.6").await?;
    sup.type_into(".item-editor .item-max", "0.2").await?;
    sup.click(".item-editor .item-save").await?;
    wait_for_text(sup, ".item-editor .error", "下限不大于上限").await?;
    if sup.attr_of("#checklist-publish", "disabled").await?.is_none() {
        return fail("a refused item left something to publish");
    }
    sup.type_into(".item-editor .item-max", "0.8").await?;
    sup.click(".item-editor .item-photo-on-fail").await?;
    sup.click(".item-editor .item-save").await?;
    let items = format!("{section} .checklist-item");
    wait_until("the new item is in the draft", UI_TIMEOUT, || async {
        Ok(count(sup, &items).await? == before + 1
            && sup.text_of(&format!("{items}:last-child .item-text")).await?.as_deref()
                == Some(text.as_str()))
    })
    .await?;
    progress(format_args!("supervisor added {text:?} to the draft"));
    sup.click("#checklist-publish").await?;
    wait_until("the checklist is at version 2", UI_TIMEOUT, || async {
        Ok(sup.attr_of(draft, "data-version").await?.as_deref() == Some("2"))
    })
    .await?;
    sup.wait_synced().await?;

    // What the server holds: version 2, and the item living from it with its range.
    let api = ApiDevice::login(server, "office", "checklist-e2e").await?;
    wait_until("the server holds version 2", SYNC_TIMEOUT, || async {
        Ok(api.field("patrol_template", PATROL, "version").await? == Some(json!(2)))
    })
    .await?;
    let changes = api.pull_all().await?;
    let item = changes
        .iter()
        .find(|c| {
            c["kind"] == "patrol_item" && c["field"] == "text_zh" && c["value"] == json!(text)
        })
        .and_then(|c| c["id"].as_str().map(str::to_owned));
    let Some(item) = item else { return fail("the server has no item with the new text") };
    for (field, want) in [("from_version", json!(2)), ("min", json!(0.6)), ("max", json!(0.8))] {
        let got = api.field("patrol_item", &item, field).await?;
        if got != Some(want.clone()) {
            return fail(format!("item {field}: expected {want}, got {got:?}"));
        }
    }
    if api.field("patrol_item", &item, "photo_on_fail").await? != Some(json!(true)) {
        return fail("the item does not require a photo on fail");
    }
    Ok(())
}

/// Waits until the element's text contains `needle`.
async fn wait_for_text(b: &Browser, selector: &str, needle: &str) -> TestResult {
    let what = format!("{selector} says {needle:?}");
    wait_until(&what, UI_TIMEOUT, || async {
        Ok(b.text_of(selector).await?.is_some_and(|t| t.contains(needle)))
    })
    .await
}

/// How many elements match `selector`.
async fn count(b: &Browser, selector: &str) -> TestResult<u64> {
    b.js("return document.querySelectorAll(arguments[0]).length;", vec![json!(selector)]).await
}
