//! The dispatch (派单) of a new or reopened request: the department picker prefilled by the
//! routing rules (`model::flow::suggested_route`); the assignee picker starts on the
//! default, shown by name and role ("默认：张工（主管）"), which is the person saving sends
//! it to (`model::dispatch::default_assignee`, one function for the label and the save).
//! Saved as department, assignee, status `assigned` and the routed and status events in ONE
//! edit (`model::flow::dispatch_edits`). Offered to butlers, the office and supervisors only.
//!
//! DOM: `#dispatch-assignee` whose first option (value "") is the default,
//! `data-default=<staff id>` on it (empty: nobody).

use super::status_buttons::current_actor;
use crate::context::use_ui;
use crate::i18n::{staff_role_label, Key};
use crate::model::dispatch::{assignee_to_save, default_staff};
use crate::model::flow::{assignees, departments, dispatch_edits, suggested_route, FlowError};
use leptos::prelude::*;
use shared::request::RequestStatus;
use shared::RecordId;

/// The `#dispatch` section of request `id` (render it only when `model::offers::dispatch`).
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
        department.set(route.department.map(|r| r.to_string()).unwrap_or_default());
        assignee.set(String::new());
    });
    let picked_department = move || Some(RecordId(department.get())).filter(RecordId::is_valid);
    let default_id = id.clone();
    let default = Memo::new(move |_| {
        let d = picked_department();
        ui.snap.with(|s| default_staff(&s.state, &default_id, d.as_ref()))
    });
    let default_label = move || {
        let lang = ui.lang.get();
        match default.get() {
            Some(p) => {
                let role = p.role.map(|r| staff_role_label(r, lang)).unwrap_or_default();
                let name = if p.name.is_empty() { p.id.to_string() } else { p.name };
                match lang {
                    crate::i18n::Lang::Zh => {
                        format!("{}{name}（{role}）", ui.t(Key::DispatchDefault))
                    }
                    crate::i18n::Lang::En => {
                        format!("{}{name} ({role})", ui.t(Key::DispatchDefault))
                    }
                }
            }
            None => ui.t(Key::Nobody).to_owned(),
        }
    };
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
        let d = pick(department.get_untracked());
        let picked = pick(assignee.get_untracked());
        let a = ui.snap.with_untracked(|s| assignee_to_save(&s.state, &id, d.as_ref(), picked));
        match dispatch_edits(&id, status.get_untracked(), d.as_ref(), a.as_ref(), &actor) {
            Ok(edits) => ui.save(edits, error, || {}),
            Err(FlowError::NoRoute) => error.set(Some(Key::DispatchNoRoute)),
            Err(_) => error.set(Some(Key::MoveNotAllowed)),
        }
    };
    view! {
        <section id="dispatch" class="dispatch">
            <h2 class="sub">{move || ui.t(Key::Dispatch)}</h2>
            <div class="row2">
                <div>
                    <label for="dispatch-department">{move || ui.t(Key::Department)}</label>
                    <select
                        id="dispatch-department"
                        prop:value=move || department.get()
                        on:change=move |ev| {
                            touched.set(true);
                            assignee.set(String::new());
                            department.set(event_target_value(&ev));
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
                        <option
                            value=""
                            class="dispatch-default"
                            // The default person's name is data; the option cannot split it.
                            translate="no"
                            data-default=move || default.get().map(|p| p.id.to_string()).unwrap_or_default()
                        >
                            {default_label}
                        </option>
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
