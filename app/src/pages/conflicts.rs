//! `/conflicts`: open conflict records (a review field edited concurrently on two devices).
//! Office staff and supervisors confirm the kept value or overturn it.

use crate::i18n::{field_label, Key};
use crate::model::{self, ConflictView};
use crate::sync::runner::sync_now;
use crate::sync::FieldEdit;
use crate::ui::{engine, use_ui};
use leptos::prelude::*;
use serde_json::json;
use shared::request::Role;

#[component]
pub fn ConflictsPage() -> impl IntoView {
    let ui = use_ui();
    let rows = Memo::new(move |_| ui.snap.with(|s| model::open_conflicts(&s.state)));
    view! {
        <section class="conflicts">
            <h2>{move || ui.t(Key::Conflicts)}</h2>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || view! { <p class="empty">{move || ui.t(Key::NoConflicts)}</p> }
            >
                <ul class="conflict-list">
                    <For
                        each=move || rows.get()
                        key=|c| (c.id.clone(), c.kept.clone(), c.lost.clone())
                        children=move |c| view! { <ConflictRow c=c /> }
                    />
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn ConflictRow(c: ConflictView) -> impl IntoView {
    let ui = use_ui();
    let may_decide =
        move || ui.snap.with(|s| s.session.as_ref().is_some_and(|s| s.me.role != Role::Butler));
    let id = c.id.clone();
    let (target_kind, target_id, field) =
        (c.target_kind.clone(), c.target_id.clone(), c.field.clone());
    let lost = c.lost.clone();
    let decide = move |status: &'static str| {
        let Some(engine) = engine() else { return };
        let staff = ui.snap.with_untracked(|s| s.session.as_ref().map(|s| s.me.staff_id.clone()));
        let mut edits = vec![FieldEdit::new("conflict", &id, "status", json!(status))];
        if let Some(staff) = staff {
            edits.push(FieldEdit::new("conflict", &id, "resolved_by", json!(staff)));
        }
        // Overturning puts the value that lost back on the record.
        let target = shared::RecordId(target_id.clone());
        if status == "overturned" && target.is_valid() && !target_kind.is_empty() {
            edits.push(FieldEdit::new(&target_kind, &target, &field, json!(lost)));
        }
        leptos::task::spawn_local(async move {
            if engine.edit(edits).await.is_ok() {
                sync_now();
            }
        });
    };
    let confirm = decide.clone();
    let field = c.field.clone();
    view! {
        <li data-testid="conflict-row" class="conflict-row card" data-target-id=c.target_id.clone()>
            <a class="target" href=format!("/requests/{}", c.target_id)>
                <span class="label">{move || ui.t(Key::Field)}</span>
                <span class="field">{move || field_label(&field, ui.lang.get())}</span>
            </a>
            <div class="values">
                <div class="kept">
                    <span class="label">{move || ui.t(Key::Kept)}</span>
                    <span class="value">{c.kept.clone()}</span>
                </div>
                <div class="lost">
                    <span class="label">{move || ui.t(Key::Lost)}</span>
                    <span class="value">{c.lost.clone()}</span>
                </div>
            </div>
            <Show
                when=may_decide
                fallback=move || view! { <p class="hint">{move || ui.t(Key::OfficeOnly)}</p> }
            >
                <div class="buttons">
                    <button class="conflict-confirm" on:click={
                        let confirm = confirm.clone();
                        move |_| confirm("confirmed")
                    }>{move || ui.t(Key::Confirm)}</button>
                    <button class="conflict-overturn" on:click={
                        let decide = decide.clone();
                        move |_| decide("overturned")
                    }>{move || ui.t(Key::Overturn)}</button>
                </div>
            </Show>
        </li>
    }
}
