//! `/visits/new?unit=<id>`: the visit form (走访记录) — the household, how it went (contacted
//! / not at home / refused), who was met and the satisfaction (for a contact), the topics as
//! toggles, the remarks and photos — saved offline as one edit (`model::visit_form`), in
//! the plan of the unit's area under way; the photos taken before saving are stored on the
//! visit (parent kind `visit`) once it is saved, as the intake does. Saving opens the visit
//! (`/visit/:id`), from where a request is raised or the register corrected.
//!
//! DOM: `#visit-form[data-unit]`, `#visit-outcome`, `#visit-person`, `#visit-satisfaction`,
//! `#visit-topics` with `button.visit-topic[data-topic][aria-pressed]`, `#visit-remarks`,
//! `#visit-photo-input`, `#visit-photos[data-count]`, `#visit-save`, `#visit-error`.

use crate::components::page_heading::PageHeading;
use crate::components::photo_notice;
use crate::components::photos::save_all;
use crate::context::use_ui;
use crate::i18n::{
    satisfaction_label, visit_error_text, visit_outcome_label, visit_topic_label, vw, Key, Vw,
};
use crate::model::visit_form::{plan_for, visit_edits, VisitError, VisitForm};
use crate::pages::visits::visit_facts;
use crate::platform::{now_ms, utc_offset_min};
use crate::register::unit::unit_detail;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::blob::PhotoParent;
use shared::names::{field, kind};
use shared::request::Satisfaction;
use shared::visit::{VisitOutcome, VisitTopic};
use shared::{Kind, RecordId};

#[component]
pub fn VisitNewPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let unit = use_query_map().with_untracked(|q| q.get(field::UNIT)).unwrap_or_default();
    let unit = Some(RecordId::from(unit.as_str())).filter(RecordId::is_valid);
    let u = unit.clone();
    let detail = Memo::new(move |_| {
        let u = u.clone()?;
        ui.snap.with(|s| unit_detail(&s.state, &s.pending_ids, &u, now_ms() as i64))
    });
    let facts = visit_facts();
    let outcome = RwSignal::new(None::<VisitOutcome>);
    let person = RwSignal::new(String::new());
    let satisfaction = RwSignal::new(None::<Satisfaction>);
    let topics = RwSignal::new(Vec::<VisitTopic>::new());
    let remarks = RwSignal::new(String::new());
    let error = RwSignal::new(None::<VisitError>);
    let save_error = RwSignal::new(None::<Key>);
    let saving = RwSignal::new(false);
    let lang = move || ui.lang.get();
    // Photos taken before saving, with their preview URLs, revoked when the page goes.
    let files: RwSignal<Vec<(web_sys::File, String)>, LocalStorage> =
        RwSignal::new_local(Vec::new());
    on_cleanup(move || {
        for (_, url) in files.try_get_untracked().unwrap_or_default() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    let choose_photos = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(list) = input.files() {
            let more: Vec<_> = (0..list.length())
                .filter_map(|i| list.get(i))
                .map(|file| {
                    let url = web_sys::Url::create_object_url_with_blob(&file).unwrap_or_default();
                    (file, url)
                })
                .collect();
            files.update(|f| f.extend(more));
        }
        input.set_value("");
    };
    let photo_count = move || files.with(Vec::len);
    let unit_for_save = unit.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(actor) = ui.actor() else { return };
        let form = VisitForm {
            unit: unit_for_save.clone().filter(|_| detail.with_untracked(Option::is_some)),
            person: Some(RecordId(person.get_untracked())).filter(RecordId::is_valid),
            outcome: outcome.get_untracked(),
            topics: topics.get_untracked(),
            remarks: remarks.get_untracked(),
            satisfaction: satisfaction.get_untracked(),
        };
        let area = form.unit.as_ref().and_then(|u| {
            ui.snap.with_untracked(|s| {
                let b = s.state.record(&Kind::new(kind::UNIT), u)?.reference(field::BUILDING)?;
                s.state.record(&Kind::new(kind::BUILDING), &b)?.reference(field::AREA)
            })
        });
        let plan = area
            .and_then(|a| facts.with_untracked(|f| plan_for(f, &a, actor.at, utc_offset_min())));
        let id = RecordId::new_v7();
        match visit_edits(&id, &form, plan.as_ref(), &actor) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => {
                let Some(engine) = ui.engine() else {
                    return save_error.set(Some(Key::SaveFailed));
                };
                error.set(None);
                saving.set(true);
                let photos: Vec<web_sys::File> =
                    files.with_untracked(|f| f.iter().map(|(f, _)| f.clone()).collect());
                let navigate = navigate.clone();
                leptos::task::spawn_local(async move {
                    if let Err(e) = crate::update::saving(engine.edit(edits)).await {
                        web_sys::console::error_1(&format!("save failed: {e}").into());
                        save_error.set(Some(Key::SaveFailed));
                        return saving.set(false);
                    }
                    ui.sync_now();
                    // The visit is saved; each photo is stored whole before it counts. One
                    // that fails is taken again on the visit's page.
                    let failed = save_all(&ui, PhotoParent::Visit, &id, photos).await;
                    ui.sync_now();
                    let path = format!("/visit/{id}");
                    photo_notice::carry(&ui, failed, &path);
                    navigate(&path, Default::default());
                });
            }
        }
    };
    let contacted = move || outcome.get() == Some(VisitOutcome::Contacted);
    view! {
        <form id="visit-form" class="visit-form card" data-unit=unit.map(|u| u.0).unwrap_or_default() on:submit=save novalidate>
            <PageHeading>{move || vw(Vw::VisitTitle, lang())}</PageHeading>
            <p class="visit-household">
                {move || vw(Vw::Household, lang())}": "
                <strong translate="no">{move || detail.with(|d| d.as_ref().map(|d| format!("{} {}", d.building, d.number)).unwrap_or_default())}</strong>
            </p>
            <label for="visit-outcome">{move || vw(Vw::Outcome, lang())}</label>
            <select id="visit-outcome" on:change=move |ev| outcome.set(VisitOutcome::parse(&event_target_value(&ev)))>
                <option value="">"—"</option>
                {VisitOutcome::ALL.iter().map(|&o| view! {
                    <option value=o.as_str()>{move || visit_outcome_label(o, lang())}</option>
                }).collect_view()}
            </select>
            <Show when=contacted>
                <label for="visit-person">{move || vw(Vw::MetPerson, lang())}</label>
                <select id="visit-person" on:change=move |ev| person.set(event_target_value(&ev))>
                    <option value="">{move || vw(Vw::Nobody, lang())}</option>
                    {move || detail.with(|d| d.as_ref().map(|d| d.current.clone()).unwrap_or_default()).into_iter().map(|o| view! {
                        <option value=o.person_id.0.clone() selected=person.get_untracked() == o.person_id.0 translate="no">{o.name}</option>
                    }).collect_view()}
                </select>
                <label for="visit-satisfaction">{move || vw(Vw::Satisfaction, lang())}</label>
                <select id="visit-satisfaction" on:change=move |ev| satisfaction.set(Satisfaction::parse(&event_target_value(&ev)))>
                    <option value="">"—"</option>
                    {Satisfaction::ALL.iter().map(|&s| view! {
                        <option value=s.as_str()>{move || satisfaction_label(s, lang())}</option>
                    }).collect_view()}
                </select>
            </Show>
            <fieldset id="visit-topics" class="visit-topics">
                <legend>{move || vw(Vw::Topics, lang())}</legend>
                {VisitTopic::ALL.iter().map(|&t| {
                    let on = move || topics.with(|l| l.contains(&t));
                    view! {
                        <button type="button" class="visit-topic toggle" class:on=on data-topic=t.as_str()
                            aria-pressed=move || on().to_string()
                            on:click=move |_| topics.update(|l| if let Some(i) = l.iter().position(|x| *x == t) { l.remove(i); } else { l.push(t); })>
                            {move || visit_topic_label(t, lang())}
                        </button>
                    }
                }).collect_view()}
            </fieldset>
            <label for="visit-remarks">{move || vw(Vw::Remarks, lang())}</label>
            <textarea id="visit-remarks" rows="4" on:input=move |ev| remarks.set(event_target_value(&ev))></textarea>
            <label class="photo-attach" for="visit-photo-input">{move || ui.t(Key::PhotoAttach)}</label>
            <input id="visit-photo-input" type="file" accept="image/*" capture="environment" multiple on:change=choose_photos />
            <span id="visit-photos" class="comment-photos-pending" data-count=move || photo_count().to_string()>
                {move || (photo_count() > 0).then(|| format!("{} {}", photo_count(), ui.t(Key::PhotosToSave)))}
            </span>
            <ul class="photo-list pending-photos">
                {move || files.with(|f| f.iter().map(|(_, url)| view! {
                    <li><img class="photo-thumb pending" src=url.clone() alt=move || ui.t(Key::Photos) /></li>
                }).collect_view())}
            </ul>
            <p id="visit-error" class="error" role="alert">
                {move || error.get().map(|e| visit_error_text(e, lang()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
            <div class="actions thumb-bar">
                <button id="visit-save" class="primary" type="submit" disabled=move || saving.get()>{move || vw(Vw::SaveVisit, lang())}</button>
                <a class="button" href="/visits">{move || vw(Vw::Cancel, lang())}</a>
            </div>
        </form>
    }
}
