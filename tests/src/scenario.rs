//! Set-up shared by the scenarios, and how a scenario's outcome becomes a test verdict.

use crate::actions::SYNC_TIMEOUT;
use crate::wait::wait_value;
use crate::{fail, progress, unique_suffix, Browser, ChromeDriver, Devices, Server, TestResult};

/// Logs `browser` in as `username` and waits until it holds the site: synced badge and a
/// non-empty request list (the demo site has open requests). Returns the listed ids.
pub async fn login_and_sync(browser: &Browser, username: &str) -> TestResult<Vec<String>> {
    browser.login(username).await?;
    browser.wait_synced().await?;
    // A butler lands on My day: the list is one in-app link away.
    browser.click("a#nav-requests").await?;
    let what = format!("{}: the request list shows the demo requests", browser.name);
    let ids = wait_value(&what, SYNC_TIMEOUT, || async {
        let ids: Vec<String> =
            browser.request_rows().await?.into_iter().filter_map(|r| r.id).collect();
        Ok((!ids.is_empty()).then_some(ids))
    })
    .await;
    browser.explain(ids).await
}

/// butler1 on two tablets (two browsers, so two replicas: areas are scoped, so two tablets
/// of one area edit the same requests) and the office, each logged in, synced, and all
/// looking at the detail page of the same request of butler1's area. Returns the devices
/// and that request's id.
pub async fn three_devices_on_one_request(server: &Server) -> TestResult<(Devices, String)> {
    let driver = ChromeDriver::start().await?;
    let url = server.url();
    let (tablet1, tablet2, office) = tokio::try_join!(
        Browser::open(&driver, "butler1", &url),
        Browser::open(&driver, "butler1-tablet2", &url),
        Browser::open(&driver, "office", &url),
    )?;
    let (butler_ids, _, office_ids) = tokio::try_join!(
        login_and_sync(&tablet1, "butler1"),
        login_and_sync(&tablet2, "butler1"),
        login_and_sync(&office, "office"),
    )?;
    let Some(id) = butler_ids.into_iter().find(|id| office_ids.contains(id)) else {
        return fail("no request of butler1's area is on the office's list");
    };
    tokio::try_join!(tablet1.open_detail(&id), tablet2.open_detail(&id), office.open_detail(&id))?;
    Ok((Devices { browsers: vec![tablet1, tablet2, office], driver }, id))
}

/// Runs a three-device scenario end to end: a fresh server, [`three_devices_on_one_request`],
/// then `scenario(server, [butler1, butler2, office], request id)`; browsers are closed and
/// the outcome [`report`]ed whatever happens.
pub async fn on_one_request(
    scenario: impl AsyncFnOnce(&mut Server, &[Browser], &str) -> TestResult,
) {
    let mut server = match Server::start().await {
        Ok(s) => s,
        Err(e) => return report(Err(e), None),
    };
    let outcome = async {
        let (devices, id) = three_devices_on_one_request(&server).await?;
        let outcome = scenario(&mut server, &devices.browsers, &id).await;
        devices.finish(outcome).await
    }
    .await;
    report(outcome, Some(&server));
}

/// A scenario over the running server and its browsers, boxed so one runner takes them all.
pub type Scenario<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = TestResult> + 'a>>;

/// Runs `scenario` on `server` with one browser per name in `users` (in that order), then
/// closes the browsers and turns the outcome into the test verdict ([`report`]).
pub async fn with_browsers<F>(server: TestResult<Server>, users: &[&str], scenario: F)
where
    F: for<'a> FnOnce(&'a mut Server, &'a [Browser]) -> Scenario<'a>,
{
    let mut server = match server {
        Ok(s) => s,
        Err(e) => return report(Err(e), None),
    };
    let outcome = async {
        let driver = ChromeDriver::start().await?;
        let mut browsers = Vec::new();
        for user in users {
            browsers.push(Browser::open(&driver, user, &server.url()).await?);
        }
        let devices = Devices { browsers, driver };
        let outcome = scenario(&mut server, &devices.browsers).await;
        devices.finish(outcome).await
    }
    .await;
    report(outcome, Some(&server));
}

/// Turns a scenario's outcome into the test verdict: a failure panics with the readable
/// message and the server's log (the usual `Result` return would print it Debug-escaped).
pub fn report(outcome: TestResult, server: Option<&Server>) {
    if let Err(e) = outcome {
        let log = server.map(Server::log).unwrap_or_else(|| "(not started)".into());
        let tail: Vec<&str> =
            log.lines().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
        panic!("{e}\n--- last server log lines ---\n{}", tail.join("\n"));
    }
}

/// Two butlers (browsers 0 and 1) change the contact phone of the request they show to two
/// different numbers while the server is down; the server comes back and the test waits until
/// all `browsers` show the same one of the two. Returns `(winner, loser)`.
pub async fn concurrent_phone_edits(
    server: &mut Server,
    browsers: &[Browser],
) -> TestResult<(String, String)> {
    let [butler1, butler2, ..] = browsers else {
        return fail("expected two tablets' browsers");
    };
    server.kill()?;
    let suffix = unique_suffix() % 100_000_000;
    let phone1 = format!("135{suffix:08}");
    let phone2 = format!("136{suffix:08}");
    for (butler, phone) in [(butler1, &phone1), (butler2, &phone2)] {
        butler
            .edit_detail(
                "input#edit-contact-phone",
                "button#save-contact-phone",
                "#detail-contact-phone",
                phone,
            )
            .await?;
    }
    tokio::try_join!(butler1.wait_pending(), butler2.wait_pending())?;
    progress("both butlers hold their edits in the outbox");

    server.restart().await?;
    let candidates = [phone1.clone(), phone2.clone()];
    let winner = wait_value(
        "all devices show the same one of the two phone numbers, badges synced",
        SYNC_TIMEOUT,
        || async {
            let mut shown = Vec::new();
            for browser in browsers {
                let text = browser.text_of("#detail-contact-phone").await?.unwrap_or_default();
                let synced = browser.badge().await?.is_some_and(|b| b.is_synced());
                let hits: Vec<&String> =
                    candidates.iter().filter(|c| text.contains(c.as_str())).collect();
                if !synced || hits.len() != 1 {
                    return Ok(None);
                }
                shown.push(hits[0].clone());
            }
            Ok(shown.iter().all(|s| *s == shown[0]).then(|| shown[0].clone()))
        },
    )
    .await;
    let winner = match winner {
        Ok(w) => w,
        Err(e) => {
            let mut seen = String::new();
            for b in browsers {
                let text = b.text_of("#detail-contact-phone").await.ok().flatten();
                let badge = b.badge().await.ok().flatten();
                seen.push_str(&format!(
                    "\n  {}: #detail-contact-phone {text:?}, badge {badge:?}",
                    b.name
                ));
            }
            return fail(format!("{e}{seen}"));
        }
    };
    let loser = if winner == phone1 { phone2 } else { phone1 };
    progress(format_args!("all devices show {winner}; {loser} lost"));
    Ok((winner, loser))
}
