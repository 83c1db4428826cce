//! "Open in another tab": what a tab shows while another tab of the app on this device
//! writes its data (`sync::tabs`). "Use here" asks that tab to hand the data over; this tab,
//! already queued for it, opens it as soon as the other lets go, and the other shows this
//! page in turn. A tab whose writer closes takes over by itself, with no click.

use crate::context::use_ui;
use crate::i18n::{Key, Lang};
use leptos::prelude::*;

/// The whole page in place of the header and the routes.
#[component]
pub fn ElsewherePage() -> impl IntoView {
    let ui = use_ui();
    let asked = RwSignal::new(false);
    let use_here = move |_| {
        asked.set(true);
        ui.tabs.with_value(|tabs| {
            if let Some(Err(e)) = tabs.as_ref().map(|t| t.ask_hand_over()) {
                web_sys::console::error_1(&e);
            }
        });
    };
    let toggle = move |_| {
        ui.lang.update(|l| {
            *l = l.toggled();
            crate::platform::store_lang(*l);
        })
    };
    view! {
        <main class="page">
            <section id="elsewhere" class="login card elsewhere" role="alert">
                <div class="login-head">
                    <h1>{move || ui.t(Key::AppName)}</h1>
                    <button
                        id="lang-toggle"
                        class="ghost"
                        type="button"
                        lang=move || if ui.lang.get() == Lang::Zh { "en" } else { "zh-CN" }
                        on:click=toggle
                    >
                        {move || ui.t(Key::LangToggle)}
                    </button>
                </div>
                <h2>{move || ui.t(Key::ElsewhereTitle)}</h2>
                <p>{move || ui.t(Key::ElsewhereBody)}</p>
                <button id="use-here" class="primary" type="button" on:click=use_here>
                    {move || ui.t(Key::UseHere)}
                </button>
                <p id="use-here-waiting" class="note" aria-live="polite">
                    {move || asked.get().then(|| ui.t(Key::UseHereWaiting))}
                </p>
            </section>
        </main>
    }
}
