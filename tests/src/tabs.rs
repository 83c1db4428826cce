//! A second tab of one device: the same Chromium profile, so the same origin, IndexedDB and
//! Web Locks (issue 23, point 4: one engine per device). WebDriver drives one tab at a time;
//! the others keep running in the background.

use crate::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use crate::wait::wait_until;
use crate::{progress, Browser, TestResult};
use fantoccini::wd::WindowHandle;

impl Browser {
    /// The tab the helpers act on now.
    pub async fn current_tab(&self) -> TestResult<WindowHandle> {
        Ok(self.client().window().await?)
    }

    /// Opens a new tab of this device at `path` and makes it the current one.
    pub async fn open_tab(&self, path: &str) -> TestResult<WindowHandle> {
        let tab = self.client().new_window(true).await?.handle;
        self.switch_tab(&tab).await?;
        self.goto(path).await?;
        Ok(tab)
    }

    /// Makes `tab` the current one (what a user does clicking it).
    pub async fn switch_tab(&self, tab: &WindowHandle) -> TestResult {
        self.client().switch_to_window(tab.clone()).await?;
        Ok(())
    }

    /// Waits until the current tab says the app is open in another tab (`#elsewhere`), with
    /// no page of the app (`#sync-badge`, the header) under it.
    pub async fn wait_elsewhere(&self) -> TestResult {
        let what = format!("{}: this tab shows #elsewhere and no #sync-badge", self.name);
        let shown = wait_until(&what, UI_TIMEOUT, || async {
            Ok(self.has("#elsewhere #use-here").await? && self.badge().await?.is_none())
        })
        .await;
        self.explain(shown).await
    }

    /// Presses "Use here" on the current tab and waits until it runs the app: the header's
    /// badge is back and `#elsewhere` gone.
    pub async fn use_here(&self) -> TestResult {
        self.click("#elsewhere #use-here").await?;
        let what = format!("{}: after \"Use here\" the app runs in this tab", self.name);
        let taken = wait_until(&what, SYNC_TIMEOUT, || async {
            Ok(!self.has("#elsewhere").await? && self.badge().await?.is_some())
        })
        .await;
        progress(format_args!("{}: took the data over in this tab", self.name));
        self.explain(taken).await
    }
}
