//! The full-screen photo viewer (issue 9): the original, fetched lazily with the bearer
//! token and kept on the device (so it shows offline once seen), shown through an object URL;
//! swipe or the arrow buttons go to the next or previous photo, pinch or the zoom button
//! enlarges it.
//!
//! DOM: `#photo-viewer[data-sha][data-zoom]`, `#photo-viewer-img`, `#photo-prev`,
//! `#photo-next`, `#photo-zoom`, `#photo-close`.

use crate::context::use_ui;
use crate::i18n::Key;
use crate::photos::capture::object_url;
use leptos::prelude::*;

/// A horizontal move longer than this (px) is a swipe.
const SWIPE_PX: i32 = 50;

/// Shows photo `index.get()` of `shas` (the originals' hashes) while it is `Some`.
#[component]
pub fn PhotoViewer(shas: Signal<Vec<String>>, index: RwSignal<Option<usize>>) -> impl IntoView {
    let ui = use_ui();
    let url = RwSignal::new(None::<String>);
    let missing = RwSignal::new(false);
    let zoom = RwSignal::new(false);
    let start_x = StoredValue::new(None::<i32>);
    let sha = Memo::new(move |_| index.get().and_then(|i| shas.with(|s| s.get(i).cloned())));
    Effect::new(move |_| {
        let Some(sha) = sha.get() else { return };
        if let Some(old) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
        url.set(None);
        missing.set(false);
        zoom.set(false);
        let Some(engine) = ui.engine() else { return };
        leptos::task::spawn_local(async move {
            match engine.view_original(&sha).await.ok().and_then(|b| object_url(&b, "image/jpeg")) {
                Some(u) => drop(url.try_set(Some(u))),
                None => drop(missing.try_set(true)),
            }
        });
    });
    let step = move |by: isize| {
        let n = shas.with(Vec::len) as isize;
        index.update(|i| {
            if let Some(i) = i.as_mut() {
                *i = (*i as isize + by).rem_euclid(n.max(1)) as usize;
            }
        });
    };
    let close = move || {
        if let Some(old) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
        url.set(None);
        index.set(None);
    };
    view! {
        <Show when=move || sha.with(Option::is_some)>
            <div
                id="photo-viewer"
                class="photo-viewer"
                role="dialog"
                data-sha=move || sha.get().unwrap_or_default()
                data-zoom=move || zoom.get().to_string()
                on:pointerdown=move |ev: web_sys::PointerEvent| start_x.set_value(Some(ev.client_x()))
                on:pointerup=move |ev: web_sys::PointerEvent| {
                    if let Some(x0) = start_x.get_value() {
                        let dx = ev.client_x() - x0;
                        if !zoom.get_untracked() && dx.abs() > SWIPE_PX {
                            step(if dx < 0 { 1 } else { -1 });
                        }
                    }
                    start_x.set_value(None);
                }
            >
                <img
                    id="photo-viewer-img"
                    src=move || url.get()
                    alt=move || if missing.get() { ui.t(Key::PhotoNotHere) } else { ui.t(Key::Photos) }
                    on:dblclick=move |_| zoom.update(|z| *z = !*z)
                />
                <div class="photo-viewer-bar">
                    <button id="photo-prev" on:click=move |_| step(-1)>"‹"</button>
                    <button id="photo-zoom" on:click=move |_| zoom.update(|z| *z = !*z)>
                        {move || ui.t(Key::PhotoZoom)}
                    </button>
                    <button id="photo-close" on:click=move |_| close()>{move || ui.t(Key::PhotoClose)}</button>
                    <button id="photo-next" on:click=move |_| step(1)>"›"</button>
                </div>
            </div>
        </Show>
    }
}
