//! What the survey figures read, taken from a replica in one pass: the households (the
//! same definition as home visits', `visit::facts`), the live surveys and answers, and the
//! complaints filed on units.

use super::{SurveyMethod, SurveyOutcome, SurveyTopic};
use crate::names::{field, kind};
use crate::replica::ReplicaState;
use crate::request::{Category, Satisfaction};
use crate::visit::facts::{Household, VisitFacts};
use crate::RecordId;

/// One live survey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyFact {
    pub id: RecordId,
    pub area: Option<RecordId>,
    pub name: String,
    /// Local midnight of the first day.
    pub start: Option<i64>,
    /// Local midnight of the last day (the day is included).
    pub end: Option<i64>,
    pub topics: Vec<SurveyTopic>,
    pub office_building: bool,
    /// The share drawn at random (`sample_pct`), 1–100; 100 when unset or out of range.
    pub sample_pct: i64,
    pub seed: i64,
}

/// One live answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerFact {
    pub id: RecordId,
    pub survey: RecordId,
    pub unit: RecordId,
    pub person: Option<RecordId>,
    pub method: Option<SurveyMethod>,
    pub outcome: Option<SurveyOutcome>,
    /// The topics scored, in display order.
    pub scores: Vec<(SurveyTopic, Satisfaction)>,
    pub comment: String,
    pub at: Option<i64>,
    pub by: Option<RecordId>,
}

impl AnswerFact {
    /// The score given to `topic`, if any.
    pub fn score(&self, topic: SurveyTopic) -> Option<Satisfaction> {
        self.scores.iter().find(|(t, _)| *t == topic).map(|(_, s)| *s)
    }
}

/// Everything the figures read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SurveyFacts {
    /// Occupied units, in id order.
    pub households: Vec<Household>,
    /// Live surveys, in id order.
    pub surveys: Vec<SurveyFact>,
    pub answers: Vec<AnswerFact>,
    /// Complaints `(unit, created_at)`: live requests of category complaint on a unit.
    pub complaints: Vec<(RecordId, i64)>,
}

impl SurveyFacts {
    /// Reads `state` once; links are judged live at `now`.
    pub fn of(state: &ReplicaState, now: i64) -> SurveyFacts {
        let households = VisitFacts::of(state, now).households;
        let surveys = state
            .records_of(kind::SURVEY)
            .filter(|(_, f)| !f.is_deleted())
            .map(|(id, f)| SurveyFact {
                id: id.clone(),
                area: f.reference(field::AREA),
                name: f.string(field::NAME),
                start: f.int(field::PERIOD_START),
                end: f.int(field::PERIOD_END),
                topics: SurveyTopic::list(&f.string(field::TOPICS)),
                office_building: f.flag(field::OFFICE_BUILDING).unwrap_or(false),
                sample_pct: f
                    .int(field::SAMPLE_PCT)
                    .filter(|p| super::SAMPLE_PCT.contains(p))
                    .unwrap_or(100),
                seed: f.int(field::SEED).unwrap_or(0),
            })
            .collect();
        let answers = state
            .records_of(kind::SURVEY_ANSWER)
            .filter(|(_, f)| !f.is_deleted())
            .filter_map(|(id, f)| {
                let scores = SurveyTopic::ALL
                    .iter()
                    .filter_map(|t| Some((*t, f.parsed(t.score_field(), Satisfaction::parse)?)))
                    .collect();
                Some(AnswerFact {
                    id: id.clone(),
                    survey: f.reference(field::SURVEY)?,
                    unit: f.reference(field::UNIT)?,
                    person: f.reference(field::PERSON),
                    method: f.parsed(field::METHOD, SurveyMethod::parse),
                    outcome: f.parsed(field::OUTCOME, SurveyOutcome::parse),
                    scores,
                    comment: f.string(field::COMMENT),
                    at: f.int(field::AT),
                    by: f.reference(field::BY),
                })
            })
            .collect();
        let complaints = state
            .records_of(kind::REQUEST)
            .filter(|(_, f)| !f.is_deleted())
            .filter(|(_, f)| {
                f.parsed(field::CATEGORY, Category::parse) == Some(Category::Complaint)
            })
            .filter_map(|(_, f)| Some((f.reference(field::UNIT)?, f.int(field::CREATED_AT)?)))
            .collect();
        SurveyFacts { households, surveys, answers, complaints }
    }

    /// The survey `id`, if live.
    pub fn survey(&self, id: &RecordId) -> Option<&SurveyFact> {
        self.surveys.iter().find(|s| &s.id == id)
    }

    /// The households of `area`, in id order.
    pub fn households_in(&self, area: &RecordId) -> Vec<RecordId> {
        let of = |h: &&Household| h.area.as_ref() == Some(area);
        self.households.iter().filter(of).map(|h| h.unit.clone()).collect()
    }

    /// The live answers of `survey`.
    pub fn answers_of(&self, survey: &RecordId) -> Vec<AnswerFact> {
        self.answers.iter().filter(|a| &a.survey == survey).cloned().collect()
    }

    /// The survey of the same area that came last before `survey` (the latest earlier
    /// start): the "last quarter" its results are set against.
    pub fn previous(&self, survey: &SurveyFact) -> Option<&SurveyFact> {
        let start = survey.start?;
        self.surveys
            .iter()
            .filter(|s| s.area == survey.area && s.id != survey.id)
            .filter(|s| s.start.is_some_and(|t| t < start))
            .max_by_key(|s| (s.start, s.id.clone()))
    }

    /// The surveys made together with `survey` by one "new survey" form (same name and
    /// period, one per area), itself included, in id order.
    pub fn siblings(&self, survey: &SurveyFact) -> Vec<&SurveyFact> {
        let same = |s: &&SurveyFact| {
            s.name == survey.name && s.start == survey.start && s.end == survey.end
        };
        self.surveys.iter().filter(same).collect()
    }
}
