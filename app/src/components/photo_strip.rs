//! Photos shown where they are not captured (issue 9): a list row's thumbnail, loaded only
//! once the row scrolls into view, and a strip of a record's thumbnails with the viewer (under
//! each comment). Bytes come from IndexedDB, or are fetched once with the bearer token and
//! kept (`Engine::photo_bytes`); they show through object URLs, never a token in a URL.
//!
//! DOM: `span.row-thumb[data-sha][data-state]` (state `none`: no photo; `lazy`: not in view
//! yet; `loading`; `shown` with an `img`; `missing`: not on the device and unreachable),
//! `ul.photo-strip[data-parent]` of `li` with `img.photo-thumb[data-sha]`.

use super::photo_viewer::PhotoViewer;
use super::photos::Thumb;
use crate::context::use_ui;
use crate::i18n::Key;
use crate::photos::capture::object_url;
use crate::photos::list::PhotoItem;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry};

type Watch = (IntersectionObserver, Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>);

/// A list row's photo slot: [`RowThumb`] for a row with a photo; for one without, the
/// placeholder alone, drawn once in `lang` with nothing to watch. Most rows of a list have
/// no photo, and a keystroke that changes the list re-renders up to a page of them: a
/// thumbnail's observers and effects made each such row several times dearer (issue 26).
pub fn row_photo(sha: Option<String>, lang: crate::i18n::Lang) -> AnyView {
    match sha {
        Some(sha) => view! { <RowThumb sha=Some(sha) /> }.into_any(),
        None => view! {
            <span class="row-thumb" data-sha="" data-state="none">
                <span class="thumb-placeholder" role="img" aria-label=Key::PhotoNone.text(lang)></span>
            </span>
        }
        .into_any(),
    }
}

/// A list row's thumbnail: the first photo's (`sha`, the thumbnail's hash), a placeholder
/// when there is none or it cannot be had yet. Nothing is read or decoded before the row is
/// in view: a page of 50 rows costs only the thumbnails on screen. One that could not be had
/// (offline, or its bytes still on their way from the tablet that took it) is tried again
/// after the next successful sync.
#[component]
pub fn RowThumb(sha: Option<String>) -> impl IntoView {
    let ui = use_ui();
    let el = NodeRef::<leptos::html::Span>::new();
    let url = RwSignal::new(None::<String>);
    let state = RwSignal::new(if sha.is_some() { "lazy" } else { "none" });
    let visible = RwSignal::new(false);
    let watch: StoredValue<Option<Watch>, LocalStorage> = StoredValue::new_local(None);
    let made: Arc<Mutex<Option<String>>> = Arc::default();
    let keep = made.clone();
    on_cleanup(move || {
        if let Some((o, _)) = watch.try_update_value(Option::take).flatten() {
            o.disconnect();
        }
        if let Some(u) = keep.lock().ok().and_then(|mut g| g.take()) {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    // Whether the row is in view, as the browser reports it.
    Effect::new(move |_| {
        let Some(node) = el.get() else { return };
        if state.get_untracked() == "none" || watch.with_value(Option::is_some) {
            return;
        }
        let seen = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
            move |entries: js_sys::Array, _: IntersectionObserver| {
                if let Some(e) = entries.iter().last() {
                    let e: IntersectionObserverEntry = e.unchecked_into();
                    visible.set(e.is_intersecting());
                }
            },
        );
        if let Ok(o) = IntersectionObserver::new(seen.as_ref().unchecked_ref()) {
            o.observe(&node);
            watch.set_value(Some((o, seen)));
        }
    });
    // A thumbnail that could not be had is tried again after each successful sync.
    let synced = Memo::new(move |_| ui.snap.with(|s| s.last_sync));
    Effect::new(move |before: Option<Option<u64>>| {
        let now = synced.get();
        if before.is_some_and(|b| b != now) && state.get_untracked() == "missing" {
            state.set("lazy");
        }
        now
    });
    let sha_attr = sha.clone().unwrap_or_default();
    Effect::new(move |_| {
        let Some(sha) = sha.clone() else { return };
        if !visible.get() || state.get() != "lazy" {
            return;
        }
        let Some(engine) = ui.engine() else { return };
        state.set("loading");
        let made = made.clone();
        leptos::task::spawn_local(async move {
            let bytes = engine.photo_bytes(&sha).await.ok();
            match bytes.and_then(|b| object_url(&b, "image/jpeg")) {
                Some(u) => {
                    if let Ok(mut g) = made.lock() {
                        *g = Some(u.clone());
                    }
                    url.try_set(Some(u));
                    state.try_set("shown");
                }
                None => drop(state.try_set("missing")),
            }
        });
    });
    view! {
        <span class="row-thumb" node_ref=el data-sha=sha_attr data-state=move || state.get()>
            {move || match url.get() {
                Some(u) => view! { <img src=u alt=move || ui.t(Key::Photos) /> }.into_any(),
                // A photo slot, not a check box: a camera drawn in the slot (by the
                // style sheet), named for screen readers (issue 28 point 16).
                None => view! {
                    <span
                        class="thumb-placeholder"
                        role="img"
                        aria-label=move || ui.t(if state.get() == "none" { Key::PhotoNone } else { Key::Photos })
                    ></span>
                }
                .into_any(),
            }}
        </span>
    }
}

/// The thumbnails of one record's photos (`items`, oldest first); a tap opens the viewer.
/// Nothing shows when there are none.
#[component]
pub fn PhotoStrip(parent: String, items: Signal<Vec<PhotoItem>>) -> impl IntoView {
    let viewing = RwSignal::new(None::<usize>);
    let shas = Signal::derive(move || items.with(|v| v.iter().map(|i| i.sha256.clone()).collect()));
    view! {
        <Show when=move || items.with(|v| !v.is_empty())>
            <ul class="photo-strip" data-parent=parent.clone()>
                <For
                    each=move || items.get().into_iter().enumerate()
                    key=|(n, i)| (*n, i.id.clone(), i.state.clone())
                    children=move |(n, item)| view! {
                        <li on:click=move |_| viewing.set(Some(n))><Thumb item=item /></li>
                    }
                />
            </ul>
        </Show>
        <PhotoViewer shas=shas index=viewing />
    }
}
