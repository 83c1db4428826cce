//! The open items of a shift handover (交接班): what the outgoing person leaves to the
//! incoming one, computed from the replica at the handover and stored with it as a
//! snapshot (`open_items`: one token a line), so the handover shows what was open then.
//!
//! Laws:
//! - An open request (not done, called back, closed or cancelled) is an item when it is
//!   past its deadline or due within [`DUE_SOON_H`] hours; an inquiry still open is an item
//!   whatever its deadline (unanswered).
//! - A missed call not returned is an item whatever its deadline.
//! - Only records of `area` count when an area is given (a butler's desk); every record
//!   when not (the office's desk).
//! - Items come overdue first, then by due time, then missed calls oldest first; each
//!   request once.
//! - [`encode`] and [`decode`] round-trip: `r:<number>` for a request (its readable number,
//!   or its id when it has none), `e:<id>` for a desk entry.

use super::missed::{area_of, unreturned};
use crate::ids::RecordId;
use crate::names::{field, kind};
use crate::replica::ReplicaState;
use crate::request::deadline::{Settings, HOUR_MS};
use crate::request::{Category, RequestStatus, Urgency};

/// Hours before its deadline when an open request is handed over as due soon.
pub const DUE_SOON_H: i64 = 4;

/// Why a request is handed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    Overdue,
    DueSoon,
    /// An inquiry not answered yet.
    Inquiry,
}

/// One open item at a handover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenItem {
    Request {
        id: RecordId,
        number: String,
        due: Option<i64>,
        why: Why,
    },
    /// A missed call not returned (a desk entry).
    MissedCall {
        id: RecordId,
        at: i64,
    },
}

/// One stored token of a handover's `open_items`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A request's number (or id).
    Request(String),
    /// A desk entry's id.
    Entry(RecordId),
}

/// The open items at `now` (in `area` when given).
pub fn open_items(
    state: &ReplicaState,
    area: Option<&RecordId>,
    settings: &Settings,
    now: i64,
) -> Vec<OpenItem> {
    let soon = now + DUE_SOON_H * HOUR_MS;
    let mut requests: Vec<OpenItem> = state
        .records_of(kind::REQUEST)
        .filter(|(_, f)| !f.is_deleted())
        .filter(|(_, f)| area.is_none_or(|a| area_of(state, f).as_ref() == Some(a)))
        .filter_map(|(id, f)| {
            let status = f.parsed(field::STATUS, RequestStatus::parse)?;
            if !status.is_open() || status.is_finished() {
                return None;
            }
            let category = f.parsed(field::CATEGORY, Category::parse)?;
            let urgency = f.parsed(field::URGENCY, Urgency::parse).unwrap_or(Urgency::Normal);
            let missed = f.flag(field::MISSED_CALL).unwrap_or(false);
            let due = f
                .int(field::CREATED_AT)
                .and_then(|c| settings.due_at(category, urgency, missed, c, f.int(field::DUE_AT)));
            let why = match due {
                Some(d) if d < now => Why::Overdue,
                Some(d) if d <= soon => Why::DueSoon,
                _ if category == Category::Inquiry => Why::Inquiry,
                _ => return None,
            };
            let number = f.text(field::NUMBER).map(str::to_owned).unwrap_or_else(|| id.to_string());
            Some(OpenItem::Request { id: id.clone(), number, due, why })
        })
        .collect();
    requests.sort_by(|a, b| match (a, b) {
        (
            OpenItem::Request { why: w1, due: d1, number: n1, .. },
            OpenItem::Request { why: w2, due: d2, number: n2, .. },
        ) => (w1, d1.unwrap_or(i64::MAX), n1).cmp(&(w2, d2.unwrap_or(i64::MAX), n2)),
        _ => std::cmp::Ordering::Equal,
    });
    let calls = unreturned(state, area, settings)
        .into_iter()
        .map(|m| OpenItem::MissedCall { id: m.id, at: m.at });
    requests.extend(calls);
    requests
}

/// The token an item is stored as.
pub fn token(item: &OpenItem) -> Token {
    match item {
        OpenItem::Request { number, .. } => Token::Request(number.clone()),
        OpenItem::MissedCall { id, .. } => Token::Entry(id.clone()),
    }
}

/// The `open_items` text of `items`: one token a line.
pub fn encode(items: &[OpenItem]) -> String {
    items
        .iter()
        .map(|i| match token(i) {
            Token::Request(n) => format!("r:{n}"),
            Token::Entry(id) => format!("e:{id}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The tokens of an `open_items` text; lines of no known shape are skipped.
pub fn decode(text: &str) -> Vec<Token> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            if let Some(n) = l.strip_prefix("r:").filter(|n| !n.trim().is_empty()) {
                return Some(Token::Request(n.trim().to_owned()));
            }
            let id = RecordId::from(l.strip_prefix("e:")?.trim());
            id.is_valid().then_some(Token::Entry(id))
        })
        .collect()
}

#[cfg(test)]
#[path = "open_items_tests.rs"]
mod tests;
