//! The mail and parcel log (邮件/包裹, 002 §4.3) → edits, and its rows: received for a unit,
//! the resident told (when, how), collected (when, by whom, their signature).
//!
//! Laws:
//! - A mail item needs its unit (it lives in the unit's area) and its type.
//! - "Told" and "collected" are each one edit; collected needs the collector's name (the
//!   signature drawn on the tablet is kept with it when given).
//! - The rows list what is not collected first (long uncollected, oldest first), then the
//!   collected, newest first.

use super::flow::Actor;
use super::frontdesk::{place_text, staff_name};
use super::signature::SIGNATURE_MAX;
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::frontdesk::mail::{long_uncollected, stage, MailStage};
use shared::frontdesk::{MailType, ToldHow};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::deadline::Settings;
use shared::schema::MAX_TEXT_CHARS;
use shared::RecordId;

/// What the mail form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailForm {
    pub unit: Option<RecordId>,
    pub mail_type: Option<MailType>,
    pub carrier: String,
    pub tracking: String,
    pub note: String,
}

/// Why a mail edit cannot be saved (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailError {
    UnitRequired,
    TypeRequired,
    TooLong,
    CollectorRequired,
}

/// The edits of new mail item `id`, received now.
pub fn mail_edits(
    id: &RecordId,
    form: &MailForm,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, MailError> {
    let unit = form.unit.as_ref().filter(|u| u.is_valid()).ok_or(MailError::UnitRequired)?;
    let ty = form.mail_type.ok_or(MailError::TypeRequired)?;
    let (carrier, tracking, note) = (form.carrier.trim(), form.tracking.trim(), form.note.trim());
    if carrier.chars().count() > 200
        || tracking.chars().count() > 80
        || note.chars().count() > MAX_TEXT_CHARS
    {
        return Err(MailError::TooLong);
    }
    let e = |f: &str, v: Value| FieldEdit::new(kind::MAIL_ITEM, id, f, v);
    let mut edits = vec![
        e(field::UNIT, json!(unit)),
        e(field::TYPE, json!(ty)),
        e(field::RECEIVED_AT, json!(actor.at)),
        e(field::BY, json!(actor.staff)),
    ];
    for (f, v) in [(field::CARRIER, carrier), (field::TRACKING, tracking), (field::NOTE, note)] {
        if !v.is_empty() {
            edits.push(e(f, json!(v)));
        }
    }
    Ok(edits)
}

/// The edits that record the resident told, now, by `how`.
pub fn told_edits(id: &RecordId, how: ToldHow, actor: &Actor) -> Vec<FieldEdit> {
    let e = |f: &str, v: Value| FieldEdit::new(kind::MAIL_ITEM, id, f, v);
    vec![e(field::TOLD_AT, json!(actor.at)), e(field::TOLD_HOW, json!(how))]
}

/// The edits that record the item collected now by `collector`, with their `signature`
/// (an SVG path; left out when blank).
pub fn collected_edits(
    id: &RecordId,
    collector: &str,
    signature: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, MailError> {
    let collector = collector.trim();
    if collector.is_empty() {
        return Err(MailError::CollectorRequired);
    }
    if collector.chars().count() > 200 || signature.len() > SIGNATURE_MAX {
        return Err(MailError::TooLong);
    }
    let e = |f: &str, v: Value| FieldEdit::new(kind::MAIL_ITEM, id, f, v);
    let mut edits =
        vec![e(field::COLLECTED_AT, json!(actor.at)), e(field::COLLECTOR, json!(collector))];
    if !signature.trim().is_empty() {
        edits.push(e(field::SIGNATURE, json!(signature)));
    }
    Ok(edits)
}

/// One mail item as the log shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailRow {
    pub id: RecordId,
    pub unit: String,
    pub mail_type: Option<MailType>,
    pub carrier: String,
    pub tracking: String,
    pub received_at: i64,
    pub told_at: Option<i64>,
    pub told_how: Option<ToldHow>,
    pub collected_at: Option<i64>,
    pub collector: String,
    pub signed: bool,
    pub stage: MailStage,
    pub long_uncollected: bool,
    pub note: String,
    pub by: String,
}

/// Which rows the log shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MailFilter {
    /// Not collected yet.
    #[default]
    Waiting,
    /// Not collected `mail_uncollected_days` after receipt.
    Long,
    All,
}

/// The log's rows (see the laws).
pub fn mail_rows(
    state: &ReplicaState,
    filter: MailFilter,
    settings: &Settings,
    now: i64,
) -> Vec<MailRow> {
    let mut rows: Vec<MailRow> = state
        .records_of(kind::MAIL_ITEM)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, f)| MailRow {
            id: id.clone(),
            unit: place_text(state, f),
            mail_type: f.parsed(field::TYPE, MailType::parse),
            carrier: f.string(field::CARRIER),
            tracking: f.string(field::TRACKING),
            received_at: f.int(field::RECEIVED_AT).unwrap_or_default(),
            told_at: f.int(field::TOLD_AT),
            told_how: f.parsed(field::TOLD_HOW, ToldHow::parse),
            collected_at: f.int(field::COLLECTED_AT),
            collector: f.string(field::COLLECTOR),
            signed: f.text(field::SIGNATURE).is_some(),
            stage: stage(f),
            long_uncollected: long_uncollected(f, settings, now),
            note: f.string(field::NOTE),
            by: staff_name(state, f.text(field::BY)),
        })
        .filter(|r| match filter {
            MailFilter::Waiting => r.stage != MailStage::Collected,
            MailFilter::Long => r.long_uncollected,
            MailFilter::All => true,
        })
        .collect();
    rows.sort_by(|a, b| {
        let done = |r: &MailRow| r.stage == MailStage::Collected;
        match (done(a), done(b)) {
            (false, false) => (a.received_at, &a.id).cmp(&(b.received_at, &b.id)),
            (true, true) => (b.collected_at, &b.id).cmp(&(a.collected_at, &a.id)),
            (x, y) => x.cmp(&y),
        }
    });
    rows
}
