//! What visit coverage reads, taken from a replica in one pass: the households (occupied
//! units) with their area, the live visits, the visit plans and the confirmed contacts.
//! The tablet takes them from its replica; a server report could take them from a scope's.

use super::VisitOutcome;
use crate::names::{field, kind};
use crate::replica::ReplicaState;
use crate::report::period::Period;
use crate::request::{CallbackResult, Satisfaction};
use crate::{Kind, RecordId};
use std::collections::{BTreeSet, HashMap};

/// An occupied unit (see the laws of [`super::coverage`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Household {
    pub unit: RecordId,
    pub building: Option<RecordId>,
    /// Its building's area.
    pub area: Option<RecordId>,
}

/// One live visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitFact {
    pub id: RecordId,
    pub unit: RecordId,
    pub plan: Option<RecordId>,
    pub person: Option<RecordId>,
    pub outcome: Option<VisitOutcome>,
    pub topics: String,
    pub satisfaction: Option<Satisfaction>,
    pub remarks: String,
    pub at: Option<i64>,
    pub by: Option<RecordId>,
}

/// One live visit plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFact {
    pub id: RecordId,
    pub area: Option<RecordId>,
    pub name: String,
    /// Local midnight of the plan's first day.
    pub start: Option<i64>,
    /// Local midnight of the plan's last day (the day is included).
    pub end: Option<i64>,
    pub target_pct: Option<i64>,
}

impl PlanFact {
    /// The plan's period: its first to its last local day, both included
    /// ([`Period::custom`]); `None` until both dates are set.
    pub fn period(&self, offset_min: i64) -> Option<Period> {
        Some(Period::custom(self.start?, self.end?, offset_min))
    }
}

/// Everything coverage reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitFacts {
    /// Occupied units, in id order.
    pub households: Vec<Household>,
    pub visits: Vec<VisitFact>,
    pub plans: Vec<PlanFact>,
    /// Confirmed contacts `(unit, at)`: contacted visits and call-backs that reached a
    /// resident on a request filed for the unit.
    pub confirmed: Vec<(RecordId, i64)>,
}

impl VisitFacts {
    /// Reads `state` once; links are judged live at `now`.
    pub fn of(state: &ReplicaState, now: i64) -> VisitFacts {
        let mut occupied: BTreeSet<RecordId> = BTreeSet::new();
        for (_, l) in state.records_of(kind::UNIT_PERSON) {
            let live = !l.is_deleted() && l.int(field::TO).is_none_or(|to| to > now);
            if let (true, Some(u)) = (live, l.reference(field::UNIT)) {
                occupied.insert(u);
            }
        }
        let area_of = |b: &RecordId| {
            state.record(&Kind::new(kind::BUILDING), b).and_then(|f| f.reference(field::AREA))
        };
        let households = occupied
            .into_iter()
            .filter_map(|unit| {
                let f = state.record(&Kind::new(kind::UNIT), &unit).filter(|f| !f.is_deleted())?;
                let building = f.reference(field::BUILDING);
                let area = building.as_ref().and_then(area_of);
                Some(Household { unit, building, area })
            })
            .collect();
        let visits: Vec<VisitFact> = state
            .records_of(kind::VISIT)
            .filter(|(_, f)| !f.is_deleted())
            .filter_map(|(id, f)| {
                Some(VisitFact {
                    id: id.clone(),
                    unit: f.reference(field::UNIT)?,
                    plan: f.reference(field::VISIT_PLAN),
                    person: f.reference(field::PERSON),
                    outcome: f.parsed(field::OUTCOME, VisitOutcome::parse),
                    topics: f.string(field::TOPICS),
                    satisfaction: f.parsed(field::SATISFACTION, Satisfaction::parse),
                    remarks: f.string(field::REMARKS),
                    at: f.int(field::AT),
                    by: f.reference(field::BY),
                })
            })
            .collect();
        let plans = state
            .records_of(kind::VISIT_PLAN)
            .filter(|(_, f)| !f.is_deleted())
            .map(|(id, f)| PlanFact {
                id: id.clone(),
                area: f.reference(field::AREA),
                name: f.string(field::NAME),
                start: f.int(field::PERIOD_START),
                end: f.int(field::PERIOD_END),
                target_pct: f.int(field::TARGET_PCT),
            })
            .collect();
        let mut confirmed: Vec<(RecordId, i64)> = visits
            .iter()
            .filter(|v| v.outcome == Some(VisitOutcome::Contacted))
            .filter_map(|v| Some((v.unit.clone(), v.at?)))
            .collect();
        let request_unit: HashMap<RecordId, RecordId> = state
            .records_of(kind::REQUEST)
            .filter(|(_, f)| !f.is_deleted())
            .filter_map(|(id, f)| Some((id.clone(), f.reference(field::UNIT)?)))
            .collect();
        for (_, c) in state.records_of(kind::CALLBACK) {
            let reached =
                c.parsed(field::RESULT, CallbackResult::parse) == Some(CallbackResult::Reached);
            let unit = c.reference(field::REQUEST).and_then(|r| request_unit.get(&r));
            if let (false, true, Some(u), Some(at)) =
                (c.is_deleted(), reached, unit, c.int(field::AT))
            {
                confirmed.push((u.clone(), at));
            }
        }
        VisitFacts { households, visits, plans, confirmed }
    }

    /// The households of `area`, in id order.
    pub fn households_in(&self, area: &RecordId) -> Vec<RecordId> {
        let of = |h: &&Household| h.area.as_ref() == Some(area);
        self.households.iter().filter(of).map(|h| h.unit.clone()).collect()
    }

    /// The visits to `area`'s households.
    pub fn visits_in(&self, households: &[RecordId]) -> Vec<VisitFact> {
        let set: BTreeSet<&RecordId> = households.iter().collect();
        self.visits.iter().filter(|v| set.contains(&v.unit)).cloned().collect()
    }
}
