//! `/reports` (报表): the figures of a period beside the previous period's, with targets met
//! or missed, computed on the device from the replica ([`Facts`] once per replica change,
//! then the figures per period); a butler's area at a glance; the site's breakdowns for
//! office and supervisors; the records behind every number; the charts
//! (`report_charts.rs`). What it shows is `model::reports`.
//!
//! DOM: `#reports[data-compute-ms][data-facts-ms]`, `#period-picker` with
//! `button.period-kind[data-kind][aria-pressed]`, `#period-earlier`, `#period-later`,
//! `#period-label`, `#period-from`/`#period-to` (custom); `#kpi-table[data-kind][data-start]`
//! whose rows `tr.kpi-row[data-kpi]` hold `td.kpi-cell[data-kpi][data-num][data-den]
//! [data-permille][data-met]` with `button.kpi-num`/`button.kpi-den`, `td.kpi-prev`,
//! `td.kpi-change`; `#kpi-glance` (butlers); `#breakdown` with `#breakdown-by` and
//! `tr.breakdown-row[data-key]`; `#drill[data-kpi][data-side]` with `li.drill-row[data-id]`.

use super::report_charts::Charts;
use super::report_panels::{Breakdown, DrillList, Glance};
use super::report_state::{Drill, FigureCell, ReportsUi};
use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{kpi_label, period_kind_label, Lang, Rp};
use crate::model::reports::{self, Line};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::report::breakdown::{By, RowKey};
use shared::report::{Period, PeriodKind};
use shared::Role;

/// The page.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let ui = use_ui();
    let rui = expect_context::<ReportsUi>();
    let offset = utc_offset_min();
    let role = ui.role().unwrap_or(Role::Office);
    let area = ui.snap.with_untracked(|s| s.session.as_ref().and_then(|s| s.me.area_id.clone()));
    let filter = reports::scope(role, area.as_deref());
    let site = reports::sees_breakdowns(role);
    if rui.period.get_untracked().is_none() {
        rui.period.set(Some(Period::of(reports::first_kind(role), ui.now(), offset)));
    }
    let period =
        move || rui.period.get().unwrap_or_else(|| Period::of(PeriodKind::Month, ui.now(), offset));
    let drill = RwSignal::new(None::<Drill>);
    let f = filter.clone();
    let lines = Memo::new(move |_| {
        let facts = rui.facts.get();
        let t0 = js_sys::Date::now();
        let out = reports::lines(&facts.facts, &period(), &f, ui.now());
        (out, (js_sys::Date::now() - t0) as u64)
    });
    let scope_name = move || match &area {
        Some(a) => {
            let key = RowKey::Record(shared::RecordId::from(a.clone()));
            ui.snap.with(|s| reports::key_label(&s.state, By::Area, &key, ui.lang.get()))
        }
        None => Rp::Site.text(ui.lang.get()).to_owned(),
    };
    let glance_filter = filter.clone();
    let t = move |k: Rp| k.text(ui.lang.get());
    view! {
        <section id="reports" class="reports"
            data-compute-ms=move || lines.with(|l| l.1.to_string())
            data-facts-ms=move || rui.facts.with(|f| f.ms.to_string())>
            <PageHeading>{move || t(Rp::Title)}</PageHeading>
            <p class="reports-scope" translate="no">{scope_name}</p>
            <crate::components::report_due::ReportLinks />
            <Show when=move || role == Role::Butler>
                <Glance filter=glance_filter.clone() drill=drill />
            </Show>
            <h2>{move || t(Rp::Figures)}</h2>
            <PeriodPicker period=rui.period />
            <KpiTable lines=lines period=Signal::derive(period) drill=drill />
            <crate::pages::renovation_report::RenovationCoverage period=Signal::derive(period) />
            <DrillList drill=drill />
            <Show when=move || site>
                <Breakdown period=Signal::derive(period) drill=drill />
            </Show>
            <Charts filter=filter.clone() period=Signal::derive(period) />
            <crate::components::visit_panel::VisitPanel facts=crate::pages::visits::visit_facts() period=Signal::derive(period) />
            // Arrears collection by month and area (issue 24), for the office.
            <Show when=move || site><crate::pages::arrears_collection::CollectionPanel /></Show>
            // Satisfaction surveys meeting the period (issue 25).
            <crate::pages::survey_report::SurveyPanel period=Signal::derive(period) />
            // Paid services' revenue by month (issue 25).
            <crate::pages::services::RevenuePanel />
        </section>
    }
}

/// The period kinds, back and forth, the period's name, and the custom span's dates.
#[component]
fn PeriodPicker(period: RwSignal<Option<Period>>) -> impl IntoView {
    let ui = use_ui();
    let offset = utc_offset_min();
    let cur =
        move || period.get().unwrap_or_else(|| Period::of(PeriodKind::Month, ui.now(), offset));
    let choose = move |kind: PeriodKind| {
        let p = cur();
        let next = match kind {
            PeriodKind::Custom => Period::custom(p.start, p.end - 1, offset),
            // The kind's period holding today when today is in view, else its first day.
            k if p.contains(ui.now()) => Period::of(k, ui.now(), offset),
            k => Period::of(k, p.start, offset),
        };
        period.set(Some(next));
    };
    let set_date = move |from: bool, value: String| {
        let Some(at) = reports::parse_date(&value, offset) else { return };
        let p = cur();
        let (a, b) = if from { (at, p.end - 1) } else { (p.start, at) };
        period.set(Some(Period::custom(a, b, offset)));
    };
    let t = move |k: Rp| k.text(ui.lang.get());
    view! {
        <div id="period-picker" class="period-picker" role="group" aria-label=move || t(Rp::Period)>
            <div class="period-kinds">
                {PeriodKind::ALL.iter().copied().map(|k| view! {
                    <button class="period-kind" data-kind=k.as_str()
                        aria-pressed=move || (cur().kind == k).to_string()
                        on:click=move |_| choose(k)>
                        {move || period_kind_label(k, ui.lang.get())}
                    </button>
                }).collect_view()}
            </div>
            <div class="period-step">
                <button id="period-earlier" aria-label=move || t(Rp::Earlier)
                    on:click=move |_| period.set(Some(reports::step(&cur(), false)))>"‹"</button>
                <strong id="period-label" aria-live="polite">{move || reports::period_label(&cur(), ui.lang.get())}</strong>
                <button id="period-later" aria-label=move || t(Rp::Later)
                    on:click=move |_| period.set(Some(reports::step(&cur(), true)))>"›"</button>
            </div>
            <Show when=move || cur().kind == PeriodKind::Custom>
                <div class="period-span">
                    <label for="period-from">{move || t(Rp::From)}</label>
                    <input id="period-from" type="date" prop:value=move || reports::date_value(cur().start, offset)
                        on:change=move |ev| set_date(true, event_target_value(&ev)) />
                    <label for="period-to">{move || t(Rp::To)}</label>
                    <input id="period-to" type="date" prop:value=move || reports::date_value(cur().end - 1, offset)
                        on:change=move |ev| set_date(false, event_target_value(&ev)) />
                </div>
            </Show>
        </div>
    }
}

/// Met, missed or nothing to judge: a mark and a word, never colour alone.
fn status_view(met: Option<bool>, lang: Lang) -> impl IntoView {
    let (mark, word, class) = match met {
        Some(true) => ("✓", Rp::Met, "kpi-status met"),
        Some(false) => ("✗", Rp::Missed, "kpi-status missed"),
        None => ("–", Rp::NoData, "kpi-status none"),
    };
    view! { <span class=class><span aria-hidden="true">{mark}" "</span>{word.text(lang)}</span> }
}

/// Every figure of the period: value, target, met, the previous period's and the change.
#[component]
fn KpiTable(
    lines: Memo<(Vec<Line>, u64)>,
    period: Signal<Period>,
    drill: RwSignal<Option<Drill>>,
) -> impl IntoView {
    let ui = use_ui();
    let t = move |k: Rp| k.text(ui.lang.get());
    view! {
        <div class="table-scroll">
        <table id="kpi-table" class="data-table kpi-table"
            data-kind=move || period.get().kind.as_str() data-start=move || period.get().start>
            <thead><tr>
                <th scope="col">{move || t(Rp::Figure)}</th>
                <th scope="col">{move || t(Rp::Value)}</th>
                <th scope="col">{move || t(Rp::Target)}</th>
                <th scope="col">{move || t(Rp::Status)}</th>
                <th scope="col">{move || t(Rp::Previous)}</th>
                <th scope="col">{move || t(Rp::Change)}</th>
            </tr></thead>
            <tbody>
                {move || {
                    let lang = ui.lang.get();
                    lines.get().0.into_iter().map(|l| {
                        let change = l.change();
                        let better = l.better();
                        let arrow = match change { Some(c) if c > 0 => "▲ ", Some(c) if c < 0 => "▼ ", _ => "" };
                        view! {
                            <tr class="kpi-row" data-kpi=l.cur.kpi.as_str()>
                                <th scope="row">{kpi_label(l.cur.kpi, lang)}</th>
                                <FigureCell f=l.cur.clone() drill=drill />
                                <td class="kpi-target">{reports::target_text(l.cur.kpi, l.cur.target_pct)}</td>
                                <td>{status_view(l.cur.met, lang)}</td>
                                <td class="kpi-prev" data-permille=l.prev.permille.map(|p| p.to_string()).unwrap_or_default()>
                                    {reports::pct(l.prev.permille)}
                                    <span class="kpi-prev-counts">{format!(" ({}/{})", l.prev.num, l.prev.den)}</span>
                                </td>
                                <td class="kpi-change" class:better=better == Some(true) class:worse=better == Some(false)>
                                    <span aria-hidden="true">{arrow}</span>{reports::change_text(change)}
                                </td>
                            </tr>
                        }
                    }).collect_view()
                }}
            </tbody>
        </table>
        </div>
    }
}
