//! Small browser helpers: the wall clock, the language choice in localStorage, the network
//! status, and the PWA set-up (service worker, persistent storage).

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

/// What the browser believes about the network (a hint only: sync results decide the badge).
pub fn navigator_online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// Registers `/sw.js` (app shell cache) and asks for persistent storage so the browser does
/// not evict the IndexedDB replica under pressure.
pub fn setup_pwa() {
    let Some(window) = web_sys::window() else { return };
    let nav = window.navigator();
    let has_sw = js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false);
    if has_sw {
        let _ = nav.service_worker().register("/sw.js");
    }
    if let Ok(storage) = js_sys::Reflect::get(&nav, &"storage".into()) {
        if let Ok(storage) = storage.dyn_into::<web_sys::StorageManager>() {
            let _ = storage.persist();
        }
    }
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

/// Asks the user to confirm (used before signing out with unsynced changes).
pub fn confirm(message: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(message).ok()).unwrap_or(false)
}
