//! The office's bulk reassignment: the rows ticked in the list (`input.row-select`) get a
//! department and an assignee, each with its `routed` event, in one edit.

use crate::context::use_ui;
use crate::i18n::{fill, Key};
use crate::model::{bulk_reassign_edits, names};
use leptos::prelude::*;
use shared::fields::read;
use shared::names::{field, kind};
use shared::{Kind, RecordId};
use std::collections::BTreeSet;

/// The department / assignee pickers and `#bulk-reassign` for the `selected` requests.
#[component]
pub fn BulkReassign(selected: RwSignal<BTreeSet<RecordId>>) -> impl IntoView {
    let ui = use_ui();
    let department = RwSignal::new(None::<RecordId>);
    let assignee = RwSignal::new(None::<RecordId>);
    let error = RwSignal::new(None::<Key>);
    let depts = Memo::new(move |_| ui.snap.with(|s| names(&s.state, kind::DEPARTMENT)));
    // Staff of the chosen department (everyone while none is chosen).
    let staff = Memo::new(move |_| {
        let dept = department.get();
        ui.snap.with(|s| {
            let kind = Kind::new(kind::STAFF);
            names(&s.state, kind::STAFF)
                .into_iter()
                .filter(|(id, _)| {
                    dept.as_ref().is_none_or(|d| {
                        s.state
                            .field(&kind, id, field::DEPARTMENT)
                            .and_then(|f| read::text(&f.value))
                            == Some(d.as_str())
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let id = |v: String| Some(RecordId(v)).filter(RecordId::is_valid);
    let apply = move |_| {
        let ids: Vec<RecordId> = selected.get_untracked().into_iter().collect();
        let Some(actor) = ui.actor() else { return };
        let (d, a) = (department.get_untracked(), assignee.get_untracked());
        let edits = bulk_reassign_edits(&ids, d.as_ref(), a.as_ref(), &actor);
        if ids.is_empty() || edits.is_empty() {
            return error.set(Some(Key::BulkNothing));
        }
        ui.save(edits, error, move || selected.set(BTreeSet::new()));
    };
    view! {
        <div class="bulk-bar" data-selected=move || selected.with(|s| s.len().to_string())>
            <strong>{move || ui.t(Key::BulkTitle)}</strong>
            <span class="count">{move || fill(ui.t(Key::BulkSelected), &[("n", selected.with(|s| s.len()))])}</span>
            <select id="bulk-department" aria-label=move || ui.t(Key::BulkDepartment) on:change=move |ev| {
                department.set(id(event_target_value(&ev)));
                assignee.set(None);
            }>
                <option value="">{move || ui.t(Key::BulkDepartment)}</option>
                {move || depts.get().into_iter().map(|(id, n)| view! { <option translate="no" value=id.0>{n}</option> }).collect_view()}
            </select>
            <select id="bulk-assignee" aria-label=move || ui.t(Key::BulkAssignee) on:change=move |ev| assignee.set(id(event_target_value(&ev)))>
                <option value="" selected=move || assignee.get().is_none()>{move || ui.t(Key::BulkAssignee)}</option>
                {move || staff.get().into_iter().map(|(id, n)| view! { <option translate="no" value=id.0>{n}</option> }).collect_view()}
            </select>
            <button id="bulk-reassign" on:click=apply>{move || ui.t(Key::BulkApply)}</button>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </div>
    }
}
