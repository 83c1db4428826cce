//! Reading the app's state through the DOM contract (the ids, classes and `data-*` attributes
//! the pages promise; see `docs/ARCHITECTURE.md`, "Tests"): the
//! sync badge, request rows, the detail page and conflict rows. Reads go through one small
//! script each, so a re-render between two WebDriver calls cannot give a torn view.

use crate::{Browser, TestResult};
use serde::Deserialize;
use serde_json::{json, Value};

/// `#sync-badge` as the user sees it.
#[derive(Debug, Clone, Deserialize)]
pub struct Badge {
    pub online: Option<String>,
    pub pending: Option<String>,
    pub last_sync: Option<String>,
}

impl Badge {
    /// `data-pending` as a number (`None` when absent or not a number: a contract breach).
    pub fn pending(&self) -> Option<u64> {
        self.pending.as_deref().and_then(|p| p.trim().parse().ok())
    }

    /// `data-online="true"`.
    pub fn is_online(&self) -> bool {
        self.online.as_deref() == Some("true")
    }

    /// `data-online="false"`.
    pub fn is_offline(&self) -> bool {
        self.online.as_deref() == Some("false")
    }

    /// Online, nothing waiting, and at least one sync has succeeded.
    pub fn is_synced(&self) -> bool {
        self.is_online()
            && self.pending() == Some(0)
            && self.last_sync.as_deref().is_some_and(|s| !s.trim().is_empty())
    }
}

/// One `[data-testid="request-row"]` of the list.
#[derive(Debug, Clone, Deserialize)]
pub struct RequestRow {
    pub id: Option<String>,
    pub pending: Option<String>,
    pub status: Option<String>,
    pub text: String,
}

impl RequestRow {
    /// `data-pending="true"`: the row has changes not yet accepted by the server.
    pub fn is_pending(&self) -> bool {
        self.pending.as_deref() == Some("true")
    }
}

/// One `[data-testid="conflict-row"]` of the conflicts page.
#[derive(Debug, Clone, Deserialize)]
pub struct ConflictRow {
    pub target_id: Option<String>,
    pub text: String,
}

const BADGE_JS: &str = "const b = document.querySelector('#sync-badge');
if (!b) return null;
return { online: b.getAttribute('data-online'), pending: b.getAttribute('data-pending'),
         last_sync: b.getAttribute('data-last-sync') };";

const ROWS_JS: &str = "return Array.from(document.querySelectorAll('[data-testid=\"request-row\"]'))
  .map(r => ({ id: r.getAttribute('data-id'), pending: r.getAttribute('data-pending'),
               status: r.getAttribute('data-status'), text: r.innerText || r.textContent || '' }));";

const CONFLICTS_JS: &str =
    "return Array.from(document.querySelectorAll('[data-testid=\"conflict-row\"]'))
  .map(r => ({ target_id: r.getAttribute('data-target-id'),
               text: r.innerText || r.textContent || '' }));";

/// Text of the first element matching `arguments[0]`: the value of a form control, else its
/// rendered text; `null` when absent.
const TEXT_JS: &str = "const e = document.querySelector(arguments[0]);
if (!e) return null;
if ('value' in e && ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.tagName)) return e.value;
return e.innerText || e.textContent || '';";

impl Browser {
    /// The sync badge, or `None` when it is not on the page (logged out, still loading).
    pub async fn badge(&self) -> TestResult<Option<Badge>> {
        self.js(BADGE_JS, vec![]).await
    }

    /// Every request row currently rendered.
    pub async fn request_rows(&self) -> TestResult<Vec<RequestRow>> {
        self.js(ROWS_JS, vec![]).await
    }

    /// The row of request `id`, if rendered.
    pub async fn request_row(&self, id: &str) -> TestResult<Option<RequestRow>> {
        let rows = self.request_rows().await?;
        Ok(rows.into_iter().find(|r| r.id.as_deref() == Some(id)))
    }

    /// Every conflict row currently rendered.
    pub async fn conflict_rows(&self) -> TestResult<Vec<ConflictRow>> {
        self.js(CONFLICTS_JS, vec![]).await
    }

    /// Value or text of the element matching `selector` (`None` when absent).
    pub async fn text_of(&self, selector: &str) -> TestResult<Option<String>> {
        self.js(TEXT_JS, vec![json!(selector)]).await
    }

    /// An attribute of the element matching `selector` (`None` when element or attribute is
    /// absent).
    pub async fn attr_of(&self, selector: &str, attribute: &str) -> TestResult<Option<String>> {
        let script = "const e = document.querySelector(arguments[0]);
return e ? e.getAttribute(arguments[1]) : null;";
        self.js(script, vec![json!(selector), json!(attribute)]).await
    }

    /// Values of the non-empty options of `select#req-unit` (the units the device holds).
    pub async fn unit_options(&self) -> TestResult<Vec<String>> {
        let script = "const s = document.querySelector('select#req-unit');
if (!s) return [];
return Array.from(s.options).map(o => o.value).filter(v => v !== '');";
        self.js(script, vec![]).await
    }

    /// Whether a service worker controls this page, i.e. a reload can start the app with the
    /// server gone.
    pub async fn service_worker_controls(&self) -> TestResult<bool> {
        let script = "return !!(navigator.serviceWorker && navigator.serviceWorker.controller);";
        self.js::<Value>(script, vec![]).await.map(|v| v == json!(true))
    }

    /// Path part of the current URL (e.g. `/requests/abc`).
    pub async fn path(&self) -> TestResult<String> {
        Ok(self.client().current_url().await?.path().to_string())
    }
}
