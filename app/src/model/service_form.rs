//! The order page's controls → edits: the quote (service, quantity, an overriding amount),
//! the resident's consent signed on the pad, work done, payment or waiver; and the price
//! list editor's row. Each control is offered when every field its edits write passes
//! `scope::may_write_field` and, for payment, when `shared::service::payment_blocker`
//! finds nothing wrong with the order as the edit would leave it — what the judge asks.

use super::flow::Actor;
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::fields::Fields;
use shared::names::{field, kind};
use shared::scope::may_write_field;
use shared::service::{self, Blocker, PayMethod, PayState, PriceUnit, Stage};
use shared::{FieldState, Hlc, RecordId, ReplicaId, Role};

/// The quote form as filled in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteForm {
    pub price: Option<RecordId>,
    pub quantity: String,
    /// An amount that overrides price × quantity ("" for none).
    pub quote: String,
    pub note: String,
}

/// Why a control's edits cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderError {
    PriceRequired,
    BadQuantity,
    BadAmount,
    SignatureRequired,
    MethodRequired,
    /// The rule the judge would refuse it by.
    Rule(Blocker),
}

fn positive(text: &str, zero_ok: bool) -> Option<f64> {
    let v: f64 = text.trim().parse().ok()?;
    (v.is_finite() && (v > 0.0 || (zero_ok && v == 0.0))).then_some(v)
}

/// The edits of the quote of `request`'s order (made now if `new`), over `price` (the
/// chosen item's price): the quote stored is the override, else price × quantity, so the
/// receipt keeps what was agreed when the price list changes later.
pub fn quote_edits(
    request: &RecordId,
    form: &QuoteForm,
    price: Option<f64>,
    new: bool,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, OrderError> {
    let item = form.price.as_ref().ok_or(OrderError::PriceRequired)?;
    let qty = positive(&form.quantity, false).ok_or(OrderError::BadQuantity)?;
    let quote = if form.quote.trim().is_empty() {
        service::quote(price.ok_or(OrderError::PriceRequired)?, qty).ok_or(OrderError::BadAmount)?
    } else {
        positive(&form.quote, true).ok_or(OrderError::BadAmount)?
    };
    let id = service::order_id(request);
    let e = |f: &str, v: Value| FieldEdit::new(kind::SERVICE_ORDER, &id, f, v);
    let mut out = Vec::new();
    if new {
        out.push(e(field::REQUEST, json!(request.0)));
        out.push(e(field::PAY_STATE, json!(PayState::Unpaid.as_str())));
        out.push(e(field::CREATED_AT, json!(actor.at)));
        out.push(e(field::CREATED_BY, json!(actor.staff)));
    }
    out.push(e(field::SERVICE_PRICE, json!(item.0)));
    out.push(e(field::QUANTITY, json!(qty)));
    out.push(e(field::QUOTE, json!(quote)));
    let note = form.note.trim();
    out.push(e(field::NOTE, if note.is_empty() { Value::Null } else { json!(note) }));
    Ok(out)
}

/// The resident's consent: their signature, now.
pub fn consent_edits(
    order: &RecordId,
    signature: &str,
    at: i64,
) -> Result<Vec<FieldEdit>, OrderError> {
    if signature.trim().is_empty() {
        return Err(OrderError::SignatureRequired);
    }
    let e = |f: &str, v: Value| FieldEdit::new(kind::SERVICE_ORDER, order, f, v);
    Ok(vec![e(field::SIGNATURE, json!(signature)), e(field::CONSENT_AT, json!(at))])
}

/// The work done, now.
pub fn done_edits(order: &RecordId, at: i64) -> Vec<FieldEdit> {
    vec![FieldEdit::new(kind::SERVICE_ORDER, order, field::DONE_AT, json!(at))]
}

/// `stored` with `edits` laid over it: the order as the edit would leave it.
fn after(stored: &Fields, edits: &[FieldEdit]) -> Fields {
    let mut f = stored.clone();
    for e in edits {
        let st = FieldState {
            value: e.value.clone(),
            hlc: Hlc::new(0, 0),
            replica: ReplicaId::from("-"),
            prev: None,
        };
        f.insert(e.field.clone(), st);
    }
    f
}

/// The payment (`method`, `amount` typed, now), checked by the judge's own rule.
pub fn paid_edits(
    order: &RecordId,
    stored: &Fields,
    method: Option<PayMethod>,
    amount: &str,
    at: i64,
) -> Result<Vec<FieldEdit>, OrderError> {
    let method = method.ok_or(OrderError::MethodRequired)?;
    let amount = positive(amount, false).ok_or(OrderError::BadAmount)?;
    let e = |f: &str, v: Value| FieldEdit::new(kind::SERVICE_ORDER, order, f, v);
    let out = vec![
        e(field::PAY_STATE, json!(PayState::Paid.as_str())),
        e(field::METHOD, json!(method.as_str())),
        e(field::PAID_AMOUNT, json!(amount)),
        e(field::PAID_AT, json!(at)),
    ];
    match service::payment_blocker(&after(stored, &out)) {
        Some(b) => Err(OrderError::Rule(b)),
        None => Ok(out),
    }
}

/// Waiving the charge (the manager's decision, recorded by the office).
pub fn waive_edits(order: &RecordId, stored: &Fields) -> Result<Vec<FieldEdit>, OrderError> {
    let out = vec![FieldEdit::new(
        kind::SERVICE_ORDER,
        order,
        field::PAY_STATE,
        json!(PayState::Waived.as_str()),
    )];
    match service::payment_blocker(&after(stored, &out)) {
        Some(b) => Err(OrderError::Rule(b)),
        None => Ok(out),
    }
}

/// What the order page offers a role at a stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrderOffers {
    pub quote: bool,
    pub consent: bool,
    pub done: bool,
    pub pay: bool,
    pub waive: bool,
}

/// Every control whose fields `role` may write and that the stage allows: the quote and
/// consent before the resident signed, work done once signed, payment once signed and not
/// settled (waiving: office staff and supervisors).
pub fn offers(role: Role, stage: Option<Stage>) -> OrderOffers {
    let all =
        |fields: &[&str]| fields.iter().all(|f| may_write_field(role, kind::SERVICE_ORDER, f));
    let unsigned = matches!(stage, None | Some(Stage::Quoted));
    let signed = matches!(stage, Some(Stage::Consented | Stage::Done));
    OrderOffers {
        quote: unsigned
            && all(&[
                field::REQUEST,
                field::SERVICE_PRICE,
                field::QUANTITY,
                field::QUOTE,
                field::NOTE,
            ]),
        consent: stage == Some(Stage::Quoted) && all(&[field::SIGNATURE, field::CONSENT_AT]),
        done: stage == Some(Stage::Consented) && all(&[field::DONE_AT]),
        pay: signed && all(&[field::PAY_STATE, field::METHOD, field::PAID_AMOUNT, field::PAID_AT]),
        waive: signed && service::may_waive(role) && all(&[field::PAY_STATE]),
    }
}

/// The price list editor's row → edits (a new item when `id` is new).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PriceForm {
    pub name_zh: String,
    pub name_en: String,
    pub unit: Option<PriceUnit>,
    pub price: String,
    pub active: bool,
    pub sort: String,
}

/// The edits of price item `id`.
pub fn price_edits(id: &RecordId, form: &PriceForm) -> Result<Vec<FieldEdit>, OrderError> {
    let price = positive(&form.price, true).ok_or(OrderError::BadAmount)?;
    if form.name_zh.trim().is_empty() && form.name_en.trim().is_empty() {
        return Err(OrderError::PriceRequired);
    }
    let sort: i64 = form.sort.trim().parse().unwrap_or(0);
    let e = |f: &str, v: Value| FieldEdit::new(kind::SERVICE_PRICE, id, f, v);
    Ok(vec![
        e(field::NAME_ZH, json!(form.name_zh.trim())),
        e(field::NAME_EN, json!(form.name_en.trim())),
        e(field::PRICE_UNIT, form.unit.map_or(Value::Null, |u| json!(u.as_str()))),
        e(field::PRICE, json!(price)),
        e(field::ACTIVE, json!(form.active)),
        e(field::SORT, json!(sort)),
    ])
}

/// Whether `role` edits the price list (supervisors: it is part of the site's settings).
pub fn edits_prices(role: Role) -> bool {
    [field::NAME_ZH, field::PRICE, field::ACTIVE]
        .iter()
        .all(|f| may_write_field(role, kind::SERVICE_PRICE, f))
}
