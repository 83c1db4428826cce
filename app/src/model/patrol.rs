//! Patrol rounds on the tablet (DOMAIN duty 4, `shared::patrol`): start today's round for
//! the area or one building, answer item by item offline, file the findings of a building
//! when it is done, end the round; re-check a finding's fix.
//!
//! Laws:
//! - An answer's id is derived ([`answer_id`]), so answering again — on this tablet or
//!   another — edits the same record; its result is [`evaluate`]d, never typed.
//! - Findings are filed when a building (or the round) is finished: each failed answer's
//!   rectification request (`shared::patrol::live_rectification`) with the item's classifier topic and
//!   problem, the route they give, the round and answer it came from, and copies of the
//!   answer's photos. A building cannot be finished while a failed item that needs a photo
//!   has none. Filing again writes the same records (nothing doubles); an answer that turned
//!   to pass withdraws its request while still new.
//! - A re-check of a done finding: pass moves it to closed (through `called_back`), fail
//!   reopens it; both leave a `recheck` event.

use super::flow::{event_edits, transition_edits, Actor, EventText, FlowError};
use crate::sync::FieldEdit;
use serde_json::{json, Value as Json};
use shared::blob::{PhotoParent, PHOTO};
use shared::names::{field, kind};
use shared::patrol::live_rectification;
use shared::patrol::template::{self, Item, Template};
use shared::patrol::{answer_id, evaluate, photo_copy_id, AnswerResult, Purpose};
use shared::patrol::{Value, ANSWER, ROUND};
use shared::replica::{Fields, ReplicaState};
use shared::request::classifier;
use shared::request::history::EventType;
use shared::request::{Category, RequestStatus, Source, Urgency};
use shared::{Kind, RecordId};

pub use shared::patrol::Value as AnswerValue;

/// Why a patrol step cannot be saved (nothing is written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatrolError {
    /// The value does not fit the item (a word where a number goes).
    BadValue,
    /// These failed items need a photo before the building is finished.
    PhotoRequired(Vec<RecordId>),
    /// The round is not on this device, already ended, or not the actor's to answer (a
    /// quality check's answers are the supervisor's: `Purpose::answered_by`, as the server).
    NoRound,
}

/// A round as the pages show it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundView {
    pub id: RecordId,
    pub template: RecordId,
    pub version: i64,
    pub purpose: Purpose,
    pub area: Option<RecordId>,
    /// Set when the round covers one building only.
    pub building: Option<RecordId>,
    pub by: Option<RecordId>,
    /// Whose work a quality check looked at.
    pub subject: Option<RecordId>,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub score: Option<i64>,
}

/// One answer of a round.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerView {
    pub id: RecordId,
    pub item: RecordId,
    pub building: Option<RecordId>,
    pub floor: Option<i64>,
    pub result: Option<AnswerResult>,
    pub number: Option<f64>,
    pub text: String,
    pub option: Option<RecordId>,
    pub note: String,
    pub at: Option<i64>,
}

fn round_view(id: &RecordId, f: &Fields) -> RoundView {
    RoundView {
        id: id.clone(),
        template: f.reference(field::TEMPLATE).unwrap_or_else(|| RecordId::from("")),
        version: f.int(field::VERSION).unwrap_or(1),
        purpose: f.parsed(field::PURPOSE, Purpose::parse).unwrap_or(Purpose::Patrol),
        area: f.reference(field::AREA),
        building: f.reference(field::BUILDING),
        by: f.reference(field::BY),
        subject: f.reference(field::SUBJECT),
        started_at: f.int(field::STARTED_AT),
        ended_at: f.int(field::ENDED_AT),
        score: f.int(field::SCORE),
    }
}

/// One round by id.
pub fn round(state: &ReplicaState, id: &RecordId) -> Option<RoundView> {
    state.record(&Kind::new(ROUND), id).filter(|f| !f.is_deleted()).map(|f| round_view(id, f))
}

/// Every round on the device, newest first.
pub fn rounds(state: &ReplicaState) -> Vec<RoundView> {
    let mut out: Vec<RoundView> = state
        .records_of(ROUND)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, f)| round_view(id, f))
        .collect();
    out.sort_by(|a, b| b.started_at.cmp(&a.started_at).then_with(|| b.id.cmp(&a.id)));
    out
}

/// The round `staff` started and has not ended (the one the patrol page resumes).
pub fn open_round(state: &ReplicaState, staff: &str, purpose: Purpose) -> Option<RoundView> {
    rounds(state).into_iter().find(|r| {
        r.ended_at.is_none()
            && r.purpose == purpose
            && r.by.as_ref().is_some_and(|b| b.as_str() == staff)
    })
}

/// The edits that start round `id` of `template`'s published version in `area` (or one
/// `building` of it). A quality check (supervisors) names whose work it checks.
pub fn start_round_edits(
    id: &RecordId,
    template: &Template,
    area: &RecordId,
    building: Option<&RecordId>,
    subject: Option<&RecordId>,
    actor: &Actor,
) -> Vec<FieldEdit> {
    let e = |field: &str, v: Json| FieldEdit::new(ROUND, id, field, v);
    let mut out = vec![
        e(field::TEMPLATE, json!(template.id)),
        e(field::VERSION, json!(template.version)),
        e(field::AREA, json!(area)),
        e(field::STARTED_AT, json!(actor.at)),
    ];
    if template.purpose == Purpose::Quality {
        out.push(e(field::PURPOSE, json!(Purpose::Quality)));
    }
    if let Some(b) = building {
        out.push(e(field::BUILDING, json!(b)));
    }
    if let Some(s) = subject {
        out.push(e(field::SUBJECT, json!(s)));
    }
    if RecordId::from(actor.staff.as_str()).is_valid() {
        out.push(e(field::BY, json!(actor.staff)));
    }
    out
}

/// Every answer of `round`.
pub fn answers(state: &ReplicaState, round: &RecordId) -> Vec<AnswerView> {
    let mut out: Vec<AnswerView> = state
        .records_of(ANSWER)
        .filter(|(_, f)| !f.is_deleted() && f.text(field::ROUND) == Some(round.as_str()))
        .map(|(id, f)| AnswerView {
            id: id.clone(),
            item: f.reference(field::ITEM).unwrap_or_else(|| RecordId::from("")),
            building: f.reference(field::BUILDING),
            floor: f.int(field::FLOOR),
            result: f.parsed(field::RESULT, AnswerResult::parse),
            number: f.number(field::NUMBER),
            text: f.string(field::TEXT),
            option: f.reference(field::OPTION),
            note: f.string(field::NOTE),
            at: f.int(field::AT),
        })
        .collect();
    out.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    out
}

/// The edits that answer `item` in `round` for a building (and floor) with `value`.
pub fn answer_edits(
    state: &ReplicaState,
    round: &RecordId,
    item: &Item,
    (building, floor): (Option<&RecordId>, Option<i64>),
    value: &Value,
    note: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, PatrolError> {
    let result = evaluate(item.ty, item.min, item.max, value).ok_or(PatrolError::BadValue)?;
    let purpose = self::round(state, round).map(|r| r.purpose);
    if purpose.is_some_and(|p| !p.answered_by(actor.role)) {
        return Err(PatrolError::NoRound);
    }
    let id = answer_id(round, &item.id, building, floor);
    let e = |field: &str, v: Json| FieldEdit::new(ANSWER, &id, field, v);
    let mut out = Vec::new();
    if state.record(&Kind::new(ANSWER), &id).is_none() {
        out.push(e(field::ROUND, json!(round)));
        out.push(e(field::ITEM, json!(item.id)));
        if let Some(b) = building {
            out.push(e(field::BUILDING, json!(b)));
        }
        if let Some(f) = floor {
            out.push(e(field::FLOOR, json!(f)));
        }
    }
    let (number, txt, option) = match value {
        Value::Number(n) => (json!(n), Json::Null, Json::Null),
        Value::Text(t) => (Json::Null, json!(t.trim()), Json::Null),
        _ => (Json::Null, Json::Null, Json::Null),
    };
    out.extend([
        e(field::RESULT, json!(result)),
        e(field::NUMBER, number),
        e(field::TEXT, txt),
        e(field::OPTION, option),
        e(field::NOTE, if note.trim().is_empty() { Json::Null } else { json!(note.trim()) }),
        e(field::AT, json!(actor.at)),
    ]);
    if RecordId::from(actor.staff.as_str()).is_valid() {
        out.push(e(field::BY, json!(actor.staff)));
    }
    Ok(out)
}

/// The edits that answer a single-choice item with `option` (its `fails` flag decides).
pub fn choice_edits(
    state: &ReplicaState,
    round: &RecordId,
    item: &Item,
    (building, floor): (Option<&RecordId>, Option<i64>),
    option: &RecordId,
    note: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, PatrolError> {
    let opt = template::options(state, &item.id).into_iter().find(|o| &o.id == option);
    let opt = opt.ok_or(PatrolError::BadValue)?;
    let value = Value::Option { fails: opt.fails };
    let mut out = answer_edits(state, round, item, (building, floor), &value, note, actor)?;
    let id = answer_id(round, &item.id, building, floor);
    out.retain(|e| e.field != field::OPTION);
    out.push(FieldEdit::new(ANSWER, &id, field::OPTION, json!(option)));
    Ok(out)
}

/// The floors of `building` that hold units, lowest first (what a walk by floor offers).
pub fn floors_of(state: &ReplicaState, building: &RecordId) -> Vec<i64> {
    let mut floors: Vec<i64> = state
        .records_of(kind::UNIT)
        .filter(|(_, f)| !f.is_deleted() && f.text(field::BUILDING) == Some(building.as_str()))
        .filter_map(|(_, f)| f.int(field::FLOOR))
        .collect();
    floors.sort_unstable();
    floors.dedup();
    floors
}

/// The photo records of `kind` record `id`: `(photo id, its fields)`.
pub fn photos_of<'a>(
    state: &'a ReplicaState,
    kind: PhotoParent,
    id: &'a RecordId,
) -> impl Iterator<Item = (&'a RecordId, &'a Fields)> + 'a {
    state.records_of(PHOTO).filter(move |(_, f)| {
        !f.is_deleted()
            && f.text(field::PARENT_KIND) == Some(kind.as_str())
            && f.text(field::PARENT_ID) == Some(id.as_str())
    })
}

#[path = "patrol_findings.rs"]
mod findings;
pub use findings::*;

#[path = "patrol_walk.rs"]
mod walk;
pub use walk::*;
