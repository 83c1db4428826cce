//! `/requests/new`: the repair-request form. Saving writes the record and its outbox batch
//! to IndexedDB in one transaction, then opens the new request. `?unit=<id>` (the unit
//! page's "new request for this unit") chooses the unit and filters the picker to it.

use crate::context::use_ui;
use crate::i18n::{category_label, urgency_label, Key};
use crate::model::{self, FormError, NewRequestForm};
use crate::platform::now_ms;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::request::{Category, Urgency};
use shared::RecordId;

/// The form: validated by `model::new_request_edits`, saved in one transaction, then the
/// new request is opened.
#[component]
pub fn NewRequestPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let units = Memo::new(move |_| ui.snap.with(|s| model::units(&s.state)));
    let given = use_query_map().with_untracked(|q| q.get("unit")).unwrap_or_default();
    let given_number = units.with_untracked(|u| {
        u.iter().find(|u| u.id.as_str() == given).map(|u| u.number.clone()).unwrap_or_default()
    });
    let filter = RwSignal::new(given_number);
    let shown = Memo::new(move |_| units.with(|u| model::filter_units(u, &filter.get())));
    let unit = RwSignal::new(given);
    let category = RwSignal::new(Category::Repair);
    let urgency = RwSignal::new(Urgency::Normal);
    let description = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let saving = RwSignal::new(false);

    // A failed save may be retried: the button comes back when an error is shown (a save
    // that works navigates away).
    Effect::new(move |_| {
        if error.get().is_some() {
            saving.set(false);
        }
    });

    // Keep the selection on a unit the filter still shows.
    Effect::new(move |_| {
        let list = shown.get();
        let cur = unit.get_untracked();
        if !list.iter().any(|u| u.id.as_str() == cur) {
            unit.set(list.first().map(|u| u.id.to_string()).unwrap_or_default());
        }
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let form = NewRequestForm {
            unit: unit.get_untracked(),
            category: category.get_untracked(),
            urgency: urgency.get_untracked(),
            description: description.get_untracked(),
            contact_phone: phone.get_untracked(),
        };
        let id = RecordId::new_v7();
        let me = ui.staff_id().unwrap_or_default();
        let edits = match model::new_request_edits(&id, &form, &me, now_ms()) {
            Ok(e) => e,
            Err(FormError::UnitRequired) => return error.set(Some(Key::UnitRequired)),
            Err(FormError::DescriptionRequired) => {
                return error.set(Some(Key::DescriptionRequired))
            }
        };
        saving.set(true);
        let navigate = navigate.clone();
        ui.save(edits, error, move || navigate(&format!("/requests/{id}"), Default::default()));
    };

    view! {
        <section class="new-request card">
            <h2>{move || ui.t(Key::NavNew)}</h2>
            <form on:submit=save novalidate>
                <label for="req-unit">{move || ui.t(Key::Unit)}</label>
                <div class="unit-picker">
                    <input
                        id="req-unit-filter"
                        type="search"
                        inputmode="search"
                        placeholder=move || ui.t(Key::UnitFilter)
                        bind:value=filter
                    />
                    <select id="req-unit" prop:value=move || unit.get() on:change=move |ev| unit.set(event_target_value(&ev))>
                        <For
                            each=move || shown.get()
                            key=|u| u.id.clone()
                            children=move |u| {
                                let id = u.id.to_string();
                                view! { <option value=id.clone() selected=move || unit.get() == id>{u.number}</option> }
                            }
                        />
                    </select>
                </div>
                <div class="row2">
                    <div>
                        <label for="req-category">{move || ui.t(Key::Category)}</label>
                        <select id="req-category" prop:value=move || category.get().as_str() on:change=move |ev| {
                            if let Some(c) = Category::parse(&event_target_value(&ev)) { category.set(c) }
                        }>
                            {Category::ALL.iter().map(|c| {
                                let c = *c;
                                view! { <option value=c.as_str() selected=move || category.get() == c>{move || category_label(c, ui.lang.get())}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="req-urgency">{move || ui.t(Key::Urgency)}</label>
                        <select id="req-urgency" prop:value=move || urgency.get().as_str() on:change=move |ev| {
                            if let Some(u) = Urgency::parse(&event_target_value(&ev)) { urgency.set(u) }
                        }>
                            {Urgency::ALL.iter().map(|u| {
                                let u = *u;
                                view! { <option value=u.as_str() selected=move || urgency.get() == u>{move || urgency_label(u, ui.lang.get())}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <label for="req-description">{move || ui.t(Key::Description)}</label>
                <textarea id="req-description" rows="4" bind:value=description></textarea>
                <label for="req-contact-phone">{move || ui.t(Key::ContactPhone)}</label>
                <input id="req-contact-phone" type="tel" inputmode="tel" bind:value=phone />
                <p id="req-error" class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
                <button id="req-save" class="primary" type="submit" disabled=move || saving.get()>
                    {move || ui.t(Key::Save)}
                </button>
            </form>
        </section>
    }
}
