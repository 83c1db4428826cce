//! Takes the README's screenshots with the real server and headless Chromium:
//! `cargo run -p e2e --example screenshot` writes `docs/screenshot.png` (the office's
//! request list) and `docs/screenshot-tablet.png` (a butler's request detail, portrait).
//! Needs the same build products as the end-to-end tests.

use e2e::{Browser, ChromeDriver, Server, TestResult};
use std::path::Path;

#[tokio::main]
async fn main() -> TestResult {
    let server = Server::start().await?;
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
    let first = butler.request_rows().await?.into_iter().find_map(|r| r.id);
    if let Some(id) = first {
        butler.open_detail(&id).await?;
    }
    std::fs::write(docs.join("screenshot-tablet.png"), butler.client().screenshot().await?)?;
    butler.close().await;
    println!("wrote {}", docs.display());
    Ok(())
}
