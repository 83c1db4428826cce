//! The chase form of a unit's arrears page: which arrears, how (call, visit, notice), the
//! result, the promised date, a note; for a notice the owner's signature drawn on the
//! tablet, or "signed on paper" (its photo is then taken on the saved chase, in the log).
//! Saved offline as one edit (`model::arrears_form::chase_edits`).

use super::signature::SignaturePad;
use crate::context::use_ui;
use crate::i18n::arrears_words::{chase_error, fee_label, method_label, result_label, W};
use crate::i18n::Key;
use crate::model::arrears::ArrearsRow;
use crate::model::arrears_form::{chase_edits, ChaseError, ChaseForm};
use crate::model::reports::parse_date;
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::arrears::{ChaseMethod, ChaseResult, Stage};
use shared::RecordId;

/// The form, over the unit's arrears `rows`.
#[component]
pub fn ChaseFormPanel(rows: Memo<Vec<ArrearsRow>>) -> impl IntoView {
    let ui = use_ui();
    let w = move |k: W| k.text(ui.lang.get());
    // The first unpaid arrears unless the user picks another.
    let picked = RwSignal::new(String::new());
    let target = move || {
        let p = picked.get();
        rows.with(|r| {
            r.iter()
                .find(|r| r.id.0 == p)
                .or_else(|| r.iter().find(|r| r.stage != Stage::Paid))
                .or(r.first())
                .map(|r| r.id.clone())
        })
    };
    let method = RwSignal::new(None::<ChaseMethod>);
    let result = RwSignal::new(None::<ChaseResult>);
    let promised = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let signature = RwSignal::new(String::new());
    let paper = RwSignal::new(false);
    let invalid = RwSignal::new(None::<ChaseError>);
    let save_error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    let save = move |_| {
        let (Some(arrears), Some(actor)) = (target(), ui.actor()) else { return };
        let form = ChaseForm {
            method: method.get_untracked(),
            result: result.get_untracked(),
            promised_at: parse_date(&promised.get_untracked(), utc_offset_min()),
            note: note.get_untracked(),
            signature: signature.get_untracked(),
            paper: paper.get_untracked(),
        };
        saved.set(false);
        match chase_edits(&arrears, &RecordId::new_v7(), &form, &actor) {
            Err(e) => invalid.set(Some(e)),
            Ok(edits) => {
                invalid.set(None);
                ui.save(edits, save_error, move || {
                    method.set(None);
                    result.set(None);
                    promised.set(String::new());
                    note.set(String::new());
                    signature.set(String::new());
                    paper.set(false);
                    saved.set(true);
                });
            }
        }
    };
    let is_notice = move || method.get() == Some(ChaseMethod::Notice);
    view! {
        <section id="chase-form" class="chase-form card">
            <h2>{move || w(W::LogChase)}</h2>
            <label for="chase-arrears">{move || w(W::Fee)}</label>
            <select id="chase-arrears" on:change=move |ev| picked.set(event_target_value(&ev))>
                <For
                    each=move || rows.get()
                    key=|r| r.id.clone()
                    children=move |r| {
                        let id = r.id.clone();
                        let selected = move || target().as_ref() == Some(&id);
                        view! {
                            <option value=r.id.0.clone() selected=selected>
                                {move || r.fee.map(|f| fee_label(f, ui.lang.get())).unwrap_or_default()} " " {r.period.clone()}
                            </option>
                        }
                    }
                />
            </select>
            <label for="chase-method">{move || w(W::Method)}</label>
            <select id="chase-method" on:change=move |ev| method.set(ChaseMethod::parse(&event_target_value(&ev)))>
                <option value="" selected=move || method.get().is_none()>{move || w(W::Choose)}</option>
                {ChaseMethod::ALL.iter().map(|&m| view! {
                    <option value=m.as_str() selected=move || method.get() == Some(m)>{move || method_label(m, ui.lang.get())}</option>
                }).collect_view()}
            </select>
            <label for="chase-result">{move || w(W::Result)}</label>
            <select id="chase-result" on:change=move |ev| result.set(ChaseResult::parse(&event_target_value(&ev)))>
                <option value="" selected=move || result.get().is_none()>{move || w(W::Choose)}</option>
                {ChaseResult::ALL.iter().map(|&r| view! {
                    <option value=r.as_str() selected=move || result.get() == Some(r)>{move || result_label(r, ui.lang.get())}</option>
                }).collect_view()}
            </select>
            <Show when=move || result.get() == Some(ChaseResult::Promised)>
                <label for="chase-promised">{move || w(W::PromisedDate)}</label>
                <input id="chase-promised" type="date" bind:value=promised />
            </Show>
            <label for="chase-note">{move || w(W::Note)}</label>
            <textarea id="chase-note" bind:value=note></textarea>
            <Show when=is_notice>
                <div class="chase-signature">
                    <h2 class="sub">{move || w(W::Signature)}</h2>
                    <SignaturePad path=signature />
                    <label class="check">
                        <input id="chase-paper" type="checkbox" bind:checked=paper />
                        " " {move || w(W::Paper)}
                    </label>
                </div>
            </Show>
            <button id="chase-save" class="primary" type="button" on:click=save>{move || w(W::Save)}</button>
            <p id="chase-error" class="error" role="alert">
                {move || invalid.get().map(|e| chase_error(e, ui.lang.get()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
            <Show when=move || saved.get()>
                <p id="chase-saved" class="saved" role="status">{move || w(W::Saved)}</p>
            </Show>
        </section>
    }
}
