//! Small browser helpers: the wall clock, the language choice in localStorage, the network
//! status, the PWA set-up (service worker, persistent storage) and file downloads.

use crate::i18n::Lang;
use wasm_bindgen::JsCast;

const LANG_KEY: &str = "guanjia.lang";

/// Wall-clock milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language chosen on this device (Chinese when nothing was chosen).
pub fn stored_lang() -> Lang {
    local_storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .map(|c| Lang::from_code(&c))
        .unwrap_or_default()
}

/// Remembers the language and sets `<html lang>`.
pub fn store_lang(lang: Lang) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
    if let Some(el) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
    }
}

/// The width from which the desk layout shows (the same as `style.css`'s media query).
pub const WIDE_PX: f64 = 1024.0;

/// Whether the window is desk-wide.
pub fn is_wide() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= WIDE_PX)
}

/// Today, local, `YYYY-MM-DD` (the value of a date input).
pub fn today() -> String {
    crate::register::form::ms_to_date(now_ms() as i64, utc_offset_min())
}

/// What the browser believes about the network (a hint only: sync results decide the badge).
pub fn navigator_online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// Removes `index.html`'s splash (the name and "loading" shown until the app is ready).
pub fn remove_splash() {
    if let Some(splash) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("splash"))
    {
        splash.remove();
    }
}

/// Registers `/sw.js` (app shell cache; `crate::update` watches it for new versions) and asks
/// for persistent storage so the browser does not evict the IndexedDB replica under pressure.
pub fn setup_pwa() {
    let Some(window) = web_sys::window() else { return };
    let nav = window.navigator();
    let has_sw = js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false);
    if has_sw {
        crate::update::watch(nav.service_worker().register("/sw.js"));
    }
    if let Ok(storage) = js_sys::Reflect::get(&nav, &"storage".into()) {
        if let Ok(storage) = storage.dyn_into::<web_sys::StorageManager>() {
            let _ = storage.persist();
        }
    }
}

/// The browser's storage estimate for this site: bytes used and the quota
/// (`navigator.storage.estimate()`); `None` where the browser does not say.
pub async fn storage_estimate() -> Option<(u64, u64)> {
    let nav = web_sys::window()?.navigator();
    let storage: web_sys::StorageManager =
        js_sys::Reflect::get(&nav, &"storage".into()).ok()?.dyn_into().ok()?;
    let est = wasm_bindgen_futures::JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let num = |k: &str| js_sys::Reflect::get(&est, &k.into()).ok()?.as_f64();
    Some((num("usage")? as u64, num("quota")? as u64))
}

/// Whether the browser made this site's storage persistent (`navigator.storage.persisted()`,
/// after [`setup_pwa`] asked for it); `None` where the browser does not say.
pub async fn storage_persisted() -> Option<bool> {
    let nav = web_sys::window()?.navigator();
    let storage: web_sys::StorageManager =
        js_sys::Reflect::get(&nav, &"storage".into()).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(storage.persisted().ok()?).await.ok()?.as_bool()
}

/// Formats epoch milliseconds as local `MM-DD HH:MM`.
pub fn format_time(ms: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:02}-{:02} {:02}:{:02}",
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Formats epoch milliseconds as local `YYYY-MM-DD HH:MM` (a record kept for years, such as
/// the audit log, names its year).
pub fn format_date_time(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Minutes the device's time zone is ahead of UTC (480 in China), for local dates.
pub fn utc_offset_min() -> i64 {
    -(js_sys::Date::new_0().get_timezone_offset() as i64)
}

/// Saves `text` as a download named `file_name`: a JSON `Blob`, an object URL and a click on
/// a temporary `<a download>`. The URL is revoked a minute later, once the browser has read it.
pub fn download_json(file_name: &str, text: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("download failed: {e:?}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    download_blob(file_name, &blob)
}

/// Saves `bytes` (of type `mime`) as a download named `file_name`, as [`download_json`] does.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("download failed: {e:?}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    download_blob(file_name, &blob)
}

/// An object URL for `blob` and a click on a temporary `<a download>`; the URL is revoked a
/// minute later.
fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("download failed: {e:?}");
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(fail)?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.dyn_into().map_err(|_| "not an <a>")?;
    a.set_href(&url);
    a.set_download(file_name);
    let body = document.body().ok_or("no body")?;
    body.append_child(&a).map_err(fail)?;
    a.click();
    a.remove();
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(60_000).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}

/// Resolves once the browser has painted what is in the document now: the next animation
/// frame, then a task after it (start-up reads the rest of the records only after the
/// first page is on the screen).
pub async fn after_paint() {
    let (tx, rx) = futures::channel::oneshot::channel::<()>();
    leptos::prelude::request_animation_frame(move || {
        let _ = tx.send(());
    });
    let _ = rx.await;
    gloo_timers::future::TimeoutFuture::new(0).await;
}
