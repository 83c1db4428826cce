//! End-to-end tests of Guanjia: the real `guanjia` server binary as a child process and
//! headless Chromium browsers driven over WebDriver (one `chromedriver`, one session per
//! simulated device), reading the state only through the app's DOM contract.
//!
//! # Running
//!
//! The tests need two build products and fail (never skip) with the command that makes
//! whichever is missing:
//!
//! - the app bundle, a release Trunk build in `<workspace>/dist` (override: `GUANJIA_DIST`),
//!   made by `scripts/test.sh` / `scripts/run.sh` (function `build_app` in
//!   `scripts/toolchain.sh`: `trunk build --release --offline` with the wasm environment of
//!   `docs/building.md`);
//! - the server binary `guanjia` next to the test executable's `target/debug/`
//!   (override: `GUANJIA_BIN`), made by `cargo build -p server --bin guanjia`.
//!
//! ```text
//! export CARGO_TARGET_DIR=$HOME/.cache/guanjia/target
//! cargo build -p server --bin guanjia
//! GUANJIA_BIN=$CARGO_TARGET_DIR/debug/guanjia GUANJIA_DIST=$PWD/dist \
//!     cargo test -p e2e -- --test-threads=1
//! ```
//!
//! `CHROMEDRIVER` (default `/usr/bin/chromedriver`) and `CHROME_BIN` (default
//! `/usr/bin/chromium`) choose the browser. `scripts/test.sh` runs exactly the above.

pub mod actions;
pub mod api;
pub mod app;
pub mod audit;
pub mod blobs;
pub mod browser;
pub mod converge;
pub mod duties;
pub mod fleet;
pub mod instances;
pub mod paths;
pub mod patrol;
pub mod pdf;
pub mod photos;
pub mod proxy;
pub mod register;
pub mod requests;
pub mod roles;
pub mod scenario;
pub mod server;
pub mod tabs;
pub mod wait;

pub use api::ApiDevice;
pub use app::{Badge, ConflictRow, RequestRow};
pub use browser::{Browser, ChromeDriver};
pub use instances::Instances;
pub use photos::Fixture;
pub use requests::TimelineEntry;
pub use scenario::{concurrent_phone_edits, on_one_request, report, three_devices_on_one_request};
pub use server::{DemoSeed, Server};
pub use wait::{wait_until, wait_value};

/// Every harness step can fail with a message that says what went wrong; tests return it
/// instead of panicking so the browsers are still closed cleanly.
pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Builds a [`TestResult`] error from a message (the harness has no error enum: every failure
/// ends the test, and the text is all a reader needs).
pub fn fail<T>(message: impl Into<String>) -> TestResult<T> {
    Err(message.into().into())
}

/// A TCP port that was free a moment ago on 127.0.0.1. Asking the OS (bind to port 0) keeps
/// parallel test binaries from colliding; the server needs a fixed port because it must come
/// back on the same origin after being killed.
pub fn free_port() -> TestResult<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// A value unique to this run (milliseconds since the epoch), so texts typed by one run never
/// match rows left by another.
pub fn unique_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or_default()
}

/// Prints a timestamped step ("+12.3s butler1: logged in") to the test's captured output,
/// which cargo shows when the test fails: the trail says how far a failed scenario got.
pub fn progress(message: impl std::fmt::Display) {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let start = START.get_or_init(std::time::Instant::now);
    eprintln!("+{:.1}s {message}", start.elapsed().as_secs_f64());
}

/// The simulated devices of a scenario and their chromedriver. Browsers come first so that
/// on an early drop their sessions end before chromedriver is killed.
pub struct Devices {
    pub browsers: Vec<Browser>,
    pub driver: ChromeDriver,
}

impl Devices {
    /// Closes every session (so no Chromium outlives the test) and then returns the test's
    /// own outcome: a failure of the scenario wins over a failure to close.
    pub async fn finish(self, outcome: TestResult) -> TestResult {
        progress("closing browsers");
        for browser in self.browsers {
            browser.close().await;
        }
        drop(self.driver);
        progress("browsers closed");
        outcome
    }
}
