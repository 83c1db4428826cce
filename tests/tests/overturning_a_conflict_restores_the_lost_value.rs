//! The office overturns two conflicts — a contact phone edited on two tablets while the server
//! was down, and an assignee set concurrently by two devices — and the request then holds
//! exactly the values that had lost: the phone as the same digits (not wrapped in quotes),
//! the assignee as the same staff id (not refused as a malformed value).

use e2e::actions::SYNC_TIMEOUT;
use e2e::{on_one_request, progress, wait_until, ApiDevice, Browser, Server, TestResult};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overturning_a_conflict_restores_the_lost_value() {
    on_one_request(scenario).await;
}

async fn scenario(server: &mut Server, browsers: &[Browser], id: &str) -> TestResult {
    let [butler1, butler2, office] = browsers else {
        return e2e::fail("expected three browsers");
    };
    let (_, lost_phone) = e2e::concurrent_phone_edits(server, browsers).await?;

    // Two desks set the assignee without seeing each other's write (prev unset), through
    // the API: the app has no assignee screen yet (and only the office assigns).
    let suffix = e2e::unique_suffix();
    let mut first = ApiDevice::login(server, "office", &format!("e2e-a-{suffix}")).await?;
    let mut second = ApiDevice::login(server, "supervisor", &format!("e2e-b-{suffix}")).await?;
    let staff = first.ids_of("staff").await?;
    let [lost_assignee, kept_assignee, ..] = staff.as_slice() else {
        return e2e::fail(format!("the demo site needs two staff records, has {staff:?}"));
    };
    let now = suffix;
    first.set("request", id, "assignee", json!(lost_assignee), now).await?;
    second.set("request", id, "assignee", json!(kept_assignee), now + 1).await?;
    progress(format_args!("assignee set to {lost_assignee}, then concurrently {kept_assignee}"));

    office.click("a#nav-conflicts").await?;
    office.overturn_conflict(id, &lost_phone).await?;
    office.overturn_conflict(id, lost_assignee).await?;

    let holds = |field: &'static str, want: Value| {
        let api = &first;
        async move {
            let what = format!("the server holds request {id}.{field} = {want}");
            wait_until(&what, SYNC_TIMEOUT, || async {
                Ok(api.field("request", id, field).await? == Some(want.clone()))
            })
            .await
        }
    };
    holds("contact_phone", json!(lost_phone)).await?;
    holds("assignee", json!(lost_assignee)).await?;
    progress("the server holds both restored values");

    for butler in [butler1, butler2] {
        let what = format!("{}: #detail-contact-phone shows exactly {lost_phone}", butler.name);
        let shown = wait_until(&what, SYNC_TIMEOUT, || async {
            let text = butler.text_of("#detail-contact-phone").await?.unwrap_or_default();
            Ok(text.trim() == lost_phone)
        })
        .await;
        butler.explain(shown).await?;
    }
    progress("both butlers show the restored phone");
    Ok(())
}
