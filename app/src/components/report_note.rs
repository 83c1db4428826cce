//! The supervisor's remarks on a weekly or monthly report: the form for who the server lets
//! write them (`model::report_notes::offered`: office and supervisors), the text for
//! everyone else and for the print.
//!
//! DOM: `#report-note` (`data-submitted`), `#note-remarks`, `#note-causes`,
//! `#note-actions`, `#note-save`, `#note-submit`, `#note-state`, `#note-view` (the text
//! as printed).

use crate::context::use_ui;
use crate::i18n::{Key, Rw};
use crate::model::report_notes::{note_edits, offered, NoteForm, NoteKey};
use crate::model::report_tables::time_text;
use crate::platform::utc_offset_min;
use leptos::prelude::*;
use shared::report::notes::ReportNote;

/// The remarks of the report `key`, as `note` holds them.
#[component]
pub fn NotePanel(report_key: NoteKey, note: Signal<Option<ReportNote>>) -> impl IntoView {
    let ui = use_ui();
    let t = move |w: Rw| w.text(ui.lang.get());
    let may = move || ui.role().is_some_and(offered);
    let first = NoteForm::of(note.get_untracked().as_ref());
    let remarks = RwSignal::new(first.remarks);
    let causes = RwSignal::new(first.causes);
    let actions = RwSignal::new(first.actions);
    let error = RwSignal::new(None::<Key>);
    let saved = RwSignal::new(false);
    let key = StoredValue::new(report_key);
    let save = move |submit: bool| {
        let Some(by) = ui.staff_id() else { return };
        let form =
            NoteForm { remarks: remarks.get(), causes: causes.get(), actions: actions.get() };
        let edits = key.with_value(|k| note_edits(k, &form, &by, ui.now(), submit));
        ui.save(edits, error, move || saved.set(true));
    };
    let state = move || match note.get().map(|n| n.submitted_at) {
        Some(Some(at)) => format!("{} {}", t(Rw::Submitted), time_text(at, utc_offset_min())),
        Some(None) => t(Rw::Draft).to_owned(),
        None => t(Rw::NoRemarks).to_owned(),
    };
    let submitted = move || note.with(|n| n.as_ref().is_some_and(|n| n.submitted_at.is_some()));
    let field = move |id: &'static str, label: Rw, value: RwSignal<String>| {
        view! {
            <label for=id>{move || t(label)}</label>
            <textarea id=id rows="3" prop:value=move || value.get()
                on:input=move |ev| { saved.set(false); value.set(event_target_value(&ev)) }></textarea>
        }
    };
    let text = move |label: Rw, v: fn(&ReportNote) -> &String| {
        view! {
            <dt>{move || t(label)}</dt>
            <dd translate="no">{move || note.with(|n| n.as_ref().map(|n| v(n).clone()).unwrap_or_default())}</dd>
        }
    };
    view! {
        <section id="report-note" class="report-block report-note" data-submitted=move || submitted().to_string()>
            <h2>{move || t(Rw::Remarks)}</h2>
            <p id="note-state" class="note-state" class:submitted=submitted>{state}</p>
            <Show when=move || note.with(Option::is_some)>
                <dl id="note-view" class="note-view" class:print-only=may>
                    {text(Rw::RemarksText, |n| &n.remarks)}
                    {text(Rw::CausesText, |n| &n.causes)}
                    {text(Rw::ActionsText, |n| &n.actions)}
                </dl>
            </Show>
            <Show when=may>
                <div class="note-form no-print">
                    {field("note-remarks", Rw::RemarksText, remarks)}
                    {field("note-causes", Rw::CausesText, causes)}
                    {field("note-actions", Rw::ActionsText, actions)}
                    <div class="note-buttons">
                        <button id="note-save" type="button" on:click=move |_| save(false)>{move || t(Rw::SaveDraft)}</button>
                        <button id="note-submit" type="button" class="primary" on:click=move |_| save(true)>{move || t(Rw::Submit)}</button>
                        <Show when=move || saved.get()><span class="saved" role="status">{move || t(Rw::Saved)}</span></Show>
                        <span class="error" role="alert">{move || error.get().map(|k| ui.t(k))}</span>
                    </div>
                </div>
            </Show>
        </section>
    }
}
