//! Two butlers change the same request's contact phone to different numbers while the server
//! is down; when it comes back, all devices agree on one number and the office's conflicts
//! page keeps the other one (a phone number never vanishes silently).

use e2e::actions::SYNC_TIMEOUT;
use e2e::{on_one_request, wait_until, Browser, Server, TestResult};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_same_field_converges_with_conflict() {
    on_one_request(scenario).await;
}

async fn scenario(server: &mut Server, browsers: &[Browser], id: &str) -> TestResult {
    let [_, _, office] = browsers else {
        return e2e::fail("expected three browsers");
    };
    let (_, loser) = e2e::concurrent_phone_edits(server, browsers).await?;
    office.click("a#nav-conflicts").await?;
    let what = format!(
        "office's /conflicts shows a conflict row for request {id} with the lost phone {loser}"
    );
    let conflict = wait_until(&what, SYNC_TIMEOUT, || async {
        let rows = office.conflict_rows().await?;
        Ok(rows.iter().any(|r| r.target_id.as_deref() == Some(id) && r.text.contains(&loser)))
    })
    .await;
    office.explain(conflict).await?;
    e2e::progress(format_args!("office's /conflicts keeps {loser} for {id}"));
    Ok(())
}
