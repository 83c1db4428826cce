//! A tablet's thumb (issue 26 point 4): the main action of a main screen sits where a thumb
//! holding the tablet reaches. Forms put their save button in a `.thumb-bar`, which
//! `style.css` fixes to the bottom of the screen below the desk's width (1024 px); the
//! request list and My day get [`NewRequestButton`], a button fixed at the bottom right there
//! (`#list-new`), beside the header's tab that stays for the desk.

use crate::context::use_ui;
use crate::i18n::Key;
use crate::model::nav;
use leptos::prelude::*;

/// "New request" within the thumb's reach, for a role that may file one.
#[component]
pub fn NewRequestButton() -> impl IntoView {
    let ui = use_ui();
    let may = move || ui.role().is_some_and(|r| nav::may_open(r, "/requests/new"));
    view! {
        <Show when=may>
            <a id="list-new" class="button primary thumb-fab" href="/requests/new">
                {move || ui.t(Key::NavNew)}
            </a>
        </Show>
    }
}
