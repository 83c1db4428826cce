//! The call-back (回访) panel on a request's detail page: earlier attempts, and — once the
//! work is done — the form that records one. Saving writes the attempt, its event and the
//! status move in one edit ([`followup::callback_edits`]): 不满意 reopens the request.

use crate::context::use_ui;
use crate::i18n::{callback_result_label, satisfaction_label, Key};
use crate::model::followup::{self, CallbackError, CallbackForm};
use crate::model::{self, deadlines};
use crate::platform::format_time;
use leptos::prelude::*;
use shared::request::{CallbackResult, RequestStatus, Satisfaction};
use shared::RecordId;

fn error_key(e: CallbackError) -> Key {
    match e {
        CallbackError::NotOffered => Key::CbNotYet,
        CallbackError::SatisfactionRequired => Key::CbSatisfactionRequired,
        CallbackError::NotAllowed => Key::CbNotAllowed,
    }
}

/// Call-back attempts of request `id` and the form that records one.
#[component]
pub fn CallbackPanel(id: RecordId) -> impl IntoView {
    let ui = use_ui();
    let rid = StoredValue::new(id.clone());
    // The status, and the call-back's due time while it waits for one.
    let state = Memo::new(move |_| {
        ui.snap.with(|s| {
            let r = rid.with_value(|id| model::request(&s.state, &s.pending_ids, id))?;
            let due = r.done_at.map(|d| deadlines::settings(&s.state).callback_due(d));
            Some((r.status, due))
        })
    });
    let status = move || state.with(|s| s.map(|s| s.0));
    let attempts = Memo::new(move |_| {
        ui.snap.with(|s| rid.with_value(|id| followup::callbacks(&s.state, id)))
    });
    let result = RwSignal::new(CallbackResult::Reached);
    let satisfaction = RwSignal::new(None::<Satisfaction>);
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let save = move |_| {
        let (Some(now), Some(actor)) = (status(), ui.actor()) else { return };
        let form = CallbackForm {
            result: result.get_untracked(),
            satisfaction: satisfaction.get_untracked(),
            comment: comment.get_untracked(),
        };
        match followup::callback_edits(&rid.get_value(), now, &form, &actor) {
            Err(e) => error.set(Some(error_key(e))),
            Ok(edits) => ui.save(edits, error, move || {
                comment.set(String::new());
                satisfaction.set(None);
            }),
        }
    };
    let relevant = move || {
        status().is_some_and(RequestStatus::is_finished) || attempts.with(|a| !a.is_empty())
    };
    // Never to the department that did the work: the server's writer rules decide.
    let offered =
        move || status().is_some_and(|s| ui.role().is_some_and(|r| model::offers::callback(r, s)));
    view! {
        <Show when=relevant>
            <section id="callback" class="callback card">
                <h2 class="sub">{move || ui.t(Key::CbTitle)}</h2>
                <Show when=move || status() == Some(RequestStatus::Done)>
                    <p class="callback-due">
                        {move || ui.t(Key::CbDue)} " "
                        {move || state.with(|s| s.and_then(|s| s.1)).map(|d| format_time(d as u64))}
                    </p>
                </Show>
                <ul class="callback-attempts">
                    <For
                        each=move || attempts.get()
                        key=|a| a.id.clone()
                        children=move |a| {
                            let (r, sat) = (a.result, a.satisfaction);
                            view! {
                                <li
                                    class="callback-attempt"
                                    data-result=r.map(|r| r.as_str()).unwrap_or_default()
                                    data-satisfaction=sat.map(|s| s.as_str()).unwrap_or_default()
                                >
                                    <span class="when">{a.at.map(|t| format_time(t as u64))}</span>
                                    <span class="result">{move || r.map(|r| callback_result_label(r, ui.lang.get()))}</span>
                                    <span class="satisfaction">{move || sat.map(|s| satisfaction_label(s, ui.lang.get()))}</span>
                                    <span class="comment">{a.comment.clone()}</span>
                                </li>
                            }
                        }
                    />
                </ul>
                <Show when=move || attempts.with(Vec::is_empty)>
                    <p class="empty">{move || ui.t(Key::CbNone)}</p>
                </Show>
                <Show when=offered>
                    <div class="callback-form">
                        <label for="callback-result">{move || ui.t(Key::CbResult)}</label>
                        <select
                            id="callback-result"
                            on:change=move |ev| {
                                if let Some(r) = CallbackResult::parse(&event_target_value(&ev)) {
                                    result.set(r);
                                }
                            }
                        >
                            {CallbackResult::ALL.iter().map(|&r| view! {
                                <option value=r.as_str() selected=move || result.get() == r>
                                    {move || callback_result_label(r, ui.lang.get())}
                                </option>
                            }).collect_view()}
                        </select>
                        <Show when=move || result.get() == CallbackResult::Reached>
                            <label for="callback-satisfaction">{move || ui.t(Key::CbSatisfaction)}</label>
                            <select
                                id="callback-satisfaction"
                                on:change=move |ev| satisfaction.set(Satisfaction::parse(&event_target_value(&ev)))
                            >
                                <option value="" selected=move || satisfaction.get().is_none()>"—"</option>
                                {Satisfaction::ALL.iter().map(|&s| view! {
                                    <option value=s.as_str() selected=move || satisfaction.get() == Some(s)>
                                        {move || satisfaction_label(s, ui.lang.get())}
                                    </option>
                                }).collect_view()}
                            </select>
                        </Show>
                        <label for="callback-comment">{move || ui.t(Key::CbComment)}</label>
                        <textarea id="callback-comment" rows="2" bind:value=comment></textarea>
                        <button id="callback-save" on:click=save>{move || ui.t(Key::CbSave)}</button>
                    </div>
                </Show>
                <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
            </section>
        </Show>
    }
}
