//! The tablet's register search: one box, results as large tappable rows (at most
//! [`SHOWN`], then "N more"). Each keystroke runs `Register::search`, a scan over keys
//! prepared when the replica changed.

use crate::components::page_heading::PageHeading;
use crate::context::{use_register_ui, use_ui};
use crate::i18n::{fill, Key};
use crate::register::UnitHit;
use leptos::prelude::*;

/// Most results rendered for one query: two screens of a portrait tablet. Every keystroke
/// renders them anew, and a query that matches more is typed on ("N more" says how many).
pub const SHOWN: usize = 30;

/// The search box and its results; the query survives opening a unit and coming back.
#[component]
pub fn RegisterSearch() -> impl IntoView {
    let ui = use_ui();
    let reg = use_register_ui();
    let result = Memo::new(move |_| {
        let q = reg.query.get();
        ui.register.with(|r| r.search(&q, SHOWN))
    });
    // Build the register as the page opens (after it is painted), not on the first keystroke.
    Effect::new(move |_| ui.register.with(|_| ()));
    let blank = move || reg.query.with(|q| q.trim().is_empty());
    let more = move || {
        let n = result.with(|r| r.more());
        (n > 0).then(|| fill(ui.t(Key::MoreResults), &[("n", n)]))
    };
    view! {
        <div class="register-search">
            <PageHeading>{move || ui.t(Key::RegisterTitle)}</PageHeading>
            <input
                id="register-search"
                type="search"
                inputmode="search"
                autocomplete="off"
                enterkeyhint="search"
                placeholder=move || ui.t(Key::RegisterSearch)
                prop:value=move || reg.query.get()
                on:input=move |ev| reg.query.set(event_target_value(&ev))
            />
            // For the moment after a cold start before the people are read (`sync/opening.rs`).
            {move || (!ui.snap.with(|s| s.whole)).then(|| view! {
                <p id="register-reading" class="hint" role="status">{ui.t(Key::RegisterReading)}</p>
            })}
            <Show
                when=move || !blank()
                fallback=move || view! { <p class="hint">{move || ui.t(Key::RegisterHint)}</p> }
            >
                <Show
                    when=move || result.with(|r| r.total > 0)
                    fallback=move || view! { <p class="empty">{move || ui.t(Key::NoUnitsFound)}</p> }
                >
                    <ul id="register-results" class="unit-hits" data-total=move || result.with(|r| r.total.to_string())>
                        <For
                            each=move || result.with(|r| r.hits.clone())
                            key=|h| h.clone()
                            children=|h| view! { <Hit h=h /> }
                        />
                    </ul>
                    <p id="register-more" class="more">{more}</p>
                </Show>
            </Show>
        </div>
    }
}

/// One unit found: its number and building, who lives there, and why it matched.
#[component]
fn Hit(h: UnitHit) -> impl IntoView {
    let ui = use_ui();
    let (id, number) = (h.id.to_string(), h.number.clone());
    // A unit nobody is recorded in says so, rather than leaving its line blank.
    let people = match h.people.is_empty() {
        true => view! { <span class="people none">{move || ui.t(Key::NoPeople)}</span> }.into_any(),
        false => view! { <span class="people" translate="no">{h.people}</span> }.into_any(),
    };
    view! {
        <li>
            <a
                data-testid="unit-hit"
                class="unit-hit"
                href=format!("/unit/{id}")
                data-id=id
                data-number=number
            >
                <span class="number" translate="no">{h.number}</span>
                <span class="building" translate="no">{h.building}</span>
                {people}
                {h.why.map(|w| view! { <span class="why">{w}</span> })}
            </a>
        </li>
    }
}
