//! The audit log of personal data (issue 23 point 6) on the supervisor's desk: the office
//! exports the register, and the supervisor's 审计日志 tab lists it — time, who, what — in
//! Chinese; a butler's tablet has no such tab, and the path says it is not for their role.

use e2e::api::ApiDevice;
use e2e::scenario::with_browsers;
use e2e::{wait_until, Browser, Server, TestResult};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supervisor_reads_the_audit_log() {
    with_browsers(Server::start().await, &["supervisor", "butler1"], |s, b| {
        Box::pin(scenario(s, &b[0], &b[1]))
    })
    .await;
}

async fn scenario(server: &mut Server, supervisor: &Browser, butler: &Browser) -> TestResult {
    let office = ApiDevice::login(server, "office", "e2e-audit-office").await?;
    let file = office.get_bytes("/api/v1/register/export?format=csv&table=people").await?;
    if file.is_empty() {
        return e2e::fail("the register's export is empty");
    }

    supervisor.login("supervisor").await?;
    supervisor.wait_synced().await?;
    supervisor.click("a#nav-audit").await?;
    let seen = wait_until(
        "supervisor: the audit log lists the office's export",
        Duration::from_secs(20),
        || async {
            let row = "#audit-table tr.audit-row[data-action=register_export]";
            let text = supervisor.text_of(row).await?.unwrap_or_default();
            Ok(text.contains("office") && text.contains("导出台账") && text.contains("csv people"))
        },
    )
    .await;
    supervisor.explain(seen).await?;

    butler.tablet_portrait().await?;
    butler.login("butler1").await?;
    butler.wait_synced().await?;
    if butler.text_of("a#nav-audit").await?.is_some() {
        return e2e::fail("butler1 has an audit log tab");
    }
    butler.goto("/audit").await?;
    let gated =
        wait_until("butler1: /audit is not for a butler", Duration::from_secs(10), || async {
            Ok(butler.text_of("#not-for-role").await?.is_some())
        })
        .await;
    butler.explain(gated).await
}
