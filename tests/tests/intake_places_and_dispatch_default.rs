//! Issue 28 points 4-7 as a butler on a tablet meets them, against the real server:
//! - the new-request form chooses no unit until the butler does: saving without one is
//!   refused with a clear message; typing the unit's number chooses it, and its resident
//!   fills in the contact (editable);
//! - the title names the type chosen (新建投诉…), and a photo taken before saving is stored
//!   on the new request;
//! - dispatch shows the default assignee by name before saving, and saving sends the
//!   request to exactly that person;
//! - a request on a common place (a lift of a building of the butler's area) is filed
//!   without a unit, and is the area's (the server holds it with its building and place).

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::api::ApiDevice;
use e2e::photos::Fixture;
use e2e::scenario::login_and_sync;
use e2e::wait::wait_value;
use e2e::{progress, unique_suffix, Browser, Server, TestResult};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intake_places_and_dispatch_default() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1"], |server, b| {
        Box::pin(scenario(server, &b[0]))
    })
    .await;
}

/// The classifier's default topic 电梯 (lift, node 130: `shared::request::classifier::
/// default_id(130)`), routed to 工程部.
const LIFT_TOPIC: &str = "00000000-0000-5000-8001-000000000082";

/// A unit of the picker with people: (id, number, first person's name).
const UNIT_WITH_PEOPLE_JS: &str = "const s = document.querySelector('select#req-unit');
const o = Array.from(s.options).find(o => o.value && o.textContent.includes(' · '));
if (!o) return null;
const [number, people] = o.textContent.split(' · ');
return [o.value, number.trim(), people.split('、')[0].trim()];";

async fn value_of(b: &Browser, selector: &str) -> TestResult<String> {
    let v: Value = b
        .js(
            "const e = document.querySelector(arguments[0]); return e ? e.value : null;",
            vec![json!(selector)],
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

async fn scenario(server: &mut Server, butler: &Browser) -> TestResult {
    login_and_sync(butler, "butler1").await?;
    butler.tablet_portrait().await?;
    butler.open_new_request_form().await?;
    // Point 4: nothing chosen; saving says what is missing.
    let chosen = value_of(butler, "select#req-unit").await?;
    if !chosen.is_empty() {
        return e2e::fail(format!("the form opened with unit {chosen} chosen"));
    }
    let suffix = unique_suffix();
    butler.type_into("textarea#req-description", &format!("E2E 投诉 {suffix}")).await?;
    butler.click("button#req-save").await?;
    let refused = wait_value("#req-error names the missing unit", UI_TIMEOUT, || async {
        Ok(butler.text_of("#req-error").await?.filter(|t| t.contains("房号")))
    })
    .await;
    butler.explain(refused).await?;
    let what = "the picker lists a unit with its people";
    let unit = wait_value(what, SYNC_TIMEOUT, || async {
        let found: Option<(String, String, String)> =
            butler.js(UNIT_WITH_PEOPLE_JS, vec![]).await?;
        Ok(found)
    })
    .await;
    let (unit_id, number, person) = butler.explain(unit).await?;
    butler.type_into("input#req-unit-filter", &number).await?;
    let typed = wait_value(
        "typing the number chooses the unit and fills the contact",
        UI_TIMEOUT,
        || async {
            let u = value_of(butler, "select#req-unit").await?;
            let name = value_of(butler, "input#req-contact-name").await?;
            Ok((u == unit_id && name == person).then_some(()))
        },
    )
    .await;
    butler.explain(typed).await?;
    progress(format_args!("typing {number} chose it; contact {person}"));
    // The contact stays editable.
    butler.type_into("input#req-contact-name", &format!("{person}家属")).await?;
    // Point 6: the title follows the type; a photo before saving.
    butler.select("select#req-type", "complaint").await?;
    let title = wait_value("#req-title says 新建投诉", UI_TIMEOUT, || async {
        Ok(butler.text_of("#req-title").await?.filter(|t| t.contains("新建投诉")))
    })
    .await;
    butler.explain(title).await?;
    butler.select("select#req-topic", LIFT_TOPIC).await?;
    butler.attach_photo_to("#req-photo-input", Fixture::Plain("teal")).await?;
    let pending = wait_value("#req-photos counts one photo to save", UI_TIMEOUT, || async {
        Ok((butler.attr_of("#req-photos", "data-count").await?.as_deref() == Some("1"))
            .then_some(()))
    })
    .await;
    butler.explain(pending).await?;
    butler.click("button#req-save").await?;
    let id = wait_value("saved: the detail page of the new request", UI_TIMEOUT, || async {
        let id = butler.attr_of("#req-detail", "data-id").await?.filter(|i| !i.is_empty());
        Ok(id)
    })
    .await;
    let id = butler.explain(id).await?;
    let photo =
        wait_value("the photo taken before saving shows on the request", UI_TIMEOUT, || async {
            let n: u64 = butler
                .js("return document.querySelectorAll('#photos img.photo-thumb').length;", vec![])
                .await?;
            Ok((n == 1).then_some(()))
        })
        .await;
    butler.explain(photo).await?;
    let office = ApiDevice::login(server, "office", "e2e-office").await?;
    let edited = json!(format!("{person}家属"));
    let contact = wait_value("the server holds the contact as edited", SYNC_TIMEOUT, || async {
        let c = office.field("request", &id, "contact_name").await?;
        Ok((c.as_ref() == Some(&edited)).then_some(()))
    })
    .await;
    butler.explain(contact).await?;
    // Point 7: the default is shown by name, and it is who the request goes to.
    let label = wait_value("#dispatch-assignee shows the default by name", UI_TIMEOUT, || async {
        let id =
            butler.attr_of("#dispatch-assignee option.dispatch-default", "data-default").await?;
        let text = butler.text_of("#dispatch-assignee option.dispatch-default").await?;
        Ok(id.filter(|i| !i.is_empty()).zip(text.filter(|t| t.starts_with("默认："))))
    })
    .await;
    let (default_id, text) = butler.explain(label).await?;
    let name = office.field("staff", &default_id, "name").await?;
    let name = name.and_then(|n| n.as_str().map(str::to_owned)).unwrap_or_default();
    if name.is_empty() || !text.contains(&name) {
        return e2e::fail(format!(
            "the default label {text:?} does not name {default_id} ({name})"
        ));
    }
    progress(format_args!("dispatch shows {text:?}"));
    butler.click("#dispatch-save").await?;
    butler.wait_status("assigned").await?;
    butler.wait_synced().await?;
    let saved =
        wait_value("the server holds the shown default as assignee", SYNC_TIMEOUT, || async {
            let a = office.field("request", &id, "assignee").await?;
            Ok((a == Some(json!(default_id))).then_some(()))
        })
        .await;
    butler.explain(saved).await?;
    common_place(server, butler, &office, suffix).await
}

/// Point 5: a lift of a building of butler1's area, filed without a unit.
async fn common_place(
    server: &Server,
    butler: &Browser,
    office: &ApiDevice,
    suffix: u64,
) -> TestResult {
    butler.open_new_request_form().await?;
    butler.select("select#req-where", "common").await?;
    let building: Value = butler
        .js("const o = Array.from(document.querySelectorAll('select#req-building option')).find(o => o.value); return o ? o.value : null;", vec![])
        .await?;
    let building = building.as_str().unwrap_or_default().to_owned();
    butler.select("select#req-building", &building).await?;
    butler.type_into("input#req-common-place", "2单元电梯").await?;
    butler.type_into("input#req-entrance", "2").await?;
    butler.type_into("textarea#req-description", &format!("E2E 电梯异响 {suffix}")).await?;
    butler.click("button#req-save").await?;
    let id = wait_value("the common-place request is saved", UI_TIMEOUT, || async {
        Ok(butler.attr_of("#req-detail", "data-id").await?.filter(|i| !i.is_empty()))
    })
    .await;
    let id = butler.explain(id).await?;
    butler.wait_synced().await?;
    let held = wait_value(
        "the server holds it on its building, place and entrance",
        SYNC_TIMEOUT,
        || async {
            let b = office.field("request", &id, "building").await?;
            let p = office.field("request", &id, "common_place").await?;
            let u = office.field("request", &id, "unit").await?;
            Ok((b == Some(json!(building)) && p == Some(json!("2单元电梯")) && u.is_none())
                .then_some(()))
        },
    )
    .await;
    butler.explain(held).await?;
    let mine = ApiDevice::login(server, "butler1", "e2e-b1").await?;
    if !mine.ids_of("request").await?.contains(&id) {
        return e2e::fail(format!("butler1's area does not hold the common-place request {id}"));
    }
    progress(format_args!("common-place request {id} filed on building {building}"));
    Ok(())
}
