//! The header on every signed-in page: title, navigation, sync badge, language, sign-out
//! (`sign_out.rs`).

use super::notices::Notices;
use super::sign_out::SignOut;
use super::sync_badge::SyncBadge;
use crate::context::use_ui;
use crate::i18n::{Key, Lang};
use crate::platform;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The header; shown only when signed in.
#[component]
pub fn Header() -> impl IntoView {
    let ui = use_ui();
    let location = use_location();
    let here = move |p: &'static str| {
        let path = location.pathname.get();
        if p == "/" {
            path == "/" || (path.starts_with("/requests/") && path != "/requests/new")
        } else if p == "/register" {
            path == p || path.starts_with("/unit/")
        } else {
            path == p
        }
    };
    let toggle = move |_| {
        let next = ui.lang.get_untracked().toggled();
        ui.lang.set(next);
        platform::store_lang(next);
    };
    let who = move || {
        ui.snap.with(|s| {
            s.session.as_ref().map(|s| format!("{} · {}", s.me.display_name, s.me.site_name))
        })
    };
    view! {
        <header class="top">
            <div class="bar">
                <span class="brand">{move || ui.t(Key::AppName)}</span>
                <span class="who" translate="no">{who}</span>
                <SyncBadge />
                // Its word is in the other language, and says so (`lang`) to readers and checks.
                <button
                    id="lang-toggle"
                    class="ghost"
                    lang=move || if ui.lang.get() == Lang::Zh { "en" } else { "zh-CN" }
                    on:click=toggle
                >
                    {move || ui.t(Key::LangToggle)}
                </button>
                <SignOut />
            </div>
            <nav class="tabs">
                <a id="nav-day" href="/day" class:active=move || here("/day")>
                    {move || ui.t(Key::NavDay)}
                </a>
                <a id="nav-requests" href="/" class:active=move || here("/")>
                    {move || ui.t(Key::NavRequests)}
                </a>
                <a id="nav-new" href="/requests/new" class:active=move || here("/requests/new")>
                    {move || ui.t(Key::NavNew)}
                </a>
                <a id="nav-patrol" href="/patrol" class:active=move || here("/patrol")>
                    {move || ui.t(Key::NavPatrol)}
                </a>
                <a id="nav-register" href="/register" class:active=move || here("/register")>
                    {move || ui.t(Key::NavRegister)}
                </a>
                <a id="nav-conflicts" href="/conflicts" class:active=move || here("/conflicts")>
                    {move || ui.t(Key::NavConflicts)}
                </a>
                <a id="nav-review" href="/review" class:active=move || here("/review")>
                    {move || ui.t(Key::NavReview)}
                </a>
                <Show when=move || ui.is_supervisor()>
                    <a id="nav-settings" href="/settings" class:active=move || here("/settings")>
                        {move || ui.t(Key::NavSettings)}
                    </a>
                </Show>
            </nav>
            <Notices />
        </header>
    }
}
