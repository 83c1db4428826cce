//! The request list as a page shows it: every live request prepared once per change of the
//! replica, and the filter a keystroke applies to it.

use super::{requests, RequestView};
use shared::replica::ReplicaState;
use shared::RecordId;
use std::collections::BTreeSet;

/// Every live request as the list shows it, with each one's search text prepared once (its
/// unit number and description in lower case), so a keystroke only compares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestList {
    /// Newest first, as [`requests`] lists them.
    pub rows: Vec<RequestView>,
    /// Each row's unit number and description in lower case.
    keys: Vec<(String, String)>,
}

impl RequestList {
    /// The list of `state`'s requests.
    pub fn build(state: &ReplicaState, pending: &BTreeSet<RecordId>) -> Self {
        let rows = requests(state, pending);
        let keys = rows
            .iter()
            .map(|r| (r.unit_number.to_lowercase(), r.description.to_lowercase()))
            .collect();
        RequestList { rows, keys }
    }

    /// The positions in [`RequestList::rows`] of the requests `filter` keeps.
    pub fn select(&self, filter: &RequestFilter) -> Vec<usize> {
        let text = filter.text.trim().to_lowercase();
        (0..self.rows.len())
            .filter(|&i| {
                let (unit, description) = &self.keys[i];
                filter.keeps(&text, &self.rows[i], unit, description)
            })
            .collect()
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
        self.keeps(&text, r, &r.unit_number.to_lowercase(), &r.description.to_lowercase())
    }

    /// The one rule: `text`, `unit` and `description` already trimmed and lower-cased.
    fn keeps(&self, text: &str, r: &RequestView, unit: &str, description: &str) -> bool {
        (self.include_closed || r.status.is_open())
            && (text.is_empty() || unit.contains(text) || description.contains(text))
    }
}
