//! Photos where they are shown (issue 9, points 3, 5 and 6): butler1 sees the device's
//! storage used and quota on the sync badge, attaches a photo to a request over a slow
//! uplink and, while it uploads, writes a comment with another photo: the comment and the
//! photo records reach the server before the first photo's bytes have (record sync never
//! waits for uploads). Once they are uploaded, the office's request list shows the request's row with the
//! photo's thumbnail (fetched from the server with the token, shown through a blob URL), and
//! the office's request page shows the comment's photo under the comment, whose original
//! opens in the viewer and zooms on a double tap.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::TestResult;
use e2e::{fail, progress, wait_until, wait_value, Browser, Server};
use serde_json::{json, Value};

/// Makes a JPEG of noise in the page and picks it in the file input `arguments[0]`, as a
/// user's choice would; returns its size.
const ATTACH_JS: &str = "const done = arguments[arguments.length - 1];
const selector = arguments[0], seed = arguments[1];
(async () => {
  const w = 1600, h = 1200, c = document.createElement('canvas');
  c.width = w; c.height = h;
  const g = c.getContext('2d'), img = g.createImageData(w, h);
  let x = seed;
  for (let i = 0; i < img.data.length; i += 4) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    img.data[i] = x & 255; img.data[i + 1] = (x >> 8) & 255; img.data[i + 2] = (x >> 16) & 255;
    img.data[i + 3] = 255;
  }
  g.putImageData(img, 0, 0);
  const blob = await new Promise(r => c.toBlob(r, 'image/jpeg', 0.9));
  const dt = new DataTransfer();
  dt.items.add(new File([blob], 'fixture.jpg', { type: 'image/jpeg' }));
  const input = document.querySelector(selector);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  done(blob.size);
})().catch(e => done('error: ' + e));";

/// Two taps at the centre of the viewer's stage, 80 ms apart, as pointer events.
const DOUBLE_TAP_JS: &str = "const s = document.querySelector('.photo-viewer-stage');
const r = s.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
const o = { clientX: x, clientY: y, pointerId: 1, bubbles: true, isPrimary: true };
for (const t of ['pointerdown', 'pointerup', 'pointerdown', 'pointerup']) {
  s.dispatchEvent(new PointerEvent(t, o));
}";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_reach_lists_and_comments() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1", "office"], |_, b| {
        Box::pin(scenario(&b[0], &b[1]))
    })
    .await;
}

async fn scenario(butler: &Browser, office: &Browser) -> TestResult {
    let (butler_ids, office_ids) =
        tokio::try_join!(login_and_sync(butler, "butler1"), login_and_sync(office, "office"))?;
    let Some(id) = butler_ids.into_iter().find(|id| office_ids.contains(id)) else {
        return fail("no request of butler1's area is on the office's first page");
    };

    let before = storage(butler).await?;
    progress(format_args!("butler1's storage: {} of {} bytes", before.0, before.1));

    // A photo of the request, over an uplink slow enough that it takes seconds to go up.
    butler.open_detail(&id).await?;
    butler.throttle_upload(Some(128 * 1024)).await?;
    attach(butler, "#photo-input", 7).await?;
    let photo = "#photos img.photo-thumb";
    let thumb = wait_value("butler1: the request's photo is saved", UI_TIMEOUT, || async {
        butler.attr_of(photo, "data-thumb").await
    })
    .await;
    let thumb = butler.explain(thumb).await?;
    let started = wait_until("butler1: the request's photo is uploading", SYNC_TIMEOUT, || async {
        Ok(butler.attr_of(photo, "data-state").await?.as_deref() == Some("uploading"))
    })
    .await;
    butler.explain(started).await?;

    // A comment with a photo.
    butler.type_into("#comment-text", "楼道照片已附上").await?;
    attach(butler, "#comment-photo-input", 11).await?;
    let chosen =
        wait_until("butler1: one photo waits to go with the comment", UI_TIMEOUT, || async {
            Ok(butler.attr_of("#comment-photos", "data-count").await?.as_deref() == Some("1"))
        })
        .await;
    butler.explain(chosen).await?;
    butler.click("#comment-save").await?;
    let strip = "li.event[data-type='comment'] ul.photo-strip img.photo-thumb";
    let comment_sha = wait_value("butler1: the comment shows its photo", UI_TIMEOUT, || async {
        butler.attr_of(strip, "data-sha").await
    })
    .await;
    let comment_sha = butler.explain(comment_sha).await?;
    progress(format_args!("butler1 attached {thumb} (thumbnail) and {comment_sha} (comment)"));
    // The comment and both photo records are on the server while the first photo still
    // uploads: its state is read in the same probe that finds the outbox empty.
    let pushed =
        wait_value("butler1: the comment is pushed (nothing pending)", SYNC_TIMEOUT, || async {
            let pending = butler.badge().await?.and_then(|b| b.pending());
            let state = butler.attr_of(photo, "data-state").await?.unwrap_or_default();
            Ok((pending == Some(0)).then_some(state))
        })
        .await;
    let state = butler.explain(pushed).await?;
    if state == "done" {
        return fail("the comment reached the server only after the photo's bytes had");
    }
    progress(format_args!("the comment was pushed while the request's photo was {state}"));
    butler.throttle_upload(None).await?;

    // Both photos go up; the storage line grew by them.
    let uploaded = wait_until("butler1: every photo is uploaded", SYNC_TIMEOUT, || async {
        let waiting: bool =
            butler.js("return !!document.querySelector('#sync-photos');", vec![]).await?;
        let done = butler.attr_of(photo, "data-state").await?.as_deref() == Some("done");
        Ok(!waiting && done)
    })
    .await;
    butler.explain(uploaded).await?;
    let grown = wait_value("butler1: #storage-used grew by the photos", UI_TIMEOUT, || async {
        let now = storage(butler).await?;
        Ok((now.0 > before.0).then_some(now))
    })
    .await;
    let after = butler.explain(grown).await?;
    progress(format_args!("butler1's storage: {} of {} bytes", after.0, after.1));

    // The office's list: the row shows the butler's thumbnail once it is in view.
    office.goto("/").await?;
    let row = format!("tr.request-row[data-id='{id}']");
    office.element(&row).await?;
    let scroll = "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });";
    office.client().execute(scroll, vec![json!(row)]).await?;
    let cell = format!("{row} span.row-thumb");
    let shown =
        wait_until("office: the row shows the butler's thumbnail", SYNC_TIMEOUT, || async {
            office.client().execute(scroll, vec![json!(row)]).await?;
            let sha = office.attr_of(&cell, "data-sha").await?;
            let state = office.attr_of(&cell, "data-state").await?;
            let src = office.attr_of(&format!("{cell} img"), "src").await?.unwrap_or_default();
            Ok(sha.as_deref() == Some(&thumb)
                && state.as_deref() == Some("shown")
                && src.starts_with("blob:"))
        })
        .await;
    office.explain(shown).await?;
    progress("the office's list shows the thumbnail of the butler's photo");

    // The office's request page: the comment's photo under the comment, its original in the
    // viewer, zoomed by a double tap.
    office.open_detail(&id).await?;
    let theirs = format!(
        "li.event[data-type='comment'] ul.photo-strip img.photo-thumb[data-sha='{comment_sha}']"
    );
    let seen = wait_until("office: the comment's photo shows under it", SYNC_TIMEOUT, || async {
        let src = office.attr_of(&theirs, "src").await?.unwrap_or_default();
        Ok(src.starts_with("blob:"))
    })
    .await;
    office.explain(seen).await?;
    office.click(&theirs).await?;
    let viewer = wait_until(
        "office: the viewer shows the comment photo's original",
        SYNC_TIMEOUT,
        || async {
            let sha = office.attr_of("#photo-viewer", "data-sha").await?;
            let src = office.attr_of("#photo-viewer-img", "src").await?.unwrap_or_default();
            Ok(sha.as_deref() == Some(&comment_sha) && src.starts_with("blob:"))
        },
    )
    .await;
    office.explain(viewer).await?;
    office.client().execute(DOUBLE_TAP_JS, vec![]).await?;
    let zoomed = wait_until("office: a double tap zooms the photo", UI_TIMEOUT, || async {
        Ok(office.attr_of("#photo-viewer", "data-zoom").await?.as_deref() == Some("true"))
    })
    .await;
    office.explain(zoomed).await
}

/// Picks a generated photo in the file input `selector`.
async fn attach(b: &Browser, selector: &str, seed: u32) -> TestResult {
    let size: Value =
        b.client().execute_async(ATTACH_JS, vec![json!(selector), json!(seed)]).await?;
    match size.as_u64() {
        Some(n) if n > 100_000 => Ok(()),
        _ => fail(format!("{}: attaching a photo to {selector} failed: {size}", b.name)),
    }
}

/// `#storage-used`: the bytes used and the quota, once shown; the text names both.
async fn storage(b: &Browser) -> TestResult<(u64, u64)> {
    let what = format!("{}: #storage-used shows used and quota", b.name);
    let found = wait_value(&what, UI_TIMEOUT, || async {
        let num = |a: Option<String>| a.and_then(|v| v.parse::<u64>().ok());
        let used = num(b.attr_of("#storage-used", "data-used").await?);
        let quota = num(b.attr_of("#storage-used", "data-quota").await?);
        let text = b.text_of("#storage-used").await?.unwrap_or_default();
        let unit = |t: &str| ["B", "KB", "MB", "GB", "TB"].iter().any(|u| t.contains(u));
        Ok(match (used, quota) {
            (Some(u), Some(q)) if q > 0 && u <= q && text.contains('/') && unit(&text) => {
                Some((u, q))
            }
            _ => None,
        })
    })
    .await;
    b.explain(found).await
}
