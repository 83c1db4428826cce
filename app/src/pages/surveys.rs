//! `/surveys` (满意度调查): the surveys the replica holds — a butler's area, every area for
//! the office and supervisors — under way first, each with its returned questionnaires,
//! coverage and return rate, a link to its sample and to its results. Office staff and
//! supervisors start a round with "new survey" (`/surveys/new`). All computed on the device
//! from the replica, offline (`model::survey`, `shared::survey`).
//!
//! DOM: `#surveys`, `a#survey-new` (office), `#survey-list` with
//! `li.survey[data-id][data-current]`, each with `a.survey-open` and `a.survey-results`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{sw, Sw};
use crate::model::deadlines::settings;
use crate::model::survey::{may_create, pct_text, survey_rows};
use crate::pages::visits::revision;
use crate::platform::utc_offset_min;
use crate::register::form::ms_to_date;
use leptos::prelude::*;
use shared::survey::facts::SurveyFacts;

/// The survey facts of the replica at the server-corrected time, once per change of its
/// records.
pub fn survey_facts() -> Memo<SurveyFacts> {
    let ui = use_ui();
    let rev = revision();
    Memo::new(move |_| {
        // Read, not just tracked: a memo never read has no sources and never moves.
        rev.with(|_| ());
        ui.snap.with_untracked(|s| SurveyFacts::of(&s.state, ui.now()))
    })
}

/// A survey's period as `2026-10-01 – 2026-12-31`.
pub fn period_text(start: Option<i64>, end: Option<i64>) -> String {
    let d = |t: Option<i64>| t.map(|t| ms_to_date(t, utc_offset_min())).unwrap_or_default();
    format!("{} – {}", d(start), d(end))
}

#[component]
pub fn SurveysPage() -> impl IntoView {
    let ui = use_ui();
    let facts = survey_facts();
    let rows = Memo::new(move |_| {
        let now = ui.now();
        facts.with(|f| {
            ui.snap.with_untracked(|s| survey_rows(&s.state, f, now, &settings(&s.state)))
        })
    });
    let lang = move || ui.lang.get();
    let creator = move || ui.role().is_some_and(may_create);
    view! {
        <section id="surveys" class="surveys">
            <PageHeading>{move || sw(Sw::Title, lang())}</PageHeading>
            <Show when=creator>
                <p class="actions"><a id="survey-new" class="button primary" href="/surveys/new">{move || sw(Sw::NewSurvey, lang())}</a></p>
            </Show>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="empty">{move || sw(Sw::NoSurvey, lang())}</p>
            </Show>
            <ul id="survey-list" class="survey-list cards">
                {move || rows.get().into_iter().map(|r| {
                    let id = r.survey.id.0.clone();
                    let res = r.results.clone();
                    view! {
                        <li class="survey card" data-id=id.clone() data-current=r.current.to_string()>
                            <h2><a class="survey-open" translate="no" href=format!("/surveys/{id}")>{r.survey.name.clone()}</a></h2>
                            <p class="survey-meta">
                                <span translate="no">{r.area.clone()}</span>" · "
                                {period_text(r.survey.start, r.survey.end)}
                                {r.current.then(|| view! { " · "<strong>{move || sw(Sw::UnderWay, lang())}</strong> })}
                            </p>
                            <dl class="survey-figures">
                                <dt>{move || sw(Sw::Returned, lang())}</dt><dd>{format!("{}/{}", res.returned, res.handed_out)}</dd>
                                <dt>{move || sw(Sw::Coverage, lang())}</dt><dd>{pct_text(res.coverage_permille())}</dd>
                                <dt>{move || sw(Sw::ReturnRate, lang())}</dt><dd>{pct_text(res.return_permille())}</dd>
                                <dt>{move || sw(Sw::Adjusted, lang())}</dt><dd>{pct_text(res.adjusted_permille())}</dd>
                            </dl>
                            <p class="actions">
                                <a class="button" href=format!("/surveys/{id}")>{move || sw(Sw::Sample, lang())}</a>
                                <a class="button survey-results" href=format!("/surveys/{id}/results")>{move || sw(Sw::Results, lang())}</a>
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
