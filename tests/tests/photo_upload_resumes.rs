//! A photo is never lost (issue 9, point 7): a butler attaches a 4 MB photo to a request with
//! the server down; it survives a reload; when the server is back the upload starts, the
//! server is killed after its first chunk and started again, and the upload completes having
//! re-sent at most one chunk (counted from the server's own log of the chunks it accepted);
//! then the office sees the photo.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, wait_until, wait_value, Browser, Server};
use e2e::{Fixture, TestResult};

/// `shared::blob::CHUNK_BYTES`: what one re-sent chunk may cost.
const CHUNK_BYTES: u64 = 256 * 1024;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photo_upload_resumes() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1", "office"], |server, b| {
        Box::pin(scenario(server, &b[0], &b[1]))
    })
    .await;
}

async fn scenario(server: &mut Server, butler: &Browser, office: &Browser) -> TestResult {
    let (ids, _) =
        tokio::try_join!(login_and_sync(butler, "butler1"), login_and_sync(office, "office"))?;
    let id = ids[0].clone();
    butler.open_detail(&id).await?;
    butler.element("#photo-input").await?;

    server.kill()?;
    // Noise: a photo of over 4 MB, as a real one compresses.
    let size = butler.attach_photo(Fixture::Noise).await?;
    if size < 4_000_000 {
        return fail(format!("the fixture photo is {size} bytes, not 4 MB"));
    }
    let sha = thumb_in_state(butler, &["waiting", "uploading"]).await?;
    progress(format_args!("butler1 attached a {size}-byte photo offline: {sha}"));

    butler.client().refresh().await?;
    butler.element("#req-detail").await?;
    let again = thumb_in_state(butler, &["waiting", "uploading"]).await?;
    if again != sha {
        return fail(format!("after a reload the photo is {again}, not {sha}"));
    }

    // A slow uplink (as in a stairwell), so that "after the first chunk" is a moment the test
    // can hit: each 256 KiB chunk takes about a second to leave the tablet.
    butler.throttle_upload(Some(256 * 1024)).await?;
    server.restart().await?;
    let first = wait_until("the server accepts the photo's first chunk", SYNC_TIMEOUT, || async {
        Ok(!chunks(server, &sha).is_empty())
    })
    .await;
    butler.explain(first).await?;
    server.kill()?;
    let before_kill = chunks(server, &sha);
    butler.throttle_upload(None).await?;
    server.restart().await?;
    progress(format_args!("server killed after {} chunk(s) and started again", before_kill.len()));
    let done = wait_until("butler1's photo shows data-state=done", SYNC_TIMEOUT, || async {
        Ok(thumb_in_state(butler, &["done"]).await.is_ok_and(|s| s == sha))
    })
    .await;
    butler.explain(done).await?;

    let accepted = chunks(server, &sha);
    let sent: u64 = accepted.iter().map(|(_, len)| len).sum();
    let stored: u64 = accepted.iter().map(|(offset, len)| offset + len).max().unwrap_or(0);
    progress(format_args!("server accepted {} chunks, {sent} bytes, for {stored}", accepted.len()));
    if before_kill.len() >= accepted.len() {
        return fail(format!("the kill did not interrupt the upload: {accepted:?}"));
    }
    if sent > stored + CHUNK_BYTES {
        return fail(format!(
            "{sent} bytes sent for a blob of {stored}: more than one chunk again"
        ));
    }

    office.open_detail(&id).await?;
    let thumb = format!("img.photo-thumb[data-sha='{sha}']");
    let seen = wait_until(
        "the office shows the photo, fetched (data-state=done)",
        SYNC_TIMEOUT,
        || async { Ok(office.attr_of(&thumb, "data-state").await?.as_deref() == Some("done")) },
    )
    .await;
    office.explain(seen).await
}

/// The `data-sha` of the first thumbnail once it is in one of `states`.
async fn thumb_in_state(b: &Browser, states: &[&str]) -> TestResult<String> {
    let what = format!("{}: a photo thumbnail in state {states:?}", b.name);
    let found = wait_value(&what, UI_TIMEOUT, || async {
        let state = b.attr_of("img.photo-thumb", "data-state").await?;
        let sha = b.attr_of("img.photo-thumb", "data-sha").await?;
        Ok(sha.filter(|_| state.is_some_and(|s| states.contains(&s.as_str()))))
    })
    .await;
    b.explain(found).await
}

/// `(offset, len)` of every chunk of blob `sha` the server accepted.
fn chunks(server: &Server, sha: &str) -> Vec<(u64, u64)> {
    server.blob_chunks().into_iter().filter(|c| c.sha == sha).map(|c| (c.offset, c.len)).collect()
}
