//! The home visits page (`/visits`, 入户走访) as a view model: per area, its current plans
//! with their coverage against the target, the households with their last visit (never
//! visited first), and the area's figures — coverage of a period and households known —
//! that the report panel shows. Every figure is `shared::visit::coverage`'s.

use super::flow::{areas, Choice};
use crate::register::{link_is_live, natural_cmp};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::report::period::{Period, PeriodKind};
use shared::request::deadline::Settings;
use shared::visit::coverage::{self, plan_target, PlanFact, Share, VisitFacts};
use shared::visit::VisitOutcome;
use shared::{Kind, RecordId, Role};
use std::collections::HashMap;

/// One household of the area's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdRow {
    pub unit: RecordId,
    /// The unit's number, and its building's name.
    pub number: String,
    pub building: String,
    /// The people linked now, by name.
    pub people: String,
    /// The latest visit (any outcome) and how it went.
    pub last_visit: Option<i64>,
    pub last_outcome: Option<VisitOutcome>,
    pub visits: usize,
    /// Effectively contacted in the current period (the plan under way, else the month).
    pub contacted: bool,
}

/// A plan of the area with its coverage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub plan: PlanFact,
    pub period: Option<Period>,
    /// Households contacted in the plan's period ÷ households, against its target.
    pub share: Share,
    /// Its period holds `now`.
    pub current: bool,
}

/// One area's visits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaVisits {
    pub area: RecordId,
    pub name: String,
    /// Current plans first, then the latest start first.
    pub plans: Vec<PlanRow>,
    /// Never visited first, then the longest since the last visit.
    pub households: Vec<HouseholdRow>,
    /// The figures of the report panel.
    pub figures: AreaFigures,
}

/// An area's figures for a period: effective-contact coverage against the site's target,
/// and households known (a confirmed contact in 365 days) at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaFigures {
    pub coverage: Share,
    pub known: Share,
    /// Households never visited.
    pub never: usize,
}

/// The areas a role sees on `/visits`: a butler their own, the office and supervisors
/// every area (by name), department staff none.
pub fn areas_for(state: &ReplicaState, role: Role, own: Option<&RecordId>) -> Vec<Choice> {
    let all = areas(state);
    match role {
        Role::Office | Role::Supervisor => all,
        Role::Butler => all.into_iter().filter(|a| Some(&a.id) == own).collect(),
        _ => Vec::new(),
    }
}

/// The area's figures for `period` (module doc).
pub fn figures(
    facts: &VisitFacts,
    area: &RecordId,
    period: &Period,
    now: i64,
    settings: &Settings,
) -> AreaFigures {
    let homes = facts.households_in(area);
    let visits = facts.visits_in(&homes);
    AreaFigures {
        coverage: coverage::coverage(&homes, &visits, period, settings.target_visit_contact_pct),
        known: coverage::known(&homes, &facts.confirmed, now, settings),
        never: coverage::never_visited(&homes, &visits).len(),
    }
}

/// `area`'s plans with their coverage at `now`: current plans first, then the latest start.
fn plan_rows(
    facts: &VisitFacts,
    homes: &[RecordId],
    visits: &[coverage::VisitFact],
    area: &RecordId,
    now: i64,
    offset_min: i64,
    settings: &Settings,
) -> Vec<PlanRow> {
    let mut plans: Vec<PlanRow> = facts
        .plans
        .iter()
        .filter(|p| p.area.as_ref() == Some(area))
        .map(|p| {
            let period = p.period(offset_min);
            let target = plan_target(p.target_pct, settings);
            let share = match &period {
                Some(per) => coverage::coverage(homes, visits, per, target),
                None => Share { reached: 0, households: homes.len(), target_pct: target },
            };
            let current = period.is_some_and(|p| p.contains(now));
            PlanRow { plan: p.clone(), period, share, current }
        })
        .collect();
    plans.sort_by(|a, b| {
        (b.current, b.plan.start, &b.plan.id).cmp(&(a.current, a.plan.start, &a.plan.id))
    });
    plans
}

/// What My day shows of an area's visits ([`day_figures`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayFigures {
    /// The coverage of the plan under way, if any.
    pub plan: Option<Share>,
    /// Households never visited.
    pub never: usize,
}

/// [`area_visits`]' current plan and never-visited count, without the household list My day
/// does not show: naming each of 10,000 households' people and building is most of the
/// page's cost, and My day is worked out again after every change to the records.
pub fn day_figures(
    facts: &VisitFacts,
    area: &RecordId,
    now: i64,
    offset_min: i64,
    settings: &Settings,
) -> DayFigures {
    let homes = facts.households_in(area);
    let visits = facts.visits_in(&homes);
    let plans = plan_rows(facts, &homes, &visits, area, now, offset_min, settings);
    DayFigures {
        plan: plans.iter().find(|p| p.current).map(|p| p.share),
        never: coverage::never_visited(&homes, &visits).len(),
    }
}

/// The page of `area` at `now`; the panel's period is the month holding `now`.
pub fn area_visits(
    state: &ReplicaState,
    facts: &VisitFacts,
    area: &Choice,
    now: i64,
    offset_min: i64,
    settings: &Settings,
) -> AreaVisits {
    let homes = facts.households_in(&area.id);
    let visits = facts.visits_in(&homes);
    let plans = plan_rows(facts, &homes, &visits, &area.id, now, offset_min, settings);
    let last = coverage::last_visits(&visits);
    let month = Period::of(PeriodKind::Month, now, offset_min);
    let current = plans.iter().find(|p| p.current).and_then(|p| p.period).unwrap_or(month);
    let contacted: std::collections::BTreeSet<&RecordId> = visits
        .iter()
        .filter(|v| v.outcome == Some(VisitOutcome::Contacted) && current.holds(v.at))
        .map(|v| &v.unit)
        .collect();
    let mut count: HashMap<&RecordId, (usize, Option<Latest>)> = HashMap::new();
    for v in &visits {
        let e = count.entry(&v.unit).or_default();
        e.0 += 1;
        if let Some(at) = v.at.filter(|at| e.1.is_none_or(|(t, _)| *at >= t)) {
            e.1 = Some((at, v.outcome));
        }
    }
    let people = people_of(state, now);
    let buildings: HashMap<RecordId, String> =
        super::names(state, kind::BUILDING).into_iter().collect();
    let households = homes
        .iter()
        .map(|u| {
            let f = state.record(&Kind::new(kind::UNIT), u);
            let b = f.and_then(|f| f.reference(field::BUILDING));
            let (n, latest) = count.get(u).copied().unwrap_or_default();
            HouseholdRow {
                unit: u.clone(),
                number: f.map(|f| f.string(field::NUMBER)).unwrap_or_default(),
                building: b.and_then(|b| buildings.get(&b).cloned()).unwrap_or_default(),
                people: people.get(u).map(|p| p.join("、")).unwrap_or_default(),
                last_visit: last.get(u).copied(),
                last_outcome: latest.and_then(|(_, o)| o),
                visits: n,
                contacted: contacted.contains(u),
            }
        })
        .collect();
    AreaVisits {
        area: area.id.clone(),
        name: area.name.clone(),
        plans,
        households: sort_households(households, HouseholdSort::Oldest),
        figures: figures(facts, &area.id, &month, now, settings),
    }
}

/// A household's latest visit: when, and how it went.
type Latest = (i64, Option<VisitOutcome>);

/// How the household list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HouseholdSort {
    /// Never visited first, then the longest since the last visit (the butler's to-do).
    #[default]
    Oldest,
    /// Never visited first, then the latest visit first.
    Latest,
    /// By building and unit number.
    Number,
}

/// `rows` in `sort`'s order; ties by building and number.
pub fn sort_households(mut rows: Vec<HouseholdRow>, sort: HouseholdSort) -> Vec<HouseholdRow> {
    let place = |a: &HouseholdRow, b: &HouseholdRow| {
        natural_cmp(&a.building, &b.building).then_with(|| natural_cmp(&a.number, &b.number))
    };
    rows.sort_by(|a, b| {
        let never = b.last_visit.is_none().cmp(&a.last_visit.is_none());
        match sort {
            HouseholdSort::Oldest => never.then(a.last_visit.cmp(&b.last_visit)),
            HouseholdSort::Latest => never.then(b.last_visit.cmp(&a.last_visit)),
            HouseholdSort::Number => std::cmp::Ordering::Equal,
        }
        .then_with(|| place(a, b))
    });
    rows
}

/// Each unit's people linked at `now`, by name.
pub(super) fn people_of(state: &ReplicaState, now: i64) -> HashMap<RecordId, Vec<String>> {
    let mut out: HashMap<RecordId, Vec<String>> = HashMap::new();
    for (_, l) in state.records_of(kind::UNIT_PERSON) {
        if l.is_deleted() || !link_is_live(l.int(field::TO), now) {
            continue;
        }
        let (Some(u), Some(p)) = (l.reference(field::UNIT), l.reference(field::PERSON)) else {
            continue;
        };
        let name = state.record(&Kind::new(kind::PERSON), &p).filter(|p| !p.is_deleted());
        if let Some(name) = name.map(|p| p.string(field::NAME)).filter(|n| !n.is_empty()) {
            out.entry(u).or_default().push(name);
        }
    }
    out
}

/// A share as the page writes it: `33.3%`, or `—` when there is nothing to count.
pub fn pct_text(permille: Option<i64>) -> String {
    permille.map_or_else(|| "—".into(), |p| format!("{}.{}%", p / 10, p % 10))
}

/// Whether `role` may make a visit plan: the server's own rule (`scope::may_write_field`).
pub fn may_plan(role: Role) -> bool {
    shared::scope::may_write_field(role, kind::VISIT_PLAN, field::AREA)
}

/// Whether `role` may record a visit: the server's own rule (`scope::may_write_field`).
pub fn may_visit(role: Role) -> bool {
    shared::scope::may_write_field(role, kind::VISIT, field::OUTCOME)
}
