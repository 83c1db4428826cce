//! The visit figures of a period per area (DOMAIN duty 7): effective-contact coverage
//! against `target_visit_contact_pct` and households known in the last 365 days against
//! `target_known_households_pct`, and how many were never visited — a butler's area, or
//! every area for the office. Mounted on `/visits` (this month) and on `/reports` (the
//! report's period); nothing for a role without areas (department staff). Figures are `model::visit::figures`, over `shared::visit::coverage`.
//!
//! DOM: `#visit-figures`, `tr.visit-figure[data-area]`, `td.visit-coverage` and
//! `td.visit-known` with `data-num`, `data-den`, `data-met`.

use crate::context::use_ui;
use crate::i18n::{vw, Vw};
use crate::model::deadlines::settings;
use crate::model::visit::{areas_for, figures, pct_text};
use crate::pages::visits::revision;
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::names::{field, kind};
use shared::report::period::{Period, PeriodKind};
use shared::visit::coverage::{Share, VisitFacts};
use shared::{Kind, RecordId};

/// The panel; `period` defaults to the month under way.
#[component]
pub fn VisitPanel(
    facts: Memo<VisitFacts>,
    #[prop(optional, into)] period: Option<Signal<Period>>,
) -> impl IntoView {
    let ui = use_ui();
    let period = period.unwrap_or_else(|| {
        Signal::derive(move || Period::of(PeriodKind::Month, ui.now(), utc_offset_min()))
    });
    let own = ui.staff_id().and_then(|me| {
        ui.snap.with_untracked(|s| {
            s.state.record(&Kind::new(kind::STAFF), &RecordId(me))?.reference(field::AREA)
        })
    });
    let (rev, role) = (revision(), Memo::new(move |_| ui.role()));
    let rows = Memo::new(move |_| {
        let (role, per) = (role.get(), period.get());
        let now = ui.now();
        // Read, not just tracked: a memo never read has no sources and never moves.
        rev.with(|_| ());
        ui.snap.with_untracked(|s| {
            let set = settings(&s.state);
            let areas = role.map(|r| areas_for(&s.state, r, own.as_ref())).unwrap_or_default();
            facts.with(|f| {
                areas
                    .into_iter()
                    .map(|a| (a.clone(), figures(f, &a.id, &per, now, &set)))
                    .collect::<Vec<_>>()
            })
        })
    });
    let lang = move || ui.lang.get();
    let cell = |class: &'static str, s: Share| {
        let met = s.met().map(|m| m.to_string()).unwrap_or_default();
        let mark = match s.met() {
            Some(true) => "✓",
            Some(false) => "✗",
            None => "",
        };
        view! {
            <td class=class data-num=s.reached data-den=s.households data-met=met>
                {pct_text(s.permille())}" ("{s.reached}"/"{s.households}") "{mark}
            </td>
            <td>{s.target_pct}"%"</td>
        }
    };
    // Department staff hold no area's households: no panel.
    view! {
        <Show when=move || rows.with(|r| !r.is_empty())>
        <section id="visit-figures-panel" class="card visit-figures">
            <h2 class="sub">{move || vw(Vw::PanelTitle, lang())}</h2>
            <p class="muted">
                {move || vw(Vw::Period, lang())}": "
                {move || {
                    let p = period.get();
                    let d = |ms| crate::register::form::ms_to_date(ms, p.offset_min);
                    format!("{} – {}", d(p.start), d(p.end - 1))
                }}
            </p>
            <table id="visit-figures">
                <thead><tr>
                    <th>{move || vw(Vw::Area, lang())}</th>
                    <th>{move || vw(Vw::Households, lang())}</th>
                    <th>{move || vw(Vw::Coverage, lang())}</th>
                    <th>{move || vw(Vw::Target, lang())}</th>
                    <th>{move || vw(Vw::Known, lang())}</th>
                    <th>{move || vw(Vw::Target, lang())}</th>
                    <th>{move || vw(Vw::NeverVisited, lang())}</th>
                </tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|(a, f)| view! {
                        <tr class="visit-figure" data-area=a.id.0.clone()>
                            <td translate="no">{a.name}</td>
                            <td>{f.coverage.households}</td>
                            {cell("visit-coverage", f.coverage)}
                            {cell("visit-known", f.known)}
                            <td class="visit-never">{f.never}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        </Show>
    }
}
