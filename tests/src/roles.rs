//! What a role is shown, read through the DOM contract: its navigation tabs, the status
//! moves the detail page offers, the refusal notices the header shows, and whether a
//! control is on the page — so a scenario can check that every button a role is offered is
//! one the real server takes.

use crate::actions::UI_TIMEOUT;
use crate::wait::wait_value;
use crate::{fail, Browser, TestResult};
use fantoccini::Locator;

impl Browser {
    /// The ids of the header's navigation links, in order.
    pub async fn nav_tabs(&self) -> TestResult<Vec<String>> {
        let script = "return Array.from(document.querySelectorAll('nav.tabs a')).map(a => a.id);";
        self.js(script, vec![]).await
    }

    /// The statuses the detail page's buttons offer (`button[data-next-status]`), sorted.
    pub async fn offered_moves(&self) -> TestResult<Vec<String>> {
        let script = "return Array.from(document.querySelectorAll('button[data-next-status]'))
  .map(b => b.dataset.nextStatus).sort();";
        self.js(script, vec![]).await
    }

    /// Waits until the buttons offer exactly `moves` (sorted), e.g. after a status change.
    pub async fn wait_offered(&self, moves: &[&str]) -> TestResult {
        let mut want: Vec<String> = moves.iter().map(|m| (*m).to_owned()).collect();
        want.sort();
        let what = format!("{}: the status buttons offer exactly {want:?}", self.name);
        let shown = wait_value(&what, UI_TIMEOUT, || async {
            Ok((self.offered_moves().await? == want).then_some(()))
        })
        .await;
        self.explain(shown).await
    }

    /// Whether an element matching `selector` is on the page now (no waiting).
    pub async fn has(&self, selector: &str) -> TestResult<bool> {
        Ok(!self.client().find_all(Locator::Css(selector)).await?.is_empty())
    }

    /// Fails when the header shows a refusal notice (`#notices .notice`): the server refused
    /// something the page offered. Call it once the badge says synced.
    pub async fn no_refusals(&self) -> TestResult {
        let script = "return Array.from(document.querySelectorAll('#notices .notice'))
  .map(n => (n.dataset.code || '') + ': ' + n.textContent.trim());";
        let notices: Vec<String> = self.js(script, vec![]).await?;
        if notices.is_empty() {
            Ok(())
        } else {
            fail(format!("{}: the server refused what the page offered: {notices:?}", self.name))
        }
    }

    /// Fails when any of `selectors` is on the page: controls this role must not be offered.
    pub async fn lacks(&self, selectors: &[&str]) -> TestResult {
        for selector in selectors {
            if self.has(selector).await? {
                return fail(format!(
                    "{}: `{selector}` is offered, the server refuses it",
                    self.name
                ));
            }
        }
        Ok(())
    }
}
