//! Satisfaction surveys (满意度调查, DOMAIN duty 8; 002 §4.8.4): at least once a quarter
//! each area's households are asked about a chosen set of topics, each scored satisfied,
//! neutral or dissatisfied. The sample is drawn at random plus every household that
//! complained since the last survey (`sample`); coverage, return rate and the satisfaction
//! rate with the documents' return penalty are `results`.

pub mod facts;
pub mod results;
pub mod sample;

use crate::names::field;
use crate::refusal::{Refusal, RejectCode};
use crate::request::Satisfaction;
use crate::wire_enum::wire_enum;
use crate::RecordId;

wire_enum!(
    /// What a survey asks about (002 §4.8.4.1 and §4.8.4.3).
    SurveyTopic {
        /// 房管
        Housing = "housing",
        /// 治安
        Security = "security",
        /// 车辆
        Vehicles = "vehicles",
        /// 清洁
        Cleaning = "cleaning",
        /// 绿化
        Landscaping = "landscaping",
        /// 维修
        Repairs = "repairs",
        /// 投诉处理
        ComplaintHandling = "complaint_handling",
        /// 社区活动
        CommunityActivities = "community_activities",
        /// 便民服务
        ConvenienceServices = "convenience_services",
    }
);

wire_enum!(
    /// How an answer was taken (002 §4.8.4.1).
    SurveyMethod {
        /// 上门征询: door to door, on the tablet.
        Door = "door",
        /// 电话征询
        Phone = "phone",
        /// 问卷: a paper questionnaire, typed in by the office.
        Paper = "paper",
    }
);

wire_enum!(
    /// What came of asking a household.
    SurveyOutcome {
        /// The questionnaire was answered (returned).
        Answered = "answered",
        /// Handed out or asked, and declined (or never returned).
        Refused = "refused",
        /// Nobody at home: to be asked again.
        NotHome = "not_home",
    }
);

impl SurveyTopic {
    /// The answer field holding this topic's score.
    pub const fn score_field(self) -> &'static str {
        match self {
            SurveyTopic::Housing => field::SCORE_HOUSING,
            SurveyTopic::Security => field::SCORE_SECURITY,
            SurveyTopic::Vehicles => field::SCORE_VEHICLES,
            SurveyTopic::Cleaning => field::SCORE_CLEANING,
            SurveyTopic::Landscaping => field::SCORE_LANDSCAPING,
            SurveyTopic::Repairs => field::SCORE_REPAIRS,
            SurveyTopic::ComplaintHandling => field::SCORE_COMPLAINT_HANDLING,
            SurveyTopic::CommunityActivities => field::SCORE_COMMUNITY_ACTIVITIES,
            SurveyTopic::ConvenienceServices => field::SCORE_CONVENIENCE_SERVICES,
        }
    }

    /// The topics of a `topics` field ("security,housing"), in display order, each once;
    /// unknown words are skipped. An empty field means every topic.
    pub fn list(text: &str) -> Vec<SurveyTopic> {
        let named: Vec<SurveyTopic> =
            text.split(',').filter_map(|t| SurveyTopic::parse(t.trim())).collect();
        if named.is_empty() {
            return SurveyTopic::ALL.to_vec();
        }
        SurveyTopic::ALL.iter().copied().filter(|t| named.contains(t)).collect()
    }

    /// The `topics` field of a set of topics, in display order.
    pub fn join(topics: &[SurveyTopic]) -> String {
        let on = |t: &&SurveyTopic| topics.contains(t);
        SurveyTopic::ALL.iter().filter(on).map(|t| t.as_str()).collect::<Vec<_>>().join(",")
    }
}

/// The namespace of answer ids ([`answer_id`]).
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x7c41_0e5b_93a2_4d18_b6f0_21c9_5e8d_a470);

/// The id of `unit`'s answer to `survey`: derived, so two devices or a retry write the same
/// record and a household is never counted twice.
pub fn answer_id(survey: &RecordId, unit: &RecordId) -> RecordId {
    RecordId::derived(&NAMESPACE, &[survey.as_str(), unit.as_str()])
}

/// Why a household's answer is refused: its id is not [`answer_id`] of its survey and unit,
/// or its unit is not in the survey's area (`unit_area`, `None` when the unit or its
/// building is unknown). The app answers only the sample's households, all in the area, by
/// that id; the judge asks this of every answer's survey and unit.
pub fn answer_refusal(
    id: &RecordId,
    survey: &RecordId,
    unit: &RecordId,
    survey_area: Option<&RecordId>,
    unit_area: Option<&RecordId>,
) -> Option<&'static str> {
    if &answer_id(survey, unit) != id {
        return Some("an answer's id is its survey's and unit's (survey::answer_id)");
    }
    match (survey_area, unit_area) {
        (Some(s), Some(u)) if s == u => None,
        _ => Some("the household is not in the survey's area"),
    }
}

/// The share of households a survey draws at random, in per cent: 1 to 100.
pub const SAMPLE_PCT: std::ops::RangeInclusive<i64> = 1..=100;

/// The judge's check of a survey's `sample_pct` (the app's form calls it too): a whole
/// number from 1 to 100, or cleared.
pub fn check_sample_pct(value: &serde_json::Value) -> Result<(), Refusal> {
    match value {
        serde_json::Value::Null => Ok(()),
        v if v.as_i64().is_some_and(|p| SAMPLE_PCT.contains(&p)) => Ok(()),
        _ => Err(Refusal::new(RejectCode::BadValue, "survey.sample_pct must be 1 to 100")),
    }
}

/// A score as the answer holds it (a `Satisfaction` wire name).
pub fn score(text: Option<&str>) -> Option<Satisfaction> {
    text.and_then(Satisfaction::parse)
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
