//! The reports' charts as inline SVG (no chart library), each with its data table beside
//! it for screen readers and print: requests by type per week, satisfaction and on-time
//! replies per month against their targets, and the period's complaints by category as a
//! Pareto. The series are `shared::report::series`, the geometry `model::charts`.
//!
//! DOM: `#charts`, `figure.chart#chart-types|#chart-satisfaction|#chart-on-time|#chart-pareto`,
//! each `svg[role=img][aria-label]` with `table.chart-table`.

use super::report_state::ReportsUi;
use crate::context::use_ui;
use crate::i18n::{category_label, kpi_label, Lang, Rp};
use crate::model::charts::{self, centre, column, nice_max, y_of, HEIGHT, LEFT, RIGHT, TOP, WIDTH};
use crate::model::reports::{self, key_label, pct};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::report::breakdown::{By, RowKey};
use shared::report::period::local_date;
use shared::report::series::{self, Point};
use shared::report::{Filter, KpiId, Period};
use shared::request::Category;

/// Weeks and months the trends look back.
const WEEKS: usize = 12;
const MONTHS: usize = 12;
/// One colour per request type, in `Category::ALL` order (distinct in grey too).
const COLOURS: [&str; 6] = ["#1f6f5c", "#2f6fb0", "#c0392b", "#b7791f", "#6b4fa0", "#5d6b66"];

/// All four charts.
#[component]
pub fn Charts(filter: Filter, period: Signal<Period>) -> impl IntoView {
    let ui = use_ui();
    let rui = expect_context::<ReportsUi>();
    let offset = utc_offset_min();
    let f1 = filter.clone();
    let weeks = Memo::new(move |_| {
        let facts = rui.facts.get();
        series::requests_by_type(&facts.facts, &f1, ui.now(), offset, WEEKS)
    });
    let f2 = filter.clone();
    let trends = Memo::new(move |_| {
        let facts = rui.facts.get();
        [KpiId::Satisfaction, KpiId::InquiryOnTime, KpiId::ComplaintOnTime]
            .map(|k| series::monthly(&facts.facts, k, &f2, ui.now(), offset, MONTHS))
    });
    let pareto = Memo::new(move |_| {
        let facts = rui.facts.get();
        series::complaints_pareto(&facts.facts, &period.get(), &filter)
    });
    let t = move |k: Rp| k.text(ui.lang.get());
    view! {
        <section id="charts" class="charts">
            <h2>{move || t(Rp::Charts)}</h2>
            {move || types_chart(&weeks.get(), ui.lang.get())}
            {move || trend_chart("chart-satisfaction", Rp::SatisfactionTrend, &trends.get()[..1], ui.lang.get())}
            {move || trend_chart("chart-on-time", Rp::OnTimeTrend, &trends.get()[1..], ui.lang.get())}
            {move || {
                let lang = ui.lang.get();
                let bars = pareto.get();
                let names: Vec<String> = ui.snap.with_untracked(|s| bars.iter().map(|b| match &b.topic {
                    Some(id) => key_label(&s.state, By::Topic, &RowKey::Record(id.clone()), lang),
                    None => Rp::Unclassified.text(lang).to_owned(),
                }).collect());
                pareto_chart(&bars, &names, lang)
            }}
        </section>
    }
}

/// A legend's colour sample (an SVG square: the page's policy allows no inline style).
fn swatch(colour: &'static str) -> impl IntoView {
    view! { <svg class="swatch" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" rx="2" fill=colour /></svg> }
}

/// The value axis: gridlines at 0, ½ and the top, each labelled when its value is whole.
fn axis(top: f64, label: impl Fn(f64) -> String) -> impl IntoView {
    [0.0, 0.5, 1.0]
        .map(|q| {
            let (v, y) = (q * top, y_of(q * top, top));
            view! {
                <line x1=LEFT x2=WIDTH - RIGHT y1=y y2=y class="grid" />
                {(v.fract() == 0.0).then(|| view! {
                    <text x=LEFT - 6.0 y=y + 4.0 text-anchor="end" class="tick">{label(v)}</text>
                })}
            }
        })
        .to_vec()
}

/// A column's label under the plot.
fn x_label(i: usize, n: usize, text: String) -> impl IntoView {
    view! { <text x=centre(i, n) y=HEIGHT - 8.0 text-anchor="middle" class="tick">{text}</text> }
}

fn week_label(p: &Period) -> String {
    let (_, m, d) = local_date(p.start, p.offset_min);
    format!("{m}-{d:02}")
}

fn month_label(p: &Period, lang: Lang) -> String {
    let (y, m, _) = local_date(p.start, p.offset_min);
    match lang {
        Lang::Zh => format!("{m}月"),
        Lang::En => format!("{y}-{m:02}").split_off(2),
    }
}

fn types_chart(weeks: &[series::WeekCounts], lang: Lang) -> impl IntoView {
    let cols: Vec<Vec<u64>> = weeks.iter().map(|w| w.counts.clone()).collect();
    let (top, rects) = charts::stacked(&cols);
    let n = weeks.len();
    let total: u64 = weeks.iter().map(|w| w.total()).sum();
    let title = Rp::ByTypeWeekly.text(lang);
    let summary = format!("{title}: {} {total}", Rp::Total.text(lang));
    view! {
        <figure id="chart-types" class="chart">
            <figcaption>{title}</figcaption>
            <div class="chart-body">
                <div class="chart-drawing">
                <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary>
                    {axis(top as f64, |v| format!("{v:.0}"))}
                    {rects.into_iter().map(|r| view! {
                        <rect x=r.x y=r.y width=r.w height=r.h fill=COLOURS[r.series % COLOURS.len()] />
                    }).collect_view()}
                    {weeks.iter().enumerate().filter(|(i, _)| i % 2 == n % 2).map(|(i, w)| x_label(i, n, week_label(&w.period))).collect_view()}
                </svg>
                <ul class="legend" aria-hidden="true">
                    {Category::ALL.iter().enumerate().map(|(i, c)| view! {
                        <li>{swatch(COLOURS[i % COLOURS.len()])}{category_label(*c, lang)}</li>
                    }).collect_view()}
                </ul>
                </div>
                <div class="table-scroll" tabindex="0" role="region" aria-label=title>
                <table class="chart-table data-table">
                    <caption>{title}</caption>
                    <thead><tr>
                        <th scope="col">{Rp::Week.text(lang)}</th>
                        {Category::ALL.iter().map(|c| view! { <th scope="col">{category_label(*c, lang)}</th> }).collect_view()}
                        <th scope="col">{Rp::Total.text(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {weeks.iter().map(|w| view! {
                            <tr>
                                <th scope="row">{reports::period_label(&w.period, lang)}</th>
                                {w.counts.iter().map(|c| view! { <td>{*c}</td> }).collect_view()}
                                <td>{w.total()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            </div>
        </figure>
    }
}

/// One or more monthly figures as lines on 0–100 %, with their target as a dashed line.
fn trend_chart(id: &'static str, title: Rp, lines: &[Vec<Point>], lang: Lang) -> impl IntoView {
    let title = title.text(lang);
    let n = lines.first().map_or(0, Vec::len);
    let target = lines.first().and_then(|l| l.first()).map_or(100, |p| p.figure.target_pct);
    let ty = y_of(target as f64 * 10.0, 1000.0);
    let last: Vec<String> = lines
        .iter()
        .filter_map(|l| l.last())
        .map(|p| format!("{} {}", kpi_label(p.figure.kpi, lang), pct(p.figure.permille)))
        .collect();
    let summary = format!("{title}: {}; {} {target} %", last.join(", "), Rp::TargetLine.text(lang));
    view! {
        <figure id=id class="chart">
            <figcaption>{title}</figcaption>
            <div class="chart-body">
                <div class="chart-drawing">
                <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary>
                    {axis(100.0, |v| format!("{v:.0}%"))}
                    <line class="target" x1=LEFT x2=WIDTH - RIGHT y1=ty y2=ty />
                    <text class="tick target-label" x=WIDTH - RIGHT + 2.0 y=ty + 4.0>{format!("{target}%")}</text>
                    {lines.iter().enumerate().map(|(s, l)| {
                        let pts = charts::percent_points(&l.iter().map(|p| p.figure.permille).collect::<Vec<_>>());
                        let colour = COLOURS[(s * 2) % COLOURS.len()];
                        view! {
                            <path d=charts::path(&pts) fill="none" stroke=colour stroke-width="2.5" />
                            {pts.into_iter().flatten().map(|(x, y)| view! { <circle cx=x cy=y r="3.5" fill=colour /> }).collect_view()}
                        }
                    }).collect_view()}
                    {lines.first().map(|l| l.iter().enumerate().map(|(i, p)| x_label(i, n, month_label(&p.period, lang))).collect_view())}
                </svg>
                <ul class="legend" aria-hidden="true">
                    {lines.iter().enumerate().filter_map(|(s, l)| l.first().map(|p| (s, p.figure.kpi))).map(|(s, k)| view! {
                        <li>{swatch(COLOURS[(s * 2) % COLOURS.len()])}{kpi_label(k, lang)}</li>
                    }).collect_view()}
                    <li><span class="swatch target-swatch"></span>{format!("{} ≥ {target} %", Rp::TargetLine.text(lang))}</li>
                </ul>
                </div>
                <div class="table-scroll" tabindex="0" role="region" aria-label=title>
                <table class="chart-table data-table">
                    <caption>{title}</caption>
                    <thead><tr>
                        <th scope="col">{Rp::Month.text(lang)}</th>
                        {lines.iter().filter_map(|l| l.first()).map(|p| view! { <th scope="col">{kpi_label(p.figure.kpi, lang)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {(0..n).map(|i| view! {
                            <tr>
                                <th scope="row">{reports::period_label(&lines[0][i].period, lang)}</th>
                                {lines.iter().map(|l| {
                                    let f = &l[i].figure;
                                    view! { <td>{format!("{} ({}/{})", pct(f.permille), f.num, f.den)}</td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            </div>
        </figure>
    }
}

fn pareto_chart(bars: &[series::ParetoBar], names: &[String], lang: Lang) -> impl IntoView {
    let title = Rp::Pareto.text(lang);
    let n = bars.len();
    let top = nice_max(bars.first().map_or(0, |b| b.count)) as f64;
    let cum = charts::path(
        &bars
            .iter()
            .enumerate()
            .map(|(i, b)| Some((centre(i, n), y_of(b.cum_permille as f64, 1000.0))))
            .collect::<Vec<_>>(),
    );
    let summary = match bars.first() {
        Some(b) => format!("{title}: {} {}", names[0], b.count),
        None => format!("{title}: {}", Rp::NoComplaints.text(lang)),
    };
    let room = column(0, n).1 + 8.0;
    view! {
        <figure id="chart-pareto" class="chart">
            <figcaption>{title}</figcaption>
            <div class="chart-body">
                <div class="chart-drawing">
                <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary>
                    {axis(top, |v| format!("{v:.0}"))}
                    {[0.5, 1.0].map(|q| view! {
                        <text x=WIDTH - RIGHT + 4.0 y=y_of(q * 1000.0, 1000.0) + 4.0 class="tick">{format!("{:.0}%", q * 100.0)}</text>
                    }).to_vec()}
                    {bars.iter().enumerate().map(|(i, b)| {
                        let (x, w) = column(i, n);
                        let y = y_of(b.count as f64, top);
                        view! { <rect x=x y=y width=w height=TOP + charts::plot_h() - y fill=COLOURS[2] /> }
                    }).collect_view()}
                    <path d=cum fill="none" stroke=COLOURS[1] stroke-width="2.5" />
                    {names.iter().enumerate().map(|(i, name)| x_label(i, n, charts::fit(name, room))).collect_view()}
                </svg>
                {(n == 0).then(|| view! { <p class="empty">{Rp::NoComplaints.text(lang)}</p> })}
                </div>
                <div class="table-scroll" tabindex="0" role="region" aria-label=title>
                <table class="chart-table data-table">
                    <caption>{title}</caption>
                    <thead><tr>
                        <th scope="col">{Rp::Category.text(lang)}</th>
                        <th scope="col">{Rp::Count.text(lang)}</th>
                        <th scope="col">{Rp::Cumulative.text(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {bars.iter().zip(names).map(|(b, name)| view! {
                            <tr class="pareto-row" data-count=b.count>
                                <th scope="row" translate="no">{name.clone()}</th>
                                <td>{b.count}</td>
                                <td>{pct(Some(b.cum_permille))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            </div>
        </figure>
    }
}
