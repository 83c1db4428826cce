//! The office moves a building of butler1's area into butler2's area: at their next sync the
//! building's open requests leave butler1's tablet and appear on butler2's, with no reload —
//! the server's scope decides, not the app.

use e2e::actions::SYNC_TIMEOUT;
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, report, wait_until, ApiDevice, Browser, ChromeDriver, Devices};
use e2e::{Server, TestResult};
use serde_json::{json, Value};
use std::collections::HashMap;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_a_building_moves_its_requests() {
    let server = match Server::start().await {
        Ok(s) => s,
        Err(e) => return report(Err(e), None),
    };
    let outcome = async {
        let driver = ChromeDriver::start().await?;
        let url = server.url();
        let (b1, b2) = tokio::try_join!(
            Browser::open(&driver, "butler1", &url),
            Browser::open(&driver, "butler2", &url),
        )?;
        let devices = Devices { browsers: vec![b1, b2], driver };
        let outcome = scenario(&server, &devices.browsers[0], &devices.browsers[1]).await;
        devices.finish(outcome).await
    }
    .await;
    report(outcome, Some(&server));
}

/// The latest value of every `(kind, id, field)` in a full pull.
fn latest(changes: Vec<Value>) -> HashMap<(String, String, String), Value> {
    let mut out: HashMap<(String, String, String), (String, Value)> = HashMap::new();
    for c in changes {
        let key = (
            c["kind"].as_str().unwrap_or_default().to_owned(),
            c["id"].as_str().unwrap_or_default().to_owned(),
            c["field"].as_str().unwrap_or_default().to_owned(),
        );
        let hlc = c["hlc"].as_str().unwrap_or_default().to_owned();
        if out.get(&key).is_none_or(|(h, _)| *h < hlc) {
            out.insert(key, (hlc, c["value"].clone()));
        }
    }
    out.into_iter().map(|(k, (_, v))| (k, v)).collect()
}

async fn scenario(server: &Server, butler1: &Browser, butler2: &Browser) -> TestResult {
    let (listed1, listed2) =
        tokio::try_join!(login_and_sync(butler1, "butler1"), login_and_sync(butler2, "butler2"))?;
    let mut office = ApiDevice::login(server, "office", "e2e-office-desk").await?;
    let state = latest(office.pull_all().await?);
    let get = |kind: &str, id: &str, field: &str| {
        state
            .get(&(kind.into(), id.into(), field.into()))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let area_of_butler = |name: &str| {
        let staff = state
            .iter()
            .find(|((k, _, f), v)| k == "staff" && f == "username" && **v == json!(name));
        staff.and_then(|((_, id, _), _)| get("staff", id, "area"))
    };
    let (Some(area1), Some(area2)) = (area_of_butler("butler1"), area_of_butler("butler2")) else {
        return fail("the demo's butler1 and butler2 need areas");
    };
    let building_of = |request: &str| {
        let unit = get("request", request, "unit")?;
        get("unit", &unit, "building")
    };
    let Some((request, building)) =
        listed1.iter().find_map(|r| building_of(r).map(|b| (r.clone(), b)))
    else {
        return fail("butler1 lists no request with a unit");
    };
    if get("building", &building, "area").as_deref() != Some(area1.as_str()) {
        return fail(format!("building {building} of request {request} is not in butler1's area"));
    }
    if listed2.contains(&request) {
        return fail(format!("butler2 already lists {request} of another area"));
    }
    let moved: Vec<String> =
        listed1.iter().filter(|r| building_of(r).as_deref() == Some(&building)).cloned().collect();
    progress(format_args!("moving building {building} ({} open requests) to butler2", moved.len()));
    office.set("building", &building, "area", json!(area2), e2e::unique_suffix()).await?;

    for (browser, should_hold) in [(butler1, false), (butler2, true)] {
        let what = format!(
            "{}: the request list {} the moved building's requests {moved:?}",
            browser.name,
            if should_hold { "shows" } else { "no longer shows" }
        );
        let done = wait_until(&what, SYNC_TIMEOUT, || async {
            let ids: Vec<String> =
                browser.request_rows().await?.into_iter().filter_map(|r| r.id).collect();
            Ok(moved.iter().all(|r| ids.contains(r) == should_hold))
        })
        .await;
        browser.explain(done).await?;
    }
    progress("the requests moved with their building");
    Ok(())
}
