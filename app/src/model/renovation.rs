//! Renovations (装修, DOMAIN duty 5; `shared::renovation`) as the pages show them: the list
//! of an area's renovations with its filters, one renovation, today's sites to check (My
//! day) and the reports' check coverage. The application form and the status moves, as
//! edits, are `renovation_form` (re-exported here).

use shared::names::{field, kind};
use shared::register::PersonRole;
use shared::renovation::daily::Sites;
use shared::renovation::RenovationStatus;
use shared::replica::{Fields, ReplicaState};
use shared::report::period::{Period, PeriodKind};
use shared::request::classifier::DepartmentCode;
use shared::{Kind, RecordId};

pub use super::renovation_form::*;
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
