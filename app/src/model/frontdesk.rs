//! The front desk's phone and walk-in log (前台来电来访登记) → edits, and the day's log as
//! rows. An entry turns into a request in one step ([`to_request_edits`]): a normal request
//! made by the intake model (`intake::new_request_edits`, its number from the device's pool,
//! its `created` event) and the entry's link to it, in ONE edit, so a retry or a second tap
//! cannot leave a request without its entry or an entry pointing at nothing.
//!
//! Laws:
//! - An entry needs its channel and a topic; its place is its unit, else the area chosen
//!   (none: the office's and its author's only, `Placement::Area`).
//! - A request from an entry carries the entry's unit (else a common place of its area named
//!   after the area), contact (caller, phone), description (the topic), source (phone for a
//!   call or a missed call, walk-in for a visit) and the entry's request type (an inquiry
//!   when none is chosen); a missed call not returned yet makes a missed-call request (due in
//!   `missed_call_h`).
//! - An entry that already names a request is never turned into another.

use super::flow::Actor;
use super::intake::{new_request_edits, FormError, NewRequestForm};
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::fields::Fields;
use shared::frontdesk::missed::{area_of, is_unreturned};
use shared::frontdesk::{Channel, DeskOutcome};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::deadline::{Settings, HOUR_MS};
use shared::request::{Category, Source};
use shared::schema::MAX_TEXT_CHARS;
use shared::{Kind, RecordId};

/// The longest caller name and phone the schema takes.
pub const CALLER_MAX: usize = 200;
pub const PHONE_MAX: usize = 40;

/// What the entry form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryForm {
    pub channel: Option<Channel>,
    pub caller: String,
    pub phone: String,
    pub unit: Option<RecordId>,
    /// The area when no unit is chosen.
    pub area: Option<RecordId>,
    pub topic: String,
    pub category: Option<Category>,
    pub outcome: Option<DeskOutcome>,
}

/// Why an entry cannot be saved (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskError {
    ChannelRequired,
    TopicRequired,
    TooLong,
    /// Turned into a request already.
    AlreadyRequest,
    /// The request form refused it (no unit and no area).
    NoPlace,
}

/// The edits of new entry `id`.
pub fn entry_edits(
    id: &RecordId,
    form: &EntryForm,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, DeskError> {
    let channel = form.channel.ok_or(DeskError::ChannelRequired)?;
    let topic = form.topic.trim();
    if topic.is_empty() {
        return Err(DeskError::TopicRequired);
    }
    let (caller, phone) = (form.caller.trim(), form.phone.trim());
    if topic.chars().count() > MAX_TEXT_CHARS
        || caller.chars().count() > CALLER_MAX
        || phone.chars().count() > PHONE_MAX
    {
        return Err(DeskError::TooLong);
    }
    let e = |f: &str, v: Value| FieldEdit::new(kind::DESK_ENTRY, id, f, v);
    let mut edits = vec![
        e(field::CHANNEL, json!(channel)),
        e(field::TOPIC, json!(topic)),
        e(field::AT, json!(actor.at)),
        e(field::BY, json!(actor.staff)),
    ];
    let valid = |r: &Option<RecordId>| r.clone().filter(RecordId::is_valid);
    match (valid(&form.unit), valid(&form.area)) {
        (Some(u), _) => edits.push(e(field::UNIT, json!(u))),
        (None, Some(a)) => edits.push(e(field::AREA, json!(a))),
        (None, None) => {}
    }
    for (f, v) in [(field::CALLER, caller), (field::PHONE, phone)] {
        if !v.is_empty() {
            edits.push(e(f, json!(v)));
        }
    }
    edits.extend(form.category.map(|c| e(field::CATEGORY, json!(c))));
    edits.extend(form.outcome.map(|o| e(field::OUTCOME, json!(o))));
    Ok(edits)
}

/// The edits that mark missed call `id` returned at the actor's time.
pub fn returned_edits(id: &RecordId, actor: &Actor) -> Vec<FieldEdit> {
    vec![FieldEdit::new(kind::DESK_ENTRY, id, field::RETURNED_AT, json!(actor.at))]
}

/// The request form an entry fills in (see the laws).
pub fn request_form(state: &ReplicaState, entry: &Fields) -> NewRequestForm {
    let channel = entry.parsed(field::CHANNEL, Channel::parse);
    let area = area_of(state, entry);
    let area_name = area
        .as_ref()
        .and_then(|a| state.record(&Kind::new(kind::AREA), a))
        .map(|f| f.string(field::NAME))
        .unwrap_or_default();
    let unit = entry.reference(field::UNIT).map(|u| u.0).unwrap_or_default();
    NewRequestForm {
        common_place: if unit.is_empty() { area_name } else { String::new() },
        area: area.map(|a| a.0).unwrap_or_default(),
        unit,
        category: entry.parsed(field::CATEGORY, Category::parse).unwrap_or(Category::Inquiry),
        source: if channel == Some(Channel::WalkIn) { Source::WalkIn } else { Source::Phone },
        missed_call: is_unreturned(entry),
        contact_name: entry.string(field::CALLER),
        contact_phone: entry.string(field::PHONE),
        description: entry.string(field::TOPIC),
        ..NewRequestForm::default()
    }
}

/// The ONE edit of "to request": request `request` (number `number`) made from entry
/// `entry_id`, and the entry's `request` and `outcome`.
pub fn to_request_edits(
    state: &ReplicaState,
    entry_id: &RecordId,
    request: &RecordId,
    number: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, DeskError> {
    let entry = state
        .record(&Kind::new(kind::DESK_ENTRY), entry_id)
        .filter(|f| !f.is_deleted())
        .ok_or(DeskError::NoPlace)?;
    if entry.reference(field::REQUEST).is_some() {
        return Err(DeskError::AlreadyRequest);
    }
    let form = request_form(state, entry);
    let mut edits = new_request_edits(request, &form, number, actor).map_err(|e| match e {
        FormError::DescriptionRequired => DeskError::TopicRequired,
        FormError::UnitRequired | FormError::BadEntrance => DeskError::NoPlace,
    })?;
    let e = |f: &str, v: Value| FieldEdit::new(kind::DESK_ENTRY, entry_id, f, v);
    edits.push(e(field::REQUEST, json!(request)));
    edits.push(e(field::OUTCOME, json!(DeskOutcome::Request)));
    Ok(edits)
}

/// One row of the desk log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRow {
    pub id: RecordId,
    pub at: i64,
    pub channel: Option<Channel>,
    pub caller: String,
    pub phone: String,
    /// "3号楼 0502", or the area's name.
    pub place: String,
    pub topic: String,
    pub outcome: Option<DeskOutcome>,
    /// The request it became, and its number.
    pub request: Option<(RecordId, String)>,
    pub returned_at: Option<i64>,
    /// A missed call not returned within `missed_call_h` at `now`.
    pub overdue: bool,
    pub by: String,
}

/// Where a record with a `unit` (else an `area`) is, as a line shows it.
pub fn place_text(state: &ReplicaState, f: &Fields) -> String {
    let get = |k: &str, id: &RecordId| state.record(&Kind::new(k), id);
    if let Some(unit) = f.reference(field::UNIT).and_then(|u| get(kind::UNIT, &u)) {
        let building = unit.reference(field::BUILDING).and_then(|b| get(kind::BUILDING, &b));
        let b = building.map(|b| b.string(field::NAME)).unwrap_or_default();
        return format!("{b} {}", unit.string(field::NUMBER)).trim().to_owned();
    }
    let area = f.reference(field::AREA).and_then(|a| get(kind::AREA, &a));
    area.map(|a| a.string(field::NAME)).unwrap_or_default()
}

/// A staff member's name (empty when unknown).
pub fn staff_name(state: &ReplicaState, id: Option<&str>) -> String {
    id.map(RecordId::from)
        .and_then(|id| state.record(&Kind::new(kind::STAFF), &id).map(|f| f.string(field::NAME)))
        .unwrap_or_default()
}

/// The desk log's lines for its XLSX (时间, 方式, 来电/来访人, 电话, 位置, 事由, 处理, 报事单,
/// 回电, 记录人), in the order the page shows them; `labels` names the channel and outcome in
/// the reader's language, `time` writes a moment.
pub fn log_lines(
    rows: &[EntryRow],
    labels: impl Fn(Option<Channel>, Option<DeskOutcome>) -> (String, String),
    time: impl Fn(i64) -> String,
) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let (channel, outcome) = labels(r.channel, r.outcome);
            vec![
                time(r.at),
                channel,
                r.caller.clone(),
                r.phone.clone(),
                r.place.clone(),
                r.topic.clone(),
                outcome,
                r.request.as_ref().map(|(_, n)| n.clone()).unwrap_or_default(),
                r.returned_at.map(&time).unwrap_or_default(),
                r.by.clone(),
            ]
        })
        .collect()
}

/// The desk log from `from` on (the local day's start), with every missed call not returned
/// however old, newest first.
pub fn log_rows(state: &ReplicaState, from: i64, settings: &Settings, now: i64) -> Vec<EntryRow> {
    let mut rows: Vec<EntryRow> = state
        .records_of(kind::DESK_ENTRY)
        .filter(|(_, f)| !f.is_deleted())
        .filter_map(|(id, f)| {
            let at = f.int(field::AT).unwrap_or_default();
            let open = is_unreturned(f);
            if at < from && !open {
                return None;
            }
            let request = f.reference(field::REQUEST).map(|r| {
                let number = state
                    .record(&Kind::new(kind::REQUEST), &r)
                    .and_then(|f| f.text(field::NUMBER).map(str::to_owned))
                    .unwrap_or_default();
                (r, number)
            });
            Some(EntryRow {
                id: id.clone(),
                at,
                channel: f.parsed(field::CHANNEL, Channel::parse),
                caller: f.string(field::CALLER),
                phone: f.string(field::PHONE),
                place: place_text(state, f),
                topic: f.string(field::TOPIC),
                outcome: f.parsed(field::OUTCOME, DeskOutcome::parse),
                request,
                returned_at: f.int(field::RETURNED_AT),
                overdue: open && now > at + settings.missed_call_h * HOUR_MS,
                by: staff_name(state, f.text(field::BY)),
            })
        })
        .collect();
    rows.sort_by(|a, b| (b.at, &b.id).cmp(&(a.at, &a.id)));
    rows
}

/// Whether `role` may log desk entries: the server's own rule.
pub fn may_log(role: shared::Role) -> bool {
    shared::scope::may_write_field(role, kind::DESK_ENTRY, field::TOPIC)
}
