//! Two tablets behind the round-robin proxy of two `guanjia serve` instances on one
//! PostgreSQL database, each tablet's connections (its event stream among them) on a
//! different instance: butler1's edit, pushed to instance 0, reaches the office's screen
//! through a poke from instance 1 within 2 s — the app's periodic sync is every 10 s, so only
//! the poke is that fast. Prints the measured delay.

use e2e::scenario::{login_and_sync, report};
use e2e::{
    fail, progress, unique_suffix, wait_until, Browser, ChromeDriver, Instances, TestResult,
};
use sqlx::{Connection, Row};
use std::time::{Duration, Instant};

/// The bound the issue sets on a poke reaching a tablet on another instance.
const POKE_BOUND: Duration = Duration::from_secs(2);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poke_reaches_a_tablet_on_the_other_instance() {
    let instances = match Instances::start(2).await {
        Ok(Some(i)) => i,
        Ok(None) => return,
        Err(e) => return report(Err(e), None),
    };
    let outcome = scenario(&instances).await;
    if let Err(e) = outcome {
        panic!(
            "{e}\n--- instance 0 ---\n{}\n--- instance 1 ---\n{}",
            instances.log(0),
            instances.log(1)
        );
    }
}

/// The lines of instance `n`'s log that say `user_id` opened an event stream.
fn streams_of(instances: &Instances, n: usize, user_id: &str) -> usize {
    let log = instances.log(n);
    log.lines().filter(|l| l.contains("event stream opened") && l.contains(user_id)).count()
}

/// The account id of `username` (what the instances' logs name).
async fn user_id(instances: &Instances, username: &str) -> TestResult<String> {
    let mut db = sqlx::PgConnection::connect(instances.database_url()).await?;
    let row = sqlx::query("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(&mut db)
        .await?;
    db.close().await?;
    Ok(row.try_get("id")?)
}

async fn scenario(instances: &Instances) -> TestResult {
    let url = instances.url();
    let driver = ChromeDriver::start().await?;
    // Each tablet starts while the proxy sends every new connection to one instance.
    instances.proxy().pin(Some(0));
    let butler = Browser::open(&driver, "butler1", &url).await?;
    let outcome = async {
        let ids = login_and_sync(&butler, "butler1").await?;
        instances.proxy().pin(Some(1));
        let office = Browser::open(&driver, "office", &url).await?;
        let outcome = on_two_tablets(instances, &butler, &office, &ids).await;
        office.close().await;
        outcome
    }
    .await;
    butler.close().await;
    outcome
}

async fn on_two_tablets(
    instances: &Instances,
    butler: &Browser,
    office: &Browser,
    butler_ids: &[String],
) -> TestResult {
    let office_ids = login_and_sync(office, "office").await?;
    let Some(id) = butler_ids.iter().find(|id| office_ids.contains(id)) else {
        return fail("no request of butler1's area is on the office's list");
    };
    tokio::try_join!(butler.open_detail(id), office.open_detail(id))?;
    let (butler_id, office_id) =
        (user_id(instances, "butler1").await?, user_id(instances, "office").await?);
    // The edit goes to instance 0, where butler1's connections are.
    instances.proxy().pin(Some(0));
    let (b0, b1) = (streams_of(instances, 0, &butler_id), streams_of(instances, 1, &butler_id));
    let (o0, o1) = (streams_of(instances, 0, &office_id), streams_of(instances, 1, &office_id));
    progress(format_args!(
        "event streams: butler1 {b0} on 0, {b1} on 1; office {o0} on 0, {o1} on 1"
    ));
    if b0 == 0 || b1 != 0 || o1 == 0 || o0 != 0 {
        return fail("the tablets' event streams are not on different instances");
    }

    let text = format!("poke across instances {}", unique_suffix());
    let saved = Instant::now();
    butler.edit_description(&text).await?;
    let shown_saved = saved.elapsed();
    butler.wait_synced().await?;
    let acked = Instant::now();
    let what = format!("office (stream on instance 1) shows {text:?} within {POKE_BOUND:?}");
    let shown = wait_until(&what, POKE_BOUND, || async {
        Ok(office.text_of("#detail-description").await?.unwrap_or_default().contains(&text))
    })
    .await;
    office.explain(shown).await?;
    let (from_ack, from_save) = (acked.elapsed(), saved.elapsed());
    progress(format_args!(
        "butler1's edit on the office's screen: {:.0} ms after butler1's badge showed synced, \
         {:.0} ms after saving (saving took {:.0} ms)",
        from_ack.as_secs_f64() * 1e3,
        from_save.as_secs_f64() * 1e3,
        shown_saved.as_secs_f64() * 1e3
    ));
    if streams_of(instances, 0, &office_id) != 0 {
        return fail("the office's event stream moved to instance 0: nothing crossed instances");
    }
    Ok(())
}
