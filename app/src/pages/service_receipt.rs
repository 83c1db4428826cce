//! `/services/order/:id/receipt`: the printable receipt of a paid service (收费收据) — its
//! number (from the request's number), the unit, the service, quantity, amount, method and
//! when it was paid, and the resident's consent signature; printed on A4 by the app's print
//! styles (`.report.printable`).
//!
//! DOM: `#service-receipt[data-stage]`, `#receipt-no`, `#receipt-amount`, `#receipt-print`.

use crate::components::page_heading::PageHeading;
use crate::components::signature::SignatureView;
use crate::context::use_ui;
use crate::i18n::service_words::{method_label, stage_label, unit_label, Sv};
use crate::i18n::{Key, Lang};
use crate::model::arrears::money;
use crate::model::service::{order, prices};
use crate::platform::format_time;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::RecordId;

/// The receipt of one order.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let ui = use_ui();
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let row = Memo::new(move |_| ui.snap.with(|s| order(&s.state, &id.get())));
    let list = Memo::new(move |_| ui.snap.with(|s| prices(&s.state)));
    let site = move || {
        ui.snap.with(|s| s.session.as_ref().map(|s| s.me.site_name.clone()).unwrap_or_default())
    };
    let w = move |k: Sv| k.text(ui.lang.get());
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section id="service-receipt" class="report printable receipt" data-stage=move || row.with(|r| r.as_ref().map(|r| r.stage.as_str()).unwrap_or(""))>
            <PageHeading><span translate="no">{site}</span>" · "{move || w(Sv::Receipt)}</PageHeading>
            {move || match row.get() {
                None => view! { <p class="empty">{move || ui.t(Key::NotFound)}</p> }.into_any(),
                Some(o) => {
                    let lang = ui.lang.get();
                    let item = o.price.as_ref().and_then(|p| list.with(|l| l.iter().find(|x| &x.id == p).cloned()));
                    let service = item.as_ref().map(|p| p.name(lang == Lang::En).to_owned()).unwrap_or_default();
                    let per = item.as_ref().and_then(|p| p.unit).map(|u| unit_label(u, lang)).unwrap_or("");
                    let unit_price = item.as_ref().map(|p| format!("{} {per}", money(p.price))).unwrap_or_default();
                    let t = |v: Option<i64>| v.map(|t| format_time(t as u64)).unwrap_or_default();
                    view! {
                        <dl class="report-head receipt-fields">
                            <dt>{w(Sv::ReceiptNo)}</dt><dd id="receipt-no" translate="no">{o.receipt_no()}</dd>
                            <dt>{w(Sv::Place)}</dt><dd translate="no">{o.place.clone()}</dd>
                            <dt>{w(Sv::Owner)}</dt><dd translate="no">{o.contact.clone()}</dd>
                            <dt>{w(Sv::Service)}</dt><dd translate="no">{service}</dd>
                            <dt>{w(Sv::Price)}</dt><dd>{unit_price}</dd>
                            <dt>{w(Sv::Quantity)}</dt><dd>{o.quantity.map(|q| q.to_string())}</dd>
                            <dt>{w(Sv::Amount)}</dt><dd id="receipt-amount">{o.amount.map(money)}</dd>
                            <dt>{w(Sv::Stage)}</dt><dd>{stage_label(o.stage, lang)}</dd>
                            <dt>{w(Sv::Method)}</dt><dd>{o.method.map(|m| method_label(m, lang))}</dd>
                            <dt>{w(Sv::PaidAmount)}</dt><dd id="receipt-paid">{o.paid_amount.map(money)}</dd>
                            <dt>{w(Sv::PaidAt)}</dt><dd>{t(o.paid_at)}</dd>
                            <dt>{w(Sv::DoneAt)}</dt><dd>{t(o.done_at)}</dd>
                        </dl>
                        <h2>{w(Sv::Consent)}</h2>
                        {(!o.signature.is_empty()).then(|| view! { <SignatureView path=o.signature.clone() /> })}
                        <p>{t(o.consent_at)}</p>
                        <p class="receipt-footer">{w(Sv::ReceiptFooter)}</p>
                        <p class="no-print"><button id="receipt-print" type="button" on:click=print>{w(Sv::Print)}</button></p>
                    }.into_any()
                }
            }}
        </section>
    }
}
