//! `/requests/new`: intake (受理). Type, source (a phone call may be a missed call), urgency,
//! the three classifier pickers (the problem follows the topic), contact and description.
//! Saving takes the request's number from the device's pool INSIDE the same transaction as
//! the request and its `created` event (`Engine::edit_numbered`), then opens the request.
//! `?unit=<id>` (the unit page's "new request for this unit") chooses the unit.

use crate::components::page_heading::PageHeading;
use crate::components::status_buttons::current_actor;
use crate::context::use_ui;
use crate::i18n::{category_label, source_label, urgency_label, Key, Lang};
use crate::model::intake::{self, check_form, picker, request_number, FormError, NewRequestForm};
use crate::model::{self};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::names::field;
use shared::request::classifier::{self, Level};
use shared::request::{Category, Source, Urgency};
use shared::RecordId;

/// One `<select>` over a closed set of values, labelled in the current language.
macro_rules! enum_select {
    ($ui:expr, $id:literal, $sig:expr, $ty:ty, $label:expr) => {{
        let sig = $sig;
        view! {
            <select id=$id prop:value=move || sig.get().as_str() on:change=move |ev| {
                if let Some(v) = <$ty>::parse(&event_target_value(&ev)) { sig.set(v) }
            }>
                {<$ty>::ALL.iter().map(|v| {
                    let v = *v;
                    view! { <option value=v.as_str() selected=move || sig.get() == v>{move || $label(v, $ui.lang.get())}</option> }
                }).collect_view()}
            </select>
        }
    }};
}

/// The form: checked by `model::intake`, saved with its number in one transaction, then the
/// new request is opened.
#[component]
pub fn NewRequestPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let units = Memo::new(move |_| ui.snap.with(|s| model::units(&s.state)));
    let nodes = Memo::new(move |_| ui.snap.with(|s| classifier::nodes(&s.state)));
    let given = use_query_map().with_untracked(|q| q.get(field::UNIT)).unwrap_or_default();
    let given_number = units.with_untracked(|u| {
        u.iter().find(|u| u.id.as_str() == given).map(|u| u.number.clone()).unwrap_or_default()
    });
    let filter = RwSignal::new(given_number);
    let shown = Memo::new(move |_| units.with(|u| model::filter_units(u, &filter.get())));
    let unit = RwSignal::new(given);
    let category = RwSignal::new(Category::Repair);
    let source = RwSignal::new(Source::Phone);
    let urgency = RwSignal::new(Urgency::Normal);
    let missed_call = RwSignal::new(false);
    let (place, topic, problem) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let contact_name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let saving = RwSignal::new(false);

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
            source: source.get_untracked(),
            urgency: urgency.get_untracked(),
            missed_call: missed_call.get_untracked(),
            place: place.get_untracked(),
            topic: topic.get_untracked(),
            problem: problem.get_untracked(),
            contact_name: contact_name.get_untracked(),
            contact_phone: phone.get_untracked(),
            description: description.get_untracked(),
        };
        match check_form(&form) {
            Err(FormError::UnitRequired) => return error.set(Some(Key::UnitRequired)),
            Err(FormError::DescriptionRequired) => {
                return error.set(Some(Key::DescriptionRequired))
            }
            Ok(()) => {}
        }
        let (Some(engine), Some(actor)) = (ui.engine(), current_actor(&ui)) else {
            return error.set(Some(Key::SaveFailed));
        };
        let code =
            ui.snap.with_untracked(|s| intake::area_code(&s.state, &RecordId(form.unit.clone())));
        let date = intake::local_date(actor.at, utc_offset_min());
        let id = RecordId::new_v7();
        saving.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let saved = engine
                .edit_numbered(|taken| {
                    let number = request_number(&code, date, taken);
                    // The form was checked above: this cannot fail.
                    intake::new_request_edits(&id, &form, &number, &actor).unwrap_or_default()
                })
                .await;
            match saved {
                Ok(_) => {
                    ui.sync_now();
                    navigate(&format!("/requests/{id}"), Default::default());
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("save failed: {e}").into());
                    error.set(Some(Key::SaveFailed));
                    saving.set(false);
                }
            }
        });
    };

    let node_options = move |level: Level, chosen: RwSignal<String>| {
        move || {
            let lang = ui.lang.get();
            let topic = topic.get();
            nodes.with(|n| {
                picker(n, level, &topic)
                    .into_iter()
                    .map(|n| {
                        let id = n.id.to_string();
                        let name =
                            if lang == Lang::Zh { n.name_zh.clone() } else { n.name_en.clone() };
                        let selected = chosen.get_untracked() == id;
                        view! { <option translate="no" value=id selected=selected>{name}</option> }
                    })
                    .collect_view()
            })
        }
    };
    // A problem chosen first sets its topic; a new topic drops a problem not under it.
    let choose_problem = move |v: String| {
        let parent = nodes.with_untracked(|n| {
            n.iter().find(|n| n.id.as_str() == v).and_then(|n| n.parent.clone())
        });
        if let Some(p) = parent {
            topic.set(p.to_string());
        }
        problem.set(v);
    };
    let choose_topic = move |v: String| {
        let keeps = nodes.with_untracked(|n| {
            n.iter().any(|n| {
                n.id.as_str() == problem.get_untracked()
                    && n.parent.as_ref().is_some_and(|p| p.as_str() == v)
            })
        });
        if !keeps {
            problem.set(String::new());
        }
        topic.set(v);
    };

    view! {
        <section class="new-request card">
            <PageHeading>{move || ui.t(Key::NavNew)}</PageHeading>
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
                                view! { <option translate="no" value=id.clone() selected=move || unit.get() == id>{u.number}</option> }
                            }
                        />
                    </select>
                </div>
                <div class="row3">
                    <div>
                        <label for="req-type">{move || ui.t(Key::RequestType)}</label>
                        {enum_select!(ui, "req-type", category, Category, category_label)}
                    </div>
                    <div>
                        <label for="req-source">{move || ui.t(Key::Source)}</label>
                        {enum_select!(ui, "req-source", source, Source, source_label)}
                    </div>
                    <div>
                        <label for="req-urgency">{move || ui.t(Key::Urgency)}</label>
                        {enum_select!(ui, "req-urgency", urgency, Urgency, urgency_label)}
                    </div>
                </div>
                <Show when=move || source.get() == Source::Phone>
                    <label class="check missed-call">
                        <input id="req-missed-call" type="checkbox" bind:checked=missed_call />
                        {move || ui.t(Key::MissedCall)}
                    </label>
                </Show>
                <div class="row3 classifier">
                    <div>
                        <label for="req-place">{move || ui.t(Key::Place)}</label>
                        <select id="req-place" prop:value=move || place.get() on:change=move |ev| place.set(event_target_value(&ev))>
                            <option value="">{move || ui.t(Key::NotChosen)}</option>
                            {node_options(Level::Place, place)}
                        </select>
                    </div>
                    <div>
                        <label for="req-topic">{move || ui.t(Key::Topic)}</label>
                        <select id="req-topic" prop:value=move || topic.get() on:change=move |ev| choose_topic(event_target_value(&ev))>
                            <option value="">{move || ui.t(Key::NotChosen)}</option>
                            {node_options(Level::Topic, topic)}
                        </select>
                    </div>
                    <div>
                        <label for="req-problem">{move || ui.t(Key::Problem)}</label>
                        <select id="req-problem" prop:value=move || problem.get() on:change=move |ev| choose_problem(event_target_value(&ev))>
                            <option value="">{move || ui.t(Key::NotChosen)}</option>
                            {node_options(Level::Problem, problem)}
                        </select>
                    </div>
                </div>
                <div class="row2">
                    <div>
                        <label for="req-contact-name">{move || ui.t(Key::ContactName)}</label>
                        <input id="req-contact-name" type="text" bind:value=contact_name />
                    </div>
                    <div>
                        <label for="req-contact-phone">{move || ui.t(Key::ContactPhone)}</label>
                        <input id="req-contact-phone" type="tel" inputmode="tel" bind:value=phone />
                    </div>
                </div>
                <label for="req-description">{move || ui.t(Key::Description)}</label>
                <textarea id="req-description" rows="4" bind:value=description></textarea>
                <p id="req-error" class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
                <button id="req-save" class="primary" type="submit" disabled=move || saving.get()>
                    {move || ui.t(Key::Save)}
                </button>
            </form>
        </section>
    }
}
