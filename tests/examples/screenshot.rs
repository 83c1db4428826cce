//! Takes the README's screenshots with the real server and headless Chromium:
//! `cargo run -p e2e --example screenshot` writes `docs/screenshot.png` (the office's
//! request list), `docs/screenshot-tablet.png` (a butler's day, portrait) and
//! `docs/screenshot-request.png` (a request's detail on the tablet, whole page) and
//! `docs/screenshot-reports.png` (a supervisor's figures of the month on a desk).
//! Needs the same build products as the end-to-end tests.

use e2e::{Browser, ChromeDriver, DemoSeed, Server, TestResult};
use std::path::Path;

#[tokio::main]
async fn main() -> TestResult {
    // The demo with a year of history, as `scripts/run.sh` seeds it (fewer requests).
    let history = DemoSeed { units: 432, areas: None, requests: Some(1200) };
    let server = Server::start_with_demo(Some(history)).await?;
    let driver = ChromeDriver::start().await?;
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let docs = Path::new(&manifest).join("../docs");
    std::fs::create_dir_all(&docs)?;

    let office = Browser::open(&driver, "office", &server.url()).await?;
    office.login("office").await?;
    office.wait_synced().await?;
    office.goto("/").await?;
    office.wait_synced().await?;
    std::fs::write(docs.join("screenshot.png"), office.client().screenshot().await?)?;
    office.close().await;

    let butler = Browser::open(&driver, "butler1", &server.url()).await?;
    butler.client().set_window_size(800, 1200).await?;
    butler.login("butler1").await?;
    butler.wait_synced().await?;
    butler.element("#my-day").await?;
    std::fs::write(docs.join("screenshot-tablet.png"), butler.client().screenshot().await?)?;
    butler.click("a#nav-requests").await?;
    let first = e2e::wait_value("a request row", e2e::actions::UI_TIMEOUT, || async {
        Ok(butler.request_rows().await?.into_iter().find_map(|r| r.id))
    })
    .await?;
    butler.open_detail(&first).await?;
    let height: u32 = butler.js("return document.body.scrollHeight;", vec![]).await?;
    butler.client().set_window_size(800, height.clamp(1200, 4000) + 120).await?;
    std::fs::write(docs.join("screenshot-request.png"), butler.client().screenshot().await?)?;
    butler.close().await;

    let supervisor = Browser::open(&driver, "supervisor", &server.url()).await?;
    supervisor.login("supervisor").await?;
    supervisor.wait_synced().await?;
    supervisor.click("a#nav-reports").await?;
    supervisor.click("#period-picker button.period-kind[data-kind=\"month\"]").await?;
    e2e::wait_value("the month's figures", e2e::actions::UI_TIMEOUT, || async {
        let kind = supervisor.attr_of("#kpi-table", "data-kind").await?;
        Ok((kind.as_deref() == Some("month")).then_some(()))
    })
    .await?;
    std::fs::write(docs.join("screenshot-reports.png"), supervisor.client().screenshot().await?)?;
    supervisor.close().await;
    println!("wrote {}", docs.display());
    Ok(())
}
