//! `/services/order/:id`: a paid service's order (业主服务收费单) — its request, the quote
//! (service from the price list, quantity, an overriding amount), the resident's consent
//! signed on the pad, work done, and the payment or waiver; each control offered by
//! `model::service_form::offers` (the judge's writer check and the order's stage). A new
//! order's id is derived from its request (`?request=`), so it is never made twice.
//!
//! DOM: `#service-order[data-stage]`, `select#order-price`, `input#order-qty`,
//! `input#order-quote`, `button#order-save`, `#order-consent` (the pad's container),
//! `button#order-consent-save`, `button#order-done`, `select#order-method`,
//! `input#order-paid-amount`, `button#order-paid`, `button#order-waive`, `#order-receipt-no`,
//! `a#order-receipt`, `#order-error`.

use crate::components::page_heading::PageHeading;
use crate::components::signature::{SignaturePad, SignatureView};
use crate::context::use_ui;
use crate::i18n::service_words::{method_label, order_error, stage_label, unit_label, Sv};
use crate::i18n::{Key, Lang};
use crate::model::arrears::money;
use crate::model::service::{order, order_of, prices, OrderRow};
use crate::model::service_form::{
    consent_edits, done_edits, offers, paid_edits, quote_edits, waive_edits, OrderError, QuoteForm,
};
use crate::platform::format_time;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::names::{field, kind};
use shared::service::{self, PayMethod};
use shared::{Kind, RecordId};

/// On a paid-service request's page: its order, or the button that makes it.
#[component]
pub fn OrderLink(request: RecordId) -> impl IntoView {
    let ui = use_ui();
    let w = move |k: Sv| k.text(ui.lang.get());
    let rid = request.clone();
    let existing = Memo::new(move |_| ui.snap.with(|s| order_of(&s.state, &rid)));
    let may_make = move || ui.role().is_some_and(|r| offers(r, None).quote);
    let href = StoredValue::new(format!(
        "/services/order/{}?request={}",
        service::order_id(&request),
        request
    ));
    view! {
        <section id="detail-service" class="card service-link">
            <h2>{move || w(Sv::OrderOf)}</h2>
            {move || match existing.get() {
                Some(o) => view! {
                    <p>
                        <a id="detail-order" href=href.get_value() data-stage=o.stage.as_str()>
                            {o.receipt_no()} " · " {stage_label(o.stage, ui.lang.get())}
                            " · " {o.amount.map(money).unwrap_or_default()}
                        </a>
                    </p>
                }.into_any(),
                None => view! {
                    <Show when=may_make fallback=move || view! { <p class="empty">{move || w(Sv::NoOrders)}</p> }>
                        <a id="detail-make-order" class="button primary" href=move || href.get_value()>{move || w(Sv::MakeOrder)}</a>
                    </Show>
                }.into_any(),
            }}
        </section>
    }
}

/// The order page.
#[component]
pub fn OrderPage() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: Sv| k.text(ui.lang.get());
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let row = Memo::new(move |_| ui.snap.with(|s| order(&s.state, &id.get())));
    // The request: the order's, or (a new order) the query's when the id derives from it.
    let request = Memo::new(move |_| {
        row.with(|r| r.as_ref().map(|r| r.request.clone())).or_else(|| {
            let q = RecordId(query.with(|q| q.get(field::REQUEST).unwrap_or_default()));
            (service::order_id(&q) == id.get()).then_some(q)
        })
    });
    let number = move || {
        request.get().and_then(|r| {
            ui.snap.with(|s| {
                s.state.record(&Kind::new(kind::REQUEST), &r).map(|f| f.string(field::NUMBER))
            })
        })
    };
    view! {
        <section id="service-order" class="service-order card" data-stage=move || row.with(|r| r.as_ref().map(|r| r.stage.as_str()).unwrap_or("new"))>
            <PageHeading>{move || w(Sv::Order)}</PageHeading>
            <a class="back" href="/services">{move || w(Sv::BackToServices)}</a>
            <Show when=move || request.with(Option::is_some) fallback=move || view! { <p class="empty">{move || ui.t(Key::NotFound)}</p> }>
                <dl class="facts">
                    <dt>{move || w(Sv::ReceiptNo)}</dt>
                    <dd id="order-receipt-no" translate="no">{move || number().map(|n| service::receipt_no(&n)).unwrap_or_default()}</dd>
                    <dt>{move || w(Sv::Request)}</dt>
                    <dd><a id="order-request" translate="no" href=move || format!("/requests/{}", request.get().map(|r| r.0).unwrap_or_default())>{number}</a></dd>
                    <dt>{move || w(Sv::Place)}</dt>
                    <dd translate="no">{move || row.with(|r| r.as_ref().map(|r| r.place.clone()))}</dd>
                    <dt>{move || w(Sv::Stage)}</dt>
                    <dd id="order-stage">{move || row.with(|r| r.as_ref().map(|r| stage_label(r.stage, ui.lang.get())))}</dd>
                </dl>
                {move || request.get().map(|r| view! { <OrderControls request=r row=row /> })}
            </Show>
        </section>
    }
}

/// The quote, consent, work and payment of the order of `request` (`row`: as stored).
#[component]
fn OrderControls(request: RecordId, row: Memo<Option<OrderRow>>) -> impl IntoView {
    let ui = use_ui();
    let w = move |k: Sv| k.text(ui.lang.get());
    let lang = move || ui.lang.get();
    let order_id = service::order_id(&request);
    let oid = StoredValue::new(order_id.clone());
    let req = StoredValue::new(request.clone());
    let list = Memo::new(move |_| ui.snap.with(|s| prices(&s.state)));
    let offered = move || {
        ui.role().map(|r| offers(r, row.with(|o| o.as_ref().map(|o| o.stage)))).unwrap_or_default()
    };
    let stored = move || {
        ui.snap.with_untracked(|s| {
            oid.with_value(|id| {
                s.state.record(&Kind::new(kind::SERVICE_ORDER), id).cloned().unwrap_or_default()
            })
        })
    };
    let price = RwSignal::new(row.with_untracked(|o| o.as_ref().and_then(|o| o.price.clone())));
    let qty = RwSignal::new(
        row.with_untracked(|o| o.as_ref().and_then(|o| o.quantity))
            .map(|q| q.to_string())
            .unwrap_or_else(|| "1".into()),
    );
    let quote = RwSignal::new(String::new());
    let note = RwSignal::new(
        row.with_untracked(|o| o.as_ref().map(|o| o.note.clone())).unwrap_or_default(),
    );
    let signature = RwSignal::new(String::new());
    let method = RwSignal::new(None::<PayMethod>);
    let paid = RwSignal::new(String::new());
    let invalid = RwSignal::new(None::<OrderError>);
    let save_error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    let unit_price = move || {
        price.with(|p| {
            p.as_ref().and_then(|p| list.with(|l| l.iter().find(|x| &x.id == p).map(|x| x.price)))
        })
    };
    let computed = move || {
        unit_price().and_then(|p| service::quote(p, qty.with(|q| q.trim().parse().unwrap_or(0.0))))
    };
    let run = move |edits: Result<Vec<crate::sync::FieldEdit>, OrderError>| match edits {
        Err(e) => invalid.set(Some(e)),
        Ok(edits) => {
            invalid.set(None);
            saved.set(false);
            ui.save(edits, save_error, move || saved.set(true));
        }
    };
    let save_quote = move |_| {
        let Some(actor) = ui.actor() else { return };
        let form = QuoteForm {
            price: price.get_untracked(),
            quantity: qty.get_untracked(),
            quote: quote.get_untracked(),
            note: note.get_untracked(),
        };
        let new = row.with_untracked(Option::is_none);
        run(req.with_value(|r| quote_edits(r, &form, unit_price(), new, &actor)));
    };
    let save_consent =
        move |_| run(oid.with_value(|id| consent_edits(id, &signature.get_untracked(), ui.now())));
    let save_done = move |_| run(Ok(oid.with_value(|id| done_edits(id, ui.now()))));
    let save_paid = move |_| {
        let amount = paid.get_untracked();
        let amount = if amount.trim().is_empty() {
            row.with_untracked(|o| o.as_ref().and_then(|o| o.amount))
                .map(|a| a.to_string())
                .unwrap_or_default()
        } else {
            amount
        };
        run(oid
            .with_value(|id| paid_edits(id, &stored(), method.get_untracked(), &amount, ui.now())))
    };
    let save_waive = move |_| run(oid.with_value(|id| waive_edits(id, &stored())));
    let receipt = StoredValue::new(format!("/services/order/{order_id}/receipt"));
    let get = move |f: fn(&OrderRow) -> Option<i64>| {
        row.with(|o| o.as_ref().and_then(f)).map(|t| format_time(t as u64))
    };
    view! {
        <Show when=move || offered().quote fallback=move || view! {
            <dl class="facts order-quote">
                <dt>{move || w(Sv::Service)}</dt>
                <dd id="order-service">{move || row.with(|o| o.as_ref().and_then(|o| o.price.clone())).and_then(|p| list.with(|l| l.iter().find(|x| x.id == p).map(|x| x.name(lang() == Lang::En).to_owned())))}</dd>
                <dt>{move || w(Sv::Quantity)}</dt>
                <dd>{move || row.with(|o| o.as_ref().and_then(|o| o.quantity)).map(|q| q.to_string())}</dd>
                <dt>{move || w(Sv::Amount)}</dt>
                <dd id="order-amount">{move || row.with(|o| o.as_ref().and_then(|o| o.amount)).map(money)}</dd>
            </dl>
        }>
            <div class="order-quote-form">
                <label for="order-price">{move || w(Sv::Service)}</label>
                <select id="order-price" on:change=move |ev| { let v = event_target_value(&ev); price.set((!v.is_empty()).then_some(RecordId(v))); }>
                    <option value="" selected=move || price.with(Option::is_none)>{move || w(Sv::Choose)}</option>
                    {move || list.get().into_iter().filter(|p| p.active || price.with(|c| c.as_ref() == Some(&p.id))).map(|p| {
                        let id = p.id.clone();
                        let text = format!("{} · {} {}", p.name(lang() == Lang::En), money(p.price), p.unit.map(|u| unit_label(u, lang())).unwrap_or(""));
                        view! { <option value=p.id.0.clone() selected=move || price.with(|c| c.as_ref() == Some(&id))>{text}</option> }
                    }).collect_view()}
                </select>
                <label for="order-qty">{move || w(Sv::Quantity)}</label>
                <input id="order-qty" type="number" min="0" step="0.5" inputmode="decimal" bind:value=qty />
                <label for="order-quote">{move || w(Sv::Quote)}</label>
                <input id="order-quote" type="number" min="0" step="0.01" inputmode="decimal" bind:value=quote
                    placeholder=move || computed().map(money).unwrap_or_else(|| w(Sv::QuoteHint).to_owned()) />
                <label for="order-note">{move || w(Sv::Note)}</label>
                <textarea id="order-note" bind:value=note></textarea>
                <button id="order-save" class="primary" type="button" on:click=save_quote>{move || w(Sv::Save)}</button>
            </div>
        </Show>
        <section class="order-consent-part">
            <h2>{move || w(Sv::Consent)}</h2>
            <Show when=move || offered().consent>
                <p class="hint">{move || w(Sv::SignHere)}</p>
                <div id="order-consent"><SignaturePad path=signature /></div>
                <button id="order-consent-save" class="primary" type="button" on:click=save_consent>{move || w(Sv::SaveConsent)}</button>
            </Show>
            {move || row.with(|o| o.as_ref().filter(|o| !o.signature.is_empty()).map(|o| view! {
                <SignatureView path=o.signature.clone() />
            }))}
            <p id="order-consent-at">{move || get(|o| o.consent_at)}</p>
        </section>
        <section class="order-work-part">
            <h2>{move || w(Sv::WorkDone)}</h2>
            <p id="order-done-at">{move || get(|o| o.done_at)}</p>
            <Show when=move || offered().done>
                <button id="order-done" class="primary" type="button" on:click=save_done>{move || w(Sv::WorkDone)}</button>
            </Show>
        </section>
        <section class="order-pay-part">
            <h2>{move || w(Sv::Payment)}</h2>
            <Show when=move || offered().pay>
                <label for="order-method">{move || w(Sv::Method)}</label>
                <select id="order-method" on:change=move |ev| method.set(PayMethod::parse(&event_target_value(&ev)))>
                    <option value="" selected=move || method.get().is_none()>{move || w(Sv::Choose)}</option>
                    {PayMethod::ALL.iter().map(|&m| view! {
                        <option value=m.as_str() selected=move || method.get() == Some(m)>{move || method_label(m, lang())}</option>
                    }).collect_view()}
                </select>
                <label for="order-paid-amount">{move || w(Sv::PaidAmount)}</label>
                <input id="order-paid-amount" type="number" min="0" step="0.01" inputmode="decimal" bind:value=paid
                    placeholder=move || row.with(|o| o.as_ref().and_then(|o| o.amount)).map(money).unwrap_or_default() />
                <button id="order-paid" class="primary" type="button" on:click=save_paid>{move || w(Sv::MarkPaid)}</button>
                <Show when=move || offered().waive>
                    <button id="order-waive" class="ghost" type="button" on:click=save_waive>{move || w(Sv::Waive)}</button>
                </Show>
            </Show>
            <p id="order-paid-info">
                {move || row.with(|o| o.as_ref().and_then(|o| o.method)).map(|m| method_label(m, lang()))} " "
                {move || row.with(|o| o.as_ref().and_then(|o| o.paid_amount)).map(money)} " "
                {move || get(|o| o.paid_at)}
            </p>
            <Show when=move || row.with(|o| o.is_some())>
                <a id="order-receipt" class="button" href=receipt.get_value()>{move || w(Sv::Receipt)}</a>
            </Show>
        </section>
        <p id="order-error" class="error" role="alert">
            {move || invalid.get().map(|e| order_error(e, lang()))}
            {move || save_error.get().map(|k| ui.t(k))}
        </p>
        <Show when=move || saved.get()>
            <p id="order-saved" class="saved" role="status">{move || w(Sv::Saved)}</p>
        </Show>
    }
}
