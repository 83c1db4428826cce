//! `/`: the requests, newest first, open ones by default, with a search on unit number and
//! description. Cards on a tablet, a table on a desk (CSS decides). An office replica holds
//! thousands of requests: the list is worked out once per change of the replica (the
//! context's `requests` memo, kept while a request is open), a keystroke only filters it, and
//! only one page of rows is in the document.

use crate::components::table_parts::Pager;
use crate::context::use_ui;
use crate::i18n::{category_label, status_label, Key};
use crate::model::{RequestFilter, RequestView};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Rows on one page of the list: more than a desk screen shows, few enough that a keystroke
/// that changes them all re-renders them within a frame or two.
const PAGE_ROWS: usize = 50;

/// The list with its search and open/all filter (`model::RequestFilter`).
#[component]
pub fn RequestsPage() -> impl IntoView {
    let ui = use_ui();
    let filter = RwSignal::new(RequestFilter::default());
    let page = RwSignal::new(0usize);
    // Positions in the list of the requests the filter keeps.
    let shown = Memo::new(move |_| filter.with(|f| ui.requests.with(|l| l.select(f))));
    let total = Signal::derive(move || shown.with(Vec::len));
    let pages = Signal::derive(move || total.get().div_ceil(PAGE_ROWS).max(1));
    let visible = move || {
        let first = page.get().min(pages.get() - 1) * PAGE_ROWS;
        shown.with(|idx| {
            ui.requests.with(|l| {
                idx.iter()
                    .skip(first)
                    .take(PAGE_ROWS)
                    .map(|&i| l.rows[i].clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let empty_text = move || {
        if ui.requests.with(|l| l.rows.is_empty()) {
            ui.t(Key::NoRequests)
        } else {
            ui.t(Key::NoMatches)
        }
    };
    view! {
        <section class="requests">
            <h2>{move || ui.t(Key::NavRequests)}</h2>
            <div class="filter-bar">
                <input
                    id="req-search"
                    type="search"
                    placeholder=move || ui.t(Key::SearchRequests)
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| {
                        page.set(0);
                        filter.update(|f| f.text = event_target_value(&ev));
                    }
                />
                <select
                    id="req-status-filter"
                    on:change=move |ev| {
                        page.set(0);
                        filter.update(|f| f.include_closed = event_target_value(&ev) == "all");
                    }
                >
                    <option value="open">{move || ui.t(Key::OpenOnly)}</option>
                    <option value="all">{move || ui.t(Key::AllRequests)}</option>
                </select>
            </div>
            <Show
                when=move || { total.get() > 0 }
                fallback=move || view! { <p class="empty">{empty_text}</p> }
            >
                <table class="request-table" data-total=move || total.get().to_string()>
                    <thead>
                        <tr>
                            <th>{move || ui.t(Key::Unit)}</th>
                            <th>{move || ui.t(Key::Description)}</th>
                            <th class="desk-only">{move || ui.t(Key::Category)}</th>
                            <th>{move || ui.t(Key::Status)}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=visible
                            key=|r| (r.id.clone(), r.status, r.description.clone(), r.pending, r.urgent, r.unit_number.clone())
                            children=move |r| view! { <Row r=r /> }
                        />
                    </tbody>
                </table>
                <Show when=move || { pages.get() > 1 }>
                    <Pager id="req-pager" page=page pages=pages total=total />
                </Show>
            </Show>
        </section>
    }
}

/// One request row; a tap opens the detail page.
#[component]
fn Row(r: RequestView) -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let href = format!("/requests/{}", r.id);
    let (status, category) = (r.status, r.category);
    view! {
        <tr
            data-testid="request-row"
            class="request-row"
            class:urgent=r.urgent
            data-id=r.id.to_string()
            data-pending=r.pending.to_string()
            data-status=r.status.as_str()
            on:click=move |_| navigate(&href, Default::default())
        >
            <td class="unit">
                {r.unit_number.clone()}
                {r.urgent.then(|| view! { <span class="badge urgent">{move || ui.t(Key::UrgentBadge)}</span> })}
            </td>
            <td class="desc">{r.description.clone()}</td>
            <td class="category desk-only">
                {move || category.map(|c| category_label(c, ui.lang.get())).unwrap_or("")}
            </td>
            <td class="status">
                <span class=format!("chip status-{}", r.status.as_str())>{move || status_label(status, ui.lang.get())}</span>
            </td>
            <td class="flags">
                {r.pending.then(|| view! { <span class="badge pending" title=move || ui.t(Key::PendingMarker)>{move || ui.t(Key::PendingMarker)}</span> })}
            </td>
        </tr>
    }
}
