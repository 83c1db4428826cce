//! One step of a complaint's closed loop, as every form of it saves: the edits the step
//! builds for the signed-in actor (`crate::model::complaint`), or the message of why it is
//! refused. Shared by the panel (`complaint_panel.rs`), the resident's confirmation and
//! repeats (`complaint_close.rs`) and the status buttons.

use crate::context::Ui;
use crate::i18n::Key;
use crate::model::complaint::ComplaintError;
use crate::model::flow::Actor;
use crate::sync::FieldEdit;
use leptos::prelude::*;

/// The message of a refused step.
pub fn error_key(e: ComplaintError) -> Key {
    match e {
        ComplaintError::ReplyRequired => Key::CpReplyRequired,
        ComplaintError::ReportRequired => Key::CpReportRequired,
        ComplaintError::NotApprovable => Key::CpNotApprovable,
        ComplaintError::BadTime => Key::CpBadTime,
        ComplaintError::TopLevel => Key::CpTopLevel,
        ComplaintError::ConfirmationIncomplete => Key::CpConfirmIncomplete,
    }
}

/// Saves the edits a step builds for the signed-in actor, or shows why it cannot.
pub fn save_step(
    ui: Ui,
    error: RwSignal<Option<Key>>,
    build: impl FnOnce(&Actor) -> Result<Vec<FieldEdit>, ComplaintError>,
) {
    let Some(actor) = ui.actor() else { return };
    match build(&actor) {
        Err(e) => error.set(Some(error_key(e))),
        Ok(edits) if edits.is_empty() => error.set(None),
        Ok(edits) => ui.save(edits, error, || {}),
    }
}
