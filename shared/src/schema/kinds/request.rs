//! A request's declaration: where it is placed, and its fields from intake to the
//! complaint's closed loop.

use super::*;

/// A request is in its unit's area; one filed on a common place of a building (a lift, a
/// corridor) in its building's; one on a common place of no building (the square, a patrol
/// finding) in its own `area`.
pub(super) const REQUEST_PLACEMENT: Placement =
    Placement::Area(&[THROUGH_UNIT, THROUGH_BUILDING, Via::Own(field::AREA)]);

/// A request's fields: intake, routing, status, and the complaint's closed loop.
pub(super) const REQUEST_FIELDS: &[FieldDef] = &[
    f(field::UNIT, FieldType::Ref(kind::UNIT)),
    once(field::NUMBER, FieldType::Text { max: 40 }),
    f(field::CATEGORY, FieldType::Enum(Category::NAMES)),
    f(field::SOURCE, FieldType::Enum(Source::NAMES)),
    f(field::URGENCY, FieldType::Enum(Urgency::NAMES)),
    f(field::MISSED_CALL, FieldType::Bool),
    f(field::PLACE, CLASS),
    f(field::TOPIC, CLASS),
    f(field::PROBLEM, CLASS),
    f(field::STATUS, FieldType::Enum(RequestStatus::NAMES)),
    f(field::DESCRIPTION, LONG),
    personal(f(field::CONTACT_NAME, TEXT)),
    personal(review(field::CONTACT_PHONE, PHONE)),
    review(field::ASSIGNEE, STAFF),
    f(field::DEPARTMENT, FieldType::Ref(kind::DEPARTMENT)),
    f(field::CREATED_BY, STAFF),
    f(field::CREATED_AT, MS),
    f(field::DUE_AT, MS),
    f(field::DONE_AT, MS),
    f(field::CANCEL_REASON, LONG),
    f(field::REPEAT_OF, REQUEST),
    // A request with no unit (a patrol finding in a common area) lives in this area.
    f(field::AREA, FieldType::Ref(kind::AREA)),
    f(field::BUILDING, FieldType::Ref(kind::BUILDING)),
    // A rectification (整改): the answer that raised it and its round (`crate::patrol`).
    once(field::PATROL_ANSWER, FieldType::Ref(kind::PATROL_ANSWER)),
    once(field::PATROL_ROUND, FieldType::Ref(kind::PATROL_ROUND)),
    // Complaints (seed 001 §四, 002 §4.6).
    f(field::COMPLAINT_STANDS, FieldType::Bool),
    f(field::REPLY, LONG),
    f(field::CAUSE, LONG),
    f(field::RESPONSIBLE, TEXT),
    f(field::PLAN, LONG),
    supervisor(field::PLAN_APPROVED_BY, STAFF),
    f(field::NEXT_REPLY_AT, MS),
    f(field::ESCALATION, FieldType::Enum(Escalation::NAMES)),
    f(field::CORRECTIVE_REPORT, LONG),
    f(field::CONFIRMATION, FieldType::Enum(Confirmation::NAMES)),
    f(field::CONFIRMATION_NOTE, LONG),
    // The resident's signature: strokes as an SVG path ("M10 20L12 22…").
    personal(f(field::SIGNATURE, SIGNATURE)),
    // A request on a common place instead of a unit: the building's entrance (单元) and the
    // place as named ("3号梯", "中心广场"); placed by `building`, else `area`.
    f(field::ENTRANCE, INT),
    f(field::COMMON_PLACE, TEXT),
    DELETED,
    // What came of it, written with the move to closed (`crate::request::closing`).
    f(field::CLOSE_RESULT, TEXT),
];
