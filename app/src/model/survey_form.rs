//! The "new survey" form and the answer form (满意度调查) → edits, each saved as one edit,
//! offline like every edit. A new survey is one record per chosen area sharing name, period
//! and topics; an answer's id is `shared::survey::answer_id(survey, unit)`, so a second
//! device or a retry writes the same record. The server sets `by` and `created_by` from the
//! session whatever the device sends.

use super::flow::Actor;
use crate::register::form::date_to_ms;
use crate::sync::FieldEdit;
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::request::Satisfaction;
use shared::schema::MAX_TEXT_CHARS;
use shared::survey::{answer_id, SurveyMethod, SurveyOutcome, SurveyTopic, SAMPLE_PCT};
use shared::RecordId;

/// A survey's name, at most (the schema's short text).
pub const NAME_MAX: usize = 200;

/// Why a form cannot be saved (nothing is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyError {
    AreaRequired,
    NameRequired,
    NameTooLong,
    /// The first or last day is not a date.
    BadDate,
    EndBeforeStart,
    TopicsRequired,
    /// The sample share is not a whole per cent from 1 to 100.
    BadSamplePct,
    OutcomeRequired,
    MethodRequired,
    /// An answered questionnaire scores at least one topic.
    ScoreRequired,
    CommentTooLong,
}

/// What the "new survey" form holds: days as `YYYY-MM-DD`, the share as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSurveyForm {
    pub areas: Vec<RecordId>,
    pub name: String,
    pub start: String,
    pub end: String,
    pub topics: Vec<SurveyTopic>,
    pub office_building: bool,
    pub sample_pct: String,
}

/// The edits of the new surveys, one per area, ids from `fresh` (a new id each call). The
/// seed of the random draw is the time of saving: every area of the round shares it.
pub fn new_survey_edits(
    form: &NewSurveyForm,
    actor: &Actor,
    offset_min: i64,
    mut fresh: impl FnMut() -> RecordId,
) -> Result<Vec<FieldEdit>, SurveyError> {
    let areas: Vec<&RecordId> = form.areas.iter().filter(|a| a.is_valid()).collect();
    if areas.is_empty() {
        return Err(SurveyError::AreaRequired);
    }
    let name = form.name.trim();
    if name.is_empty() {
        return Err(SurveyError::NameRequired);
    }
    if name.chars().count() > NAME_MAX {
        return Err(SurveyError::NameTooLong);
    }
    let day = |s: &str| date_to_ms(s.trim(), offset_min).ok_or(SurveyError::BadDate);
    let (start, end) = (day(&form.start)?, day(&form.end)?);
    if end < start {
        return Err(SurveyError::EndBeforeStart);
    }
    if form.topics.is_empty() {
        return Err(SurveyError::TopicsRequired);
    }
    let pct = match form.sample_pct.trim() {
        "" => 100,
        t => t
            .parse::<i64>()
            .ok()
            .filter(|p| SAMPLE_PCT.contains(p))
            .ok_or(SurveyError::BadSamplePct)?,
    };
    let mut edits = Vec::new();
    for area in areas {
        let id = fresh();
        let s = |f: &str, value: Value| FieldEdit::new(kind::SURVEY, &id, f, value);
        edits.extend([
            s(field::AREA, json!(area)),
            s(field::NAME, json!(name)),
            s(field::PERIOD_START, json!(start)),
            s(field::PERIOD_END, json!(end)),
            s(field::TOPICS, json!(SurveyTopic::join(&form.topics))),
            s(field::OFFICE_BUILDING, json!(form.office_building)),
            s(field::SAMPLE_PCT, json!(pct)),
            s(field::SEED, json!(actor.at)),
            s(field::CREATED_AT, json!(actor.at)),
            s(field::CREATED_BY, json!(actor.staff)),
        ]);
    }
    Ok(edits)
}

/// What the answer form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerForm {
    pub method: Option<SurveyMethod>,
    pub outcome: Option<SurveyOutcome>,
    pub person: Option<RecordId>,
    /// The scores given, by topic.
    pub scores: Vec<(SurveyTopic, Satisfaction)>,
    pub comment: String,
}

impl AnswerForm {
    fn score(&self, t: SurveyTopic) -> Option<Satisfaction> {
        self.scores.iter().find(|(x, _)| *x == t).map(|(_, s)| *s)
    }
}

/// The edits of `unit`'s answer to `survey` asking `topics`. Scores and the person met are
/// kept only for an answered questionnaire; every other score is cleared, so a household
/// asked again (answered after "not at home", or the reverse) keeps no stale score.
pub fn answer_edits(
    survey: &RecordId,
    unit: &RecordId,
    topics: &[SurveyTopic],
    form: &AnswerForm,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, SurveyError> {
    let outcome = form.outcome.ok_or(SurveyError::OutcomeRequired)?;
    let method = form.method.ok_or(SurveyError::MethodRequired)?;
    let comment = form.comment.trim();
    if comment.chars().count() > MAX_TEXT_CHARS {
        return Err(SurveyError::CommentTooLong);
    }
    let answered = outcome == SurveyOutcome::Answered;
    if answered && !topics.iter().any(|t| form.score(*t).is_some()) {
        return Err(SurveyError::ScoreRequired);
    }
    let id = answer_id(survey, unit);
    let a = |f: &str, value: Value| FieldEdit::new(kind::SURVEY_ANSWER, &id, f, value);
    let mut edits = vec![
        a(field::SURVEY, json!(survey)),
        a(field::UNIT, json!(unit)),
        a(field::METHOD, json!(method)),
        a(field::OUTCOME, json!(outcome)),
        a(field::AT, json!(actor.at)),
        a(field::BY, json!(actor.staff)),
    ];
    for t in SurveyTopic::ALL {
        let score = form.score(*t).filter(|_| answered && topics.contains(t));
        edits.push(a(t.score_field(), score.map_or(Value::Null, |s| json!(s))));
    }
    let person = form.person.as_ref().filter(|_| answered);
    edits.push(a(field::PERSON, person.map_or(Value::Null, |p| json!(p))));
    edits.push(a(field::COMMENT, json!(comment)));
    Ok(edits)
}
