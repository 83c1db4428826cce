//! Renovations (装修, DOMAIN duty 5; `shared::renovation`) as the pages show them: the list
//! of an area's renovations with its filters, the application form → edits, and each status
//! move → edits.
//!
//! Laws:
//! - A move is offered exactly when the server takes its edits: it is one of
//!   [`RenovationStatus::next_steps_for`] the role, and every field its edits write passes
//!   `scope::may_write_field` ([`offered_moves`]). So a butler is never offered approval,
//!   nobody is offered approval before review, and department staff (who write the review)
//!   are not offered an acceptance whose `accepted_by` they may not write.
//! - A move writes who made it and when, beside the status: `reviewed_by/at` for engineering's
//!   review (or its refusal), `approved_by/at` for the manager's approval (or refusal after
//!   review), `accepted_by/at` for completion (with the deposit's return: `renovation_check`).
//! - An application is filed as `applied` with its department: the site's engineering
//!   department (`code` engineering), which reviews it.

use super::flow::Actor;
use crate::register::form::{check_phone, PhoneCheck};
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::register::PersonRole;
use shared::renovation::daily::Sites;
use shared::renovation::RenovationStatus;
use shared::replica::{Fields, ReplicaState};
use shared::report::period::{Period, PeriodKind};
use shared::request::classifier::DepartmentCode;
use shared::scope::may_write_field;
use shared::{Kind, RecordId, Role};

pub use shared::renovation::daily;

/// One renovation as the list, the detail page, the permit and the desk show it.
#[derive(Debug, Clone, PartialEq)]
pub struct RenovationView {
    pub id: RecordId,
    pub unit: Option<RecordId>,
    pub unit_number: String,
    pub area: Option<RecordId>,
    pub area_name: String,
    pub status: Option<RenovationStatus>,
    pub applicant: String,
    pub applicant_role: Option<PersonRole>,
    pub applicant_phone: String,
    pub company: String,
    pub foreman: String,
    pub foreman_phone: String,
    pub workers: Option<i64>,
    pub works: String,
    pub planned_start: Option<i64>,
    pub planned_end: Option<i64>,
    pub extended_to: Option<i64>,
    pub deposit: Option<f64>,
    pub department_name: String,
    pub review_note: String,
    pub reviewed_by: String,
    pub reviewed_at: Option<i64>,
    pub approved_by: String,
    pub approved_at: Option<i64>,
    pub accepted_by: String,
    pub accepted_at: Option<i64>,
    pub deposit_request: Option<RecordId>,
    pub created_at: Option<i64>,
    /// Under way today ([`daily`]) and checked today.
    pub active_today: bool,
    pub checked_today: bool,
}

/// The list's filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenoFilter {
    /// Approved or stopped: the sites checked daily.
    Active,
    /// Applied: waiting for engineering's review.
    Review,
    /// Reviewed: waiting for the manager's approval.
    Approval,
    All,
}

impl RenoFilter {
    pub const ALL: [RenoFilter; 4] =
        [RenoFilter::Active, RenoFilter::Review, RenoFilter::Approval, RenoFilter::All];

    /// The filter's `value` in the page's select (and the query).
    pub fn name(self) -> &'static str {
        match self {
            RenoFilter::Active => "active",
            RenoFilter::Review => "review",
            RenoFilter::Approval => "approval",
            RenoFilter::All => "all",
        }
    }

    pub fn parse(s: &str) -> Option<RenoFilter> {
        RenoFilter::ALL.into_iter().find(|f| f.name() == s)
    }

    /// Whether a renovation in `status` is listed.
    pub fn keeps(self, status: Option<RenovationStatus>) -> bool {
        match self {
            RenoFilter::Active => status.is_some_and(RenovationStatus::is_active),
            RenoFilter::Review => status == Some(RenovationStatus::Applied),
            RenoFilter::Approval => status == Some(RenovationStatus::Reviewed),
            RenoFilter::All => true,
        }
    }
}

fn name_of(state: &ReplicaState, k: &str, id: Option<&RecordId>, f: &str) -> String {
    id.and_then(|id| state.record(&Kind::new(k), id)).map(|r| r.string(f)).unwrap_or_default()
}

fn view_of(
    state: &ReplicaState,
    sites: &Sites,
    today: &Period,
    id: &RecordId,
    f: &Fields,
) -> RenovationView {
    let staff = |name: &str| name_of(state, kind::STAFF, f.reference(name).as_ref(), field::NAME);
    let site = sites.sites.iter().find(|s| &s.id == id);
    let area = site.and_then(|s| s.area.clone());
    let active_today = site.is_some_and(|s| s.is_active_on(today));
    RenovationView {
        id: id.clone(),
        unit_number: name_of(state, kind::UNIT, f.reference(field::UNIT).as_ref(), field::NUMBER),
        unit: f.reference(field::UNIT),
        area_name: name_of(state, kind::AREA, area.as_ref(), field::NAME),
        area,
        status: f.parsed(field::STATUS, RenovationStatus::parse),
        applicant: f.string(field::APPLICANT),
        applicant_role: f.parsed(field::APPLICANT_ROLE, PersonRole::parse),
        applicant_phone: f.string(field::APPLICANT_PHONE),
        company: f.string(field::COMPANY),
        foreman: f.string(field::FOREMAN),
        foreman_phone: f.string(field::FOREMAN_PHONE),
        workers: f.int(field::WORKERS),
        works: f.string(field::WORKS),
        planned_start: f.int(field::PLANNED_START),
        planned_end: f.int(field::PLANNED_END),
        extended_to: f.int(field::EXTENDED_TO),
        deposit: f.number(field::DEPOSIT),
        department_name: name_of(
            state,
            kind::DEPARTMENT,
            f.reference(field::DEPARTMENT).as_ref(),
            field::NAME,
        ),
        review_note: f.string(field::REVIEW_NOTE),
        reviewed_by: staff(field::REVIEWED_BY),
        reviewed_at: f.int(field::REVIEWED_AT),
        approved_by: staff(field::APPROVED_BY),
        approved_at: f.int(field::APPROVED_AT),
        accepted_by: staff(field::ACCEPTED_BY),
        accepted_at: f.int(field::ACCEPTED_AT),
        deposit_request: f.reference(field::DEPOSIT_REQUEST),
        created_at: f.int(field::CREATED_AT),
        checked_today: active_today && sites.checked_on(today).contains(id),
        active_today,
    }
}

/// The live renovations of `area` (every area: `None`), newest application first, each
/// with its marks for the local day holding `now`.
pub fn renovations(
    state: &ReplicaState,
    area: Option<&RecordId>,
    now: i64,
    offset_min: i64,
) -> Vec<RenovationView> {
    let sites = Sites::from_state(state);
    let today = Period::of(PeriodKind::Day, now, offset_min);
    let mut out: Vec<RenovationView> = state
        .records_of(kind::RENOVATION)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, f)| view_of(state, &sites, &today, id, f))
        .filter(|r| area.is_none_or(|a| r.area.as_ref() == Some(a)))
        .collect();
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.id.cmp(&a.id)));
    out
}

/// One renovation by id.
pub fn renovation(
    state: &ReplicaState,
    id: &RecordId,
    now: i64,
    offset_min: i64,
) -> Option<RenovationView> {
    let f = state.record(&Kind::new(kind::RENOVATION), id).filter(|f| !f.is_deleted())?;
    let today = Period::of(PeriodKind::Day, now, offset_min);
    Some(view_of(state, &Sites::from_state(state), &today, id, f))
}

/// The live department whose `code` is `code` (the first by id when several are).
pub fn department_by_code(state: &ReplicaState, code: DepartmentCode) -> Option<RecordId> {
    state
        .records_of(kind::DEPARTMENT)
        .filter(|(_, f)| !f.is_deleted())
        .find(|(_, f)| f.parsed(field::CODE, DepartmentCode::parse) == Some(code))
        .map(|(id, _)| id.clone())
}

/// What the application form holds, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApplicationForm {
    pub unit: String,
    pub applicant: String,
    pub applicant_role: Option<PersonRole>,
    pub applicant_phone: String,
    pub company: String,
    pub foreman: String,
    pub foreman_phone: String,
    pub workers: String,
    pub works: String,
    /// Local dates as the date inputs give them (`YYYY-MM-DD`).
    pub planned_start: String,
    pub planned_end: String,
    pub deposit: String,
}

/// Why an application cannot be saved (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenoError {
    UnitRequired,
    ApplicantRequired,
    WorksRequired,
    /// A start and an end, the end not before the start.
    BadDates,
    /// Workers a whole number from 0; the deposit a number from 0.
    BadNumber,
    /// The move is not the role's to make (or its edits would be refused).
    NotAllowed,
    /// A violation needs its description.
    ViolationRequired,
    /// The renovation is not under way (only approved or stopped works are checked).
    NotActive,
    /// An extension must end after the works' present end.
    BadExtension,
    /// A phone holds something other than digits, `-`, `+` and spaces.
    BadPhone,
}

/// A local date (`YYYY-MM-DD`) as its local midnight; the works' days are whole days
/// (`shared::renovation::daily`).
pub fn parse_date(s: &str, offset_min: i64) -> Option<i64> {
    crate::register::form::date_to_ms(s.trim(), offset_min)
}

/// The fields an application writes (what [`may_file`] asks).
const APPLICATION_FIELDS: &[&str] = &[
    field::UNIT,
    field::STATUS,
    field::APPLICANT,
    field::WORKS,
    field::PLANNED_START,
    field::PLANNED_END,
    field::CREATED_AT,
];

/// Whether `role` may file an application (the butler of the area, the office; department
/// staff write only the review).
pub fn may_file(role: Role) -> bool {
    writes_all(role, kind::RENOVATION, APPLICATION_FIELDS)
}

/// The edits that file application `id` from `form`: status `applied`, routed to the
/// engineering department `department`, `created_at`/`created_by` from the actor.
pub fn application_edits(
    id: &RecordId,
    form: &ApplicationForm,
    department: Option<&RecordId>,
    actor: &Actor,
    offset_min: i64,
) -> Result<Vec<FieldEdit>, RenoError> {
    if !may_file(actor.role) {
        return Err(RenoError::NotAllowed);
    }
    let unit = Some(RecordId::from(form.unit.trim())).filter(RecordId::is_valid);
    let unit = unit.ok_or(RenoError::UnitRequired)?;
    if form.applicant.trim().is_empty() {
        return Err(RenoError::ApplicantRequired);
    }
    if form.works.trim().is_empty() {
        return Err(RenoError::WorksRequired);
    }
    let start = parse_date(&form.planned_start, offset_min).ok_or(RenoError::BadDates)?;
    let end = parse_date(&form.planned_end, offset_min).ok_or(RenoError::BadDates)?;
    if end < start {
        return Err(RenoError::BadDates);
    }
    let number = |s: &str| -> Result<Option<f64>, RenoError> {
        match s.trim() {
            "" => Ok(None),
            t => t
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .map(Some)
                .ok_or(RenoError::BadNumber),
        }
    };
    let workers = number(&form.workers)?;
    if workers.is_some_and(|w| w.fract() != 0.0) {
        return Err(RenoError::BadNumber);
    }
    let deposit = number(&form.deposit)?;
    for phone in [&form.applicant_phone, &form.foreman_phone] {
        if check_phone(phone) == PhoneCheck::Invalid {
            return Err(RenoError::BadPhone);
        }
    }
    let e = |f: &str, v: Value| FieldEdit::new(kind::RENOVATION, id, f, v);
    let mut out = vec![
        e(field::UNIT, json!(unit)),
        e(field::STATUS, json!(RenovationStatus::INITIAL)),
        e(field::APPLICANT, json!(form.applicant.trim())),
        e(field::WORKS, json!(form.works.trim())),
        e(field::PLANNED_START, json!(start)),
        e(field::PLANNED_END, json!(end)),
        e(field::CREATED_AT, json!(actor.at)),
    ];
    out.extend(form.applicant_role.map(|r| e(field::APPLICANT_ROLE, json!(r))));
    for (f, v) in [
        (field::APPLICANT_PHONE, &form.applicant_phone),
        (field::COMPANY, &form.company),
        (field::FOREMAN, &form.foreman),
        (field::FOREMAN_PHONE, &form.foreman_phone),
    ] {
        if !v.trim().is_empty() {
            out.push(e(f, json!(v.trim())));
        }
    }
    out.extend(workers.map(|w| e(field::WORKERS, json!(w as i64))));
    out.extend(deposit.map(|d| e(field::DEPOSIT, json!(d))));
    out.extend(department.map(|d| e(field::DEPARTMENT, json!(d))));
    if RecordId::from(actor.staff.as_str()).is_valid() {
        out.push(e(field::CREATED_BY, json!(actor.staff)));
    }
    Ok(out)
}

/// The fields a move from `from` to `to` writes beside `status`: who made it and when.
fn stamp_fields(from: RenovationStatus, to: RenovationStatus) -> &'static [&'static str] {
    use RenovationStatus::*;
    match (from, to) {
        (Applied, Reviewed | Rejected) => &[field::REVIEWED_BY, field::REVIEWED_AT],
        (Reviewed, Approved | Rejected) => &[field::APPROVED_BY, field::APPROVED_AT],
        (Approved, Completed) => &[field::ACCEPTED_BY, field::ACCEPTED_AT],
        _ => &[],
    }
}

/// The edits of the move of renovation `id` from `from` to `to` by `actor`, with `note`
/// (a review's note, kept in `review_note` on a review or refusal): refused when the move
/// is not offered to the actor's role ([`offered_moves`]). Completion has its own edits
/// (`renovation_check::acceptance_edits`: the deposit's return).
pub fn move_edits(
    id: &RecordId,
    from: RenovationStatus,
    to: RenovationStatus,
    note: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, RenoError> {
    if from == to || !offered_moves(actor.role, from).contains(&to) {
        return Err(RenoError::NotAllowed);
    }
    Ok(build_move(id, from, to, note, actor))
}

/// The edits of a move whether or not the role may make it (what an older build or a plain
/// HTTP client could send: the tests push them to find the server refuses them).
pub(crate) fn build_move(
    id: &RecordId,
    from: RenovationStatus,
    to: RenovationStatus,
    note: &str,
    actor: &Actor,
) -> Vec<FieldEdit> {
    let e = |f: &str, v: Value| FieldEdit::new(kind::RENOVATION, id, f, v);
    let mut out = vec![e(field::STATUS, json!(to))];
    for &f in stamp_fields(from, to) {
        if matches!(f, field::REVIEWED_AT | field::APPROVED_AT | field::ACCEPTED_AT) {
            out.push(e(f, json!(actor.at)));
        } else if RecordId::from(actor.staff.as_str()).is_valid() {
            out.push(e(f, json!(actor.staff)));
        }
    }
    if !note.trim().is_empty() && stamp_fields(from, to).contains(&field::REVIEWED_BY) {
        out.push(e(field::REVIEW_NOTE, json!(note.trim())));
    }
    out
}

/// Whether every field of `fields` of `kind` is the role's to write.
pub fn writes_all(role: Role, k: &str, fields: &[&str]) -> bool {
    fields.iter().all(|f| may_write_field(role, k, f))
}

/// The moves the status buttons offer `role` from `status`: the machine's, whose stamps the
/// role may write (completion: also the check kind's and the request's fields its edits
/// write, see `renovation_check::acceptance_fields`).
pub fn offered_moves(role: Role, status: RenovationStatus) -> Vec<RenovationStatus> {
    status
        .next_steps_for(role)
        .into_iter()
        .filter(|&to| {
            let mut fields = vec![field::STATUS];
            fields.extend_from_slice(stamp_fields(status, to));
            if to == RenovationStatus::Completed {
                fields.push(field::DEPOSIT_REQUEST);
            }
            writes_all(role, kind::RENOVATION, &fields)
                && (to != RenovationStatus::Completed
                    || writes_all(role, kind::REQUEST, super::renovation_check::REQUEST_FIELDS))
        })
        .collect()
}

/// The edits that extend renovation `id` to local date `to` (a supervisor's field): refused
/// for a role that may not write it, or a date not after the works' present end.
pub fn extension_edits(
    r: &RenovationView,
    to: &str,
    actor: &Actor,
    offset_min: i64,
) -> Result<Vec<FieldEdit>, RenoError> {
    if !may_write_field(actor.role, kind::RENOVATION, field::EXTENDED_TO) {
        return Err(RenoError::NotAllowed);
    }
    let to = parse_date(to, offset_min).ok_or(RenoError::BadExtension)?;
    let end = r.extended_to.max(r.planned_end).unwrap_or(i64::MIN);
    if to <= end {
        return Err(RenoError::BadExtension);
    }
    Ok(vec![FieldEdit::new(kind::RENOVATION, &r.id, field::EXTENDED_TO, json!(to))])
}

/// One site on the butler's day: a renovation under way today with no check yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteToCheck {
    pub id: RecordId,
    pub unit_number: String,
    pub status: Option<RenovationStatus>,
}

/// Today's unchecked sites of `area` (every area: `None`), by unit number
/// (`shared::renovation::daily::Sites::unchecked_today`).
pub fn to_check_today(
    state: &ReplicaState,
    area: Option<&RecordId>,
    now: i64,
    offset_min: i64,
) -> Vec<SiteToCheck> {
    let sites = Sites::from_state(state);
    let mut out: Vec<SiteToCheck> = sites
        .unchecked_today(now, offset_min, area)
        .into_iter()
        .map(|s| SiteToCheck {
            id: s.id.clone(),
            unit_number: name_of(state, kind::UNIT, s.unit.as_ref(), field::NUMBER),
            status: s.status,
        })
        .collect();
    out.sort_by(|a, b| crate::register::natural_cmp(&a.unit_number, &b.unit_number));
    out
}

/// One line of the reports' daily check coverage: an area by name (empty: no known area;
/// the site's total is the last line, named by the page) and its figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageLine {
    pub area: Option<RecordId>,
    pub name: String,
    pub coverage: daily::Coverage,
}

/// The daily check coverage of `period` counted up to `now`: one line per area with active
/// sites, by name, then the total of `area` (the site's: `None`) — for a butler, their
/// area's line and its total are the same figure.
pub fn coverage_lines(
    state: &ReplicaState,
    period: &Period,
    now: i64,
    area: Option<&RecordId>,
) -> (Vec<CoverageLine>, daily::Coverage) {
    let settings = super::deadlines::settings(state);
    let sites = Sites::from_state(state);
    let mut lines: Vec<CoverageLine> = sites
        .coverage_by_area(period, now, &settings)
        .into_iter()
        .filter(|(a, _)| area.is_none_or(|want| a.as_ref() == Some(want)))
        .map(|(a, coverage)| CoverageLine {
            name: name_of(state, kind::AREA, a.as_ref(), field::NAME),
            area: a,
            coverage,
        })
        .collect();
    lines.sort_by(|a, b| crate::register::natural_cmp(&a.name, &b.name));
    (lines, sites.coverage(period, now, area, &settings))
}
