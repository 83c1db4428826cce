//! New versions of the app (issue 26 point 2): the browser side of `model::update`.
//!
//! `public/sw.js` carries the build's stamp, so a deployment changes its bytes and the
//! browser installs the new worker next to the running one, where it waits (it no longer
//! skips waiting by itself). The page asks the browser to look for a new worker at start
//! (registering does), whenever the network comes back and every [`CHECK_EVERY_MS`]; every
//! [`POLL_MS`] it reads whether a worker waits and what the user is doing
//! ([`model::update::Activity`], gathered here from document-wide listeners and from the
//! save paths' [`Busy`] guards), shows `#update-banner`, and when the rule allows, posts
//! `{type: "SKIP_WAITING"}` to the waiting worker. When the new worker takes control
//! (`controllerchange`), the page reloads once, and runs the new version.

use crate::model::update::{self, Activity, Versions};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How often the page asks the server for a new worker while it runs.
const CHECK_EVERY_MS: u32 = 5 * 60 * 1000;
/// How often the page reads the waiting worker and the user's activity.
pub const POLL_MS: u64 = 1000;

thread_local! {
    static ACTIVITY: RefCell<Activity> = RefCell::new(Activity::default());
    static PHOTOS: Cell<u32> = const { Cell::new(0) };
    static CHOOSER: Cell<bool> = const { Cell::new(false) };
    static REGISTRATION: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// A worker controlled the page when it started: a take-over then means a new version
    /// (on a first install, the first worker claiming the page is not one).
    static HAD_CONTROLLER: Cell<bool> = const { Cell::new(false) };
    /// This page told the waiting worker to take over.
    static REQUESTED: Cell<bool> = const { Cell::new(false) };
    /// A new worker took control (another tab may have asked): the page reloads when idle.
    static SWAPPED: Cell<bool> = const { Cell::new(false) };
    static RELOADING: Cell<bool> = const { Cell::new(false) };
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn call0(target: &JsValue, method: &str) -> Option<JsValue> {
    get(target, method)?.dyn_into::<js_sys::Function>().ok()?.call0(target).ok()
}

/// A save (records, or a photo being prepared) on its way to IndexedDB: the update waits for
/// it. [`Busy::saved`] marks it written; dropping it without that marks it failed (nothing
/// written, nothing to wait for).
pub struct Busy {
    photo: bool,
}

impl Busy {
    /// A save of records begins.
    pub fn save() -> Self {
        ACTIVITY.with_borrow_mut(|a| a.saves_in_flight += 1);
        Busy { photo: false }
    }

    /// A photo is being prepared and stored.
    pub fn photo() -> Self {
        PHOTOS.set(PHOTOS.get() + 1);
        Busy { photo: true }
    }

    /// The save was committed to IndexedDB: any draft it came from is no longer a draft.
    pub fn saved(self) {
        ACTIVITY.with_borrow_mut(|a| a.last_save_ms = Some(now()));
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        if self.photo {
            PHOTOS.set(PHOTOS.get().saturating_sub(1));
        } else {
            ACTIVITY.with_borrow_mut(|a| a.saves_in_flight = a.saves_in_flight.saturating_sub(1));
        }
    }
}

/// Runs a save of records held as on its way to IndexedDB (the update waits for it); a save
/// that worked ends the draft it came from. For the pages that call the engine themselves
/// (`Ui::save` holds a [`Busy`] of its own).
pub async fn saving<T, E>(save: impl std::future::Future<Output = Result<T, E>>) -> Result<T, E> {
    let busy = Busy::save();
    let result = save.await;
    if result.is_ok() {
        busy.saved();
    }
    result
}

/// The app's page changed: a form left behind took its draft with it.
pub fn page_changed() {
    ACTIVITY.with_borrow_mut(|a| a.last_page_ms = now());
}

/// A form field the user types into (not a button, box or file input).
fn is_text_field(el: &web_sys::Element) -> bool {
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            el.get_attribute("type").unwrap_or_default().as_str(),
            "button" | "submit" | "reset" | "checkbox" | "radio" | "file" | "range" | "color"
        ),
        _ => el.dyn_ref::<web_sys::HtmlElement>().is_some_and(|h| h.is_content_editable()),
    }
}

fn is_file_input(el: &web_sys::Element) -> bool {
    el.tag_name() == "INPUT" && el.get_attribute("type").as_deref() == Some("file")
}

fn listen(target: &web_sys::EventTarget, name: &str, f: impl FnMut(web_sys::Event) + 'static) {
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    let _ =
        target.add_event_listener_with_callback_and_bool(name, cb.as_ref().unchecked_ref(), true);
    cb.forget();
}

fn target_element(e: &web_sys::Event) -> Option<web_sys::Element> {
    e.target()?.dyn_into::<web_sys::Element>().ok()
}

/// Starts watching: the registration (`registered`, from `navigator.serviceWorker.register`),
/// the user's typing, and the network. Called once, at start.
pub fn watch(registered: js_sys::Promise) {
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window.document() else { return };
    let container = get(&window.navigator(), "serviceWorker");
    HAD_CONTROLLER.set(container.as_ref().and_then(|c| get(c, "controller")).is_some());
    page_changed();
    listen(&document, "input", |e| {
        if target_element(&e).is_some_and(|el| is_text_field(&el)) {
            ACTIVITY.with_borrow_mut(|a| a.last_input_ms = Some(now()));
        }
    });
    listen(&document, "click", |e| {
        if target_element(&e).is_some_and(|el| is_file_input(&el)) {
            CHOOSER.set(true);
        }
    });
    for closed in ["change", "cancel"] {
        listen(&document, closed, |e| {
            if target_element(&e).is_some_and(|el| is_file_input(&el)) {
                CHOOSER.set(false);
            }
        });
    }
    listen(&window, "online", |_| check_now());
    if let Some(container) = container {
        listen(container.unchecked_ref(), "controllerchange", |_| {
            if HAD_CONTROLLER.get() || REQUESTED.get() {
                SWAPPED.set(true);
                if REQUESTED.get() {
                    reload();
                }
            }
        });
    }
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(reg) = wasm_bindgen_futures::JsFuture::from(registered).await {
            REGISTRATION.set(Some(reg));
        }
    });
    let check = Closure::<dyn FnMut()>::new(check_now);
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        check.as_ref().unchecked_ref(),
        CHECK_EVERY_MS as i32,
    );
    check.forget();
}

/// Asks the browser to fetch `sw.js` again now (a failure offline is no matter).
pub fn check_now() {
    REGISTRATION.with_borrow(|reg| {
        if let Some(promise) = reg.as_ref().and_then(|r| call0(r, "update")) {
            if let Ok(p) = promise.dyn_into::<js_sys::Promise>() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                });
            }
        }
    });
}

fn waiting_worker() -> Option<JsValue> {
    REGISTRATION.with_borrow(|reg| reg.as_ref().and_then(|r| get(r, "waiting")))
}

/// What the page knows now: versions and activity.
pub fn read() -> (Versions, Activity) {
    // A worker controls the page (the first one claims it once installed): a worker that
    // waits beside it is a newer version than this page runs.
    let controlled = web_sys::window()
        .and_then(|w| get(&w.navigator(), "serviceWorker"))
        .and_then(|c| get(&c, "controller"))
        .is_some();
    let versions = Versions { had_controller: controlled, waiting: waiting_worker().is_some() };
    let mut activity = ACTIVITY.with_borrow(|a| *a);
    activity.photo_open = CHOOSER.get() || PHOTOS.get() > 0;
    activity.field_focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|el| is_text_field(&el));
    (versions, activity)
}

/// Reads the state and acts on it: returns whether the banner shows. Applies the waiting
/// version when nothing is typed, and reloads after a take-over another tab asked for.
pub fn poll() -> bool {
    let (versions, activity) = read();
    if SWAPPED.get() && !activity.is_typing() {
        reload();
    }
    if update::may_apply(versions, &activity) {
        apply();
    }
    update::show_banner(versions) || SWAPPED.get()
}

/// "Update now": applies unless a save or photo is on its way (then the next poll does).
pub fn update_now() {
    let (versions, activity) = read();
    if update::may_apply_now(versions, &activity) {
        apply();
    }
}

/// Tells the waiting worker to take over; `controllerchange` then reloads the page.
fn apply() {
    let Some(worker) = waiting_worker() else { return };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
    if let Some(post) =
        get(&worker, "postMessage").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        REQUESTED.set(true);
        let _ = post.call1(&worker, &message);
    }
}

fn reload() {
    if RELOADING.replace(true) {
        return;
    }
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
