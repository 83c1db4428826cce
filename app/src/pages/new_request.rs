//! `/requests/new`: intake (受理). Type, source (a phone call may be a missed call), urgency,
//! the three classifier pickers (the problem follows the topic), contact and description.
//! Saving takes the request's number from the device's pool INSIDE the same transaction as
//! the request and its `created` event (`Engine::edit_numbered`), then opens the request.
//! `?unit=<id>` (the unit page's "new request for this unit") chooses the unit; `?source=visit`
//! (a home visit's "raise a request") chooses the source.
//!
//! Where (issue 28 points 4-6): no unit is chosen until the taker chooses one (typing its
//! number, or picking from the register's search, `model::intake_unit`); the unit's people
//! fill in the contact, editable. A request may instead name a common place (a lift, a
//! corridor, the square) of a building (and entrance) or of an area. The title names the
//! type chosen; photos taken before saving are stored on the new request once it is saved.
//!
//! DOM: `#req-title[data-category]`, `#req-where` (`unit` / `common`), `#req-building`,
//! `#req-unit-filter`, `#req-unit` (first option empty: none chosen), `#req-area`,
//! `#req-entrance`, `#req-common-place`, `#req-photo-input`, `#req-photos[data-count]`.

use crate::components::photo_notice;
use crate::components::photos::save_all;
use crate::components::status_buttons::current_actor;
use crate::context::use_ui;
use crate::i18n::{category_label, new_request_title, source_label, urgency_label, Key, Lang};
use crate::model::flow::areas;
use crate::model::intake::{self, check_form, picker, request_number, FormError, NewRequestForm};
use crate::model::intake_unit::{
    buildings_in, picker_units, refill_contact, typed_unit, unit_contact,
};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::blob::PhotoParent;
use shared::names::{field, kind};
use shared::request::classifier::{self, Level};
use shared::request::{Category, Source, Urgency};
use shared::{Kind, RecordId};

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
    let reg = ui.register;
    let given = use_query_map().with_untracked(|q| q.get(field::UNIT)).unwrap_or_default();
    let given = Some(RecordId::from(given.as_str())).filter(RecordId::is_valid);
    let common = RwSignal::new(false);
    let building = RwSignal::new(String::new());
    let chosen_building = move || Some(RecordId(building.get())).filter(RecordId::is_valid);
    let filter = RwSignal::new(String::new());
    let unit = RwSignal::new(given.map(|g| g.to_string()).unwrap_or_default());
    let shown = Memo::new(move |_| {
        let (b, u) = (chosen_building(), Some(RecordId(unit.get())).filter(RecordId::is_valid));
        reg.with(|r| picker_units(r, &filter.get(), b.as_ref(), u.as_ref()))
    });
    // A common place of no building is filed in the taker's own area until they pick another.
    let own_area = ui.staff_id().and_then(|me| {
        ui.snap.with_untracked(|s| {
            s.state.record(&Kind::new(kind::STAFF), &RecordId(me))?.reference(field::AREA)
        })
    });
    let area = RwSignal::new(own_area.as_ref().map(RecordId::to_string).unwrap_or_default());
    let butler_area = own_area.filter(|_| ui.role() == Some(shared::Role::Butler));
    let building_list = Memo::new(move |_| {
        reg.with(|r| ui.snap.with(|s| buildings_in(&s.state, r, butler_area.as_ref())))
    });
    let entrance = RwSignal::new(String::new());
    let common_place = RwSignal::new(String::new());
    let area_list = Memo::new(move |_| ui.snap.with(|s| areas(&s.state)));
    let nodes = Memo::new(move |_| ui.snap.with(|s| classifier::nodes(&s.state)));
    let category = RwSignal::new(Category::Repair);
    let asked = use_query_map().with_untracked(|q| q.get(field::SOURCE)).unwrap_or_default();
    let source = RwSignal::new(Source::parse(&asked).unwrap_or(Source::Phone));
    let urgency = RwSignal::new(Urgency::Normal);
    let missed_call = RwSignal::new(false);
    let (place, topic, problem) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let contact_name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let saving = RwSignal::new(false);
    // Photos taken before saving, with their preview URLs: stored on the request once it is
    // saved; the previews are revoked when the page goes.
    let files: RwSignal<Vec<(web_sys::File, String)>, LocalStorage> =
        RwSignal::new_local(Vec::new());
    on_cleanup(move || {
        for (_, url) in files.try_get_untracked().unwrap_or_default() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });

    // Typing a whole unit number chooses that unit (nothing else chooses one for the taker).
    let on_filter = move |v: String| {
        let b = chosen_building();
        if let Some(id) = reg.with_untracked(|r| typed_unit(r, &v, b.as_ref())) {
            unit.set(id.to_string());
        }
        filter.set(v);
    };
    // The chosen unit's people fill in the contact, unless the taker typed their own.
    let filled = StoredValue::new((String::new(), String::new()));
    Effect::new(move |_| {
        let u = RecordId(unit.get());
        let next = reg.with_untracked(|r| unit_contact(r, &u));
        let shown = (contact_name.get_untracked(), phone.get_untracked());
        if let Some((name, tel)) = refill_contact(&shown, &filled.get_value(), next) {
            filled.set_value((name.clone(), tel.clone()));
            contact_name.set(name);
            phone.set(tel);
        }
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let is_common = common.get_untracked();
        let form = NewRequestForm {
            unit: if is_common { String::new() } else { unit.get_untracked() },
            building: if is_common { building.get_untracked() } else { String::new() },
            entrance: entrance.get_untracked(),
            area: area.get_untracked(),
            common_place: if is_common { common_place.get_untracked() } else { String::new() },
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
            Err(FormError::UnitRequired) => return error.set(Some(Key::UnitOrPlaceRequired)),
            Err(FormError::BadEntrance) => return error.set(Some(Key::EntranceBad)),
            Err(FormError::DescriptionRequired) => {
                return error.set(Some(Key::DescriptionRequired))
            }
            Ok(()) => {}
        }
        let (Some(engine), Some(actor)) = (ui.engine(), current_actor(&ui)) else {
            return error.set(Some(Key::SaveFailed));
        };
        let code = ui.snap.with_untracked(|s| intake::area_code(&s.state, &form));
        let photos: Vec<web_sys::File> =
            files.with_untracked(|f| f.iter().map(|(f, _)| f.clone()).collect());
        let date = intake::local_date(actor.at, utc_offset_min());
        let id = RecordId::new_v7();
        saving.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let saved = crate::update::saving(engine.edit_numbered(|taken| {
                let number = request_number(&code, date, taken);
                // The form was checked above: this cannot fail.
                intake::new_request_edits(&id, &form, &number, &actor).unwrap_or_default()
            }))
            .await;
            match saved {
                Ok(_) => {
                    ui.sync_now();
                    // The request is saved; each photo is stored whole before it counts. One
                    // not kept is said on the request's page, which takes it again.
                    let failed = save_all(&ui, PhotoParent::Request, &id, photos).await;
                    ui.sync_now();
                    let path = format!("/requests/{id}");
                    photo_notice::carry(&ui, failed, &path);
                    navigate(&path, Default::default());
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

    let choose_photos = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(list) = input.files() {
            let more = (0..list.length()).filter_map(|i| list.get(i)).map(|file| {
                let url = web_sys::Url::create_object_url_with_blob(&file).unwrap_or_default();
                (file, url)
            });
            let more: Vec<_> = more.collect();
            files.update(|f| f.extend(more));
        }
        input.set_value("");
    };
    let photo_count = move || files.with(Vec::len);

    view! {
        <section class="new-request card">
            <h1 class="page-title" id="req-title" data-category=move || category.get().as_str()>
                {move || new_request_title(category.get(), ui.lang.get())}
            </h1>
            <form on:submit=save novalidate>
                <label for="req-where">{move || ui.t(Key::WhereIs)}</label>
                <select
                    id="req-where"
                    prop:value=move || if common.get() { "common" } else { "unit" } // not a kind: an option
                    on:change=move |ev| common.set(event_target_value(&ev) == "common")
                >
                    <option value="unit" selected=move || !common.get()>{move || ui.t(Key::WhereUnit)}</option>
                    <option value="common" selected=move || common.get()>{move || ui.t(Key::WhereCommon)}</option>
                </select>
                <label for="req-building">{move || ui.t(Key::Building)}</label>
                <select id="req-building" prop:value=move || building.get() on:change=move |ev| building.set(event_target_value(&ev))>
                    <option value="">{move || ui.t(if common.get() { Key::NoBuilding } else { Key::AnyBuilding })}</option>
                    {move || building_list.get().into_iter().map(|(id, name)| {
                        let v = id.to_string();
                        let sel = building.get_untracked() == v;
                        view! { <option translate="no" value=v selected=sel>{name}</option> }
                    }).collect_view()}
                </select>
                <Show when=move || !common.get()>
                    <label for="req-unit">{move || ui.t(Key::Unit)}</label>
                    <div class="unit-picker">
                        <input
                            id="req-unit-filter"
                            type="search"
                            inputmode="search"
                            aria-label=move || ui.t(Key::UnitFilter)
                            placeholder=move || ui.t(Key::UnitFilter)
                            prop:value=move || filter.get()
                            on:input=move |ev| on_filter(event_target_value(&ev))
                        />
                        <select id="req-unit" prop:value=move || unit.get() on:change=move |ev| unit.set(event_target_value(&ev))>
                            <option value="" selected=move || unit.get().is_empty()>{move || ui.t(Key::UnitChoose)}</option>
                            <For
                                each=move || shown.get()
                                key=|u| u.id.clone()
                                children=move |u| {
                                    let id = u.id.to_string();
                                    let text = if u.people.is_empty() { u.number } else { format!("{} · {}", u.number, u.people) };
                                    view! { <option translate="no" value=id.clone() selected=move || unit.get() == id>{text}</option> }
                                }
                            />
                        </select>
                    </div>
                </Show>
                <Show when=move || common.get()>
                    <div class="row3 common-place">
                        <div>
                            <label for="req-common-place">{move || ui.t(Key::CommonPlace)}</label>
                            <input
                                id="req-common-place"
                                type="text"
                                placeholder=move || ui.t(Key::CommonPlaceHint)
                                bind:value=common_place
                            />
                        </div>
                        <div>
                            <label for="req-entrance">{move || ui.t(Key::Entrance)}</label>
                            <input id="req-entrance" type="text" inputmode="numeric" bind:value=entrance />
                        </div>
                        <Show when=move || chosen_building().is_none()>
                            <div>
                                <label for="req-area">{move || ui.t(Key::Area)}</label>
                                <select id="req-area" prop:value=move || area.get() on:change=move |ev| area.set(event_target_value(&ev))>
                                    <option value="">{move || ui.t(Key::NotChosen)}</option>
                                    {move || area_list.get().into_iter().map(|c| {
                                        let v = c.id.to_string();
                                        let sel = area.get_untracked() == v;
                                        view! { <option translate="no" value=v selected=sel>{c.name}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                        </Show>
                    </div>
                </Show>
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
                <label class="photo-attach" for="req-photo-input">{move || ui.t(Key::PhotoAttach)}</label>
                <input
                    id="req-photo-input"
                    type="file"
                    accept="image/*"
                    capture="environment"
                    multiple
                    on:change=choose_photos
                />
                <span id="req-photos" class="comment-photos-pending" data-count=move || photo_count().to_string()>
                    {move || (photo_count() > 0).then(|| format!("{} {}", photo_count(), ui.t(Key::PhotosToSave)))}
                </span>
                <ul class="photo-list pending-photos">
                    {move || files.with(|f| f.iter().map(|(_, url)| view! {
                        <li><img class="photo-thumb pending" src=url.clone() alt=move || ui.t(Key::Photos) /></li>
                    }).collect_view())}
                </ul>
                // Within the thumb's reach on a tablet (`components/thumb.rs`).
                <div class="thumb-bar">
                    <p id="req-error" class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
                    <button id="req-save" class="primary" type="submit" disabled=move || saving.get()>
                        {move || ui.t(Key::Save)}
                    </button>
                </div>
            </form>
        </section>
    }
}
