//! The supervisor's remarks on a weekly or monthly report (`report_note` records,
//! `shared::report::notes`): the edits the remarks form saves, and who is offered the form.
//!
//! Laws:
//! - A save writes the one note of its report ([`note_id`]): type, period and area (set
//!   once, the same on every save), the three texts (blank clears), who wrote and when.
//! - Saving a draft never clears a submission; submitting stamps `submitted_at`.
//! - The form is offered exactly to the roles whose every edit the server's writer judge
//!   accepts ([`offered`], through `offers::writes_allowed`): office and supervisors.

use super::offers::writes_allowed;
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::report::notes::{note_id, NoteType, ReportNote};
use shared::{RecordId, Role};

/// What the remarks form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteForm {
    pub remarks: String,
    pub causes: String,
    pub actions: String,
}

impl NoteForm {
    /// The form filled from a stored note (empty without one).
    pub fn of(note: Option<&ReportNote>) -> NoteForm {
        note.map_or_else(NoteForm::default, |n| NoteForm {
            remarks: n.remarks.clone(),
            causes: n.causes.clone(),
            actions: n.actions.clone(),
        })
    }
}

/// Which report a note is of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteKey {
    pub note_type: NoteType,
    pub period_start: i64,
    pub area: Option<RecordId>,
}

/// The edits of saving `form` on the report `key` by staff `by` at `at`; `submit` also
/// submits it.
pub fn note_edits(
    key: &NoteKey,
    form: &NoteForm,
    by: &str,
    at: i64,
    submit: bool,
) -> Vec<FieldEdit> {
    let id = note_id(key.note_type, key.period_start, key.area.as_ref());
    let text = |s: &str| match s.trim() {
        "" => Value::Null,
        t => json!(t),
    };
    let mut out = vec![
        FieldEdit::new(kind::REPORT_NOTE, &id, field::TYPE, json!(key.note_type.as_str())),
        FieldEdit::new(kind::REPORT_NOTE, &id, field::PERIOD_START, json!(key.period_start)),
    ];
    if let Some(a) = &key.area {
        out.push(FieldEdit::new(kind::REPORT_NOTE, &id, field::AREA, json!(a.0)));
    }
    out.extend([
        FieldEdit::new(kind::REPORT_NOTE, &id, field::REMARKS, text(&form.remarks)),
        FieldEdit::new(kind::REPORT_NOTE, &id, field::CAUSE, text(&form.causes)),
        FieldEdit::new(kind::REPORT_NOTE, &id, field::CORRECTIVE_REPORT, text(&form.actions)),
        FieldEdit::new(kind::REPORT_NOTE, &id, field::BY, json!(by)),
        FieldEdit::new(kind::REPORT_NOTE, &id, field::AT, json!(at)),
    ]);
    if submit {
        out.push(FieldEdit::new(kind::REPORT_NOTE, &id, field::SUBMITTED_AT, json!(at)));
    }
    out
}

/// Whether `role` is offered the remarks form: the server accepts every edit it saves.
pub fn offered(role: Role) -> bool {
    let key = NoteKey {
        note_type: NoteType::Monthly,
        period_start: 0,
        area: Some(RecordId::from("0190f0a0-0000-7000-8000-000000000003")),
    };
    let form = NoteForm { remarks: "r".into(), causes: "c".into(), actions: "a".into() };
    let staff = "0190f0a0-0000-7000-8000-000000000002";
    writes_allowed(role, &note_edits(&key, &form, staff, 1, true))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "report_notes_tests.rs"]
mod tests;
