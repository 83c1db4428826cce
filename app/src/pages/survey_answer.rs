//! `/surveys/:id/answer/:unit`: the questionnaire of one household (业主意见调查表), on the
//! tablet door to door or by phone, or typed in by the office from paper (method "paper",
//! the office's default) — how it went, who answered, one score per topic of the survey,
//! the comments — saved offline as one edit whose id is derived from (survey, unit), so a
//! retry or a second device never doubles it (`model::survey_form::answer_edits`). A saved
//! answer is shown again for correction. The scores stay on screen whatever the outcome
//! (dimmed until "answered"); only an answered questionnaire's scores are saved.
//!
//! DOM: `#survey-answer[data-survey][data-unit]`, `select#survey-method`,
//! `select#survey-outcome`, `select#survey-person`, `select#score-<topic>` (options:
//! satisfied, neutral, dissatisfied), `#survey-comment`, `button#survey-save`,
//! `#survey-error`, `#survey-not-sampled` (the household is not in the sample).

use super::surveys::survey_facts;
use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{
    satisfaction_label, survey_error_text, survey_method_label, survey_outcome_label,
    survey_topic_label, sw, Key, Sw,
};
use crate::model::survey_form::{answer_edits, AnswerForm, SurveyError};
use crate::platform::now_ms;
use crate::register::unit::unit_detail;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::request::Satisfaction;
use shared::survey::{answer_id, SurveyMethod, SurveyOutcome, SurveyTopic};
use shared::{RecordId, Role};

#[component]
pub fn SurveyAnswerPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let params = use_params_map();
    let get = move |k: &str| RecordId(params.with_untracked(|p| p.get(k).unwrap_or_default()));
    let (survey_id, unit) = (get("id"), get(shared::names::field::UNIT));
    let facts = survey_facts();
    let sid = survey_id.clone();
    let survey = Memo::new(move |_| facts.with(|f| f.survey(&sid).cloned()));
    let topics = Memo::new(move |_| {
        survey.with(|s| s.as_ref().map(|s| s.topics.clone()).unwrap_or_default())
    });
    let su = unit.clone();
    let sampled = Memo::new(move |_| {
        survey.with(|s| {
            let Some(s) = s else { return true };
            facts.with(|f| f.sample_of(s).iter().any(|e| e.unit == su))
        })
    });
    let u = unit.clone();
    let detail = Memo::new(move |_| {
        ui.snap.with(|s| unit_detail(&s.state, &s.pending_ids, &u, now_ms() as i64))
    });
    // A saved answer is shown again.
    let aid = answer_id(&survey_id, &unit);
    let before = facts.with_untracked(|f| f.answers.iter().find(|a| a.id == aid).cloned());
    let office = ui.is_office() || ui.role() == Some(Role::Supervisor);
    let default_method = if office { SurveyMethod::Paper } else { SurveyMethod::Door };
    let method = RwSignal::new(before.as_ref().and_then(|a| a.method).or(Some(default_method)));
    let outcome = RwSignal::new(before.as_ref().and_then(|a| a.outcome));
    let person = RwSignal::new(
        before.as_ref().and_then(|a| a.person.clone()).map(|p| p.0).unwrap_or_default(),
    );
    let scores = RwSignal::new(before.as_ref().map(|a| a.scores.clone()).unwrap_or_default());
    let comment = RwSignal::new(before.as_ref().map(|a| a.comment.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<SurveyError>);
    let save_error = RwSignal::new(None::<Key>);
    let lang = move || ui.lang.get();
    let back = format!("/surveys/{}", survey_id.0);
    let (sid, uid, back2) = (survey_id.clone(), unit.clone(), back.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(actor) = ui.actor() else { return };
        let form = AnswerForm {
            method: method.get_untracked(),
            outcome: outcome.get_untracked(),
            person: Some(RecordId(person.get_untracked())).filter(RecordId::is_valid),
            scores: scores.get_untracked(),
            comment: comment.get_untracked(),
        };
        let ts = topics.get_untracked();
        match answer_edits(&sid, &uid, &ts, &form, &actor) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => {
                error.set(None);
                let (navigate, to) = (navigate.clone(), back2.clone());
                ui.save(edits, save_error, move || navigate(&to, Default::default()));
            }
        }
    };
    let answered = move || outcome.get() == Some(SurveyOutcome::Answered);
    let score_of = move |t: SurveyTopic| {
        scores.with(|l| l.iter().find(|(x, _)| *x == t).map(|(_, s)| s.as_str()).unwrap_or(""))
    };
    let set_score = move |t: SurveyTopic, v: String| {
        scores.update(|l| {
            l.retain(|(x, _)| *x != t);
            if let Some(s) = Satisfaction::parse(&v) {
                l.push((t, s));
            }
        })
    };
    view! {
        <form id="survey-answer" class="survey-form card" data-survey=survey_id.0.clone() data-unit=unit.0.clone() on:submit=save novalidate>
            <PageHeading><span translate="no">{move || survey.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default())}</span></PageHeading>
            <p class="survey-household">
                {move || sw(Sw::Household, lang())}": "
                <strong translate="no">{move || detail.with(|d| d.as_ref().map(|d| format!("{} {}", d.building, d.number)).unwrap_or_default())}</strong>
            </p>
            <Show when=move || !sampled.get()>
                <p id="survey-not-sampled" class="notice">{move || sw(Sw::NotInSample, lang())}</p>
            </Show>
            <label for="survey-method">{move || sw(Sw::Method, lang())}</label>
            <select id="survey-method" on:change=move |ev| method.set(SurveyMethod::parse(&event_target_value(&ev)))>
                {SurveyMethod::ALL.iter().map(|&m| view! {
                    <option value=m.as_str() selected=method.get_untracked() == Some(m)>{move || survey_method_label(m, lang())}</option>
                }).collect_view()}
            </select>
            <label for="survey-outcome">{move || sw(Sw::Outcome, lang())}</label>
            <select id="survey-outcome" on:change=move |ev| outcome.set(SurveyOutcome::parse(&event_target_value(&ev)))>
                <option value="">"—"</option>
                {SurveyOutcome::ALL.iter().map(|&o| view! {
                    <option value=o.as_str() selected=outcome.get_untracked() == Some(o)>{move || survey_outcome_label(o, lang())}</option>
                }).collect_view()}
            </select>
            <div class="survey-scores" class:muted=move || !answered()>
                <label for="survey-person">{move || sw(Sw::Person, lang())}</label>
                <select id="survey-person" on:change=move |ev| person.set(event_target_value(&ev))>
                    <option value="">{move || sw(Sw::Nobody, lang())}</option>
                    {move || detail.with(|d| d.as_ref().map(|d| d.current.clone()).unwrap_or_default()).into_iter().map(|o| view! {
                        <option value=o.person_id.0.clone() selected=person.get_untracked() == o.person_id.0 translate="no">{o.name}</option>
                    }).collect_view()}
                </select>
                {move || topics.get().into_iter().map(|t| {
                    let id = format!("score-{}", t.as_str());
                    view! {
                        <label for=id.clone()>{move || survey_topic_label(t, lang())}</label>
                        <select id=id class="survey-score" data-topic=t.as_str() on:change=move |ev| set_score(t, event_target_value(&ev))>
                            <option value="">"—"</option>
                            {Satisfaction::ALL.iter().map(|&s| view! {
                                <option value=s.as_str() selected=move || score_of(t) == s.as_str()>{move || satisfaction_label(s, lang())}</option>
                            }).collect_view()}
                        </select>
                    }
                }).collect_view()}
            </div>
            <label for="survey-comment">{move || sw(Sw::Comment, lang())}</label>
            <textarea id="survey-comment" rows="3" prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
            <p id="survey-error" class="error" role="alert">
                {move || error.get().map(|e| survey_error_text(e, lang()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
            <div class="actions">
                <button id="survey-save" class="primary" type="submit">{move || sw(Sw::SaveAnswer, lang())}</button>
                <a class="button" href=back>{move || sw(Sw::Cancel, lang())}</a>
            </div>
        </form>
    }
}
