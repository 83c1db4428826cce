//! `/`: every request, newest first. Cards on a tablet, a table on a desk (CSS decides).

use crate::i18n::{status_label, Key};
use crate::model::{self, RequestView};
use crate::ui::use_ui;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn RequestsPage() -> impl IntoView {
    let ui = use_ui();
    let rows = Memo::new(move |_| ui.snap.with(|s| model::requests(&s.state, &s.pending_ids)));
    view! {
        <section class="requests">
            <h2>{move || ui.t(Key::NavRequests)}</h2>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || view! { <p class="empty">{move || ui.t(Key::NoRequests)}</p> }
            >
                <table class="request-table">
                    <thead>
                        <tr>
                            <th>{move || ui.t(Key::Unit)}</th>
                            <th>{move || ui.t(Key::Description)}</th>
                            <th>{move || ui.t(Key::Status)}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.get()
                            key=|r| (r.id.clone(), r.status.clone(), r.description.clone(), r.pending, r.urgent, r.unit_number.clone())
                            children=move |r| view! { <Row r=r /> }
                        />
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

#[component]
fn Row(r: RequestView) -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let href = format!("/requests/{}", r.id);
    let status = r.status();
    view! {
        <tr
            data-testid="request-row"
            class="request-row"
            class:urgent=r.urgent
            data-id=r.id.to_string()
            data-pending=r.pending.to_string()
            data-status=r.status.clone()
            on:click=move |_| navigate(&href, Default::default())
        >
            <td class="unit">
                {r.unit_number.clone()}
                {r.urgent.then(|| view! { <span class="badge urgent">{move || ui.t(Key::UrgentBadge)}</span> })}
            </td>
            <td class="desc">{r.description.clone()}</td>
            <td class="status">
                <span class=format!("chip status-{}", r.status)>{move || status_label(status, ui.lang.get())}</span>
            </td>
            <td class="flags">
                {r.pending.then(|| view! { <span class="badge pending" title=move || ui.t(Key::PendingMarker)>{move || ui.t(Key::PendingMarker)}</span> })}
            </td>
        </tr>
    }
}
