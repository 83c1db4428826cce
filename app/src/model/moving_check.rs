//! The move-in and move-out checklists (入住/迁出, 000 §5.0) → edits, one save each,
//! offline: a move-in check with the register's person (new, or one on record) and their
//! `unit_person` link from the day; a move-out check with the link ended (`to`) on the day
//! and the unit's unpaid arrears as found ([`unpaid_arrears`]). The resident signs either
//! on the pad, for the keys and the readings.

use super::flow::Actor;
use crate::register::form::{
    move_in_edits, move_out_edits, new_person_edits, PersonError, PersonForm,
};
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::arrears::stage::{stage, Stage};
use shared::moving::MoveType;
use shared::names::{field, kind};
use shared::register::PersonRole;
use shared::replica::ReplicaState;
use shared::schema::MAX_TEXT_CHARS;
use shared::RecordId;

/// Who moves in: someone new to the register, or a person on record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mover {
    New { name: String, phone: String },
    Known(RecordId),
}

/// What the checklist holds, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveForm {
    pub unit: RecordId,
    pub ty: MoveType,
    /// Move-in: who moves in, and as what.
    pub mover: Option<Mover>,
    pub role: PersonRole,
    /// Move-out: the live link that ends.
    pub link: Option<RecordId>,
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    pub documents_checked: bool,
    /// Keys handed over or returned.
    pub keys: String,
    pub water: String,
    pub electricity: String,
    pub gas: String,
    pub resident_card: String,
    pub note: String,
    /// The resident's signature for the keys and readings (an SVG path; required).
    pub signature: String,
}

/// Why the checklist cannot be saved (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveError {
    PersonRequired,
    LinkRequired,
    Person(PersonError),
    BadKeys,
    BadReading,
    TooLong,
    /// The resident has not signed.
    SignatureRequired,
}

fn number(s: &str) -> Result<Option<f64>, MoveError> {
    match s.trim() {
        "" => Ok(None),
        t => t
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .map(Some)
            .ok_or(MoveError::BadReading),
    }
}

/// The unpaid arrears of `unit` (owed minus paid, of every fee not paid), `None` with none.
pub fn unpaid_arrears(state: &ReplicaState, unit: &RecordId, now_ms: i64) -> Option<f64> {
    let owed: f64 = state
        .records_of(kind::ARREARS)
        .filter(|(_, f)| !f.is_deleted() && f.reference(field::UNIT).as_ref() == Some(unit))
        .filter(|(_, f)| stage(f, &[], now_ms, 3) != Stage::Paid)
        .map(|(_, f)| {
            f.number(field::AMOUNT).unwrap_or(0.0) - f.number(field::PAID_AMOUNT).unwrap_or(0.0)
        })
        .sum();
    (owed > 0.0).then_some(owed)
}

/// The check `id`'s edits with the register's: a move-in makes the person (`person`, when
/// new) and the link `link` from the day; a move-out ends `form.link` on the day.
pub fn move_edits(
    ids: (&RecordId, &RecordId, &RecordId),
    form: &MoveForm,
    arrears: Option<f64>,
    actor: &Actor,
    offset_min: i64,
) -> Result<Vec<FieldEdit>, MoveError> {
    let (id, new_person, new_link) = ids;
    let keys = match form.keys.trim() {
        "" => None,
        k => Some(
            k.parse::<i64>().ok().filter(|k| (0..=100).contains(k)).ok_or(MoveError::BadKeys)?,
        ),
    };
    let readings = [number(&form.water)?, number(&form.electricity)?, number(&form.gas)?];
    let (card, note) = (form.resident_card.trim(), form.note.trim());
    if card.chars().count() > 200 || note.chars().count() > MAX_TEXT_CHARS {
        return Err(MoveError::TooLong);
    }
    if form.signature.trim().is_empty() {
        return Err(MoveError::SignatureRequired);
    }
    let (mut edits, person, link) = match form.ty {
        MoveType::MoveIn => match form.mover.as_ref().ok_or(MoveError::PersonRequired)? {
            Mover::New { name, phone } => {
                let p = PersonForm {
                    name: name.clone(),
                    phone: phone.clone(),
                    from: form.day.clone(),
                    ..PersonForm::new(form.role, form.day.clone())
                };
                let e = new_person_edits(new_person, new_link, &form.unit, &p, offset_min)
                    .map_err(MoveError::Person)?;
                (e, Some(new_person.clone()), new_link.clone())
            }
            Mover::Known(p) => {
                let e = move_in_edits(new_link, &form.unit, p, form.role, &form.day, offset_min)
                    .map_err(MoveError::Person)?;
                (e, Some(p.clone()), new_link.clone())
            }
        },
        MoveType::MoveOut => {
            let link = form.link.clone().ok_or(MoveError::LinkRequired)?;
            let e = move_out_edits(&link, &form.day, offset_min).map_err(MoveError::Person)?;
            (e, None, link)
        }
    };
    let c = |f: &str, v: Value| FieldEdit::new(kind::MOVE_CHECK, id, f, v);
    let opt = |v: Option<f64>| v.map_or(Value::Null, |v| json!(v));
    edits.extend([
        c(field::UNIT, json!(form.unit)),
        c(field::TYPE, json!(form.ty)),
        c(field::LINK, json!(link)),
        c(field::DOCUMENTS_CHECKED, json!(form.documents_checked)),
        c(field::KEYS, keys.map_or(Value::Null, |k| json!(k))),
        c(field::WATER_READING, opt(readings[0])),
        c(field::ELECTRICITY_READING, opt(readings[1])),
        c(field::GAS_READING, opt(readings[2])),
        c(field::SIGNATURE, json!(form.signature)),
        c(field::AT, json!(actor.at)),
        c(field::BY, json!(actor.staff)),
    ]);
    if let Some(person) = person {
        edits.push(c(field::PERSON, json!(person)));
    }
    if !card.is_empty() {
        edits.push(c(field::RESIDENT_CARD, json!(card)));
    }
    if !note.is_empty() {
        edits.push(c(field::NOTE, json!(note)));
    }
    if form.ty == MoveType::MoveOut {
        edits.push(c(field::ARREARS_CHECKED, json!(true)));
        edits.push(c(field::ARREARS_OWED, opt(arrears)));
    }
    edits.retain(|e| !e.value.is_null());
    Ok(edits)
}
