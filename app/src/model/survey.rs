//! The survey pages (满意度调查, `/surveys`) as view models: the list of surveys a role
//! holds, the sample of one survey with who was asked, and the results by topic and by
//! area against last quarter. Every figure is `shared::survey`'s, read from the replica on
//! the device, offline.

use super::flow::{areas, Choice};
use crate::register::natural_cmp;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::deadline::Settings;
use shared::survey::facts::{AnswerFact, SurveyFact, SurveyFacts};
use shared::survey::results::{latest, Results};
use shared::survey::{SurveyMethod, SurveyOutcome};
use shared::{Kind, RecordId, Role};
use std::collections::HashMap;

/// One survey of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyRow {
    pub survey: SurveyFact,
    pub area: String,
    pub results: Results,
    /// Its period holds `now`.
    pub current: bool,
}

/// Whether `role` may start a survey: the server's own rule (`Writers::Office`).
pub fn may_create(role: Role) -> bool {
    shared::scope::may_write_field(role, kind::SURVEY, field::AREA)
}

/// Whether `role` may take or type an answer: the server's own rule.
pub fn may_answer(role: Role) -> bool {
    role != Role::Department
        && shared::scope::may_write_field(role, kind::SURVEY_ANSWER, field::OUTCOME)
}

/// The areas a "new survey" offers: every live area, by name.
pub fn survey_areas(state: &ReplicaState) -> Vec<Choice> {
    areas(state)
}

fn area_names(state: &ReplicaState) -> HashMap<RecordId, String> {
    areas(state).into_iter().map(|c| (c.id, c.name)).collect()
}

/// Whether `survey`'s period holds `now` (its last day included).
pub fn is_current(survey: &SurveyFact, now: i64) -> bool {
    let day = shared::report::period::DAY_MS;
    survey.start.is_some_and(|s| s <= now) && survey.end.is_some_and(|e| now < e + day)
}

/// Every survey the replica holds with its figures: under way first, then the latest
/// start first, then by area name.
pub fn survey_rows(
    state: &ReplicaState,
    facts: &SurveyFacts,
    now: i64,
    settings: &Settings,
) -> Vec<SurveyRow> {
    let names = area_names(state);
    let mut rows: Vec<SurveyRow> = facts
        .surveys
        .iter()
        .map(|s| SurveyRow {
            survey: s.clone(),
            area: s.area.as_ref().and_then(|a| names.get(a).cloned()).unwrap_or_default(),
            results: facts.results_of(s, settings),
            current: is_current(s, now),
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.current, b.survey.start)
            .cmp(&(a.current, a.survey.start))
            .then_with(|| natural_cmp(&a.area, &b.area))
            .then_with(|| a.survey.id.cmp(&b.survey.id))
    });
    rows
}

/// One household of a survey's sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleRow {
    pub unit: RecordId,
    pub building: String,
    pub number: String,
    pub people: String,
    pub complainant: bool,
    pub outcome: Option<SurveyOutcome>,
    pub method: Option<SurveyMethod>,
}

impl SampleRow {
    /// Answered or refused: nothing more to do (not at home is asked again).
    pub fn done(&self) -> bool {
        matches!(self.outcome, Some(SurveyOutcome::Answered | SurveyOutcome::Refused))
    }
}

/// The sample of `survey`: still to ask first, complainants first among them, then by
/// building and number.
pub fn sample_rows(
    state: &ReplicaState,
    facts: &SurveyFacts,
    survey: &SurveyFact,
    now: i64,
) -> Vec<SampleRow> {
    let answers = facts.answers_of(&survey.id);
    let by_unit = latest(&answers);
    let people = super::visit::people_of(state, now);
    let buildings: HashMap<RecordId, String> =
        super::names(state, kind::BUILDING).into_iter().collect();
    let mut rows: Vec<SampleRow> = facts
        .sample_of(survey)
        .into_iter()
        .map(|e| {
            let f = state.record(&Kind::new(kind::UNIT), &e.unit);
            let b = f.and_then(|f| f.reference(field::BUILDING));
            let a: Option<&&AnswerFact> = by_unit.get(&e.unit);
            SampleRow {
                building: b.and_then(|b| buildings.get(&b).cloned()).unwrap_or_default(),
                number: f.map(|f| f.string(field::NUMBER)).unwrap_or_default(),
                people: people.get(&e.unit).map(|p| p.join("、")).unwrap_or_default(),
                complainant: e.complainant,
                outcome: a.and_then(|a| a.outcome),
                method: a.and_then(|a| a.method),
                unit: e.unit,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.done(), !a.complainant)
            .cmp(&(b.done(), !b.complainant))
            .then_with(|| natural_cmp(&a.building, &b.building))
            .then_with(|| natural_cmp(&a.number, &b.number))
    });
    rows
}

/// One area's figures of a survey round, with the area's previous survey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaResults {
    pub survey: SurveyFact,
    pub area: String,
    pub now: Results,
    pub previous: Option<Results>,
}

/// The results page: the survey's own figures against its area's last survey, and every
/// survey of the same round (same name and period, one per area) the replica holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultsView {
    pub this: AreaResults,
    pub areas: Vec<AreaResults>,
}

fn area_results(
    facts: &SurveyFacts,
    names: &HashMap<RecordId, String>,
    s: &SurveyFact,
    settings: &Settings,
) -> AreaResults {
    AreaResults {
        survey: s.clone(),
        area: s.area.as_ref().and_then(|a| names.get(a).cloned()).unwrap_or_default(),
        now: facts.results_of(s, settings),
        previous: facts.previous(s).map(|p| facts.results_of(p, settings)),
    }
}

/// The results of `survey` (see [`ResultsView`]).
pub fn results_view(
    state: &ReplicaState,
    facts: &SurveyFacts,
    survey: &SurveyFact,
    settings: &Settings,
) -> ResultsView {
    let names = area_names(state);
    let mut areas: Vec<AreaResults> = facts
        .siblings(survey)
        .into_iter()
        .map(|s| area_results(facts, &names, s, settings))
        .collect();
    areas.sort_by(|a, b| natural_cmp(&a.area, &b.area));
    ResultsView { this: area_results(facts, &names, survey, settings), areas }
}

/// A rate as the page writes it: `66.6%`, or `—` when there is nothing to count.
pub fn pct_text(permille: Option<i64>) -> String {
    super::visit::pct_text(permille)
}

/// A change against last quarter in points: `+3.2`, `-1.0`, or empty without both.
pub fn delta_text(now: Option<i64>, before: Option<i64>) -> String {
    match (now, before) {
        (Some(n), Some(b)) => {
            let d = n - b;
            let sign = if d < 0 { "-" } else { "+" };
            format!("{sign}{}.{}", d.abs() / 10, d.abs() % 10)
        }
        _ => String::new(),
    }
}
