//! A complaint's closed loop (seed 001 §四, 002 §4.6): does it stand, cause and person
//! responsible, a plan the supervisor approves, the resident told of progress when the answer
//! deadline passes, escalation to the manager with a corrective-action report, the resident's
//! confirmation, and repeat complaints linked to the earlier one.
//!
//! Laws:
//! - A complaint that does not stand still needs a reasoned reply before it is done; one
//!   escalated to the manager needs a corrective-action report ([`done_blocker`]).
//! - Every step is one edit with its event (`edited`, `plan_approved`, `progress_told`,
//!   `escalated`); bad input writes nothing.
//! - Telling the resident of progress moves the request's `due_at` to the promised time.

use super::flow::{event_edits, field_edits, Actor, EventText};
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::complaint::{done_blocker as shared_done_blocker, DoneBlocker};
use shared::request::deadline::HOUR_MS;
use shared::request::history::EventType;
use shared::request::{Category, Confirmation, Escalation, RequestStatus};
use shared::{Kind, RecordId, Role};

pub use super::signature::{signature_path, SIGNATURE_MAX};

/// How far back an earlier complaint makes a new one a repeat: 90 days.
pub const REPEAT_WINDOW_MS: i64 = 90 * 24 * HOUR_MS;

/// A complaint's closed-loop fields.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintView {
    /// 成立: `None` until judged.
    pub stands: Option<bool>,
    pub reply: String,
    pub cause: String,
    pub responsible: String,
    pub plan: String,
    pub plan_approved_by: Option<RecordId>,
    pub next_reply_at: Option<i64>,
    pub escalation: Escalation,
    pub corrective_report: String,
    pub confirmation: Option<Confirmation>,
    pub confirmation_note: String,
    /// The signature's SVG path.
    pub signature: String,
    pub repeat_of: Option<RecordId>,
}

/// The complaint fields of request `id` (`None`: no such live request, or not a complaint).
pub fn complaint(state: &ReplicaState, id: &RecordId) -> Option<ComplaintView> {
    let f = state.record(&Kind::new(kind::REQUEST), id).filter(|f| !f.is_deleted())?;
    (f.parsed(field::CATEGORY, Category::parse) == Some(Category::Complaint)).then(|| {
        ComplaintView {
            stands: f.flag(field::COMPLAINT_STANDS),
            reply: f.string(field::REPLY),
            cause: f.string(field::CAUSE),
            responsible: f.string(field::RESPONSIBLE),
            plan: f.string(field::PLAN),
            plan_approved_by: f.reference(field::PLAN_APPROVED_BY),
            next_reply_at: f.int(field::NEXT_REPLY_AT),
            escalation: f.parsed(field::ESCALATION, Escalation::parse).unwrap_or(Escalation::None),
            corrective_report: f.string(field::CORRECTIVE_REPORT),
            confirmation: f.parsed(field::CONFIRMATION, Confirmation::parse),
            confirmation_note: f.string(field::CONFIRMATION_NOTE),
            signature: f.string(field::SIGNATURE),
            repeat_of: f.reference(field::REPEAT_OF),
        }
    })
}

/// Why a complaint step cannot be saved (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintError {
    /// Judged as not standing, without a reasoned reply.
    ReplyRequired,
    /// At manager level, without a corrective-action report.
    ReportRequired,
    /// Only a supervisor approves a plan, and only a written one.
    NotApprovable,
    /// The promised reply time is not in the future.
    BadTime,
    /// Already at the manager.
    TopLevel,
    /// Verbal consent needs a note; a signature needs strokes.
    ConfirmationIncomplete,
}

/// What the judgement form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Judgement {
    pub stands: Option<bool>,
    pub reply: String,
    pub cause: String,
    pub responsible: String,
    pub plan: String,
}

/// The edit of the judgement: the changed fields and one `edited` event. A changed plan
/// drops an earlier approval (it approved another plan).
pub fn judgement_edits(
    id: &RecordId,
    now: &ComplaintView,
    j: &Judgement,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, ComplaintError> {
    if j.stands == Some(false) && j.reply.trim().is_empty() {
        return Err(ComplaintError::ReplyRequired);
    }
    let mut fields: Vec<(&str, Value)> = Vec::new();
    if j.stands.is_some() && j.stands != now.stands {
        fields.push((field::COMPLAINT_STANDS, json!(j.stands)));
    }
    for (name, new, old) in [
        (field::REPLY, &j.reply, &now.reply),
        (field::CAUSE, &j.cause, &now.cause),
        (field::RESPONSIBLE, &j.responsible, &now.responsible),
        (field::PLAN, &j.plan, &now.plan),
    ] {
        if new.trim() != old {
            fields.push((name, json!(new.trim())));
        }
    }
    if fields.iter().any(|(n, _)| *n == field::PLAN) && now.plan_approved_by.is_some() {
        fields.push((field::PLAN_APPROVED_BY, Value::Null));
    }
    if fields.is_empty() {
        return Ok(Vec::new());
    }
    Ok(field_edits(id, &fields, actor))
}

/// What still keeps a complaint from being done, if anything: the server's own rule
/// ([`shared::request::complaint::done_blocker`], refused there as `complaint_open`).
pub fn done_blocker(c: &ComplaintView) -> Option<ComplaintError> {
    let b = shared_done_blocker(c.stands, &c.reply, c.escalation, &c.corrective_report)?;
    Some(match b {
        DoneBlocker::ReplyRequired => ComplaintError::ReplyRequired,
        DoneBlocker::ReportRequired => ComplaintError::ReportRequired,
    })
}

/// A supervisor's approval of the plan: `plan_approved_by` and a `plan_approved` event.
pub fn approve_edits(
    id: &RecordId,
    c: &ComplaintView,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, ComplaintError> {
    if actor.role != Role::Supervisor || c.plan.trim().is_empty() {
        return Err(ComplaintError::NotApprovable);
    }
    let mut out =
        vec![FieldEdit::new(kind::REQUEST, id, field::PLAN_APPROVED_BY, json!(actor.staff))];
    out.extend(event_edits(id, EventType::PlanApproved, &EventText::default(), actor));
    Ok(out)
}

/// Whether the resident should be told of progress: open, not finished, past due.
pub fn progress_due(status: RequestStatus, overdue: bool) -> bool {
    super::deadlines::in_work(status) && overdue
}

/// The resident was told of progress and promised a reply at `next`: `next_reply_at`, the
/// request's `due_at` (the deadline follows the promise) and a `progress_told` event.
pub fn progress_edits(
    id: &RecordId,
    next: i64,
    note: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, ComplaintError> {
    if next <= actor.at {
        return Err(ComplaintError::BadTime);
    }
    let r = |field: &str| FieldEdit::new(kind::REQUEST, id, field, json!(next));
    let mut out = vec![r(field::NEXT_REPLY_AT), r(field::DUE_AT)];
    let text = EventText { to: next.to_string(), note: note.trim().into(), ..Default::default() };
    out.extend(event_edits(id, EventType::ProgressTold, &text, actor));
    Ok(out)
}

/// The next level above `now`.
pub fn next_level(now: Escalation) -> Option<Escalation> {
    match now {
        Escalation::None => Some(Escalation::Supervisor),
        Escalation::Supervisor => Some(Escalation::Manager),
        Escalation::Manager => None,
    }
}

/// One escalation step with its `escalated` event; reaching the manager needs `report`.
pub fn escalate_edits(
    id: &RecordId,
    now: Escalation,
    report: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, ComplaintError> {
    let next = next_level(now).ok_or(ComplaintError::TopLevel)?;
    let report = report.trim();
    if next == Escalation::Manager && report.is_empty() {
        return Err(ComplaintError::ReportRequired);
    }
    let mut out = vec![FieldEdit::new(kind::REQUEST, id, field::ESCALATION, json!(next))];
    if !report.is_empty() {
        out.push(FieldEdit::new(kind::REQUEST, id, field::CORRECTIVE_REPORT, json!(report)));
    }
    let text = EventText { to: next.as_str().into(), ..Default::default() };
    out.extend(event_edits(id, EventType::Escalated, &text, actor));
    Ok(out)
}

/// The resident's confirmation: a drawn signature (its SVG path) or a note of verbal consent.
pub fn confirm_edits(
    id: &RecordId,
    how: Confirmation,
    note: &str,
    signature: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, ComplaintError> {
    let note = note.trim();
    let mut fields: Vec<(&str, Value)> = vec![(field::CONFIRMATION, json!(how))];
    match how {
        Confirmation::Verbal if note.is_empty() => {
            return Err(ComplaintError::ConfirmationIncomplete)
        }
        Confirmation::Signature
            if signature.is_empty() || signature.chars().count() > SIGNATURE_MAX =>
        {
            return Err(ComplaintError::ConfirmationIncomplete)
        }
        Confirmation::Signature => fields.push((field::SIGNATURE, json!(signature))),
        Confirmation::Verbal => {}
    }
    if !note.is_empty() {
        fields.push((field::CONFIRMATION_NOTE, json!(note)));
    }
    Ok(field_edits(id, &fields, actor))
}

/// An earlier complaint a new one may repeat.
#[derive(Debug, Clone, PartialEq)]
pub struct EarlierComplaint {
    pub id: RecordId,
    pub description: String,
    pub created_at: Option<i64>,
    pub status: RequestStatus,
}

/// The complaints of the same unit as `id`, accepted or answered (not cancelled) in the 90
/// days before it was made, newest first.
pub fn repeat_candidates(state: &ReplicaState, id: &RecordId) -> Vec<EarlierComplaint> {
    let kind = Kind::new(kind::REQUEST);
    let Some(this) = state.record(&kind, id) else { return Vec::new() };
    let unit = this.string(field::UNIT);
    let made = this.int(field::CREATED_AT).unwrap_or(i64::MAX);
    let mut out: Vec<EarlierComplaint> = state
        .records_of(kind::REQUEST)
        .filter(|(other, f)| {
            *other != id
                && !f.is_deleted()
                && !unit.is_empty()
                && f.string(field::UNIT) == unit
                && f.parsed(field::CATEGORY, Category::parse) == Some(Category::Complaint)
        })
        .filter_map(|(other, f)| {
            let status = f.parsed(field::STATUS, RequestStatus::parse)?;
            let created_at = f.int(field::CREATED_AT);
            let recent = created_at.is_some_and(|c| c <= made && made - c <= REPEAT_WINDOW_MS);
            (status != RequestStatus::Cancelled && recent).then(|| EarlierComplaint {
                id: other.clone(),
                description: f.string(field::DESCRIPTION),
                created_at,
                status,
            })
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.created_at));
    out
}

/// Links `id` as a repeat of `earlier` (`None` unlinks).
pub fn repeat_edits(id: &RecordId, earlier: Option<&RecordId>, actor: &Actor) -> Vec<FieldEdit> {
    field_edits(id, &[(field::REPEAT_OF, json!(earlier))], actor)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "complaint_tests.rs"]
mod tests;
