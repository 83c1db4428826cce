//! A patrol round that walks one building of the area (issue 28, points 9–11): butler1 starts
//! a round of the whole area and walks only a building that has vacant units — the vacant-unit
//! section lists exactly the units the register says are empty, the progress counts the
//! answers — fails an item, and ends the round. The report says it was not a full round and
//! names every other building of the area; the coverage view does not count it as today's
//! round. When the office marks the finding done, it appears on butler1's My day as a
//! re-check only, never as a call-back due.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::api::ApiDevice;
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, wait_until, wait_value, Browser};
use e2e::{Server, TestResult};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// A default checklist item's fixed id (`shared::patrol::template::default_id`).
fn item(n: u32) -> String {
    format!("00000000-0000-5000-8002-{n:012x}")
}

/// Lift working: passed.
const PASSED: u32 = 104;
/// Entrance door access: failed (its item needs no photo).
const FAILED: u32 = 105;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn patrol_partial_round_and_recheck() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1"], |server, b| {
        Box::pin(scenario(server, &b[0]))
    })
    .await;
}

/// The latest value of each `(kind, id, field)` in `changes`.
fn latest(changes: &[Value]) -> BTreeMap<(String, String, String), Value> {
    let mut out: BTreeMap<(String, String, String), (String, Value)> = BTreeMap::new();
    for c in changes {
        let s = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
        let key = (s("kind"), s("id"), s("field"));
        let hlc = s("hlc");
        if out.get(&key).is_none_or(|(h, _)| *h < hlc) {
            out.insert(key, (hlc, c["value"].clone()));
        }
    }
    out.into_iter().map(|(k, (_, v))| (k, v)).collect()
}

/// The area's buildings as the start form lists them: `(id, name)`.
async fn buildings(butler: &Browser) -> TestResult<Vec<(String, String)>> {
    let script = "return Array.from(document.querySelectorAll('#patrol-building option'))
        .filter(o => o.value !== '').map(o => [o.value, o.textContent.trim()]);";
    butler.js(script, vec![]).await
}

async fn scenario(server: &mut Server, butler: &Browser) -> TestResult {
    login_and_sync(butler, "butler1").await?;
    butler.click("a#nav-patrol").await?;
    let area: Vec<(String, String)> =
        wait_value("butler1: the area's buildings on the start form", UI_TIMEOUT, || async {
            let b = buildings(butler).await?;
            Ok((b.len() >= 2).then_some(b))
        })
        .await?;
    // The register's vacant units of each of the area's buildings, as the server holds them.
    let api = ApiDevice::login(server, "butler1", "e2e-patrol-register").await?;
    let fields = latest(&api.pull_all().await?);
    let text = |id: &str, f: &str| {
        fields
            .get(&("unit".into(), id.into(), f.into()))
            .and_then(|v| v.as_str().map(str::to_owned))
    };
    let units: BTreeSet<&String> =
        fields.keys().filter(|(k, _, _)| k == "unit").map(|(_, id, _)| id).collect();
    let vacant_in = |building: &str| -> BTreeSet<String> {
        units
            .iter()
            .filter(|u| text(u, "building").as_deref() == Some(building))
            .filter(|u| text(u, "state").as_deref() == Some("vacant"))
            .filter(|u| {
                fields.get(&("unit".into(), (**u).clone(), "deleted".into())) != Some(&json!(true))
            })
            .filter_map(|u| text(u, "number"))
            .collect()
    };
    let Some((walked, vacant)) =
        area.iter().map(|(id, _)| (id.clone(), vacant_in(id))).find(|(_, v)| !v.is_empty())
    else {
        return fail("no building of butler1's area has a vacant unit in the demo");
    };
    let others: BTreeSet<String> =
        area.iter().filter(|(id, _)| *id != walked).map(|(_, n)| n.clone()).collect();
    progress(format_args!(
        "butler1: walks 1 of {} buildings ({} vacant units there)",
        area.len(),
        vacant.len()
    ));

    butler.click("button#patrol-start").await?;
    let round = wait_value("butler1: the round started", UI_TIMEOUT, || async {
        butler.attr_of("#patrol-round", "data-id").await
    })
    .await?;
    butler.select("#patrol-walk-building", &walked).await?;
    let listed = wait_value("butler1: the vacant-unit section lists the vacant units", UI_TIMEOUT, || async {
        let shown: Vec<String> = butler
            .js("return Array.from(document.querySelectorAll(\"p.patrol-units[data-covers='vacant'] span.unit\")).map(s => s.textContent.trim());", vec![])
            .await?;
        let shown: BTreeSet<String> = shown.into_iter().collect();
        Ok((shown == vacant).then_some(shown))
    })
    .await;
    butler.explain(listed).await?;

    let row = |n: u32| format!("li.patrol-item[data-item='{}']", item(n));
    butler.click(&format!("{} button.ans-pass", row(PASSED))).await?;
    butler.click(&format!("{} button.ans-fail", row(FAILED))).await?;
    let counted = wait_until("butler1: progress counts two answers", UI_TIMEOUT, || async {
        Ok(butler.attr_of("#patrol-progress", "data-answered").await?.as_deref() == Some("2"))
    })
    .await;
    butler.explain(counted).await?;
    let marked = wait_until("butler1: answered items are marked", UI_TIMEOUT, || async {
        let n: u64 = butler
            .js("return document.querySelectorAll('li.patrol-item.answered').length", vec![])
            .await?;
        Ok(n == 2)
    })
    .await;
    butler.explain(marked).await?;

    butler.click("button#patrol-end").await?;
    let not_walked = wait_value("butler1: the report lists the buildings not walked", UI_TIMEOUT, || async {
        let full = butler.attr_of("#report-walk", "data-full").await?;
        let names: Vec<String> = butler
            .js("return Array.from(document.querySelectorAll('#report-not-walked li')).map(l => l.textContent.trim());", vec![])
            .await?;
        let names: BTreeSet<String> = names.into_iter().collect();
        Ok((full.as_deref() == Some("false") && names == others).then_some(names))
    })
    .await;
    let not_walked = butler.explain(not_walked).await?;
    progress(format_args!("butler1: report of {round} names {not_walked:?} as not walked"));

    butler.click("a#nav-patrol").await?;
    butler.click("a#patrol-coverage-link").await?;
    let uncounted =
        wait_until("butler1: a partial round is not today's round", UI_TIMEOUT, || async {
            let met = butler.attr_of("#coverage-rounds", "data-met").await?;
            let partial = butler.attr_of("#coverage-rounds", "data-partial").await?;
            Ok(met.as_deref() == Some("false") && partial.as_deref() == Some("1"))
        })
        .await;
    butler.explain(uncounted).await?;

    // The office marks the finding done (as the department would, through its steps).
    butler.wait_synced().await?;
    let mut office = ApiDevice::login(server, "office", "e2e-patrol-office").await?;
    let finding = wait_value("the server holds the round's finding", SYNC_TIMEOUT, || async {
        let ids = office.findings_of(&round).await?;
        Ok((ids.len() == 1).then(|| ids.into_iter().next()).flatten())
    })
    .await?;
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis() as u64;
    for (n, (field, value)) in [
        ("status", json!("assigned")),
        ("status", json!("in_progress")),
        ("done_at", json!(now)),
        ("status", json!("done")),
    ]
    .into_iter()
    .enumerate()
    {
        let reply = office.set("request", &finding, field, value, now + n as u64 + 1).await?;
        if reply["rejections"].as_array().is_some_and(|r| !r.is_empty()) {
            return fail(format!("office: {field} refused: {reply}"));
        }
    }

    butler.click("a#nav-day").await?;
    let recheck = format!("#day-rechecks li.recheck[data-request='{finding}']");
    let only_recheck =
        wait_until("butler1: the finding is a re-check on My day", SYNC_TIMEOUT, || async {
            butler
                .js::<bool>("return !!document.querySelector(arguments[0]);", vec![json!(recheck)])
                .await
        })
        .await;
    butler.explain(only_recheck).await?;
    let callback = format!("#day-callbacks a.day-item[data-id='{finding}']");
    let called: bool =
        butler.js("return !!document.querySelector(arguments[0]);", vec![json!(callback)]).await?;
    if called {
        return fail(format!("butler1: finding {finding} is listed as a call-back due"));
    }
    Ok(())
}
