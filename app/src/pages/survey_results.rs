//! `/surveys/:id/results`: the results of a survey (业主意见分析表), printable (the
//! `.report.printable` styles) — coverage of the sample, questionnaires handed out and
//! returned, the return rate against its target, the satisfaction rate raw and adjusted by
//! the documents' rule (each full 5 points of return short of target: 1 point off), by topic
//! against the area's previous survey, and every area of the same round; XLSX of the results
//! and of the answers (`model::survey_xlsx`).
//!
//! DOM: `#survey-results-page[data-id]`, `#survey-coverage`, `#survey-returned` (digits),
//! `#survey-handed`, `#survey-return-rate`, `#survey-raw`, `#survey-adjusted`,
//! `#survey-penalty`, `table#survey-results` with `tr[data-topic]` holding `td.scored`,
//! `td.satisfied-pct`, `td.previous-pct`, `td.change`; `table#survey-areas` with
//! `tr[data-area]`; `#survey-print`, `#survey-export-results`, `#survey-export-answers`.

use super::surveys::{period_text, survey_facts};
use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{survey_topic_label, sw, Sw};
use crate::model::deadlines::settings;
use crate::model::survey::{delta_text, pct_text, results_view, sample_rows};
use crate::model::survey_xlsx::{answers_workbook, results_workbook, AnswerLine};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::RecordId;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let ui = use_ui();
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let facts = survey_facts();
    let view_model = Memo::new(move |_| {
        facts.with(|f| {
            let s = f.survey(&id.get())?.clone();
            ui.snap.with_untracked(|st| Some(results_view(&st.state, f, &s, &settings(&st.state))))
        })
    });
    let lang = move || ui.lang.get();
    let error = RwSignal::new(None::<String>);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let export_results = move |_| {
        let l = ui.lang.get_untracked();
        let Some(v) = view_model.get_untracked() else { return };
        let saved = results_workbook(&v, l).and_then(|b| {
            crate::platform::download_bytes(&format!("{}.xlsx", sw(Sw::Results, l)), &b, XLSX_MIME)
        });
        error.set(saved.err());
    };
    let export_answers = move |_| {
        let l = ui.lang.get_untracked();
        let Some(v) = view_model.get_untracked() else { return };
        let s = v.this.survey.clone();
        let bytes = facts.with_untracked(|f| {
            let rows = ui.snap.with_untracked(|st| sample_rows(&st.state, f, &s, ui.now()));
            let answers = f.answers_of(&s.id);
            let lines: Vec<AnswerLine> = answers
                .iter()
                .map(|a| {
                    let r = rows.iter().find(|r| r.unit == a.unit);
                    AnswerLine {
                        building: r.map(|r| r.building.clone()).unwrap_or_default(),
                        number: r.map(|r| r.number.clone()).unwrap_or_default(),
                        answer: a,
                    }
                })
                .collect();
            answers_workbook(&lines, &s.topics, l, utc_offset_min())
        });
        let saved = bytes.and_then(|b| {
            crate::platform::download_bytes(&format!("{}.xlsx", sw(Sw::Title, l)), &b, XLSX_MIME)
        });
        error.set(saved.err());
    };
    view! {
        <section id="survey-results-page" class="report printable survey-results" data-id=move || id.get().0>
            {move || view_model.get().map(|v| {
                let r = v.this.now.clone();
                let p = v.this.previous.clone();
                let title = format!("{} · {}", v.this.survey.name, v.this.area);
                view! {
                    <PageHeading><span translate="no">{title}</span></PageHeading>
                    <p class="survey-meta">{period_text(v.this.survey.start, v.this.survey.end)}</p>
                    <dl class="report-head survey-figures">
                        <dt>{sw(Sw::Coverage, lang())}</dt>
                        <dd id="survey-coverage" data-permille=r.coverage_permille().map(|x| x.to_string()).unwrap_or_default()>
                            {pct_text(r.coverage_permille())}" ("{r.approached}"/"{r.sample}") "
                            {sw(Sw::Target, lang())}" "{r.coverage_target_pct}"%"
                        </dd>
                        <dt>{sw(Sw::HandedOut, lang())}</dt><dd id="survey-handed">{r.handed_out}</dd>
                        <dt>{sw(Sw::Returned, lang())}</dt><dd id="survey-returned">{r.returned}</dd>
                        <dt>{sw(Sw::ReturnRate, lang())}</dt>
                        <dd id="survey-return-rate" data-permille=r.return_permille().map(|x| x.to_string()).unwrap_or_default()>
                            {pct_text(r.return_permille())}" "{sw(Sw::Target, lang())}" "{r.return_target_pct}"%"
                        </dd>
                        <dt>{sw(Sw::Raw, lang())}</dt><dd id="survey-raw">{pct_text(r.raw_permille())}</dd>
                        <dt>{sw(Sw::Adjusted, lang())}</dt>
                        <dd id="survey-adjusted" data-permille=r.adjusted_permille().map(|x| x.to_string()).unwrap_or_default()>
                            {pct_text(r.adjusted_permille())}
                        </dd>
                        <dt>{sw(Sw::Penalty, lang())}</dt><dd id="survey-penalty">{match r.penalty_points() { 0 => format!("0 {}", sw(Sw::Points, lang())), p => format!("-{p} {}", sw(Sw::Points, lang())) }}</dd>
                    </dl>
                    <h2>{sw(Sw::ByTopic, lang())}</h2>
                    <table id="survey-results" class="report-table">
                        <thead><tr>
                            <th scope="col">{sw(Sw::Topic, lang())}</th>
                            <th scope="col">{sw(Sw::Scored, lang())}</th>
                            <th scope="col">{sw(Sw::Satisfied, lang())}</th>
                            <th scope="col">{sw(Sw::Satisfaction, lang())}</th>
                            <th scope="col">{sw(Sw::LastQuarter, lang())}</th>
                            <th scope="col">{sw(Sw::Change, lang())}</th>
                        </tr></thead>
                        <tbody>
                            {r.topics.iter().map(|t| {
                                let before = p.as_ref().and_then(|p| p.topic(t.topic).permille());
                                view! {
                                    <tr data-topic=t.topic.as_str()>
                                        <th scope="row">{survey_topic_label(t.topic, lang())}</th>
                                        <td class="scored">{t.scored}</td>
                                        <td class="satisfied">{t.satisfied}</td>
                                        <td class="satisfied-pct">{pct_text(t.permille())}</td>
                                        <td class="previous-pct">{pct_text(before)}</td>
                                        <td class="change">{delta_text(t.permille(), before)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    {p.is_none().then(|| view! { <p class="notice">{sw(Sw::NoPrevious, lang())}</p> })}
                    <h2>{sw(Sw::ByArea, lang())}</h2>
                    <table id="survey-areas" class="report-table">
                        <thead><tr>
                            <th scope="col">{sw(Sw::Area, lang())}</th>
                            <th scope="col">{sw(Sw::Coverage, lang())}</th>
                            <th scope="col">{sw(Sw::ReturnRate, lang())}</th>
                            <th scope="col">{sw(Sw::Raw, lang())}</th>
                            <th scope="col">{sw(Sw::Adjusted, lang())}</th>
                            <th scope="col">{sw(Sw::LastQuarter, lang())}</th>
                            <th scope="col">{sw(Sw::Change, lang())}</th>
                        </tr></thead>
                        <tbody>
                            {v.areas.iter().map(|a| {
                                let before = a.previous.as_ref().and_then(|p| p.adjusted_permille());
                                view! {
                                    <tr data-area=a.survey.area.as_ref().map(|x| x.0.clone()).unwrap_or_default()>
                                        <th scope="row" translate="no"><a href=format!("/surveys/{}/results", a.survey.id.0)>{a.area.clone()}</a></th>
                                        <td>{pct_text(a.now.coverage_permille())}</td>
                                        <td>{pct_text(a.now.return_permille())}</td>
                                        <td>{pct_text(a.now.raw_permille())}</td>
                                        <td>{pct_text(a.now.adjusted_permille())}</td>
                                        <td>{pct_text(before)}</td>
                                        <td>{delta_text(a.now.adjusted_permille(), before)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
            <p class="actions no-print">
                <button id="survey-print" type="button" on:click=print>{move || sw(Sw::Print, lang())}</button>
                <button id="survey-export-results" type="button" on:click=export_results>{move || sw(Sw::ExportResults, lang())}</button>
                <button id="survey-export-answers" type="button" on:click=export_answers>{move || sw(Sw::ExportAnswers, lang())}</button>
                <a class="button" href=move || format!("/surveys/{}", id.get().0)>{move || sw(Sw::Sample, lang())}</a>
            </p>
            <p class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}
