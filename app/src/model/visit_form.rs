//! The visit form and the plan form (入户走访) → edits: one save each, offline like every
//! edit. A visit names its household (unit), the plan of the unit's area whose period holds
//! the visit, who was met, how it went, the topics, remarks and satisfaction; the server
//! sets `by` from the session (an identity field) whatever the device sends.

use super::flow::Actor;
use crate::register::form::date_to_ms;
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::request::Satisfaction;
use shared::schema::MAX_TEXT_CHARS;
use shared::visit::coverage::VisitFacts;
use shared::visit::{VisitOutcome, VisitTopic};
use shared::RecordId;

/// A plan's name, at most (the schema's short text).
pub const PLAN_NAME_MAX: usize = 200;

/// What the visit form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitForm {
    pub unit: Option<RecordId>,
    /// Who was met (one of the unit's people).
    pub person: Option<RecordId>,
    pub outcome: Option<VisitOutcome>,
    pub topics: Vec<VisitTopic>,
    pub remarks: String,
    pub satisfaction: Option<Satisfaction>,
}

/// Why a form cannot be saved (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitError {
    /// No household chosen (or not one of the replica's units).
    UnitRequired,
    OutcomeRequired,
    RemarksTooLong,
    AreaRequired,
    NameRequired,
    NameTooLong,
    /// A plan's first or last day is not a date.
    BadDate,
    /// The last day is before the first.
    EndBeforeStart,
    /// The target is not a whole per cent from 1 to 100.
    BadTarget,
}

/// The plan a visit of `area` at `at` belongs to: a plan of the area whose period holds
/// `at`, the latest started if several.
pub fn plan_for(facts: &VisitFacts, area: &RecordId, at: i64, offset_min: i64) -> Option<RecordId> {
    facts
        .plans
        .iter()
        .filter(|p| p.area.as_ref() == Some(area))
        .filter(|p| p.period(offset_min).is_some_and(|per| per.contains(at)))
        .max_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)))
        .map(|p| p.id.clone())
}

/// The edits of new visit `id`. Who was met and the satisfaction are kept only for a
/// contact: nobody was met when nobody was home or the household refused.
pub fn visit_edits(
    id: &RecordId,
    form: &VisitForm,
    plan: Option<&RecordId>,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, VisitError> {
    let unit = form.unit.as_ref().filter(|u| u.is_valid()).ok_or(VisitError::UnitRequired)?;
    let outcome = form.outcome.ok_or(VisitError::OutcomeRequired)?;
    let remarks = form.remarks.trim();
    if remarks.chars().count() > MAX_TEXT_CHARS {
        return Err(VisitError::RemarksTooLong);
    }
    let met = outcome == VisitOutcome::Contacted;
    let v = |f: &str, value: Value| FieldEdit::new(kind::VISIT, id, f, value);
    let mut edits = vec![
        v(field::UNIT, json!(unit)),
        v(field::OUTCOME, json!(outcome)),
        v(field::AT, json!(actor.at)),
        v(field::BY, json!(actor.staff)),
    ];
    edits.extend(plan.map(|p| v(field::VISIT_PLAN, json!(p))));
    edits.extend(form.person.as_ref().filter(|_| met).map(|p| v(field::PERSON, json!(p))));
    edits.extend(form.satisfaction.filter(|_| met).map(|s| v(field::SATISFACTION, json!(s))));
    if !form.topics.is_empty() {
        edits.push(v(field::TOPICS, json!(VisitTopic::join(&form.topics))));
    }
    if !remarks.is_empty() {
        edits.push(v(field::REMARKS, json!(remarks)));
    }
    Ok(edits)
}

/// What the plan form holds: days as `YYYY-MM-DD`, the target as typed (blank: the site's
/// setting).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanForm {
    pub area: Option<RecordId>,
    pub name: String,
    pub start: String,
    pub end: String,
    pub target: String,
}

/// The edits of new plan `id`: its days stored as their local midnights (the last day is
/// in the plan, `shared::visit::facts::PlanFact::period`).
pub fn plan_edits(
    id: &RecordId,
    form: &PlanForm,
    actor: &Actor,
    offset_min: i64,
) -> Result<Vec<FieldEdit>, VisitError> {
    let area = form.area.as_ref().filter(|a| a.is_valid()).ok_or(VisitError::AreaRequired)?;
    let name = form.name.trim();
    if name.is_empty() {
        return Err(VisitError::NameRequired);
    }
    if name.chars().count() > PLAN_NAME_MAX {
        return Err(VisitError::NameTooLong);
    }
    let day = |s: &str| date_to_ms(s.trim(), offset_min).ok_or(VisitError::BadDate);
    let (start, end) = (day(&form.start)?, day(&form.end)?);
    if end < start {
        return Err(VisitError::EndBeforeStart);
    }
    let target = match form.target.trim() {
        "" => None,
        t => Some(
            t.parse::<i64>().ok().filter(|t| (1..=100).contains(t)).ok_or(VisitError::BadTarget)?,
        ),
    };
    let p = |f: &str, value: Value| FieldEdit::new(kind::VISIT_PLAN, id, f, value);
    let mut edits = vec![
        p(field::AREA, json!(area)),
        p(field::NAME, json!(name)),
        p(field::PERIOD_START, json!(start)),
        p(field::PERIOD_END, json!(end)),
        p(field::CREATED_BY, json!(actor.staff)),
    ];
    edits.extend(target.map(|t| p(field::TARGET_PCT, json!(t))));
    Ok(edits)
}
