//! The sample of a survey (002 §4.8.4.5 b: 随机 and 二次重点抽样).
//!
//! Laws:
//! - Only **households** are asked: occupied units of the survey's area (the definition of
//!   `visit::coverage`: a live unit with a live `unit_person` link).
//! - A household is **drawn** when `draw(seed, unit) < sample_pct` — a hash of the survey's
//!   seed and the unit's id, 0–99, the same on every device and server, so the sample
//!   needs no list stored and a household never drops out of it as others are answered. At
//!   100 % every household is drawn.
//! - A household is a **complainant** (the second-stage sample) when a complaint was filed
//!   on its unit from the start of the area's previous survey (without one: a quarter, 92
//!   days, before this survey's start) to this survey's last day, or when it scored any
//!   topic dissatisfied in that previous survey. Complainants are always in the sample.
//! - The sample is drawn ∪ complainants, in the households' order.

use super::facts::{AnswerFact, SurveyFact, SurveyFacts};
use super::SurveyOutcome;
use crate::report::period::DAY_MS;
use crate::request::Satisfaction;
use crate::RecordId;
use std::collections::BTreeSet;

/// How far back complaints are looked for without a previous survey: a quarter.
pub const FIRST_LOOKBACK_MS: i64 = 92 * DAY_MS;

/// One household to ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleEntry {
    pub unit: RecordId,
    /// Drawn at random.
    pub drawn: bool,
    /// In the sample for a complaint (or a dissatisfied score last time).
    pub complainant: bool,
}

/// The draw of `unit` under `seed`: 0 to 99 (FNV-1a over the seed and the id's bytes:
/// stable on every platform and build).
pub fn draw(seed: i64, unit: &RecordId) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.to_le_bytes().iter().chain(unit.as_str().as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % 100) as i64
}

/// The households that complained (module laws) among `households`.
pub fn complainants(
    survey: &SurveyFact,
    households: &[RecordId],
    complaints: &[(RecordId, i64)],
    previous: Option<(&SurveyFact, &[AnswerFact])>,
) -> BTreeSet<RecordId> {
    let start = survey.start.unwrap_or(i64::MIN);
    let since = match previous {
        Some((p, _)) => p.start.unwrap_or(start),
        None => start.saturating_sub(FIRST_LOOKBACK_MS),
    };
    let until = survey.end.map_or(i64::MAX, |e| e + DAY_MS);
    let mut out: BTreeSet<RecordId> = complaints
        .iter()
        .filter(|(_, at)| (since..until).contains(at))
        .map(|(u, _)| u.clone())
        .collect();
    if let Some((_, answers)) = previous {
        let unhappy = |a: &&AnswerFact| {
            a.outcome == Some(SurveyOutcome::Answered)
                && a.scores.iter().any(|(_, s)| *s == Satisfaction::Dissatisfied)
        };
        out.extend(answers.iter().filter(unhappy).map(|a| a.unit.clone()));
    }
    let homes: BTreeSet<&RecordId> = households.iter().collect();
    out.retain(|u| homes.contains(u));
    out
}

/// The sample of `survey` over its area's `households` (module laws).
pub fn sample(
    survey: &SurveyFact,
    households: &[RecordId],
    complaints: &[(RecordId, i64)],
    previous: Option<(&SurveyFact, &[AnswerFact])>,
) -> Vec<SampleEntry> {
    let marked = complainants(survey, households, complaints, previous);
    households
        .iter()
        .map(|u| SampleEntry {
            unit: u.clone(),
            drawn: draw(survey.seed, u) < survey.sample_pct,
            complainant: marked.contains(u),
        })
        .filter(|e| e.drawn || e.complainant)
        .collect()
}

impl SurveyFacts {
    /// The sample of `survey` (module laws), read from these facts.
    pub fn sample_of(&self, survey: &SurveyFact) -> Vec<SampleEntry> {
        let Some(area) = &survey.area else { return Vec::new() };
        let households = self.households_in(area);
        let previous = self.previous(survey).map(|p| (p, self.answers_of(&p.id)));
        let previous = previous.as_ref().map(|(p, a)| (*p, a.as_slice()));
        sample(survey, &households, &self.complaints, previous)
    }
}
