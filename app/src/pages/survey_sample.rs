//! `/surveys/:id`: the sample of one survey (抽样住户) — the households of its area to ask,
//! still to ask first and complainants (the second-stage sample) first among them, each
//! with who lives there, how it went and a link to the answer form. The area's butler sees
//! their area's; the office any area's (`model::survey::sample_rows`).
//!
//! DOM: `#survey[data-id]`, `#survey-progress[data-done][data-total]`, `a#survey-results-link`,
//! `#survey-sample` with `li[data-unit][data-done][data-complainant]`, each holding
//! `a.survey-ask` to `/surveys/:id/answer/:unit`.

use super::surveys::{period_text, survey_facts};
use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{survey_method_label, survey_outcome_label, sw, Sw};
use crate::model::survey::sample_rows;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::RecordId;

#[component]
pub fn SurveyPage() -> impl IntoView {
    let ui = use_ui();
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let facts = survey_facts();
    let survey = Memo::new(move |_| facts.with(|f| f.survey(&id.get()).cloned()));
    let rows = Memo::new(move |_| {
        let Some(s) = survey.get() else { return Vec::new() };
        let now = ui.now();
        facts.with(|f| ui.snap.with_untracked(|st| sample_rows(&st.state, f, &s, now)))
    });
    let lang = move || ui.lang.get();
    let done = move || rows.with(|r| r.iter().filter(|r| r.done()).count());
    let total = move || rows.with(Vec::len);
    view! {
        <section id="survey" class="survey-sample" data-id=move || id.get().0>
            <PageHeading><span translate="no">{move || survey.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_else(|| sw(Sw::Title, lang()).into()))}</span></PageHeading>
            <p class="survey-meta">{move || survey.with(|s| s.as_ref().map(|s| period_text(s.start, s.end)).unwrap_or_default())}</p>
            <p id="survey-progress" data-done=move || done().to_string() data-total=move || total().to_string()>
                {move || sw(Sw::Done, lang())}": "{done}" / "{total}
            </p>
            <p class="actions">
                <a id="survey-results-link" class="button" href=move || format!("/surveys/{}/results", id.get().0)>{move || sw(Sw::Results, lang())}</a>
                <a class="button" href="/surveys">{move || sw(Sw::BackToSurveys, lang())}</a>
            </p>
            <h2>{move || sw(Sw::Sample, lang())}</h2>
            <ul id="survey-sample" class="survey-sample-list">
                {move || rows.get().into_iter().map(|r| {
                    let href = format!("/surveys/{}/answer/{}", id.get_untracked().0, r.unit.0);
                    let state = match r.outcome {
                        Some(o) => survey_outcome_label(o, lang()).to_string(),
                        None => sw(Sw::ToAsk, lang()).to_string(),
                    };
                    let method = r.method.map(|m| survey_method_label(m, lang())).unwrap_or("");
                    view! {
                        <li class="survey-household" class:done=r.done() class:complainant=r.complainant
                            data-unit=r.unit.0.clone() data-done=r.done().to_string() data-complainant=r.complainant.to_string()>
                            <a class="survey-ask button" href=href>
                                <strong translate="no">{format!("{} {}", r.building, r.number)}</strong>
                                <span class="people" translate="no">{r.people.clone()}</span>
                                <span class="state">{state}" "{method}</span>
                                {r.complainant.then(|| view! { <span class="badge complainant">{sw(Sw::Complainant, lang())}</span> })}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
