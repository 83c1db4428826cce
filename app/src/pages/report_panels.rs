//! The reports page's panels (`pages/reports.rs`): a butler's glance at today, this week
//! and this month; the records behind a number; the figures broken down by area, butler,
//! department, type or category. DOM as described in `pages/reports.rs`.

use super::report_state::{Drill, FigureCell, ReportsUi, DRILL_ROWS};
use crate::context::use_ui;
use crate::i18n::{by_label, kpi_label, Rp};
use crate::model::reports::{self, DrillRow, Side};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::report::breakdown::{breakdown, By, RowKey};
use shared::report::Period;

/// A butler's area: each figure today, this week and this month.
#[component]
pub(super) fn Glance(
    filter: shared::report::Filter,
    drill: RwSignal<Option<Drill>>,
) -> impl IntoView {
    let ui = use_ui();
    let rui = expect_context::<ReportsUi>();
    let rows = Memo::new(move |_| {
        let facts = rui.facts.get();
        reports::glance(&facts.facts, &filter, ui.now(), utc_offset_min())
    });
    let t = move |k: Rp| k.text(ui.lang.get());
    view! {
        <h2>{move || t(Rp::Glance)}</h2>
        <div class="table-scroll">
        <table id="kpi-glance" class="data-table kpi-table">
            <thead><tr>
                <th scope="col">{move || t(Rp::Figure)}</th>
                <th scope="col">{move || t(Rp::Today)}</th>
                <th scope="col">{move || t(Rp::ThisWeek)}</th>
                <th scope="col">{move || t(Rp::ThisMonth)}</th>
            </tr></thead>
            <tbody>
                {move || {
                    let lang = ui.lang.get();
                    rows.get().into_iter().map(|[d, w, m]| { let k = d.kpi; view! {
                        <tr class="glance-row" data-kpi=k.as_str()>
                            <th scope="row">{kpi_label(k, lang)}</th>
                            <FigureCell f=d drill=drill />
                            <FigureCell f=w drill=drill />
                            <FigureCell f=m drill=drill />
                        </tr>
                    }}).collect_view()
                }}
            </tbody>
        </table>
        </div>
    }
}

/// The records behind the number last opened.
#[component]
pub(super) fn DrillList(drill: RwSignal<Option<Drill>>) -> impl IntoView {
    let ui = use_ui();
    let rows = Memo::new(move |_| {
        drill.with(|d| {
            d.as_ref()
                .map(|d| ui.snap.with_untracked(|s| reports::drill(&s.state, &d.figure, d.side)))
        })
    });
    let t = move |k: Rp| k.text(ui.lang.get());
    move || {
        let d = drill.get()?;
        let lang = ui.lang.get();
        let list: Vec<DrillRow> = rows.get().unwrap_or_default();
        let total = list.len();
        let side = if d.side == Side::Num { Rp::Numerator } else { Rp::Denominator };
        let count = if d.side == Side::Num { d.figure.num } else { d.figure.den };
        Some(view! {
            <section id="drill" class="drill card" data-kpi=d.figure.kpi.as_str()
                data-side=if d.side == Side::Num { "num" } else { "den" } data-count=count>
                <h2>{format!("{} · {} · {count} {}", kpi_label(d.figure.kpi, lang), side.text(lang), t(Rp::Records))}</h2>
                <button class="drill-close" on:click=move |_| drill.set(None)>{t(Rp::Close)}</button>
                <ul class="drill-rows">
                    {list.into_iter().take(DRILL_ROWS).map(|r| {
                        let times = (r.count > 1).then(|| format!(" ×{} {}", r.count, t(Rp::Times)));
                        view! {
                            <li class="drill-row" data-id=r.id.0.clone()>
                                {if r.request {
                                    view! { <a href=format!("/requests/{}", r.id)><span class="number" translate="no">{r.number.clone()}</span>" "<span translate="no">{r.title.clone()}</span></a> }.into_any()
                                } else {
                                    view! { <span translate="no">{r.title.clone()}</span> }.into_any()
                                }}
                                {times}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(total > DRILL_ROWS).then(|| view! { <p class="hint">{t(Rp::MoreRows).replace("{n}", &DRILL_ROWS.to_string())}</p> })}
            </section>
        })
    }
}

/// The site's figures cut by area, butler, department, request type or category.
#[component]
pub(super) fn Breakdown(period: Signal<Period>, drill: RwSignal<Option<Drill>>) -> impl IntoView {
    let ui = use_ui();
    let rui = expect_context::<ReportsUi>();
    let rows = Memo::new(move |_| {
        let facts = rui.facts.get();
        let by = rui.by.get();
        let rows = breakdown(&facts.facts, by, &period.get(), &Default::default(), ui.now());
        (by, rows)
    });
    let t = move |k: Rp| k.text(ui.lang.get());
    view! {
        <section id="breakdown" class="breakdown">
            <h2>{move || t(Rp::Breakdown)}</h2>
            <label for="breakdown-by">{move || t(Rp::BreakdownBy)}</label>
            <select id="breakdown-by" on:change=move |ev| {
                if let Some(by) = By::parse(&event_target_value(&ev)) { rui.by.set(by) }
            }>
                {By::ALL.iter().copied().map(|b| view! {
                    <option value=b.as_str() selected=move || rui.by.get() == b>{move || by_label(b, ui.lang.get())}</option>
                }).collect_view()}
            </select>
            {move || {
                let lang = ui.lang.get();
                let (by, rows) = rows.get();
                if rows.is_empty() {
                    return view! { <p class="empty">{t(Rp::NoRows)}</p> }.into_any();
                }
                let heads = rows[0].figures.iter().map(|f| view! { <th scope="col">{kpi_label(f.kpi, lang)}</th> }).collect_view();
                let body = ui.snap.with_untracked(|s| rows.into_iter().map(|row| {
                    let key = match &row.key { RowKey::Record(id) => id.0.clone(), RowKey::Category(c) => c.as_str().to_owned() };
                    let name = reports::key_label(&s.state, by, &row.key, lang);
                    view! {
                        <tr class="breakdown-row" data-key=key>
                            <th scope="row" translate="no">{name}</th>
                            {row.figures.into_iter().map(|f| view! { <FigureCell f=f drill=drill /> }).collect_view()}
                        </tr>
                    }
                }).collect_view());
                view! {
                    <div class="table-scroll">
                        <table id="breakdown-table" class="data-table kpi-table breakdown-table">
                            <thead><tr><th scope="col">{by_label(by, lang)}</th>{heads}</tr></thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
