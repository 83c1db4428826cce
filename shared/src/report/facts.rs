//! What the report formulas read, taken from a replica in one pass: each request with its
//! place, people, type, deadline and outcome; each call-back, status event, patrol round and
//! photo with who made it and when.
//!
//! The tablet takes them from its IndexedDB replica, the server from a replica of the
//! caller's scope read through the reader filter: one extraction, so both compute every
//! figure from the same facts.

use crate::names::{field, kind};
use crate::patrol::Purpose;
use crate::replica::ReplicaState;
use crate::request::callback::is_finding;
use crate::request::deadline::{Settings, KIND as SETTINGS_KIND, SETTINGS_ID};
use crate::request::history::EventType;
use crate::request::{CallbackResult, Category, RequestStatus, Satisfaction, Source, Urgency};
use crate::{Kind, RecordId, Role};
use rounds::rounds_of;
use std::collections::HashMap;

/// One request as the formulas read it.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestFact {
    pub id: RecordId,
    pub number: String,
    pub category: Category,
    pub status: RequestStatus,
    pub source: Option<Source>,
    pub urgency: Urgency,
    /// Its unit's building's area, else its building's, else its own.
    pub area: Option<RecordId>,
    /// Who took it (首问负责: the butler who owns it).
    pub created_by: Option<RecordId>,
    pub assignee: Option<RecordId>,
    pub department: Option<RecordId>,
    /// The classifier's topic (二级分类), else its place: a complaint's category.
    pub topic: Option<RecordId>,
    pub created_at: Option<i64>,
    /// When it was last done (a reopened request done again has the later time).
    pub done_at: Option<i64>,
    /// When it was first done: its earliest status event to `done`, else `done_at`. The
    /// reply (回复) figures read this one, so a request reopened and done again keeps the
    /// answer it first got.
    pub first_done_at: Option<i64>,
    /// When it is due ([`Settings::due_at`]; `None` for praise).
    pub due_at: Option<i64>,
    /// The request it repeats (a repeat complaint).
    pub repeat_of: Option<RecordId>,
    /// A patrol finding: re-checked, never called back.
    pub finding: bool,
    pub cause: String,
    pub corrective: String,
    /// How often it was reopened.
    pub reopened: u32,
    pub deleted: bool,
}

impl RequestFact {
    /// Cancelled or deleted: it counts in no figure.
    pub fn withdrawn(&self) -> bool {
        self.deleted || self.status == RequestStatus::Cancelled
    }

    /// Answered (回复) by `end`: its work is finished now and was first done before `end`
    /// (the reply figures ask it at the report's `now`). A request reopened since is not
    /// answered until it is done again; done again, it is answered as of its first answer.
    pub fn answered_by(&self, end: i64) -> bool {
        self.status.is_finished() && self.first_done_at.is_some_and(|d| d < end)
    }

    /// Judged by the reply figures at `now`: answered, or past its reply deadline (or
    /// without one). An inquiry taken an hour ago and due tomorrow is neither replied to
    /// nor late yet, so it is in neither count — as a patrol day still under way.
    pub fn reply_judged(&self, now: i64) -> bool {
        self.answered_by(now) || self.due_at.is_none_or(|due| due <= now)
    }

    /// Answered in time: answered by `end`, and first done by its due time.
    pub fn on_time_by(&self, end: i64) -> bool {
        self.answered_by(end)
            && matches!((self.first_done_at, self.due_at), (Some(d), Some(due)) if d <= due)
    }
}

/// One call-back attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct CallbackFact {
    pub id: RecordId,
    /// Its position in [`Facts::requests`], when the request is here.
    pub request: Option<usize>,
    pub at: Option<i64>,
    pub by: Option<RecordId>,
    pub result: Option<CallbackResult>,
    pub satisfaction: Option<Satisfaction>,
}

/// One status or routing event of a request.
#[derive(Debug, Clone, PartialEq)]
pub struct EventFact {
    pub request: Option<usize>,
    pub kind: EventType,
    /// The status it moved to (a status event).
    pub to: String,
    pub at: Option<i64>,
    pub by: Option<RecordId>,
}

/// One patrol round or quality check.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundFact {
    pub id: RecordId,
    pub purpose: Purpose,
    pub area: Option<RecordId>,
    pub by: Option<RecordId>,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    /// Ended, and every spot of its area answered ([`walk::RoundWalk::is_full`]).
    pub full: bool,
    pub score: Option<i64>,
    /// The buildings it answered something in.
    pub buildings: Vec<RecordId>,
}

/// One photo: who took it and when.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoFact {
    pub at: Option<i64>,
    pub by: Option<RecordId>,
}

/// Everything the formulas read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub requests: Vec<RequestFact>,
    pub callbacks: Vec<CallbackFact>,
    pub events: Vec<EventFact>,
    pub rounds: Vec<RoundFact>,
    pub photos: Vec<PhotoFact>,
    pub settings: Settings,
    /// Live staff with their role and area.
    pub staff: Vec<(RecordId, Role, Option<RecordId>)>,
    /// Live buildings with their area.
    pub buildings: Vec<(RecordId, Option<RecordId>)>,
}

impl Facts {
    /// The facts of `state`. Costs one pass over each kind read.
    pub fn from_state(state: &ReplicaState) -> Facts {
        let settings = Settings::from_fields(
            state.record(&Kind::new(SETTINGS_KIND), &RecordId::from(SETTINGS_ID)),
        );
        let buildings: Vec<(RecordId, Option<RecordId>)> = state
            .records_of(kind::BUILDING)
            .filter(|(_, f)| !f.is_deleted())
            .map(|(id, f)| (id.clone(), f.reference(field::AREA)))
            .collect();
        let building_area: HashMap<&RecordId, &RecordId> =
            buildings.iter().filter_map(|(b, a)| Some((b, a.as_ref()?))).collect();
        let unit_area: HashMap<RecordId, RecordId> = state
            .records_of(kind::UNIT)
            .filter_map(|(id, f)| {
                let b = f.reference(field::BUILDING)?;
                Some((id.clone(), (*building_area.get(&b)?).clone()))
            })
            .collect();
        let mut requests = Vec::new();
        for (id, f) in state.records_of(kind::REQUEST) {
            let category = f.parsed(field::CATEGORY, Category::parse).unwrap_or(Category::Repair);
            let urgency = f.parsed(field::URGENCY, Urgency::parse).unwrap_or(Urgency::Normal);
            let created_at = f.int(field::CREATED_AT);
            let missed = f.flag(field::MISSED_CALL) == Some(true);
            let due_at = match created_at {
                Some(c) => settings.due_at(category, urgency, missed, c, f.int(field::DUE_AT)),
                None => f.int(field::DUE_AT),
            };
            let area = f
                .reference(field::UNIT)
                .and_then(|u| unit_area.get(&u).cloned())
                .or_else(|| {
                    let b = f.reference(field::BUILDING)?;
                    building_area.get(&b).map(|a| (*a).clone())
                })
                .or_else(|| f.reference(field::AREA));
            requests.push(RequestFact {
                id: id.clone(),
                number: f.string(field::NUMBER),
                category,
                status: f
                    .parsed(field::STATUS, RequestStatus::parse)
                    .unwrap_or(RequestStatus::INITIAL),
                source: f.parsed(field::SOURCE, Source::parse),
                urgency,
                area,
                created_by: f.reference(field::CREATED_BY),
                assignee: f.reference(field::ASSIGNEE),
                department: f.reference(field::DEPARTMENT),
                topic: f.reference(field::TOPIC).or_else(|| f.reference(field::PLACE)),
                created_at,
                done_at: f.int(field::DONE_AT),
                first_done_at: f.int(field::DONE_AT),
                due_at,
                repeat_of: f.reference(field::REPEAT_OF),
                finding: is_finding(f),
                cause: f.string(field::CAUSE),
                corrective: f.string(field::CORRECTIVE_REPORT),
                reopened: 0,
                deleted: f.is_deleted(),
            });
        }
        let index: HashMap<RecordId, usize> =
            requests.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        let of = |f: &crate::fields::Fields| {
            f.reference(field::REQUEST).and_then(|r| index.get(&r).copied())
        };
        let callbacks = state
            .records_of(kind::CALLBACK)
            .filter(|(_, f)| !f.is_deleted())
            .map(|(id, f)| CallbackFact {
                id: id.clone(),
                request: of(f),
                at: f.int(field::AT),
                by: f.reference(field::BY),
                result: f.parsed(field::RESULT, CallbackResult::parse),
                satisfaction: f.parsed(field::SATISFACTION, Satisfaction::parse),
            })
            .collect();
        let events: Vec<EventFact> = state
            .records_of(kind::REQUEST_EVENT)
            .filter_map(|(_, f)| {
                Some(EventFact {
                    request: of(f),
                    kind: f.parsed(field::TYPE, EventType::parse)?,
                    to: f.string(field::TO),
                    at: f.int(field::AT),
                    by: f.reference(field::BY),
                })
            })
            .collect();
        for e in &events {
            let (Some(i), EventType::Status) = (e.request, e.kind) else { continue };
            let r = &mut requests[i];
            match RequestStatus::parse(&e.to) {
                Some(RequestStatus::Reopened) => r.reopened += 1,
                Some(RequestStatus::Done) => {
                    if let Some(at) = e.at.filter(|&at| r.first_done_at.is_none_or(|d| at < d)) {
                        r.first_done_at = Some(at);
                    }
                }
                _ => {}
            }
        }
        let rounds = rounds_of(state, &settings);
        let photos = state
            .records_of(kind::PHOTO)
            .filter(|(_, f)| !f.is_deleted())
            .map(|(_, f)| PhotoFact { at: f.int(field::AT), by: f.reference(field::BY) })
            .collect();
        let staff = state
            .records_of(kind::STAFF)
            .filter(|(_, f)| !f.is_deleted())
            .filter_map(|(id, f)| {
                Some((id.clone(), f.parsed(field::ROLE, Role::parse)?, f.reference(field::AREA)))
            })
            .collect();
        Facts { requests, callbacks, events, rounds, photos, settings, staff, buildings }
    }

    /// The staff of role `role`.
    pub fn staff_of(&self, role: Role) -> impl Iterator<Item = &RecordId> {
        self.staff.iter().filter(move |(_, r, _)| *r == role).map(|(id, _, _)| id)
    }
}

mod rounds;
