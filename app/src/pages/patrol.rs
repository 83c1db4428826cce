//! `/patrol`: today's round (DOMAIN duty 4). Start it for the area or one building (a
//! supervisor starts a quality check of an area's work), walk building by building and answer
//! each item offline; a failed item takes its photos right there; "building done" files its
//! findings (refused while a failed item that needs a photo has none); "end round" files the
//! rest and opens the round's report. Every step is one local edit ([`model::patrol`]).
//!
//! DOM: `#patrol-start`, `#patrol-template`, `#patrol-area`, `#patrol-building`,
//! `#patrol-round[data-id]`, `#patrol-walk-building`, `li.patrol-item[data-item][data-result]`
//! with `button.ans-pass|ans-fail|ans-na`, `input.ans-number`, `input.ans-text`,
//! `select.ans-choice`, `button.ans-save`, `input.ans-note`, `button.ans-photos`;
//! `#patrol-photos` (inside the item whose photos are open), `#patrol-progress[data-answered]
//! [data-total]`, `#patrol-left[data-full]` (the buildings not walked yet),
//! `p.patrol-units[data-covers]` with `span.unit` (a renovation or vacant-unit section's
//! units), `p.ans-out-of-range`, `#patrol-finish-building`, `#patrol-end`, `#patrol-error`.

use crate::components::page_heading::PageHeading;
use crate::components::patrol_item::ItemRow;
use crate::context::{use_ui, Ui};
use crate::i18n::{fill, Key, Pt};
use crate::model::patrol::{self as model, PatrolError, RoundView};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::names::{field, kind};
use shared::patrol::template;
use shared::patrol::Purpose;
use shared::RecordId;

/// Buildings of `area` on the device: `(id, name)`, by name.
pub fn buildings_of(ui: &Ui, area: Option<&RecordId>) -> Vec<(RecordId, String)> {
    ui.snap.with(|s| {
        let mut out: Vec<(RecordId, String)> = s
            .state
            .records_of(kind::BUILDING)
            .filter(|(_, f)| !f.is_deleted())
            .filter(|(_, f)| area.is_none_or(|a| f.text(field::AREA) == Some(a.as_str())))
            .map(|(id, f)| {
                let name = f.text(field::NAME).unwrap_or_default();
                (id.clone(), name.to_owned())
            })
            .collect();
        out.sort_by(|a, b| a.1.cmp(&b.1));
        out
    })
}

/// Areas on the device: `(id, name)`.
pub fn areas(ui: &Ui) -> Vec<(RecordId, String)> {
    ui.snap.with(|s| {
        let mut out: Vec<(RecordId, String)> = s
            .state
            .records_of(kind::AREA)
            .map(|(id, f)| (id.clone(), f.text(field::NAME).unwrap_or_default().to_owned()))
            .collect();
        out.sort_by(|a, b| a.1.cmp(&b.1));
        out
    })
}

#[path = "patrol_start.rs"]
mod start;
use start::StartForm;

/// The patrol page: the start form, or the round under way.
#[component]
pub fn PatrolPage() -> impl IntoView {
    let ui = use_ui();
    let purpose = move || if ui.is_supervisor() { Purpose::Quality } else { Purpose::Patrol };
    let open = Memo::new(move |_| {
        let me = ui.snap.with(|s| s.session.as_ref().map(|s| s.me.staff_id.clone()));
        let p = purpose();
        me.and_then(|me| ui.snap.with(|s| model::open_round(&s.state, &me, p)))
    });
    view! {
        <section id="patrol" class="patrol">
            <PageHeading>{move || ui.t(Key::PatrolTitle)}</PageHeading>
            <p class="links">
                <a id="patrol-coverage-link" href="/patrol/coverage">{move || ui.t(Key::PatrolCoverage)}</a>
                " · "
                <a id="patrol-rounds-link" href="/patrol/rounds">{move || ui.t(Key::PatrolRounds)}</a>
                <Show when=move || ui.is_supervisor()>
                    " · " <a id="patrol-templates-link" href="/patrol/templates">{move || ui.t(Key::PatrolTemplates)}</a>
                </Show>
            </p>
            {move || match open.get() {
                None => view! { <StartForm /> }.into_any(),
                Some(r) => view! { <Walk round=r /> }.into_any(),
            }}
        </section>
    }
}

/// The round under way: one building at a time, its checklist, its findings' photos.
#[component]
fn Walk(round: RoundView) -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let r = StoredValue::new(round.clone());
    let list = buildings_of(&ui, round.area.as_ref());
    let list: Vec<(RecordId, String)> = match &round.building {
        Some(b) => list.into_iter().filter(|(id, _)| id == b).collect(),
        None => list,
    };
    let quality = round.purpose == Purpose::Quality;
    let here = RwSignal::new(list.first().map(|(id, _)| id.0.clone()).unwrap_or_default());
    let photos_for = RwSignal::new(None::<RecordId>);
    let error = RwSignal::new(None::<String>);
    let save_error = RwSignal::new(None::<Key>);
    let checklist = Memo::new(move |_| {
        r.with_value(|r| ui.snap.with(|s| template::checklist(&s.state, &r.template, r.version)))
    });
    let building =
        move || if quality { None } else { Some(RecordId(here.get())).filter(RecordId::is_valid) };
    // Coverage by floor (a site setting): the walk names the floor too.
    let by_floor = Memo::new(move |_| {
        !quality
            && ui.snap.with(|s| crate::model::deadlines::settings(&s.state).patrol_by_floor) == 1
    });
    let floors = Memo::new(move |_| match building() {
        Some(b) if by_floor.get() => ui.snap.with(|s| model::floors_of(&s.state, &b)),
        _ => Vec::new(),
    });
    let chosen_floor = RwSignal::new(String::new());
    let floor = move || {
        if !by_floor.get() {
            return None;
        }
        let typed = chosen_floor.get().parse::<i64>().ok();
        typed
            .filter(|f| floors.with(|fs| fs.contains(f)))
            .or_else(|| floors.with(|fs| fs.first().copied()))
    };
    let progress = Memo::new(move |_| {
        let (b, f) = (building(), floor());
        r.with_value(|r| ui.snap.with(|s| model::progress(&s.state, r, b.as_ref(), f)))
    });
    // What of the area this round has not walked yet (a round of the whole area only).
    let left = Memo::new(move |_| {
        let (id, whole) = r.with_value(|r| (r.id.clone(), r.building.is_none()));
        (!quality && whole).then(|| ui.snap.with(|s| model::not_walked(&s.state, &id)))
    });
    let units = move |covers: Option<shared::patrol::Covers>| {
        let (b, f) = (building(), floor());
        ui.snap.with(|s| model::units_of_section(&s.state, covers, b.as_ref(), f))
    };
    let item_name = move |id: &RecordId| {
        ui.snap
            .with_untracked(|s| template::item(&s.state, id))
            .map(|i| i.text_zh)
            .unwrap_or_default()
    };
    let explain = move |e: PatrolError| match e {
        PatrolError::PhotoRequired(items) => {
            let names: Vec<String> = items.iter().map(item_name).collect();
            format!("{}{}", ui.t(Key::PatrolPhotoRequired), names.join("、"))
        }
        PatrolError::BadValue => ui.t(Key::PatrolBadValue).to_owned(),
        PatrolError::NoRound => ui.t(Key::PatrolNoRound).to_owned(),
    };
    let finish = move |_| {
        let Some(actor) = ui.actor() else { return };
        let b = building();
        let edits = r.with_value(|r| {
            ui.snap.with_untracked(|s| model::finish_edits(&s.state, &r.id, b.as_ref(), &actor))
        });
        match edits {
            Ok(e) => {
                error.set(None);
                ui.save(e, save_error, || {});
            }
            Err(e) => error.set(Some(explain(e))),
        }
    };
    let end = move |_| {
        let Some(actor) = ui.actor() else { return };
        let id = r.with_value(|r| r.id.clone());
        match ui.snap.with_untracked(|s| model::end_round_edits(&s.state, &id, &actor)) {
            Ok(e) => {
                error.set(None);
                let nav = navigate.clone();
                ui.save(e, save_error, move || {
                    nav(&format!("/patrol/report/{id}"), Default::default())
                });
            }
            Err(e) => error.set(Some(explain(e))),
        }
    };
    view! {
        <div id="patrol-round" class="card" data-id=round.id.0.clone()>
            <Show when=move || !quality>
                <label>{move || ui.t(Key::PatrolBuilding)}
                    <select id="patrol-walk-building" on:change=move |ev| here.set(event_target_value(&ev))>
                        {list.iter().map(|(id, name)| view! { <option translate="no" value=id.0.clone()>{name.clone()}</option> }).collect_view()}
                    </select>
                </label>
            </Show>
            <Show when=move || by_floor.get()>
                <label>{move || ui.t(Key::PatrolFloor)}
                    <select id="patrol-walk-floor" on:change=move |ev| chosen_floor.set(event_target_value(&ev))>
                        {move || floors.get().into_iter().map(|f| view! { <option value=f.to_string() selected=move || floor() == Some(f)>{f.to_string()}</option> }).collect_view()}
                    </select>
                </label>
            </Show>
            <p id="patrol-progress" class="patrol-progress"
                data-answered=move || progress.get().0.to_string() data-total=move || progress.get().1.to_string()>
                {move || { let (a, b) = progress.get(); fill(Pt::Progress.text(ui.lang.get()), &[("a", a), ("b", b)]) }}
                " " <progress max=move || progress.get().1.to_string() value=move || progress.get().0.to_string()></progress>
            </p>
            {move || left.get().map(|names| {
                let full = names.is_empty();
                view! {
                    <p id="patrol-left" class="patrol-left" class:partial=!full data-full=full.to_string()>
                        {move || if full { Pt::FullRound.text(ui.lang.get()).to_owned() } else { format!("{}{}", Pt::PartialRound.text(ui.lang.get()), names.join("、")) }}
                    </p>
                }
            })}
            {move || checklist.get().into_iter().map(|(section, items)| { let covers = section.covers; view! {
                <h2 class="sub">{move || if ui.lang.get() == crate::i18n::Lang::En { section.name_en.clone() } else { section.name_zh.clone() }}</h2>
                {move || units(covers).map(|numbers| {
                    let label = if covers == Some(shared::patrol::Covers::Vacant) { Pt::UnitsVacant } else { Pt::UnitsRenovating };
                    let (none, count) = (numbers.is_empty(), numbers.len().to_string());
                    view! {
                        <p class="patrol-units" data-covers=covers.map(|c| c.as_str()).unwrap_or("") data-count=count>
                            {move || label.text(ui.lang.get())}
                            {numbers.into_iter().map(|n| view! { <span class="unit">{n}</span> " " }).collect_view()}
                            {none.then(|| view! { <span class="none">{move || Pt::NoUnits.text(ui.lang.get())}</span> })}
                        </p>
                    }
                })}
                <ul class="patrol-items">
                    {items.into_iter().map(|item| view! { <ItemRow round=r.get_value() item=item building=Signal::derive(building) floor=Signal::derive(floor) photos_for=photos_for error=save_error /> }).collect_view()}
                </ul>
            }}).collect_view()}
            // Within the thumb's reach on a tablet (`components/thumb.rs`).
            <div class="actions thumb-bar">
                <Show when=move || !quality>
                    <button id="patrol-finish-building" on:click=finish>{move || ui.t(Key::PatrolFinishBuilding)}</button>
                </Show>
                <button id="patrol-end" on:click=end>{move || ui.t(Key::PatrolEnd)}</button>
            </div>
            <p id="patrol-error" class="error" role="alert">{move || error.get().or_else(|| save_error.get().map(|k| ui.t(k).to_owned()))}</p>
        </div>
    }
}
