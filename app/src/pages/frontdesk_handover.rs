//! `/frontdesk/handover`: the shift handover (交接班). The outgoing person sees the open items
//! now (`shared::frontdesk::open_items`: requests overdue or due within 4 h, inquiries not
//! answered, missed calls not returned — of their area for a butler, of the site for the
//! office), writes the note, picks the incoming person and saves: the items are stored as a
//! snapshot with it. Below, the handovers, waiting ones first; "confirm" is offered only to
//! someone else than the author (`model::frontdesk_handover::may_confirm`, the judge's rule).
//!
//! DOM: `select#handover-to`, `textarea#handover-note`, `button#handover-save`,
//! `ul#handover-items li.handover-item`, `#handover-error`; each handover
//! `article.handover[data-handover][data-confirmed]` with `button#handover-confirm` on the
//! first waiting one this user may confirm (`button.handover-confirm` on the others).

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{fd, handover_error_text, Fd, Key};
use crate::model::deadlines;
use crate::model::frontdesk_handover::{
    confirm_edits, handover_edits, handover_rows, incoming_choices, HandoverError,
};
use crate::model::report_tables::time_text;
use crate::pages::frontdesk::DeskNav;
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::frontdesk::open_items::{open_items, token, OpenItem, Token, Why};
use shared::names::{field, kind};
use shared::{Kind, RecordId, Role};

/// The desk's area: a butler's own; none for the office (the whole site).
fn desk_area() -> Option<RecordId> {
    let ui = use_ui();
    if ui.role() != Some(Role::Butler) {
        return None;
    }
    let me = ui.staff_id()?;
    ui.snap.with_untracked(|s| {
        s.state.record(&Kind::new(kind::STAFF), &RecordId(me))?.reference(field::AREA)
    })
}

#[component]
pub fn HandoverPage() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let area = desk_area();
    let area_for_items = area.clone();
    let items = Memo::new(move |_| {
        ui.tick.track();
        let now = ui.now();
        ui.snap.with(|s| {
            open_items(&s.state, area_for_items.as_ref(), &deadlines::settings(&s.state), now)
        })
    });
    let me = ui.staff_id();
    let me2 = me.clone();
    let choices = Memo::new(move |_| ui.snap.with(|s| incoming_choices(&s.state, me2.as_deref())));
    let to = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<HandoverError>);
    let save_error = RwSignal::new(None::<Key>);
    let save = move |_| {
        let Some(actor) = ui.actor() else { return };
        let to_id = Some(RecordId(to.get_untracked())).filter(RecordId::is_valid);
        let list = items.get_untracked();
        match handover_edits(
            &RecordId::new_v7(),
            area.as_ref(),
            &note.get_untracked(),
            to_id.as_ref(),
            &list,
            &actor,
        ) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => {
                error.set(None);
                ui.save(edits, save_error, move || note.set(String::new()));
            }
        }
    };
    let me_id = me.map(RecordId::from);
    let rows = Memo::new(move |_| {
        let role = ui.role().unwrap_or(Role::Department);
        ui.snap.with(|s| handover_rows(&s.state, me_id.as_ref(), role))
    });
    let confirm = move |id: RecordId| {
        let Some(actor) = ui.actor() else { return };
        let f =
            ui.snap.with_untracked(|s| s.state.record(&Kind::new(kind::HANDOVER), &id).cloned());
        let Some(f) = f else { return };
        match confirm_edits(&id, &f, &actor) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => ui.save(edits, save_error, || {}),
        }
    };
    let first_confirmable =
        move || rows.with(|r| r.iter().find(|r| r.may_confirm).map(|r| r.id.clone()));
    let offset = utc_offset_min();
    let item_text = move |t: &Token| match t {
        Token::Request(n) => n.clone(),
        Token::Entry(id) => {
            format!("{} {}", fd(Fd::MissedCallItem, lang()), &id.0[..8.min(id.0.len())])
        }
    };
    view! {
        <section class="frontdesk handover-page">
            <PageHeading>{move || fd(Fd::HandoverTitle, lang())}</PageHeading>
            <DeskNav />
            <form class="card handover-form" on:submit=|ev| ev.prevent_default() novalidate>
                <h2>{move || fd(Fd::OpenItems, lang())}</h2>
                <ul id="handover-items" class="handover-items">
                    {move || {
                        let list = items.get();
                        if list.is_empty() {
                            return view! { <li class="muted">{fd(Fd::NoOpenItems, lang())}</li> }.into_any();
                        }
                        list.into_iter().map(|i| {
                            let why = match &i {
                                OpenItem::Request { why: Why::Overdue, .. } => fd(Fd::OverdueItem, lang()),
                                OpenItem::Request { why: Why::DueSoon, .. } => fd(Fd::DueSoonItem, lang()),
                                OpenItem::Request { why: Why::Inquiry, .. } => fd(Fd::InquiryItem, lang()),
                                OpenItem::MissedCall { .. } => fd(Fd::MissedCallItem, lang()),
                            };
                            let text = match (&i, token(&i)) {
                                (OpenItem::MissedCall { at, .. }, _) => time_text(*at, offset),
                                (_, Token::Request(n)) => n,
                                (_, Token::Entry(id)) => id.0,
                            };
                            view! { <li class="handover-item"><span class="badge">{why}</span>" "<span translate="no">{text}</span></li> }
                        }).collect_view().into_any()
                    }}
                </ul>
                <label for="handover-to">{move || fd(Fd::HandoverTo, lang())}</label>
                <select id="handover-to" on:change=move |ev| to.set(event_target_value(&ev))>
                    <option value="">{move || fd(Fd::Anyone, lang())}</option>
                    {move || choices.get().into_iter().map(|c| view! {
                        <option value=c.id.0.clone() translate="no">{c.name}</option>
                    }).collect_view()}
                </select>
                <label for="handover-note">{move || fd(Fd::HandoverNote, lang())}</label>
                <textarea id="handover-note" rows="4" bind:value=note></textarea>
                <p id="handover-error" class="error" role="alert">
                    {move || error.get().map(|e| handover_error_text(e, lang()))}
                    {move || save_error.get().map(|k| ui.t(k))}
                </p>
                <button id="handover-save" class="primary" type="button" on:click=save>{move || fd(Fd::HandoverSave, lang())}</button>
            </form>
            <For each=move || rows.get() key=|r| (r.id.clone(), r.confirmed_at, r.may_confirm) let:r>
                {
                    let id = r.id.clone();
                    let button_id = move || (first_confirmable() == Some(id.clone())).then_some("handover-confirm");
                    let id2 = r.id.clone();
                    let items: Vec<String> = r.items.iter().map(item_text).collect();
                    view! {
                        <article class="card handover" data-handover=r.id.0.clone() data-confirmed=r.confirmed_at.is_some().to_string()>
                            <h2>{time_text(r.at, offset)}" · "<span translate="no">{r.by.clone()}</span>
                                {(!r.to.is_empty()).then(|| view! { " → "<span translate="no">{r.to.clone()}</span> })}</h2>
                            <p translate="no" class="handover-note">{r.note.clone()}</p>
                            <h2 class="sub">{move || fd(Fd::OpenItems, lang())}</h2>
                            <ul class="handover-snapshot">
                                {items.into_iter().map(|t| view! { <li translate="no">{t}</li> }).collect_view()}
                            </ul>
                            {match r.confirmed_at {
                                Some(t) => view! { <p class="ok">{move || fd(Fd::Confirmed, lang())}": "<span translate="no">{r.confirmed_by.clone()}</span>" "{time_text(t, offset)}</p> }.into_any(),
                                None => view! { <p class="muted">{move || fd(Fd::Waiting, lang())}</p> }.into_any(),
                            }}
                            {r.may_confirm.then(|| view! {
                                <button type="button" class="primary handover-confirm" id=button_id on:click=move |_| confirm(id2.clone())>
                                    {move || fd(Fd::Confirm, lang())}
                                </button>
                            })}
                        </article>
                    }
                }
            </For>
        </section>
    }
}
