//! `/services`: the paid services of what the user holds (the butler's area, the whole
//! site for the office) — the orders with where each stands, the revenue by month and
//! service (`shared::service::revenue`), and the month's paid orders as an XLSX, the
//! 服务项目汇总表 finance receives.
//!
//! DOM: `#services`, `select#services-stage`, `tr.order-row[data-id][data-stage]`,
//! `#services-revenue` (`tr.revenue-row[data-month]`, `td.revenue-amount`),
//! `select#services-month`, `button#services-export`, `a#services-prices`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::service_words::{method_label, stage_label, Sv};
use crate::i18n::Lang;
use crate::model::arrears::money;
use crate::model::service::{
    month_totals, orders, paid_in, prices, revenue_lines, OrderRow, PriceView,
};
use crate::platform::{format_time, utc_offset_min};
use leptos::prelude::*;
use shared::service::{month_of, Stage};
use shared::RecordId;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The cells of an order in the month's summary, as the table shows them.
fn cells(o: &OrderRow, list: &[PriceView], lang: Lang) -> Vec<String> {
    let service = o.price.as_ref().and_then(|p| list.iter().find(|x| &x.id == p));
    let t = |v: Option<i64>| v.map(|t| format_time(t as u64)).unwrap_or_default();
    vec![
        o.receipt_no(),
        o.number.clone(),
        o.place.clone(),
        service.map(|p| p.name(lang == Lang::En).to_owned()).unwrap_or_default(),
        o.quantity.map(|q| q.to_string()).unwrap_or_default(),
        o.amount.map(money).unwrap_or_default(),
        stage_label(o.stage, lang).to_owned(),
        o.method.map(|m| method_label(m, lang).to_owned()).unwrap_or_default(),
        o.paid_amount.map(money).unwrap_or_default(),
        t(o.paid_at),
    ]
}

const HEADERS: [Sv; 10] = [
    Sv::ReceiptNo,
    Sv::Request,
    Sv::Place,
    Sv::Service,
    Sv::Quantity,
    Sv::Amount,
    Sv::Stage,
    Sv::Method,
    Sv::PaidAmount,
    Sv::PaidAt,
];

/// The services page.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: Sv| k.text(ui.lang.get());
    let all = Memo::new(move |_| ui.snap.with(|s| orders(&s.state)));
    let list = Memo::new(move |_| ui.snap.with(|s| prices(&s.state)));
    let revenue =
        Memo::new(move |_| ui.snap.with(|s| revenue_lines(&s.state, None, utc_offset_min())));
    let stage = RwSignal::new(None::<Stage>);
    let shown = Memo::new(move |_| {
        let st = stage.get();
        all.with(|a| {
            a.iter().filter(|o| st.is_none_or(|s| o.stage == s)).cloned().collect::<Vec<_>>()
        })
    });
    let this_month = month_of(ui.now(), utc_offset_min());
    let months = Memo::new(move |_| {
        let mut m: Vec<String> =
            revenue.with(|r| month_totals(r).into_iter().map(|t| t.0).collect());
        if !m.contains(&this_month) {
            m.insert(0, this_month.clone());
        }
        m
    });
    let month = RwSignal::new(month_of(ui.now(), utc_offset_min()));
    let error = RwSignal::new(None::<String>);
    let export = move |_| {
        let lang = ui.lang.get_untracked();
        let m = month.get_untracked();
        let rows: Vec<Vec<String>> = all.with_untracked(|a| {
            list.with_untracked(|l| {
                paid_in(a, &m, utc_offset_min()).iter().map(|o| cells(o, l, lang)).collect()
            })
        });
        let headers: Vec<&str> = HEADERS.iter().map(|h| h.text(lang)).collect();
        let sheet = m.clone();
        let bytes = crate::model::service::workbook(&sheet, &headers, &rows);
        let name = format!("{}-{m}.xlsx", Sv::Title.text(lang));
        error.set(bytes.and_then(|b| crate::platform::download_bytes(&name, &b, XLSX_MIME)).err());
    };
    view! {
        <section id="services" class="services-page">
            <PageHeading>{move || w(Sv::Title)}</PageHeading>
            <p><a id="services-prices" class="button" href="/services/prices">{move || w(Sv::Prices)}</a></p>
            <section id="services-revenue" class="card">
                <h2>{move || w(Sv::Revenue)}</h2>
                <Show when=move || revenue.with(Vec::is_empty)><p class="empty">{move || w(Sv::NoRevenue)}</p></Show>
                <table class="desk-table">
                    <thead><tr>
                        <th scope="col">{move || w(Sv::Month)}</th>
                        <th scope="col">{move || w(Sv::Service)}</th>
                        <th scope="col">{move || w(Sv::Count)}</th>
                        <th scope="col">{move || w(Sv::Total)}</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let en = ui.lang.get() == Lang::En;
                            revenue.with(|r| month_totals(r).into_iter().map(|(m, total, count)| {
                                let lines: Vec<_> = r.iter().filter(|l| l.month == m).cloned().collect();
                                view! {
                                    <tr class="revenue-row month-total" data-month=m.clone()>
                                        <th scope="row">{m.clone()}</th><td></td><td>{count}</td>
                                        <td class="revenue-amount" data-amount=total.to_string()>{money(total)}</td>
                                    </tr>
                                    {lines.into_iter().map(|l| view! {
                                        <tr class="revenue-line">
                                            <td></td><td translate="no">{if en { l.name_en.clone() } else { l.name_zh.clone() }}</td>
                                            <td>{l.count}</td><td>{money(l.amount)}</td>
                                        </tr>
                                    }).collect_view()}
                                }
                            }).collect_view())
                        }}
                    </tbody>
                </table>
                <div class="filters">
                    <label for="services-month">{move || w(Sv::Month)}</label>
                    <select id="services-month" on:change=move |ev| month.set(event_target_value(&ev))>
                        {move || months.get().into_iter().map(|m| {
                            let v = m.clone();
                            view! { <option value=m.clone() selected=move || month.get() == v>{m.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <button id="services-export" type="button" on:click=export>{move || w(Sv::ExportMonth)}</button>
                </div>
                <p class="error" role="alert">{move || error.get()}</p>
            </section>
            <section class="card">
                <h2>{move || w(Sv::Orders)}</h2>
                <label for="services-stage">{move || w(Sv::Stage)}</label>
                <select id="services-stage" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    stage.set(Stage::ALL.into_iter().find(|s| s.as_str() == v));
                }>
                    <option value="" selected=move || stage.get().is_none()>{move || w(Sv::AllStages)}</option>
                    {Stage::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=move || stage.get() == Some(s)>{move || stage_label(s, ui.lang.get())}</option>
                    }).collect_view()}
                </select>
                <Show when=move || shown.with(Vec::is_empty)><p class="empty">{move || w(Sv::NoOrders)}</p></Show>
                <div class="table-scroll">
                <table class="desk-table">
                    <thead><tr>{move || HEADERS.iter().map(|h| view! { <th scope="col">{h.text(ui.lang.get())}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        <For each=move || shown.get() key=|o| format!("{o:?}") children=move |o| {
                            let id: RecordId = o.id.clone();
                            let data_id = id.0.clone();
                            let stage = o.stage.as_str();
                            let row = move || list.with(|l| cells(&o, l, ui.lang.get()));
                            view! {
                                <tr class="order-row" data-id=data_id data-stage=stage>
                                    {move || row().into_iter().enumerate().map(|(i, c)| if i == 0 {
                                        view! { <td><a href=format!("/services/order/{id}") translate="no">{c}</a></td> }.into_any()
                                    } else {
                                        view! { <td translate="no">{c}</td> }.into_any()
                                    }).collect_view()}
                                </tr>
                            }
                        } />
                    </tbody>
                </table>
                </div>
            </section>
        </section>
    }
}

/// The revenue of paid services by month on `/reports` (the months paid, newest first):
/// the same figures as `/services` (`model::service::revenue_lines`).
///
/// DOM: `#service-revenue-report tr.revenue-month[data-month][data-amount][data-count]`.
#[component]
pub fn RevenuePanel() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: Sv| k.text(ui.lang.get());
    let totals = Memo::new(move |_| {
        ui.snap.with(|s| month_totals(&revenue_lines(&s.state, None, utc_offset_min())))
    });
    view! {
        <section id="service-revenue-report" class="card">
            <h2>{move || w(Sv::Revenue)}</h2>
            <Show when=move || totals.with(Vec::is_empty)><p class="empty">{move || w(Sv::NoRevenue)}</p></Show>
            <table class="desk-table">
                <thead><tr>
                    <th scope="col">{move || w(Sv::Month)}</th>
                    <th scope="col">{move || w(Sv::Count)}</th>
                    <th scope="col">{move || w(Sv::Total)}</th>
                </tr></thead>
                <tbody>
                    {move || totals.get().into_iter().map(|(m, total, count)| view! {
                        <tr class="revenue-month" data-month=m.clone() data-amount=total.to_string() data-count=count>
                            <th scope="row">{m.clone()}</th><td>{count}</td><td>{money(total)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
