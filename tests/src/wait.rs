//! Waiting for a condition, never for a time: poll every 50 ms until it holds, or fail with
//! what was awaited (and the last value seen) when the deadline passes.

use crate::{fail, TestResult};
use std::future::Future;
use std::time::{Duration, Instant};

/// How often conditions are re-checked: short enough that "within 2 s" measurements are
/// meaningful, long enough not to hammer chromedriver.
pub const POLL: Duration = Duration::from_millis(50);

/// Polls `check` until it returns `Ok(true)`. Errors from `check` count as "not yet" (the page
/// may be mid-render or mid-navigation) and are reported if the deadline passes.
pub async fn wait_until<F, Fut>(description: &str, timeout: Duration, mut check: F) -> TestResult
where
    F: FnMut() -> Fut,
    Fut: Future<Output = TestResult<bool>>,
{
    wait_value(description, timeout, || {
        let fut = check();
        async move { fut.await.map(|ok| ok.then_some(())) }
    })
    .await
}

/// Polls `probe` until it yields `Some(value)` and returns that value; on timeout the error
/// names `description` and the last probe error, if any.
pub async fn wait_value<T, F, Fut>(
    description: &str,
    timeout: Duration,
    mut probe: F,
) -> TestResult<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = TestResult<Option<T>>>,
{
    let deadline = Instant::now() + timeout;
    let mut last_error = None;
    loop {
        match probe().await {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => {}
            Err(e) => last_error = Some(e.to_string()),
        }
        if Instant::now() >= deadline {
            let detail = last_error.map(|e| format!(" (last error: {e})")).unwrap_or_default();
            return fail(format!(
                "timed out after {timeout:?} waiting until {description}{detail}"
            ));
        }
        tokio::time::sleep(POLL).await;
    }
}
