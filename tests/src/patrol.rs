//! A patrol round through its DOM contract (issue 10): the start form (`#patrol-building`,
//! `button#patrol-start`, `#patrol-round[data-id]`), the items of the default checklist
//! (`li.patrol-item[data-item]` with `button.ans-pass` / `ans-fail`, `input.ans-number`,
//! `select.ans-choice`, `input.ans-text`, `button.ans-save`, `button.ans-photos`), the photos
//! of a finding (`#patrol-photos`), and the report (`#report tr.report-row`,
//! `#report-findings li.finding`). None of it needs the network.

use crate::actions::UI_TIMEOUT;
use crate::{fail, wait_until, wait_value, Browser, Fixture, TestResult};

/// A default checklist item's fixed id (`shared::patrol::template::default_id`).
pub fn item(n: u32) -> String {
    format!("00000000-0000-5000-8002-{n:012x}")
}

/// The default checklist's pass/fail items; the others are the gauge (103, a number),
/// greenery (107, a choice) and the vacant units' text (122).
pub const PASS_FAIL: [u32; 15] =
    [100, 101, 102, 104, 105, 106, 108, 109, 110, 111, 112, 113, 114, 120, 121];

/// Answers a round of the default checklist holds.
pub const ANSWERS: usize = 18;

/// The item `n`'s row.
fn row(n: u32) -> String {
    format!("li.patrol-item[data-item='{}']", item(n))
}

const ANSWERED_JS: &str =
    "return document.querySelectorAll('li.patrol-item:not([data-result=\"\"])').length";
const THUMBS_JS: &str = "return document.querySelectorAll('#patrol-photos img.photo-thumb').length";
const REPORT_JS: &str = "return [document.querySelectorAll('#report tr.report-row').length,
  document.querySelectorAll('#report-findings li.finding').length];";

impl Browser {
    /// Starts a round of `building` from the patrol tab; returns the round's id.
    pub async fn start_round(&self, building: &str) -> TestResult<String> {
        self.click("a#nav-patrol").await?;
        self.select("#patrol-building", building).await?;
        self.click("button#patrol-start").await?;
        let what = format!("{}: the round of {building} started", self.name);
        let round = wait_value(&what, UI_TIMEOUT, || async {
            self.attr_of("#patrol-round", "data-id").await
        })
        .await;
        self.explain(round).await
    }

    /// Answers every item of the default checklist, the pass/fail items in `failed` failed,
    /// and waits until the round counts them all.
    pub async fn answer_every_item(&self, failed: &[u32]) -> TestResult {
        for n in PASS_FAIL {
            let button = if failed.contains(&n) { "ans-fail" } else { "ans-pass" };
            self.click(&format!("{} button.{button}", row(n))).await?;
        }
        self.type_into(&format!("{} input.ans-number", row(103)), "1.2").await?;
        self.click(&format!("{} button.ans-save", row(103))).await?;
        self.select(&format!("{} select.ans-choice", row(107)), &item(1070)).await?;
        self.type_into(&format!("{} input.ans-text", row(122)), "无异常").await?;
        self.click(&format!("{} button.ans-save", row(122))).await?;
        let what = format!("{}: every item answered", self.name);
        let answered = wait_until(&what, UI_TIMEOUT, || async {
            Ok(self.js::<u64>(ANSWERED_JS, vec![]).await? as usize == ANSWERS)
        })
        .await;
        self.explain(answered).await
    }

    /// Opens the photos of item `n`'s finding and takes one photo of each colour in turn,
    /// each held before the next is taken.
    pub async fn finding_photos(&self, n: u32, colours: &[String]) -> TestResult {
        self.click(&format!("{} button.ans-photos", row(n))).await?;
        self.element("#patrol-photos #photo-input").await?;
        let what = format!("{}: the photos of item {n} are open, none yet", self.name);
        let fresh = wait_until(&what, UI_TIMEOUT, || async {
            Ok(self.js::<u64>(THUMBS_JS, vec![]).await? == 0)
        })
        .await;
        self.explain(fresh).await?;
        for (k, colour) in colours.iter().enumerate() {
            self.attach_photo(Fixture::Plain(colour)).await?;
            let what = format!("{}: photo {} of item {n} is saved", self.name, k + 1);
            let held = wait_until(&what, UI_TIMEOUT, || async {
                Ok(self.js::<u64>(THUMBS_JS, vec![]).await? as usize == k + 1)
            })
            .await;
            self.explain(held).await?;
        }
        Ok(())
    }

    /// Ends the round and waits until its report lists every answer and `findings` findings.
    pub async fn end_round(&self, findings: usize) -> TestResult {
        self.click("button#patrol-end").await?;
        let what =
            format!("{}: the report lists {ANSWERS} answers, {findings} findings", self.name);
        let shown = wait_until(&what, UI_TIMEOUT, || async {
            let (rows, found): (usize, usize) = self.js(REPORT_JS, vec![]).await?;
            Ok(rows == ANSWERS && found == findings)
        })
        .await;
        if shown.is_err() {
            let (rows, found): (usize, usize) = self.js(REPORT_JS, vec![]).await?;
            let error = self.text_of("#patrol-error").await?;
            let path = self.path().await?;
            return fail(format!(
                "{}: report with {rows} rows, {found} findings at {path}; error {error:?}",
                self.name
            ));
        }
        Ok(())
    }
}
