//! `/unit/:id`: one unit — its facts, the people living there (tap-to-call phones, edit,
//! move-out), adding a person or moving in someone on record, the people who moved out, and
//! the unit's requests with a button for a new one. One panel (a form) is open at a time.

use crate::components::move_in::MoveIn;
use crate::components::occupant::OccupantCard;
use crate::components::page_heading::PageHeading;
use crate::components::person_form::{Editing, Panel, PersonEditor};
use crate::context::use_ui;
use crate::i18n::{status_label, unit_state_label, unit_type_label, Key};
use crate::platform::{format_time, now_ms};
use crate::register::unit::{unit_detail, UnitDetail, UnitRequest};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::RecordId;

/// Reads the id from the route and shows the unit, or "not found" (another area's unit,
/// or not pulled yet).
#[component]
pub fn UnitPage() -> impl IntoView {
    let ui = use_ui();
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let detail = Memo::new(move |_| {
        let id = id.get();
        ui.snap.with(|s| unit_detail(&s.state, &s.pending_ids, &id, now_ms() as i64))
    });
    view! {
        <Show
            when=move || detail.with(Option::is_some)
            fallback=move || view! { <p class="empty">{move || ui.t(Key::NotFound)}</p> }
        >
            {move || id.with(|id| view! { <Unit id=id.clone() detail=detail /> })}
        </Show>
    }
}

/// The unit's sections; `detail` is current after every edit and sync.
#[component]
fn Unit(id: RecordId, detail: Memo<Option<UnitDetail>>) -> impl IntoView {
    let ui = use_ui();
    let panel = RwSignal::new(Panel::None);
    let get =
        move |f: fn(&UnitDetail) -> String| detail.with(|d| d.as_ref().map(f).unwrap_or_default());
    let lang = move || ui.lang.get();
    let links = move |moved: bool| {
        detail.with(|d| {
            let d = d.as_ref();
            let list = d.map(|d| if moved { &d.moved_out } else { &d.current });
            list.map(|l| l.iter().map(|o| o.link_id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let toggle = move |p: Panel| panel.update(|cur| *cur = if *cur == p { Panel::None } else { p });
    let unit = id.clone();
    let unit2 = id.clone();
    let moving_links = [
        ("unit-move-in", format!("/moving/in?unit={id}"), crate::i18n::Mv::MoveIn),
        ("unit-move-out", format!("/moving/out?unit={id}"), crate::i18n::Mv::MoveOut),
        ("unit-book-lift", format!("/moving/book?unit={id}"), crate::i18n::Mv::BookLift),
        ("unit-new-pass", format!("/passes/new?unit={id}"), crate::i18n::Mv::NewPass),
    ];
    view! {
        <section id="unit-detail" class="unit-page" data-id=id.to_string()>
            <header class="detail-head card">
                <PageHeading id="unit-number">{move || get(|d| d.number.clone())}</PageHeading>
                <span class="label">{move || get(|d| d.label.clone())}</span>
                {move || detail.with(|d| d.as_ref().and_then(|d| d.state)).map(|s| view! {
                    <span class=format!("chip state-{}", s.as_str())>{unit_state_label(s, lang())}</span>
                })}
            </header>
            <dl class="facts card">
                <dt>{move || ui.t(Key::Building)}</dt>
                <dd id="unit-building">{move || get(|d| d.building.clone())}</dd>
                <dt>{move || ui.t(Key::Area)}</dt>
                <dd>{move || get(|d| d.area.clone())}</dd>
                <dt>{move || ui.t(Key::Floor)}</dt>
                <dd>{move || get(|d| d.floor.map(|f| f.to_string()).unwrap_or_default())}</dd>
                <dt>{move || ui.t(Key::UnitTypeLabel)}</dt>
                <dd>{move || detail.with(|d| d.as_ref().and_then(|d| d.unit_type)).map(|t| unit_type_label(t, lang()))}</dd>
                <dt>{move || ui.t(Key::FloorArea)}</dt>
                <dd>{move || get(|d| d.floor_area.map(|a| format!("{a} m²")).unwrap_or_default())}</dd>
                <dt>{move || ui.t(Key::Note)}</dt>
                <dd class="note">{move || get(|d| d.note.clone())}</dd>
            </dl>
            <section class="people card">
                <h2 class="sub">{move || ui.t(Key::PeopleHere)}</h2>
                <ul id="unit-people" class="occupants">
                    <For
                        each=move || links(false)
                        key=|l| l.clone()
                        children=move |l| view! { <OccupantCard link=l detail=detail panel=panel /> }
                    />
                </ul>
                <Show when=move || links(false).is_empty()>
                    <p class="empty">{move || ui.t(Key::NoPeople)}</p>
                </Show>
                <Show
                    when=move || ui.may_edit_people()
                    fallback=move || view! { <p class="hint">{move || ui.t(Key::ViewOnly)}</p> }
                >
                    <div class="people-actions">
                        <button id="add-person" class="primary" on:click=move |_| toggle(Panel::Add)>
                            {move || ui.t(Key::AddPerson)}
                        </button>
                        <button id="move-in" on:click=move |_| toggle(Panel::MoveIn)>
                            {move || ui.t(Key::MoveIn)}
                        </button>
                    </div>
                    {
                        let (unit, unit2) = (unit.clone(), unit2.clone());
                        move || match panel.get() {
                            Panel::Add => view! { <PersonEditor what=Editing::NewIn(unit.clone()) panel=panel /> }.into_any(),
                            Panel::MoveIn => view! { <MoveIn unit=unit2.clone() panel=panel /> }.into_any(),
                            _ => ().into_any(),
                        }
                    }
                </Show>
            </section>
            <Show when=move || !links(true).is_empty()>
                <section class="moved-out card">
                    <h2 class="sub">{move || ui.t(Key::MovedOut)}</h2>
                    <ul id="unit-moved-out" class="occupants">
                        <For
                            each=move || links(true)
                            key=|l| l.clone()
                            children=move |l| view! { <OccupantCard link=l detail=detail panel=panel /> }
                        />
                    </ul>
                </section>
            </Show>
            // issue 25: moving — the unit's move-in / move-out checks, lift booking and pass
            // (hidden from department staff, who write none of them).
            <nav class="unit-moving actions" prop:hidden=move || ui.role() == Some(shared::Role::Department)
                aria-label=move || crate::i18n::mv(crate::i18n::Mv::Title, ui.lang.get())>
                {moving_links.into_iter().map(|(dom, href, w)| view! {
                    <a id=dom class="button" href=href>{move || crate::i18n::mv(w, ui.lang.get())}</a>
                }).collect_view()}
            </nav>
            <section class="unit-requests card">
                <h2 class="sub">{move || ui.t(Key::UnitRequests)}</h2>
                <a id="new-request-for-unit" class="button" href=format!("/requests/new?unit={id}")>
                    {move || ui.t(Key::NewRequestForUnit)}
                </a>
                <ul class="unit-request-list">
                    <For
                        each=move || detail.with(|d| d.as_ref().map(|d| d.requests.clone()).unwrap_or_default())
                        key=|r| r.clone()
                        children=|r| view! { <RequestLine r=r /> }
                    />
                </ul>
                <Show when=move || detail.with(|d| d.as_ref().is_some_and(|d| d.requests.is_empty()))>
                    <p class="empty">{move || ui.t(Key::NoUnitRequests)}</p>
                </Show>
            </section>
        </section>
    }
}

/// A request of the unit: opens the request's page.
#[component]
fn RequestLine(r: UnitRequest) -> impl IntoView {
    let ui = use_ui();
    let status = r.status;
    view! {
        <li>
            <a class="unit-request" data-id=r.id.to_string() href=format!("/requests/{}", r.id)>
                <span class=format!("chip status-{}", status.as_str())>{move || status_label(status, ui.lang.get())}</span>
                {r.urgent.then(|| view! { <span class="badge urgent">{move || ui.t(Key::UrgentBadge)}</span> })}
                <span class="desc">{r.description}</span>
                <span class="when">{r.created_at.map(|t| format_time(t as u64))}</span>
            </a>
        </li>
    }
}
