//! The records of a planned request as written: the request's own fields (with its number
//! from the site's counter, its classification, its done time, a complaint's loop) and its
//! history's `request_event` and `callback` children.

use super::catalog::{COMPLAINT_LOOPS, CORRECTIVE_REPORTS, UNFOUNDED_REPLY};
use super::requests::Request;
use super::{demo_id, Plan};
use serde_json::{json, Value};
use shared::calendar::civil_from_days;
use shared::names::{field, kind};
use shared::request::classifier::default_id;
use shared::request::number::format;
use shared::{RecordId, Role};

/// The device the demo's history was recorded on.
pub const DEVICE: &str = "demo";
const MINUTE_MS: u64 = 60_000;
/// Requests older than this many days keep their own fields and their call-backs (what the
/// satisfaction and call-back figures read) but no `request_event`s unless they were
/// reopened (what the reply figures read): they stand for work carried over from the site's
/// previous system, and a year of events would make a big demo (`--requests 20000`) four
/// times slower to write and to sync.
pub const DETAILED_DAYS: u64 = 60;
const DAY_MS: i64 = 86_400_000;
/// China is UTC+8 all year: request numbers carry the day there.
const CHINA_MS: i64 = 8 * 3_600_000;

fn opt<T: serde::Serialize>(v: Option<T>) -> Value {
    v.map_or(Value::Null, |v| json!(v))
}

fn staff_id(s: usize) -> String {
    demo_id(&format!("staff-{s}")).0
}

/// The area code of area `a` ("A1", "A2", …): what request numbers start with.
pub fn area_code(a: usize) -> String {
    format!("A{}", a + 1)
}

/// When `r` was made, at wall time `now` (ms).
fn created_at(r: &Request, now: u64) -> u64 {
    now.saturating_sub(r.age_minutes * MINUTE_MS)
}

/// The readable number of `r` ("A2-261127-0457"): its area's code, its day in China, and
/// the site counter's `first` plus its rank.
pub fn number(plan: &Plan, r: &Request, now: u64, first: u64) -> String {
    let day = (created_at(r, now) as i64 + CHINA_MS).div_euclid(DAY_MS);
    format(&area_code(plan.units[r.unit].area), civil_from_days(day), first + r.rank)
}

/// The fields of a planned request as written at wall time `now` (ms), numbered from the
/// counter block starting at `first`; `null` ones are left out by the writer.
pub fn request_fields(
    plan: &Plan,
    r: &Request,
    now: u64,
    first: u64,
) -> Vec<(&'static str, Value)> {
    let dept_id = |d: usize| demo_id(&format!("department-{d}")).0;
    let class = |n: u32| (n != 0).then(|| default_id(n).0);
    let contact = &plan.register.people[r.contact];
    let made = created_at(r, now);
    let at = |after: u64| made + after * MINUTE_MS;
    let cancel = r.history.events.iter().rev().find_map(|e| e.note);
    let mut fields = vec![
        (field::UNIT, json!(plan.units[r.unit].id.as_str())),
        (field::NUMBER, json!(number(plan, r, now, first))),
        (field::CATEGORY, json!(r.category)),
        (field::SOURCE, json!(r.source)),
        (field::URGENCY, json!(r.urgency)),
        (field::PLACE, opt(class(r.class.0))),
        (field::TOPIC, opt(class(r.class.1))),
        (field::PROBLEM, opt(class(r.class.2))),
        (field::STATUS, json!(r.status)),
        (field::DESCRIPTION, json!(r.description)),
        (field::CONTACT_NAME, json!(contact.name)),
        (field::CONTACT_PHONE, json!(contact.phone)),
        (field::ASSIGNEE, opt(r.assignee.map(staff_id))),
        (field::DEPARTMENT, opt(r.department.map(dept_id))),
        (field::CREATED_BY, json!(staff_id(r.created_by))),
        (field::CREATED_AT, json!(made)),
        (field::DONE_AT, opt(r.history.done.map(at))),
        (field::CANCEL_REASON, opt(cancel.filter(|_| r.status == "cancelled"))),
        // Every request is closed with its result (`shared::request::closing`).
        (field::CLOSE_RESULT, opt((r.status == "closed").then_some(CLOSE_RESULT))),
        (field::REPEAT_OF, opt(r.repeat_of.map(|i| plan.requests[i].id.as_str()))),
    ];
    if let Some(stands) = r.complaint {
        let supervisor = plan.staff.iter().position(|s| s.role == Role::Supervisor);
        let (reply, cause, handling, corrective) = match stands {
            Some(i) => {
                let (reply, cause, handling) = COMPLAINT_LOOPS[i];
                (reply, Some(cause), Some(handling), Some(CORRECTIVE_REPORTS[i]))
            }
            None => (UNFOUNDED_REPLY, None, None, None),
        };
        let closed = r.status == "closed";
        fields.extend([
            (field::COMPLAINT_STANDS, json!(stands.is_some())),
            (field::REPLY, json!(reply)),
            (field::CAUSE, opt(cause)),
            (field::PLAN, opt(handling)),
            (field::CORRECTIVE_REPORT, opt(corrective)),
            (field::PLAN_APPROVED_BY, opt(handling.and(supervisor.map(staff_id)))),
            (field::ESCALATION, json!("none")),
            (field::CONFIRMATION, opt(closed.then_some("verbal"))),
            (field::CONFIRMATION_NOTE, opt(closed.then_some("回访时住户口头确认同意处理结果"))),
        ]);
    }
    fields
}

/// The result the demo's closed requests were closed with.
const CLOSE_RESULT: &str = "已处理完毕，回访住户满意";

/// A record as the demo writes it: kind, id, fields.
pub type Record = (&'static str, RecordId, Vec<(&'static str, Value)>);

/// Whether the `request_event`s of `r` are written: it is younger than [`DETAILED_DAYS`], or
/// it was reopened.
fn with_events(r: &Request) -> bool {
    r.age_minutes <= DETAILED_DAYS * 24 * 60
        || r.history.events.iter().any(|e| e.to == Some(shared::request::RequestStatus::Reopened))
}

/// How many records [`history_records`] gives for `r`.
pub fn history_len(r: &Request) -> usize {
    r.history.callbacks.len() + if with_events(r) { r.history.events.len() } else { 0 }
}

/// The `callback` records of `r`'s history, and its `request_event`s when [`with_events`].
pub fn history_records(r: &Request, now: u64) -> Vec<Record> {
    let made = created_at(r, now);
    let at = |after: u64| made + after * MINUTE_MS;
    let id = r.id.as_str();
    let mut out = Vec::with_capacity(history_len(r));
    let events = if with_events(r) { &r.history.events[..] } else { &[] };
    for (k, e) in events.iter().enumerate() {
        let fields = vec![
            (field::REQUEST, json!(id)),
            (field::TYPE, json!(e.ty)),
            (field::FROM, opt(e.from)),
            (field::TO, opt(e.to)),
            (field::NOTE, opt(e.note)),
            (field::AT, json!(at(e.after))),
            (field::BY, json!(staff_id(e.by))),
            (field::DEVICE, json!(DEVICE)),
            // Reached the server a few seconds later (the demo's tablets were online).
            (field::RECEIVED_AT, json!(at(e.after) + 1_000 + (k as u64 % 7) * 1_000)),
        ];
        out.push((kind::REQUEST_EVENT, demo_id(&format!("{id}-event-{k}")), fields));
    }
    for (k, c) in r.history.callbacks.iter().enumerate() {
        let fields = vec![
            (field::REQUEST, json!(id)),
            (field::RESULT, json!(c.result)),
            (field::SATISFACTION, opt(c.satisfaction)),
            (field::COMMENT, opt(c.comment)),
            (field::AT, json!(at(c.after))),
            (field::BY, json!(staff_id(c.by))),
        ];
        out.push((kind::CALLBACK, demo_id(&format!("{id}-callback-{k}")), fields));
    }
    out
}
