//! Key custody (钥匙托管): the deposits with where their keys are (`shared::keys::state`),
//! each deposit's sign-outs and returns, the overdue list of My day, and the forms →
//! edits (a deposit, a sign-out, a return, keys given back to the owner).

use super::flow::Actor;
use super::service::unit_place;
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::keys::{self, KeyState, Movement};
use shared::names::{field, kind};
use shared::{Kind, RecordId, ReplicaState};

/// One deposit as `/keys` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct DepositRow {
    pub id: RecordId,
    pub unit: Option<RecordId>,
    pub area: Option<RecordId>,
    pub place: String,
    pub owner: String,
    pub key_count: Option<i64>,
    pub tag: String,
    pub deposited_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub state: KeyState,
    /// While out: who has them and until when.
    pub holder: String,
    pub due_at: Option<i64>,
    pub signature: String,
    pub note: String,
}

/// Every live deposit at `now` (`due_h`: the site's `key_due_h`), out and overdue first,
/// then by place.
pub fn deposits(state: &ReplicaState, now: i64, due_h: i64) -> Vec<DepositRow> {
    let (live, moves) = keys::read_all(state, due_h);
    let mut out: Vec<DepositRow> = live
        .iter()
        .filter_map(|d| {
            let f = state.record(&Kind::new(kind::KEY_DEPOSIT), &d.id)?;
            let (area, place) = d.unit.as_ref().map(|u| unit_place(state, u)).unwrap_or_default();
            let owner = f
                .reference(field::PERSON)
                .and_then(|p| state.record(&Kind::new(kind::PERSON), &p))
                .map(|p| p.string(field::NAME))
                .unwrap_or_default();
            let open = keys::open_movement(&d.id, &moves);
            Some(DepositRow {
                id: d.id.clone(),
                unit: d.unit.clone(),
                area,
                place,
                owner,
                key_count: f.int(field::KEY_COUNT),
                tag: f.string(field::TAG),
                deposited_at: f.int(field::DEPOSITED_AT),
                ended_at: f.int(field::ENDED_AT),
                state: keys::state(now, d, &moves),
                holder: open.and_then(|m| m.holder.clone()).unwrap_or_default(),
                due_at: open.map(|m| m.due_at),
                signature: f.string(field::SIGNATURE),
                note: f.string(field::NOTE),
            })
        })
        .collect();
    let rank = |s: KeyState| match s {
        KeyState::Overdue => 0,
        KeyState::Out => 1,
        KeyState::InCustody => 2,
        KeyState::Ended => 3,
    };
    out.sort_by(|a, b| rank(a.state).cmp(&rank(b.state)).then_with(|| a.place.cmp(&b.place)));
    out
}

/// The overdue keys of My day: deposits of `area` (`None`: every one held) out past due.
pub fn for_day(rows: &[DepositRow], area: Option<&RecordId>) -> Vec<DepositRow> {
    rows.iter()
        .filter(|r| r.state == KeyState::Overdue && (area.is_none() || r.area.as_ref() == area))
        .cloned()
        .collect()
}

/// One sign-out as the deposit's history shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct MovementRow {
    pub id: RecordId,
    pub holder: String,
    pub purpose: String,
    pub out_at: i64,
    pub due_at: i64,
    pub returned_at: Option<i64>,
    pub signature: String,
    pub return_signature: String,
}

/// `deposit`'s sign-outs, newest first.
pub fn history(state: &ReplicaState, deposit: &RecordId, due_h: i64) -> Vec<MovementRow> {
    let mut out: Vec<MovementRow> = state
        .records_of(kind::KEY_MOVEMENT)
        .filter_map(|(id, f)| Some((Movement::read(id, f, due_h)?, f)))
        .filter(|(m, _)| &m.deposit == deposit)
        .map(|(m, f)| MovementRow {
            id: m.id,
            holder: m.holder.unwrap_or_default(),
            purpose: f.string(field::PURPOSE),
            out_at: m.out_at,
            due_at: m.due_at,
            returned_at: m.returned_at,
            signature: f.string(field::SIGNATURE),
            return_signature: f.string(field::RETURN_SIGNATURE),
        })
        .collect();
    out.sort_by_key(|m| std::cmp::Reverse(m.out_at));
    out
}

/// Why a key form cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyError {
    UnitRequired,
    BadCount,
    /// Neither signed on the pad nor on paper.
    SignatureRequired,
    HolderRequired,
    BadDue,
    /// Not in custody (out, or given back): cannot go out.
    NotInCustody,
    NotOut,
}

/// The deposit form as filled in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DepositForm {
    pub unit: Option<RecordId>,
    pub person: Option<RecordId>,
    pub key_count: String,
    pub tag: String,
    pub signature: String,
    /// Signed on paper: its photo is taken on the saved deposit.
    pub paper: bool,
    pub note: String,
}

/// The edits of a new deposit `id`, now.
pub fn deposit_edits(
    id: &RecordId,
    form: &DepositForm,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, KeyError> {
    let unit = form.unit.as_ref().ok_or(KeyError::UnitRequired)?;
    let count: i64 = form.key_count.trim().parse().map_err(|_| KeyError::BadCount)?;
    if !(1..=99).contains(&count) {
        return Err(KeyError::BadCount);
    }
    if form.signature.is_empty() && !form.paper {
        return Err(KeyError::SignatureRequired);
    }
    let e = |f: &str, v: Value| FieldEdit::new(kind::KEY_DEPOSIT, id, f, v);
    let mut out = vec![
        e(field::UNIT, json!(unit.0)),
        e(field::KEY_COUNT, json!(count)),
        e(field::DEPOSITED_AT, json!(actor.at)),
        e(field::BY, json!(actor.staff)),
    ];
    if let Some(p) = &form.person {
        out.push(e(field::PERSON, json!(p.0)));
    }
    for (f, v) in
        [(field::TAG, &form.tag), (field::SIGNATURE, &form.signature), (field::NOTE, &form.note)]
    {
        if !v.trim().is_empty() {
            out.push(e(f, json!(v.trim())));
        }
    }
    Ok(out)
}

/// The sign-out form as filled in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignOutForm {
    pub holder: String,
    pub purpose: String,
    /// Due back after this many hours (a whole number, 1 to 720).
    pub due_hours: String,
    pub signature: String,
}

/// A sign-out of `deposit` as movement `id`: who, why, due back when, their signature.
/// Refused, as the judge refuses it (`keys::sign_out_blocker`), while the replica knows the
/// keys out or given back.
pub fn sign_out_edits(
    replica: &ReplicaState,
    deposit: &RecordId,
    id: &RecordId,
    form: &SignOutForm,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, KeyError> {
    let SignOutForm { holder, purpose, due_hours, signature } = form;
    // The due time plays no part in whether the keys are in.
    let (live, moves) = keys::read_all(replica, 1);
    let d = live.iter().find(|d| &d.id == deposit).ok_or(KeyError::NotInCustody)?;
    if keys::sign_out_blocker(d, &moves, id, actor.at, None).is_some() {
        return Err(KeyError::NotInCustody);
    }
    if holder.trim().is_empty() {
        return Err(KeyError::HolderRequired);
    }
    let hours: i64 = due_hours.trim().parse().map_err(|_| KeyError::BadDue)?;
    if !(1..=720).contains(&hours) {
        return Err(KeyError::BadDue);
    }
    if signature.is_empty() {
        return Err(KeyError::SignatureRequired);
    }
    let e = |f: &str, v: Value| FieldEdit::new(kind::KEY_MOVEMENT, id, f, v);
    let mut out = vec![
        e(field::KEY_DEPOSIT, json!(deposit.0)),
        e(field::HOLDER, json!(holder.trim())),
        e(field::OUT_AT, json!(actor.at)),
        e(field::DUE_AT, json!(keys::default_due(actor.at, hours))),
        e(field::SIGNATURE, json!(signature)),
        e(field::BY, json!(actor.staff)),
    ];
    if !purpose.trim().is_empty() {
        out.push(e(field::PURPOSE, json!(purpose.trim())));
    }
    Ok(out)
}

/// The return of the keys out under `movement` (`None`: they are not out), signed, now
/// (never before they went out: the judge's rule).
pub fn return_edits(
    movement: Option<&MovementRow>,
    signature: &str,
    at: i64,
) -> Result<Vec<FieldEdit>, KeyError> {
    let m = movement.filter(|m| m.returned_at.is_none()).ok_or(KeyError::NotOut)?;
    if signature.is_empty() {
        return Err(KeyError::SignatureRequired);
    }
    let e = |f: &str, v: Value| FieldEdit::new(kind::KEY_MOVEMENT, &m.id, f, v);
    Ok(vec![
        e(field::RETURNED_AT, json!(at.max(m.out_at))),
        e(field::RETURN_SIGNATURE, json!(signature)),
    ])
}

/// The keys given back to the owner: the deposit ends (only from custody).
pub fn end_edits(deposit: &RecordId, state: KeyState, at: i64) -> Result<Vec<FieldEdit>, KeyError> {
    if state != KeyState::InCustody {
        return Err(KeyError::NotInCustody);
    }
    Ok(vec![FieldEdit::new(kind::KEY_DEPOSIT, deposit, field::ENDED_AT, json!(at))])
}

/// The people linked to `unit` (live links), by name: whom a deposit may name as owner.
pub fn people_of(state: &ReplicaState, unit: &RecordId) -> Vec<(RecordId, String)> {
    let mut out: Vec<(RecordId, String)> = state
        .records_of(kind::UNIT_PERSON)
        .filter(|(_, f)| !f.is_deleted() && f.reference(field::UNIT).as_ref() == Some(unit))
        .filter_map(|(_, f)| f.reference(field::PERSON))
        .filter_map(|p| {
            let name = state.record(&Kind::new(kind::PERSON), &p)?.string(field::NAME);
            Some((p, name))
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}
