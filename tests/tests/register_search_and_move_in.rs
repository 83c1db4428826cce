//! The register on a butler's tablet: butler1 searches a demo unit by its number, opens it,
//! adds a person with a phone (the card shows a tap-to-call link at once, offline-first) and
//! finds the unit again by digits of that phone (the search index follows the replica).
//! After sync the office, at a desk, finds the unit by the person's name in the units table
//! and sees the same person on the same unit's page. Then butler1 moves the person out and
//! back in (found by the move-in search), and the office sees them living there again.

use e2e::scenario::login_and_sync;
use e2e::{unique_suffix, Browser, Server, TestResult};

/// A demo unit in butler1's area (东区: buildings 1–3; `server/src/demo.rs`).
const UNIT: &str = "1-0302";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_search_and_move_in() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1", "office"], |_, b| {
        Box::pin(scenario(&b[0], &b[1]))
    })
    .await;
}

async fn scenario(butler: &Browser, office: &Browser) -> TestResult {
    butler.tablet_portrait().await?;
    tokio::try_join!(login_and_sync(butler, "butler1"), login_and_sync(office, "office"))?;

    let unit = butler.search_unit(UNIT, UNIT).await?;
    butler.open_unit_hit(&unit).await?;
    let suffix = unique_suffix();
    let name = format!("E2E住户{}", suffix % 1_000_000);
    let phone = format!("139 {:04} {:04}", suffix / 10_000 % 10_000, suffix % 10_000);
    let tel = format!("tel:{}", phone.replace(' ', ""));
    let added = butler.add_person(&unit, &name, &phone).await?;
    if !added.tel.contains(&tel) {
        return e2e::fail(format!("butler1: the new card has no link to {tel}: {added:?}"));
    }
    let digits = &tel[tel.len() - 8..];
    let again = butler.search_unit(digits, UNIT).await?;
    if again != unit {
        return e2e::fail(format!("butler1: searching {digits} found {again}, not {unit}"));
    }
    butler.open_unit_hit(&unit).await?;
    butler.wait_synced().await?;
    butler.wait_person_with_tel(&unit, &name, &tel).await?;
    e2e::progress(format_args!("butler1: {name} synced with {tel}"));

    office.filter_units_table(&name, &unit).await?;
    office.goto(&format!("/unit/{unit}")).await?;
    office.wait_unit_page(&unit).await?;
    office.wait_person_with_tel(&unit, &name, &tel).await?;
    e2e::progress(format_args!("office: the page of {UNIT} lists {name} with {tel}"));

    let person = added.person_id.clone().unwrap_or_default();
    butler.move_out(&unit, &person).await?;
    butler.move_in(&unit, &name, &person).await?;
    butler.wait_synced().await?;
    let what = format!("office: {name} lives in {UNIT} again and is listed as moved out once");
    let seen = e2e::wait_until(&what, e2e::actions::SYNC_TIMEOUT, || async {
        let here = office.unit_people(&unit).await?;
        let out = office.moved_out_people(&unit).await?;
        let is = |p: &e2e::register::UnitPerson| p.person_id.as_deref() == Some(&person);
        Ok(here.iter().any(is) && out.iter().filter(|p| is(p)).count() == 1)
    })
    .await;
    office.explain(seen).await
}
