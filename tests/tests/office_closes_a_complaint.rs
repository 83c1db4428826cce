//! Issue 28 point 8: the office cannot close a complaint that is not judged — the close
//! button is disabled and says why — and closes it once it is judged, its plan approved by a
//! supervisor, the resident's confirmation given and a result written; then the request's
//! forms are read-only. The server holds the closed status and the result.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::api::ApiDevice;
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, unique_suffix, wait_until, Browser, Server, TestResult};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn office_closes_a_complaint() {
    e2e::scenario::with_browsers(Server::start().await, &["office"], |server, b| {
        Box::pin(scenario(server, &b[0]))
    })
    .await;
}

/// A complaint made and called back through the API (the office's own device): judged by
/// nobody yet. Returns its id and its description.
async fn called_back_complaint(api: &mut ApiDevice) -> TestResult<(String, String)> {
    let n = unique_suffix();
    let id = format!("0190f0a0-0000-7000-8000-{:012x}", n % 0x1_0000_0000_0000);
    let unit = api.ids_of("unit").await?.into_iter().next();
    let Some(unit) = unit else { return fail("the site has no unit") };
    let description = format!("E2E 投诉：夜间噪音 {n}");
    let cb = format!("0190f0a0-0000-7000-9000-{:012x}", n % 0x1_0000_0000_0000);
    let steps: Vec<(&str, &str, &str, Value)> = vec![
        ("request", &id, "status", json!("new")),
        ("request", &id, "unit", json!(unit)),
        ("request", &id, "category", json!("complaint")),
        ("request", &id, "source", json!("phone")),
        ("request", &id, "description", json!(description)),
        ("request", &id, "created_at", json!(n)),
        ("request", &id, "status", json!("in_progress")),
        ("request", &id, "status", json!("done")),
        ("callback", &cb, "request", json!(id)),
        ("callback", &cb, "result", json!("reached")),
        ("callback", &cb, "satisfaction", json!("satisfied")),
        ("request", &id, "status", json!("called_back")),
    ];
    for (i, (kind, rid, field, value)) in steps.into_iter().enumerate() {
        let reply = api.set(kind, rid, field, value, n + i as u64).await?;
        let refused = reply["rejections"].as_array().is_some_and(|r| {
            r.iter().any(|r| !matches!(r["code"].as_str(), Some("rewritten" | "clock_ahead")))
        });
        if refused {
            return fail(format!("setting {kind}.{field} was refused: {reply}"));
        }
    }
    Ok((id, description))
}

/// Whether the element matching `selector` is disabled (itself or by a disabled fieldset).
async fn disabled(b: &Browser, selector: &str) -> TestResult<bool> {
    let js =
        "const e = document.querySelector(arguments[0]); return !!e && e.matches(':disabled');";
    b.js(js, vec![json!(selector)]).await
}

/// Waits until `#close-blockers` names `want` (and, when `gone` is given, no longer names it).
async fn blockers_say(b: &Browser, want: &str, gone: Option<&str>) -> TestResult {
    let what = format!("#close-blockers says {want:?}");
    wait_until(&what, UI_TIMEOUT, || async {
        let text = b.text_of("#close-blockers").await?.unwrap_or_default();
        Ok(text.contains(want) && gone.is_none_or(|g| !text.contains(g)))
    })
    .await
}

async fn scenario(server: &Server, office: &Browser) -> TestResult {
    let mut api = ApiDevice::login(server, "office", "close-e2e").await?;
    let (id, _) = called_back_complaint(&mut api).await?;
    login_and_sync(office, "office").await?;
    office.open_detail(&id).await?;
    office.wait_status("called_back").await?;

    // Not judged: the close button is offered, disabled, and says what is missing.
    blockers_say(office, "判定投诉是否成立", None).await?;
    if !disabled(office, "#close-request").await? {
        return fail("an unjudged complaint's close button is enabled");
    }
    office.type_into("#close-result", "已协调邻里，噪音已停止").await?;
    blockers_say(office, "判定投诉是否成立", Some("填写办结结果")).await?;
    if !disabled(office, "#close-request").await? {
        return fail("a result alone enabled closing an unjudged complaint");
    }
    progress(format_args!("office: closing {id} is disabled until the complaint is judged"));

    // Judged to stand, with a plan: waits for the supervisor's approval and the resident.
    office.select("#complaint-stands", "yes").await?;
    office.type_into("#complaint-plan", "约谈楼上住户，夜间 22 点后停止装修").await?;
    office.click("#complaint-save").await?;
    blockers_say(office, "主管批准处理方案", Some("判定投诉是否成立")).await?;
    let mut boss = ApiDevice::login(server, "supervisor", "close-e2e-boss").await?;
    let Some(staff) = boss.ids_of("staff").await?.into_iter().next() else {
        return fail("the site has no staff");
    };
    let approved =
        boss.set("request", &id, "plan_approved_by", json!(staff), unique_suffix()).await?;
    progress(format_args!("supervisor approved the plan: {}", approved["rejections"]));
    blockers_say(office, "住户确认处理结果", Some("主管批准处理方案")).await?;
    office.type_into("#complaint-verbal-note", "电话确认，住户同意").await?;
    office.click("#complaint-verbal-save").await?;
    let what = "the close button is enabled once the loop is through and a result is written";
    wait_until(what, UI_TIMEOUT, || async { Ok(!disabled(office, "#close-request").await?) })
        .await?;
    if office.text_of("#close-blockers").await?.is_some_and(|t| !t.trim().is_empty()) {
        return fail("the close button is enabled, but #close-blockers still names a gate");
    }

    if !office.has("#edit-description").await? {
        return fail("the open request offers the office no description editor");
    }
    office.click("#close-request").await?;
    office.wait_status("closed").await?;
    progress(format_args!("office closed {id}"));
    // Closed: the complaint's forms stay in view read-only, and the request's own editors
    // are no longer offered (`model::offers`: the server refuses them, `request_closed`).
    for form in ["#complaint-forms", "#complaint-save"] {
        let what = format!("{form} is read-only once closed");
        wait_until(&what, UI_TIMEOUT, || async { disabled(office, form).await }).await?;
    }
    let what = "#edit-description is not offered once closed";
    wait_until(what, UI_TIMEOUT, || async { Ok(!office.has("#edit-description").await?) }).await?;
    let shown = office.text_of("#close-result-shown").await?.unwrap_or_default();
    if shown != "已协调邻里，噪音已停止" {
        return fail(format!("#close-result-shown shows {shown:?}"));
    }
    if office.text_of("#close-form").await?.is_some() {
        return fail("a closed request still offers the close form");
    }
    office.wait_synced().await?;
    wait_until("the server holds the request closed with its result", SYNC_TIMEOUT, || async {
        Ok(api.field("request", &id, "status").await? == Some(json!("closed"))
            && api.field("request", &id, "close_result").await?
                == Some(json!("已协调邻里，噪音已停止")))
    })
    .await
}
