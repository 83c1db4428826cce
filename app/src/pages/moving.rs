//! `/moving`: the area's lift bookings by day (coming first, then past) with "cancel", the
//! move-in and move-out checks, and the bookings the server refused because their slot was
//! taken (`.slot-taken`): what the butler typed is kept in the refusal's notices, and
//! "pick another slot" (`#booking-rebook`) opens the booking form filled with it.
//!
//! DOM: `#moving-bookings li[data-booking][data-status]`, `button.booking-cancel`,
//! `.slot-taken[data-booking]`, `#booking-rebook`, `button.slot-taken-drop`,
//! `#moving-checks li[data-check]`, `#moving-book`, `#moving-passes`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{booking_status_label, move_type_label, mv, Mv};
use crate::model::moving::{bookings, cancel_edits, is_past, refused_bookings, unit_label};
use crate::platform::format_date_time;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::moving::{BookingStatus, MoveType, Slot};
use shared::names::{field, kind};
use shared::RecordId;

/// A booking's slot as `09:00–11:00` (its start and the site's slot length).
pub fn slot_text(start: i64, settings: &shared::request::deadline::Settings) -> String {
    let len = settings.moving_slot_h * 60;
    Slot { start_min: start, end_min: start + len }.label()
}

#[component]
pub fn MovingPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let lang = move || ui.lang.get();
    let rows = Memo::new(move |_| ui.snap.with(|s| bookings(&s.state)));
    let refused = Memo::new(move |_| ui.snap.with(|s| refused_bookings(&s.notices)));
    let settings =
        Memo::new(move |_| ui.snap.with(|s| crate::model::deadlines::settings(&s.state)));
    let label = move |u: &Option<RecordId>| {
        u.as_ref().map(|u| ui.snap.with(|s| unit_label(&s.state, u))).unwrap_or_default()
    };
    let error = RwSignal::new(None::<crate::i18n::Key>);
    let checks = Memo::new(move |_| {
        ui.snap.with(|s| {
            let mut out: Vec<(RecordId, Option<RecordId>, Option<MoveType>, i64)> = s
                .state
                .records_of(kind::MOVE_CHECK)
                .filter(|(_, f)| !f.is_deleted())
                .map(|(id, f)| {
                    let ty = f.parsed(field::TYPE, MoveType::parse);
                    (id.clone(), f.reference(field::UNIT), ty, f.int(field::AT).unwrap_or_default())
                })
                .collect();
            out.sort_by_key(|c| std::cmp::Reverse(c.3));
            out
        })
    });
    let drop_refused = move |ids: Vec<String>| {
        let Some(engine) = ui.engine() else { return };
        leptos::task::spawn_local(async move {
            if let Err(e) = engine.ack_notices(&ids).await {
                web_sys::console::error_1(&format!("notice not removed: {e}").into());
            }
        });
    };
    let now = move || ui.now();
    view! {
        <section id="moving" class="moving card">
            <PageHeading>{move || mv(Mv::Title, lang())}</PageHeading>
            <div class="actions">
                <a id="moving-book" class="button primary" href="/moving/book">{move || mv(Mv::BookLift, lang())}</a>
                <a id="moving-passes" class="button" href="/passes">{move || mv(Mv::Passes, lang())}</a>
            </div>
            <p class="hint">{move || mv(Mv::BookHint, lang())}</p>
            <For
                each=move || refused.get()
                key=|r| r.notices.clone()
                children=move |r| {
                    let navigate = navigate.clone();
                    let id = r.id.clone();
                    let id_text = id.to_string();
                    let ids = r.notices.clone();
                    let what = format!("{} · {} · {}", label(&r.form.unit), r.form.day, r.form.slot.map(|s| slot_text(s, &settings.get_untracked())).unwrap_or_default());
                    view! {
                        <div class="slot-taken notice" role="alert" data-booking=id_text>
                            <p>{move || mv(Mv::SlotTakenTitle, lang())}</p>
                            <p class="slot-taken-what" translate="no">{what}</p>
                            <p class="slot-taken-goods">{r.form.goods.clone()}</p>
                            <div class="actions">
                                <button id="booking-rebook" type="button" class="primary"
                                    on:click=move |_| navigate(&format!("/moving/book?refused={id}"), Default::default())>
                                    {move || mv(Mv::Rebook, lang())}
                                </button>
                                <button type="button" class="slot-taken-drop" on:click=move |_| drop_refused(ids.clone())>
                                    {move || mv(Mv::Dismiss, lang())}
                                </button>
                            </div>
                        </div>
                    }
                }
            />
            <h2>{move || mv(Mv::Bookings, lang())}</h2>
            <ul id="moving-bookings" class="moving-bookings">
                <For
                    each=move || {
                        let mut r = rows.get();
                        let n = now();
                        r.sort_by_key(|b| is_past(&b.day, n));
                        r
                    }
                    key=|b| (b.id.clone(), b.status, b.unit.clone())
                    children=move |b| {
                        let id = b.id.clone();
                        let live = b.status == Some(BookingStatus::Booked);
                        let past = is_past(&b.day, now());
                        let cancel_id = id.clone();
                        let pass_href = format!("/passes/new?unit={}&booking={}", b.unit.as_ref().map(|u| u.to_string()).unwrap_or_default(), id);
                        view! {
                            <li data-booking=id.to_string() data-status=b.status.map(|s| s.as_str()).unwrap_or_default() class:past=past class:cancelled=!live>
                                <span class="booking-day" translate="no">{b.day.clone()}" "{slot_text(b.slot, &settings.get_untracked())}</span>
                                <span class="booking-unit" translate="no">{label(&b.unit)}</span>
                                <span class="booking-direction">{move || b.direction.map(|d| move_type_label(d, lang())).unwrap_or("")}</span>
                                <span class="booking-goods" translate="no">{b.goods.clone()}</span>
                                <span class="booking-status">{move || b.status.map(|s| booking_status_label(s, lang())).unwrap_or("")}</span>
                                <Show when=move || live && !past>
                                    <a class="button" href=pass_href.clone()>{move || mv(Mv::NewPass, lang())}</a>
                                    <button type="button" class="booking-cancel" on:click={
                                        let cancel_id = cancel_id.clone();
                                        move |_| ui.save(cancel_edits(&cancel_id), error, || {})
                                    }>{move || mv(Mv::CancelBooking, lang())}</button>
                                </Show>
                            </li>
                        }
                    }
                />
            </ul>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="empty">{move || mv(Mv::NoBookings, lang())}</p>
            </Show>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
            <h2>{move || mv(Mv::Checks, lang())}</h2>
            <ul id="moving-checks" class="moving-checks">
                <For
                    each=move || checks.get()
                    key=|c| c.0.clone()
                    children=move |(id, unit, ty, at)| view! {
                        <li data-check=id.to_string() data-type=ty.map(|t| t.as_str()).unwrap_or_default()>
                            <span>{format_date_time(at)}</span>" "
                            <span translate="no">{label(&unit)}</span>" "
                            <span>{move || ty.map(|t| move_type_label(t, lang())).unwrap_or("")}</span>
                        </li>
                    }
                />
            </ul>
            <Show when=move || checks.with(Vec::is_empty)>
                <p class="empty">{move || mv(Mv::NoChecks, lang())}</p>
            </Show>
        </section>
    }
}
