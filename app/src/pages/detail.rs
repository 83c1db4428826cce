//! `/requests/:id`: one request — its facts (number, type, source, classifier, owner or
//! routing, reopen count), the dispatch, the status buttons, the call-back and complaint
//! panels, comments, the history timeline and the description / phone editors.

use crate::components::comments::Comments;
use crate::components::dispatch::Dispatch;
use crate::components::page_heading::PageHeading;
use crate::components::status_buttons::{current_actor, StatusButtons};
use crate::components::timeline::Timeline;
use crate::context::use_ui;
use crate::i18n::{category_label, source_label, status_label, urgency_label, Key, Lang};
use crate::model::offers::Offers;
use crate::model::timeline::{reopens, timeline};
use crate::model::{self, flow, Label, RequestView};
use crate::platform::format_time;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde_json::json;
use shared::names::{field, kind};
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

fn label(l: &Option<Label>, lang: Lang) -> String {
    l.as_ref()
        .map(|l| if lang == Lang::Zh { l.zh.clone() } else { l.en.clone() })
        .unwrap_or_default()
}

/// The request's facts and every control of the page.
#[component]
fn Detail(id: RecordId, req: Memo<Option<RequestView>>) -> impl IntoView {
    let ui = use_ui();
    let get =
        move |f: fn(&RequestView) -> String| req.with(|r| r.as_ref().map(f).unwrap_or_default());
    let status = Signal::derive(move || {
        req.with(|r| r.as_ref().map(|r| r.status).unwrap_or(RequestStatus::INITIAL))
    });
    let history = {
        let id = id.clone();
        let changed = Memo::new(move |_| ui.snap.with(|s| (s.revision, s.pending)));
        Memo::new(move |_| {
            changed.with(|_| ());
            ui.snap.with_untracked(|s| timeline(&s.state, &s.pending_ids, &id))
        })
    };
    // Where the request stands against its deadline (its own last event for "stuck").
    let timing = {
        let id = id.clone();
        Memo::new(move |_| {
            let last = history.with(|h| h.iter().filter_map(|e| e.at).max());
            ui.tick.track();
            let now = ui.now();
            ui.snap.with(|s| {
                let f = s.state.record(&shared::Kind::new(kind::REQUEST), &id)?;
                let settings = crate::model::deadlines::settings(&s.state);
                Some(crate::model::deadlines::timing(&settings, f, last, now))
            })
        })
    };
    let lang = move || ui.lang.get();
    let category = move || {
        req.with(|r| r.as_ref().and_then(|r| r.category))
            .map(|c| category_label(c, lang()))
            .unwrap_or_default()
    };
    let source = move || {
        req.with(|r| r.as_ref().and_then(|r| r.source))
            .map(|s| source_label(s, lang()))
            .unwrap_or_default()
    };
    let urgency = move || {
        let urgent = req.with(|r| r.as_ref().is_some_and(|r| r.urgent));
        urgency_label(if urgent { Urgency::Urgent } else { Urgency::Normal }, lang())
    };
    let classified = move || {
        req.with(|r| {
            let Some(r) = r else { return String::new() };
            let parts = [&r.place, &r.topic, &r.problem].map(|l| label(l, lang()));
            parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" / ")
        })
    };
    // 首问负责: until it is routed, the taker owns the request.
    let routed = move || {
        req.with(|r| r.as_ref().is_some_and(|r| r.department.is_some() || r.assignee.is_some()))
    };
    let time = move |f: fn(&RequestView) -> Option<i64>| {
        req.with(|r| r.as_ref().and_then(f).map(|t| format_time(t as u64)).unwrap_or_default())
    };
    // What this role may do here: exactly what the server's writer rules take.
    let offers = Memo::new(move |_| {
        ui.role().map(|r| model::offers::offers(r, status.get())).unwrap_or_default()
    });
    let dispatchable = move || offers.with(|o| o.dispatch);
    let dispatch_id = id.clone();
    let complaint_id = id.clone();
    let callback_id = id.clone();
    let service_req = id.clone();
    view! {
        <section id="req-detail" class="detail card" data-id=id.to_string()>
            <header class="detail-head">
                <PageHeading>
                    <span id="detail-number" class="number" translate="no">{move || get(|r| r.number.clone())}</span>
                    " "
                    <span translate="no">{move || get(|r| r.unit_number.clone())}</span>
                    <Show when=move || req.with(|r| r.as_ref().is_some_and(|r| r.urgent))>
                        <span class="badge urgent">{move || ui.t(Key::UrgentBadge)}</span>
                    </Show>
                    <Show when=move || req.with(|r| r.as_ref().is_some_and(|r| r.missed_call))>
                        <span class="badge missed">{move || ui.t(Key::MissedCallBadge)}</span>
                    </Show>
                </PageHeading>
                <span
                    id="detail-status"
                    class=move || format!("chip status-{}", status.get().as_str())
                    data-status=move || status.get().as_str()
                >
                    {move || status_label(status.get(), lang())}
                </span>
                <Show when=move || req.with(|r| r.as_ref().is_some_and(|r| r.pending))>
                    <span class="badge pending">{move || ui.t(Key::PendingMarker)}</span>
                </Show>
            </header>
            <dl class="facts">
                <dt>{move || ui.t(Key::Location)}</dt>
                <dd id="detail-location" translate="no">{move || req.with(|r| r.as_ref().map(RequestView::location))}</dd>
                <dt>{move || ui.t(Key::Description)}</dt>
                <dd id="detail-description" translate="no">{move || get(|r| r.description.clone())}</dd>
                <dt>{move || ui.t(Key::ContactName)}</dt>
                <dd id="detail-contact-name" translate="no">{move || get(|r| r.contact_name.clone())}</dd>
                <dt>{move || ui.t(Key::ContactPhone)}</dt>
                <dd id="detail-contact-phone" translate="no">{move || get(|r| r.contact_phone.clone())}</dd>
                <dt>{move || ui.t(Key::RequestType)}</dt>
                <dd id="detail-type">{category}</dd>
                <dt>{move || ui.t(Key::Source)}</dt>
                <dd id="detail-source">{source}</dd>
                <dt>{move || ui.t(Key::Urgency)}</dt>
                <dd>{urgency}</dd>
                <dt>{move || format!("{} / {} / {}", ui.t(Key::Place), ui.t(Key::Topic), ui.t(Key::Problem))}</dt>
                <dd id="detail-classifier">{classified}</dd>
                <Show
                    when=routed
                    fallback=move || view! {
                        <dt>{move || ui.t(Key::Owner)}</dt>
                        <dd id="detail-owner" translate="no">{move || get(|r| r.created_by_name.clone())}</dd>
                    }
                >
                    <dt>{move || ui.t(Key::Department)}</dt>
                    <dd id="detail-department" translate="no">{move || get(|r| r.department_name.clone())}</dd>
                    <dt>{move || ui.t(Key::Assignee)}</dt>
                    <dd id="detail-assignee" translate="no">{move || get(|r| r.assignee_name.clone())}</dd>
                </Show>
                <dt>{move || ui.t(Key::Created)}</dt>
                <dd>{move || time(|r| r.created_at)}</dd>
                <Show when=move || req.with(|r| r.as_ref().is_some_and(|r| r.done_at.is_some()))>
                    <dt>{move || ui.t(Key::DoneAt)}</dt>
                    <dd id="detail-done-at">{move || time(|r| r.done_at)}</dd>
                </Show>
                <Show when=move || req.with(|r| r.as_ref().is_some_and(|r| !r.cancel_reason.is_empty()))>
                    <dt>{move || ui.t(Key::CancelReason)}</dt>
                    <dd id="detail-cancel-reason" translate="no">{move || get(|r| r.cancel_reason.clone())}</dd>
                </Show>
                <Show when=move || timing.with(|t| t.is_some_and(|t| t.due.is_some()))>
                    <dt>{move || ui.t(Key::DueAt)}</dt>
                    <dd
                        id="detail-due"
                        data-overdue=move || timing.with(|t| t.is_some_and(|t| t.overdue).to_string())
                        data-stuck=move || timing.with(|t| t.is_some_and(|t| t.stuck).to_string())
                    >
                        {move || timing.with(|t| t.and_then(|t| t.due)).map(|d| format_time(d as u64))}
                        {move || timing.with(|t| match t {
                            Some(t) if t.stuck => Some(view! { " " <span class="badge stuck">{ui.t(Key::Stuck)}</span> }),
                            Some(t) if t.overdue => Some(view! { " " <span class="badge overdue">{ui.t(Key::Overdue)}</span> }),
                            _ => None,
                        })}
                    </dd>
                </Show>
                <dt>{move || ui.t(Key::Reopens)}</dt>
                <dd id="detail-reopens">{move || history.with(|h| reopens(h))}</dd>
            </dl>
            // A paid service's order, or the button that makes it (issue 25).
            <Show when=move || req.with(|r| r.as_ref().and_then(|r| r.category) == Some(shared::request::Category::PaidService))>
                <crate::pages::service_order::OrderLink request=service_req.clone() />
            </Show>
            <Show when=dispatchable>
                <Dispatch id=dispatch_id.clone() status=status />
            </Show>
            <StatusButtons id=id.clone() status=status />
            <crate::components::close_form::CloseForm id=id.clone() status=status />
            // The follow-up helper's panels: call-back (回访) and complaint handling.
            // A patrol finding has no resident to call: it is re-checked instead.
            <Show when=move || req.with(|r| r.as_ref().is_some_and(|r| r.follow_up == shared::request::callback::FollowUp::Callback))>
                <crate::components::callback_panel::CallbackPanel id=callback_id.clone() />
            </Show>
            <Show when=move || offers.with(|o| o.complaint_shown)>
                <crate::components::complaint_panel::ComplaintPanel id=complaint_id.clone() />
            </Show>
            // What the state needs next (dispatch, status, call-back, complaint) stays open;
            // the rest is one tap away, so the page stays short (issue 28 point 16).
            <details id="panel-comments" class="panel">
                <summary>{move || ui.t(Key::Comments)}</summary>
                <Comments id=id.clone() />
            </details>
            <details id="panel-photos" class="panel">
                <summary>{move || ui.t(Key::Photos)}</summary>
                <crate::components::photos::Photos
                    parent_kind=shared::blob::PhotoParent::Request
                    parent_id=id.clone()
                />
            </details>
            <details id="panel-history" class="panel">
                <summary>{move || ui.t(Key::History)}</summary>
                <Timeline entries=history />
            </details>
            <details id="panel-edit" class="panel">
                <summary>
                    {move || format!("{} · {}", ui.t(Key::EditDescription), ui.t(Key::EditContactPhone))}
                </summary>
                // Closed: read-only until reopened (`shared::request::closing`).
                <fieldset class="plain" prop:disabled=move || shared::request::closing::read_only(Some(status.get()))>
                    <Editors id=id.clone() req=req offers=offers />
                </fieldset>
            </details>
        </section>
    }
}

/// The description and phone editors, each shown only when the role may write its field:
/// each save writes the field and an `edited` event naming it, in one edit.
#[component]
fn Editors(id: RecordId, req: Memo<Option<RequestView>>, offers: Memo<Offers>) -> impl IntoView {
    let ui = use_ui();
    let get = move |f: fn(&RequestView) -> String| {
        req.with_untracked(|r| r.as_ref().map(f).unwrap_or_default())
    };
    let id = StoredValue::new(id);
    let description = RwSignal::new(get(|r| r.description.clone()));
    let phone = RwSignal::new(get(|r| r.contact_phone.clone()));
    let error = RwSignal::new(None::<Key>);
    let save = move |field: &'static str, value: String| {
        if field == field::DESCRIPTION && value.trim().is_empty() {
            return error.set(Some(Key::DescriptionRequired));
        }
        let Some(actor) = current_actor(&ui) else {
            return error.set(Some(Key::SaveFailed));
        };
        let edits =
            id.with_value(|id| flow::field_edits(id, &[(field, json!(value.trim()))], &actor));
        ui.save(edits, error, || {});
    };
    let save_phone = save;
    let any = move || offers.with(|o| o.edit_description || o.edit_phone);
    view! {
        <Show when=any>
        <section class="edit">
            <Show when=move || offers.with(|o| o.edit_description)>
            <label for="edit-description">{move || ui.t(Key::EditDescription)}</label>
            <textarea id="edit-description" rows="3" bind:value=description></textarea>
            <button id="save-description" on:click=move |_| save(field::DESCRIPTION, description.get_untracked())>
                {move || ui.t(Key::Save)}
            </button>
            </Show>
            <Show when=move || offers.with(|o| o.edit_phone)>
            <label for="edit-contact-phone">{move || ui.t(Key::EditContactPhone)}</label>
            <input id="edit-contact-phone" type="tel" inputmode="tel" bind:value=phone />
            <button id="save-contact-phone" on:click=move |_| save_phone(field::CONTACT_PHONE, phone.get_untracked())>
                {move || ui.t(Key::Save)}
            </button>
            </Show>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </section>
        </Show>
    }
}
