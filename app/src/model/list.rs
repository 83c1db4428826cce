//! The request list as a page shows it: every live request prepared once per change of the
//! replica — search keys, area, deadline flags — and the filters a keystroke or
//! a picker applies to it.

use super::deadlines::{self, Timing};
use super::flow::{event_edits, routed_to, Actor, EventText};
use super::{requests, RequestView};
use crate::sync::FieldEdit;
use serde_json::json;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::history::EventType;
use shared::request::{Category, RequestStatus};
use shared::{Kind, RecordId};
use std::collections::{BTreeSet, HashMap};

/// What the list knows of a row besides its [`RequestView`]: where it belongs and how it
/// stands against its deadline when the list was built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowMeta {
    /// The area of the request's unit's building.
    pub area: Option<RecordId>,
    /// The unit's building, or the request's own (a patrol finding has no unit).
    pub building: Option<RecordId>,
    /// Its due time and flags.
    pub timing: Timing,
    /// Its last event, or its creation time.
    pub last_event: Option<i64>,
}

/// Every live request as the list shows it, with each one's search text prepared once (its
/// unit number and description in lower case), so a keystroke only compares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestList {
    /// Newest first, as [`requests`] lists them.
    pub rows: Vec<RequestView>,
    /// Row by row: area and deadline flags.
    pub meta: Vec<RowMeta>,
    /// Each row's unit number and description in lower case.
    keys: Vec<(String, String)>,
}

impl RequestList {
    /// The list of `state`'s requests, with nothing overdue (see [`RequestList::build_at`]).
    pub fn build(state: &ReplicaState, pending: &BTreeSet<RecordId>) -> Self {
        Self::build_at(state, pending, i64::MIN)
    }

    /// The list of `state`'s requests with their deadline flags at `now`.
    pub fn build_at(state: &ReplicaState, pending: &BTreeSet<RecordId>, now: i64) -> Self {
        let rows = requests(state, pending);
        let keys = rows
            .iter()
            .map(|r| (r.unit_number.to_lowercase(), r.description.to_lowercase()))
            .collect();
        let settings = deadlines::settings(state);
        let last = deadlines::last_events(state);
        let (request, unit, building) =
            (Kind::new(kind::REQUEST), Kind::new(kind::UNIT), Kind::new(kind::BUILDING));
        let mut of_unit: HashMap<String, (Option<RecordId>, Option<RecordId>)> = HashMap::new();
        let meta = rows
            .iter()
            .map(|r| {
                let Some(f) = state.record(&request, &r.id) else { return RowMeta::default() };
                let u = f.string(field::UNIT);
                let (b, area) = of_unit
                    .entry(u.clone())
                    .or_insert_with(|| {
                        let b = state
                            .record(&unit, &RecordId(u))
                            .and_then(|u| u.reference(field::BUILDING));
                        let area = b.as_ref().and_then(|b| state.record(&building, b));
                        (b, area.and_then(|b| b.reference(field::AREA)))
                    })
                    .clone();
                // A request with no unit (a patrol finding) names its building and area itself.
                let area = area.or_else(|| f.reference(field::AREA));
                let last_event = last.get(&r.id).copied().or(r.created_at);
                RowMeta {
                    area,
                    building: b.or_else(|| f.reference(field::BUILDING)),
                    timing: deadlines::timing(&settings, f, last_event, now),
                    last_event,
                }
            })
            .collect();
        RequestList { rows, meta, keys }
    }

    /// The positions in [`RequestList::rows`] of the requests `filter` keeps.
    pub fn select(&self, filter: &RequestFilter) -> Vec<usize> {
        self.select_desk(filter, &DeskFilter::default())
    }

    /// The positions of the requests both `filter` and the desk's pickers keep.
    pub fn select_desk(&self, filter: &RequestFilter, desk: &DeskFilter) -> Vec<usize> {
        let text = filter.text.trim().to_lowercase();
        let no_meta = RowMeta::default();
        (0..self.rows.len())
            .filter(|&i| {
                let (unit, description) = &self.keys[i];
                let meta = self.meta.get(i).unwrap_or(&no_meta);
                let r = &self.rows[i];
                let closed_ok = filter.include_closed || desk.status.is_some();
                (closed_ok || r.status.is_open())
                    && filter.keeps(&text, r, unit, description)
                    && desk.keeps(r, meta)
            })
            .collect()
    }

    /// How many rows are overdue, and how many of those are stuck.
    pub fn late_counts(&self) -> (usize, usize) {
        let overdue = self.meta.iter().filter(|m| m.timing.overdue).count();
        (overdue, self.meta.iter().filter(|m| m.timing.stuck).count())
    }
}

/// What the request list shows: open ones only (the day's work) or all, narrowed by a text
/// that matches the unit number or the description.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    /// Show closed and cancelled requests too.
    pub include_closed: bool,
    /// Text to find in the unit number or the description (case-insensitive).
    pub text: String,
}

impl RequestFilter {
    /// Whether `r` is shown (what [`RequestList::select`] answers for a whole list).
    pub fn matches(&self, r: &RequestView) -> bool {
        let text = self.text.trim().to_lowercase();
        (self.include_closed || r.status.is_open())
            && self.keeps(&text, r, &r.unit_number.to_lowercase(), &r.description.to_lowercase())
    }

    /// The text rule: `text`, `unit` and `description` already trimmed and lower-cased.
    fn keeps(&self, text: &str, _r: &RequestView, unit: &str, description: &str) -> bool {
        text.is_empty() || unit.contains(text) || description.contains(text)
    }
}

/// The office's pickers on the desk layout. A chosen status shows that status even when it
/// is closed or cancelled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskFilter {
    pub status: Option<RequestStatus>,
    pub category: Option<Category>,
    pub area: Option<RecordId>,
    pub department: Option<RecordId>,
    /// Overdue ones only.
    pub overdue: bool,
}

impl DeskFilter {
    fn keeps(&self, r: &RequestView, m: &RowMeta) -> bool {
        self.status.is_none_or(|s| r.status == s)
            && self.category.is_none_or(|c| r.category == Some(c))
            && self.area.as_ref().is_none_or(|a| m.area.as_ref() == Some(a))
            && self.department.as_ref().is_none_or(|d| r.department.as_ref() == Some(d))
            && (!self.overdue || m.timing.overdue)
    }
}

/// Every live record of `kind` with its `name`, sorted by name (the pickers' options).
pub fn names(state: &ReplicaState, kind: &str) -> Vec<(RecordId, String)> {
    let mut out: Vec<(RecordId, String)> = state
        .records_of(kind)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, f)| (id.clone(), f.string(field::NAME)))
        .filter(|(_, n)| !n.is_empty())
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// The one edit of a bulk reassignment: `department` and `assignee` of every request in
/// `ids`, each with its `routed` event. Empty when nothing is chosen.
pub fn bulk_reassign_edits(
    ids: &[RecordId],
    department: Option<&RecordId>,
    assignee: Option<&RecordId>,
    actor: &Actor,
) -> Vec<FieldEdit> {
    if department.is_none() && assignee.is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for id in ids {
        out.push(FieldEdit::new(kind::REQUEST, id, field::DEPARTMENT, json!(department)));
        out.push(FieldEdit::new(kind::REQUEST, id, field::ASSIGNEE, json!(assignee)));
        let to = EventText { to: routed_to(department, assignee), ..EventText::default() };
        out.extend(event_edits(id, EventType::Routed, &to, actor));
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "list_tests.rs"]
mod tests;
