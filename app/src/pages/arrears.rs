//! `/arrears` (催缴): the arrears the user holds — a butler their area's, finance what is
//! routed to them, the office every area's — grouped per unit, each with its fees, amounts
//! and stage in the documents' rule at the server-corrected time (`Snapshot::now`);
//! filtered by stage and fee type. The office and supervisors also see the collection
//! figures and the links to the import and the desk table. View model: `model::arrears`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::arrears_words::{fee_label, stage_label, W};
use crate::model::arrears::{
    self, by_unit, money, stage_name, ArrearsFilter, ArrearsRow, StageFilter,
};
use crate::model::deadlines;
use leptos::prelude::*;
use shared::arrears::FeeType;

/// The live rows at the server-corrected time, rebuilt when the records change or a
/// minute passes (a stage moves with the clock).
pub fn arrears_rows() -> Memo<Vec<ArrearsRow>> {
    let ui = use_ui();
    // The records, the minute, and the server-corrected clock (a skew that moves by a
    // minute or more: a tablet whose clock was wrong, a server clock moved on) decide it.
    let revision =
        Memo::new(move |_| (ui.snap.with(|s| (s.revision, s.skew / 60_000)), ui.tick.get()));
    Memo::new(move |_| {
        revision.with(|_| ());
        let now = ui.now();
        ui.snap.with_untracked(|s| {
            let days = deadlines::settings(&s.state).arrears_escalate_days;
            arrears::rows(&s.state, now, days)
        })
    })
}

/// The list page.
#[component]
pub fn ArrearsPage() -> impl IntoView {
    let ui = use_ui();
    let w = move |k: W| k.text(ui.lang.get());
    let rows = arrears_rows();
    let stage = RwSignal::new(StageFilter::Open);
    let fee = RwSignal::new(None::<FeeType>);
    let groups = Memo::new(move |_| {
        let filter = ArrearsFilter { stage: stage.get(), fee: fee.get(), area: None };
        rows.with(|r| by_unit(r, &filter))
    });
    view! {
        <section id="arrears" class="arrears-page">
            <PageHeading>{move || w(W::Title)}</PageHeading>
            <Show when=move || ui.is_office()>
                <nav class="arrears-links" aria-label=move || w(W::Title)>
                    <a id="arrears-import-link" class="button" href="/arrears/import">{move || w(W::ImportLink)}</a>
                    " "
                    <a id="arrears-desk-link" class="button" href="/arrears/desk">{move || w(W::Desk)}</a>
                </nav>
            </Show>
            <div class="arrears-filters filters">
                <label for="arrears-stage">{move || w(W::Stage)}</label>
                <select
                    id="arrears-stage"
                    on:change=move |ev| stage.set(StageFilter::from_name(&event_target_value(&ev)))
                >
                    {StageFilter::ALL
                        .into_iter()
                        .map(|f| view! {
                            <option value=f.name() selected=move || stage.get() == f>
                                {move || stage_label(f, ui.lang.get())}
                            </option>
                        })
                        .collect_view()}
                </select>
                <label for="arrears-fee">{move || w(W::Fee)}</label>
                <select id="arrears-fee" on:change=move |ev| fee.set(FeeType::parse(&event_target_value(&ev)))>
                    <option value="" selected=move || fee.get().is_none()>{move || w(W::AllFees)}</option>
                    {FeeType::ALL
                        .iter()
                        .map(|&f| view! {
                            <option value=f.as_str() selected=move || fee.get() == Some(f)>
                                {move || fee_label(f, ui.lang.get())}
                            </option>
                        })
                        .collect_view()}
                </select>
            </div>
            <Show when=move || groups.with(Vec::is_empty)>
                <p class="empty" id="arrears-empty">{move || w(W::Nothing)}</p>
            </Show>
            <ul id="arrears-units" class="arrears-units">
                <For
                    each=move || groups.get()
                    key=|g| format!("{g:?}")
                    children=move |g| {
                        let href = format!("/arrears/unit/{}", g.unit);
                        let rows = g.rows.clone();
                        view! {
                            <li class="arrears-unit card" data-unit=g.unit.to_string() data-stage=stage_name(g.worst)>
                                <a class="arrears-unit-link" href=href>
                                    <span class="unit" translate="no">{g.unit_number.clone()}</span>
                                    " " <span class="outstanding">{move || w(W::Outstanding)} " " {money(g.outstanding)}</span>
                                </a>
                                <ul class="arrears-fees">
                                    {rows.into_iter().map(|r| view! { <FeeLine r=r /> }).collect_view()}
                                </ul>
                            </li>
                        }
                    }
                />
            </ul>
            <Show when=move || ui.is_office()>
                <crate::pages::arrears_collection::CollectionPanel />
            </Show>
        </section>
    }
}

/// One fee of a unit: type, period, amount, paid, stage.
#[component]
pub fn FeeLine(r: ArrearsRow) -> impl IntoView {
    let ui = use_ui();
    let stage = r.stage;
    let filter = StageFilter::of(stage);
    view! {
        <li class="arrears-fee" data-id=r.id.to_string() data-stage=stage_name(stage)>
            <span class="fee">{move || r.fee.map(|f| fee_label(f, ui.lang.get())).unwrap_or_default()}</span>
            " " <span class="period" translate="no">{r.period.clone()}</span>
            " " <span class="amount" data-amount=r.amount.to_string()>{money(r.amount)}</span>
            {r.paid_amount.map(|p| view! { " " <span class="paid">{move || W::Paid.text(ui.lang.get())} " " {money(p)}</span> })}
            " " <span class=format!("chip stage-{}", stage_name(stage))>{move || stage_label(filter, ui.lang.get())}</span>
        </li>
    }
}
