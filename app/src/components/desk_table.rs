//! The office's desk table's parts: the header row whose columns sort on a click
//! (`model::desk`), a row's cells, and the export of what the filters keep, in the order
//! shown, to an XLSX workbook.

use crate::components::table_parts::sort_header;
use crate::context::use_ui;
use crate::i18n::{status_label, Key, Lang};
use crate::model::desk::{self, DeskColumn, DeskRow};
use crate::register::table::Sort;
use leptos::prelude::*;
use shared::request::RequestStatus;

/// The workbook's type (a download of it).
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The header row: the office's select column, the thumbnail, each sortable column, flags.
#[component]
pub fn DeskHeaders(sort: RwSignal<Sort<DeskColumn>>, page: RwSignal<usize>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <tr>
            <Show when=move || ui.is_office()><th class="select"><span class="sr-only">{move || ui.t(Key::ColSelect)}</span></th></Show>
            <th class="thumb"><span class="sr-only">{move || ui.t(Key::Photos)}</span></th>
            {DeskColumn::ALL
                .iter()
                .map(|&c| sort_header(sort, page, c, c.name(), c.label()))
                .collect_view()}
            <th class="flags"><span class="sr-only">{move || ui.t(Key::ColFlags)}</span></th>
        </tr>
    }
}

/// A row's desk cells (`cells` in [`DeskColumn::ALL`]'s order): the status as its chip, the
/// number with the urgent badge. Drawn once in `lang`, nothing reactive: the list re-renders
/// a row whose language or content changed (its key holds them).
pub fn desk_cells(
    cells: [String; 10],
    status: RequestStatus,
    urgent: bool,
    lang: Lang,
) -> impl IntoView {
    DeskColumn::ALL
        .iter()
        .zip(cells)
        .map(|(&c, text)| match c {
            DeskColumn::Status => view! {
                <td class="d-status" data-col=c.name()>
                    <span class=format!("chip status-{}", status.as_str())>{status_label(status, lang)}</span>
                </td>
            }
            .into_any(),
            DeskColumn::Number => view! {
                // The badge goes under the number when the column must be narrow.
                <td class="d-number" data-col=c.name()>
                    <span class="nobr">{text}</span>" "
                    {urgent.then(|| view! { <span class="badge urgent">{Key::UrgentBadge.text(lang)}</span> })}
                </td>
            }
            .into_any(),
            // A time wraps, if it must, between its date and its hour, never inside them.
            DeskColumn::Due | DeskColumn::Created => {
                let (date, hour) = text.split_once(' ').unwrap_or((&text, ""));
                let (date, hour) = (date.to_owned(), hour.to_owned());
                view! {
                    <td class=format!("d-{}", c.name()) data-col=c.name()>
                        <span class="nobr">{date}</span>" "<span class="nobr">{hour}</span>
                    </td>
                }
                .into_any()
            }
            _ => {
                let title = text.clone();
                // Names, places and descriptions are the users' data, in whatever language
                // they were written; the type and status are words of the page's language.
                let data = !matches!(c, DeskColumn::Type | DeskColumn::Status);
                let translate = if data { "no" } else { "yes" };
                view! { <td class=format!("d-{}", c.name()) data-col=c.name() title=title translate=translate>{text}</td> }
                    .into_any()
            }
        })
        .collect_view()
}

/// The export button: the rows `shown` (positions in the list, filtered and sorted) as the
/// table shows them, headers in the chosen language.
#[component]
pub fn DeskExport(shown: Memo<Vec<usize>>, desk_rows: Memo<Vec<DeskRow>>) -> impl IntoView {
    let ui = use_ui();
    let error = RwSignal::new(None::<String>);
    let export = move |_| {
        let (lang, offset) = (ui.lang.get_untracked(), crate::platform::utc_offset_min());
        let bytes = shown.with_untracked(|order| {
            ui.requests.with_untracked(|l| {
                desk_rows.with_untracked(|d| desk::workbook(l, d, order, lang, offset))
            })
        });
        let saved = bytes.and_then(|b| {
            let name = format!("{}.xlsx", ui.t(Key::NavRequests));
            crate::platform::download_bytes(&name, &b, XLSX_MIME)
        });
        error.set(saved.err());
    };
    view! {
        <div class="desk-export">
            <button id="desk-export" type="button" on:click=export>{move || ui.t(Key::DeskExport)}</button>
            <span class="error" role="alert">{move || error.get()}</span>
        </div>
    }
}
