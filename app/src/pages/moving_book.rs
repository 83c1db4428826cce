//! `/moving/book?unit=<id>` (or `?refused=<booking id>`): the lift booking form — the unit
//! (from the query, else a picker), the day (at least the lead days ahead), one of the
//! day's off-peak slots, moving in or out, the goods and a note — saved offline as one
//! edit under the slot's id (`model::moving::booking_edits`). Opened from a refused
//! booking, the form holds what the butler had typed; saving the new slot removes the
//! refusal's notices.
//!
//! DOM: `select#booking-unit`, `input#booking-day` (type=date), `select#booking-slot`
//! (option values: the slot's start minute), `select#booking-direction`,
//! `textarea#booking-goods`, `textarea#booking-note`, `button#booking-save`,
//! `#booking-error`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{booking_error_text, move_type_label, mv, Key, Mv};
use crate::model::deadlines::settings;
use crate::model::moving::{
    booking_edits, first_day, refused_bookings, unit_choices, BookingForm, BookingFormError,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::moving::{slots, MoveType};
use shared::RecordId;

#[component]
pub fn BookPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let lang = move || ui.lang.get();
    let q = use_query_map();
    let query = |name: &str| q.with_untracked(|q| q.get(name)).unwrap_or_default();
    let refused_id = RecordId::from(query("refused").as_str());
    let refused = ui
        .snap
        .with_untracked(|s| refused_bookings(&s.notices).into_iter().find(|r| r.id == refused_id));
    let site = Memo::new(move |_| ui.snap.with(|s| settings(&s.state)));
    let start = match &refused {
        Some(r) => BookingForm { slot: None, ..r.form.clone() },
        None => {
            let unit = Some(RecordId::from(query(shared::names::field::UNIT).as_str()))
                .filter(RecordId::is_valid);
            let day = first_day(&site.get_untracked(), ui.now());
            BookingForm { unit, day, direction: Some(MoveType::MoveIn), ..Default::default() }
        }
    };
    let notices = refused.map(|r| r.notices).unwrap_or_default();
    let form = RwSignal::new(start);
    let error = RwSignal::new(None::<BookingFormError>);
    let save_error = RwSignal::new(None::<Key>);
    let units = Memo::new(move |_| ui.snap.with(|s| unit_choices(&s.state)));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(actor) = ui.actor() else { return };
        let f = form.get_untracked();
        let made =
            ui.snap.with_untracked(|s| booking_edits(&s.state, &settings(&s.state), &f, &actor));
        match made {
            Err(e) => error.set(Some(e)),
            Ok((_, edits)) => {
                error.set(None);
                let navigate = navigate.clone();
                let ids = notices.clone();
                ui.save(edits, save_error, move || {
                    if let (false, Some(engine)) = (ids.is_empty(), ui.engine()) {
                        leptos::task::spawn_local(async move {
                            if let Err(e) = engine.ack_notices(&ids).await {
                                web_sys::console::error_1(
                                    &format!("notice not removed: {e}").into(),
                                );
                            }
                        });
                    }
                    navigate("/moving", Default::default());
                });
            }
        }
    };
    let set = move |apply: fn(&mut BookingForm, String)| {
        move |ev: leptos::ev::Event| form.update(|f| apply(f, event_target_value(&ev)))
    };
    view! {
        <form id="booking-form" class="booking-form card" on:submit=save novalidate>
            <PageHeading>{move || mv(Mv::BookLift, lang())}</PageHeading>
            <p class="hint">{move || mv(Mv::BookHint, lang())}</p>
            <label for="booking-unit">{move || mv(Mv::Unit, lang())}</label>
            <select id="booking-unit" on:change=set(|f, v| f.unit = Some(RecordId::from(v.as_str())).filter(RecordId::is_valid))>
                <option value="">{move || mv(Mv::ChooseUnit, lang())}</option>
                {move || units.get().into_iter().map(|(id, label)| {
                    let chosen = form.with_untracked(|f| f.unit.as_ref() == Some(&id));
                    view! { <option value=id.to_string() selected=chosen translate="no">{label}</option> }
                }).collect_view()}
            </select>
            <label for="booking-day">{move || mv(Mv::Day, lang())}</label>
            <input id="booking-day" type="date" prop:value=move || form.with(|f| f.day.clone())
                min=move || first_day(&site.get(), ui.now()) on:input=set(|f, v| f.day = v) on:change=set(|f, v| f.day = v) />
            <label for="booking-slot">{move || mv(Mv::Slot, lang())}</label>
            <select id="booking-slot" on:change=set(|f, v| f.slot = v.parse().ok())>
                <option value="">"—"</option>
                {move || slots(&site.get()).into_iter().map(|s| {
                    let chosen = form.with_untracked(|f| f.slot == Some(s.start_min));
                    view! { <option value=s.start_min.to_string() selected=chosen>{s.label()}</option> }
                }).collect_view()}
            </select>
            <label for="booking-direction">{move || mv(Mv::Direction, lang())}</label>
            <select id="booking-direction" on:change=set(|f, v| f.direction = MoveType::parse(&v))>
                {MoveType::ALL.iter().map(|&d| {
                    let chosen = form.with_untracked(|f| f.direction == Some(d));
                    view! { <option value=d.as_str() selected=chosen>{move || move_type_label(d, lang())}</option> }
                }).collect_view()}
            </select>
            <label for="booking-goods">{move || mv(Mv::Goods, lang())}</label>
            <textarea id="booking-goods" rows="3" prop:value=move || form.with(|f| f.goods.clone()) on:input=set(|f, v| f.goods = v)></textarea>
            <label for="booking-note">{move || mv(Mv::Note, lang())}</label>
            <textarea id="booking-note" rows="2" prop:value=move || form.with(|f| f.note.clone()) on:input=set(|f, v| f.note = v)></textarea>
            <p id="booking-error" class="error" role="alert">
                {move || error.get().map(|e| booking_error_text(e, lang()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
            <div class="actions">
                <button id="booking-save" class="primary" type="submit">{move || mv(Mv::Save, lang())}</button>
                <a class="button" href="/moving">{move || mv(Mv::Cancel, lang())}</a>
            </div>
        </form>
    }
}
