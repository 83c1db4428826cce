//! `/visits/plan/new`: a visit plan (走访计划) of an area for a period — its name, first and
//! last day (both in the plan) and its effective-contact target in per cent (blank: the
//! site's setting, 60) — saved offline as one edit (`model::visit_form::plan_edits`). A
//! butler plans their own area; the office and supervisors pick one.
//!
//! DOM: `#plan-form`, `#plan-area`, `#plan-name`, `#plan-start`, `#plan-end`,
//! `#plan-target`, `#plan-save`, `#plan-error`.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{visit_error_text, vw, Key, Vw};
use crate::model::visit::areas_for;
use crate::model::visit_form::{plan_edits, PlanForm, VisitError};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::names::{field, kind};
use shared::{Kind, RecordId};

#[component]
pub fn PlanNewPage() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let own = ui.staff_id().and_then(|me| {
        ui.snap.with_untracked(|s| {
            s.state.record(&Kind::new(kind::STAFF), &RecordId(me))?.reference(field::AREA)
        })
    });
    let choices = Memo::new(move |_| {
        let role = ui.role();
        ui.snap.with(|s| role.map(|r| areas_for(&s.state, r, own.as_ref())).unwrap_or_default())
    });
    let area = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let error = RwSignal::new(None::<VisitError>);
    let save_error = RwSignal::new(None::<Key>);
    let lang = move || ui.lang.get();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(actor) = ui.actor() else { return };
        let chosen = Some(RecordId(area.get_untracked())).filter(RecordId::is_valid);
        let form = PlanForm {
            area: chosen.or_else(|| choices.with_untracked(|c| c.first().map(|a| a.id.clone()))),
            name: name.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
            target: target.get_untracked(),
        };
        match plan_edits(&RecordId::new_v7(), &form, &actor, utc_offset_min()) {
            Err(e) => error.set(Some(e)),
            Ok(edits) => {
                error.set(None);
                let navigate = navigate.clone();
                ui.save(edits, save_error, move || navigate("/visits", Default::default()));
            }
        }
    };
    let input = |id: &'static str, kind: &'static str, sig: RwSignal<String>| {
        view! { <input id=id type=kind prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev)) /> }
    };
    view! {
        <form id="plan-form" class="visit-form card" on:submit=save novalidate>
            <PageHeading>{move || vw(Vw::PlanTitle, lang())}</PageHeading>
            <label for="plan-area">{move || vw(Vw::Area, lang())}</label>
            <select id="plan-area" on:change=move |ev| area.set(event_target_value(&ev))>
                {move || choices.get().into_iter().map(|a| view! {
                    <option value=a.id.0.clone() translate="no">{a.name}</option>
                }).collect_view()}
            </select>
            <label for="plan-name">{move || vw(Vw::PlanName, lang())}</label>
            {input("plan-name", "text", name)}
            <label for="plan-start">{move || vw(Vw::PeriodStart, lang())}</label>
            {input("plan-start", "date", start)}
            <label for="plan-end">{move || vw(Vw::PeriodEnd, lang())}</label>
            {input("plan-end", "date", end)}
            <label for="plan-target">{move || vw(Vw::TargetPct, lang())}</label>
            <input id="plan-target" type="number" min="1" max="100" inputmode="numeric"
                placeholder=move || vw(Vw::TargetHint, lang())
                prop:value=move || target.get() on:input=move |ev| target.set(event_target_value(&ev)) />
            <p id="plan-error" class="error" role="alert">
                {move || error.get().map(|e| visit_error_text(e, lang()))}
                {move || save_error.get().map(|k| ui.t(k))}
            </p>
            <div class="actions">
                <button id="plan-save" class="primary" type="submit">{move || vw(Vw::Save, lang())}</button>
                <a class="button" href="/visits">{move || vw(Vw::Cancel, lang())}</a>
            </div>
        </form>
    }
}
