//! The reports' survey panel (issue 25 point 1): the surveys whose period meets the period
//! chosen on `/reports` — per area its coverage, return rate and adjusted satisfaction
//! against the area's previous survey — each linking to its results. A butler sees their
//! area's (what the replica holds).
//!
//! DOM: `#survey-report`, `tr.survey-line[data-id]`.

use super::surveys::survey_facts;
use crate::context::use_ui;
use crate::i18n::{sw, Sw};
use crate::model::deadlines::settings;
use crate::model::survey::{delta_text, pct_text, survey_rows};
use leptos::prelude::*;
use shared::report::period::DAY_MS;
use shared::report::Period;

/// The panel of `period`; nothing when no survey meets it.
#[component]
pub fn SurveyPanel(period: Signal<Period>) -> impl IntoView {
    let ui = use_ui();
    let facts = survey_facts();
    let lines = Memo::new(move |_| {
        let p = period.get();
        let now = ui.now();
        facts.with(|f| {
            ui.snap.with_untracked(|s| {
                let set = settings(&s.state);
                survey_rows(&s.state, f, now, &set)
                    .into_iter()
                    .filter(|r| {
                        r.survey.start.is_some_and(|st| st < p.end)
                            && r.survey.end.is_some_and(|e| e + DAY_MS > p.start)
                    })
                    .map(|r| {
                        let before = f.previous(&r.survey).map(|x| f.results_of(x, &set));
                        (r, before.and_then(|b| b.adjusted_permille()))
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let lang = move || ui.lang.get();
    view! {
        <Show when=move || lines.with(|l| !l.is_empty())>
            <section id="survey-report" class="report-panel">
                <h2>{move || sw(Sw::Title, lang())}</h2>
                <table class="report-table">
                    <thead><tr>
                        <th scope="col">{move || sw(Sw::Area, lang())}</th>
                        <th scope="col">{move || sw(Sw::Coverage, lang())}</th>
                        <th scope="col">{move || sw(Sw::ReturnRate, lang())}</th>
                        <th scope="col">{move || sw(Sw::Adjusted, lang())}</th>
                        <th scope="col">{move || sw(Sw::LastQuarter, lang())}</th>
                        <th scope="col">{move || sw(Sw::Change, lang())}</th>
                    </tr></thead>
                    <tbody>
                        {move || lines.get().into_iter().map(|(r, before)| {
                            let adj = r.results.adjusted_permille();
                            view! {
                                <tr class="survey-line" data-id=r.survey.id.0.clone()>
                                    <th scope="row"><a href=format!("/surveys/{}/results", r.survey.id.0) translate="no">{format!("{} · {}", r.area, r.survey.name)}</a></th>
                                    <td>{pct_text(r.results.coverage_permille())}</td>
                                    <td>{pct_text(r.results.return_permille())}</td>
                                    <td>{pct_text(adj)}</td>
                                    <td>{pct_text(before)}</td>
                                    <td>{delta_text(adj, before)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        </Show>
    }
}
