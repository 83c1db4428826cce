//! When the app's WebAssembly cannot be fetched (offline with nothing cached, a broken
//! deployment), the start-up screen says the app could not load instead of "loading" forever,
//! in the language chosen on this device (issue 26 point 4): index.html's inline script reads
//! it from localStorage before the wasm loads, under the page's Content-Security-Policy.

use e2e::actions::UI_TIMEOUT;
use e2e::{report, wait_until, Browser, ChromeDriver, Devices, Server, TestResult};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_that_cannot_load_says_so() {
    let dist = match without_wasm() {
        Ok(d) => d,
        Err(e) => return report(Err(e), None),
    };
    let server = match Server::start_with_dist(dist.path().to_path_buf()).await {
        Ok(s) => s,
        Err(e) => return report(Err(e), None),
    };
    let outcome = async {
        let driver = ChromeDriver::start().await?;
        let browser = Browser::open(&driver, "visitor", &server.url()).await?;
        let devices = Devices { browsers: vec![browser], driver };
        let outcome = scenario(&devices.browsers[0]).await;
        devices.finish(outcome).await
    }
    .await;
    report(outcome, Some(&server));
}

/// A copy of the built app without its `.wasm` file.
fn without_wasm() -> TestResult<tempfile::TempDir> {
    let dir = tempfile::Builder::new().prefix("guanjia-broken-dist-").tempdir()?;
    for entry in std::fs::read_dir(e2e::paths::dist_dir()?)? {
        let path = entry?.path();
        let wasm = path.extension().is_some_and(|e| e == "wasm");
        if path.is_file() && !wasm {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap_or_default()))?;
        }
    }
    Ok(dir)
}

async fn scenario(browser: &Browser) -> TestResult {
    browser.goto("/login").await?;
    said_in(browser, "zh-CN", "无法载入", "could not load").await?;
    // The choice the app stores when the user switches language (platform.rs, LANG_KEY).
    let _: serde_json::Value =
        browser.js("localStorage.setItem('guanjia.lang', 'en'); return null;", vec![]).await?;
    browser.goto("/login").await?;
    said_in(browser, "en", "could not load", "无法载入").await
}

/// Waits until the splash says the app could not load in one language (`<html lang>` is
/// `lang`, the text holds `words` and not `other`).
async fn said_in(browser: &Browser, lang: &str, words: &str, other: &str) -> TestResult {
    let what = format!(
        "the splash says the app could not load (#splash .splash-text has {words:?}, not \
         {other:?}) and <html lang={lang:?}>"
    );
    let said = wait_until(&what, UI_TIMEOUT, || async {
        let text = browser.text_of("#splash .splash-text").await?;
        let page_lang = browser.attr_of("html", "lang").await?;
        Ok(text.is_some_and(|t| t.contains(words) && !t.contains(other))
            && page_lang.as_deref() == Some(lang))
    })
    .await;
    browser.explain(said).await
}
