//! What a user does, through the DOM contract: log in, create a request, edit a field, move
//! between pages. Every step waits for its visible effect before returning.

use crate::wait::wait_value;
use crate::{fail, progress, Badge, Browser, TestResult};
use fantoccini::elements::Element;
use fantoccini::Locator;
use std::time::Duration;

/// Demo password of every demo user (`server/src/demo.rs`).
pub const DEMO_PASSWORD: &str = "guanjia123";

/// Bound for UI steps that need no network (render, local IndexedDB write). Generous because
/// three Chromiums start a 3 MB wasm app at once on a 2-core machine that may be compiling.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

/// Bound for steps that need a sync round trip, including the first full snapshot and the
/// app's retry back-off after the server comes back.
pub const SYNC_TIMEOUT: Duration = Duration::from_secs(30);

impl Browser {
    /// Waits until an element matching `selector` exists, opens the collapsed panels
    /// (`<details>`) around it as a user would before using it, and returns it.
    pub async fn element(&self, selector: &str) -> TestResult<Element> {
        let what = format!("{}: `{selector}` is on the page", self.name);
        let element = wait_value(&what, UI_TIMEOUT, || async {
            Ok(self.client().find(Locator::Css(selector)).await.ok())
        })
        .await?;
        let open = "for (let d = arguments[0].closest('details'); d; d = d.parentElement.closest('details'))
  d.open = true;";
        self.client().execute(open, vec![serde_json::to_value(&element)?]).await?;
        Ok(element)
    }

    /// Replaces the content of a text field by typing, as a user would (input events fire).
    pub async fn type_into(&self, selector: &str, text: &str) -> TestResult {
        let field = self.element(selector).await?;
        field.clear().await?;
        field.send_keys(text).await?;
        Ok(())
    }

    /// Clicks the element matching `selector`, first scrolled to the middle of the window
    /// (WebDriver's own scrolling may leave it under the sticky header, which would take the
    /// click).
    pub async fn click(&self, selector: &str) -> TestResult {
        let element = self.element(selector).await?;
        let script = "arguments[0].scrollIntoView({ block: 'center' });";
        self.client().execute(script, vec![serde_json::to_value(&element)?]).await?;
        element.click().await?;
        Ok(())
    }

    /// Opens `path` inside the running app, as a link the user follows: the router takes
    /// it, with no page load (so it works with the server down).
    pub async fn open_in_app(&self, path: &str) -> TestResult {
        let script = "const a = document.createElement('a'); a.href = arguments[0];
a.id = 'e2e-open-in-app'; document.body.appendChild(a); a.click(); a.remove();";
        self.client().execute(script, vec![serde_json::json!(path)]).await?;
        let path = path.split('?').next().unwrap_or(path).to_string();
        let what = format!("{}: the app shows {path}", self.name);
        wait_value(&what, UI_TIMEOUT, || async { Ok((self.path().await? == path).then_some(())) })
            .await
    }

    /// Cuts this browser off the network (`true`) or lets it back, as a basement would,
    /// while the server stays up for everyone else.
    pub async fn set_offline(&self, off: bool) -> TestResult {
        self.emulate_network(off, None).await?;
        progress(format_args!("{} is {}", self.name, if off { "offline" } else { "online" }));
        Ok(())
    }

    /// Limits what this browser can send per second (`None`: no limit), online.
    pub async fn throttle_upload(&self, bytes_per_s: Option<u64>) -> TestResult {
        self.emulate_network(false, bytes_per_s).await
    }

    /// The network this browser sees, through the DevTools protocol: cut off (`offline`) or
    /// not, its uploads limited to `upload` bytes a second (`None`: no limit).
    async fn emulate_network(&self, offline: bool, upload: Option<u64>) -> TestResult {
        let params = serde_json::json!({
            "offline": offline,
            "latency": 0,
            "downloadThroughput": -1,
            "uploadThroughput": upload.map_or(-1, |n| n as i64),
        });
        self.cdp("Network.enable", serde_json::json!({})).await?;
        self.cdp("Network.emulateNetworkConditions", params).await?;
        Ok(())
    }

    /// Logs in through the login page and waits for the header's sync badge.
    pub async fn login(&self, username: &str) -> TestResult {
        self.goto("/login").await?;
        self.type_into("input#login-username", username).await?;
        self.type_into("input#login-password", DEMO_PASSWORD).await?;
        self.click("button#login-submit").await?;
        let what = format!("{}: logged in as {username} (#sync-badge shown)", self.name);
        let shown =
            wait_value(&what, UI_TIMEOUT, || async { Ok(self.badge().await?.map(|_| ())) }).await;
        if let Err(e) = shown {
            let error = self.text_of("#login-error").await.ok().flatten().unwrap_or_default();
            return fail(format!("{e}; #login-error says: {error:?}"));
        }
        progress(format_args!("{}: logged in as {username}", self.name));
        Ok(())
    }

    /// Waits until the badge says online, nothing pending, and a sync has succeeded.
    pub async fn wait_synced(&self) -> TestResult<Badge> {
        let what = format!(
            "{}: #sync-badge shows synced (data-online=true, data-pending=0, data-last-sync set)",
            self.name
        );
        let result = wait_value(&what, SYNC_TIMEOUT, || async {
            Ok(self.badge().await?.filter(Badge::is_synced))
        })
        .await;
        progress(format_args!("{}: synced ({})", self.name, result.is_ok()));
        self.explain(result).await
    }

    /// Waits until the badge counts at least one change waiting in the outbox (an edit made
    /// with the server down must be queued, not lost).
    pub async fn wait_pending(&self) -> TestResult<Badge> {
        let what = format!("{}: #sync-badge shows data-pending >= 1", self.name);
        let result = wait_value(&what, UI_TIMEOUT, || async {
            Ok(self.badge().await?.filter(|b| b.pending().is_some_and(|n| n >= 1)))
        })
        .await;
        self.explain(result).await
    }

    /// Appends the badge as it is now to a failure, so a timeout says what was seen instead.
    pub async fn explain<T>(&self, result: TestResult<T>) -> TestResult<T> {
        match result {
            Ok(v) => Ok(v),
            Err(e) => {
                let badge = self.badge().await.ok().flatten();
                let path = self.path().await.unwrap_or_default();
                fail(format!("{e}\n  {} now: path {path}, badge {badge:?}", self.name))
            }
        }
    }

    /// Opens the new-request form in-app (nav link, no page load) and waits until the unit
    /// select holds units; returns their option values.
    pub async fn open_new_request_form(&self) -> TestResult<Vec<String>> {
        self.click("a#nav-new").await?;
        let what = format!("{}: select#req-unit has unit options", self.name);
        wait_value(&what, SYNC_TIMEOUT, || async {
            let units = self.unit_options().await?;
            Ok((!units.is_empty()).then_some(units))
        })
        .await
    }

    /// Fills and saves the (already open) new-request form; returns the new request's id
    /// from the detail page the app navigates to.
    pub async fn create_request(
        &self,
        unit_id: &str,
        description: &str,
        phone: &str,
    ) -> TestResult<String> {
        self.element("select#req-unit").await?.select_by_value(unit_id).await?;
        self.type_into("textarea#req-description", description).await?;
        self.type_into("input#req-contact-phone", phone).await?;
        self.click("button#req-save").await?;
        let what = format!("{}: saving navigates to /requests/<id> with #req-detail", self.name);
        let saved = wait_value(&what, UI_TIMEOUT, || async {
            let id = self.attr_of("#req-detail", "data-id").await?.filter(|id| !id.is_empty());
            let path = self.path().await?;
            Ok(id.filter(|id| path == format!("/requests/{id}")))
        })
        .await;
        if let Err(e) = saved {
            let error = self.text_of("#req-error").await.ok().flatten().unwrap_or_default();
            return self.explain(fail(format!("{e}; #req-error says: {error:?}"))).await;
        }
        saved
    }

    /// Loads `/requests/<id>` and waits until the detail of that request shows a description.
    pub async fn open_detail(&self, id: &str) -> TestResult {
        self.goto(&format!("/requests/{id}")).await?;
        let what = format!("{}: #req-detail[data-id={id}] shows a description", self.name);
        wait_value(&what, SYNC_TIMEOUT, || async {
            let shown = self.attr_of("#req-detail", "data-id").await?.as_deref() == Some(id);
            let text = self.text_of("#detail-description").await?.unwrap_or_default();
            Ok((shown && !text.trim().is_empty()).then_some(()))
        })
        .await
    }

    /// Edits one field on the detail page (type, press its save button) and waits until the
    /// page shows the new value in `shown_in`.
    pub async fn edit_detail(
        &self,
        input: &str,
        button: &str,
        shown_in: &str,
        value: &str,
    ) -> TestResult {
        self.type_into(input, value).await?;
        self.click(button).await?;
        let what = format!("{}: `{shown_in}` shows {value:?} after saving", self.name);
        let result = wait_value(&what, UI_TIMEOUT, || async {
            let text = self.text_of(shown_in).await?.unwrap_or_default();
            Ok(text.contains(value).then_some(()))
        })
        .await;
        self.explain(result).await
    }

    /// Edits the request's description on the detail page ([`Self::edit_detail`]).
    pub async fn edit_description(&self, value: &str) -> TestResult {
        self.edit_detail(
            "textarea#edit-description",
            "button#save-description",
            "#detail-description",
            value,
        )
        .await
    }

    /// On the conflicts page, presses "overturn" on the row of request `target_id` whose lost
    /// value (`.lost`) shows `lost`, the value to restore. Retries while the list re-renders.
    pub async fn overturn_conflict(&self, target_id: &str, lost: &str) -> TestResult {
        let what = format!(
            "{}: a conflict row for {target_id} showing {lost:?} has an overturn button",
            self.name
        );
        let result = wait_value(&what, SYNC_TIMEOUT, || async {
            let rows =
                self.client().find_all(Locator::Css("[data-testid=\"conflict-row\"]")).await?;
            for row in rows {
                let target = row.attr("data-target-id").await;
                let lost_cell = row.find(Locator::Css(".lost")).await;
                let text = match lost_cell {
                    Ok(cell) => cell.text().await,
                    Err(e) => Err(e),
                };
                let (Ok(target), Ok(text)) = (target, text) else {
                    continue; // re-rendered under us
                };
                if target.as_deref() != Some(target_id) || !text.contains(lost) {
                    continue;
                }
                if let Ok(button) = row.find(Locator::Css(".conflict-overturn")).await {
                    if button.click().await.is_ok() {
                        return Ok(Some(()));
                    }
                }
            }
            Ok(None)
        })
        .await;
        self.explain(result).await?;
        progress(format_args!("{}: overturned the conflict on {target_id} ({lost})", self.name));
        Ok(())
    }
}
