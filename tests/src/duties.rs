//! A butler's field duties through their DOM contract (issue 24): the Duties tab, a
//! renovation's site check with a violation and its photo, and home visits, the first of
//! which raises a repair. Each step waits for its visible effect; none needs the network.

use crate::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use crate::{fail, progress, wait_until, wait_value, Browser, Fixture, TestResult};

impl Browser {
    /// Opens a duty from the Duties tab, in the app (no page load: the server is down).
    pub async fn open_duty(&self, duty: &str) -> TestResult {
        self.click("a#nav-duties").await?;
        self.click(&format!("a#duty-{duty}")).await
    }

    /// Checks the first active renovation not yet checked today: item 1 fails, a violation
    /// with a photo; returns the renovation's id once it shows stopped.
    pub async fn check_a_renovation(&self) -> TestResult<String> {
        self.open_duty("renovations").await?;
        self.set_value("#reno-filter", "active").await?;
        let row = "tr.reno-row[data-status='approved'][data-checked='no']";
        let id = wait_value("an approved renovation not checked today", UI_TIMEOUT, || async {
            self.attr_of(row, "data-id").await
        })
        .await?;
        self.click(&format!("tr.reno-row[data-id='{id}'] a.reno-link")).await?;
        self.click("#reno-check-link").await?;
        self.click("#reno-item-0-fail").await?;
        self.type_into("#reno-violation", "擅自拆除承重墙 E2E").await?;
        self.attach_photo_to("#reno-check-photo-input", Fixture::Plain("#c33")).await?;
        let photo = wait_until("the check's photo is held", UI_TIMEOUT, || async {
            Ok(self.attr_of("#reno-check-photos", "data-count").await?.as_deref() == Some("1"))
        })
        .await;
        self.explain(photo).await?;
        self.click("#reno-check-submit").await?;
        let stopped =
            wait_until("the renovation is stopped with the violation", UI_TIMEOUT, || async {
                let status =
                    self.attr_of(&format!("#renovation[data-id='{id}']"), "data-status").await?;
                let check =
                    self.has("li.reno-check[data-result='violation'][data-stop='true']").await?;
                Ok(status.as_deref() == Some("stopped") && check)
            })
            .await;
        self.explain(stopped).await?;
        progress(format_args!("{}: stopped renovation {id}", self.name));
        Ok(id)
    }

    /// Visits `n` households never visited; the first raises a repair. Returns the visits'
    /// ids and the repair's.
    pub async fn visit_households(&self, n: usize) -> TestResult<(Vec<String>, String)> {
        let mut visits = Vec::new();
        let mut repair = String::new();
        for k in 0..n {
            self.open_duty("visits").await?;
            let never = "tr.household[data-never='true'] a.visit-start";
            let link = wait_value("a household never visited", UI_TIMEOUT, || async {
                self.attr_of(never, "href").await
            })
            .await?;
            self.click(&format!("{never}[href='{link}']")).await?;
            self.set_value("#visit-outcome", "contacted").await?;
            self.click("button.visit-topic[data-topic='repairs']").await?;
            self.type_into("#visit-remarks", &format!("走访 E2E {k}")).await?;
            self.click("#visit-save").await?;
            let id = wait_value("the visit is saved", UI_TIMEOUT, || async {
                let id = self.attr_of("#visit-detail", "data-id").await?.filter(|i| !i.is_empty());
                let path = self.path().await?;
                Ok(id.filter(|id| path == format!("/visit/{id}")))
            })
            .await;
            let id = self.explain(id).await?;
            if k == 0 {
                self.click("#visit-raise-request").await?;
                self.type_into("textarea#req-description", "走访发现：厨房水管漏水 E2E").await?;
                if self.text_of("select#req-source").await?.as_deref() != Some("visit") {
                    return fail("the request raised from a visit is not of source visit");
                }
                self.click("button#req-save").await?;
                repair = wait_value("the repair is saved", UI_TIMEOUT, || async {
                    let rid =
                        self.attr_of("#req-detail", "data-id").await?.filter(|i| !i.is_empty());
                    let path = self.path().await?;
                    Ok(rid.filter(|rid| path == format!("/requests/{rid}")))
                })
                .await?;
            }
            visits.push(id);
        }
        progress(format_args!("{}: recorded visits {visits:?} and repair {repair}", self.name));
        Ok((visits, repair))
    }

    /// Opens renovation `id` in the app and waits until it shows stopped, with the check's
    /// violation, its stop order, its rectification request and its photo (an `<img>` only
    /// once the bytes came from the server): what the office finds after the butler's
    /// check reached it.
    pub async fn sees_renovation_stopped(&self, id: &str) -> TestResult {
        self.open_in_app(&format!("/renovations/{id}")).await?;
        let what =
            format!("{}: renovation {id} stopped, with the violation and its photo", self.name);
        let shown = wait_until(&what, SYNC_TIMEOUT, || async {
            let status =
                self.attr_of(&format!("#renovation[data-id='{id}']"), "data-status").await?;
            let check =
                self.has("li.reno-check[data-result='violation'][data-stop='true']").await?;
            let request = self.has("li.reno-check a.reno-check-request").await?;
            let photo = self.has("li.reno-check ul.photo-strip img").await?;
            Ok(status.as_deref() == Some("stopped") && check && request && photo)
        })
        .await;
        self.explain(shown).await
    }

    /// Opens each of the `visits` in the app and waits until it shows the household contacted.
    pub async fn sees_visits_contacted(&self, visits: &[String]) -> TestResult {
        for v in visits {
            self.open_in_app(&format!("/visit/{v}")).await?;
            let what = format!("{}: visit {v}, contacted", self.name);
            let seen = wait_until(&what, SYNC_TIMEOUT, || async {
                let outcome =
                    self.attr_of(&format!("#visit-detail[data-id='{v}']"), "data-outcome").await?;
                Ok(outcome.as_deref() == Some("contacted"))
            })
            .await;
            self.explain(seen).await?;
        }
        Ok(())
    }
}
