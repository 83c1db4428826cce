//! A request's history as the detail page shows it: every event, comment and call-back of
//! the request, oldest first, each call-back once — who, what, when on the device, when it
//! reached the server, from which device (the page shows the last two on demand).
//!
//! Built only for the one request a page shows (it reads the child kinds once); the list
//! never calls it.

use super::flow::parse_routed;
use shared::names::{field, kind};
use shared::replica::{Fields, ReplicaState};
use shared::request::history::{self, EventType, CALLBACK, COMMENT, EVENT};
use shared::{Kind, RecordId};
use std::collections::BTreeSet;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A `request_event` (`None`: a type this version does not know).
    Event(Option<EventType>),
    /// A `request_comment`.
    Comment,
    /// A `callback` attempt.
    Callback,
}

impl EntryKind {
    /// The `data-type` of the entry's `li`: the event's type, `comment` or `callback`.
    pub fn data_type(self) -> &'static str {
        match self {
            EntryKind::Event(Some(t)) => t.as_str(),
            EntryKind::Event(None) => "other",
            EntryKind::Comment => "comment",
            EntryKind::Callback => kind::CALLBACK,
        }
    }
}

/// One line of the timeline. Texts are as stored (statuses and results as wire names, which
/// the page labels); routed events name the department and person.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The child record's id.
    pub id: RecordId,
    pub kind: EntryKind,
    /// A status event's old status.
    pub from: String,
    /// A status event's new status, a call-back's result, a routed event's target ids.
    pub to: String,
    /// A routed event's department and assignee names (empty otherwise).
    pub routed_to: Vec<String>,
    /// An edited event's field names.
    pub fields: Vec<String>,
    /// A note (reason), a comment's text, a call-back's comment.
    pub note: String,
    /// A call-back's satisfaction (wire name), when reached.
    pub satisfaction: String,
    /// A comment kept inside the company.
    pub internal: bool,
    /// Who (staff name; empty when unknown here).
    pub by_name: String,
    /// When on the device (ms; `None`: not recorded).
    pub at: Option<i64>,
    /// When it reached the server (events only: `received_at`).
    pub received_at: Option<i64>,
    /// Whether the server has it: an event with `received_at`, another entry not waiting in
    /// the outbox.
    pub synced: bool,
    /// The replica it was written on.
    pub device: String,
}

/// Every entry of `request`'s history, oldest first (by `at`, then id).
pub fn timeline(
    state: &ReplicaState,
    pending: &BTreeSet<RecordId>,
    request: &RecordId,
) -> Vec<Entry> {
    let (staff, department) = (Kind::new(kind::STAFF), Kind::new(kind::DEPARTMENT));
    let name = |kind: &Kind, id: Option<RecordId>| {
        id.and_then(|id| state.record(kind, &id)).map(|f| f.string(field::NAME)).unwrap_or_default()
    };
    let mut out = Vec::new();
    for kind in [EVENT, COMMENT, CALLBACK] {
        for (id, f) in state.records_of(kind) {
            if f.is_deleted() || f.text(field::REQUEST) != Some(request.as_str()) {
                continue;
            }
            let device = match f.string(field::DEVICE) {
                d if d.is_empty() => writer(f),
                d => d,
            };
            let mut e = Entry {
                id: id.clone(),
                kind: EntryKind::Comment,
                from: f.string(field::FROM),
                to: f.string(field::TO),
                routed_to: Vec::new(),
                fields: Vec::new(),
                note: f.string(field::NOTE),
                satisfaction: String::new(),
                internal: false,
                by_name: name(&staff, Some(RecordId(f.string(field::BY)))),
                at: f.int(field::AT),
                received_at: f.int(field::RECEIVED_AT),
                synced: !pending.contains(id),
                device,
            };
            match kind {
                EVENT => {
                    let ty = f.parsed(field::TYPE, EventType::parse);
                    e.kind = EntryKind::Event(ty);
                    e.synced = e.received_at.is_some();
                    e.fields = split(&f.string(field::FIELDS));
                    if ty == Some(EventType::Routed) {
                        let (d, a) = parse_routed(&e.to);
                        e.routed_to = [name(&department, d), name(&staff, a)]
                            .into_iter()
                            .filter(|n| !n.is_empty())
                            .collect();
                    }
                }
                COMMENT => {
                    e.note = f.string(field::TEXT);
                    e.internal = f.flag(field::INTERNAL) == Some(true);
                }
                _ => {
                    e.kind = EntryKind::Callback;
                    e.to = f.string(field::RESULT);
                    e.satisfaction = f.string(field::SATISFACTION);
                    e.note = f.string(field::COMMENT);
                }
            }
            out.push(e);
        }
    }
    out.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    once_per_callback(out)
}

/// Each call-back once: an attempt is written as a `callback` record and a `callback` event
/// in one edit (same `at`, same author). The record says more (result, satisfaction, the
/// resident's words), so it stays and takes the event's receipt (when it reached the server,
/// from which device); an event without its record (not pulled yet) stays as it is.
fn once_per_callback(mut entries: Vec<Entry>) -> Vec<Entry> {
    let same = |a: &Entry, b: &Entry| a.at.is_some() && a.at == b.at && a.by_name == b.by_name;
    let events: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].kind == EntryKind::Event(Some(EventType::Callback)))
        .collect();
    let mut drop = BTreeSet::new();
    for i in events {
        let record = (0..entries.len()).find(|&j| {
            entries[j].kind == EntryKind::Callback
                && same(&entries[i], &entries[j])
                && !drop.iter().any(|&(_, r)| r == j)
        });
        if let Some(j) = record {
            let (received_at, device) = (entries[i].received_at, entries[i].device.clone());
            let synced = entries[i].synced && entries[j].synced;
            let r = &mut entries[j];
            (r.received_at, r.device, r.synced) = (received_at, device, synced);
            drop.insert((i, j));
        }
    }
    let gone: BTreeSet<usize> = drop.into_iter().map(|(i, _)| i).collect();
    entries.into_iter().enumerate().filter(|(i, _)| !gone.contains(i)).map(|(_, e)| e).collect()
}

/// How often the request was reopened ([`history::reopen_count`] of its status events).
pub fn reopens(entries: &[Entry]) -> usize {
    history::reopen_count(entries.iter().filter_map(|e| match e.kind {
        EntryKind::Event(Some(t)) => Some((t, e.to.as_str())),
        _ => None,
    }))
}

/// The replica that wrote a record's first field (its `request` link is set once).
fn writer(f: &Fields) -> String {
    f.get(field::REQUEST)
        .or_else(|| f.values().next())
        .map(|s| s.replica.to_string())
        .unwrap_or_default()
}

fn split(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}
