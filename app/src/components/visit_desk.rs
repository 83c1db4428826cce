//! The office's visits desk table (走访台账): every visit the replica holds, filtered by
//! area, outcome and a search text, sorted by a clicked header, 100 rows a page, and the
//! XLSX of exactly the filtered rows in the order shown (`model::visit_desk`).
//!
//! DOM: `#visit-desk-search`, `#visit-desk-area`, `#visit-desk-outcome`, `#visit-desk`
//! (`th[data-sort]` buttons, `tr.visit-row[data-id]`, `td[data-col]`), `#visit-desk-count`,
//! `#visit-desk-pager`, `#visit-desk-export`.

use crate::components::table_parts::Pager;
use crate::context::use_ui;
use crate::i18n::{visit_outcome_label, vw, Vw};
use crate::model::flow::areas;
use crate::model::visit_desk::{self, desk_rows, VisitColumn, VisitFilter};
use crate::pages::visits::{revision, visit_facts};
use crate::platform::utc_offset_min;
use crate::register::table::Sort;
use leptos::prelude::*;
use shared::visit::VisitOutcome;
use shared::RecordId;

const PAGE: usize = 100;
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[component]
pub fn VisitDesk() -> impl IntoView {
    let ui = use_ui();
    let facts = visit_facts();
    let rev = revision();
    let rows = Memo::new(move |_| {
        // Read, not just tracked: a memo never read has no sources and never moves.
        rev.with(|_| ());
        facts.with(|f| ui.snap.with_untracked(|s| desk_rows(&s.state, f)))
    });
    let area_list = Memo::new(move |_| ui.snap.with(|s| areas(&s.state)));
    let filter = RwSignal::new(VisitFilter::default());
    let sort = RwSignal::new(Sort { column: VisitColumn::At, descending: true });
    let page = RwSignal::new(0usize);
    let shown = Memo::new(move |_| {
        let (f, s, lang) = (filter.get(), sort.get(), ui.lang.get());
        rows.with(|r| visit_desk::shown(r, &f, s, lang, utc_offset_min()))
    });
    let total = Signal::derive(move || shown.with(Vec::len));
    let pages = Signal::derive(move || total.get().div_ceil(PAGE).max(1));
    let lang = move || ui.lang.get();
    let error = RwSignal::new(None::<String>);
    let export = move |_| {
        let l = ui.lang.get_untracked();
        let bytes = shown.with_untracked(|o| {
            rows.with_untracked(|r| visit_desk::workbook(r, o, l, utc_offset_min()))
        });
        let saved = bytes.and_then(|b| {
            crate::platform::download_bytes(
                &format!("{}.xlsx", vw(Vw::DeskTitle, l)),
                &b,
                XLSX_MIME,
            )
        });
        error.set(saved.err());
    };
    let header = move |c: VisitColumn| {
        let state = move || {
            sort.with(|s| match (s.column == c, s.descending) {
                (false, _) => "none",
                (true, false) => "ascending",
                (true, true) => "descending",
            })
        };
        view! {
            <th data-sort=c.name() aria-sort=state>
                <button class="sort" on:click=move |_| { sort.update(|s| *s = s.clicked(c)); page.set(0); }>
                    {move || vw(c.label(), lang())}
                    <span class="arrow">{move || match state() { "ascending" => "▲", "descending" => "▼", _ => "" }}</span>
                </button>
            </th>
        }
    };
    view! {
        <section class="visit-desk">
            <div class="filters">
                <label for="visit-desk-search">{move || vw(Vw::Search, lang())}</label>
                <input id="visit-desk-search" type="search"
                    on:input=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.text = v); page.set(0); } />
                <label for="visit-desk-area">{move || vw(Vw::Area, lang())}</label>
                <select id="visit-desk-area" on:change=move |ev| {
                    let v = Some(RecordId(event_target_value(&ev))).filter(RecordId::is_valid);
                    filter.update(|f| f.area = v);
                    page.set(0);
                }>
                    <option value="">{move || vw(Vw::AllAreas, lang())}</option>
                    {move || area_list.get().into_iter().map(|a| view! {
                        <option value=a.id.0.clone() translate="no">{a.name}</option>
                    }).collect_view()}
                </select>
                <label for="visit-desk-outcome">{move || vw(Vw::Outcome, lang())}</label>
                <select id="visit-desk-outcome" on:change=move |ev| {
                    let v = VisitOutcome::parse(&event_target_value(&ev));
                    filter.update(|f| f.outcome = v);
                    page.set(0);
                }>
                    <option value="">{move || vw(Vw::AllOutcomes, lang())}</option>
                    {VisitOutcome::ALL.iter().map(|&o| view! {
                        <option value=o.as_str()>{move || visit_outcome_label(o, lang())}</option>
                    }).collect_view()}
                </select>
                <span id="visit-desk-count" data-count=move || total.get().to_string()>
                    {move || total.get()}" "{move || vw(Vw::RowsShown, lang())}
                </span>
                <button id="visit-desk-export" type="button" on:click=export>{move || vw(Vw::Export, lang())}</button>
                <span class="error" role="alert">{move || error.get()}</span>
            </div>
            <div class="table-scroll">
                <table id="visit-desk" class="desk-table">
                    <thead><tr>{VisitColumn::ALL.iter().map(|&c| header(c)).collect_view()}</tr></thead>
                    <tbody>
                        {move || {
                            let (l, off) = (lang(), utc_offset_min());
                            let start = page.get().min(pages.get() - 1) * PAGE;
                            shown.with(|o| rows.with(|r| {
                                o.iter().skip(start).take(PAGE).map(|&i| {
                                    let row = &r[i];
                                    let cells = row.cells(l, off);
                                    view! {
                                        <tr class="visit-row" data-id=row.id.0.clone()>
                                            {VisitColumn::ALL.iter().zip(cells).map(|(c, text)| {
                                                let data = !matches!(c, VisitColumn::At | VisitColumn::Outcome | VisitColumn::Topics | VisitColumn::Satisfaction);
                                                view! {
                                                    <td data-col=c.name() translate=if data { "no" } else { "yes" }>
                                                        {if *c == VisitColumn::At {
                                                            view! { <a href=format!("/visit/{}", row.id)>{text}</a> }.into_any()
                                                        } else {
                                                            text.into_any()
                                                        }}
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()
                            }))
                        }}
                    </tbody>
                </table>
            </div>
            <Pager id="visit-desk-pager" page=page pages=pages total=total />
        </section>
    }
}
