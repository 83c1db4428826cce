//! The person form and what each register action saves: adding a person (a `person` record
//! and its `unit_person` link in one edit), editing one (only the fields that changed: the
//! phones are review fields, and rewriting an unchanged one could raise a needless
//! conflict), moving a known person in, and moving someone out. Dates are local calendar
//! days (`YYYY-MM-DD`, what `<input type=date>` gives), stored as the local midnight in ms.

use super::unit::Occupant;
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::calendar::{civil_from_days, days_from_civil};
use shared::names::{field, kind};
use shared::register::{is_mobile, PersonRole};
use shared::schema::MAX_TEXT_CHARS;
use shared::RecordId;

const DAY_MS: i64 = 86_400_000;
/// The schema's limits on `person.name` and the phones.
const NAME_MAX: usize = 200;
const PHONE_MAX: usize = 40;

/// What the person form holds, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonForm {
    pub name: String,
    pub phone: String,
    pub phone2: String,
    pub note: String,
    pub key_customer: bool,
    pub role: PersonRole,
    /// Move-in day, `YYYY-MM-DD`; blank leaves it unset.
    pub from: String,
}

impl PersonForm {
    /// An empty form moving in today as `role`.
    pub fn new(role: PersonRole, today: String) -> Self {
        PersonForm {
            name: String::new(),
            phone: String::new(),
            phone2: String::new(),
            note: String::new(),
            key_customer: false,
            role,
            from: today,
        }
    }

    /// The form filled with `o`, for editing.
    pub fn of(o: &Occupant, offset_min: i64) -> Self {
        PersonForm {
            name: o.name.clone(),
            phone: o.phone.clone(),
            phone2: o.phone2.clone(),
            note: o.note.clone(),
            key_customer: o.key_customer,
            role: o.role.unwrap_or(PersonRole::Resident),
            from: o.from.map(|ms| ms_to_date(ms, offset_min)).unwrap_or_default(),
        }
    }
}

/// What a phone field says about its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneCheck {
    /// Blank, or a plausible number.
    Fine,
    /// Something other than digits, `-`, `+` and spaces, or no digit at all: refused.
    Invalid,
    /// It looks like a mobile number (1, then 3–9) but has not 11 digits: saved, with a
    /// warning.
    NotElevenDigits,
}

/// Checks a phone as typed. `+86` / `0086` before a mobile number is allowed.
pub fn check_phone(raw: &str) -> PhoneCheck {
    let s = raw.trim();
    if s.is_empty() {
        return PhoneCheck::Fine;
    }
    let allowed = s.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | ' '));
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if !allowed || digits.is_empty() || s.chars().count() > PHONE_MAX {
        return PhoneCheck::Invalid;
    }
    let national = match digits.strip_prefix("0086") {
        Some(rest) => rest,
        None if s.starts_with('+') => digits.strip_prefix("86").unwrap_or(&digits),
        None => &digits,
    };
    let b = national.as_bytes();
    let mobile_looking = b.len() >= 2 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    if mobile_looking && !is_mobile(national) {
        PhoneCheck::NotElevenDigits
    } else {
        PhoneCheck::Fine
    }
}

/// Why the form cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonError {
    NameRequired,
    NameTooLong,
    /// A phone holds something other than digits, `-`, `+` and spaces.
    BadPhone,
    NoteTooLong,
    /// The move-in or move-out day is not a date.
    BadDate,
}

/// The checked form: trimmed texts and the move-in time.
struct Checked<'a> {
    name: &'a str,
    phone: &'a str,
    phone2: &'a str,
    note: &'a str,
    from: Option<i64>,
}

fn check(form: &PersonForm, offset_min: i64) -> Result<Checked<'_>, PersonError> {
    let name = form.name.trim();
    if name.is_empty() {
        return Err(PersonError::NameRequired);
    }
    if name.chars().count() > NAME_MAX {
        return Err(PersonError::NameTooLong);
    }
    if [&form.phone, &form.phone2].iter().any(|p| check_phone(p) == PhoneCheck::Invalid) {
        return Err(PersonError::BadPhone);
    }
    let note = form.note.trim();
    if note.chars().count() > MAX_TEXT_CHARS {
        return Err(PersonError::NoteTooLong);
    }
    let from = optional_date(&form.from, offset_min)?;
    Ok(Checked { name, phone: form.phone.trim(), phone2: form.phone2.trim(), note, from })
}

fn optional_date(s: &str, offset_min: i64) -> Result<Option<i64>, PersonError> {
    match s.trim() {
        "" => Ok(None),
        d => date_to_ms(d, offset_min).map(Some).ok_or(PersonError::BadDate),
    }
}

/// A text edit; blank clears the field.
fn text(v: &str) -> Value {
    if v.is_empty() {
        Value::Null
    } else {
        json!(v)
    }
}

/// A new person `person` living in `unit` from the form's day: the person's fields and the
/// link, saved together.
pub fn new_person_edits(
    person: &RecordId,
    link: &RecordId,
    unit: &RecordId,
    form: &PersonForm,
    offset_min: i64,
) -> Result<Vec<FieldEdit>, PersonError> {
    let c = check(form, offset_min)?;
    let p = |field: &str, v: Value| FieldEdit::new(kind::PERSON, person, field, v);
    let mut edits = vec![p(field::NAME, json!(c.name))];
    for (field, v) in [(field::PHONE, c.phone), (field::PHONE2, c.phone2), (field::NOTE, c.note)] {
        if !v.is_empty() {
            edits.push(p(field, json!(v)));
        }
    }
    if form.key_customer {
        edits.push(p(field::KEY_CUSTOMER, json!(true)));
    }
    edits.extend(link_edits(link, unit, person, form.role, c.from));
    Ok(edits)
}

fn link_edits(
    link: &RecordId,
    unit: &RecordId,
    person: &RecordId,
    role: PersonRole,
    from: Option<i64>,
) -> Vec<FieldEdit> {
    let l = |field: &str, v: Value| FieldEdit::new(kind::UNIT_PERSON, link, field, v);
    let mut edits = vec![
        l(field::UNIT, json!(unit)),
        l(field::PERSON, json!(person)),
        l(field::ROLE, json!(role)),
    ];
    edits.extend(from.map(|ms| l(field::FROM, json!(ms))));
    edits
}

/// The changes the form makes to `o`: only fields whose value differs (a blank move-in day
/// leaves the stored one). Empty when nothing changed.
pub fn edit_person_edits(
    o: &Occupant,
    form: &PersonForm,
    offset_min: i64,
) -> Result<Vec<FieldEdit>, PersonError> {
    let c = check(form, offset_min)?;
    let p = |field: &str, v: Value| FieldEdit::new(kind::PERSON, &o.person_id, field, v);
    let mut edits = Vec::new();
    for (field, new, old) in [
        (field::NAME, c.name, o.name.as_str()),
        (field::PHONE, c.phone, o.phone.as_str()),
        (field::PHONE2, c.phone2, o.phone2.as_str()),
        (field::NOTE, c.note, o.note.as_str()),
    ] {
        if new != old.trim() {
            edits.push(p(field, text(new)));
        }
    }
    if form.key_customer != o.key_customer {
        edits.push(p(field::KEY_CUSTOMER, json!(form.key_customer)));
    }
    if o.role != Some(form.role) {
        edits.push(FieldEdit::new(kind::UNIT_PERSON, &o.link_id, field::ROLE, json!(form.role)));
    }
    if let Some(from) = c.from.filter(|ms| o.from != Some(*ms)) {
        edits.push(FieldEdit::new(kind::UNIT_PERSON, &o.link_id, field::FROM, json!(from)));
    }
    Ok(edits)
}

/// A known person moving into `unit` as `role` on day `from`: a new link.
pub fn move_in_edits(
    link: &RecordId,
    unit: &RecordId,
    person: &RecordId,
    role: PersonRole,
    from: &str,
    offset_min: i64,
) -> Result<Vec<FieldEdit>, PersonError> {
    Ok(link_edits(link, unit, person, role, optional_date(from, offset_min)?))
}

/// Moving out on day `to` (the link's `to`; the person and the link stay, listed as moved
/// out once the day has come).
pub fn move_out_edits(
    link: &RecordId,
    to: &str,
    offset_min: i64,
) -> Result<Vec<FieldEdit>, PersonError> {
    let ms = date_to_ms(to.trim(), offset_min).ok_or(PersonError::BadDate)?;
    Ok(vec![FieldEdit::new(kind::UNIT_PERSON, link, field::TO, json!(ms))])
}

/// `YYYY-MM-DD` → the local midnight of that day in ms (`offset_min`: minutes the time zone
/// is ahead of UTC; 480 in China). `None` for anything else, or a day before 1970.
pub fn date_to_ms(s: &str, offset_min: i64) -> Option<i64> {
    let mut parts = s.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&m) || civil_from_days(days_from_civil(y, m, d)) != (y, m, d) {
        return None;
    }
    let ms = days_from_civil(y, m, d) * DAY_MS - offset_min * 60_000;
    (ms >= 0).then_some(ms)
}

/// Epoch ms → the local day, `YYYY-MM-DD`.
pub fn ms_to_date(ms: i64, offset_min: i64) -> String {
    let (y, m, d) = civil_from_days((ms + offset_min * 60_000).div_euclid(DAY_MS));
    format!("{y:04}-{m:02}-{d:02}")
}
