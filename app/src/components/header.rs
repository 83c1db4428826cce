//! The header on every signed-in page: title, navigation, sync badge, language, sign-out
//! (`sign_out.rs`).

use super::notices::Notices;
use super::sign_out::SignOut;
use super::storage_status::{self, StorageWarning};
use super::sync_badge::SyncBadge;
use crate::context::use_ui;
use crate::i18n::{Key, Lang};
use crate::model::nav::{self, Tab};
use crate::platform;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The label of a navigation tab.
fn label(tab: Tab) -> Key {
    match tab {
        Tab::Day => Key::NavDay,
        Tab::Requests => Key::NavRequests,
        Tab::New => Key::NavNew,
        Tab::Patrol => Key::NavPatrol,
        Tab::Duties => Key::NavDuties,
        Tab::Register => Key::NavRegister,
        Tab::Conflicts => Key::NavConflicts,
        Tab::Review => Key::NavReview,
        Tab::Settings => Key::NavSettings,
        Tab::Reports => Key::NavReports,
        Tab::Audit => Key::NavAudit,
    }
}

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
    storage_status::provide();
    let tabs = move || ui.role().map(nav::tabs).unwrap_or_default();
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
            <nav class="tabs" aria-label=move || ui.t(Key::NavMain)>
                // Each role's own tabs (`model::nav::tabs`): no page it has no use for.
                <For each=tabs key=|t| *t let:tab>
                    <a id=tab.dom_id() href=tab.path() class:active=move || here(tab.path())>
                        {move || ui.t(label(tab))}
                    </a>
                </For>
            </nav>
            <Notices />
            <StorageWarning />
        </header>
    }
}
