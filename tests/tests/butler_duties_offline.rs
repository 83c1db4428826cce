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
use e2e::{fail, progress, wait_until, wait_value, Browser, Fixture, Server, TestResult};
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
    let renovation = check_a_renovation(butler).await?;
    let (arrears_unit, arrears) = log_a_call(butler).await?;
    let (visits, repair) = visit_three_households(butler).await?;
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

/// Opens a duty from the Duties tab, in the app (no page load: the server is down).
async fn open_duty(b: &Browser, duty: &str) -> TestResult {
    b.click("a#nav-duties").await?;
    b.click(&format!("a#duty-{duty}")).await
}

/// Checks the first active renovation not yet checked today: item 1 fails, a violation
/// with a photo; returns the renovation's id once it shows stopped.
async fn check_a_renovation(b: &Browser) -> TestResult<String> {
    open_duty(b, "renovations").await?;
    b.set_value("#reno-filter", "active").await?;
    let row = "tr.reno-row[data-status='approved'][data-checked='no']";
    let id =
        wait_value("butler1: an approved renovation not checked today", UI_TIMEOUT, || async {
            b.attr_of(row, "data-id").await
        })
        .await?;
    b.click(&format!("tr.reno-row[data-id='{id}'] a.reno-link")).await?;
    b.click("#reno-check-link").await?;
    b.click("#reno-item-0-fail").await?;
    b.type_into("#reno-violation", "擅自拆除承重墙 E2E").await?;
    b.attach_photo_to("#reno-check-photo-input", Fixture::Plain("#c33")).await?;
    let photo = wait_until("butler1: the check's photo is held", UI_TIMEOUT, || async {
        Ok(b.attr_of("#reno-check-photos", "data-count").await?.as_deref() == Some("1"))
    })
    .await;
    b.explain(photo).await?;
    b.click("#reno-check-submit").await?;
    let stopped =
        wait_until("butler1: the renovation is stopped with the violation", UI_TIMEOUT, || async {
            let status = b.attr_of(&format!("#renovation[data-id='{id}']"), "data-status").await?;
            let check = b.has("li.reno-check[data-result='violation'][data-stop='true']").await?;
            Ok(status.as_deref() == Some("stopped") && check)
        })
        .await;
    b.explain(stopped).await?;
    progress(format_args!("butler1 stopped renovation {id} offline"));
    Ok(id)
}

/// Logs a call with a promise to pay on an arrears whose second notice is out; returns its
/// unit and its id.
async fn log_a_call(b: &Browser) -> TestResult<(String, String)> {
    open_duty(b, "arrears").await?;
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

/// Visits three households never visited; the first raises a repair. Returns the visits'
/// ids and the repair's.
async fn visit_three_households(b: &Browser) -> TestResult<(Vec<String>, String)> {
    let mut visits = Vec::new();
    let mut repair = String::new();
    for n in 0..3 {
        open_duty(b, "visits").await?;
        let never = "tr.household[data-never='true'] a.visit-start";
        let link = wait_value("butler1: a household never visited", UI_TIMEOUT, || async {
            b.attr_of(never, "href").await
        })
        .await?;
        b.click(&format!("{never}[href='{link}']")).await?;
        b.set_value("#visit-outcome", "contacted").await?;
        b.click("button.visit-topic[data-topic='repairs']").await?;
        b.type_into("#visit-remarks", &format!("走访 E2E {n}")).await?;
        b.click("#visit-save").await?;
        let id = wait_value("butler1: the visit is saved", UI_TIMEOUT, || async {
            let id = b.attr_of("#visit-detail", "data-id").await?.filter(|i| !i.is_empty());
            let path = b.path().await?;
            Ok(id.filter(|id| path == format!("/visit/{id}")))
        })
        .await;
        let id = b.explain(id).await?;
        if n == 0 {
            b.click("#visit-raise-request").await?;
            b.type_into("textarea#req-description", "走访发现：厨房水管漏水 E2E").await?;
            if b.text_of("select#req-source").await?.as_deref() != Some("visit") {
                return fail("the request raised from a visit is not of source visit");
            }
            b.click("button#req-save").await?;
            repair = wait_value("butler1: the repair is saved", UI_TIMEOUT, || async {
                let rid = b.attr_of("#req-detail", "data-id").await?.filter(|i| !i.is_empty());
                let path = b.path().await?;
                Ok(rid.filter(|rid| path == format!("/requests/{rid}")))
            })
            .await?;
        }
        visits.push(id);
    }
    progress(format_args!("butler1 recorded visits {visits:?} and repair {repair} offline"));
    Ok((visits, repair))
}

/// After the reconnect, the office finds each record butler1 made.
async fn office_sees_everything(o: &Browser, r: &Recorded) -> TestResult {
    o.goto(&format!("/renovations/{}", r.renovation)).await?;
    let reno = wait_until(
        "office: the renovation is stopped with the violation and its photo",
        SYNC_TIMEOUT,
        || async {
            let status = o
                .attr_of(&format!("#renovation[data-id='{}']", r.renovation), "data-status")
                .await?;
            let check = o.has("li.reno-check[data-result='violation'][data-stop='true']").await?;
            let request = o.has("li.reno-check a.reno-check-request").await?;
            // An <img> only once the photo's bytes came from the server.
            let photo = o.has("li.reno-check ul.photo-strip img").await?;
            Ok(status.as_deref() == Some("stopped") && check && request && photo)
        },
    )
    .await;
    o.explain(reno).await?;
    o.goto(&format!("/arrears/unit/{}", r.arrears_unit)).await?;
    let call =
        format!("article.arrears-card[data-id='{}'] li.chase[data-method='call']", r.arrears);
    let chased = wait_until("office: the call is in the arrears' log", SYNC_TIMEOUT, || async {
        o.has(&call).await
    })
    .await;
    o.explain(chased).await?;
    for v in &r.visits {
        o.goto(&format!("/visit/{v}")).await?;
        let seen = wait_until("office: the visit, contacted", SYNC_TIMEOUT, || async {
            let outcome =
                o.attr_of(&format!("#visit-detail[data-id='{v}']"), "data-outcome").await?;
            Ok(outcome.as_deref() == Some("contacted"))
        })
        .await;
        o.explain(seen).await?;
    }
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
