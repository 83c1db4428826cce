//! The desk log of `/frontdesk`: today's entries and every missed call not returned, newest
//! first (`model::frontdesk::log_rows`), re-read every minute (`Ui::tick`) so a missed call
//! turns red when `missed_call_h` passes. "To request" makes the request and links the
//! entry in one edit with the device's next number (`Engine::edit_numbered`), then opens it.
//! The log exports to XLSX (`#desk-log-export`, `model::frontdesk::log_lines`) and prints
//! (`#desk-log-print`).

use crate::context::use_ui;
use crate::i18n::Rw;
use crate::i18n::{channel_label, desk_error_text, desk_outcome_label, fd, Fd, Key};
use crate::model::deadlines;
use crate::model::frontdesk::{
    log_lines, log_rows, request_form, returned_edits, to_request_edits, DeskError,
};
use crate::model::intake::{self, request_number};
use crate::model::report_tables::time_text;
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::frontdesk::{Channel, DeskOutcome};
use shared::names::kind;
use shared::report::period::day_start;
use shared::{Kind, RecordId};

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[component]
pub fn DeskLog() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<DeskError>);
    let save_error = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        ui.tick.track();
        let now = ui.now();
        ui.snap.with(|s| {
            let settings = deadlines::settings(&s.state);
            log_rows(&s.state, day_start(now, utc_offset_min()), &settings, now)
        })
    });
    let to_request = move |entry: RecordId| {
        if busy.get_untracked() {
            return;
        }
        let (Some(engine), Some(actor)) = (ui.engine(), ui.actor()) else {
            return save_error.set(Some(Key::SaveFailed));
        };
        let state = ui.snap.with_untracked(|s| s.state.clone());
        let Some(f) = state.record(&Kind::new(kind::DESK_ENTRY), &entry).cloned() else { return };
        let form = request_form(&state, &f);
        let code = intake::area_code(&state, &form);
        let date = intake::local_date(actor.at, utc_offset_min());
        let request = RecordId::new_v7();
        // Checked first with a stand-in number: a refused entry takes no number.
        if let Err(e) = to_request_edits(&state, &entry, &request, "", &actor) {
            return error.set(Some(e));
        }
        error.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let saved = crate::update::saving(engine.edit_numbered(|taken| {
                let number = request_number(&code, date, taken);
                to_request_edits(&state, &entry, &request, &number, &actor).unwrap_or_default()
            }))
            .await;
            busy.set(false);
            match saved {
                Ok(_) => {
                    ui.sync_now();
                    navigate(&format!("/requests/{request}"), Default::default());
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("save failed: {e}").into());
                    save_error.set(Some(Key::SaveFailed));
                }
            }
        });
    };
    let to_request = StoredValue::new_local(to_request);
    let returned = move |entry: RecordId| {
        let Some(actor) = ui.actor() else { return };
        ui.save(returned_edits(&entry, &actor), save_error, || {});
    };
    let offset = utc_offset_min();
    let export = move |_| {
        let l = ui.lang.get_untracked();
        let heads = [
            Fd::Time,
            Fd::Channel,
            Fd::Caller,
            Fd::Phone,
            Fd::Place,
            Fd::Topic,
            Fd::Outcome,
            Fd::Request,
            Fd::Returned,
            Fd::By,
        ]
        .map(|w| fd(w, l));
        let lines = rows.with_untracked(|r| {
            let labels = |c: Option<Channel>, o: Option<DeskOutcome>| {
                let c = c.map(|c| channel_label(c, l)).unwrap_or_default();
                (c.to_owned(), o.map(|o| desk_outcome_label(o, l)).unwrap_or_default().to_owned())
            };
            log_lines(r, labels, |t| time_text(t, offset))
        });
        let title = fd(Fd::TodayLog, l);
        let saved = crate::model::xlsx::table(title, &heads, &lines)
            .and_then(|b| crate::platform::download_bytes(&format!("{title}.xlsx"), &b, XLSX_MIME));
        if saved.is_err() {
            save_error.set(Some(Key::SaveFailed));
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="card desk-log printable">
            <h2>{move || fd(Fd::TodayLog, lang())}</h2>
            <p class="actions no-print">
                <button id="desk-log-export" type="button" on:click=export>{move || Rw::Export.text(lang())}</button>
                <button id="desk-log-print" type="button" class="ghost" on:click=print>{move || Rw::Print.text(lang())}</button>
            </p>
            <p class="error" role="alert">
                {move || error.get().map(|e| desk_error_text(e, lang()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
            <Show when=move || rows.with(|r| !r.is_empty()) fallback=move || view! { <p class="muted">{fd(Fd::NoEntries, lang())}</p> }>
                <div class="table-scroll">
                <table id="desk-log" class="desk-table">
                    <thead><tr>
                        <th scope="col">{move || fd(Fd::Time, lang())}</th>
                        <th scope="col">{move || fd(Fd::Channel, lang())}</th>
                        <th scope="col">{move || fd(Fd::Caller, lang())}</th>
                        <th scope="col">{move || fd(Fd::Place, lang())}</th>
                        <th scope="col">{move || fd(Fd::Topic, lang())}</th>
                        <th scope="col">{move || fd(Fd::Outcome, lang())}</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| (r.id.clone(), r.request.clone(), r.returned_at, r.overdue, r.outcome) let:r>
                            {
                                let id = r.id.clone();
                                let id2 = r.id.clone();
                                let missed = r.channel == Some(Channel::MissedCall);
                                let open_call = missed && r.returned_at.is_none();
                                let no_request = r.request.is_none();
                                view! {
                                    <tr class="desk-row" class:overdue=r.overdue data-entry=r.id.0.clone() data-overdue=r.overdue.to_string()>
                                        <td>{time_text(r.at, offset)}</td>
                                        <td>{move || r.channel.map(|c| channel_label(c, lang())).unwrap_or("")}
                                            {r.overdue.then(|| view! { <span class="badge overdue">{move || fd(Fd::Overdue, lang())}</span> })}</td>
                                        <td translate="no">{r.caller.clone()}" "<span class="muted">{r.phone.clone()}</span></td>
                                        <td translate="no">{r.place.clone()}</td>
                                        <td translate="no">{r.topic.clone()}</td>
                                        <td class="desk-actions">
                                            {move || r.outcome.map(|o| desk_outcome_label(o, lang()))}
                                            {r.request.clone().map(|(rid, number)| view! {
                                                <a class="desk-request" href=format!("/requests/{rid}") translate="no">{number}</a>
                                            })}
                                            {r.returned_at.map(|t| view! { <span class="muted">{move || fd(Fd::Returned, lang())}" "{time_text(t, offset)}</span> })}
                                            {no_request.then(|| view! {
                                                <button type="button" class="to-request" data-entry=id.0.clone() disabled=move || busy.get()
                                                    on:click=move |_| to_request.with_value(|f| f(id.clone()))>{move || fd(Fd::ToRequest, lang())}</button>
                                            })}
                                            {open_call.then(|| view! {
                                                <button type="button" class="desk-returned" data-entry=id2.0.clone()
                                                    on:click=move |_| returned(id2.clone())>{move || fd(Fd::ReturnedCall, lang())}</button>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
                </div>
            </Show>
        </section>
    }
}
