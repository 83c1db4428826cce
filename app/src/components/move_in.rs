//! Moving someone on record into a unit: find them by name or phone (people living there
//! already are left out), choose the role and the day, save the new link.

use super::person_form::{error_key, Panel, RoleAndMoveIn};
use crate::context::use_ui;
use crate::i18n::Key;
use crate::platform::{today, utc_offset_min};
use crate::register::form::move_in_edits;
use crate::register::PersonHit;
use leptos::prelude::*;
use shared::register::PersonRole;
use shared::RecordId;

/// Most people offered for one query.
const OFFERED: usize = 20;

/// The search, the people found, and once one is chosen, role, day and save.
#[component]
pub fn MoveIn(unit: RecordId, panel: RwSignal<Panel>) -> impl IntoView {
    let ui = use_ui();
    let query = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<PersonHit>);
    let role = RwSignal::new(PersonRole::Resident);
    let from = RwSignal::new(today());
    let error = RwSignal::new(None::<Key>);
    let here = unit.clone();
    let found = Memo::new(move |_| {
        let q = query.get();
        ui.register.with(|r| r.find_people(&q, OFFERED, Some(&here)).0)
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(person) = chosen.get_untracked() else {
            return error.set(Some(Key::ChoosePerson));
        };
        let link = RecordId::new_v7();
        let day = from.get_untracked();
        match move_in_edits(&link, &unit, &person.id, role.get_untracked(), &day, utc_offset_min())
        {
            Ok(edits) => ui.save(edits, error, move || panel.set(Panel::None)),
            Err(e) => error.set(Some(error_key(e))),
        }
    };
    view! {
        <form id="move-in-form" class="move-in" on:submit=save novalidate>
            <label for="move-in-search">{move || ui.t(Key::MoveInSearch)}</label>
            <input
                id="move-in-search"
                type="search"
                autocomplete="off"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <ul class="candidates">
                <For
                    each=move || found.get()
                    key=|p| p.clone()
                    children=move |p| {
                        let id = p.id.clone();
                        let pick = p.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    data-testid="move-in-candidate"
                                    class="candidate"
                                    class:chosen=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.id == id))
                                    data-id=p.id.to_string()
                                    on:click=move |_| chosen.set(Some(pick.clone()))
                                >
                                    <span class="person-name">{p.name}</span>
                                    <span class="phone">{p.phone}</span>
                                    <span class="units">{p.units}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <Show when=move || query.with(|q| !q.trim().is_empty()) && found.with(Vec::is_empty)>
                <p class="empty">{move || ui.t(Key::NoPeopleFound)}</p>
            </Show>
            <RoleAndMoveIn prefix="move-in" role=role from=from />
            <p id="move-in-error" class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
            <div class="form-buttons">
                <button id="move-in-save" class="primary" type="submit">{move || ui.t(Key::ConfirmMoveIn)}</button>
                <button type="button" class="cancel" on:click=move |_| panel.set(Panel::None)>
                    {move || ui.t(Key::Cancel)}
                </button>
            </div>
        </form>
    }
}
