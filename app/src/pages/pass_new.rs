//! `/passes/new?unit=<id>&booking=<id>`: issuing a release pass — the unit (from the query,
//! else a picker), the booking it goes with, goods, bearer, their phone and plate, the day
//! it is valid — routed to the site's security department, saved offline as one edit
//! (`model::pass::pass_edits`); saving opens the printable pass.
//!
//! DOM: `select#pass-unit`, `select#pass-booking`, `textarea#pass-goods`, `#pass-bearer`,
//! `#pass-phone`, `#pass-plate`, `input#pass-day` (type=date), `button#pass-save`,
//! `#pass-error`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{mv, pass_error_text, Key, Mv};
use crate::model::moving::{bookings, unit_choices};
use crate::model::pass::{pass_edits, security_department, PassError, PassForm};
use crate::platform::today;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::moving::BookingStatus;
use shared::RecordId;

#[component]
pub fn PassNewPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let lang = move || ui.lang.get();
    let q = use_query_map();
    let query = |name: &str| {
        let v = q.with_untracked(|q| q.get(name)).unwrap_or_default();
        Some(RecordId::from(v.as_str())).filter(RecordId::is_valid)
    };
    let booking = query(shared::names::field::BOOKING);
    let day = booking
        .as_ref()
        .and_then(|b| {
            ui.snap.with_untracked(|s| bookings(&s.state).into_iter().find(|r| &r.id == b))
        })
        .map(|b| b.day)
        .unwrap_or_else(today);
    let form = RwSignal::new(PassForm {
        unit: query(shared::names::field::UNIT),
        booking,
        valid_day: day,
        ..Default::default()
    });
    let units = Memo::new(move |_| ui.snap.with(|s| unit_choices(&s.state)));
    let unit_bookings = Memo::new(move |_| {
        let unit = form.with(|f| f.unit.clone());
        ui.snap.with(|s| {
            bookings(&s.state)
                .into_iter()
                .filter(|b| b.unit == unit && b.status == Some(BookingStatus::Booked))
                .collect::<Vec<_>>()
        })
    });
    let error = RwSignal::new(None::<PassError>);
    let save_error = RwSignal::new(None::<Key>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(actor) = ui.actor() else { return };
        let id = RecordId::new_v7();
        let security = ui.snap.with_untracked(|s| security_department(&s.state));
        match pass_edits(&id, &form.get_untracked(), security.as_ref(), &actor) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => {
                error.set(None);
                let navigate = navigate.clone();
                ui.save(edits, save_error, move || {
                    navigate(&format!("/passes/{id}"), Default::default())
                });
            }
        }
    };
    let set = move |apply: fn(&mut PassForm, String)| {
        move |ev: leptos::ev::Event| form.update(|f| apply(f, event_target_value(&ev)))
    };
    view! {
        <form id="pass-form" class="pass-form card" on:submit=save novalidate>
            <PageHeading>{move || mv(Mv::NewPass, lang())}</PageHeading>
            <label for="pass-unit">{move || mv(Mv::Unit, lang())}</label>
            <select id="pass-unit" on:change=set(|f, v| f.unit = Some(RecordId::from(v.as_str())).filter(RecordId::is_valid))>
                <option value="">{move || mv(Mv::ChooseUnit, lang())}</option>
                {move || units.get().into_iter().map(|(id, label)| {
                    let chosen = form.with_untracked(|f| f.unit.as_ref() == Some(&id));
                    view! { <option value=id.to_string() selected=chosen translate="no">{label}</option> }
                }).collect_view()}
            </select>
            <label for="pass-booking">{move || mv(Mv::Booking, lang())}</label>
            <select id="pass-booking" on:change=set(|f, v| f.booking = Some(RecordId::from(v.as_str())).filter(RecordId::is_valid))>
                <option value="">{move || mv(Mv::NoBooking, lang())}</option>
                {move || unit_bookings.get().into_iter().map(|b| {
                    let chosen = form.with_untracked(|f| f.booking.as_ref() == Some(&b.id));
                    view! { <option value=b.id.to_string() selected=chosen>{format!("{} {}", b.day, b.goods)}</option> }
                }).collect_view()}
            </select>
            <label for="pass-goods">{move || mv(Mv::Goods, lang())}</label>
            <textarea id="pass-goods" rows="3" on:input=set(|f, v| f.goods = v)></textarea>
            <label for="pass-bearer">{move || mv(Mv::Bearer, lang())}</label>
            <input id="pass-bearer" on:input=set(|f, v| f.bearer = v) />
            <label for="pass-phone">{move || mv(Mv::BearerPhone, lang())}</label>
            <input id="pass-phone" type="tel" on:input=set(|f, v| f.bearer_phone = v) />
            <label for="pass-plate">{move || mv(Mv::Plate, lang())}</label>
            <input id="pass-plate" on:input=set(|f, v| f.plate = v) />
            <label for="pass-day">{move || mv(Mv::ValidDay, lang())}</label>
            <input id="pass-day" type="date" prop:value=move || form.with(|f| f.valid_day.clone()) on:input=set(|f, v| f.valid_day = v) />
            <p id="pass-error" class="error" role="alert">
                {move || error.get().map(|e| pass_error_text(e, lang()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
            <div class="actions">
                <button id="pass-save" class="primary" type="submit">{move || mv(Mv::Issue, lang())}</button>
                <a class="button" href="/passes">{move || mv(Mv::Cancel, lang())}</a>
            </div>
        </form>
    }
}
