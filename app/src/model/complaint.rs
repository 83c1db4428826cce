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
use super::{deleted, parsed, text};
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::replica::{Fields, ReplicaState};
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

fn reference(f: &Fields, name: &str) -> Option<RecordId> {
    Some(RecordId(text(f, name))).filter(RecordId::is_valid)
}

/// The complaint fields of request `id` (`None`: no such live request, or not a complaint).
pub fn complaint(state: &ReplicaState, id: &RecordId) -> Option<ComplaintView> {
    let f = state.record(&Kind::new("request"), id).filter(|f| !deleted(f))?;
    (parsed(f, "category", Category::parse) == Some(Category::Complaint)).then(|| ComplaintView {
        stands: f.get("complaint_stands").and_then(|s| s.value.as_bool()),
        reply: text(f, "reply"),
        cause: text(f, "cause"),
        responsible: text(f, "responsible"),
        plan: text(f, "plan"),
        plan_approved_by: reference(f, "plan_approved_by"),
        next_reply_at: f.get("next_reply_at").and_then(|s| s.value.as_i64()),
        escalation: parsed(f, "escalation", Escalation::parse).unwrap_or(Escalation::None),
        corrective_report: text(f, "corrective_report"),
        confirmation: parsed(f, "confirmation", Confirmation::parse),
        confirmation_note: text(f, "confirmation_note"),
        signature: text(f, "signature"),
        repeat_of: reference(f, "repeat_of"),
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
        fields.push(("complaint_stands", json!(j.stands)));
    }
    for (name, new, old) in [
        ("reply", &j.reply, &now.reply),
        ("cause", &j.cause, &now.cause),
        ("responsible", &j.responsible, &now.responsible),
        ("plan", &j.plan, &now.plan),
    ] {
        if new.trim() != old {
            fields.push((name, json!(new.trim())));
        }
    }
    if fields.iter().any(|(n, _)| *n == "plan") && now.plan_approved_by.is_some() {
        fields.push(("plan_approved_by", Value::Null));
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
    let mut out = vec![FieldEdit::new("request", id, "plan_approved_by", json!(actor.staff))];
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
    let r = |field: &str| FieldEdit::new("request", id, field, json!(next));
    let mut out = vec![r("next_reply_at"), r("due_at")];
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
    let mut out = vec![FieldEdit::new("request", id, "escalation", json!(next))];
    if !report.is_empty() {
        out.push(FieldEdit::new("request", id, "corrective_report", json!(report)));
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
    let mut fields: Vec<(&str, Value)> = vec![("confirmation", json!(how))];
    match how {
        Confirmation::Verbal if note.is_empty() => {
            return Err(ComplaintError::ConfirmationIncomplete)
        }
        Confirmation::Signature
            if signature.is_empty() || signature.chars().count() > SIGNATURE_MAX =>
        {
            return Err(ComplaintError::ConfirmationIncomplete)
        }
        Confirmation::Signature => fields.push(("signature", json!(signature))),
        Confirmation::Verbal => {}
    }
    if !note.is_empty() {
        fields.push(("confirmation_note", json!(note)));
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
    let kind = Kind::new("request");
    let Some(this) = state.record(&kind, id) else { return Vec::new() };
    let unit = text(this, "unit");
    let made = this.get("created_at").and_then(|s| s.value.as_i64()).unwrap_or(i64::MAX);
    let mut out: Vec<EarlierComplaint> = state
        .records_of("request")
        .filter(|(other, f)| {
            *other != id
                && !deleted(f)
                && !unit.is_empty()
                && text(f, "unit") == unit
                && parsed(f, "category", Category::parse) == Some(Category::Complaint)
        })
        .filter_map(|(other, f)| {
            let status = parsed(f, "status", RequestStatus::parse)?;
            let created_at = f.get("created_at").and_then(|s| s.value.as_i64());
            let recent = created_at.is_some_and(|c| c <= made && made - c <= REPEAT_WINDOW_MS);
            (status != RequestStatus::Cancelled && recent).then(|| EarlierComplaint {
                id: other.clone(),
                description: text(f, "description"),
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
    field_edits(id, &[("repeat_of", json!(earlier))], actor)
}

/// Complaints made at or after `since`, and how many of them repeat an earlier one.
pub fn repeat_counts(state: &ReplicaState, since: i64) -> (usize, usize) {
    let mut counts = (0, 0);
    for (_, f) in state.records_of("request") {
        let made = f.get("created_at").and_then(|s| s.value.as_i64());
        let complaint = parsed(f, "category", Category::parse) == Some(Category::Complaint);
        let cancelled = parsed(f, "status", RequestStatus::parse) == Some(RequestStatus::Cancelled);
        if complaint && !cancelled && !deleted(f) && made.is_some_and(|m| m >= since) {
            counts.0 += 1;
            counts.1 += usize::from(reference(f, "repeat_of").is_some());
        }
    }
    counts
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "complaint_tests.rs"]
mod tests;
