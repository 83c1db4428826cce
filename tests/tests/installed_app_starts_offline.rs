//! Issue 26 point 1: the app is installable and, once installed, starts with no network.
//!
//! The manifest says what an install needs (name, standalone, start URL, theme, shortcuts to
//! new request, patrol and My day) and its icons are PNGs of the sizes it claims. Then
//! butler1 signs in once online; the server dies (no network at all, for the page and for
//! its service worker alike, which the browser's own offline switch would not promise across
//! a closed tab); the tab is closed and the app opened again in a new one, as a tablet
//! reopens an installed app in a basement: it starts, the manifest and every icon come from
//! the service worker's cache, and butler1 saves a request that waits in the outbox. When
//! the server is back, the request leaves the outbox.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, unique_suffix, wait_until, Browser, Server, TestResult};
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn installed_app_starts_offline() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1"], |server, b| {
        Box::pin(scenario(server, &b[0]))
    })
    .await;
}

async fn scenario(server: &mut Server, butler: &Browser) -> TestResult {
    let icons = manifest_icons(&server.url()).await?;
    progress(format_args!("the manifest lists {} PNG icons of their sizes", icons.len()));

    login_and_sync(butler, "butler1").await?;
    butler.goto("/").await?;
    let controlled = wait_until(
        "butler1: a service worker controls the page (the app shell is cached)",
        UI_TIMEOUT,
        || async { butler.service_worker_controls().await },
    )
    .await;
    butler.explain(controlled).await?;
    butler.wait_synced().await?;
    let units = butler.open_new_request_form().await?;

    server.kill()?;
    reopen_in_a_new_tab(butler).await?;
    let started = wait_until(
        "butler1, app reopened with the server down: the header's #sync-badge shows \
         data-online=false (the app started from the service worker's cache)",
        UI_TIMEOUT,
        || async { Ok(butler.badge().await?.is_some_and(|b| b.is_offline())) },
    )
    .await;
    butler.explain(started).await?;
    cached_icons_are_pngs(butler, &icons).await?;
    progress("butler1: the app started offline; manifest and icons came from the cache");

    butler.open_new_request_form().await?;
    let suffix = unique_suffix();
    let description = format!("E2E installed offline {suffix}");
    let phone = format!("139{:08}", suffix % 100_000_000);
    let id = butler.create_request(&units[0], &description, &phone).await?;
    butler.click("a#nav-requests").await?;
    let pending = wait_until(
        "butler1 offline: the new request is listed with data-pending=true",
        UI_TIMEOUT,
        || async {
            let row = butler.request_row(&id).await?;
            Ok(row.is_some_and(|r| r.is_pending() && r.text.contains(&description)))
        },
    )
    .await;
    butler.explain(pending).await?;
    butler.wait_pending().await?;
    progress(format_args!("butler1 saved request {id} in the app reopened offline"));

    server.restart().await?;
    let drained = wait_until(
        "butler1's badge shows data-pending=0 once the server is back",
        SYNC_TIMEOUT,
        || async { Ok(butler.badge().await?.and_then(|b| b.pending()) == Some(0)) },
    )
    .await;
    butler.explain(drained).await
}

/// An icon of the manifest: where it is and the size it claims (`sizes`, square).
struct Icon {
    src: String,
    size: u32,
}

/// Fetches the manifest over HTTP, checks what installing needs, and checks that every PNG
/// icon it names (its own and its shortcuts') is served as `image/png` of the pixel size it
/// claims, and the page's apple-touch-icon too. Returns those icons.
async fn manifest_icons(base: &str) -> TestResult<Vec<Icon>> {
    let http = reqwest::Client::new();
    let manifest: Value = http
        .get(format!("{base}/manifest.webmanifest"))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    for (field, want) in [("display", "standalone"), ("start_url", "/"), ("scope", "/")] {
        if manifest[field] != want {
            return fail(format!("manifest {field} is {}, want {want:?}", manifest[field]));
        }
    }
    for field in ["name", "short_name", "theme_color", "background_color", "lang"] {
        if manifest[field].as_str().is_none_or(str::is_empty) {
            return fail(format!("manifest has no {field}"));
        }
    }
    let shortcuts = manifest["shortcuts"].as_array().cloned().unwrap_or_default();
    let urls: Vec<&str> = shortcuts.iter().filter_map(|s| s["url"].as_str()).collect();
    if urls != ["/requests/new", "/patrol", "/day"] {
        return fail(format!("manifest shortcuts go to {urls:?}"));
    }
    let mut listed = manifest["icons"].as_array().cloned().unwrap_or_default();
    listed
        .extend(shortcuts.iter().flat_map(|s| s["icons"].as_array().cloned().unwrap_or_default()));
    // iOS takes no icon from the manifest, only the page's apple-touch-icon: a 180 px PNG.
    let apple = serde_json::json!({ "src": "/apple-touch-icon.png", "sizes": "180x180",
        "type": "image/png" });
    let mut icons = Vec::new();
    for icon in listed.iter().chain([&apple]).filter(|i| i["type"] == "image/png") {
        let src = icon["src"].as_str().unwrap_or_default().to_string();
        let sizes = &icon["sizes"];
        let Some(size) = png_size_claim(icon) else {
            return fail(format!("icon {src}: sizes {sizes} is not one square size"));
        };
        let resp = http.get(format!("{base}{src}")).send().await?.error_for_status()?;
        let kind = resp.headers().get("content-type").and_then(|v| v.to_str().ok());
        if kind != Some("image/png") {
            return fail(format!("icon {src} is served as {kind:?}"));
        }
        let pixels = png_size(&resp.bytes().await?);
        if pixels != Some((size, size)) {
            return fail(format!("icon {src} claims {sizes} but is {pixels:?}"));
        }
        icons.push(Icon { src, size });
    }
    let purposes: Vec<(u32, &str)> = listed
        .iter()
        .filter_map(|i| Some((png_size_claim(i)?, i["purpose"].as_str().unwrap_or("any"))))
        .collect();
    for want in [(192, "any"), (512, "any"), (192, "maskable"), (512, "maskable")] {
        if !purposes.contains(&want) {
            return fail(format!("manifest has no {want:?} PNG icon: {purposes:?}"));
        }
    }
    Ok(icons)
}

/// The square size an icon entry of the manifest claims, for a PNG.
fn png_size_claim(icon: &Value) -> Option<u32> {
    let sizes = icon["sizes"].as_str()?;
    let (w, h) = sizes.split_once('x')?;
    (icon["type"] == "image/png" && w == h).then(|| w.parse().ok()).flatten()
}

/// A PNG's width and height from its header: the signature, then the IHDR chunk (length,
/// type, width and height as big-endian 32-bit numbers).
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || &bytes[..8] != SIGNATURE || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    Some((be(16), be(20)))
}

/// Closes butler1's tab and opens the app in a new one (the tablet's app closed and opened
/// again from its icon): the new tab starts from nothing but what the browser keeps.
async fn reopen_in_a_new_tab(butler: &Browser) -> TestResult {
    let client = butler.client();
    let old = client.window().await?;
    let new = client.new_window(true).await?;
    client.switch_to_window(old).await?;
    client.close_window().await?;
    client.switch_to_window(new.handle).await?;
    butler.goto("/").await?;
    progress("butler1: tab closed, the app opened again in a new tab");
    Ok(())
}

/// With the server down, the page fetches the manifest and each icon (through its service
/// worker, as a launcher would): each must come from the cache, whole, a PNG of its size.
async fn cached_icons_are_pngs(butler: &Browser, icons: &[Icon]) -> TestResult {
    // A file the worker did not cache fails to fetch (a network error, not a status).
    let script = "return Promise.all(arguments[0].map(async (src) => {
  try {
    const r = await fetch(src);
    const head = Array.from(new Uint8Array(await r.arrayBuffer()).slice(0, 24));
    return { src, ok: r.ok, type: r.headers.get('content-type'), head };
  } catch (e) {
    return { src, ok: false, error: String(e) };
  }
}));";
    let mut srcs: Vec<&str> = icons.iter().map(|i| i.src.as_str()).collect();
    srcs.push("/manifest.webmanifest");
    let got: Vec<Value> = butler.js(script, vec![serde_json::json!(srcs)]).await?;
    for (answer, src) in got.iter().zip(&srcs) {
        if answer["ok"] != true {
            return fail(format!("offline, {src} did not come from the cache: {answer}"));
        }
    }
    for (answer, icon) in got.iter().zip(icons) {
        let head: Vec<u8> = serde_json::from_value(answer["head"].clone())?;
        if answer["type"] != "image/png" || png_size(&head) != Some((icon.size, icon.size)) {
            return fail(format!("offline, {} is not a {}px PNG: {answer}", icon.src, icon.size));
        }
    }
    Ok(())
}
