//! `/register` (台账): on a tablet one search box over units, buildings, people and phones
//! (`components/register_search.rs`); on a desk the units and people tables
//! (`components/register_units.rs`, `components/register_people.rs`). Both read the
//! register built once per replica change (`context::register_memo`).

use crate::components::page_heading::PageHeading;
use crate::components::register_people::PeopleTable;
use crate::components::register_search::RegisterSearch;
use crate::components::register_transfer::RegisterTransfer;
use crate::components::register_units::UnitsTable;
use crate::context::{use_register_ui, use_ui};
use crate::i18n::Key;
use leptos::prelude::*;
use shared::Role;

/// The search on a tablet, the tables on a desk.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let ui = use_ui();
    view! {
        <section class="register">
            <Show when=move || ui.wide.get() fallback=RegisterSearch>
                <DeskRegister />
            </Show>
        </section>
    }
}

/// The desk: two tabs, units and people; for office staff and supervisors, importing and
/// exporting the register as files.
#[component]
fn DeskRegister() -> impl IntoView {
    let ui = use_ui();
    let reg = use_register_ui();
    let tab = move |people: bool, id: &'static str, key: Key| {
        view! {
            <button
                id=id
                role="tab"
                class="tab"
                class:active=move || reg.people_tab.get() == people
                aria-selected=move || (reg.people_tab.get() == people).to_string()
                on:click=move |_| reg.people_tab.set(people)
            >
                {move || ui.t(key)}
            </button>
        }
    };
    view! {
        <div id="register-desk" class="register-desk">
            <div class="register-head">
                <PageHeading>{move || ui.t(Key::RegisterTitle)}</PageHeading>
                <div class="register-tabs" role="tablist">
                    {tab(false, "tab-units", Key::TabUnits)}
                    {tab(true, "tab-people", Key::TabPeople)}
                </div>
            </div>
            <Show when=move || ui.role().is_some_and(Role::is_office)>
                <RegisterTransfer />
            </Show>
            <Show when=move || reg.people_tab.get() fallback=UnitsTable>
                <PeopleTable />
            </Show>
        </div>
    }
}
