//! `/`: the requests, newest first, open ones by default, with a search on unit number and
//! description; on the desk also pickers for status, type, area, department and overdue, and
//! a bulk reassignment for the office. Cards on a tablet; on a desk a dense table of the
//! whole width (number, type, status, area, building/unit, description, assignee,
//! department, due, created: `model::desk`), sorted by a clicked header and exported to XLSX
//! as filtered and sorted (`components::desk_table`).
//! An office replica holds thousands of requests: the list is worked out once per change of
//! the replica (the context's `requests` memo, kept while a request is open), a keystroke or
//! a picker only filters it, and only one page of rows is in the document. Each row shows
//! its first photo's thumbnail, loaded only once the row is in view (`photo_strip.rs`).

use crate::components::bulk_reassign::BulkReassign;
use crate::components::desk_table::{DeskExport, DeskHeaders};
use crate::components::page_heading::PageHeading;
use crate::components::photo_strip::row_photo;
use crate::components::table_parts::Pager;
use crate::context::use_ui;
use crate::i18n::{category_label, fill, status_label, Key, Lang};
use crate::model::desk::{self, DeskRow};
use crate::model::{DeskFilter, RequestFilter, RequestView, RowMeta};
use crate::photos::list::{first_thumbs, PhotoView};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::names::kind;
use shared::request::{Category, RequestStatus};
use shared::RecordId;
use std::collections::BTreeSet;

/// Rows on one page of the list: on a desk more than its screen shows; on a tablet two
/// screens of cards. A keystroke that changes them all re-renders them, at about 2 ms a card
/// on a tablet's CPU (Chromium throttled 4×) against 100 ms wanted for the keystroke (issue
/// 26; the bench's figures are in docs/ARCHITECTURE.md).
fn page_rows(wide: bool) -> usize {
    if wide {
        50
    } else {
        20
    }
}

/// The list with its search, open/all filter and desk pickers.
#[component]
pub fn RequestsPage() -> impl IntoView {
    let ui = use_ui();
    let filter = RwSignal::new(RequestFilter::default());
    let desk = RwSignal::new(DeskFilter::default());
    let page = RwSignal::new(0usize);
    let selected = RwSignal::new(BTreeSet::<RecordId>::new());
    let sort = RwSignal::new(desk::default_sort());
    // The desk's names (area, building/unit) per row, once per change of the list.
    let desk_rows = Memo::new(move |_| {
        ui.requests.with(|l| ui.snap.with_untracked(|s| desk::desk_rows(l, &s.state)))
    });
    // Positions in the list of the requests the filters keep, in the order shown.
    let shown = Memo::new(move |_| {
        let kept = filter.with(|f| desk.with(|d| ui.requests.with(|l| l.select_desk(f, d))));
        ui.requests.with(|l| desk_rows.with(|d| desk::sorted(l, d, &kept, sort.get())))
    });
    // The first photo's thumbnail per request: one pass over the photos when they changed
    // (not when other records or only the upload queue did).
    let revision = Memo::new(move |_| ui.snap.with(|s| s.revision));
    let kept: StoredValue<PhotoView<(), _>, LocalStorage> =
        StoredValue::new_local(Default::default());
    let thumbs = Memo::new(move |_| {
        revision.with(|_| ());
        ui.snap.with_untracked(|s| {
            kept.try_update_value(|k| k.get(&s.state, &(), |state, _| first_thumbs(state)))
                .unwrap_or_default()
        })
    });
    let total = Signal::derive(move || shown.with(Vec::len));
    let per_page = move || page_rows(ui.wide.get());
    let pages = Signal::derive(move || total.get().div_ceil(per_page()).max(1));
    let visible = move || {
        let first = page.get().min(pages.get() - 1) * per_page();
        // The desk's cells (in the chosen language), none on a tablet.
        let (wide, lang, offset) =
            (ui.wide.get(), ui.lang.get(), crate::platform::utc_offset_min());
        // Drawn into each row once, so part of its key.
        let look = RowLook { lang, office: ui.is_office() };
        let none = DeskRow::default();
        shown.with(|idx| {
            ui.requests.with(|l| {
                desk_rows.with(|d| {
                    thumbs.with(|t| {
                        idx.iter()
                            .skip(first)
                            .take(per_page())
                            .map(|&i| {
                                let (r, m) =
                                    (&l.rows[i], l.meta.get(i).cloned().unwrap_or_default());
                                let desk = d.get(i).unwrap_or(&none);
                                let cells = wide.then(|| desk.cells(r, lang, offset));
                                // A card names the unit, or a finding's building.
                                let place = desk.place.clone();
                                (r.clone(), m, t.get(&r.id).cloned(), (cells, place, look))
                            })
                            .collect::<Vec<_>>()
                    })
                })
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
    let late = move || {
        let (o, s) = ui.requests.with(|l| l.late_counts());
        fill(ui.t(Key::LateCounts), &[("o", o), ("s", s)])
    };
    let office = move || ui.is_office();
    view! {
        <section class="requests">
            <PageHeading>{move || ui.t(Key::NavRequests)}</PageHeading>
            <crate::components::thumb::NewRequestButton />
            <p id="late-counts" class="late-counts" data-overdue=move || ui.requests.with(|l| l.late_counts().0.to_string())>
                {late}
            </p>
            <div class="filter-bar">
                <input
                    id="req-search"
                    type="search"
                    aria-label=move || ui.t(Key::SearchRequests)
                    placeholder=move || ui.t(Key::SearchRequests)
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| {
                        page.set(0);
                        filter.update(|f| f.text = event_target_value(&ev));
                    }
                />
                <select
                    id="req-status-filter"
                    aria-label=move || ui.t(Key::Status)
                    on:change=move |ev| {
                        page.set(0);
                        filter.update(|f| f.include_closed = event_target_value(&ev) == "all");
                    }
                >
                    <option value="open">{move || ui.t(Key::OpenOnly)}</option>
                    <option value="all">{move || ui.t(Key::AllRequests)}</option>
                </select>
                <Show when=move || ui.wide.get()>
                    <DeskPickers desk=desk page=page />
                </Show>
            </div>
            <Show when=office>
                <BulkReassign selected=selected />
            </Show>
            <Show when=move || ui.wide.get()>
                <DeskExport shown=shown desk_rows=desk_rows />
            </Show>
            <Show
                when=move || { total.get() > 0 }
                fallback=move || view! { <p class="empty">{empty_text}</p> }
            >
                // On a narrow desk the table scrolls in its own box, never the page.
                <div class="table-scroll">
                <table class="request-table" class:desk-table=move || ui.wide.get() data-total=move || total.get().to_string()>
                    <thead>
                        <Show
                            when=move || ui.wide.get()
                            fallback=move || view! {
                                <tr>
                                    <Show when=office><th class="select"><span class="sr-only">{move || ui.t(Key::ColSelect)}</span></th></Show>
                                    <th class="thumb"><span class="sr-only">{move || ui.t(Key::Photos)}</span></th>
                                    <th>{move || ui.t(Key::Unit)}</th>
                                    <th>{move || ui.t(Key::Description)}</th>
                                    <th>{move || ui.t(Key::Status)}</th>
                                    <th><span class="sr-only">{move || ui.t(Key::ColFlags)}</span></th>
                                </tr>
                            }
                        >
                            <DeskHeaders sort=sort page=page />
                        </Show>
                    </thead>
                    <tbody>
                        <For
                            each=visible
                            key=|(r, m, t, c)| (r.id.clone(), r.status, r.description.clone(), r.pending, r.urgent, m.timing, t.clone(), c.clone())
                            children=move |(r, m, t, (cells, place, look))| view! { <Row r=r m=m thumb=t cells=cells place=place look=look selected=selected /> }
                        />
                    </tbody>
                </table>
                </div>
                <Show when=move || { pages.get() > 1 }>
                    <Pager id="req-pager" page=page pages=pages total=total />
                </Show>
            </Show>
        </section>
    }
}

/// The desk's pickers: status, type, area, department, overdue only.
#[component]
fn DeskPickers(desk: RwSignal<DeskFilter>, page: RwSignal<usize>) -> impl IntoView {
    let ui = use_ui();
    let areas = Memo::new(move |_| ui.snap.with(|s| crate::model::names(&s.state, kind::AREA)));
    let depts =
        Memo::new(move |_| ui.snap.with(|s| crate::model::names(&s.state, kind::DEPARTMENT)));
    let set = move |f: &dyn Fn(&mut DeskFilter)| {
        page.set(0);
        desk.update(f);
    };
    let id = |v: String| Some(RecordId(v)).filter(RecordId::is_valid);
    let options = |list: Memo<Vec<(RecordId, String)>>| {
        move || {
            list.get()
                .into_iter()
                .map(|(id, name)| view! { <option translate="no" value=id.0>{name}</option> })
                .collect_view()
        }
    };
    view! {
        <select id="filter-status" aria-label=move || ui.t(Key::Status) on:change=move |ev| { let v = RequestStatus::parse(&event_target_value(&ev)); set(&|d| d.status = v) }>
            <option value="">{move || ui.t(Key::AllStates)}</option>
            {RequestStatus::ALL.iter().map(|&s| view! { <option value=s.as_str()>{move || status_label(s, ui.lang.get())}</option> }).collect_view()}
        </select>
        <select id="filter-type" aria-label=move || ui.t(Key::RequestType) on:change=move |ev| { let v = Category::parse(&event_target_value(&ev)); set(&|d| d.category = v) }>
            <option value="">{move || ui.t(Key::AnyType)}</option>
            {Category::ALL.iter().map(|&c| view! { <option value=c.as_str()>{move || category_label(c, ui.lang.get())}</option> }).collect_view()}
        </select>
        <select id="filter-area" aria-label=move || ui.t(Key::Area) on:change=move |ev| { let v = id(event_target_value(&ev)); set(&|d| d.area = v.clone()) }>
            <option value="">{move || ui.t(Key::AnyArea)}</option>
            {options(areas)}
        </select>
        <select id="filter-department" aria-label=move || ui.t(Key::Department) on:change=move |ev| { let v = id(event_target_value(&ev)); set(&|d| d.department = v.clone()) }>
            <option value="">{move || ui.t(Key::AnyDepartment)}</option>
            {options(depts)}
        </select>
        <label class="check">
            <input id="filter-overdue" type="checkbox" on:change=move |ev| { let v = event_target_checked(&ev); set(&|d| d.overdue = v) } />
            {move || ui.t(Key::OverdueOnly)}
        </label>
    }
}

/// What a row draws once rather than watches: its words' language and whether it has the
/// office's select box. A keystroke re-renders up to a page of rows, and a reactive word or
/// `Show` per row made each one several times dearer on a tablet (issue 26).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct RowLook {
    lang: Lang,
    office: bool,
}

/// One request row; a tap opens the detail page. Overdue and stuck rows are marked; `thumb`
/// is the first photo's thumbnail hash; `cells` the desk's columns (a card without them);
/// `place` the unit's number, or the building of a request without a unit.
#[component]
fn Row(
    r: RequestView,
    m: RowMeta,
    thumb: Option<String>,
    cells: Option<[String; 10]>,
    place: String,
    look: RowLook,
    selected: RwSignal<BTreeSet<RecordId>>,
) -> impl IntoView {
    let RowLook { lang, office } = look;
    let navigate = use_navigate();
    let href = format!("/requests/{}", r.id);
    let status = r.status;
    let id = r.id.clone();
    let checked = {
        let id = id.clone();
        move || selected.with(|s| s.contains(&id))
    };
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        selected.update(|s| {
            if on {
                s.insert(id.clone());
            } else {
                s.remove(&id);
            }
        });
    };
    view! {
        <tr
            data-testid="request-row"
            class="request-row"
            class:urgent=r.urgent
            class:overdue=m.timing.overdue
            class:stuck=m.timing.stuck
            data-id=r.id.to_string()
            data-pending=r.pending.to_string()
            data-status=r.status.as_str()
            data-overdue=m.timing.overdue.to_string()
            data-stuck=m.timing.stuck.to_string()
            on:click=move |_| navigate(&href, Default::default())
        >
            {office.then(|| view! {
                <td class="select" on:click=|ev| ev.stop_propagation()>
                    <input type="checkbox" class="row-select" aria-label=Key::BulkTitle.text(lang) prop:checked=checked on:change=toggle />
                </td>
            })}
            <td class="thumb">{row_photo(thumb, lang)}</td>
            {match cells {
                Some(cells) => crate::components::desk_table::desk_cells(cells, status, r.urgent, lang).into_any(),
                None => view! {
                    <td class="unit">
                        <span translate="no">{place}</span>
                        {r.urgent.then(|| view! { <span class="badge urgent">{Key::UrgentBadge.text(lang)}</span> })}
                    </td>
                    <td class="desc" translate="no">{r.description.clone()}</td>
                    <td class="status">
                        <span class=format!("chip status-{}", r.status.as_str())>{status_label(status, lang)}</span>
                    </td>
                }
                .into_any(),
            }}
            <td class="flags">
                {r.pending.then(|| view! { <span class="badge pending" title=Key::PendingMarker.text(lang)>{Key::PendingMarker.text(lang)}</span> })}
                {m.timing.stuck.then(|| view! { <span class="badge stuck">{Key::Stuck.text(lang)}</span> })}
                {(m.timing.overdue && !m.timing.stuck).then(|| view! { <span class="badge overdue">{Key::Overdue.text(lang)}</span> })}
            </td>
        </tr>
    }
}
