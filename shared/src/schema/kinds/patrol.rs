//! The patrol's kinds (`crate::patrol`): checklists and their parts, rounds and answers.

use super::*;

/// A field only supervisors write and that is then set for good (a quality check's purpose).
const fn supervisor_once(name: &'static str, ty: FieldType) -> FieldDef {
    FieldDef { once: true, ..supervisor(name, ty) }
}
const VERSIONS: [FieldDef; 2] = [f(field::FROM_VERSION, INT), f(field::TO_VERSION, INT)];

/// A checklist (`crate::patrol::template`): `version` is the published one.
pub(super) const TEMPLATE_FIELDS: &[FieldDef] = &[
    f(field::NAME_ZH, TEXT),
    f(field::NAME_EN, TEXT),
    once(field::PURPOSE, FieldType::Enum(Purpose::NAMES)),
    f(field::VERSION, INT),
    DELETED,
];
pub(super) const SECTION_FIELDS: &[FieldDef] = &[
    once(field::TEMPLATE, FieldType::Ref(kind::PATROL_TEMPLATE)),
    f(field::NAME_ZH, TEXT),
    f(field::NAME_EN, TEXT),
    f(field::COVERS, FieldType::Enum(Covers::NAMES)),
    f(field::SORT, INT),
    VERSIONS[0],
    VERSIONS[1],
    DELETED,
];
pub(super) const ITEM_FIELDS: &[FieldDef] = &[
    once(field::SECTION, FieldType::Ref(kind::PATROL_SECTION)),
    f(field::TEXT_ZH, TEXT),
    f(field::TEXT_EN, TEXT),
    f(field::TYPE, FieldType::Enum(ItemType::NAMES)),
    f(field::MIN, FieldType::Signed),
    f(field::MAX, FieldType::Signed),
    f(field::PHOTO_ON_FAIL, FieldType::Bool),
    f(field::TOPIC, CLASS),
    f(field::PROBLEM, CLASS),
    f(field::SORT, INT),
    VERSIONS[0],
    VERSIONS[1],
    DELETED,
];
pub(super) const OPTION_FIELDS: &[FieldDef] = &[
    once(field::ITEM, FieldType::Ref(kind::PATROL_ITEM)),
    f(field::LABEL_ZH, TEXT),
    f(field::LABEL_EN, TEXT),
    f(field::FAILS, FieldType::Bool),
    f(field::SORT, INT),
    DELETED,
];
/// A round is in its building's area (and follows the building when it moves), else in its
/// own `area`.
pub(super) const ROUND_PLACEMENT: Placement =
    Placement::Area(&[THROUGH_BUILDING, Via::Own(field::AREA)]);
/// An answer is with its round.
pub(super) const ANSWER_PLACEMENT: Placement =
    Placement::With { field: field::ROUND, kind: kind::PATROL_ROUND };

/// A round: a butler's patrol of an area (or one building), or a supervisor's quality check
/// (`purpose` quality, `subject` the staff whose work is checked, `score`).
pub(super) const ROUND_FIELDS: &[FieldDef] = &[
    once(field::TEMPLATE, FieldType::Ref(kind::PATROL_TEMPLATE)),
    once(field::VERSION, INT),
    supervisor_once(field::PURPOSE, FieldType::Enum(Purpose::NAMES)),
    once(field::AREA, FieldType::Ref(kind::AREA)),
    once(field::BUILDING, FieldType::Ref(kind::BUILDING)),
    f(field::BY, STAFF),
    supervisor(field::SUBJECT, STAFF),
    f(field::STARTED_AT, MS),
    f(field::ENDED_AT, MS),
    supervisor(field::SCORE, INT),
    f(field::NOTE, LONG),
    DELETED,
];
/// One answer; its id derives from round, item, building and floor (`patrol::answer_id`).
pub(super) const ANSWER_FIELDS: &[FieldDef] = &[
    once(field::ROUND, FieldType::Ref(kind::PATROL_ROUND)),
    once(field::ITEM, FieldType::Ref(kind::PATROL_ITEM)),
    once(field::BUILDING, FieldType::Ref(kind::BUILDING)),
    once(field::FLOOR, INT),
    f(field::RESULT, FieldType::Enum(AnswerResult::NAMES)),
    f(field::NUMBER, FieldType::Signed),
    f(field::TEXT, LONG),
    f(field::OPTION, FieldType::Ref(kind::PATROL_OPTION)),
    f(field::NOTE, LONG),
    f(field::AT, MS),
    f(field::BY, STAFF),
    DELETED,
];
