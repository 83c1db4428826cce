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

/// A route's page behind the gate: the page when the signed-in role may open the path being
/// opened (signed out: the sign-in guard decides), else [`NotForRole`].
///
/// The gate sits inside each route, not around the router: a router taken off the page while
/// a path that is not for the role showed never completed that navigation, and the address
/// bar then stayed on the page before, through every later navigation too. Decided once,
/// as the route is drawn: a drawn route keeps its path's page, and a new role comes only by
/// signing in, which navigates.
pub fn gated<F, V>(page: F) -> impl Fn() -> AnyView + Send + Clone + 'static
where
    F: Fn() -> V + Send + Clone + 'static,
    V: IntoView + 'static,
{
    move || {
        let ui = use_ui();
        let path = use_location().pathname.get_untracked();
        let role = ui.snap.with_untracked(|s| s.session.as_ref().map(|s| s.me.role));
        if role.is_none_or(|role| nav::may_open(role, &path)) {
            page().into_any()
        } else {
            NotForRole().into_any()
        }
    }
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
