//! Issue 26 point 2: an update never loses work. Two builds: A is the app under test
//! (`GUANJIA_DIST`); B is a copy of A made here with a new build stamp (`sw.js`'s `BUILD`
//! and index.html's `<meta name="guanjia-build">`, what `scripts/stamp_build.sh` writes), so
//! the browser sees a new version. B shares A's WebAssembly: a second real compile costs
//! 15–20 minutes on the CI machines, and what an update risks is the hand-over between
//! service workers and page loads, which the stamp alone exercises.
//!
//! On a tablet (800×1280), butler1 signs in online, goes offline and, through the real
//! new-request form, files requests until the outbox holds at least 1,000 field changes,
//! 20 of them with a photo. Then the server is stopped and started on B (same database) and
//! the tablet comes back online: the app finds the new version and says so
//! (`#update-banner`) but does not apply it while a field has the focus; once the field is
//! left it applies by itself (the page reloads on B). Everything arrives: every request
//! and photo on the server, each change logged once, each photo's bytes whole, and the app
//! runs B (its stamp, and only B's cache left). With `GUANJIA_SHOTS=<dir>` it saves the
//! banner there.

use e2e::actions::{SYNC_TIMEOUT, UI_TIMEOUT};
use e2e::scenario::login_and_sync;
use e2e::{fail, progress, unique_suffix, wait_until, wait_value, ApiDevice, Browser, Server};
use e2e::{paths, TestResult};
use serde_json::{json, Value};
use sqlx::{Connection, Row};
use std::collections::BTreeSet;
use std::time::Instant;

/// Field changes the tablet holds unsent before the update (at least).
const CHANGES: u64 = 1_000;
/// Photos among them, one on each of the first requests.
const PHOTOS: u64 = 20;
/// Requests filed per script call (a WebDriver script has 30 s).
const PER_CALL: u64 = 10;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_keeps_unsent_work() {
    e2e::scenario::with_browsers(Server::start().await, &["butler1"], |server, b| {
        Box::pin(scenario(server, &b[0]))
    })
    .await;
}

async fn scenario(server: &mut Server, butler: &Browser) -> TestResult {
    butler.tablet_portrait().await?;
    login_and_sync(butler, "butler1").await?;
    butler.goto("/").await?;
    let controlled = wait_until("butler1: a service worker controls the page", UI_TIMEOUT, || {
        butler.service_worker_controls()
    })
    .await;
    butler.explain(controlled).await?;
    butler.wait_synced().await?;
    let stamp_a = stamp(butler).await?;
    if butler.text_of("#update-banner").await?.is_some() {
        return fail("a first install shows the update banner");
    }
    let units = butler.open_new_request_form().await?;

    butler.set_offline(true).await?;
    let started = Instant::now();
    let tag = format!("E2E update {}", unique_suffix());
    let ids = file_requests(butler, &units[0], &tag).await?;
    let changes = changes_waiting(butler).await?;
    let photos =
        wait_value("butler1: #sync-photos counts 20 photos waiting", UI_TIMEOUT, || async {
            let n = butler.attr_of("#sync-photos", "data-waiting").await?;
            Ok(n.filter(|n| n.parse() == Ok(PHOTOS)))
        })
        .await;
    butler.explain(photos).await?;
    progress(format_args!(
        "offline: {} requests, {changes} unsent changes and {PHOTOS} unsent photos in {:.1} s",
        ids.len(),
        started.elapsed().as_secs_f64()
    ));

    let dist_b = tempfile::Builder::new().prefix("guanjia-dist-b-").tempdir()?;
    let stamp_b = format!("e2e-b-{}", unique_suffix());
    copy_with_stamp(&paths::dist_dir()?, dist_b.path(), &stamp_b)?;
    server.redeploy(dist_b.path().to_path_buf()).await?;
    let updating = Instant::now();

    // A field has the focus: the new version is announced and waits.
    focus_a_field(butler).await?;
    butler.set_offline(false).await?;
    let told =
        wait_until("butler1: #update-banner says a new version waits", SYNC_TIMEOUT, || async {
            Ok(butler.text_of("#update-banner").await?.is_some_and(|t| !t.is_empty()))
        })
        .await;
    butler.explain(told).await?;
    butler.shot("update-banner-tablet-zh").await?;
    if stamp(butler).await? != stamp_a {
        return fail("the update applied while a field had the focus");
    }
    progress(format_args!(
        "the new version was announced {:.1} s after coming online, and waits",
        updating.elapsed().as_secs_f64()
    ));
    // The field is left: it applies by itself.
    butler
        .js::<Value>(
            "document.activeElement && document.activeElement.blur(); return null;",
            vec![],
        )
        .await?;
    let applied = wait_until("butler1 runs build B (index.html's stamp)", SYNC_TIMEOUT, || async {
        Ok(stamp(butler).await.is_ok_and(|s| s == stamp_b))
    })
    .await;
    butler.explain(applied).await?;
    progress(format_args!(
        "build B runs {:.1} s after coming online",
        updating.elapsed().as_secs_f64()
    ));
    let caches: Vec<String> = butler.js("return caches.keys();", vec![]).await?;
    if caches != [format!("guanjia-shell-{stamp_b}")] {
        return fail(format!("after the update the caches are {caches:?}"));
    }

    let drained =
        wait_until("butler1: nothing waits (records and photos)", SYNC_TIMEOUT, || async {
            let badge = butler.badge().await?;
            let photos = butler.attr_of("#sync-photos", "data-waiting").await?;
            Ok(badge.is_some_and(|b| b.pending() == Some(0)) && photos.is_none_or(|p| p == "0"))
        })
        .await;
    butler.explain(drained).await?;
    progress(format_args!(
        "everything sent {:.1} s after coming online",
        updating.elapsed().as_secs_f64()
    ));
    on_the_server(server, &tag, &ids, changes).await
}

/// index.html's build stamp, as the page runs it.
async fn stamp(butler: &Browser) -> TestResult<String> {
    let script = "const m = document.querySelector('meta[name=\"guanjia-build\"]'); \
                  return m ? m.getAttribute('content') : null;";
    let s: Option<String> = butler.js(script, vec![]).await?;
    s.ok_or_else(|| "index.html has no guanjia-build stamp".into())
}

/// `#sync-badge[data-changes]`: field changes in the outbox.
async fn changes_waiting(butler: &Browser) -> TestResult<u64> {
    let n = butler.attr_of("#sync-badge", "data-changes").await?;
    n.and_then(|n| n.parse().ok()).ok_or_else(|| "no #sync-badge[data-changes]".into())
}

/// Files requests through the new-request form (unit, description `"{tag} #n"`, phone,
/// and a photo on each of the first [`PHOTOS`]) until the outbox holds [`CHANGES`] field
/// changes. Returns the requests' ids.
async fn file_requests(butler: &Browser, unit: &str, tag: &str) -> TestResult<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    loop {
        let changes = changes_waiting(butler).await?;
        if changes >= CHANGES && ids.len() as u64 >= PHOTOS {
            return Ok(ids);
        }
        let from = ids.len() as u64;
        let args = vec![json!(from), json!(PER_CALL), json!(unit), json!(tag), json!(PHOTOS)];
        let got: Value = butler.client().execute_async(FILE_JS, args).await?;
        let Some(new) = got["ids"].as_array() else {
            return fail(format!("filing requests failed after {from}: {got}"));
        };
        ids.extend(new.iter().filter_map(|v| v.as_str().map(str::to_owned)));
    }
}

/// Files `arguments[1]` requests, numbered from `arguments[0]`, on unit `arguments[2]`, as a
/// user would: the header's "new request", the form's fields (`input`/`change` events, as
/// typing and choosing fire), a photo picked into `#req-photo-input` for numbers below
/// `arguments[4]`, "save", and the detail page of the saved request.
const FILE_JS: &str = "const done = arguments[arguments.length - 1];
const [from, count, unit, tag, photos] = arguments;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (what, f) => {
  for (let t = 0; t < 2000; t++) { const v = f(); if (v) return v; await sleep(10); }
  throw new Error('timed out: ' + what);
};
const set = (sel, value) => {
  const el = document.querySelector(sel);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
};
const photo = async (n) => {
  const c = document.createElement('canvas');
  c.width = 640; c.height = 480;
  const g = c.getContext('2d');
  g.fillStyle = 'hsl(' + (n * 37 % 360) + ',70%,50%)'; g.fillRect(0, 0, 640, 480);
  g.fillStyle = '#000'; g.fillText('photo ' + n, 20, 20);
  const blob = await new Promise((r) => c.toBlob(r, 'image/jpeg', 0.9));
  const dt = new DataTransfer();
  dt.items.add(new File([blob], 'photo' + n + '.jpg', { type: 'image/jpeg' }));
  const input = document.querySelector('#req-photo-input');
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await until('#req-photos counts the photo', () =>
    document.querySelector('#req-photos[data-count=\"1\"]'));
};
(async () => {
  const ids = [];
  for (let n = from; n < from + count; n++) {
    const before = location.pathname;
    document.querySelector('a#nav-new').click();
    await until('the form', () => location.pathname === '/requests/new' &&
      document.querySelector('select#req-unit option[value=\"' + unit + '\"]'));
    set('select#req-unit', unit);
    set('textarea#req-description', tag + ' #' + n);
    set('input#req-contact-phone', '139' + String(10000000 + n));
    if (n < photos) await photo(n);
    document.querySelector('button#req-save').click();
    const id = await until('the saved request', () => {
      const d = document.querySelector('#req-detail');
      const id = d && d.getAttribute('data-id');
      return id && location.pathname === '/requests/' + id && location.pathname !== before && id;
    });
    ids.push(id);
  }
  done({ ids });
})().catch((e) => done({ error: String(e), at: location.pathname }));";

/// Gives a text field of the page the focus, as a user about to type.
async fn focus_a_field(butler: &Browser) -> TestResult {
    let script =
        "const f = document.querySelector('textarea, input[type=text], input:not([type])'); \
                  if (f) f.focus(); return f ? f.id || f.tagName : null;";
    let focused: Option<String> = butler.js(script, vec![]).await?;
    match focused {
        Some(f) => {
            progress(format_args!("butler1 has the focus in {f}"));
            Ok(())
        }
        None => fail("no text field to focus on the page"),
    }
}

/// Copies build A's files into `to` with the build stamp `stamp` (sw.js's `BUILD`, the
/// `guanjia-build` meta of index.html): build B.
fn copy_with_stamp(from: &std::path::Path, to: &std::path::Path, stamp: &str) -> TestResult {
    for entry in walk(from)? {
        let rel = entry.strip_prefix(from)?;
        let dest = to.join(rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(&entry, &dest)?;
    }
    let sw = to.join("sw.js");
    let text = std::fs::read_to_string(&sw)?;
    let line = text.lines().find(|l| l.starts_with("const BUILD = ")).ok_or("sw.js: no BUILD")?;
    std::fs::write(&sw, text.replacen(line, &format!("const BUILD = \"{stamp}\";"), 1))?;
    let index = to.join("index.html");
    let html = std::fs::read_to_string(&index)?;
    let at = html.find("name=\"guanjia-build\" content=\"").ok_or("index.html: no stamp")?;
    let start = at + "name=\"guanjia-build\" content=\"".len();
    let end = start + html[start..].find('"').ok_or("index.html: stamp unterminated")?;
    std::fs::write(&index, format!("{}{stamp}{}", &html[..start], &html[end..]))?;
    progress(format_args!("build B: {} with stamp {stamp}", to.display()));
    Ok(())
}

fn walk(dir: &std::path::Path) -> TestResult<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(walk(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

/// The server holds every request (by its description, exactly once each) and every photo
/// (its record, and its bytes and thumbnail whole); the tablet's changes are logged once each,
/// as many as it made.
async fn on_the_server(server: &Server, tag: &str, ids: &[String], changes: u64) -> TestResult {
    let api = ApiDevice::login(server, "butler1", "e2e-update-check").await?;
    let pulled = api.pull_all().await?;
    let mut described = BTreeSet::new();
    let mut photos = Vec::new();
    let mut hashes = Vec::new();
    for c in &pulled {
        let (kind, id, field) = (c["kind"].as_str(), c["id"].as_str(), c["field"].as_str());
        let value = c["value"].as_str();
        if kind == Some("request")
            && field == Some("description")
            && value.is_some_and(|v| v.starts_with(&format!("{tag} #")))
        {
            described.insert(id.unwrap_or_default().to_owned());
        }
        if kind == Some("photo")
            && field == Some("parent_id")
            && value.is_some_and(|p| ids.iter().any(|i| i == p))
        {
            photos.push(id.unwrap_or_default().to_owned());
        }
        if kind == Some("photo") && matches!(field, Some("sha256" | "thumb_sha256")) {
            hashes.push((id.unwrap_or_default().to_owned(), c["value"].clone()));
        }
    }
    let shas: BTreeSet<String> = hashes
        .iter()
        .filter(|(id, _)| photos.contains(id))
        .filter_map(|(_, v)| v.as_str().map(str::to_owned))
        .collect();
    let filed: BTreeSet<String> = ids.iter().cloned().collect();
    if described != filed {
        return fail(format!("{} requests filed, {} on the server", filed.len(), described.len()));
    }
    if photos.len() as u64 != PHOTOS {
        return fail(format!("{} photos on the server, want {PHOTOS}", photos.len()));
    }
    let mut db = sqlx::SqliteConnection::connect(&server.database_url()).await?;
    let replica: String =
        sqlx::query("SELECT replica FROM changes WHERE record_id = ? AND field = 'description'")
            .bind(&ids[0])
            .fetch_one(&mut db)
            .await?
            .try_get("replica")?;
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT record_id || '/' || field || '/' || hlc) AS d \
         FROM changes WHERE replica = ?",
    )
    .bind(&replica)
    .fetch_one(&mut db)
    .await?;
    let (logged, distinct): (i64, i64) = (row.try_get("n")?, row.try_get("d")?);
    if logged != distinct || logged as u64 != changes {
        return fail(format!(
            "the tablet made {changes} changes; logged {logged}, {distinct} distinct"
        ));
    }
    let placeholders = vec!["?"; shas.len()].join(", ");
    let sql = format!(
        "SELECT COUNT(*) AS n FROM blobs WHERE complete = 1 AND sha256 IN ({placeholders})"
    );
    let mut query = sqlx::query(&sql);
    for sha in &shas {
        query = query.bind(sha);
    }
    let whole: i64 = query.fetch_one(&mut db).await?.try_get("n")?;
    db.close().await?;
    if shas.len() as u64 != 2 * PHOTOS || whole as u64 != 2 * PHOTOS {
        return fail(format!(
            "{} photo and thumbnail files named, {whole} stored whole, want {}",
            shas.len(),
            2 * PHOTOS
        ));
    }
    progress(format_args!(
        "on the server: {} requests, {PHOTOS} photos ({whole} files whole), {logged} changes \
         logged once each",
        filed.len()
    ));
    Ok(())
}
