//! `#update-banner`: a new version of the app waits (issue 26 point 2). It says so in the
//! chosen language and applies by itself when nothing is being typed
//! (`model::update::may_apply`); "Update now" (`#update-now`) applies it at once, once no
//! save or photo is on its way to IndexedDB. A first install (no worker controlled the page
//! when it started) shows nothing. `data-state` is `waiting`, or `applying` once asked.

use crate::context::use_ui;
use crate::i18n::Key;
use crate::update;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The banner and the poll that drives updates (see `crate::update`).
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ui = use_ui();
    let shown = RwSignal::new(false);
    let asked = RwSignal::new(false);
    let location = use_location();
    // A page change drops the form left behind, and its draft with it.
    Effect::new(move |_| {
        location.pathname.track();
        update::page_changed();
    });
    // The network is back (the badge's flag, fed by sync results): look for a new version.
    Effect::new(move |was: Option<bool>| {
        let online = ui.online.get();
        if online && was == Some(false) {
            update::check_now();
        }
        online
    });
    let handle = set_interval_with_handle(
        move || {
            let show = update::poll();
            if shown.get_untracked() != show {
                shown.set(show);
            }
        },
        std::time::Duration::from_millis(update::POLL_MS),
    );
    on_cleanup(move || {
        if let Ok(h) = handle {
            h.clear();
        }
    });
    let now = move |_| {
        asked.set(true);
        update::update_now();
    };
    view! {
        <Show when=move || shown.get()>
            <div
                id="update-banner"
                class="update-banner"
                role="status"
                data-state=move || if asked.get() { "applying" } else { "waiting" }
            >
                <span>{move || ui.t(Key::UpdateReady)}</span>
                <button id="update-now" type="button" class="update-now" on:click=now>
                    {move || ui.t(Key::UpdateNow)}
                </button>
            </div>
        </Show>
    }
}
