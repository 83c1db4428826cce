//! The routes a role may not use (`model::nav::may_open`) say so, with a way back to the
//! role's start page, instead of drawing a page of controls the server would refuse or an
//! always-empty list.
//!
//! DOM: `#not-for-role` (the message), `#not-for-role-home` (the link).

use crate::context::use_ui;
use crate::i18n::Key;
use crate::model::nav;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Whether the signed-in user may open the current path (signed out: the sign-in guard
/// decides).
pub fn allowed() -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    let ui = use_ui();
    let location = use_location();
    move || ui.role().is_none_or(|role| nav::may_open(role, &location.pathname.get()))
}

/// "This page is not for your role", with a link to the role's start page.
#[component]
pub fn NotForRole() -> impl IntoView {
    let ui = use_ui();
    let home = move || ui.role().map_or("/", nav::home);
    view! {
        <section id="not-for-role" class="card not-for-role" role="status">
            <h1>{move || ui.t(Key::NotForRole)}</h1>
            <p><a id="not-for-role-home" href=home>{move || ui.t(Key::NotForRoleHome)}</a></p>
        </section>
    }
}
