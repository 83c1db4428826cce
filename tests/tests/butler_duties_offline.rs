//! Issue 24 point 6: a butler's other field duties, offline, reach the office after one
//! reconnect, and the unpaid arrears reaches the supervisor's day three days later.
//!
//! With the server down, butler1 checks an active renovation of the area and records a
//! violation with a photo (the check, the stop order and the rectification request in one
//! save), logs a call on an arrears finance has sent its second notice for, with a promised
//! date, and records three home visits, the first raising a repair (source `visit`), which
//! My day counts against the area's visit plan. The
//! server comes back once: butler1's badge settles, and the office finds the renovation
//! stopped with the violation and its photo, the call in the arrears' log, the three visits
//! and the repair. The supervisor's day does not list the arrears as escalated; the server is
//! restarted with its clock three days on, and then it does.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, wait_until, wait_value, Browser, Server, TestResult};
use std::time::Instant;

const DAY_SECS: i64 = 86_400;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn butler_duties_offline() {
    e2e::scenario::with_browsers(
        Server::start().await,
        &["butler1", "office", "supervisor"],
        |server, b| Box::pin(scenario(server, &b[0], &b[1], &b[2])),
    )
    .await;
}

/// What butler1 recorded offline, to be found on the office's screens.
struct Recorded {
    renovation: String,
    arrears_unit: String,
    arrears: String,
    visits: Vec<String>,
    repair: String,
}

async fn scenario(
    server: &mut Server,
    butler: &Browser,
    office: &Browser,
    boss: &Browser,
) -> TestResult {
    tokio::try_join!(
        login_and_sync(butler, "butler1"),
        login_and_sync(office, "office"),
        login_and_sync(boss, "supervisor")
    )?;
    let contacted = day_visits(butler).await?;
    server.kill()?;
    let renovation = butler.check_a_renovation().await?;
    let (arrears_unit, arrears) = log_a_call(butler).await?;
    let (visits, repair) = butler.visit_households(3).await?;
    let recorded = Recorded { renovation, arrears_unit, arrears, visits, repair };
    let now =
        wait_until("butler1: My day counts the three households contacted", UI_TIMEOUT, || async {
            Ok(day_visits(butler).await? == contacted + 3)
        })
        .await;
    butler.explain(now).await?;
    let pending = butler.wait_pending().await?;
    progress(format_args!("butler1 offline holds {pending:?}"));

    server.restart().await?;
    let reconnect = Instant::now();
    butler.wait_synced().await?;
    office_sees_everything(office, &recorded).await?;
    progress(format_args!(
        "the office saw the last record {:.1} s after the server came back",
        reconnect.elapsed().as_secs_f64()
    ));
    escalates_three_days_on(server, boss, &recorded.arrears).await
}

/// The households of the plan under way contacted, as My day counts them.
async fn day_visits(b: &Browser) -> TestResult<u64> {
    b.click("a#nav-day").await?;
    let num = wait_value("butler1: My day shows the visit plan under way", UI_TIMEOUT, || async {
        let n = b.attr_of("#day-visits", "data-num").await?;
        Ok(n.and_then(|n| n.parse::<u64>().ok()))
    })
    .await?;
    Ok(num)
}

/// Logs a call with a promise to pay on an arrears whose second notice is out; returns its
/// unit and its id.
async fn log_a_call(b: &Browser) -> TestResult<(String, String)> {
    b.open_duty("arrears").await?;
    b.set_value("#arrears-stage", "to_chase").await?;
    let unit = "li.arrears-unit[data-stage='to_chase']";
    let unit_id = wait_value("butler1: a unit with an arrears to chase", UI_TIMEOUT, || async {
        b.attr_of(unit, "data-unit").await
    })
    .await?;
    b.click(&format!("li.arrears-unit[data-unit='{unit_id}'] a.arrears-unit-link")).await?;
    let fee = "li.arrears-fee[data-stage='to_chase']";
    let id = wait_value("butler1: the arrears to chase on the unit's page", UI_TIMEOUT, || async {
        b.attr_of(fee, "data-id").await
    })
    .await?;
    if b.has("#chase-arrears").await? {
        b.set_value("#chase-arrears", &id).await?;
    }
    b.set_value("#chase-method", "call").await?;
    b.set_value("#chase-result", "promised").await?;
    b.element("#chase-promised").await?;
    b.set_value("#chase-promised", &promised_date(b).await?).await?;
    b.type_into("#chase-note", "业主承诺本周内缴清 E2E").await?;
    b.click("#chase-save").await?;
    let call = format!("article.arrears-card[data-id='{id}'] li.chase[data-method='call']");
    let logged = wait_until("butler1: the call is in the arrears' log", UI_TIMEOUT, || async {
        b.has(&call).await
    })
    .await;
    b.explain(logged).await?;
    progress(format_args!("butler1 logged a call on arrears {id} offline"));
    Ok((unit_id, id))
}

/// Two days from the browser's today, as a date input takes it.
async fn promised_date(b: &Browser) -> TestResult<String> {
    let script = "const d = new Date(Date.now() + 2 * 86400000);
return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');";
    b.js(script, vec![]).await
}

/// After the reconnect, the office finds each record butler1 made.
async fn office_sees_everything(o: &Browser, r: &Recorded) -> TestResult {
    o.sees_renovation_stopped(&r.renovation).await?;
    o.goto(&format!("/arrears/unit/{}", r.arrears_unit)).await?;
    let call =
        format!("article.arrears-card[data-id='{}'] li.chase[data-method='call']", r.arrears);
    let chased = wait_until("office: the call is in the arrears' log", SYNC_TIMEOUT, || async {
        o.has(&call).await
    })
    .await;
    o.explain(chased).await?;
    o.sees_visits_contacted(&r.visits).await?;
    o.open_detail(&r.repair).await?;
    Ok(())
}

/// The arrears is not on the supervisor's day as escalated, until the server's clock is
/// three days on.
async fn escalates_three_days_on(server: &mut Server, boss: &Browser, id: &str) -> TestResult {
    let escalated = format!("#day-arrears-escalated a.day-arrears[data-id='{id}']");
    boss.click("a#nav-day").await?;
    boss.wait_synced().await?;
    boss.element("#day-arrears-escalated").await?;
    if boss.has(&escalated).await? {
        return fail("the arrears is escalated before three days have passed");
    }
    server.move_clock_on(3 * DAY_SECS + 60).await?;
    let shown = wait_until("supervisor: the arrears escalated on My day", SYNC_TIMEOUT, || async {
        boss.has(&escalated).await
    })
    .await;
    boss.explain(shown).await
}
