//! Satisfaction surveys (issue 25, `crate::survey`): a survey per area and quarter, written
//! by the office, and one answer per household, taken by the area's butler door to door or
//! by phone, or typed in from paper by the office.

use super::*;
use crate::survey::{SurveyMethod, SurveyOutcome};

const SCORE: FieldType = FieldType::Enum(Satisfaction::NAMES);

/// A survey of one area for a period (a quarter): the office's "new survey" form makes one
/// per chosen area, sharing name and period. Placed in its own `area`, so department staff
/// hold none and another area's butler holds none of this one.
pub(super) const SURVEY: KindDef = KindDef {
    identity: &[field::CREATED_BY],
    ..KindDef::new(
        kind::SURVEY,
        Writers::Office,
        Placement::Area(&[Via::Own(field::AREA)]),
        &[
            f(field::AREA, FieldType::Ref(kind::AREA)),
            f(field::NAME, TEXT),
            f(field::PERIOD_START, MS),
            f(field::PERIOD_END, MS),
            f(field::TOPICS, TEXT),
            f(field::OFFICE_BUILDING, FieldType::Bool),
            f(field::SAMPLE_PCT, INT),
            f(field::SEED, INT),
            f(field::NOTE, LONG),
            f(field::CREATED_AT, MS),
            f(field::CREATED_BY, STAFF),
            DELETED,
        ],
    )
};

/// One household's answer: its id is `survey::answer_id(survey, unit)`, so a retry or a
/// second device never doubles it. In the unit's area; one score per topic.
pub(super) const SURVEY_ANSWER: KindDef = KindDef {
    identity: &[field::BY],
    ..KindDef::new(
        kind::SURVEY_ANSWER,
        Writers::Scope,
        Placement::Area(&[THROUGH_UNIT]),
        &[
            once(field::SURVEY, FieldType::Ref(kind::SURVEY)),
            once(field::UNIT, FieldType::Ref(kind::UNIT)),
            f(field::PERSON, FieldType::Ref(kind::PERSON)),
            f(field::METHOD, FieldType::Enum(SurveyMethod::NAMES)),
            f(field::OUTCOME, FieldType::Enum(SurveyOutcome::NAMES)),
            f(field::SCORE_HOUSING, SCORE),
            f(field::SCORE_SECURITY, SCORE),
            f(field::SCORE_VEHICLES, SCORE),
            f(field::SCORE_CLEANING, SCORE),
            f(field::SCORE_LANDSCAPING, SCORE),
            f(field::SCORE_REPAIRS, SCORE),
            f(field::SCORE_COMPLAINT_HANDLING, SCORE),
            f(field::SCORE_COMMUNITY_ACTIVITIES, SCORE),
            f(field::SCORE_CONVENIENCE_SERVICES, SCORE),
            personal(f(field::COMMENT, LONG)),
            f(field::AT, MS),
            f(field::BY, STAFF),
            DELETED,
        ],
    )
};
