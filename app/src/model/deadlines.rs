//! Deadlines as the pages show them: the site's [`Settings`], each request's due time,
//! overdue and stuck (滞留) flags, and local calendar boundaries (today, this week, this
//! month) for the daily review and the weekly and monthly figures.
//!
//! The last event of every request is indexed once per replica revision
//! ([`last_events`]), never looked up per row: an office replica holds 50,000 requests.

use shared::names::field;
use shared::replica::{Fields, ReplicaState};
use shared::request::deadline::{Settings, KIND as SETTINGS_KIND, SETTINGS_ID};
use shared::request::history::EVENT;
use shared::request::{Category, RequestStatus, Urgency};
use shared::{Kind, RecordId};
use std::collections::HashMap;

/// The settings page's edit: each (field, typed text) that differs from `now`, as an edit
/// of the settings record. A blank field goes back to the default (cleared). Refused, with
/// the field's name, when a value is not a whole number in the field's [`Settings::range`].
pub fn settings_edits(
    now: &Settings,
    typed: &[(&'static str, String)],
) -> Result<Vec<crate::sync::FieldEdit>, &'static str> {
    let id = RecordId::from(SETTINGS_ID);
    let mut out = Vec::new();
    for (name, v) in typed {
        let Some((_, get, _)) = Settings::FIELDS.iter().find(|(n, _, _)| n == name) else {
            continue;
        };
        let v = v.trim();
        let value = if v.is_empty() {
            serde_json::Value::Null
        } else {
            match v.parse::<i64>() {
                Ok(n) if Settings::range(name).contains(&n) && n != get(now) => {
                    serde_json::json!(n)
                }
                Ok(n) if n == get(now) => continue,
                _ => return Err(name),
            }
        };
        out.push(crate::sync::FieldEdit::new(SETTINGS_KIND, &id, name, value));
    }
    Ok(out)
}

/// The site's settings: the `settings` record over the documents' defaults.
pub fn settings(state: &ReplicaState) -> Settings {
    Settings::from_fields(state.record(&Kind::new(SETTINGS_KIND), &RecordId::from(SETTINGS_ID)))
}

/// The time of the last `request_event` of every request that has one (its `at`).
pub fn last_events(state: &ReplicaState) -> HashMap<RecordId, i64> {
    let mut out: HashMap<RecordId, i64> = HashMap::new();
    for (_, f) in state.records_of(EVENT) {
        let (Some(at), request) = (f.int(field::AT), f.string(field::REQUEST)) else {
            continue;
        };
        let last = out.entry(RecordId(request)).or_insert(at);
        *last = (*last).max(at);
    }
    out
}

/// Where a request stands against its deadline at some instant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Timing {
    /// When it is due (`None`: praise, or no creation time known).
    pub due: Option<i64>,
    /// Still being worked on (not done, closed or cancelled) and past due.
    pub overdue: bool,
    /// Overdue and nothing happened to it for [`Settings::stuck_h`].
    pub stuck: bool,
}

/// Whether a request in `status` still waits for work: open and not finished.
pub fn in_work(status: RequestStatus) -> bool {
    status.is_open() && !status.is_finished()
}

/// The timing of request fields `f` at `now`; `last_event` is the request's last event
/// (its creation time stands in when it has none).
pub fn timing(s: &Settings, f: &Fields, last_event: Option<i64>, now: i64) -> Timing {
    let status = f.parsed(field::STATUS, RequestStatus::parse).unwrap_or(RequestStatus::INITIAL);
    let category = f.parsed(field::CATEGORY, Category::parse).unwrap_or(Category::Repair);
    let urgency = f.parsed(field::URGENCY, Urgency::parse).unwrap_or(Urgency::Normal);
    let missed_call = f.flag(field::MISSED_CALL) == Some(true);
    let created = f.int(field::CREATED_AT);
    let due = match created {
        Some(c) => s.due_at(category, urgency, missed_call, c, f.int(field::DUE_AT)),
        None => f.int(field::DUE_AT),
    };
    let Some(due_at) = due.filter(|_| in_work(status) && !f.is_deleted()) else {
        return Timing { due, overdue: false, stuck: false };
    };
    let overdue = now > due_at;
    let moved = last_event.or(created).unwrap_or(due_at);
    Timing { due, overdue, stuck: overdue && s.is_stuck(due_at, moved, now) }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use shared::request::deadline::HOUR_MS;
    use shared::{Change, Hlc, ReplicaId};

    fn put(s: &mut ReplicaState, kind: &str, id: &RecordId, field: &str, v: Value) {
        s.apply(&Change {
            kind: Kind::new(kind),
            id: id.clone(),
            field: field.into(),
            value: v,
            hlc: Hlc::new(s.len() as u64 * 10 + field.len() as u64, 0),
            replica: ReplicaId::server(),
            prev: None,
        });
    }

    #[test]
    fn settings_come_from_the_one_record_over_the_defaults() {
        let mut s = ReplicaState::new();
        assert_eq!(settings(&s), Settings::DEFAULT);
        put(&mut s, SETTINGS_KIND, &RecordId::from(SETTINGS_ID), "complaint_answer_h", json!(24));
        assert_eq!(settings(&s).complaint_answer_h, 24);
    }

    #[test]
    fn the_settings_form_writes_changed_numbers_and_refuses_nonsense() {
        let now = Settings::DEFAULT;
        let typed = |v: &str| vec![("callback_h", v.to_owned()), ("stuck_h", "24".to_owned())];
        let edits = settings_edits(&now, &typed("36")).unwrap();
        assert_eq!(edits.len(), 1, "stuck_h unchanged");
        assert_eq!((edits[0].field.as_str(), &edits[0].value), ("callback_h", &json!(36)));
        crate::sync::FieldEdit::assert_fit_the_schema(&edits);
        assert_eq!(settings_edits(&now, &typed("0")), Err("callback_h"));
        assert_eq!(settings_edits(&now, &typed("2.5")), Err("callback_h"));
        assert_eq!(settings_edits(&now, &typed(" ")).unwrap()[0].value, Value::Null);
    }

    #[test]
    fn overdue_and_stuck_follow_status_due_and_last_event() {
        let mut s = ReplicaState::new();
        let id = RecordId::new_v7();
        put(&mut s, "request", &id, "status", json!("assigned"));
        put(&mut s, "request", &id, "category", json!("complaint"));
        put(&mut s, "request", &id, "created_at", json!(0));
        let ev = RecordId::new_v7();
        put(&mut s, EVENT, &ev, "request", json!(id.as_str()));
        put(&mut s, EVENT, &ev, "at", json!(40 * HOUR_MS));
        let last = last_events(&s);
        assert_eq!(last.get(&id), Some(&(40 * HOUR_MS)));
        let set = Settings::DEFAULT;
        let f = |s: &ReplicaState| s.record(&Kind::new("request"), &id).unwrap().clone();
        let at =
            |s: &ReplicaState, h: i64| timing(&set, &f(s), last.get(&id).copied(), h * HOUR_MS);
        let due = Some(48 * HOUR_MS);
        assert_eq!(at(&s, 47), Timing { due, overdue: false, stuck: false });
        assert_eq!(at(&s, 49), Timing { due, overdue: true, stuck: false });
        assert!(at(&s, 64).stuck, "24 h without an event after the event at 40 h");
        put(&mut s, "request", &id, "due_at", json!(100 * HOUR_MS));
        assert!(!at(&s, 64).overdue, "a promised reply time moves the deadline");
        put(&mut s, "request", &id, "status", json!("done"));
        assert!(!at(&s, 200).overdue, "finished work is never overdue");
    }
}
