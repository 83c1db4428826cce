//! A butler edits a resident's phone offline while the office edits the same phone online:
//! both values reach the office's conflict review, and the office's choice (overturning, so
//! the butler's number is kept) reaches the tablet. No contact number is lost silently.

use e2e::actions::SYNC_TIMEOUT;
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, report, unique_suffix, wait_until, ApiDevice, Browser, ChromeDriver};
use e2e::{Devices, Server, TestResult};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resident_phone_conflict_reaches_review() {
    let mut server = match Server::start().await {
        Ok(s) => s,
        Err(e) => return report(Err(e), None),
    };
    let outcome = async {
        let driver = ChromeDriver::start().await?;
        let url = server.url();
        let (butler, office) = tokio::try_join!(
            Browser::open(&driver, "butler1", &url),
            Browser::open(&driver, "office", &url),
        )?;
        let devices = Devices { browsers: vec![butler, office], driver };
        let outcome = scenario(&mut server, &devices.browsers[0], &devices.browsers[1]).await;
        devices.finish(outcome).await
    }
    .await;
    report(outcome, Some(&server));
}

/// A resident of butler1's area with a phone: `(person, unit, unit number, name, phone)`.
async fn a_resident(server: &Server) -> TestResult<(String, String, String, String, String)> {
    let api = ApiDevice::login(server, "butler1", "e2e-look").await?;
    let all = api.pull_all().await?;
    let value = |kind: &str, id: &str, field: &str| {
        all.iter()
            .filter(|c| c["kind"] == kind && c["id"] == id && c["field"] == field)
            .max_by(|a, b| a["hlc"].as_str().cmp(&b["hlc"].as_str()))
            .and_then(|c| c["value"].as_str().map(str::to_owned))
    };
    for link in all.iter().filter(|c| c["kind"] == "unit_person" && c["field"] == "person") {
        let (Some(link_id), Some(person)) = (link["id"].as_str(), link["value"].as_str()) else {
            continue;
        };
        let Some(unit) = value("unit_person", link_id, "unit") else { continue };
        if value("unit_person", link_id, "to").is_some() {
            continue; // moved out
        }
        if let (Some(number), Some(name), Some(phone)) = (
            value("unit", &unit, "number"),
            value("person", person, "name"),
            value("person", person, "phone"),
        ) {
            return Ok((person.to_owned(), unit, number, name, phone));
        }
    }
    fail("the demo gives butler1 no resident with a phone")
}

async fn scenario(server: &mut Server, butler: &Browser, office: &Browser) -> TestResult {
    let (person, unit, number, name, _) = a_resident(server).await?;
    tokio::try_join!(login_and_sync(butler, "butler1"), login_and_sync(office, "office"))?;
    butler.search_unit(&number, &number).await?;
    butler.open_unit_hit(&unit).await?;

    let suffix = unique_suffix() % 100_000_000;
    let (tablet_phone, desk_phone) = (format!("137{suffix:08}"), format!("159{suffix:08}"));
    server.kill()?;
    let card = format!("[data-testid=\"unit-person\"][data-person-id=\"{person}\"]");
    butler.click(&format!("{card} button.edit-person")).await?;
    butler.type_into("input#person-edit-phone", &tablet_phone).await?;
    butler.click("button#person-edit-save").await?;
    butler.wait_pending().await?;
    progress(format_args!("butler1 changed {name}'s phone to {tablet_phone} offline"));

    server.restart().await?;
    let mut desk = ApiDevice::login(server, "office", "e2e-desk").await?;
    desk.set("person", &person, "phone", json!(desk_phone), unique_suffix()).await?;
    progress(format_args!("the office changed it to {desk_phone} online"));

    // Both values meet at the server: the later (the office's) wins, the other is kept as a
    // conflict for review, and every device shows the winner.
    butler.wait_person_with_tel(&unit, &name, &format!("tel:{desk_phone}")).await?;
    office.click("a#nav-conflicts").await?;
    office.overturn_conflict(&person, &tablet_phone).await?;
    let held = wait_until("the server holds the tablet's number again", SYNC_TIMEOUT, || async {
        Ok(desk.field("person", &person, "phone").await? == Some(Value::from(tablet_phone.clone())))
    })
    .await;
    office.explain(held).await?;
    butler.wait_person_with_tel(&unit, &name, &format!("tel:{tablet_phone}")).await?;
    progress("the office's choice reached the tablet");
    Ok(())
}
