//! A request's moves as edits: status transitions, dispatch, field edits — each one with its
//! `request_event` child written in the SAME edit (one outbox batch, one transaction), so the
//! history can never miss a move that happened or show one that did not.
//!
//! Pure functions: the pages (and the follow-up panels: call-back, complaint) call them and
//! save what they return with `Ui::save`; the native tests check them against the schema.
//!
//! Laws:
//! - A transition is offered and built only when [`RequestStatus::may_become`] allows it for
//!   the actor's role: what the server would refuse is never written.
//! - Every status move writes exactly one `status` event (from, to, note, at, by, device).
//! - `cancelled` needs a reason (kept in `cancel_reason` and the event's `note`); `done`
//!   writes `done_at`.

use crate::sync::{FieldEdit, Snapshot};
use serde_json::{json, Value};
use shared::machine::Machine;
use shared::names::{field, kind};
use shared::replica::{Fields, ReplicaState};
use shared::request::classifier::{self, Route};
use shared::request::history::{EventType, COMMENT, EVENT};
use shared::request::RequestStatus;
use shared::{Kind, RecordId, Role};

/// Who makes an edit, from which device, and when: what every event records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The signed-in user's staff id (`by`; the server rewrites it to the session's anyway).
    pub staff: String,
    /// The signed-in user's role: decides which moves are legal.
    pub role: Role,
    /// This device's replica id (`device`; the server rewrites it to the pushing replica).
    pub device: String,
    /// The server-corrected wall clock, ms since the epoch (`at`, `created_at`, `done_at`).
    pub at: i64,
}

impl Actor {
    /// The actor of the signed-in user on this device, at `device_ms` (the device's own
    /// clock) corrected by the skew the engine measured ([`Snapshot::now`]). `None` when
    /// nobody is signed in.
    pub fn from_snapshot(snap: &Snapshot, device_ms: u64) -> Option<Actor> {
        let me = &snap.session.as_ref()?.me;
        Some(Actor {
            staff: me.staff_id.clone(),
            role: me.role,
            device: snap.replica.as_ref().map(|r| r.as_str().to_owned()).unwrap_or_default(),
            at: snap.now(device_ms) as i64,
        })
    }
}

/// Why a move cannot be made (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowError {
    /// The status machine does not let this role make this move.
    NotAllowed { from: RequestStatus, to: RequestStatus },
    /// Cancelling needs a reason.
    ReasonRequired,
    /// Closing needs a result (`shared::request::closing`).
    ResultRequired,
    /// A dispatch names neither a department nor an assignee.
    NoRoute,
}

/// The text fields of an event; empty ones are left out of the record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventText {
    /// A status event's old status; empty otherwise.
    pub from: String,
    /// A status event's new status, a routed event's [`routed_to`], a call-back's result…
    pub to: String,
    /// An edited event's field names, comma-separated.
    pub fields: String,
    /// A reason (a cancellation's, a review's).
    pub note: String,
}

/// The edits that create one `request_event` of `request` (a new record id), stamped with
/// the actor's `at`, `by` and `device`.
pub fn event_edits(
    request: &RecordId,
    ty: EventType,
    text: &EventText,
    actor: &Actor,
) -> Vec<FieldEdit> {
    let id = RecordId::new_v7();
    let e = |field: &str, v: Value| FieldEdit::new(EVENT, &id, field, v);
    let mut out = vec![
        e(field::REQUEST, json!(request)),
        e(field::TYPE, json!(ty)),
        e(field::AT, json!(actor.at)),
    ];
    for (name, v) in [
        (field::FROM, &text.from),
        (field::TO, &text.to),
        (field::FIELDS, &text.fields),
        (field::NOTE, &text.note),
    ] {
        if !v.trim().is_empty() {
            out.push(e(name, json!(v.trim())));
        }
    }
    if RecordId::from(actor.staff.as_str()).is_valid() {
        out.push(e(field::BY, json!(actor.staff)));
    }
    if !actor.device.is_empty() {
        out.push(e(field::DEVICE, json!(actor.device)));
    }
    out
}

/// The edits that move `request` from `from` to `to`: its `status` (plus `done_at` for done,
/// `cancel_reason` for cancelled, `close_result` for closed — the note is the reason or the
/// result) and a `status` event with `note`; reopening a closed request clears its result
/// (the next close writes its own; the closing event keeps the old one). Refused when the
/// actor's role may not make the move, or a cancellation has no reason or a close no result.
///
/// The follow-up panels call this for their moves (reopen, called back, close).
pub fn transition_edits(
    request: &RecordId,
    from: RequestStatus,
    to: RequestStatus,
    note: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, FlowError> {
    if from == to || !from.may_become(to, actor.role) {
        return Err(FlowError::NotAllowed { from, to });
    }
    let note = note.trim();
    // The server's rule: it refuses a cancellation without its reason (`reason_required`).
    if to.needs_reason() && note.is_empty() {
        return Err(FlowError::ReasonRequired);
    }
    // And a close without its result (`result_required`).
    if to == RequestStatus::Closed && note.is_empty() {
        return Err(FlowError::ResultRequired);
    }
    let r = |field: &str, v: Value| FieldEdit::new(kind::REQUEST, request, field, v);
    let mut out = vec![r(field::STATUS, json!(to))];
    match to {
        RequestStatus::Done => out.push(r(field::DONE_AT, json!(actor.at))),
        RequestStatus::Cancelled => out.push(r(field::CANCEL_REASON, json!(note))),
        RequestStatus::Closed => out.push(r(field::CLOSE_RESULT, json!(note))),
        RequestStatus::Reopened if from == RequestStatus::Closed => {
            out.push(r(field::CLOSE_RESULT, Value::Null))
        }
        _ => {}
    }
    let text = EventText {
        from: from.as_str().into(),
        to: to.as_str().into(),
        note: note.into(),
        ..EventText::default()
    };
    out.extend(event_edits(request, EventType::Status, &text, actor));
    Ok(out)
}

/// What a routed event's `to` holds: `"<department id>|<assignee id>"`, either side empty
/// when not named. [`parse_routed`] reads it back.
pub fn routed_to(department: Option<&RecordId>, assignee: Option<&RecordId>) -> String {
    let s = |r: Option<&RecordId>| r.map(|r| r.as_str().to_owned()).unwrap_or_default();
    format!("{}|{}", s(department), s(assignee))
}

/// A routed event's `to` as (department, assignee).
pub fn parse_routed(to: &str) -> (Option<RecordId>, Option<RecordId>) {
    let (d, a) = to.split_once('|').unwrap_or((to, ""));
    let id = |s: &str| Some(RecordId::from(s)).filter(RecordId::is_valid);
    (id(d), id(a))
}

/// The edits of a dispatch (派单): `department`, `assignee`, a `routed` event and — unless
/// the request is already assigned (a re-route) — the move to `assigned` with its status
/// event, all in one edit. Refused when it names nobody or the role may not dispatch.
pub fn dispatch_edits(
    request: &RecordId,
    from: RequestStatus,
    department: Option<&RecordId>,
    assignee: Option<&RecordId>,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, FlowError> {
    let department = department.filter(|d| d.is_valid());
    let assignee = assignee.filter(|a| a.is_valid());
    if department.is_none() && assignee.is_none() {
        return Err(FlowError::NoRoute);
    }
    let to = RequestStatus::Assigned;
    let mut out = vec![
        FieldEdit::new(kind::REQUEST, request, field::DEPARTMENT, json!(department)),
        FieldEdit::new(kind::REQUEST, request, field::ASSIGNEE, json!(assignee)),
    ];
    let text = EventText { to: routed_to(department, assignee), ..EventText::default() };
    out.extend(event_edits(request, EventType::Routed, &text, actor));
    if from != to {
        out.extend(transition_edits(request, from, to, "", actor)?);
    }
    Ok(out)
}

/// The edits of a change of `fields` (name, new value) of `request` and the `edited` event
/// listing their names. Fields whose value is unchanged are the caller's to leave out.
pub fn field_edits(request: &RecordId, fields: &[(&str, Value)], actor: &Actor) -> Vec<FieldEdit> {
    let mut out: Vec<FieldEdit> =
        fields.iter().map(|(f, v)| FieldEdit::new(kind::REQUEST, request, f, v.clone())).collect();
    let names: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
    let text = EventText { fields: names.join(","), ..EventText::default() };
    out.extend(event_edits(request, EventType::Edited, &text, actor));
    out
}

/// The edits that add a comment to `request` (internal, or for the resident); `None` when
/// the text is blank (nothing is written).
pub fn comment_edits(
    request: &RecordId,
    text: &str,
    internal: bool,
    actor: &Actor,
) -> Option<Vec<FieldEdit>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let id = RecordId::new_v7();
    let c = |field: &str, v: Value| FieldEdit::new(COMMENT, &id, field, v);
    let mut out = vec![
        c(field::REQUEST, json!(request)),
        c(field::TEXT, json!(text)),
        c(field::INTERNAL, json!(internal)),
        c(field::AT, json!(actor.at)),
    ];
    if RecordId::from(actor.staff.as_str()).is_valid() {
        out.push(c(field::BY, json!(actor.staff)));
    }
    Some(out)
}

/// Where the dispatch pickers start: the request's own department and assignee when it has
/// them (a reopened request goes back to whoever had it), else the routing rules' choice for
/// its topic and problem, else its place (`classifier::route_at`).
pub fn suggested_route(state: &ReplicaState, request: &RecordId) -> Route {
    let Some(f) = state.record(&Kind::new(kind::REQUEST), request) else {
        return Route::default();
    };
    let id = |name: &str| f.reference(name);
    let routed = classifier::route_at(
        state,
        &classifier::nodes(state),
        id(field::PLACE).as_ref(),
        id(field::TOPIC).as_ref(),
        id(field::PROBLEM).as_ref(),
    );
    match (id(field::DEPARTMENT), id(field::ASSIGNEE)) {
        (None, None) => routed,
        (department, assignee) => Route { department, assignee },
    }
}

/// A choice in a picker: a record's id and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: RecordId,
    pub name: String,
}

/// Every live department, by name.
pub fn departments(state: &ReplicaState) -> Vec<Choice> {
    choices(state, kind::DEPARTMENT, |_| true)
}

/// The staff who may be assigned work of `department`: its members when it has any on this
/// device, else everyone; by name.
pub fn assignees(state: &ReplicaState, department: Option<&RecordId>) -> Vec<Choice> {
    let of = |f: &Fields| department.is_some_and(|d| f.text(field::DEPARTMENT) == Some(d.as_str()));
    let members = choices(state, kind::STAFF, of);
    if members.is_empty() {
        choices(state, kind::STAFF, |_| true)
    } else {
        members
    }
}

/// Every live area, by name (a common place of no building is filed in one).
pub fn areas(state: &ReplicaState) -> Vec<Choice> {
    choices(state, kind::AREA, |_| true)
}

fn choices(state: &ReplicaState, kind: &str, keep: impl Fn(&Fields) -> bool) -> Vec<Choice> {
    let mut out: Vec<Choice> = state
        .records_of(kind)
        .filter(|(_, f)| !f.is_deleted() && keep(f))
        .map(|(id, f)| Choice { id: id.clone(), name: f.string(field::NAME) })
        .collect();
    out.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    out
}
