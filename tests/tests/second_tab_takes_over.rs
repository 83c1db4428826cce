//! One engine per device (issue 23, point 4): a butler opens the app in a second tab of the
//! same tablet. That tab says the app is open elsewhere (and reads well on a tablet, in both
//! languages); the butler saves a request in the first tab with the server down, takes the
//! data over in the second ("Use here"), which holds that request and saves another, then
//! takes it back in the first and edits the first request. Once the server is back, it holds
//! every edit, each once, and refused nothing: no `seq` was handed out twice.
//!
//! With `GUANJIA_SHOTS=<dir>` the test also saves the "open elsewhere" screen there
//! (`elsewhere-zh.png`, `elsewhere-en.png`, tablet portrait).

use e2e::actions::UI_TIMEOUT;
use e2e::audit::{axe_source, TABLET};
use e2e::scenario::login_and_sync;
use e2e::{fail, unique_suffix, wait_until, ApiDevice, Browser, Server, TestResult};
use std::collections::BTreeMap;

/// The title of the screen, in each language (`i18n::Key::ElsewhereTitle`).
const TITLES: [(&str, &str); 2] =
    [("zh", "管家已在另一个标签页中打开"), ("en", "Guanjia is open in another tab")];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn second_tab_takes_over_and_nothing_is_lost() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1"], |server, b| {
        Box::pin(scenario(server, &b[0]))
    })
    .await;
}

async fn scenario(server: &mut Server, butler: &Browser) -> TestResult {
    login_and_sync(butler, "butler1").await?;
    let first = butler.current_tab().await?;
    let second = butler.open_tab("/").await?;
    butler.wait_elsewhere().await?;
    e2e::progress("butler1: the second tab says the app is open in another tab");
    elsewhere_reads_well(butler).await?;

    // Tab 1, server down: a request waits in the outbox.
    butler.switch_tab(&first).await?;
    server.kill()?;
    let suffix = unique_suffix();
    let (first_text, second_text) =
        (format!("E2E tab one {suffix}"), format!("E2E tab two {suffix}"));
    let edited_text = format!("E2E tab one, edited {suffix}");
    let phone = format!("139{:08}", suffix % 100_000_000);
    let units = butler.open_new_request_form().await?;
    let one = butler.create_request(&units[0], &first_text, &phone).await?;
    butler.wait_pending().await?;
    e2e::progress(format_args!("tab 1 saved {one} offline"));

    // Tab 2 takes the data over: it holds tab 1's unsent request, and saves another.
    butler.switch_tab(&second).await?;
    butler.use_here().await?;
    butler.click("a#nav-requests").await?;
    let holds = wait_until("tab 2 lists tab 1's request, pending", UI_TIMEOUT, || async {
        Ok(butler.request_row(&one).await?.is_some_and(|r| r.is_pending()))
    })
    .await;
    butler.explain(holds).await?;
    butler.open_new_request_form().await?;
    let two = butler.create_request(&units[1 % units.len()], &second_text, &phone).await?;
    e2e::progress(format_args!("tab 2 saved {two} offline"));

    // Tab 1 now says the app is open elsewhere; the butler takes it back and edits.
    butler.switch_tab(&first).await?;
    butler.wait_elsewhere().await?;
    butler.use_here().await?;
    let detail = wait_until("tab 1 shows request one's detail again", UI_TIMEOUT, || async {
        Ok(butler.attr_of("#req-detail", "data-id").await?.as_deref() == Some(one.as_str()))
    })
    .await;
    butler.explain(detail).await?;
    butler.edit_description(&edited_text).await?;
    butler.switch_tab(&second).await?;
    butler.wait_elsewhere().await?;
    butler.switch_tab(&first).await?;

    server.restart().await?;
    butler.wait_synced().await?;
    butler.no_refusals().await?;

    // The server holds each request once, as last edited.
    let office = ApiDevice::login(server, "office", "e2e-office-api").await?;
    let texts = descriptions(&office).await?;
    let ours: BTreeMap<&String, &String> =
        texts.iter().filter(|(_, t)| t.ends_with(&suffix.to_string())).collect();
    let want = BTreeMap::from([(&one, &edited_text), (&two, &second_text)]);
    if ours != want {
        return fail(format!("the server holds {ours:?}, expected {want:?}"));
    }
    Ok(())
}

/// Each request's last description on the server, by id.
async fn descriptions(api: &ApiDevice) -> TestResult<BTreeMap<String, String>> {
    let mut last: BTreeMap<String, (String, String)> = BTreeMap::new();
    for c in api.pull_all().await? {
        if c["kind"] != "request" || c["field"] != "description" {
            continue;
        }
        let (Some(id), Some(hlc)) = (c["id"].as_str(), c["hlc"].as_str()) else { continue };
        let text = c["value"].as_str().unwrap_or_default().to_owned();
        let entry = last.entry(id.to_owned()).or_default();
        if hlc > entry.0.as_str() {
            *entry = (hlc.to_owned(), text);
        }
    }
    Ok(last.into_iter().map(|(id, (_, text))| (id, text)).collect())
}

/// The "open elsewhere" screen on a portrait tablet, in Chinese and English: its title in
/// the language, and the accessibility audit of every page (`audit.js`) finds nothing.
async fn elsewhere_reads_well(b: &Browser) -> TestResult {
    let axe = axe_source()?;
    b.set_viewport(TABLET).await?;
    for (lang, title) in TITLES {
        b.set_lang(lang).await?;
        let shown = wait_until(&format!("the title reads {title:?}"), UI_TIMEOUT, || async {
            Ok(b.text_of("#elsewhere h2").await?.is_some_and(|t| t.contains(title)))
        })
        .await;
        b.explain(shown).await?;
        let audit = b.audit(&axe, lang, true).await?;
        if !audit.problems.is_empty() {
            return fail(format!("the elsewhere screen, {lang}: {:?}", audit.problems));
        }
        b.shot(&format!("elsewhere-{lang}")).await?;
    }
    b.set_lang("zh").await
}
