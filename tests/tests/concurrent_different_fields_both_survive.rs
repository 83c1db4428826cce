//! Two butlers edit different fields of one request while the server is down; when it comes
//! back, every device (both butlers and the office) shows both edits.

use e2e::actions::SYNC_TIMEOUT;
use e2e::{on_one_request, unique_suffix, wait_until, Browser, Server, TestResult};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_different_fields_both_survive() {
    on_one_request(scenario).await;
}

async fn scenario(server: &mut Server, browsers: &[Browser], id: &str) -> TestResult {
    let [butler1, butler2, _office] = browsers else {
        return e2e::fail("expected three browsers");
    };
    server.kill()?;
    let suffix = unique_suffix();
    let description = format!("E2E description by butler1 {suffix}");
    let phone = format!("137{:08}", suffix % 100_000_000);
    butler1.edit_description(&description).await?;
    butler2
        .edit_detail(
            "input#edit-contact-phone",
            "button#save-contact-phone",
            "#detail-contact-phone",
            &phone,
        )
        .await?;
    tokio::try_join!(butler1.wait_pending(), butler2.wait_pending())?;
    e2e::progress("both butlers hold their edits in the outbox");

    server.restart().await?;
    for browser in browsers {
        let what = format!(
            "{}: request {id} shows butler1's description and butler2's phone, badge synced",
            browser.name
        );
        let both = wait_until(&what, SYNC_TIMEOUT, || async {
            let shown_description =
                browser.text_of("#detail-description").await?.unwrap_or_default();
            let shown_phone = browser.text_of("#detail-contact-phone").await?.unwrap_or_default();
            let synced = browser.badge().await?.is_some_and(|b| b.is_synced());
            Ok(shown_description.contains(&description) && shown_phone.contains(&phone) && synced)
        })
        .await;
        browser.explain(both).await?;
        e2e::progress(format_args!("{} shows both edits", browser.name));
    }
    Ok(())
}
