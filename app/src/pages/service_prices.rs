//! `/services/prices`: the price list (服务项目收费标准), part of the site's settings.
//! Supervisors edit it (a row's fields, or a new item); everyone else reads it
//! (`model::service_form::edits_prices`, the judge's writer check).
//!
//! DOM: `#service-prices`, `tr.price-row[data-id]`, the editor `#price-name-zh`,
//! `#price-name-en`, `#price-unit`, `#price-price`, `#price-active`, `#price-sort`,
//! `button#price-save`, `#price-error`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::service_words::{order_error, unit_label, Sv};
use crate::i18n::{Key, Lang};
use crate::model::arrears::money;
use crate::model::service::{prices, PriceView};
use crate::model::service_form::{edits_prices, price_edits, OrderError, PriceForm};
use leptos::prelude::*;
use shared::service::PriceUnit;
use shared::RecordId;

/// The price list page.
#[component]
pub fn PricesPage() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: Sv| k.text(ui.lang.get());
    let list = Memo::new(move |_| ui.snap.with(|s| prices(&s.state)));
    let editor = move || ui.role().is_some_and(edits_prices);
    // The row being edited (`None`: a new item).
    let editing = RwSignal::new(None::<RecordId>);
    let name_zh = RwSignal::new(String::new());
    let name_en = RwSignal::new(String::new());
    let unit = RwSignal::new(None::<PriceUnit>);
    let price = RwSignal::new(String::new());
    let active = RwSignal::new(true);
    let sort = RwSignal::new(String::new());
    let invalid = RwSignal::new(None::<OrderError>);
    let save_error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    let pick = move |p: &PriceView| {
        editing.set(Some(p.id.clone()));
        name_zh.set(p.name_zh.clone());
        name_en.set(p.name_en.clone());
        unit.set(p.unit);
        price.set(p.price.to_string());
        active.set(p.active);
        sort.set(p.sort.to_string());
    };
    let clear = move || {
        editing.set(None);
        for s in [name_zh, name_en, price, sort] {
            s.set(String::new());
        }
        unit.set(None);
        active.set(true);
    };
    let save = move |_| {
        let form = PriceForm {
            name_zh: name_zh.get_untracked(),
            name_en: name_en.get_untracked(),
            unit: unit.get_untracked(),
            price: price.get_untracked(),
            active: active.get_untracked(),
            sort: sort.get_untracked(),
        };
        let id = editing.get_untracked().unwrap_or_else(RecordId::new_v7);
        saved.set(false);
        match price_edits(&id, &form) {
            Err(e) => invalid.set(Some(e)),
            Ok(edits) => {
                invalid.set(None);
                ui.save(edits, save_error, move || {
                    clear();
                    saved.set(true);
                });
            }
        }
    };
    view! {
        <section id="service-prices" class="service-prices">
            <PageHeading>{move || w(Sv::PricesTitle)}</PageHeading>
            <a class="back" href="/services">{move || w(Sv::BackToServices)}</a>
            <Show when=move || !editor()>
                <p class="hint">{move || w(Sv::ReadOnly)}</p>
            </Show>
            <table class="desk-table">
                <thead><tr>
                    <th scope="col">{move || w(Sv::Service)}</th>
                    <th scope="col">{move || w(Sv::Price)}</th>
                    <th scope="col">{move || w(Sv::Unit)}</th>
                    <th scope="col">{move || w(Sv::Active)}</th>
                </tr></thead>
                <tbody>
                    <For each=move || list.get() key=|p| format!("{p:?}") children=move |p| {
                        let lang = move || ui.lang.get();
                        let q = p.clone();
                        view! {
                            <tr class="price-row" data-id=p.id.0.clone() data-active=p.active.to_string()>
                                <td translate="no">
                                    <Show when=editor fallback={ let n = (p.name_zh.clone(), p.name_en.clone()); move || if lang() == Lang::En { n.1.clone() } else { n.0.clone() } }>
                                        {
                                            let q = q.clone();
                                            let label = if q.name_zh.is_empty() { q.name_en.clone() } else { q.name_zh.clone() };
                                            view! { <button class="link" type="button" on:click=move |_| pick(&q)>{label}</button> }
                                        }
                                    </Show>
                                </td>
                                <td>{money(p.price)}</td>
                                <td>{move || p.unit.map(|u| unit_label(u, lang()))}</td>
                                <td>{move || if p.active { "✓" } else { "–" }}</td>
                            </tr>
                        }
                    } />
                </tbody>
            </table>
            <Show when=editor>
                <div class="price-editor card">
                    <h2>{move || if editing.with(Option::is_some) { w(Sv::Save) } else { w(Sv::AddPrice) }}</h2>
                    <label for="price-name-zh">{move || w(Sv::NameZh)}</label>
                    <input id="price-name-zh" bind:value=name_zh />
                    <label for="price-name-en">{move || w(Sv::NameEn)}</label>
                    <input id="price-name-en" bind:value=name_en />
                    <label for="price-unit">{move || w(Sv::Unit)}</label>
                    <select id="price-unit" on:change=move |ev| unit.set(PriceUnit::parse(&event_target_value(&ev)))>
                        <option value="" selected=move || unit.get().is_none()>{move || w(Sv::Choose)}</option>
                        {PriceUnit::ALL.iter().map(|&u| view! {
                            <option value=u.as_str() selected=move || unit.get() == Some(u)>{move || unit_label(u, ui.lang.get())}</option>
                        }).collect_view()}
                    </select>
                    <label for="price-price">{move || w(Sv::Price)}</label>
                    <input id="price-price" type="number" min="0" step="0.01" inputmode="decimal" bind:value=price />
                    <label for="price-sort">{move || w(Sv::Sort)}</label>
                    <input id="price-sort" type="number" step="1" bind:value=sort />
                    <label class="check"><input id="price-active" type="checkbox" bind:checked=active />" " {move || w(Sv::Active)}</label>
                    <button id="price-save" class="primary" type="button" on:click=save>{move || w(Sv::Save)}</button>
                    <p id="price-error" class="error" role="alert">
                        {move || invalid.get().map(|e| order_error(e, ui.lang.get()))}
                        {move || save_error.get().map(|k| ui.t(k))}
                    </p>
                    <Show when=move || saved.get()><p class="saved" role="status">{move || w(Sv::Saved)}</p></Show>
                </div>
            </Show>
        </section>
    }
}
