//! A card of My day: its title with the count (`.count[data-count]`, which the end-to-end
//! tests read), "nothing today" when the count is 0, and its list. The duties' day cards
//! (moves, passes, missed calls) share it.

use crate::context::use_ui;
use crate::i18n::Key;
use leptos::prelude::*;

/// `<section id=id class="day-section card">` with `children` as the list's items.
#[component]
pub fn DayCard(
    id: &'static str,
    #[prop(into)] title: Signal<&'static str>,
    #[prop(into)] count: Signal<usize>,
    children: Children,
) -> impl IntoView {
    let ui = use_ui();
    view! {
        <section id=id class="day-section card">
            <h2 class="sub">
                {move || title.get()} " "
                <span class="count" data-count=move || count.get().to_string()>{move || count.get()}</span>
            </h2>
            <Show when=move || count.get() == 0>
                <p class="empty">{move || ui.t(Key::DayNothing)}</p>
            </Show>
            <ul>{children()}</ul>
        </section>
    }
}
