//! When the app's WebAssembly cannot be fetched (offline with nothing cached, a broken
//! deployment), the start-up screen says the app could not load instead of "loading" forever.

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
    let said = wait_until(
        "the splash says the app could not load (#splash .splash-text)",
        UI_TIMEOUT,
        || async {
            let text = browser.text_of("#splash .splash-text").await?;
            Ok(text.is_some_and(|t| t.contains("could not load") && t.contains("无法载入")))
        },
    )
    .await;
    browser.explain(said).await
}
