//! The dispatch (派单) of a new or reopened request: department and assignee pickers
//! prefilled by the routing rules (`model::flow::suggested_route`), saved as department,
//! assignee, status `assigned` and the routed and status events in ONE edit
//! (`model::flow::dispatch_edits`). Offered to butlers, the office and supervisors only.

use super::status_buttons::current_actor;
use crate::context::use_ui;
use crate::i18n::Key;
use crate::model::flow::{assignees, departments, dispatch_edits, suggested_route, FlowError};
use leptos::prelude::*;
use shared::fields::read;
use shared::names::{field, kind};
use shared::request::RequestStatus;
use shared::{RecordId, Role};

/// Whether a user of `role` is offered the dispatch of a request in `status`.
pub fn offers_dispatch(status: RequestStatus, role: Option<Role>) -> bool {
    matches!(status, RequestStatus::New | RequestStatus::Reopened)
        && role.is_some_and(|r| status.may_become(RequestStatus::Assigned, r))
}

/// The default assignee of department `id` (empty when none): a change of department
/// proposes its default person.
fn default_assignee(state: &shared::replica::ReplicaState, id: &str) -> String {
    state
        .field(&shared::Kind::new(kind::DEPARTMENT), &RecordId::from(id), field::DEFAULT_ASSIGNEE)
        .and_then(|s| read::text(&s.value).map(str::to_owned))
        .unwrap_or_default()
}

/// The `#dispatch` section of request `id` (render it only when [`offers_dispatch`]).
#[component]
pub fn Dispatch(id: RecordId, status: Signal<RequestStatus>) -> impl IntoView {
    let ui = use_ui();
    let department = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let error = RwSignal::new(None::<Key>);
    // Prefilled by the routing rules, and again when the records they need arrive (a
    // department synced after the page opened), until the user picks.
    let revision = Memo::new(move |_| ui.snap.with(|s| s.revision));
    let routed_id = id.clone();
    Effect::new(move |_| {
        revision.with(|_| ());
        if touched.get_untracked() {
            return;
        }
        let route = ui.snap.with_untracked(|s| suggested_route(&s.state, &routed_id));
        let show = |r: Option<RecordId>| r.map(|r| r.to_string()).unwrap_or_default();
        department.set(show(route.department));
        assignee.set(show(route.assignee));
    });
    let depts = Memo::new(move |_| ui.snap.with(|s| departments(&s.state)));
    let people = Memo::new(move |_| {
        let d = Some(RecordId(department.get())).filter(RecordId::is_valid);
        ui.snap.with(|s| assignees(&s.state, d.as_ref()))
    });
    let save = move |_| {
        let Some(actor) = current_actor(&ui) else {
            return error.set(Some(Key::SaveFailed));
        };
        let pick = |v: String| Some(RecordId(v)).filter(RecordId::is_valid);
        let (d, a) = (pick(department.get_untracked()), pick(assignee.get_untracked()));
        match dispatch_edits(&id, status.get_untracked(), d.as_ref(), a.as_ref(), &actor) {
            Ok(edits) => ui.save(edits, error, || {}),
            Err(FlowError::NoRoute) => error.set(Some(Key::DispatchNoRoute)),
            Err(_) => error.set(Some(Key::MoveNotAllowed)),
        }
    };
    view! {
        <section id="dispatch" class="dispatch">
            <h3>{move || ui.t(Key::Dispatch)}</h3>
            <div class="row2">
                <div>
                    <label for="dispatch-department">{move || ui.t(Key::Department)}</label>
                    <select
                        id="dispatch-department"
                        prop:value=move || department.get()
                        on:change=move |ev| {
                            touched.set(true);
                            let d = event_target_value(&ev);
                            assignee.set(ui.snap.with_untracked(|s| default_assignee(&s.state, &d)));
                            department.set(d);
                        }
                    >
                        <option value="">{move || ui.t(Key::Nobody)}</option>
                        <For
                            each=move || depts.get()
                            key=|c| c.id.clone()
                            children=move |c| {
                                let v = c.id.to_string();
                                view! { <option translate="no" value=v.clone() selected=move || department.get() == v>{c.name}</option> }
                            }
                        />
                    </select>
                </div>
                <div>
                    <label for="dispatch-assignee">{move || ui.t(Key::Assignee)}</label>
                    <select
                        id="dispatch-assignee"
                        prop:value=move || assignee.get()
                        on:change=move |ev| {
                            touched.set(true);
                            assignee.set(event_target_value(&ev));
                        }
                    >
                        <option value="">{move || ui.t(Key::Nobody)}</option>
                        <For
                            each=move || people.get()
                            key=|c| c.id.clone()
                            children=move |c| {
                                let v = c.id.to_string();
                                view! { <option translate="no" value=v.clone() selected=move || assignee.get() == v>{c.name}</option> }
                            }
                        />
                    </select>
                </div>
            </div>
            <button id="dispatch-save" class="primary" on:click=save>
                {move || ui.t(Key::DispatchSave)}
            </button>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </section>
    }
}
