//! Finance's controls on a unit's arrears page (finance is a department; the office may too):
//! "second notice sent" (from then on the butler calls or visits) and "record payment" (the
//! amount paid so far and the day; paid in full settles it). Each shown only to a role the
//! server lets write its fields (`model::arrears_form::offers`).

use crate::context::use_ui;
use crate::i18n::arrears_words::{fee_label, paid_error, W};
use crate::i18n::Key;
use crate::model::arrears::ArrearsRow;
use crate::model::arrears_form::{offers, paid_edits, second_notice_edits, PaidError};
use crate::model::reports::{date_value, parse_date};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::arrears::Stage;

/// The panel, over the unit's arrears `rows`.
#[component]
pub fn FinancePanel(rows: Memo<Vec<ArrearsRow>>) -> impl IntoView {
    let ui = use_ui();
    let w = move |k: W| k.text(ui.lang.get());
    let offered = move || ui.role().map(offers).unwrap_or_default();
    let picked = RwSignal::new(String::new());
    let target = move || {
        let p = picked.get();
        rows.with(|r| {
            r.iter()
                .find(|r| r.id.0 == p)
                .or_else(|| r.iter().find(|r| r.stage != Stage::Paid))
                .or(r.first())
                .cloned()
        })
    };
    let paid = RwSignal::new(String::new());
    let day = RwSignal::new(date_value(ui.now(), utc_offset_min()));
    let invalid = RwSignal::new(None::<PaidError>);
    let save_error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    let mark_paid = move |_| {
        let Some(r) = target() else { return };
        let at = parse_date(&day.get_untracked(), utc_offset_min()).unwrap_or_else(|| ui.now());
        saved.set(false);
        match paid_edits(&r.id, r.amount, &paid.get_untracked(), at) {
            Err(e) => invalid.set(Some(e)),
            Ok(edits) => {
                invalid.set(None);
                ui.save(edits, save_error, move || {
                    paid.set(String::new());
                    saved.set(true);
                });
            }
        }
    };
    let second_notice = move |_| {
        let Some(r) = target() else { return };
        saved.set(false);
        ui.save(second_notice_edits(&r.id, ui.now()), save_error, move || saved.set(true));
    };
    view! {
        <section id="finance-panel" class="finance-panel card">
            <h2>{move || w(W::Finance)}</h2>
            <label for="finance-arrears">{move || w(W::Fee)}</label>
            <select id="finance-arrears" on:change=move |ev| picked.set(event_target_value(&ev))>
                <For
                    each=move || rows.get()
                    key=|r| r.id.clone()
                    children=move |r| {
                        let id = r.id.clone();
                        let selected = move || target().is_some_and(|t| t.id == id);
                        view! {
                            <option value=r.id.0.clone() selected=selected>
                                {move || r.fee.map(|f| fee_label(f, ui.lang.get())).unwrap_or_default()} " " {r.period.clone()}
                            </option>
                        }
                    }
                />
            </select>
            <Show when=move || offered().second_notice>
                <button id="second-notice" type="button" on:click=second_notice>{move || w(W::SecondNotice)}</button>
            </Show>
            <Show when=move || offered().mark_paid>
                <div class="mark-paid">
                    <label for="paid-amount">{move || w(W::PaidAmount)}</label>
                    <input id="paid-amount" type="text" inputmode="decimal" bind:value=paid />
                    <label for="paid-on">{move || w(W::PaidOn)}</label>
                    <input id="paid-on" type="date" bind:value=day />
                    <button id="mark-paid" class="primary" type="button" on:click=mark_paid>{move || w(W::MarkPaid)}</button>
                </div>
            </Show>
            <p id="finance-error" class="error" role="alert">
                {move || invalid.get().map(|e| paid_error(e, ui.lang.get()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
            <Show when=move || saved.get()>
                <p id="finance-saved" class="saved" role="status">{move || w(W::Saved)}</p>
            </Show>
        </section>
    }
}
