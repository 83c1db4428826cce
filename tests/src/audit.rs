//! Auditing pages as their users meet them (issue 28 points 17-18): the viewport of a tablet or
//! a desk, the language chosen with `#lang-toggle`, the pages a role can reach from its
//! navigation, and one audit per page (`audit.js`: language, overflow, touch targets, the
//! level-one heading, every axe-core violation).

use crate::actions::UI_TIMEOUT;
use crate::wait::{wait_until, wait_value};
use crate::{paths, Browser, TestResult};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt;

/// The audit run in the page (see its header).
const AUDIT_JS: &str = include_str!("audit.js");

/// At most this many pages a role may reach (a bound on the walk, not a target).
const MAX_PAGES: usize = 80;

/// A viewport the app is used at.
#[derive(Debug, Clone, Copy)]
pub struct Viewport {
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
}

/// A butler's portrait tablet.
pub const TABLET: Viewport = Viewport { name: "tablet 800x1280", width: 800, height: 1280 };
/// The office's desk screen.
pub const DESKTOP: Viewport = Viewport { name: "desktop 1440x900", width: 1440, height: 900 };

/// One thing wrong on one page, as the failure message lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct Problem {
    pub kind: String,
    pub element: String,
    pub detail: String,
}

/// What one page's audit found: its problems and axe-core's violation counts (every impact).
#[derive(Debug, Clone, Deserialize)]
pub struct Audit {
    pub problems: Vec<Problem>,
    pub axe: BTreeMap<String, u64>,
}

/// Where a problem was seen.
#[derive(Debug, Clone)]
pub struct Seen {
    pub page: String,
    pub role: String,
    pub lang: &'static str,
    pub viewport: &'static str,
    pub problem: Problem,
}

impl fmt::Display for Seen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Seen { page, role, lang, viewport, problem } = self;
        write!(
            f,
            "{page} [{role}, {lang}, {viewport}] {}: {} ({})",
            problem.kind, problem.element, problem.detail
        )
    }
}

/// axe-core's browser bundle: `GUANJIA_AXE`, else `~/.cache/guanjia/axe/…/axe.min.js`
/// (where `scripts/toolchain.sh`'s `ensure_axe` installs it). Missing fails with the command.
pub fn axe_source() -> TestResult<String> {
    let path = paths::axe()?;
    Ok(std::fs::read_to_string(path)?)
}

/// A path with its record ids replaced by `:id` (`/requests/:id`): one page of each shape is
/// walked.
pub fn page_shape(path: &str) -> String {
    let id_like = |s: &str| s.len() >= 16 && s.chars().any(|c| c.is_ascii_digit());
    path.split('/').map(|s| if id_like(s) { ":id" } else { s }).collect::<Vec<_>>().join("/")
}

impl Browser {
    /// Sets the page's viewport exactly (CSS pixels) and waits until the page has it.
    pub async fn set_viewport(&self, v: Viewport) -> TestResult {
        let params = json!({ "width": v.width, "height": v.height, "deviceScaleFactor": 1, "mobile": false });
        self.cdp("Emulation.setDeviceMetricsOverride", params).await?;
        let what = format!("{}: the viewport is {}", self.name, v.name);
        wait_until(&what, UI_TIMEOUT, || async {
            let w: u32 = self.js("return window.innerWidth;", vec![]).await?;
            Ok(w == v.width)
        })
        .await
    }

    /// Switches the language with `#lang-toggle` (when it is not `lang` already) and waits
    /// until the document says so (`<html lang>`).
    pub async fn set_lang(&self, lang: &str) -> TestResult {
        let script = "return document.documentElement.lang || '';";
        let now: String = self.js(script, vec![]).await?;
        if !now.starts_with(lang) {
            self.click("#lang-toggle").await?;
        }
        let what = format!("{}: <html lang> is {lang}", self.name);
        wait_until(&what, UI_TIMEOUT, || async {
            Ok(self.js::<String>(script, vec![]).await?.starts_with(lang))
        })
        .await
    }

    /// Goes to `path` inside the app (a link click: no reload) and waits until the page is
    /// drawn and has finished loading.
    pub async fn visit(&self, path: &str) -> TestResult {
        let script = "const a = document.createElement('a'); a.href = arguments[0];
document.body.appendChild(a); a.click(); a.remove(); return true;";
        self.js::<Value>(script, vec![json!(path)]).await?;
        let what = format!("{}: at {path}", self.name);
        wait_until(&what, UI_TIMEOUT, || async { Ok(self.path().await? == path) }).await?;
        let drawn = "const m = document.querySelector('main.page');
return !!m && m.children.length > 0 && !m.querySelector('.loading');";
        let what = format!("{}: {path} is drawn (no loading line)", self.name);
        wait_until(&what, UI_TIMEOUT, || async { self.js::<bool>(drawn, vec![]).await }).await?;
        let frames = "const done = arguments[0];
requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.client().execute_async(frames, vec![]).await?;
        Ok(())
    }

    /// The app paths this page links to (links, and request rows that open on a tap).
    pub async fn links(&self) -> TestResult<Vec<String>> {
        let script = "const out = Array.from(document.querySelectorAll('a[href^=\"/\"]'))
  .map(a => new URL(a.href).pathname);
for (const r of document.querySelectorAll('[data-testid=\"request-row\"][data-id]'))
  out.push('/requests/' + r.getAttribute('data-id'));
return out;";
        self.js(script, vec![]).await
    }

    /// Every page of a distinct shape reachable from the navigation (breadth first, from the
    /// current page).
    pub async fn reachable_pages(&self) -> TestResult<Vec<String>> {
        let mut pages = vec![self.path().await?];
        let mut shapes: Vec<String> = pages.iter().map(|p| page_shape(p)).collect();
        let mut next = 0;
        while next < pages.len() && pages.len() < MAX_PAGES {
            self.visit(&pages[next].clone()).await?;
            for link in self.links().await? {
                let shape = page_shape(&link);
                if link != "/login" && !shapes.contains(&shape) {
                    shapes.push(shape);
                    pages.push(link);
                }
            }
            next += 1;
        }
        Ok(pages)
    }

    /// Audits the page as it is now (axe-core injected once per document).
    pub async fn audit(&self, axe: &str, lang: &str, tablet: bool) -> TestResult<Audit> {
        if !self.js::<bool>("return !!window.axe;", vec![]).await? {
            self.client().execute(&format!("{axe}\nreturn true;"), vec![]).await?;
        }
        let what = format!("{}: axe-core is loaded", self.name);
        wait_value(&what, UI_TIMEOUT, || async {
            Ok(self.js::<bool>("return !!window.axe;", vec![]).await?.then_some(()))
        })
        .await?;
        let result =
            self.client().execute_async(AUDIT_JS, vec![json!(lang), json!(tablet)]).await?;
        Ok(serde_json::from_value(result)?)
    }
}
