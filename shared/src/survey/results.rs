//! A survey's figures (002 §4.8.4.2, §4.8.4.5; DOMAIN KPI "Survey return").
//!
//! Laws:
//! - A household's answer is its latest live answer to the survey (by `at`); answer ids are
//!   derived from (survey, unit), so there is normally one.
//! - **Approached**: sampled households whose answer is answered or refused (someone was
//!   met and handed the questionnaire); not at home is to be asked again.
//!   **Coverage** = approached ÷ sample, against `target_survey_coverage_pct` (100 %).
//! - **Handed out** = answers answered or refused; **returned** = answered.
//!   **Return rate** = returned ÷ handed out, against `target_survey_return_pct` (70 %), or
//!   `target_survey_return_office_pct` (90 %) for an office building.
//! - **Satisfaction** of a topic = satisfied ÷ answers scoring it (answered ones only); in
//!   all = satisfied scores ÷ scores over every topic.
//! - **Adjusted** satisfaction: each full 5 points the return rate falls short of its
//!   target lowers it by 1 point (never below 0); counted on the exact counts. Without a
//!   questionnaire handed out there is no return rate and no penalty.
//! - Figures without a denominator are `None`: nothing to judge.

use super::facts::{AnswerFact, SurveyFact};
use super::sample::SampleEntry;
use super::{SurveyOutcome, SurveyTopic};
use crate::request::deadline::Settings;
use crate::request::Satisfaction;
use crate::RecordId;
use std::collections::{BTreeMap, BTreeSet};

/// One topic's scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicScore {
    pub topic: SurveyTopic,
    /// Answers scoring the topic.
    pub scored: usize,
    pub satisfied: usize,
}

/// `n ÷ d` in per mille, rounded down; `None` when `d` is 0.
pub fn permille(n: usize, d: usize) -> Option<i64> {
    (d > 0).then(|| n as i64 * 1000 / d as i64)
}

impl TopicScore {
    pub fn permille(&self) -> Option<i64> {
        permille(self.satisfied, self.scored)
    }
}

/// A survey's figures (module laws).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    pub sample: usize,
    pub approached: usize,
    pub handed_out: usize,
    pub returned: usize,
    pub coverage_target_pct: i64,
    pub return_target_pct: i64,
    /// The survey's topics, in display order.
    pub topics: Vec<TopicScore>,
    /// Every topic's scores together.
    pub scored: usize,
    pub satisfied: usize,
}

impl Results {
    pub fn coverage_permille(&self) -> Option<i64> {
        permille(self.approached, self.sample)
    }

    pub fn coverage_met(&self) -> Option<bool> {
        (self.sample > 0)
            .then(|| self.approached as i64 * 100 >= self.coverage_target_pct * self.sample as i64)
    }

    pub fn return_permille(&self) -> Option<i64> {
        permille(self.returned, self.handed_out)
    }

    pub fn return_met(&self) -> Option<bool> {
        (self.handed_out > 0)
            .then(|| self.returned as i64 * 100 >= self.return_target_pct * self.handed_out as i64)
    }

    /// Points taken off the satisfaction rate: one per full 5 points the return rate is
    /// short of its target (exact: ⌊(target·handed − 100·returned) ÷ (5·handed)⌋).
    pub fn penalty_points(&self) -> i64 {
        let h = self.handed_out as i64;
        let short = self.return_target_pct * h - 100 * self.returned as i64;
        if h == 0 || short <= 0 {
            return 0;
        }
        short / (5 * h)
    }

    /// Satisfied ÷ scored over every topic, in per mille.
    pub fn raw_permille(&self) -> Option<i64> {
        permille(self.satisfied, self.scored)
    }

    /// The raw rate less the penalty (10 per mille a point), never below 0.
    pub fn adjusted_permille(&self) -> Option<i64> {
        self.raw_permille().map(|r| (r - 10 * self.penalty_points()).max(0))
    }

    /// A topic's scores (zero when the survey does not ask it).
    pub fn topic(&self, topic: SurveyTopic) -> TopicScore {
        let found = self.topics.iter().find(|t| t.topic == topic).copied();
        found.unwrap_or(TopicScore { topic, scored: 0, satisfied: 0 })
    }
}

/// Each unit's latest answer (module laws).
pub fn latest(answers: &[AnswerFact]) -> BTreeMap<RecordId, &AnswerFact> {
    let mut out: BTreeMap<RecordId, &AnswerFact> = BTreeMap::new();
    for a in answers {
        let e = out.entry(a.unit.clone()).or_insert(a);
        if (a.at, &a.id) > (e.at, &e.id) {
            *e = a;
        }
    }
    out
}

/// The return target of `survey` under `settings`.
pub fn return_target(survey: &SurveyFact, settings: &Settings) -> i64 {
    if survey.office_building {
        settings.target_survey_return_office_pct
    } else {
        settings.target_survey_return_pct
    }
}

/// The figures of `survey` from its `sample` and its live `answers` (module laws).
pub fn results(
    survey: &SurveyFact,
    sample: &[SampleEntry],
    answers: &[AnswerFact],
    settings: &Settings,
) -> Results {
    let by_unit = latest(answers);
    let met = |o: Option<SurveyOutcome>| {
        matches!(o, Some(SurveyOutcome::Answered | SurveyOutcome::Refused))
    };
    let sampled: BTreeSet<&RecordId> = sample.iter().map(|e| &e.unit).collect();
    let approached = by_unit.iter().filter(|(u, a)| sampled.contains(u) && met(a.outcome)).count();
    let handed_out = by_unit.values().filter(|a| met(a.outcome)).count();
    let answered: Vec<&&AnswerFact> =
        by_unit.values().filter(|a| a.outcome == Some(SurveyOutcome::Answered)).collect();
    let topics: Vec<TopicScore> = survey
        .topics
        .iter()
        .map(|&topic| {
            let scores = answers_scoring(&answered, topic);
            let satisfied = scores.iter().filter(|s| **s == Satisfaction::Satisfied).count();
            TopicScore { topic, scored: scores.len(), satisfied }
        })
        .collect();
    Results {
        sample: sample.len(),
        approached,
        handed_out,
        returned: answered.len(),
        coverage_target_pct: settings.target_survey_coverage_pct,
        return_target_pct: return_target(survey, settings),
        scored: topics.iter().map(|t| t.scored).sum(),
        satisfied: topics.iter().map(|t| t.satisfied).sum(),
        topics,
    }
}

fn answers_scoring(answered: &[&&AnswerFact], topic: SurveyTopic) -> Vec<Satisfaction> {
    answered.iter().filter_map(|a| a.score(topic)).collect()
}

impl super::facts::SurveyFacts {
    /// The figures of `survey`, read from these facts.
    pub fn results_of(&self, survey: &SurveyFact, settings: &Settings) -> Results {
        results(survey, &self.sample_of(survey), &self.answers_of(&survey.id), settings)
    }
}
