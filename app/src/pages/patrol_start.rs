//! The patrol page's start form: template, area (supervisors choose), the whole area or one
//! building, and — for a quality check — whose work is checked.

use super::{areas, buildings_of};
use crate::context::use_ui;
use crate::i18n::Key;
use crate::model::patrol as model;
use leptos::prelude::*;
use shared::names::{field, kind};
use shared::patrol::template;
use shared::patrol::Purpose;
use shared::{RecordId, Role};

/// Starts a round: template, area (supervisors choose), whole area or one building.
#[component]
pub(super) fn StartForm() -> impl IntoView {
    let ui = use_ui();
    let supervisor = ui.is_supervisor();
    let wanted = if supervisor { Purpose::Quality } else { Purpose::Patrol };
    let templates = Memo::new(move |_| {
        ui.snap.with(|s| {
            template::templates(&s.state)
                .into_iter()
                .filter(|t| t.purpose == wanted)
                .collect::<Vec<_>>()
        })
    });
    let my_area = ui.snap.with_untracked(|s| s.session.as_ref().and_then(|s| s.me.area_id.clone()));
    let area = RwSignal::new(my_area.clone().unwrap_or_default());
    let chosen = RwSignal::new(
        templates.get_untracked().first().map(|t| t.id.0.clone()).unwrap_or_default(),
    );
    let building = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let start = move |_| {
        let Some(actor) = ui.actor() else { return };
        let a = RecordId(area.get_untracked());
        let t = templates
            .with_untracked(|ts| ts.iter().find(|t| t.id.0 == chosen.get_untracked()).cloned());
        let (Some(t), true) = (t, a.is_valid()) else { return error.set(Some(Key::PatrolNoArea)) };
        let b = Some(RecordId(building.get_untracked())).filter(RecordId::is_valid);
        let who = Some(RecordId(subject.get_untracked())).filter(RecordId::is_valid);
        let id = RecordId::new_v7();
        ui.save(
            model::start_round_edits(&id, &t, &a, b.as_ref(), who.as_ref(), &actor),
            error,
            || {},
        );
    };
    let staff = move || {
        ui.snap.with(|s| {
            s.state
                .records_of(kind::STAFF)
                .filter(|(_, f)| f.text(field::ROLE) == Some(Role::Butler.as_str()))
                .map(|(id, f)| (id.0.clone(), f.text(field::NAME).unwrap_or_default().to_owned()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="card patrol-start">
            <label>{move || ui.t(Key::PatrolTemplate)}
                <select id="patrol-template" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {move || templates.get().into_iter().map(|t| {
                        let name = if ui.lang.get() == crate::i18n::Lang::En { t.name_en.clone() } else { t.name_zh.clone() };
                        view! { <option value=t.id.0.clone() selected=t.id.0 == chosen.get_untracked()>{format!("{name} v{}", t.version)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <Show when=move || my_area.is_none()>
                <label>{move || ui.t(Key::PatrolArea)}
                    <select id="patrol-area" on:change=move |ev| area.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || areas(&ui).into_iter().map(|(id, name)| view! { <option translate="no" value=id.0>{name}</option> }).collect_view()}
                    </select>
                </label>
            </Show>
            <label>{move || ui.t(Key::PatrolBuilding)}
                <select id="patrol-building" on:change=move |ev| building.set(event_target_value(&ev))>
                    <option value="">{move || ui.t(Key::PatrolWholeArea)}</option>
                    {move || {
                        let a = Some(RecordId(area.get())).filter(RecordId::is_valid);
                        buildings_of(&ui, a.as_ref()).into_iter().map(|(id, name)| view! { <option translate="no" value=id.0>{name}</option> }).collect_view()
                    }}
                </select>
            </label>
            <Show when=move || supervisor>
                <label>{move || ui.t(Key::PatrolSubject)}
                    <select id="patrol-subject" on:change=move |ev| subject.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || staff().into_iter().map(|(id, name)| view! { <option translate="no" value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
            </Show>
            <div class="thumb-bar">
                <p id="patrol-error" class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
                <button id="patrol-start" class="primary" on:click=start>{move || ui.t(Key::PatrolStart)}</button>
            </div>
        </div>
    }
}
