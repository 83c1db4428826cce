//! `/conflicts`: open conflict records (a review field edited concurrently on two devices).
//! Office staff and supervisors confirm the kept value or overturn it, which writes the lost
//! value back exactly as it was.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{field_label, Key};
use crate::model::{self, display_value, ConflictView};
use leptos::prelude::*;
use shared::conflict::ConflictStatus;

/// The open conflicts, one row each; the rows decide through the `save` helper.
#[component]
pub fn ConflictsPage() -> impl IntoView {
    let ui = use_ui();
    let rows = Memo::new(move |_| ui.snap.with(|s| model::open_conflicts(&s.state)));
    view! {
        <section class="conflicts">
            <PageHeading>{move || ui.t(Key::Conflicts)}</PageHeading>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || view! { <p class="empty">{move || ui.t(Key::NoConflicts)}</p> }
            >
                <ul class="conflict-list">
                    <For
                        each=move || rows.get()
                        key=|c| (c.id.clone(), c.kept.to_string(), c.lost.to_string())
                        children=move |c| view! { <ConflictRow c=c /> }
                    />
                </ul>
            </Show>
        </section>
    }
}

/// A value cell: the value as a person reads it, or a dash for "no value".
fn shown(v: &serde_json::Value) -> String {
    display_value(v).unwrap_or_else(|| "—".into())
}

/// One conflict: the field, the kept and the lost value, and (for the office) the decision
/// buttons with their own error line.
#[component]
fn ConflictRow(c: ConflictView) -> impl IntoView {
    let ui = use_ui();
    let may_decide =
        move || ui.snap.with(|s| s.session.as_ref().is_some_and(|s| s.me.role.is_office()));
    let error = RwSignal::new(None::<Key>);
    let decide = {
        let c = c.clone();
        move |decision: ConflictStatus| {
            ui.save(model::conflict_decision(&c, decision, ui.staff_id().as_deref()), error, || {})
        }
    };
    let confirm = decide.clone();
    let field = c.field.clone();
    view! {
        <li data-testid="conflict-row" class="conflict-row card" data-target-id=c.target_id.to_string()>
            <a class="target" href=format!("/requests/{}", c.target_id)>
                <span class="label">{move || ui.t(Key::Field)}</span>
                <span class="field">{move || field_label(&field, ui.lang.get())}</span>
            </a>
            <div class="values">
                <div class="kept">
                    <span class="label">{move || ui.t(Key::Kept)}</span>
                    <span class="value" translate="no">{shown(&c.kept)}</span>
                </div>
                <div class="lost">
                    <span class="label">{move || ui.t(Key::Lost)}</span>
                    <span class="value" translate="no">{shown(&c.lost)}</span>
                </div>
            </div>
            <Show
                when=may_decide
                fallback=move || view! { <p class="hint">{move || ui.t(Key::OfficeOnly)}</p> }
            >
                <div class="buttons">
                    <button class="conflict-confirm" on:click={
                        let confirm = confirm.clone();
                        move |_| confirm(ConflictStatus::Confirmed)
                    }>{move || ui.t(Key::Confirm)}</button>
                    <button class="conflict-overturn" on:click={
                        let decide = decide.clone();
                        move |_| decide(ConflictStatus::Overturned)
                    }>{move || ui.t(Key::Overturn)}</button>
                </div>
            </Show>
            <p class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</p>
        </li>
    }
}
