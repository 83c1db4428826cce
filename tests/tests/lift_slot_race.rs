//! Issue 25 point 3: two butlers of one area book the same service-lift slot offline. The
//! booking's id is the slot's (building, day, start), so both tablets write the same record;
//! the server keeps the first that reaches it and refuses every change of the second
//! (`slot_taken`). The second tablet says so on the moving page and books another slot with
//! what was typed kept; the server ends with both households' bookings, one per slot. Then
//! butler2's My day lists the rebooked move; security (guard1) marks a release pass used at
//! the gate, and the office's server holds it.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, wait_until, wait_value, ApiDevice, Browser, Server, TestResult};
use serde_json::Value;
use std::collections::BTreeMap;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lift_slot_race() {
    e2e::scenario::with_browsers(
        Server::start().await,
        &["butler1", "butler2", "guard1"],
        |server, b| Box::pin(scenario(server, &b[0], &b[1], &b[2])),
    )
    .await;
}

/// The value of `field` in the records of `kind` among pulled changes, by record id.
fn values<'a>(changes: &'a [Value], kind: &str, field: &str) -> BTreeMap<&'a str, &'a Value> {
    let mut out = BTreeMap::new();
    for c in changes.iter().filter(|c| c["kind"] == kind && c["field"] == field) {
        out.insert(c["id"].as_str().unwrap_or_default(), &c["value"]);
    }
    out
}

/// Butler1's area's name, and two units of one building in it.
async fn area_and_two_units(server: &Server) -> TestResult<(String, String, String)> {
    let api = ApiDevice::login(server, "butler1", "e2e-lift-look").await?;
    let changes = api.pull_all().await?;
    let usernames = values(&changes, "staff", "username");
    let areas = values(&changes, "staff", "area");
    let Some((me, _)) = usernames.iter().find(|(_, u)| u.as_str() == Some("butler1")) else {
        return fail("butler1's staff record is not in its scope");
    };
    let Some(area) = areas.get(me).and_then(|a| a.as_str()) else {
        return fail("butler1 has no area");
    };
    let names = values(&changes, "area", "name");
    let Some(name) = names.get(area).and_then(|n| n.as_str()) else {
        return fail("butler1's area has no name");
    };
    let mut by_building: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (unit, building) in values(&changes, "unit", "building") {
        by_building.entry(building.as_str().unwrap_or_default()).or_default().push(unit);
    }
    let Some(units) = by_building.values().find(|u| u.len() >= 2) else {
        return fail("no building of butler1's area has two units");
    };
    Ok((name.to_owned(), units[0].to_owned(), units[1].to_owned()))
}

/// Books the lift for `unit` on the day after tomorrow, in slot `slot` (or the first slot
/// offered when `None`); returns the slot booked.
async fn book(b: &Browser, unit: &str, slot: Option<&str>, goods: &str) -> TestResult<String> {
    b.open_in_app(&format!("/moving/book?unit={unit}")).await?;
    let day: String = b
        .js(
            "const d = new Date(Date.now() + 2 * 864e5); return d.toLocaleDateString('sv');",
            vec![],
        )
        .await?;
    b.set_value("#booking-day", &day).await?;
    let first = first_slot(b).await?;
    let slot = slot.map_or(first, str::to_owned);
    b.set_value("#booking-slot", &slot).await?;
    b.type_into("#booking-goods", goods).await?;
    b.click("#booking-save").await?;
    progress(format_args!("{} booked the lift on {day}, slot {slot}, for {unit}", b.name));
    Ok(slot)
}

/// The first slot the booking form offers.
async fn first_slot(b: &Browser) -> TestResult<String> {
    let js = "const o = document.querySelector('#booking-slot option:not([value=\"\"])');
return o ? o.value : null;";
    wait_value("the booking form offers a slot", UI_TIMEOUT, || async {
        b.js::<Option<String>>(js, vec![]).await
    })
    .await
}

async fn scenario(
    server: &mut Server,
    first: &Browser,
    second: &Browser,
    guard: &Browser,
) -> TestResult {
    let (area, unit_a, unit_b) = area_and_two_units(server).await?;
    server.set_area("butler2", &area)?;
    tokio::try_join!(
        login_and_sync(first, "butler1"),
        login_and_sync(second, "butler2"),
        login_and_sync(guard, "guard1")
    )?;
    first.set_offline(true).await?;
    second.set_offline(true).await?;
    let slot = book(first, &unit_a, None, "E2E 家具一批（甲）").await?;
    book(second, &unit_b, Some(&slot), "E2E 钢琴一台（乙）").await?;
    first.wait_pending().await?;
    second.wait_pending().await?;

    first.set_offline(false).await?;
    first.wait_synced().await?;
    second.set_offline(false).await?;
    let taken = wait_until("butler2: /moving says the slot was taken", SYNC_TIMEOUT, || async {
        second.open_in_app("/moving").await?;
        second.has(".slot-taken").await
    })
    .await;
    second.explain(taken).await?;
    progress(format_args!(
        "butler2 reads: {}",
        second.text_of(".slot-taken").await?.unwrap_or_default()
    ));
    second.click("#booking-rebook").await?;
    let kept = wait_until("butler2: the rebooking keeps what was typed", UI_TIMEOUT, || async {
        let goods: Option<String> =
            second.js("return document.querySelector('#booking-goods')?.value;", vec![]).await?;
        Ok(goods.is_some_and(|g| g.contains("钢琴")))
    })
    .await;
    second.explain(kept).await?;
    let other = other_slot(second, &slot).await?;
    second.set_value("#booking-slot", &other).await?;
    second.click("#booking-save").await?;
    second.wait_synced().await?;

    let office = ApiDevice::login(server, "office", "e2e-lift-office").await?;
    let changes = office.pull_all().await?;
    let units = values(&changes, "moving_booking", "unit");
    let slots = values(&changes, "moving_booking", "slot");
    let goods = values(&changes, "moving_booking", "goods");
    let held = |unit: &str| units.iter().find(|(_, u)| u.as_str() == Some(unit)).map(|(id, _)| *id);
    let (Some(a), Some(b)) = (held(&unit_a), held(&unit_b)) else {
        return fail(format!("the server lacks a booking: {units:?}"));
    };
    let slot_of = |id: &str| slots.get(id).map(|v| v.to_string().trim_matches('"').to_owned());
    if slot_of(a).as_deref() != Some(slot.as_str()) || slot_of(b).as_deref() != Some(other.as_str())
    {
        return fail(format!("slots held: {a} {:?}, {b} {:?}", slot_of(a), slot_of(b)));
    }
    let goods_of = |id: &str| goods.get(id).and_then(|g| g.as_str()).unwrap_or_default();
    if !goods_of(a).contains("甲") || !goods_of(b).contains("乙") {
        return fail(format!("the refused push touched the first booking: {:?}", goods_of(a)));
    }
    progress(format_args!("the server keeps butler1's slot {slot} and butler2's slot {other}"));
    // The move, two days off, is on butler2's day, under the slot it holds now.
    second.click("a#nav-day").await?;
    second.element(&format!("#day-moves li.day-move[data-booking='{b}']")).await?;
    guard_marks_a_pass_used(guard, &office).await
}

/// Another slot than `taken` in the booking form.
async fn other_slot(b: &Browser, taken: &str) -> TestResult<String> {
    let js = "const o = [...document.querySelectorAll('#booking-slot option')]
  .find(o => o.value && o.value !== arguments[0]); return o ? o.value : null;";
    wait_value("the booking form offers another slot", UI_TIMEOUT, || async {
        b.js::<Option<String>>(js, vec![serde_json::json!(taken)]).await
    })
    .await
}

/// Security opens the passes and marks the first issued one used; the server holds it used.
async fn guard_marks_a_pass_used(guard: &Browser, office: &ApiDevice) -> TestResult {
    guard.click("a#nav-duties").await?;
    guard.click("a#duty-passes").await?;
    let button = "button.pass-used";
    let pass = wait_value("guard1: an issued pass to mark used", UI_TIMEOUT, || async {
        guard.attr_of(button, "data-pass").await
    })
    .await?;
    guard.click(&format!("button.pass-used[data-pass='{pass}']")).await?;
    let used = format!("#passes li[data-pass='{pass}'][data-status='used']");
    let marked = wait_until("guard1: the pass shows used", UI_TIMEOUT, || guard.has(&used)).await;
    guard.explain(marked).await?;
    guard.wait_synced().await?;
    let held = wait_until("the server holds the pass used", SYNC_TIMEOUT, || async {
        let status = office.field("release_pass", &pass, "status").await?;
        Ok(status.as_ref().and_then(Value::as_str) == Some("used"))
    })
    .await;
    guard.explain(held).await?;
    progress(format_args!("guard1 marked pass {pass} used at the gate"));
    Ok(())
}
