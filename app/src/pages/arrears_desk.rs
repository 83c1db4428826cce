//! `/arrears/desk` (office staff and supervisors): every arrears as one sortable, filterable
//! table, exported to XLSX as shown (`model::arrears_desk`).

use crate::components::page_heading::PageHeading;
use crate::components::role_gate::NotForRole;
use crate::context::use_ui;
use crate::i18n::arrears_words::{fee_label, stage_label, W};
use crate::model::arrears::{ArrearsFilter, StageFilter};
use crate::model::arrears_desk::{cells, row_stage, shown, workbook, Col};
use crate::model::names;
use crate::pages::arrears::arrears_rows;
use crate::platform::utc_offset_min;
use crate::register::table::Sort;
use leptos::prelude::*;
use shared::arrears::FeeType;
use shared::names::kind;
use std::collections::HashMap;

/// The workbook's type.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The desk table page.
#[component]
pub fn ArrearsDeskPage() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: W| k.text(ui.lang.get());
    let rows = arrears_rows();
    let areas = Memo::new(move |_| {
        ui.snap.with(|s| names(&s.state, kind::AREA).into_iter().collect::<HashMap<_, _>>())
    });
    let stage = RwSignal::new(StageFilter::All);
    let fee = RwSignal::new(None::<FeeType>);
    let text = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::by(Col::Unit));
    let order = Memo::new(move |_| {
        let filter = ArrearsFilter { stage: stage.get(), fee: fee.get(), area: None };
        rows.with(|r| shown(r, &filter, &text.get(), sort.get()))
    });
    let table = Memo::new(move |_| {
        let (lang, offset) = (ui.lang.get(), utc_offset_min());
        rows.with(|r| {
            areas.with(|a| {
                order.with(|o| {
                    o.iter()
                        .map(|&i| {
                            (r[i].id.0.clone(), row_stage(&r[i]), cells(&r[i], a, lang, offset))
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let error = RwSignal::new(None::<String>);
    let export = move |_| {
        let lang = ui.lang.get_untracked();
        let bytes = rows.with_untracked(|r| {
            areas.with_untracked(|a| {
                order.with_untracked(|o| workbook(r, o, a, lang, utc_offset_min()))
            })
        });
        let name = format!("{}.xlsx", W::Desk.text(lang));
        error.set(bytes.and_then(|b| crate::platform::download_bytes(&name, &b, XLSX_MIME)).err());
    };
    view! {
        <Show when=move || ui.is_office() fallback=|| view! { <NotForRole /> }>
        <section id="arrears-desk" class="arrears-desk">
            <PageHeading>{move || w(W::Desk)}</PageHeading>
            <a class="back" href="/arrears">{move || w(W::BackToList)}</a>
            <div class="filters">
                <label for="arrears-desk-text">{move || w(W::Unit)}</label>
                <input id="arrears-desk-text" type="search" bind:value=text />
                <label for="arrears-desk-stage">{move || w(W::Stage)}</label>
                <select id="arrears-desk-stage" on:change=move |ev| stage.set(StageFilter::from_name(&event_target_value(&ev)))>
                    {StageFilter::ALL.into_iter().map(|f| view! {
                        <option value=f.name() selected=move || stage.get() == f>{move || stage_label(f, ui.lang.get())}</option>
                    }).collect_view()}
                </select>
                <label for="arrears-desk-fee">{move || w(W::Fee)}</label>
                <select id="arrears-desk-fee" on:change=move |ev| fee.set(FeeType::parse(&event_target_value(&ev)))>
                    <option value="" selected=move || fee.get().is_none()>{move || w(W::AllFees)}</option>
                    {FeeType::ALL.iter().map(|&f| view! {
                        <option value=f.as_str() selected=move || fee.get() == Some(f)>{move || fee_label(f, ui.lang.get())}</option>
                    }).collect_view()}
                </select>
                <button id="arrears-desk-export" type="button" on:click=export>{move || w(W::ExportXlsx)}</button>
                <span class="error" role="alert">{move || error.get()}</span>
            </div>
            <div class="table-scroll">
            <table id="arrears-desk-table" class="register-table desk-table">
                <thead>
                    <tr>
                        {Col::ALL.iter().map(|&c| {
                            let state = move || sort.with(|s| match (s.column == c, s.descending) {
                                (false, _) => "none",
                                (true, false) => "ascending",
                                (true, true) => "descending",
                            });
                            view! {
                                <th data-sort=c.name() aria-sort=state>
                                    <button class="sort" on:click=move |_| sort.update(|s| *s = s.clicked(c))>
                                        {move || w(c.label())}
                                    </button>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || table.get()
                        key=|row| format!("{row:?}")
                        children=move |(id, stage, cells)| view! {
                            <tr data-id=id data-stage=stage>
                                {cells.into_iter().zip(Col::ALL).map(|(text, c)| view! {
                                    <td data-col=c.name() translate=if matches!(c, Col::Fee | Col::Stage) { "yes" } else { "no" }>{text}</td>
                                }).collect_view()}
                            </tr>
                        }
                    />
                </tbody>
            </table>
            </div>
        </section>
        </Show>
    }
}
