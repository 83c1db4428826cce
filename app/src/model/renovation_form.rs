//! A renovation's application and status moves as edits.
//!
//! Laws:
//! - A move is offered exactly when the server takes its edits: it is one of
//!   [`RenovationStatus::next_steps_for`] the role, and every field its edits write passes
//!   `scope::may_write_field` ([`offered_moves`]). So a butler is never offered approval,
//!   nobody is offered approval before review, and department staff (who write the review)
//!   are not offered an acceptance whose `accepted_by` they may not write.
//! - A move writes who made it and when, beside the status: `reviewed_by/at` for engineering's
//!   review (or its refusal), `approved_by/at` for the manager's approval (or refusal after
//!   review), `accepted_by/at` for completion (with the deposit's return: `renovation_check`).
//! - An application is filed as `applied` with its department: the site's engineering
//!   department (`code` engineering), which reviews it.

use super::flow::Actor;
use crate::register::form::{check_phone, PhoneCheck};
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::machine::Machine;
use shared::names::{field, kind};
use shared::register::PersonRole;
use shared::renovation::RenovationStatus;
use shared::scope::may_write_field;
use shared::{RecordId, Role};

/// The fields of a request filed from a renovation (a rectification, a deposit's return):
/// what the offers check the role may write.
pub const REQUEST_FIELDS: &[&str] = &[
    field::CATEGORY,
    field::SOURCE,
    field::URGENCY,
    field::STATUS,
    field::DESCRIPTION,
    field::UNIT,
    field::DEPARTMENT,
    field::CREATED_AT,
    field::CREATED_BY,
];

/// What the application form holds, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApplicationForm {
    pub unit: String,
    pub applicant: String,
    pub applicant_role: Option<PersonRole>,
    pub applicant_phone: String,
    pub company: String,
    pub foreman: String,
    pub foreman_phone: String,
    pub workers: String,
    pub works: String,
    /// Local dates as the date inputs give them (`YYYY-MM-DD`).
    pub planned_start: String,
    pub planned_end: String,
    pub deposit: String,
}

/// Why an application cannot be saved (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenoError {
    UnitRequired,
    ApplicantRequired,
    WorksRequired,
    /// A start and an end, the end not before the start.
    BadDates,
    /// Workers a whole number from 0; the deposit a number from 0.
    BadNumber,
    /// The move is not the role's to make (or its edits would be refused).
    NotAllowed,
    /// A violation needs its description.
    ViolationRequired,
    /// The renovation is not under way (only approved or stopped works are checked).
    NotActive,
    /// An extension must end after the works' present end.
    BadExtension,
    /// A phone holds something other than digits, `-`, `+` and spaces.
    BadPhone,
}

/// A local date (`YYYY-MM-DD`) as its local midnight; the works' days are whole days
/// (`shared::renovation::daily`).
pub fn parse_date(s: &str, offset_min: i64) -> Option<i64> {
    crate::register::form::date_to_ms(s.trim(), offset_min)
}

/// The fields an application writes (what [`may_file`] asks).
const APPLICATION_FIELDS: &[&str] = &[
    field::UNIT,
    field::STATUS,
    field::APPLICANT,
    field::WORKS,
    field::PLANNED_START,
    field::PLANNED_END,
    field::CREATED_AT,
];

/// Whether `role` may file an application (the butler of the area, the office; department
/// staff write only the review).
pub fn may_file(role: Role) -> bool {
    writes_all(role, kind::RENOVATION, APPLICATION_FIELDS)
}

/// The edits that file application `id` from `form`: status `applied`, routed to the
/// engineering department `department`, `created_at`/`created_by` from the actor.
pub fn application_edits(
    id: &RecordId,
    form: &ApplicationForm,
    department: Option<&RecordId>,
    actor: &Actor,
    offset_min: i64,
) -> Result<Vec<FieldEdit>, RenoError> {
    if !may_file(actor.role) {
        return Err(RenoError::NotAllowed);
    }
    let unit = Some(RecordId::from(form.unit.trim())).filter(RecordId::is_valid);
    let unit = unit.ok_or(RenoError::UnitRequired)?;
    if form.applicant.trim().is_empty() {
        return Err(RenoError::ApplicantRequired);
    }
    if form.works.trim().is_empty() {
        return Err(RenoError::WorksRequired);
    }
    let start = parse_date(&form.planned_start, offset_min).ok_or(RenoError::BadDates)?;
    let end = parse_date(&form.planned_end, offset_min).ok_or(RenoError::BadDates)?;
    if end < start {
        return Err(RenoError::BadDates);
    }
    let number = |s: &str| -> Result<Option<f64>, RenoError> {
        match s.trim() {
            "" => Ok(None),
            t => t
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .map(Some)
                .ok_or(RenoError::BadNumber),
        }
    };
    let workers = number(&form.workers)?;
    if workers.is_some_and(|w| w.fract() != 0.0) {
        return Err(RenoError::BadNumber);
    }
    let deposit = number(&form.deposit)?;
    for phone in [&form.applicant_phone, &form.foreman_phone] {
        if check_phone(phone) == PhoneCheck::Invalid {
            return Err(RenoError::BadPhone);
        }
    }
    let e = |f: &str, v: Value| FieldEdit::new(kind::RENOVATION, id, f, v);
    let mut out = vec![
        e(field::UNIT, json!(unit)),
        e(field::STATUS, json!(RenovationStatus::INITIAL)),
        e(field::APPLICANT, json!(form.applicant.trim())),
        e(field::WORKS, json!(form.works.trim())),
        e(field::PLANNED_START, json!(start)),
        e(field::PLANNED_END, json!(end)),
        e(field::CREATED_AT, json!(actor.at)),
    ];
    out.extend(form.applicant_role.map(|r| e(field::APPLICANT_ROLE, json!(r))));
    for (f, v) in [
        (field::APPLICANT_PHONE, &form.applicant_phone),
        (field::COMPANY, &form.company),
        (field::FOREMAN, &form.foreman),
        (field::FOREMAN_PHONE, &form.foreman_phone),
    ] {
        if !v.trim().is_empty() {
            out.push(e(f, json!(v.trim())));
        }
    }
    out.extend(workers.map(|w| e(field::WORKERS, json!(w as i64))));
    out.extend(deposit.map(|d| e(field::DEPOSIT, json!(d))));
    out.extend(department.map(|d| e(field::DEPARTMENT, json!(d))));
    if RecordId::from(actor.staff.as_str()).is_valid() {
        out.push(e(field::CREATED_BY, json!(actor.staff)));
    }
    Ok(out)
}

/// The fields a move from `from` to `to` writes beside `status`: who made it and when.
fn stamp_fields(from: RenovationStatus, to: RenovationStatus) -> &'static [&'static str] {
    use RenovationStatus::*;
    match (from, to) {
        (Applied, Reviewed | Rejected) => &[field::REVIEWED_BY, field::REVIEWED_AT],
        (Reviewed, Approved | Rejected) => &[field::APPROVED_BY, field::APPROVED_AT],
        (Approved, Completed) => &[field::ACCEPTED_BY, field::ACCEPTED_AT],
        _ => &[],
    }
}

/// The edits of the move of renovation `id` from `from` to `to` by `actor`, with `note`
/// (a review's note, kept in `review_note` on a review or refusal): refused when the move
/// is not offered to the actor's role ([`offered_moves`]). Completion has its own edits
/// (`renovation_check::acceptance_edits`: the deposit's return).
pub fn move_edits(
    id: &RecordId,
    from: RenovationStatus,
    to: RenovationStatus,
    note: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, RenoError> {
    if from == to || !offered_moves(actor.role, from).contains(&to) {
        return Err(RenoError::NotAllowed);
    }
    Ok(build_move(id, from, to, note, actor))
}

/// The edits of a move whether or not the role may make it (what an older build or a plain
/// HTTP client could send: the tests push them to find the server refuses them).
pub(crate) fn build_move(
    id: &RecordId,
    from: RenovationStatus,
    to: RenovationStatus,
    note: &str,
    actor: &Actor,
) -> Vec<FieldEdit> {
    let e = |f: &str, v: Value| FieldEdit::new(kind::RENOVATION, id, f, v);
    let mut out = vec![e(field::STATUS, json!(to))];
    for &f in stamp_fields(from, to) {
        if matches!(f, field::REVIEWED_AT | field::APPROVED_AT | field::ACCEPTED_AT) {
            out.push(e(f, json!(actor.at)));
        } else if RecordId::from(actor.staff.as_str()).is_valid() {
            out.push(e(f, json!(actor.staff)));
        }
    }
    if !note.trim().is_empty() && stamp_fields(from, to).contains(&field::REVIEWED_BY) {
        out.push(e(field::REVIEW_NOTE, json!(note.trim())));
    }
    out
}

/// Whether every field of `fields` of `kind` is the role's to write.
pub fn writes_all(role: Role, k: &str, fields: &[&str]) -> bool {
    fields.iter().all(|f| may_write_field(role, k, f))
}

/// The moves the status buttons offer `role` from `status`: the machine's, whose stamps the
/// role may write (completion: also the check kind's and the request's fields its edits
/// write, see `renovation_check::acceptance_fields`).
pub fn offered_moves(role: Role, status: RenovationStatus) -> Vec<RenovationStatus> {
    status
        .next_steps_for(role)
        .into_iter()
        .filter(|&to| {
            let mut fields = vec![field::STATUS];
            fields.extend_from_slice(stamp_fields(status, to));
            if to == RenovationStatus::Completed {
                fields.push(field::DEPOSIT_REQUEST);
            }
            writes_all(role, kind::RENOVATION, &fields)
                && (to != RenovationStatus::Completed
                    || writes_all(role, kind::REQUEST, REQUEST_FIELDS))
        })
        .collect()
}

/// The edits that extend renovation `id`, whose works end at `end` now, to local date `to`
/// (a supervisor's field): refused for a role that may not write it, or a date not after
/// `end`.
pub fn extension_edits(
    id: &RecordId,
    end: Option<i64>,
    to: &str,
    actor: &Actor,
    offset_min: i64,
) -> Result<Vec<FieldEdit>, RenoError> {
    if !may_write_field(actor.role, kind::RENOVATION, field::EXTENDED_TO) {
        return Err(RenoError::NotAllowed);
    }
    let to = parse_date(to, offset_min).ok_or(RenoError::BadExtension)?;
    let end = end.unwrap_or(i64::MIN);
    if to <= end {
        return Err(RenoError::BadExtension);
    }
    Ok(vec![FieldEdit::new(kind::RENOVATION, id, field::EXTENDED_TO, json!(to))])
}
