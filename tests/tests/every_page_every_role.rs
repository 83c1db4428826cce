//! Issue 28 points 17-18: every page every role reaches, in Chinese and in English, on a
//! tablet (800x1280) and on a desk (1440x900), read as its user reads it. Fails on a word not
//! in the page's language (user data is marked `translate="no"` and skipped), an element wider
//! than the viewport, a control under 44 px on the tablet, a page without exactly one h1, and
//! any axe-core violation, of any impact (issue 26); the message lists each with page, role,
//! language, viewport and element. axe-core comes from `GUANJIA_AXE` (default under
//! `~/.cache/guanjia/axe`, installed by `scripts/toolchain.sh`'s `ensure_axe`); missing, the
//! test fails with the install command.

use e2e::audit::{axe_source, Seen, Viewport, DESKTOP, TABLET};
use e2e::{fail, progress, Browser, ChromeDriver, Server, TestResult};

/// Who is walked: a butler, the office, a supervisor and department staff (the demo logins
/// of `server/src/demo/`), with the role's name for the report.
const ROLES: [(&str, &str); 4] = [
    ("butler1", "butler"),
    ("office", "office"),
    ("supervisor", "supervisor"),
    ("repair1", "department"),
];

const LANGS: [&str; 2] = ["zh", "en"];
const VIEWPORTS: [Viewport; 2] = [TABLET, DESKTOP];

/// Problems listed in the failure message before "… and N more".
const SHOWN: usize = 300;

#[tokio::test]
async fn every_page_every_role() -> TestResult {
    let axe = axe_source()?;
    let server = Server::start().await?;
    let driver = ChromeDriver::start().await?;
    let mut seen = Vec::new();
    let mut checked = 0;
    for (user, role) in ROLES {
        let browser = Browser::open(&driver, user, &server.url()).await?;
        let outcome = walk(&browser, &axe, role, &mut seen).await;
        browser.close().await;
        checked += outcome?;
    }
    println!(
        "checked {checked} pages ({} roles x {} languages x {} viewports): {} problems",
        ROLES.len(),
        LANGS.len(),
        VIEWPORTS.len(),
        seen.len()
    );
    if seen.is_empty() {
        return Ok(());
    }
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for s in &seen {
        *kinds.entry(s.problem.kind.as_str()).or_default() += 1;
    }
    let mut message = format!("{} problems on {checked} pages checked: {kinds:?}\n", seen.len());
    for s in seen.iter().take(SHOWN) {
        message.push_str(&format!("  {s}\n"));
    }
    if seen.len() > SHOWN {
        message.push_str(&format!("  … and {} more\n", seen.len() - SHOWN));
    }
    fail(message)
}

/// Signs in once, finds the role's pages, and audits each in every viewport and language;
/// returns how many pages were checked.
async fn walk(b: &Browser, axe: &str, role: &str, seen: &mut Vec<Seen>) -> TestResult<usize> {
    b.set_viewport(TABLET).await?;
    b.login(b.name.as_str()).await?;
    b.wait_synced().await?;
    let pages = b.reachable_pages().await?;
    progress(format_args!("{role}: {} pages: {pages:?}", pages.len()));
    let mut checked = 0;
    for viewport in VIEWPORTS {
        b.set_viewport(viewport).await?;
        for lang in LANGS {
            b.set_lang(lang).await?;
            for page in &pages {
                b.visit(page).await?;
                let audit = b.audit(axe, lang, viewport.width == TABLET.width).await?;
                println!("{role} {lang} {} {page}: axe {:?}", viewport.name, audit.axe);
                seen.extend(audit.problems.into_iter().map(|problem| Seen {
                    page: page.clone(),
                    role: role.to_string(),
                    lang,
                    viewport: viewport.name,
                    problem,
                }));
                checked += 1;
            }
        }
    }
    Ok(checked)
}
