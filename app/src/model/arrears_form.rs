//! The arrears forms → edits: the butler's chase (call, visit or notice; result; promised
//! date; note; for a notice the owner's signature, or a photo of the signed paper taken on
//! the saved chase), and finance's controls (the second notice sent, a payment). What a
//! role is offered is asked of `scope::may_write_field`, the check the server's judge
//! makes, field by field (`arrears_tests.rs` pushes every offered form to the model server).

use super::flow::Actor;
use crate::sync::FieldEdit;
use serde_json::json;
use shared::arrears::{ChaseMethod, ChaseResult};
use shared::names::{field, kind};
use shared::scope::may_write_field;
use shared::{RecordId, Role};

/// The chase form as filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChaseForm {
    pub method: Option<ChaseMethod>,
    pub result: Option<ChaseResult>,
    /// The day promised (ms), required with [`ChaseResult::Promised`].
    pub promised_at: Option<i64>,
    pub note: String,
    /// The owner's signature as an SVG path ("" when not drawn).
    pub signature: String,
    /// A notice signed on paper: its photo is taken on the saved chase instead of a drawing.
    pub paper: bool,
}

/// Why a chase cannot be saved yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChaseError {
    /// No method chosen.
    MethodRequired,
    /// No result chosen.
    ResultRequired,
    /// "Promised to pay" without the day.
    PromiseDateRequired,
    /// A notice neither signed on the tablet nor on paper (photo).
    SignatureRequired,
}

/// The edits of a new chase `id` of `arrears`, at the actor's server-corrected time.
pub fn chase_edits(
    arrears: &RecordId,
    id: &RecordId,
    form: &ChaseForm,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, ChaseError> {
    let method = form.method.ok_or(ChaseError::MethodRequired)?;
    let result = form.result.ok_or(ChaseError::ResultRequired)?;
    if result == ChaseResult::Promised && form.promised_at.is_none() {
        return Err(ChaseError::PromiseDateRequired);
    }
    if method == ChaseMethod::Notice && form.signature.is_empty() && !form.paper {
        return Err(ChaseError::SignatureRequired);
    }
    let e = |f: &str, v| FieldEdit::new(kind::ARREARS_CHASE, id, f, v);
    let mut out = vec![
        e(field::ARREARS, json!(arrears.0)),
        e(field::METHOD, json!(method.as_str())),
        e(field::RESULT, json!(result.as_str())),
        e(field::AT, json!(actor.at)),
        e(field::BY, json!(actor.staff)),
    ];
    if let Some(p) = form.promised_at.filter(|_| result == ChaseResult::Promised) {
        out.push(e(field::PROMISED_AT, json!(p)));
    }
    if !form.note.trim().is_empty() {
        out.push(e(field::NOTE, json!(form.note.trim())));
    }
    if method == ChaseMethod::Notice && !form.signature.is_empty() {
        out.push(e(field::SIGNATURE, json!(form.signature)));
    }
    Ok(out)
}

/// Why finance's payment cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaidError {
    /// Not a number of at least 0.
    BadAmount,
}

/// Finance's payment: the amount paid so far and, once it covers the amount, when (the
/// arrears is then settled, `shared::arrears::stage::is_paid`). A partial payment clears
/// no payment time.
pub fn paid_edits(
    arrears: &RecordId,
    amount: f64,
    paid_text: &str,
    at: i64,
) -> Result<Vec<FieldEdit>, PaidError> {
    let paid: f64 = paid_text.trim().parse().map_err(|_| PaidError::BadAmount)?;
    if !paid.is_finite() || paid < 0.0 {
        return Err(PaidError::BadAmount);
    }
    let e = |f: &str, v| FieldEdit::new(kind::ARREARS, arrears, f, v);
    let mut out = vec![e(field::PAID_AMOUNT, json!(paid))];
    if paid + 0.005 >= amount {
        out.push(e(field::PAID_AT, json!(at)));
    }
    Ok(out)
}

/// Finance's second notice, sent at `at`: from then on the butler must call or visit.
pub fn second_notice_edits(arrears: &RecordId, at: i64) -> Vec<FieldEdit> {
    vec![FieldEdit::new(kind::ARREARS, arrears, field::SECOND_NOTICE_AT, json!(at))]
}

/// What the unit's arrears page offers a role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArrearsOffers {
    /// The chase form (a new `arrears_chase`).
    pub chase: bool,
    /// "Mark paid": the paid amount and time.
    pub mark_paid: bool,
    /// "Second notice sent".
    pub second_notice: bool,
}

/// Every field of the chase form.
const CHASE_FIELDS: [&str; 7] = [
    field::ARREARS,
    field::METHOD,
    field::RESULT,
    field::PROMISED_AT,
    field::NOTE,
    field::SIGNATURE,
    field::AT,
];

/// What `role` may do on an arrears: exactly the controls whose every field the server
/// lets it write.
pub fn offers(role: Role) -> ArrearsOffers {
    let all = |kind: &str, fields: &[&str]| fields.iter().all(|f| may_write_field(role, kind, f));
    ArrearsOffers {
        chase: all(kind::ARREARS_CHASE, &CHASE_FIELDS),
        mark_paid: all(kind::ARREARS, &[field::PAID_AMOUNT, field::PAID_AT]),
        second_notice: all(kind::ARREARS, &[field::SECOND_NOTICE_AT]),
    }
}
