//! A request's way through the desk, through the DOM contract of the detail page: dispatch,
//! status buttons, the call-back panel and the history timeline (`docs/ARCHITECTURE.md`,
//! "Tests"). Each step waits for its visible effect.

use crate::actions::UI_TIMEOUT;
use crate::wait::wait_value;
use crate::{progress, Browser, TestResult};
use serde::Deserialize;
use serde_json::json;

/// One entry of `#timeline`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TimelineEntry {
    /// `data-type`: an event type, `comment` or `callback`.
    pub kind: String,
    /// `data-to`: the status moved to, the call-back's satisfaction or result.
    pub to: String,
    /// `data-synced="true"`: the server's receipt is known.
    pub synced: bool,
}

const TIMELINE_JS: &str = "return Array.from(document.querySelectorAll('#timeline li.event'))
  .map(e => ({ kind: e.dataset.type || '', to: e.dataset.to || '',
               synced: e.dataset.synced === 'true' }));";

impl Browser {
    /// Chooses `value` in the `<select>` matching `selector` (change events fire).
    pub async fn select(&self, selector: &str, value: &str) -> TestResult {
        self.element(selector).await?.select_by_value(value).await?;
        Ok(())
    }

    /// Waits until the detail page shows status `status` (`#detail-status[data-status]`).
    pub async fn wait_status(&self, status: &str) -> TestResult {
        let what = format!("{}: #detail-status has data-status={status}", self.name);
        let shown = wait_value(&what, UI_TIMEOUT, || async {
            let now = self.attr_of("#detail-status", "data-status").await?;
            Ok((now.as_deref() == Some(status)).then_some(()))
        })
        .await;
        self.explain(shown).await
    }

    /// Presses the status button to `next` and waits until the request shows it.
    pub async fn move_to(&self, next: &str) -> TestResult {
        self.click(&format!("button[data-next-status=\"{next}\"]")).await?;
        self.wait_status(next).await?;
        progress(format_args!("{}: moved the request to {next}", self.name));
        Ok(())
    }

    /// Writes `result` into the close form, presses its button (enabled once every gate of
    /// `shared::request::closing` is met) and waits until the request shows closed.
    pub async fn close_with(&self, result: &str) -> TestResult {
        self.type_into("#close-result", result).await?;
        self.move_to("closed").await
    }

    /// Dispatches the open request to the department and assignee the routing rules chose
    /// (the pickers come prefilled); returns the department's id.
    pub async fn dispatch_as_routed(&self) -> TestResult<String> {
        let what = format!("{}: #dispatch-department is prefilled by the routing rules", self.name);
        let department = wait_value(&what, UI_TIMEOUT, || async {
            Ok(self.text_of("#dispatch-department").await?.filter(|d| !d.is_empty()))
        })
        .await;
        let department = self.explain(department).await?;
        self.click("#dispatch-save").await?;
        self.wait_status("assigned").await?;
        Ok(department)
    }

    /// Records a call-back that reached the resident, with `satisfaction`, and waits until
    /// the request shows `then` (called back, or reopened when dissatisfied).
    pub async fn call_back(&self, satisfaction: &str, comment: &str, then: &str) -> TestResult {
        self.select("#callback-result", "reached").await?;
        self.select("#callback-satisfaction", satisfaction).await?;
        self.type_into("#callback-comment", comment).await?;
        self.click("#callback-save").await?;
        self.wait_status(then).await?;
        progress(format_args!("{}: called back ({satisfaction}) -> {then}", self.name));
        Ok(())
    }

    /// The detail page's history, in the order shown.
    pub async fn timeline(&self) -> TestResult<Vec<TimelineEntry>> {
        self.js(TIMELINE_JS, vec![]).await
    }

    /// Text of `#detail-number` once it is not empty.
    pub async fn request_number(&self) -> TestResult<String> {
        let what = format!("{}: #detail-number shows the request's number", self.name);
        let n = wait_value(&what, UI_TIMEOUT, || async {
            Ok(self.text_of("#detail-number").await?.filter(|n| !n.trim().is_empty()))
        })
        .await;
        self.explain(n).await.map(|n| n.trim().to_owned())
    }

    /// Sets a form control's value by script (a `<select>` option or an input), firing the
    /// events a user's choice would, once the control is on the page.
    pub async fn set_value(&self, selector: &str, value: &str) -> TestResult {
        self.element(selector).await?;
        let script = "const e = document.querySelector(arguments[0]);
if (!e) return false;
e.value = arguments[1];
e.dispatchEvent(new Event('input', { bubbles: true }));
e.dispatchEvent(new Event('change', { bubbles: true }));
return e.value === arguments[1];";
        let set: bool = self.js(script, vec![json!(selector), json!(value)]).await?;
        if !set {
            return crate::fail(format!(
                "{}: {selector} cannot take the value {value:?}",
                self.name
            ));
        }
        Ok(())
    }
}
