//! Missed calls (未接来电) of the desk log and where a desk record is.
//!
//! Laws:
//! - A missed call is returned when its `returned_at` is set; until then it is due
//!   `missed_call_h` after its `at` (002 §五.2: 3 h) and overdue once `now` passes that.
//! - A record's area is its unit's building's area, else its building's, else its own
//!   `area` ([`area_of`]): the way the scope places it.

use super::Channel;
use crate::fields::Fields;
use crate::ids::RecordId;
use crate::names::{field, kind};
use crate::replica::ReplicaState;
use crate::request::deadline::{Settings, HOUR_MS};
use crate::Kind;

/// A missed call not returned yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedCall {
    pub id: RecordId,
    /// When the call came in.
    pub at: i64,
    /// When it must be returned by.
    pub due: i64,
    pub caller: String,
    pub phone: String,
    pub area: Option<RecordId>,
}

impl MissedCall {
    /// Past its due time at `now`.
    pub fn overdue(&self, now: i64) -> bool {
        now > self.due
    }
}

/// The area record `f` is in: through its unit's building, its building, else its `area`.
pub fn area_of(state: &ReplicaState, f: &Fields) -> Option<RecordId> {
    let get = |k: &str, id: &RecordId| state.record(&Kind::new(k), id);
    let building = match f.reference(field::UNIT) {
        Some(u) => get(kind::UNIT, &u).and_then(|u| u.reference(field::BUILDING)),
        None => f.reference(field::BUILDING),
    };
    match building {
        Some(b) => get(kind::BUILDING, &b).and_then(|b| b.reference(field::AREA)),
        None => f.reference(field::AREA),
    }
}

/// Whether a desk entry is a missed call not returned yet (and not deleted).
pub fn is_unreturned(f: &Fields) -> bool {
    !f.is_deleted()
        && f.parsed(field::CHANNEL, Channel::parse) == Some(Channel::MissedCall)
        && f.int(field::RETURNED_AT).is_none()
}

/// Every missed call not returned yet, in `area` when given, oldest first.
pub fn unreturned(
    state: &ReplicaState,
    area: Option<&RecordId>,
    settings: &Settings,
) -> Vec<MissedCall> {
    let mut out: Vec<MissedCall> = state
        .records_of(kind::DESK_ENTRY)
        .filter(|(_, f)| is_unreturned(f))
        .filter_map(|(id, f)| {
            let at = f.int(field::AT)?;
            let place = area_of(state, f);
            if area.is_some_and(|a| place.as_ref() != Some(a)) {
                return None;
            }
            Some(MissedCall {
                id: id.clone(),
                at,
                due: at + settings.missed_call_h * HOUR_MS,
                caller: f.string(field::CALLER),
                phone: f.string(field::PHONE),
                area: place,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    out
}

/// The missed calls not returned within `missed_call_h` at `now` (My day's list).
pub fn overdue(
    state: &ReplicaState,
    area: Option<&RecordId>,
    settings: &Settings,
    now: i64,
) -> Vec<MissedCall> {
    unreturned(state, area, settings).into_iter().filter(|m| m.overdue(now)).collect()
}

#[cfg(test)]
#[path = "missed_tests.rs"]
mod tests;
