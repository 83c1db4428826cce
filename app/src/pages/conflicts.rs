//! `/conflicts`: open conflict records (a review field edited concurrently on two devices).
//! Each card names the record (a request's number and unit, a person's name and units,
//! linked) and both values with who wrote each, when and from which device. Office staff and
//! supervisors confirm the kept value or overturn it, which writes the lost value back
//! exactly as it was.

use crate::components::page_heading::PageHeading;
use crate::context::use_ui;
use crate::i18n::{field_label, Key};
use crate::model::{self, display_value, ConflictView, Side};
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
    let record = c.record.clone();
    let record_text = move || {
        if record.is_empty() {
            ui.t(Key::ConflictNotHere).to_owned()
        } else {
            record.clone()
        }
    };
    view! {
        <li data-testid="conflict-row" class="conflict-row card" data-target-id=c.target_id.to_string()>
            <div class="target">
                <span class="label">{move || ui.t(Key::ConflictRecord)}</span>
                <a class="record" href=c.href.clone()>{record_text}</a>
                <span class="label">{move || ui.t(Key::Field)}</span>
                <span class="field">{move || field_label(&field, ui.lang.get())}</span>
            </div>
            <div class="values">
                <ConflictSide class="kept" label=Key::Kept value=c.kept.clone() side=c.kept_side.clone() />
                <ConflictSide class="lost" label=Key::Lost value=c.lost.clone() side=c.lost_side.clone() />
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

/// One side of a conflict: its value, who wrote it, when and from which device.
#[component]
fn ConflictSide(
    class: &'static str,
    label: Key,
    value: serde_json::Value,
    side: Side,
) -> impl IntoView {
    let ui = use_ui();
    let or_unknown =
        move |s: String| if s.is_empty() { ui.t(Key::ConflictUnknown).to_owned() } else { s };
    let (by, device) = (side.by.clone(), side.device.clone());
    let at = side.at.map(|ms| crate::platform::format_time(ms as u64)).unwrap_or_default();
    view! {
        <div class=class>
            <span class="label">{move || ui.t(label)}</span>
            <span class="value" translate="no">{shown(&value)}</span>
            <dl class="who">
                <dt>{move || ui.t(Key::ConflictBy)}</dt>
                <dd class="by">{move || or_unknown(by.clone())}</dd>
                <dt>{move || ui.t(Key::ConflictAt)}</dt>
                <dd class="at">{move || or_unknown(at.clone())}</dd>
                <dt>{move || ui.t(Key::ConflictDevice)}</dt>
                <dd class="device">{move || or_unknown(device.clone())}</dd>
            </dl>
        </div>
    }
}
