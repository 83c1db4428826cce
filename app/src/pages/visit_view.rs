//! `/visit/:id`: one visit — the household, when, how it went, who was met, topics,
//! satisfaction, remarks and plan — with its photos (parent kind `visit`), "raise a request"
//! (the new-request form with the unit and source `visit`, `/requests/new?unit=…&source=visit`)
//! and "correct the register" (the unit's register page, where a new phone or tenant is
//! recorded through the register's own records).
//!
//! DOM: `#visit-detail[data-id][data-outcome]`, `#visit-raise-request`,
//! `#visit-correct-register`, `#visit-back`, and the photos' (`#photos`, `#photo-input`).

use crate::components::page_heading::PageHeading;
use crate::components::photos::Photos;
use crate::context::use_ui;
use crate::i18n::{satisfaction_label, visit_outcome_label, visit_topic_label, vw, Key, Vw};
use crate::model::desk::local_text;
use crate::model::visit_desk::desk_rows;
use crate::pages::visits::visit_facts;
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::blob::PhotoParent;
use shared::request::Source;
use shared::visit::coverage::VisitFacts;
use shared::RecordId;

#[component]
pub fn VisitPage() -> impl IntoView {
    let ui = use_ui();
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let facts = visit_facts();
    let row = Memo::new(move |_| {
        let id = id.get();
        // The desk's row of this one visit: its names looked up as the desk does.
        let one = facts.with(|f| f.visits.iter().find(|v| v.id == id).cloned())?;
        let unit = one.unit.clone();
        let only = VisitFacts { visits: vec![one], ..VisitFacts::default() };
        let row = ui.snap.with(|s| desk_rows(&s.state, &only)).pop()?;
        Some((row, unit))
    });
    let lang = move || ui.lang.get();
    view! {
        <Show
            when=move || row.with(Option::is_some)
            fallback=move || view! { <p class="empty">{move || ui.t(Key::NotFound)}</p> }
        >
            {move || row.get().map(|(r, unit)| {
                let raise = format!("/requests/new?unit={unit}&source={}", Source::Visit.as_str());
                let topics = move || r.topics.iter().map(|t| visit_topic_label(*t, lang())).collect::<Vec<_>>().join("、");
                let at = r.at.map(|t| local_text(t, utc_offset_min())).unwrap_or_default();
                view! {
                    <section id="visit-detail" class="visit-detail" data-id=r.id.0.clone()
                        data-outcome=r.outcome.map(|o| o.as_str()).unwrap_or_default()>
                        <PageHeading>{move || vw(Vw::VisitTitle, lang())}</PageHeading>
                        <dl class="facts card">
                            <dt>{move || vw(Vw::Household, lang())}</dt>
                            <dd translate="no">{format!("{} {} {}", r.area, r.building, r.unit)}</dd>
                            <dt>{move || vw(Vw::ColAt, lang())}</dt>
                            <dd>{at}</dd>
                            <dt>{move || vw(Vw::Outcome, lang())}</dt>
                            <dd>{move || r.outcome.map(|o| visit_outcome_label(o, lang()))}</dd>
                            <dt>{move || vw(Vw::MetPerson, lang())}</dt>
                            <dd translate="no">{r.person.clone()}</dd>
                            <dt>{move || vw(Vw::Satisfaction, lang())}</dt>
                            <dd>{move || r.satisfaction.map(|s| satisfaction_label(s, lang()))}</dd>
                            <dt>{move || vw(Vw::Topics, lang())}</dt>
                            <dd>{topics}</dd>
                            <dt>{move || vw(Vw::Remarks, lang())}</dt>
                            <dd class="note" translate="no">{r.remarks.clone()}</dd>
                            <dt>{move || vw(Vw::ThePlan, lang())}</dt>
                            <dd translate="no">{if r.plan.is_empty() { vw(Vw::NoCurrentPlan, lang()).to_owned() } else { r.plan.clone() }}</dd>
                            <dt>{move || vw(Vw::ColBy, lang())}</dt>
                            <dd translate="no">{r.by.clone()}</dd>
                        </dl>
                        <div class="actions card">
                            <a id="visit-raise-request" class="button primary" href=raise>{move || vw(Vw::RaiseRequest, lang())}</a>
                            <a id="visit-correct-register" class="button" href=format!("/unit/{unit}")>{move || vw(Vw::CorrectRegister, lang())}</a>
                            <span class="muted">{move || vw(Vw::CorrectHint, lang())}</span>
                            <a id="visit-back" class="button" href="/visits">{move || vw(Vw::BackToVisits, lang())}</a>
                        </div>
                        <Photos parent_kind=PhotoParent::Visit parent_id=r.id.clone() />
                    </section>
                }
            })}
        </Show>
    }
}
