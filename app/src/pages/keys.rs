//! `/keys`: the keys in custody (钥匙托管) that the user holds — the butler's area, every
//! area for the office — overdue and out first, each with where it is, who has it and
//! until when (`model::keys::deposits` at the server-corrected time).
//!
//! DOM: `#keys`, `tr.key-row[data-id][data-state]`, `#keys-overdue li.key-overdue`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::service_words::{key_state_label, Sv};
use crate::model::deadlines::settings;
use crate::model::keys::{deposits, DepositRow};
use crate::platform::format_time;
use leptos::prelude::*;
use shared::keys::KeyState;

/// The area's deposits at the server-corrected time, refreshed every minute.
pub fn deposit_rows() -> Memo<Vec<DepositRow>> {
    let ui = use_ui();
    Memo::new(move |_| {
        ui.tick.track();
        let now = ui.now();
        ui.snap.with(|s| deposits(&s.state, now, settings(&s.state).key_due_h))
    })
}

/// The keys page.
#[component]
pub fn KeysPage() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: Sv| k.text(ui.lang.get());
    let rows = deposit_rows();
    let overdue = Memo::new(move |_| {
        rows.with(|r| {
            r.iter().filter(|r| r.state == KeyState::Overdue).cloned().collect::<Vec<_>>()
        })
    });
    view! {
        <section id="keys" class="keys-page">
            <PageHeading>{move || w(Sv::KeysTitle)}</PageHeading>
            <p><a id="keys-new" class="button primary" href="/keys/new">{move || w(Sv::NewDeposit)}</a></p>
            <section id="keys-overdue" class="card">
                <h2>{move || w(Sv::DayOverdueKeys)} " " <span class="count">{move || overdue.with(Vec::len)}</span></h2>
                <OverdueList items=Signal::derive(move || overdue.get()) />
            </section>
            <Show when=move || rows.with(Vec::is_empty)><p class="empty">{move || w(Sv::NoKeys)}</p></Show>
            <div class="table-scroll">
            <table class="desk-table">
                <thead><tr>
                    <th scope="col">{move || w(Sv::Place)}</th>
                    <th scope="col">{move || w(Sv::Tag)}</th>
                    <th scope="col">{move || w(Sv::KeyCount)}</th>
                    <th scope="col">{move || w(Sv::KeyStateLabel)}</th>
                    <th scope="col">{move || w(Sv::Holder)}</th>
                    <th scope="col">{move || w(Sv::DueAt)}</th>
                </tr></thead>
                <tbody>
                    <For each=move || rows.get() key=|r| format!("{r:?}") children=move |r| {
                        let state = r.state;
                        view! {
                            <tr class="key-row" data-id=r.id.0.clone() data-state=state.as_str()>
                                <td><a href=format!("/keys/{}", r.id) translate="no">{r.place.clone()}</a></td>
                                <td translate="no">{r.tag.clone()}</td>
                                <td>{r.key_count}</td>
                                <td class=format!("key-state {}", state.as_str())>{move || key_state_label(state, ui.lang.get())}</td>
                                <td translate="no">{r.holder.clone()}</td>
                                <td>{r.due_at.map(|d| format_time(d as u64))}</td>
                            </tr>
                        }
                    } />
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// Keys out past their due time, each a link to its deposit (`li.key-overdue`).
#[component]
pub fn OverdueList(items: Signal<Vec<DepositRow>>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <Show when=move || items.with(Vec::is_empty)><p class="empty">{move || ui.t(crate::i18n::Key::DayNothing)}</p></Show>
        <ul>
            <For each=move || items.get() key=|r| format!("{r:?}") children=move |r| view! {
                <li class="key-overdue" data-id=r.id.0.clone()>
                    <a class="day-item" href=format!("/keys/{}", r.id)>
                        <span translate="no">{r.place.clone()} " " {r.tag.clone()}</span>
                        " · " <span translate="no">{r.holder.clone()}</span>
                        " · " {r.due_at.map(|d| format_time(d as u64))}
                    </a>
                </li>
            } />
        </ul>
    }
}
