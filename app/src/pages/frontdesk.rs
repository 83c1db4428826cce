//! `/frontdesk`: the front desk (前台, DOMAIN duty 2). The entry form (channel, caller,
//! phone, unit or area, topic, request type, outcome) saved offline as one edit
//! (`model::frontdesk`), today's log with every missed call not returned (flagged past
//! `missed_call_h`), "to request" on each entry (one edit: the numbered request and the
//! entry's link; then the request opens), "called back" on a missed call, and the links to
//! the handover, the mail log and the knowledge base.
//!
//! DOM: `select#desk-channel`, `input#desk-caller`, `input#desk-phone`, `input#desk-unit`,
//! `select#desk-area`, `textarea#desk-topic`, `select#desk-category`, `select#desk-outcome`,
//! `button#desk-save`, `#desk-error`; the log `table#desk-log` with `tr.desk-row[data-entry]
//! [data-overdue]`, `button.to-request[data-entry]`, `button.desk-returned[data-entry]`,
//! `a.desk-request`.

use crate::components::frontdesk_unit::UnitInput;
use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{
    category_label, channel_label, desk_error_text, desk_outcome_label, fd, Fd, Key,
};
use crate::model::flow::areas;
use crate::model::frontdesk::{entry_edits, may_log, DeskError, EntryForm};
use leptos::prelude::*;
use shared::frontdesk::{Channel, DeskOutcome};
use shared::names::{field, kind};
use shared::request::Category;
use shared::{Kind, RecordId};

/// The desk's links: log, handover, mail, knowledge base.
#[component]
pub fn DeskNav() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    view! {
        <nav class="desk-nav" aria-label=move || fd(Fd::Title, lang())>
            <a class="button" href="/frontdesk">{move || fd(Fd::Log, lang())}</a>
            <a class="button" href="/frontdesk/handover">{move || fd(Fd::Handover, lang())}</a>
            <a class="button" href="/mail">{move || fd(Fd::Mail, lang())}</a>
            <a class="button" href="/knowledge">{move || fd(Fd::Knowledge, lang())}</a>
        </nav>
    }
}

#[component]
pub fn FrontdeskPage() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let channel = RwSignal::new(Some(Channel::Phone));
    let caller = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let unit = RwSignal::new(None::<RecordId>);
    // The desk's area: a butler's own by default.
    let own_area = ui.staff_id().and_then(|me| {
        ui.snap.with_untracked(|s| {
            s.state.record(&Kind::new(kind::STAFF), &RecordId(me))?.reference(field::AREA)
        })
    });
    let area = RwSignal::new(own_area.map(|a| a.0).unwrap_or_default());
    let topic = RwSignal::new(String::new());
    let category = RwSignal::new(None::<Category>);
    let outcome = RwSignal::new(None::<DeskOutcome>);
    let error = RwSignal::new(None::<DeskError>);
    let save_error = RwSignal::new(None::<Key>);
    let area_list = Memo::new(move |_| ui.snap.with(|s| areas(&s.state)));
    let save = move |_| {
        let Some(actor) = ui.actor() else { return };
        let form = EntryForm {
            channel: channel.get_untracked(),
            caller: caller.get_untracked(),
            phone: phone.get_untracked(),
            unit: unit.get_untracked(),
            area: Some(RecordId(area.get_untracked())).filter(RecordId::is_valid),
            topic: topic.get_untracked(),
            category: category.get_untracked(),
            outcome: outcome.get_untracked(),
        };
        match entry_edits(&RecordId::new_v7(), &form, &actor) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => {
                error.set(None);
                ui.save(edits, save_error, move || {
                    caller.set(String::new());
                    phone.set(String::new());
                    unit.set(None);
                    topic.set(String::new());
                    outcome.set(None);
                });
            }
        }
    };
    let may = move || ui.role().is_some_and(may_log);
    view! {
        <section class="frontdesk">
            <PageHeading>{move || fd(Fd::Title, lang())}</PageHeading>
            <DeskNav />
            <Show when=may>
                <form class="card desk-form" on:submit=|ev| ev.prevent_default() novalidate>
                    <h2>{move || fd(Fd::NewEntry, lang())}</h2>
                    <label for="desk-channel">{move || fd(Fd::Channel, lang())}</label>
                    <select id="desk-channel" on:change=move |ev| channel.set(Channel::parse(&event_target_value(&ev)))>
                        {Channel::ALL.iter().map(|&c| view! {
                            <option value=c.as_str() selected=move || channel.get() == Some(c)>{move || channel_label(c, lang())}</option>
                        }).collect_view()}
                    </select>
                    <label for="desk-caller">{move || fd(Fd::Caller, lang())}</label>
                    <input id="desk-caller" type="text" translate="no" bind:value=caller />
                    <label for="desk-phone">{move || fd(Fd::Phone, lang())}</label>
                    <input id="desk-phone" type="tel" translate="no" bind:value=phone />
                    <UnitInput id="desk-unit" unit=unit />
                    <label for="desk-area">{move || fd(Fd::Area, lang())}</label>
                    <select id="desk-area" on:change=move |ev| area.set(event_target_value(&ev))>
                        <option value="">{move || fd(Fd::NoArea, lang())}</option>
                        {move || area_list.get().into_iter().map(|a| {
                            let v = a.id.0.clone();
                            let selected = area.get_untracked() == v;
                            view! { <option value=v selected=selected translate="no">{a.name}</option> }
                        }).collect_view()}
                    </select>
                    <label for="desk-topic">{move || fd(Fd::Topic, lang())}</label>
                    <textarea id="desk-topic" rows="3" bind:value=topic></textarea>
                    <label for="desk-category">{move || fd(Fd::RequestType, lang())}</label>
                    <select id="desk-category" on:change=move |ev| category.set(Category::parse(&event_target_value(&ev)))>
                        <option value="">{move || fd(Fd::Choose, lang())}</option>
                        {Category::ALL.iter().map(|&c| view! {
                            <option value=c.as_str() selected=move || category.get() == Some(c)>{move || category_label(c, lang())}</option>
                        }).collect_view()}
                    </select>
                    <label for="desk-outcome">{move || fd(Fd::Outcome, lang())}</label>
                    <select id="desk-outcome" on:change=move |ev| outcome.set(DeskOutcome::parse(&event_target_value(&ev)))>
                        <option value="">{move || fd(Fd::Choose, lang())}</option>
                        {[DeskOutcome::Answered, DeskOutcome::CallBack].into_iter().map(|o| view! {
                            <option value=o.as_str() selected=move || outcome.get() == Some(o)>{move || desk_outcome_label(o, lang())}</option>
                        }).collect_view()}
                    </select>
                    <p id="desk-error" class="error" role="alert">
                        {move || error.get().map(|e| desk_error_text(e, lang()))}
                        {move || save_error.get().map(|k| ui.t(k))}
                    </p>
                    <button id="desk-save" class="primary" type="button" on:click=save>{move || fd(Fd::Save, lang())}</button>
                </form>
            </Show>
            <crate::pages::frontdesk_log::DeskLog />
        </section>
    }
}
