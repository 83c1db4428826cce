//! The office imports register rows from a CSV on the desk: a file with an unknown building
//! is checked, its row errors listed and the import refused; a clean file is checked, then
//! imported, and the new unit is on the server.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, report, unique_suffix, wait_until, wait_value, ApiDevice, Browser};
use e2e::{ChromeDriver, Devices, Server, TestResult};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn office_imports_the_register() {
    let server = match Server::start().await {
        Ok(s) => s,
        Err(e) => return report(Err(e), None),
    };
    let outcome = async {
        let driver = ChromeDriver::start().await?;
        let office = Browser::open(&driver, "office", &server.url()).await?;
        let devices = Devices { browsers: vec![office], driver };
        let outcome = scenario(&server, &devices.browsers[0]).await;
        devices.finish(outcome).await
    }
    .await;
    report(outcome, Some(&server));
}

/// Chooses `path` in the import panel's file input and runs the check.
async fn check_file(office: &Browser, path: &std::path::Path) -> TestResult {
    let input = office.element("input#register-import-file").await?;
    input.send_keys(&path.display().to_string()).await?;
    let enabled = wait_until("office: the Check button is enabled", UI_TIMEOUT, || async {
        Ok(office.attr_of("button#register-import-check", "disabled").await?.is_none())
    })
    .await;
    office.explain(enabled).await?;
    office.click("button#register-import-check").await
}

async fn scenario(server: &Server, office: &Browser) -> TestResult {
    office.client().set_window_size(1400, 900).await?;
    login_and_sync(office, "office").await?;
    let api = ApiDevice::login(server, "office", "e2e-import-check").await?;
    let all = api.pull_all().await?;
    let Some(building) = all
        .iter()
        .find(|c| c["kind"] == "building" && c["field"] == "name")
        .and_then(|c| c["value"].as_str().map(str::to_owned))
    else {
        return fail("the demo has no building");
    };
    office.click("a#nav-register").await?;
    let dir = tempfile::tempdir()?;
    let number = format!("E2E-{}", unique_suffix() % 1_000_000);

    let bad = dir.path().join("bad.csv");
    let rows = format!(
        "楼栋,房号,楼层,类型,面积,状态,备注\n火星9号楼,X-1,1,住宅,80,空置,\n{building},{number},1,住宅,88,空置,导入\n"
    );
    std::fs::write(&bad, rows)?;
    check_file(office, &bad).await?;
    let errors =
        wait_value("office: the check lists the unknown building's row", SYNC_TIMEOUT, || async {
            let text = office.text_of("#register-import-errors").await?.unwrap_or_default();
            Ok(text.contains("火星9号楼").then_some(text))
        })
        .await;
    let errors = office.explain(errors).await?;
    if office.attr_of("button#register-import-commit", "disabled").await?.is_none() {
        return fail(format!("import is enabled despite errors: {errors}"));
    }
    progress("a file with an unknown building is refused row by row");

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        format!("楼栋,房号,楼层,类型,面积,状态,备注\n{building},{number},1,住宅,88,空置,导入\n"),
    )?;
    check_file(office, &good).await?;
    let ready = wait_until("office: a clean check enables Import", SYNC_TIMEOUT, || async {
        Ok(office.attr_of("button#register-import-commit", "disabled").await?.is_none())
    })
    .await;
    office.explain(ready).await?;
    office.click("button#register-import-commit").await?;
    let stored = wait_until("the server holds the imported unit", SYNC_TIMEOUT, || async {
        let all = api.pull_all().await?;
        Ok(all.iter().any(|c| {
            c["kind"] == "unit" && c["field"] == "number" && c["value"] == number.as_str()
        }))
    })
    .await;
    office.explain(stored).await?;
    progress(format_args!("unit {number} imported"));
    Ok(())
}
