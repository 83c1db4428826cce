//! One unit's page: its facts, the people linked to it now and those who moved out, and its
//! requests. Read straight from the replica for one unit (a pass over the links and the
//! requests), so it is current after every edit.

use super::{link_is_live, role_rank};
use shared::names::{field, kind};
use shared::register::{PersonRole, UnitState, UnitType};
use shared::replica::ReplicaState;
use shared::request::{RequestStatus, Urgency};
use shared::{Kind, RecordId};
use std::collections::BTreeSet;

/// A person as linked to the unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Occupant {
    /// The `unit_person` record (move-out and a role change edit it).
    pub link_id: RecordId,
    pub person_id: RecordId,
    pub name: String,
    pub phone: String,
    pub phone2: String,
    pub note: String,
    pub key_customer: bool,
    pub role: Option<PersonRole>,
    /// Move-in, milliseconds since the epoch.
    pub from: Option<i64>,
    /// Move-out; in the past for people who moved out.
    pub to: Option<i64>,
    /// The person or the link has changes still in the outbox.
    pub pending: bool,
}

/// A request of the unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitRequest {
    pub id: RecordId,
    pub description: String,
    pub status: RequestStatus,
    pub urgent: bool,
    pub created_at: Option<i64>,
}

/// Everything the unit page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDetail {
    pub id: RecordId,
    pub number: String,
    pub label: String,
    pub building: String,
    /// The name of the building's area (a unit's area is its building's).
    pub area: String,
    pub floor: Option<i64>,
    pub unit_type: Option<UnitType>,
    /// Floor area in m².
    pub floor_area: Option<f64>,
    pub state: Option<UnitState>,
    pub note: String,
    /// People linked now: owners first, then by move-in.
    pub current: Vec<Occupant>,
    /// People whose link's `to` has passed, latest move-out first.
    pub moved_out: Vec<Occupant>,
    /// Newest first.
    pub requests: Vec<UnitRequest>,
}

/// The page of unit `id` (`None`: not in the replica, or deleted).
pub fn unit_detail(
    state: &ReplicaState,
    pending: &BTreeSet<RecordId>,
    id: &RecordId,
    now_ms: i64,
) -> Option<UnitDetail> {
    let f = state.record(&Kind::new(kind::UNIT), id).filter(|f| !f.is_deleted())?;
    let building_id = RecordId::from(f.text(field::BUILDING).unwrap_or_default());
    let building = state.record(&Kind::new(kind::BUILDING), &building_id);
    let area = building
        .map(|b| RecordId::from(b.text(field::AREA).unwrap_or_default()))
        .and_then(|a| state.record(&Kind::new(kind::AREA), &a))
        .map(|a| a.string(field::NAME));
    let (mut current, mut moved_out) = (Vec::new(), Vec::new());
    for (link_id, l) in state.records_of(kind::UNIT_PERSON) {
        if l.is_deleted() || l.text(field::UNIT).unwrap_or_default() != id.as_str() {
            continue;
        }
        let person_id = RecordId::from(l.text(field::PERSON).unwrap_or_default());
        let Some(p) =
            state.record(&Kind::new(kind::PERSON), &person_id).filter(|p| !p.is_deleted())
        else {
            continue; // not synced yet, or deleted by the office
        };
        let o = Occupant {
            pending: pending.contains(link_id) || pending.contains(&person_id),
            link_id: link_id.clone(),
            person_id,
            name: p.string(field::NAME),
            phone: p.string(field::PHONE),
            phone2: p.string(field::PHONE2),
            note: p.string(field::NOTE),
            key_customer: p.flag(field::KEY_CUSTOMER) == Some(true),
            role: l.parsed(field::ROLE, PersonRole::parse),
            from: l.int(field::FROM),
            to: l.int(field::TO),
        };
        if link_is_live(o.to, now_ms) {
            current.push(o);
        } else {
            moved_out.push(o);
        }
    }
    current.sort_by_key(|o| (o.role.map_or(usize::MAX, role_rank), o.from, o.link_id.clone()));
    moved_out.sort_by(|a, b| b.to.cmp(&a.to).then_with(|| a.link_id.cmp(&b.link_id)));
    let mut requests: Vec<UnitRequest> = state
        .records_of(kind::REQUEST)
        .filter(|(_, r)| {
            !r.is_deleted()
                && r.text(field::UNIT).unwrap_or_default() == id.as_str()
                && r.contains_key(field::STATUS)
        })
        .map(|(rid, r)| UnitRequest {
            id: rid.clone(),
            description: r.string(field::DESCRIPTION),
            status: r.parsed(field::STATUS, RequestStatus::parse).unwrap_or(RequestStatus::INITIAL),
            urgent: r.parsed(field::URGENCY, Urgency::parse) == Some(Urgency::Urgent),
            created_at: r.int(field::CREATED_AT),
        })
        .collect();
    requests.reverse();
    Some(UnitDetail {
        id: id.clone(),
        number: f.string(field::NUMBER),
        label: f.string(field::LABEL),
        building: building.map(|b| b.string(field::NAME)).unwrap_or_default(),
        area: area.unwrap_or_default(),
        floor: f.int(field::FLOOR),
        unit_type: f.parsed(field::TYPE, UnitType::parse),
        floor_area: f.number(field::FLOOR_AREA),
        state: f.parsed(field::STATE, UnitState::parse),
        note: f.string(field::NOTE),
        current,
        moved_out,
        requests,
    })
}

/// A `tel:` link for a phone as typed: digits and a leading `+` only (`0755-8600 1234` →
/// `tel:075586001234`). `None` when there is no digit to call, or the number is masked
/// (`138****1234`, as department staff receive it).
pub fn tel_href(phone: &str) -> Option<String> {
    if phone.contains('*') {
        return None;
    }
    let d = super::index::digits(phone);
    let plus = if phone.trim_start().starts_with('+') || phone.trim_start().starts_with('＋') {
        "+"
    } else {
        ""
    };
    (!d.is_empty()).then(|| format!("tel:{plus}{d}"))
}
