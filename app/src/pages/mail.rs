//! `/mail`: the mail and parcel log (邮件/包裹, 002 §4.3). Log an item received for a unit
//! (type, carrier, tracking number, note), then "resident told" (how) and "collected" (who,
//! with their signature drawn on the tablet), each one offline edit (`model::mail`). The
//! list shows what waits (long uncollected after `mail_uncollected_days` flagged), the long
//! uncollected only, or everything.
//!
//! DOM: `input#mail-unit`, `select#mail-type`, `input#mail-carrier`, `input#mail-tracking`,
//! `button#mail-save`, `#mail-error`; filter `select#mail-filter`; rows
//! `tr.mail-row[data-mail][data-stage][data-long]` with `select.mail-told-how`,
//! `button.mail-told`, `button.mail-collected` (opens the collect panel:
//! `input#mail-collector`, the signature pad, `button#mail-collect-save`).

use crate::components::frontdesk_unit::UnitInput;
use crate::components::page_heading::PageHeading;
use crate::components::signature::SignaturePad;
use crate::context::use_ui;
use crate::i18n::{fd, mail_error_text, mail_type_label, told_how_label, Fd, Key};
use crate::model::deadlines;
use crate::model::mail::{
    collected_edits, mail_edits, mail_rows, told_edits, MailError, MailFilter, MailForm,
};
use crate::model::report_tables::time_text;
use crate::pages::frontdesk::DeskNav;
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::frontdesk::mail::MailStage;
use shared::frontdesk::{MailType, ToldHow};
use shared::RecordId;

#[component]
pub fn MailPage() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let unit = RwSignal::new(None::<RecordId>);
    let mail_type = RwSignal::new(Some(MailType::Parcel));
    let carrier = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<MailError>);
    let save_error = RwSignal::new(None::<Key>);
    let filter = RwSignal::new(MailFilter::Waiting);
    let collecting = RwSignal::new(None::<RecordId>);
    let save = move |_| {
        let Some(actor) = ui.actor() else { return };
        let form = MailForm {
            unit: unit.get_untracked(),
            mail_type: mail_type.get_untracked(),
            carrier: carrier.get_untracked(),
            tracking: tracking.get_untracked(),
            note: note.get_untracked(),
        };
        match mail_edits(&RecordId::new_v7(), &form, &actor) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => {
                error.set(None);
                ui.save(edits, save_error, move || {
                    unit.set(None);
                    tracking.set(String::new());
                    note.set(String::new());
                });
            }
        }
    };
    let rows = Memo::new(move |_| {
        ui.tick.track();
        let now = ui.now();
        ui.snap.with(|s| mail_rows(&s.state, filter.get(), &deadlines::settings(&s.state), now))
    });
    let offset = utc_offset_min();
    view! {
        <section class="frontdesk mail-page">
            <PageHeading>{move || fd(Fd::MailTitle, lang())}</PageHeading>
            <DeskNav />
            <form class="card mail-form" on:submit=|ev| ev.prevent_default() novalidate>
                <h2>{move || fd(Fd::MailNew, lang())}</h2>
                <UnitInput id="mail-unit" unit=unit />
                <label for="mail-type">{move || fd(Fd::MailType, lang())}</label>
                <select id="mail-type" on:change=move |ev| mail_type.set(MailType::parse(&event_target_value(&ev)))>
                    {MailType::ALL.iter().map(|&t| view! {
                        <option value=t.as_str() selected=move || mail_type.get() == Some(t)>{move || mail_type_label(t, lang())}</option>
                    }).collect_view()}
                </select>
                <label for="mail-carrier">{move || fd(Fd::Carrier, lang())}</label>
                <input id="mail-carrier" type="text" bind:value=carrier />
                <label for="mail-tracking">{move || fd(Fd::Tracking, lang())}</label>
                <input id="mail-tracking" type="text" translate="no" bind:value=tracking />
                <label for="mail-note">{move || fd(Fd::Note, lang())}</label>
                <input id="mail-note" type="text" bind:value=note />
                <p id="mail-error" class="error" role="alert">
                    {move || error.get().map(|e| mail_error_text(e, lang()))}
                    {move || save_error.get().map(|k| ui.t(k))}
                </p>
                <button id="mail-save" class="primary" type="button" on:click=save>{move || fd(Fd::Save, lang())}</button>
            </form>
            <section class="card mail-log">
                <label for="mail-filter">{move || fd(Fd::Mail, lang())}</label>
                <select id="mail-filter" on:change=move |ev| filter.set(match event_target_value(&ev).as_str() {
                    "long" => MailFilter::Long,
                    "all" => MailFilter::All,
                    _ => MailFilter::Waiting,
                })>
                    <option value="waiting">{move || fd(Fd::MailWaiting, lang())}</option>
                    <option value="long">{move || fd(Fd::MailLong, lang())}</option>
                    <option value="all">{move || fd(Fd::MailAll, lang())}</option>
                </select>
                <Show when=move || collecting.get().is_some()>
                    <CollectPanel item=collecting />
                </Show>
                <Show when=move || rows.with(|r| !r.is_empty()) fallback=move || view! { <p class="muted">{fd(Fd::NoMail, lang())}</p> }>
                    <div class="table-scroll">
                    <table id="mail-table" class="desk-table">
                        <thead><tr>
                            <th scope="col">{move || fd(Fd::Unit, lang())}</th>
                            <th scope="col">{move || fd(Fd::MailType, lang())}</th>
                            <th scope="col">{move || fd(Fd::Tracking, lang())}</th>
                            <th scope="col">{move || fd(Fd::Received, lang())}</th>
                            <th scope="col">{move || fd(Fd::Told, lang())}</th>
                            <th scope="col">{move || fd(Fd::Collected, lang())}</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|r| (r.id.clone(), r.stage, r.long_uncollected) let:r>
                                <MailLine row=r offset=offset collecting=collecting error=save_error />
                            </For>
                        </tbody>
                    </table>
                    </div>
                </Show>
            </section>
        </section>
    }
}

/// One row, with "told" and "collected".
#[component]
fn MailLine(
    row: crate::model::mail::MailRow,
    offset: i64,
    collecting: RwSignal<Option<RecordId>>,
    error: RwSignal<Option<Key>>,
) -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let how = RwSignal::new(ToldHow::Phone);
    let (id, id2) = (row.id.clone(), row.id.clone());
    let tell = move |_| {
        let Some(actor) = ui.actor() else { return };
        ui.save(told_edits(&id, how.get_untracked(), &actor), error, || {});
    };
    let stage = match row.stage {
        MailStage::Received => "received",
        MailStage::Told => "told",
        MailStage::Collected => "collected",
    };
    let waiting = row.stage != MailStage::Collected;
    view! {
        <tr class="mail-row" class:overdue=row.long_uncollected data-mail=row.id.0.clone() data-stage=stage data-long=row.long_uncollected.to_string()>
            <td translate="no">{row.unit.clone()}</td>
            <td>{move || row.mail_type.map(|t| mail_type_label(t, lang())).unwrap_or("")}" "<span class="muted" translate="no">{row.carrier.clone()}</span></td>
            <td translate="no">{row.tracking.clone()}</td>
            <td>{time_text(row.received_at, offset)}
                {row.long_uncollected.then(|| view! { <span class="badge overdue">{move || fd(Fd::LongUncollected, lang())}</span> })}</td>
            <td>{row.told_at.map(|t| time_text(t, offset))}" "{move || row.told_how.map(|h| told_how_label(h, lang()))}
                {(row.stage == MailStage::Received).then(|| view! {
                    <select class="mail-told-how" aria-label=move || fd(Fd::ToldHow, lang()) on:change=move |ev| if let Some(h) = ToldHow::parse(&event_target_value(&ev)) { how.set(h) }>
                        {ToldHow::ALL.iter().map(|&h| view! { <option value=h.as_str()>{move || told_how_label(h, lang())}</option> }).collect_view()}
                    </select>
                    <button type="button" class="mail-told" on:click=tell>{move || fd(Fd::TellButton, lang())}</button>
                })}
            </td>
            <td>{row.collected_at.map(|t| time_text(t, offset))}" "<span translate="no">{row.collector.clone()}</span>
                {waiting.then(|| view! {
                    <button type="button" class="mail-collected" on:click=move |_| collecting.set(Some(id2.clone()))>{move || fd(Fd::CollectButton, lang())}</button>
                })}
            </td>
        </tr>
    }
}

/// Collecting one item: the collector's name and signature, one edit.
#[component]
fn CollectPanel(item: RwSignal<Option<RecordId>>) -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let collector = RwSignal::new(String::new());
    let signature = RwSignal::new(String::new());
    let error = RwSignal::new(None::<MailError>);
    let save_error = RwSignal::new(None::<Key>);
    let save = move |_| {
        let (Some(actor), Some(id)) = (ui.actor(), item.get_untracked()) else { return };
        match collected_edits(&id, &collector.get_untracked(), &signature.get_untracked(), &actor) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => {
                error.set(None);
                ui.save(edits, save_error, move || item.set(None));
            }
        }
    };
    view! {
        <div class="card mail-collect" role="group" aria-label=move || fd(Fd::CollectButton, lang())>
            <label for="mail-collector">{move || fd(Fd::Collector, lang())}</label>
            <input id="mail-collector" type="text" translate="no" bind:value=collector />
            <h2 class="sub">{move || fd(Fd::Signature, lang())}</h2>
            <SignaturePad path=signature />
            <p class="error" role="alert">
                {move || error.get().map(|e| mail_error_text(e, lang()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
            <div class="actions">
                <button id="mail-collect-save" class="primary" type="button" on:click=save>{move || fd(Fd::Save, lang())}</button>
                <button type="button" on:click=move |_| item.set(None)>{move || fd(Fd::Cancel, lang())}</button>
            </div>
        </div>
    }
}
