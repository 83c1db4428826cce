//! `/surveys/new`: the office's "new survey" (新建调查) — name, first and last day (this
//! quarter by default), the areas (all by default: one survey each, sharing name and
//! period), the topics (all by default), office building (return target 90 %) and the
//! random sample's share (blank: every household) — saved offline as one edit
//! (`model::survey_form::new_survey_edits`).
//!
//! DOM: `#survey-new-form`, `input#survey-name`, `#survey-start`, `#survey-end`,
//! `input.survey-area[type=checkbox][value]`, `button.survey-topic[data-topic][aria-pressed]`,
//! `#survey-office`, `#survey-sample-pct`, `button#survey-new-save`, `#survey-new-error`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{survey_error_text, survey_topic_label, sw, Key, Sw};
use crate::model::survey::survey_areas;
use crate::model::survey_form::{new_survey_edits, NewSurveyForm, SurveyError};
use crate::platform::utc_offset_min;
use crate::register::form::ms_to_date;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::report::period::{Period, PeriodKind, DAY_MS};
use shared::survey::SurveyTopic;
use shared::RecordId;

#[component]
pub fn NewSurveyPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let choices = Memo::new(move |_| ui.snap.with(|s| survey_areas(&s.state)));
    let quarter = Period::of(PeriodKind::Quarter, ui.now(), utc_offset_min());
    let name = RwSignal::new(String::new());
    let start = RwSignal::new(ms_to_date(quarter.start, utc_offset_min()));
    let end = RwSignal::new(ms_to_date(quarter.end - DAY_MS, utc_offset_min()));
    // Areas left out (all are in by default).
    let left_out = RwSignal::new(Vec::<RecordId>::new());
    let topics = RwSignal::new(SurveyTopic::ALL.to_vec());
    let office = RwSignal::new(false);
    let pct = RwSignal::new(String::new());
    let error = RwSignal::new(None::<SurveyError>);
    let save_error = RwSignal::new(None::<Key>);
    let lang = move || ui.lang.get();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(actor) = ui.actor() else { return };
        let out = left_out.get_untracked();
        let areas = choices.with_untracked(|c| {
            c.iter().filter(|a| !out.contains(&a.id)).map(|a| a.id.clone()).collect()
        });
        let form = NewSurveyForm {
            areas,
            name: name.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
            topics: topics.get_untracked(),
            office_building: office.get_untracked(),
            sample_pct: pct.get_untracked(),
        };
        match new_survey_edits(&form, &actor, utc_offset_min(), RecordId::new_v7) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => {
                error.set(None);
                let navigate = navigate.clone();
                ui.save(edits, save_error, move || navigate("/surveys", Default::default()));
            }
        }
    };
    let input = |id: &'static str, kind: &'static str, sig: RwSignal<String>| {
        view! { <input id=id type=kind prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev)) /> }
    };
    view! {
        <form id="survey-new-form" class="survey-form card" on:submit=save novalidate>
            <PageHeading>{move || sw(Sw::NewSurvey, lang())}</PageHeading>
            <label for="survey-name">{move || sw(Sw::Name, lang())}</label>
            {input("survey-name", "text", name)}
            <label for="survey-start">{move || sw(Sw::PeriodStart, lang())}</label>
            {input("survey-start", "date", start)}
            <label for="survey-end">{move || sw(Sw::PeriodEnd, lang())}</label>
            {input("survey-end", "date", end)}
            <fieldset id="survey-areas" class="survey-areas">
                <legend>{move || sw(Sw::Areas, lang())}</legend>
                {move || choices.get().into_iter().map(|a| {
                    let id = a.id.clone();
                    let on = { let id = id.clone(); move || left_out.with(|l| !l.contains(&id)) };
                    view! {
                        <label class="check">
                            <input type="checkbox" class="survey-area" value=id.0.clone() prop:checked=on
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    left_out.update(|l| {
                                        l.retain(|x| x != &id);
                                        if !checked { l.push(id.clone()); }
                                    });
                                } />
                            <span translate="no">{a.name}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset id="survey-topics" class="visit-topics">
                <legend>{move || sw(Sw::Topics, lang())}</legend>
                {SurveyTopic::ALL.iter().map(|&t| {
                    let on = move || topics.with(|l| l.contains(&t));
                    view! {
                        <button type="button" class="survey-topic toggle" class:on=on data-topic=t.as_str()
                            aria-pressed=move || on().to_string()
                            on:click=move |_| topics.update(|l| if let Some(i) = l.iter().position(|x| *x == t) { l.remove(i); } else { l.push(t); })>
                            {move || survey_topic_label(t, lang())}
                        </button>
                    }
                }).collect_view()}
            </fieldset>
            <label class="check" for="survey-office">
                <input id="survey-office" type="checkbox" prop:checked=move || office.get() on:change=move |ev| office.set(event_target_checked(&ev)) />
                {move || sw(Sw::OfficeBuilding, lang())}
            </label>
            <label for="survey-sample-pct">{move || sw(Sw::SamplePct, lang())}</label>
            <input id="survey-sample-pct" type="number" min="1" max="100" inputmode="numeric"
                placeholder=move || sw(Sw::SampleHint, lang())
                prop:value=move || pct.get() on:input=move |ev| pct.set(event_target_value(&ev)) />
            <p id="survey-new-error" class="error" role="alert">
                {move || error.get().map(|e| survey_error_text(e, lang()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
            <div class="actions">
                <button id="survey-new-save" class="primary" type="submit">{move || sw(Sw::Save, lang())}</button>
                <a class="button" href="/surveys">{move || sw(Sw::Cancel, lang())}</a>
            </div>
        </form>
    }
}
