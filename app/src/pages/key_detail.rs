//! `/keys/:id`: one deposit — unit, owner, count, tag, the authorisation (signature, or
//! photos of the signed paper), where the keys are; sign out (who, why, due back in hours —
//! `key_due_h` by default —, their signature), return (signed), give back to the owner, and
//! every sign-out and return (`model::keys`).
//!
//! DOM: `#key-detail[data-state]`, `input#key-holder`, `input#key-purpose`, `input#key-due`
//! (hours), `#key-out-sign`, `button#key-out`, `#key-return-sign`, `button#key-return`,
//! `button#key-end`, `li.key-movement`, `#key-detail-error`.

use crate::components::page_heading::PageHeading;
use crate::components::photos::Photos;
use crate::components::signature::{SignaturePad, SignatureView};
use crate::context::use_ui;
use crate::i18n::service_words::{key_error, key_state_label, Sv};
use crate::i18n::Key;
use crate::model::deadlines::settings;
use crate::model::keys::{end_edits, history, return_edits, sign_out_edits, KeyError, SignOutForm};
use crate::pages::keys::deposit_rows;
use crate::platform::format_time;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::blob::PhotoParent;
use shared::keys::KeyState;
use shared::RecordId;

/// The deposit page.
#[component]
pub fn KeyPage() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: Sv| k.text(ui.lang.get());
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let rows = deposit_rows();
    let row = Memo::new(move |_| rows.with(|r| r.iter().find(|r| r.id == id.get()).cloned()));
    let state = move || row.with(|r| r.as_ref().map(|r| r.state));
    let moves = Memo::new(move |_| {
        ui.snap.with(|s| history(&s.state, &id.get(), settings(&s.state).key_due_h))
    });
    let due_h = ui.snap.with_untracked(|s| settings(&s.state).key_due_h);
    let holder = RwSignal::new(String::new());
    let purpose = RwSignal::new(String::new());
    let due = RwSignal::new(due_h.to_string());
    let out_sign = RwSignal::new(String::new());
    let back_sign = RwSignal::new(String::new());
    let invalid = RwSignal::new(None::<KeyError>);
    let save_error = RwSignal::new(None::<Key>);
    let run = move |r: Result<Vec<crate::sync::FieldEdit>, KeyError>| match r {
        Err(e) => invalid.set(Some(e)),
        Ok(edits) => {
            invalid.set(None);
            ui.save(edits, save_error, move || {
                for s in [holder, purpose, out_sign, back_sign] {
                    s.set(String::new());
                }
            });
        }
    };
    let sign_out = move |_| {
        let Some(actor) = ui.actor() else { return };
        let m = RecordId::new_v7();
        let form = SignOutForm {
            holder: holder.get_untracked(),
            purpose: purpose.get_untracked(),
            due_hours: due.get_untracked(),
            signature: out_sign.get_untracked(),
        };
        let deposit = id.get_untracked();
        run(ui.snap.with_untracked(|s| sign_out_edits(&s.state, &deposit, &m, &form, &actor)));
    };
    let give_back = move |_| {
        let open = moves.with_untracked(|m| m.iter().find(|m| m.returned_at.is_none()).cloned());
        run(return_edits(open.as_ref(), &back_sign.get_untracked(), ui.now()));
    };
    let end = move |_| {
        let Some(st) = state() else { return };
        run(end_edits(&id.get_untracked(), st, ui.now()));
    };
    let is = move |s: KeyState| state() == Some(s);
    let may_write = move || ui.role().is_some_and(|r| r != shared::Role::Department);
    view! {
        <section id="key-detail" class="key-detail card" data-state=move || state().map(|s| s.as_str()).unwrap_or("")>
            <PageHeading>{move || w(Sv::Keys)} " " <span translate="no">{move || row.with(|r| r.as_ref().map(|r| r.place.clone()))}</span></PageHeading>
            <a class="back" href="/keys">{move || w(Sv::BackToKeys)}</a>
            <Show when=move || row.with(Option::is_some) fallback=move || view! { <p class="empty">{move || ui.t(Key::NotFound)}</p> }>
                <dl class="facts">
                    <dt>{move || w(Sv::KeyStateLabel)}</dt>
                    <dd id="key-state">{move || state().map(|s| key_state_label(s, ui.lang.get()))}</dd>
                    <dt>{move || w(Sv::Owner)}</dt>
                    <dd translate="no">{move || row.with(|r| r.as_ref().map(|r| r.owner.clone()))}</dd>
                    <dt>{move || w(Sv::KeyCount)}</dt>
                    <dd>{move || row.with(|r| r.as_ref().and_then(|r| r.key_count))}</dd>
                    <dt>{move || w(Sv::Tag)}</dt>
                    <dd translate="no">{move || row.with(|r| r.as_ref().map(|r| r.tag.clone()))}</dd>
                    <dt>{move || w(Sv::DepositedAt)}</dt>
                    <dd>{move || row.with(|r| r.as_ref().and_then(|r| r.deposited_at)).map(|t| format_time(t as u64))}</dd>
                    <dt>{move || w(Sv::Holder)}</dt>
                    <dd id="key-holder-now" translate="no">{move || row.with(|r| r.as_ref().map(|r| r.holder.clone()))}</dd>
                    <dt>{move || w(Sv::DueAt)}</dt>
                    <dd id="key-due-now">{move || row.with(|r| r.as_ref().and_then(|r| r.due_at)).map(|t| format_time(t as u64))}</dd>
                </dl>
                <details class="panel">
                    <summary>{move || w(Sv::Authorisation)}</summary>
                    {move || row.with(|r| r.as_ref().filter(|r| !r.signature.is_empty()).map(|r| view! { <SignatureView path=r.signature.clone() /> }))}
                    {move || view! { <Photos parent_kind=PhotoParent::KeyDeposit parent_id=id.get() /> }}
                </details>
                <Show when=move || may_write() && is(KeyState::InCustody)>
                    <section class="key-out-form">
                        <h2>{move || w(Sv::SignOut)}</h2>
                        <label for="key-holder">{move || w(Sv::Holder)}</label>
                        <input id="key-holder" bind:value=holder />
                        <label for="key-purpose">{move || w(Sv::Purpose)}</label>
                        <input id="key-purpose" bind:value=purpose />
                        <label for="key-due">{move || w(Sv::DueHours)}</label>
                        <input id="key-due" type="number" min="1" max="720" inputmode="numeric" bind:value=due />
                        <div id="key-out-sign"><SignaturePad path=out_sign /></div>
                        <button id="key-out" class="primary" type="button" on:click=sign_out>{move || w(Sv::SignOut)}</button>
                        <button id="key-end" class="ghost" type="button" on:click=end>{move || w(Sv::GiveBack)}</button>
                    </section>
                </Show>
                <Show when=move || may_write() && (is(KeyState::Out) || is(KeyState::Overdue))>
                    <section class="key-return-form">
                        <h2>{move || w(Sv::Return)}</h2>
                        <div id="key-return-sign"><SignaturePad path=back_sign /></div>
                        <button id="key-return" class="primary" type="button" on:click=give_back>{move || w(Sv::Return)}</button>
                    </section>
                </Show>
                <p id="key-detail-error" class="error" role="alert">
                    {move || invalid.get().map(|e| key_error(e, ui.lang.get()))}
                    {move || save_error.get().map(|k| ui.t(k))}
                </p>
                <h2>{move || w(Sv::History)}</h2>
                <ul class="key-history">
                    <For each=move || moves.get() key=|m| format!("{m:?}") children=move |m| view! {
                        <li class="key-movement" data-id=m.id.0.clone() data-returned=m.returned_at.is_some().to_string()>
                            <span translate="no">{m.holder.clone()}</span> " · " <span translate="no">{m.purpose.clone()}</span>
                            " · " {move || w(Sv::OutAt)} " " {format_time(m.out_at as u64)}
                            " · " {move || w(Sv::DueAt)} " " {format_time(m.due_at as u64)}
                            " · " {move || w(Sv::ReturnedAt)} " " {m.returned_at.map(|t| format_time(t as u64))}
                        </li>
                    } />
                </ul>
            </Show>
        </section>
    }
}
