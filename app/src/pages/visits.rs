//! `/visits` (入户走访): the area's plans under way with their effective-contact coverage
//! against the target, the figures panel (`components/visit_panel.rs`), and the households
//! — never visited first, sortable by last visit — each with a "visit" button. Office staff
//! and supervisors pick any area (the panel breaks the figures down per area) and have the
//! visits desk table (`components/visit_desk.rs`). All of it is computed on the device from
//! the replica, offline (`model::visit`, `shared::visit::coverage`).
//!
//! DOM: `#visits`, `#visits-area` (office), `#visit-plan-new`, `#visit-plans` with
//! `li.visit-plan[data-id][data-num][data-den][data-met]`, `#visit-sort`, `#visit-households`
//! with `tr.household[data-unit][data-never][data-contacted]`, `a.visit-start` (one per
//! household), `#visit-more`, `#visits-tab-areas` and `#visits-tab-desk` (office).

use crate::components::page_heading::PageHeading;
use crate::components::visit_desk::VisitDesk;
use crate::components::visit_panel::VisitPanel;
use crate::context::use_ui;
use crate::i18n::{visit_outcome_label, vw, Key, Vw};
use crate::model::deadlines::settings;
use crate::model::desk::local_text;
use crate::model::visit::{
    area_visits, areas_for, may_plan, may_visit, pct_text, sort_households, HouseholdSort,
};
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::names::{field, kind};
use shared::visit::coverage::VisitFacts;
use shared::{Kind, RecordId};

/// Rows of the household list shown at first, and added by "more".
const STEP: usize = 100;

/// Moves when the replica's records changed, not when only the sync status did (the
/// snapshot is replaced on both): what the visits' memos track.
pub fn revision() -> Memo<u64> {
    let ui = use_ui();
    Memo::new(move |_| ui.snap.with(|s| s.revision))
}

/// The facts of the replica at the server-corrected time, once per change of its records.
pub fn visit_facts() -> Memo<VisitFacts> {
    let ui = use_ui();
    let rev = revision();
    Memo::new(move |_| {
        // Read, not just tracked: a memo never read has no sources and never moves.
        rev.with(|_| ());
        ui.snap.with_untracked(|s| VisitFacts::of(&s.state, ui.now()))
    })
}

#[component]
pub fn VisitsPage() -> impl IntoView {
    let ui = use_ui();
    let desk = RwSignal::new(false);
    let tab = move |on_desk: bool, id: &'static str, w: Vw| {
        view! {
            <button id=id role="tab" class="tab" class:active=move || desk.get() == on_desk
                aria-selected=move || (desk.get() == on_desk).to_string()
                on:click=move |_| desk.set(on_desk)>
                {move || vw(w, ui.lang.get())}
            </button>
        }
    };
    view! {
        <section id="visits" class="visits">
            <div class="visits-head">
                <PageHeading>{move || vw(Vw::Title, ui.lang.get())}</PageHeading>
                <Show when=move || ui.role().is_some_and(may_plan)>
                    <a id="visit-plan-new" class="button" href="/visits/plan/new">{move || vw(Vw::NewPlan, ui.lang.get())}</a>
                </Show>
            </div>
            <Show when=move || ui.is_office()>
                <div class="visits-tabs" role="tablist">
                    {tab(false, "visits-tab-areas", Vw::Households)}
                    {tab(true, "visits-tab-desk", Vw::DeskTitle)}
                </div>
            </Show>
            <Show when=move || desk.get() && ui.is_office() fallback=AreaView>
                <VisitDesk />
            </Show>
        </section>
    }
}

/// The figures per area, then one area's plans and households.
#[component]
fn AreaView() -> impl IntoView {
    let ui = use_ui();
    let facts = visit_facts();
    let rev = revision();
    let own = ui.staff_id().and_then(|me| {
        ui.snap.with_untracked(|s| {
            s.state.record(&Kind::new(kind::STAFF), &RecordId(me))?.reference(field::AREA)
        })
    });
    let choices = Memo::new(move |_| {
        let role = ui.role();
        ui.snap.with(|s| role.map(|r| areas_for(&s.state, r, own.as_ref())).unwrap_or_default())
    });
    let chosen = RwSignal::new(String::new());
    let area = Memo::new(move |_| {
        let c = chosen.get();
        choices.with(|l| l.iter().find(|a| a.id.0 == c).or(l.first()).cloned())
    });
    let sort = RwSignal::new(HouseholdSort::Oldest);
    let limit = RwSignal::new(STEP);
    let page = Memo::new(move |_| {
        let a = area.get()?;
        let offset = utc_offset_min();
        // Read, not just tracked: a memo never read has no sources and never moves.
        rev.with(|_| ());
        let v = facts.with(|f| {
            ui.snap.with_untracked(|s| {
                area_visits(&s.state, f, &a, ui.now(), offset, &settings(&s.state))
            })
        });
        Some(v)
    });
    let rows = Memo::new(move |_| {
        page.with(|p| p.as_ref().map(|p| sort_households(p.households.clone(), sort.get())))
            .unwrap_or_default()
    });
    let lang = move || ui.lang.get();
    let on_sort = move |ev| {
        sort.set(match event_target_value(&ev).as_str() {
            "latest" => HouseholdSort::Latest,
            "number" => HouseholdSort::Number,
            _ => HouseholdSort::Oldest,
        });
    };
    view! {
        <VisitPanel facts=facts />
        <Show when=move || ui.is_office()>
            <label for="visits-area">{move || vw(Vw::Area, lang())}</label>
            <select id="visits-area" on:change=move |ev| { chosen.set(event_target_value(&ev)); limit.set(STEP); }>
                {move || choices.get().into_iter().map(|a| {
                    let sel = area.with(|c| c.as_ref().map(|c| c.id == a.id).unwrap_or(false));
                    view! { <option value=a.id.0.clone() selected=sel translate="no">{a.name}</option> }
                }).collect_view()}
            </select>
        </Show>
        {move || page.get().map(|p| {
            let plans = p.plans.iter().filter(|r| r.current).cloned().collect::<Vec<_>>();
            view! {
                <h2 translate="no">{p.name.clone()}</h2>
                <section class="card">
                    <h2 class="sub">{move || vw(Vw::Plans, lang())}</h2>
                    {plans.is_empty().then(|| view! { <p class="muted">{move || vw(Vw::NoPlan, lang())}</p> })}
                    <ul id="visit-plans">
                        {plans.into_iter().map(|r| {
                            let met = r.share.met();
                            let days = r.period.map(|per| format!("{} – {}", day(per.start), day(per.end - 1))).unwrap_or_default();
                            view! {
                                <li class="visit-plan" data-id=r.plan.id.0.clone() data-num=r.share.reached
                                    data-den=r.share.households data-met=met.map(|m| m.to_string()).unwrap_or_default()>
                                    <strong translate="no">{r.plan.name.clone()}</strong>" "<span>{days}</span>
                                    <span class="visit-share">
                                        {move || vw(Vw::Coverage, lang())}" "{pct_text(r.share.permille())}
                                        " ("{r.share.reached}"/"{r.share.households}") · "
                                        {move || vw(Vw::Target, lang())}" "{r.share.target_pct}"%"
                                    </span>
                                    {met_chip(met, r.share.short_by())}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })}
        <section class="card">
            <h2 class="sub">{move || vw(Vw::Households, lang())}</h2>
            <label for="visit-sort">{move || vw(Vw::Sort, lang())}</label>
            <select id="visit-sort" on:change=on_sort>
                <option value="oldest">{move || vw(Vw::SortOldest, lang())}</option>
                <option value="latest">{move || vw(Vw::SortLatest, lang())}</option>
                <option value="number">{move || vw(Vw::SortNumber, lang())}</option>
            </select>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="muted">{move || vw(Vw::NoHouseholds, lang())}</p>
            </Show>
            <div class="table-scroll">
            <table id="visit-households" class="visit-households">
                <thead><tr>
                    <th>{move || vw(Vw::ColBuilding, lang())}</th>
                    <th>{move || vw(Vw::ColUnit, lang())}</th>
                    <th>{move || vw(Vw::People, lang())}</th>
                    <th>{move || vw(Vw::LastVisit, lang())}</th>
                    <th>{move || vw(Vw::VisitsCount, lang())}</th>
                    <th><span class="sr-only">{move || ui.t(Key::ColActions)}</span></th>
                </tr></thead>
                <tbody>
                    {move || rows.with(|r| r.iter().take(limit.get()).cloned().collect::<Vec<_>>()).into_iter().map(|h| {
                        let never = h.last_visit.is_none();
                        let last = move || match (h.last_visit, h.last_outcome) {
                            (None, _) => vw(Vw::NeverVisited, lang()).to_owned(),
                            (Some(t), o) => format!("{} {}", local_text(t, utc_offset_min()),
                                o.map(|o| visit_outcome_label(o, lang())).unwrap_or_default()),
                        };
                        view! {
                            <tr class="household" class:never=never data-unit=h.unit.0.clone() data-never=never.to_string() data-contacted=h.contacted.to_string()>
                                <td translate="no">{h.building.clone()}</td>
                                <td translate="no">{h.number.clone()}</td>
                                <td translate="no">{h.people.clone()}</td>
                                <td>{last}{h.contacted.then(|| view! { <span class="chip met">"✓ "{move || vw(Vw::ContactedNow, lang())}</span> })}</td>
                                <td>{h.visits}</td>
                                <td>{ui.role().is_some_and(may_visit).then(|| view! {
                                    <a class="button visit-start" href=format!("/visits/new?unit={}", h.unit)>{move || vw(Vw::VisitButton, lang())}</a>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <Show when=move || { rows.with(Vec::len) > limit.get() }>
                <button id="visit-more" type="button" on:click=move |_| limit.update(|l| *l += STEP)>"+" {STEP}</button>
            </Show>
        </section>
    }
}

/// Met, or missed and how many households the target still needs.
pub fn met_chip(met: Option<bool>, short_by: usize) -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    match met {
        Some(true) => view! { <span class="chip met">"✓ "{move || vw(Vw::Met, lang())}</span> }.into_any(),
        Some(false) => view! {
            <span class="chip missed">"✗ "{move || vw(Vw::Missed, lang())}" · "{move || vw(Vw::ShortBy, lang())}" "{short_by}</span>
        }
        .into_any(),
        None => view! { <span class="chip">{move || vw(Vw::NotJudged, lang())}</span> }.into_any(),
    }
}

/// The local day of `ms`, `YYYY-MM-DD`.
fn day(ms: i64) -> String {
    crate::register::form::ms_to_date(ms, utc_offset_min())
}
