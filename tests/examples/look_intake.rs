//! Throwaway: looks at the new-request form and dispatch (not committed).
use e2e::photos::Fixture;
use e2e::{Browser, ChromeDriver, Server, TestResult};
use serde_json::json;

const UNIT_JS: &str = "const s = document.querySelector('select#req-unit');
const o = Array.from(s.options).find(o => o.value && o.textContent.includes(' · '));
return o ? o.textContent.split(' · ')[0].trim() : null;";

async fn shot(b: &Browser, sel: &str, name: &str) -> TestResult {
    let _: serde_json::Value = b
        .js("const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({block: 'start'}); window.scrollBy(0, -80); return null;", vec![json!(sel)])
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    std::fs::write(format!("/work/look/intake/{name}.png"), b.client().screenshot().await?)?;
    Ok(())
}

#[tokio::main]
async fn main() -> TestResult {
    let server = Server::start().await?;
    let driver = ChromeDriver::start().await?;
    for (w, h, tag, user) in
        [(800u32, 1280u32, "tablet", "butler1"), (1440, 900, "desktop", "office")]
    {
        let b = Browser::open(&driver, user, &server.url()).await?;
        b.client().set_window_size(w, h).await?;
        b.login(user).await?;
        b.wait_synced().await?;
        b.open_new_request_form().await?;
        shot(&b, "#req-title", &format!("{tag}-zh-0-empty")).await?;
        b.type_into("textarea#req-description", "电梯异响 lift noise").await?;
        b.click("button#req-save").await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        shot(&b, "#req-title", &format!("{tag}-zh-1-refused")).await?;
        let number: Option<String> = b.js(UNIT_JS, vec![]).await?;
        b.type_into("input#req-unit-filter", &number.unwrap_or_default()).await?;
        b.select("select#req-type", "complaint").await?;
        b.attach_photo_to("#req-photo-input", Fixture::Plain("teal")).await?;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        shot(&b, "#req-title", &format!("{tag}-zh-2-unit")).await?;
        shot(&b, "#req-description", &format!("{tag}-zh-3-bottom")).await?;
        b.click("#lang-toggle").await?;
        shot(&b, "#req-title", &format!("{tag}-en-2-unit")).await?;
        b.select("select#req-where", "common").await?;
        b.type_into("input#req-common-place", "lift 3").await?;
        shot(&b, "#req-title", &format!("{tag}-en-4-common")).await?;
        b.click("#lang-toggle").await?;
        shot(&b, "#req-title", &format!("{tag}-zh-4-common")).await?;
        b.select("select#req-where", "unit").await?;
        b.select("select#req-topic", "00000000-0000-5000-8001-000000000082").await?;
        b.click("button#req-save").await?;
        b.element("#dispatch").await?;
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        shot(&b, "#dispatch", &format!("{tag}-zh-5-dispatch")).await?;
        shot(&b, "#photos", &format!("{tag}-zh-6-photos")).await?;
        b.click("#lang-toggle").await?;
        shot(&b, "#dispatch", &format!("{tag}-en-5-dispatch")).await?;
        b.close().await;
    }
    Ok(())
}
