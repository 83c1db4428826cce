//! `/requests/:id`: one request, its status buttons and the description / phone editors.

use crate::components::status_buttons::StatusButtons;
use crate::context::use_ui;
use crate::i18n::{category_label, status_label, urgency_label, Key};
use crate::model;
use crate::platform::format_time;
use crate::sync::FieldEdit;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde_json::json;
use shared::request::{RequestStatus, Urgency};
use shared::RecordId;

/// Reads the id from the route and shows the request, or "not found" (a request of
/// another site, or not pulled yet).
#[component]
pub fn DetailPage() -> impl IntoView {
    let ui = use_ui();
    let params = use_params_map();
    let id = Memo::new(move |_| RecordId(params.with(|p| p.get("id").unwrap_or_default())));
    let req = Memo::new(move |_| {
        let id = id.get();
        ui.snap.with(|s| model::request(&s.state, &s.pending_ids, &id))
    });
    view! {
        <Show
            when=move || req.with(|r| r.is_some())
            fallback=move || view! { <p class="empty">{move || ui.t(Key::NotFound)}</p> }
        >
            {move || id.with(|id| view! { <Detail id=id.clone() req=req /> })}
        </Show>
    }
}

/// The request's facts, its status buttons and the two editors, which save through the
/// context's `save` helper and show its error.
#[component]
fn Detail(id: RecordId, req: Memo<Option<model::RequestView>>) -> impl IntoView {
    let ui = use_ui();
    let get = move |f: fn(&model::RequestView) -> String| {
        req.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    let status = Signal::derive(move || {
        req.with(|r| r.as_ref().map(|r| r.status).unwrap_or(RequestStatus::INITIAL))
    });
    let description = RwSignal::new(get(|r| r.description.clone()));
    let phone = RwSignal::new(get(|r| r.contact_phone.clone()));
    let error = RwSignal::new(None::<Key>);
    let save = {
        let id = id.clone();
        move |field: &'static str, value: String| {
            if field == "description" && value.trim().is_empty() {
                return error.set(Some(Key::DescriptionRequired));
            }
            ui.save(vec![FieldEdit::new("request", &id, field, json!(value.trim()))], error, || {});
        }
    };
    let save_phone = save.clone();
    let category = move || {
        let c = req.with(|r| r.as_ref().and_then(|r| r.category));
        c.map(|c| category_label(c, ui.lang.get())).unwrap_or_default()
    };
    let urgency = move || {
        let urgent = req.with(|r| r.as_ref().is_some_and(|r| r.urgent));
        urgency_label(if urgent { Urgency::Urgent } else { Urgency::Normal }, ui.lang.get())
    };
    view! {
        <section id="req-detail" class="detail card" data-id=id.to_string()>
            <header class="detail-head">
                <h2>
                    {move || get(|r| r.unit_number.clone())}
                    <Show when=move || req.with(|r| r.as_ref().is_some_and(|r| r.urgent))>
                        <span class="badge urgent">{move || ui.t(Key::UrgentBadge)}</span>
                    </Show>
                </h2>
                <span
                    id="detail-status"
                    class=move || format!("chip status-{}", status.get().as_str())
                    data-status=move || status.get().as_str()
                >
                    {move || status_label(status.get(), ui.lang.get())}
                </span>
                <Show when=move || req.with(|r| r.as_ref().is_some_and(|r| r.pending))>
                    <span class="badge pending">{move || ui.t(Key::PendingMarker)}</span>
                </Show>
            </header>
            <dl class="facts">
                <dt>{move || ui.t(Key::Description)}</dt>
                <dd id="detail-description">{move || get(|r| r.description.clone())}</dd>
                <dt>{move || ui.t(Key::ContactPhone)}</dt>
                <dd id="detail-contact-phone">{move || get(|r| r.contact_phone.clone())}</dd>
                <dt>{move || ui.t(Key::Category)}</dt>
                <dd>{category}</dd>
                <dt>{move || ui.t(Key::Urgency)}</dt>
                <dd>{urgency}</dd>
                <dt>{move || ui.t(Key::Created)}</dt>
                <dd>{move || req.with(|r| r.as_ref().and_then(|r| r.created_at).map(|t| format_time(t as u64)).unwrap_or_default())}</dd>
            </dl>
            <StatusButtons id=id.clone() status=status />
            <section class="edit">
                <label for="edit-description">{move || ui.t(Key::EditDescription)}</label>
                <textarea id="edit-description" rows="3" bind:value=description></textarea>
                <button id="save-description" on:click=move |_| save("description", description.get_untracked())>
                    {move || ui.t(Key::Save)}
                </button>
                <label for="edit-contact-phone">{move || ui.t(Key::EditContactPhone)}</label>
                <input id="edit-contact-phone" type="tel" inputmode="tel" bind:value=phone />
                <button id="save-contact-phone" on:click=move |_| save_phone("contact_phone", phone.get_untracked())>
                    {move || ui.t(Key::Save)}
                </button>
                <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
            </section>
        </section>
    }
}
