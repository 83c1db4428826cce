//! Release passes (放行条) → edits and lists: issued by the butler or the office, routed to
//! the site's security department (`DepartmentCode::Security`), marked used at the gate by
//! security, who write only that (`shared::moving::pass`, `KindDef::department`).

use super::flow::Actor;
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::machine::Machine;
use shared::moving::{day_number, PassStatus};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::classifier::DepartmentCode;
use shared::schema::MAX_TEXT_CHARS;
use shared::scope::may_write_field;
use shared::{RecordId, Role};

/// What the pass form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassForm {
    pub unit: Option<RecordId>,
    pub booking: Option<RecordId>,
    pub goods: String,
    pub bearer: String,
    pub bearer_phone: String,
    pub plate: String,
    /// `YYYY-MM-DD`.
    pub valid_day: String,
}

/// Why a pass cannot be issued (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassError {
    UnitRequired,
    GoodsRequired,
    BearerRequired,
    BadDay,
    TooLong,
    /// The site has no security department to route it to.
    NoSecurity,
}

/// The site's security department (the first live department of code `security`).
pub fn security_department(state: &ReplicaState) -> Option<RecordId> {
    state
        .records_of(kind::DEPARTMENT)
        .filter(|(_, f)| !f.is_deleted())
        .find(|(_, f)| {
            f.parsed(field::CODE, DepartmentCode::parse) == Some(DepartmentCode::Security)
        })
        .map(|(id, _)| id.clone())
}

/// The edits of new pass `id`, routed to `security`.
pub fn pass_edits(
    id: &RecordId,
    form: &PassForm,
    security: Option<&RecordId>,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, PassError> {
    let unit = form.unit.as_ref().filter(|u| u.is_valid()).ok_or(PassError::UnitRequired)?;
    let goods = form.goods.trim();
    if goods.is_empty() {
        return Err(PassError::GoodsRequired);
    }
    let bearer = form.bearer.trim();
    if bearer.is_empty() {
        return Err(PassError::BearerRequired);
    }
    let day = form.valid_day.trim();
    day_number(day).ok_or(PassError::BadDay)?;
    let short = [bearer, form.bearer_phone.trim()].iter().all(|s| s.chars().count() <= 40);
    if !short || form.plate.trim().chars().count() > 20 || goods.chars().count() > MAX_TEXT_CHARS {
        return Err(PassError::TooLong);
    }
    let security = security.ok_or(PassError::NoSecurity)?;
    let p = |f: &str, v: Value| FieldEdit::new(kind::RELEASE_PASS, id, f, v);
    let mut edits = vec![
        p(field::UNIT, json!(unit)),
        p(field::GOODS, json!(goods)),
        p(field::BEARER, json!(bearer)),
        p(field::VALID_DAY, json!(day)),
        p(field::STATUS, json!(PassStatus::Issued)),
        p(field::DEPARTMENT, json!(security)),
        p(field::CREATED_AT, json!(actor.at)),
        p(field::CREATED_BY, json!(actor.staff)),
    ];
    if let Some(b) = form.booking.as_ref().filter(|b| b.is_valid()) {
        edits.push(p(field::BOOKING, json!(b)));
    }
    for (f, v) in [(field::BEARER_PHONE, &form.bearer_phone), (field::PLATE, &form.plate)] {
        if !v.trim().is_empty() {
            edits.push(p(f, json!(v.trim())));
        }
    }
    Ok(edits)
}

/// The gate's edit: the pass used now by the actor.
pub fn used_edits(id: &RecordId, actor: &Actor) -> Vec<FieldEdit> {
    let p = |f: &str, v: Value| FieldEdit::new(kind::RELEASE_PASS, id, f, v);
    vec![
        p(field::STATUS, json!(PassStatus::Used)),
        p(field::USED_AT, json!(actor.at)),
        p(field::USED_BY, json!(actor.staff)),
    ]
}

/// The void edit (a pass not needed after all).
pub fn void_edits(id: &RecordId) -> Vec<FieldEdit> {
    vec![FieldEdit::new(kind::RELEASE_PASS, id, field::STATUS, json!(PassStatus::Void))]
}

/// Whether `role` is offered moving a pass from `from` to `to`: the move is one the judge
/// allows and every field its edits write is the role's.
pub fn may_move(role: Role, from: Option<PassStatus>, to: PassStatus) -> bool {
    let fields: &[&str] = match to {
        PassStatus::Used => &[field::STATUS, field::USED_AT, field::USED_BY],
        _ => &[field::STATUS],
    };
    let allowed = match from {
        Some(from) => from.may_become(to, role),
        None => to == PassStatus::INITIAL,
    };
    allowed && fields.iter().all(|f| may_write_field(role, kind::RELEASE_PASS, f))
}

/// One pass as the list and the printed pass show it.
#[derive(Debug, Clone, PartialEq)]
pub struct PassRow {
    pub id: RecordId,
    pub unit: Option<RecordId>,
    pub booking: Option<RecordId>,
    pub goods: String,
    pub bearer: String,
    pub bearer_phone: String,
    pub plate: String,
    pub valid_day: String,
    pub status: Option<PassStatus>,
    pub used_at: Option<i64>,
    pub created_at: Option<i64>,
}

/// Every pass of the replica, the latest valid day first.
pub fn passes(state: &ReplicaState) -> Vec<PassRow> {
    let mut out: Vec<PassRow> = state
        .records_of(kind::RELEASE_PASS)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, f)| PassRow {
            id: id.clone(),
            unit: f.reference(field::UNIT),
            booking: f.reference(field::BOOKING),
            goods: f.string(field::GOODS),
            bearer: f.string(field::BEARER),
            bearer_phone: f.string(field::BEARER_PHONE),
            plate: f.string(field::PLATE),
            valid_day: f.string(field::VALID_DAY),
            status: f.parsed(field::STATUS, PassStatus::parse),
            used_at: f.int(field::USED_AT),
            created_at: f.int(field::CREATED_AT),
        })
        .collect();
    out.sort_by(|a, b| (&b.valid_day, b.created_at).cmp(&(&a.valid_day, a.created_at)));
    out
}
