//! Nothing lost when the server is restored from an older backup (issue 23, point 2): a
//! butler's requests and a photo reach the server after the nightly backup; the disk is lost
//! and the backup restored; the butler's tablet, left alone, notices the server's new history,
//! sends again what the backup lacks and uploads the photo again; the office, signing in
//! after the restore, sees the butler's work with the photo. Prints the time from the
//! restart to the office seeing the last record.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::{progress, unique_suffix, wait_until, wait_value, Browser, Fixture, Server, TestResult};
use std::time::Instant;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restored_server_gets_the_tablets_work() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1", "office"], |server, b| {
        Box::pin(scenario(server, &b[0], &b[1]))
    })
    .await;
}

async fn scenario(server: &mut Server, butler: &Browser, office: &Browser) -> TestResult {
    login_and_sync(butler, "butler1").await?;
    let suffix = unique_suffix();
    let units = butler.open_new_request_form().await?;
    let before = format!("E2E before the backup {suffix}");
    let kept = butler.create_request(&units[0], &before, "13900000001").await?;
    butler.wait_synced().await?;
    let backup = server.backup("nightly")?;

    // The day goes on: a new request with a photo, and an edit of the earlier one.
    let units = butler.open_new_request_form().await?;
    let after = format!("E2E after the backup {suffix}");
    let lost = butler.create_request(&units[0], &after, "13900000002").await?;
    butler.element("#photo-input").await?;
    butler.attach_photo(Fixture::Plain("teal")).await?;
    let sha = photo_done(butler).await?;
    butler.open_detail(&kept).await?;
    let edited = format!("E2E edited after the backup {suffix}");
    butler.edit_description(&edited).await?;
    butler.wait_synced().await?;
    progress(format_args!("butler1's work after the backup is on the server: {lost}, photo {sha}"));

    server.restore(&backup).await?;
    let restarted = Instant::now();
    // The butler does nothing; the office signs in on the restored server.
    login_and_sync(office, "office").await?;
    let seen = wait_until(
        "the office lists the request made after the backup, and the earlier one as edited",
        SYNC_TIMEOUT,
        || async {
            let rows = office.request_rows().await?;
            let has = |id: &str, text: &str| {
                rows.iter().any(|r| r.id.as_deref() == Some(id) && r.text.contains(text))
            };
            Ok(has(&lost, &after) && has(&kept, &edited))
        },
    )
    .await;
    office.explain(seen).await?;
    progress(format_args!(
        "the office sees the tablet's work {:?} after the restored server started",
        restarted.elapsed()
    ));
    office.open_detail(&lost).await?;
    let thumb = format!("img.photo-thumb[data-sha='{sha}']");
    let photo =
        wait_until("the office shows the photo, fetched from the server", SYNC_TIMEOUT, || async {
            Ok(office.attr_of(&thumb, "data-state").await?.as_deref() == Some("done"))
        })
        .await;
    office.explain(photo).await?;
    let drained = wait_until("butler1 has nothing left to send", UI_TIMEOUT, || async {
        Ok(butler.badge().await?.and_then(|b| b.pending()) == Some(0))
    })
    .await;
    butler.explain(drained).await.map(|_| ())
}

/// The `data-sha` of the request's photo once its upload is done.
async fn photo_done(b: &Browser) -> TestResult<String> {
    let found =
        wait_value("butler1: the photo is uploaded (data-state=done)", SYNC_TIMEOUT, || async {
            let state = b.attr_of("img.photo-thumb", "data-state").await?;
            let sha = b.attr_of("img.photo-thumb", "data-sha").await?;
            Ok(sha.filter(|_| state.as_deref() == Some("done")))
        })
        .await;
    b.explain(found).await
}
