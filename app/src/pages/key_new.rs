//! `/keys/new?unit=<id>`: keys deposited with the office — the unit (given, or found by its
//! number), the owner who authorises it (from the unit's people), how many keys, the tag or
//! hook number, the owner's signature on the pad or "signed on paper" (its photo is then
//! taken on the deposit's page). One edit (`model::keys::deposit_edits`).
//!
//! DOM: `input#key-unit-search`, `button.key-unit-pick`, `select#key-owner`,
//! `input#key-count`, `input#key-tag`, `#key-authorisation` (the pad), `#key-paper`,
//! `textarea#key-note`, `button#key-save`, `#key-error`.

use crate::components::page_heading::PageHeading;
use crate::components::signature::SignaturePad;
use crate::context::use_ui;
use crate::i18n::service_words::{key_error, Sv};
use crate::i18n::Key;
use crate::model::keys::{deposit_edits, people_of, DepositForm, KeyError};
use crate::model::service::unit_place;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::names::{field, kind};
use shared::RecordId;

/// Units whose number is `text` (trimmed), with their place: at most 20.
fn find_units(state: &shared::ReplicaState, text: &str) -> Vec<(RecordId, String)> {
    let t = text.trim();
    if t.is_empty() {
        return Vec::new();
    }
    state
        .records_of(kind::UNIT)
        .filter(|(_, f)| !f.is_deleted() && f.text(field::NUMBER) == Some(t))
        .take(20)
        .map(|(id, _)| (id.clone(), unit_place(state, id).1))
        .collect()
}

/// The deposit form.
#[component]
pub fn KeyNewPage() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: Sv| k.text(ui.lang.get());
    let given = use_query_map()
        .with_untracked(|q| q.get(field::UNIT))
        .filter(|u| !u.is_empty())
        .map(RecordId);
    let unit = RwSignal::new(given);
    let search = RwSignal::new(String::new());
    let found = Memo::new(move |_| search.with(|t| ui.snap.with(|s| find_units(&s.state, t))));
    let place = move || {
        unit.get().map(|u| ui.snap.with(|s| unit_place(&s.state, &u).1)).unwrap_or_default()
    };
    let people = Memo::new(move |_| {
        unit.get().map(|u| ui.snap.with(|s| people_of(&s.state, &u))).unwrap_or_default()
    });
    let person = RwSignal::new(None::<RecordId>);
    let count = RwSignal::new("1".to_owned());
    let tag = RwSignal::new(String::new());
    let signature = RwSignal::new(String::new());
    let paper = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let invalid = RwSignal::new(None::<KeyError>);
    let save_error = RwSignal::new(None::<Key>);
    let navigate = use_navigate();
    let save = move |_| {
        let Some(actor) = ui.actor() else { return };
        let form = DepositForm {
            unit: unit.get_untracked(),
            person: person.get_untracked(),
            key_count: count.get_untracked(),
            tag: tag.get_untracked(),
            signature: signature.get_untracked(),
            paper: paper.get_untracked(),
            note: note.get_untracked(),
        };
        let id = RecordId::new_v7();
        match deposit_edits(&id, &form, &actor) {
            Err(e) => invalid.set(Some(e)),
            Ok(edits) => {
                invalid.set(None);
                let navigate = navigate.clone();
                ui.save(edits, save_error, move || {
                    navigate(&format!("/keys/{id}"), Default::default())
                });
            }
        }
    };
    view! {
        <section id="key-new" class="key-new card">
            <PageHeading>{move || w(Sv::NewDeposit)}</PageHeading>
            <a class="back" href="/keys">{move || w(Sv::BackToKeys)}</a>
            <p id="key-unit" translate="no">{move || w(Sv::UnitPick)} ": " {place}</p>
            <Show when=move || unit.with(Option::is_none)>
                <label for="key-unit-search">{move || w(Sv::UnitPick)}</label>
                <input id="key-unit-search" type="search" bind:value=search />
                <ul class="key-unit-found">
                    {move || found.get().into_iter().map(|(id, text)| view! {
                        <li><button class="key-unit-pick" type="button" on:click=move |_| unit.set(Some(id.clone()))>{text}</button></li>
                    }).collect_view()}
                </ul>
            </Show>
            <label for="key-owner">{move || w(Sv::Owner)}</label>
            <select id="key-owner" on:change=move |ev| { let v = event_target_value(&ev); person.set((!v.is_empty()).then_some(RecordId(v))); }>
                <option value="">{move || w(Sv::NoOwner)}</option>
                {move || people.get().into_iter().map(|(id, name)| view! { <option value=id.0.clone()>{name}</option> }).collect_view()}
            </select>
            <label for="key-count">{move || w(Sv::KeyCount)}</label>
            <input id="key-count" type="number" min="1" max="99" inputmode="numeric" bind:value=count />
            <label for="key-tag">{move || w(Sv::Tag)}</label>
            <input id="key-tag" bind:value=tag />
            <h2>{move || w(Sv::Authorisation)}</h2>
            <div id="key-authorisation"><SignaturePad path=signature /></div>
            <label class="check"><input id="key-paper" type="checkbox" bind:checked=paper />" " {move || w(Sv::Paper)}</label>
            <label for="key-note">{move || w(Sv::Note)}</label>
            <textarea id="key-note" bind:value=note></textarea>
            <button id="key-save" class="primary" type="button" on:click=save>{move || w(Sv::Save)}</button>
            <p id="key-error" class="error" role="alert">
                {move || invalid.get().map(|e| key_error(e, ui.lang.get()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
        </section>
    }
}
