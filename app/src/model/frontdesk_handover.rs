//! The shift handover (交接班) → edits, and the handovers as rows. The outgoing person
//! writes the note, picks the incoming person and saves the open items computed at that
//! moment (`shared::frontdesk::open_items`) as a snapshot; the incoming person confirms.
//!
//! Laws:
//! - "Confirm" is offered exactly when the server would take it: not confirmed yet, the
//!   signed-in user is not the author (`shared::frontdesk::check_confirm`, the judge's own
//!   rule) and their role may write `confirmed_by` (`scope::may_write_field`).
//! - A handover needs a note; its area is the desk's (none: the office's desk).

use super::flow::Actor;
use super::frontdesk::staff_name;
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::fields::Fields;
use shared::frontdesk::check_confirm;
use shared::frontdesk::open_items::{decode, encode, OpenItem, Token};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::schema::MAX_TEXT_CHARS;
use shared::{RecordId, Role};

/// Why a handover cannot be saved or confirmed (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoverError {
    NoteRequired,
    NoteTooLong,
    /// Confirming is not offered to this user (see [`may_confirm`]).
    NotYours,
}

/// The edits of new handover `id`.
pub fn handover_edits(
    id: &RecordId,
    area: Option<&RecordId>,
    note: &str,
    to: Option<&RecordId>,
    items: &[OpenItem],
    actor: &Actor,
) -> Result<Vec<FieldEdit>, HandoverError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(HandoverError::NoteRequired);
    }
    if note.chars().count() > MAX_TEXT_CHARS {
        return Err(HandoverError::NoteTooLong);
    }
    let e = |f: &str, v: Value| FieldEdit::new(kind::HANDOVER, id, f, v);
    let mut edits = vec![
        e(field::NOTE, json!(note)),
        e(field::OPEN_ITEMS, json!(encode(items))),
        e(field::AT, json!(actor.at)),
        e(field::BY, json!(actor.staff)),
    ];
    edits.extend(area.filter(|a| a.is_valid()).map(|a| e(field::AREA, json!(a))));
    edits.extend(to.filter(|t| t.is_valid()).map(|t| e(field::TO, json!(t))));
    Ok(edits)
}

/// Whether the signed-in `me` (of `role`) may confirm the handover `f`.
pub fn may_confirm(f: &Fields, me: Option<&RecordId>, role: Role) -> bool {
    let author = f.reference(field::BY);
    f.text(field::CONFIRMED_BY).is_none()
        && !f.is_deleted()
        && me.is_some_and(|me| check_confirm(Some(me), author.as_ref(), me).is_ok())
        && shared::scope::may_write_field(role, kind::HANDOVER, field::CONFIRMED_BY)
}

/// The edits that confirm handover `id` by the actor (offered only by [`may_confirm`]).
pub fn confirm_edits(
    id: &RecordId,
    f: &Fields,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, HandoverError> {
    let me = RecordId::from(actor.staff.as_str());
    if !may_confirm(f, Some(&me), actor.role) {
        return Err(HandoverError::NotYours);
    }
    let e = |f: &str, v: Value| FieldEdit::new(kind::HANDOVER, id, f, v);
    Ok(vec![e(field::CONFIRMED_BY, json!(me)), e(field::CONFIRMED_AT, json!(actor.at))])
}

/// One handover as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverRow {
    pub id: RecordId,
    pub at: i64,
    pub by: String,
    pub to: String,
    pub note: String,
    pub items: Vec<Token>,
    pub confirmed_by: String,
    pub confirmed_at: Option<i64>,
    pub may_confirm: bool,
}

/// Every live handover, newest first; waiting ones (unconfirmed) first.
pub fn handover_rows(state: &ReplicaState, me: Option<&RecordId>, role: Role) -> Vec<HandoverRow> {
    let mut rows: Vec<HandoverRow> = state
        .records_of(kind::HANDOVER)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, f)| HandoverRow {
            id: id.clone(),
            at: f.int(field::AT).unwrap_or_default(),
            by: staff_name(state, f.text(field::BY)),
            to: staff_name(state, f.text(field::TO)),
            note: f.string(field::NOTE),
            items: decode(f.text(field::OPEN_ITEMS).unwrap_or_default()),
            confirmed_by: staff_name(state, f.text(field::CONFIRMED_BY)),
            confirmed_at: f.int(field::CONFIRMED_AT),
            may_confirm: may_confirm(f, me, role),
        })
        .collect();
    rows.sort_by(|a, b| {
        let waiting = |r: &HandoverRow| r.confirmed_at.is_none();
        (waiting(b), b.at, &b.id).cmp(&(waiting(a), a.at, &a.id))
    });
    rows
}

/// The staff the handover may go to: everyone but department staff and oneself, by name.
pub fn incoming_choices(state: &ReplicaState, me: Option<&str>) -> Vec<super::flow::Choice> {
    let mut out: Vec<super::flow::Choice> = state
        .records_of(kind::STAFF)
        .filter(|(id, f)| {
            !f.is_deleted()
                && Some(id.as_str()) != me
                && f.parsed(field::ROLE, Role::parse).is_some_and(|r| r != Role::Department)
        })
        .map(|(id, f)| super::flow::Choice { id: id.clone(), name: f.string(field::NAME) })
        .collect();
    out.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    out
}
