//! The butler's other field duties (issue 24): renovation (`crate::renovation`), arrears
//! (`crate::arrears`) and home visits (`crate::visit`).

use super::*;
use crate::arrears::{ChaseMethod, ChaseResult, FeeType};
use crate::renovation::{CheckResult, RenovationStatus};
use crate::visit::VisitOutcome;

const MONEY: FieldType = FieldType::Number;
const DEPT: FieldType = FieldType::Ref(kind::DEPARTMENT);

/// An application: in its unit's area, routed to the engineering department that reviews
/// it. The manager's approval is a supervisor's field and move (`RenovationStatus`).
pub(super) const RENOVATION: KindDef = KindDef {
    routed_by: Some(field::DEPARTMENT),
    identity: &[field::CREATED_BY],
    masked: &[field::APPLICANT_PHONE],
    department: &[field::STATUS, field::REVIEW_NOTE, field::REVIEWED_BY, field::REVIEWED_AT],
    ..KindDef::new(
        kind::RENOVATION,
        Writers::Scope,
        Placement::Area(&[THROUGH_UNIT]),
        &[
            f(field::UNIT, FieldType::Ref(kind::UNIT)),
            f(field::STATUS, FieldType::Enum(RenovationStatus::NAMES)),
            personal(f(field::APPLICANT, TEXT)),
            f(field::APPLICANT_ROLE, FieldType::Enum(PersonRole::NAMES)),
            personal(f(field::APPLICANT_PHONE, PHONE)),
            f(field::COMPANY, TEXT),
            f(field::FOREMAN, TEXT),
            f(field::FOREMAN_PHONE, PHONE),
            f(field::WORKERS, INT),
            f(field::WORKS, LONG),
            f(field::PLANNED_START, MS),
            f(field::PLANNED_END, MS),
            f(field::DEPOSIT, MONEY),
            f(field::DEPARTMENT, DEPT),
            f(field::REVIEW_NOTE, LONG),
            f(field::REVIEWED_BY, STAFF),
            f(field::REVIEWED_AT, MS),
            supervisor(field::APPROVED_BY, STAFF),
            supervisor(field::APPROVED_AT, MS),
            supervisor(field::EXTENDED_TO, MS),
            f(field::ACCEPTED_BY, STAFF),
            f(field::ACCEPTED_AT, MS),
            f(field::DEPOSIT_REQUEST, REQUEST),
            f(field::NOTE, LONG),
            f(field::CREATED_AT, MS),
            f(field::CREATED_BY, STAFF),
            DELETED,
        ],
    )
};

/// A daily site check: with its renovation. `failed_items` lists the checklist items that
/// failed (patrol item ids, comma-separated: the check is one person's snapshot, written
/// once); a violation names its stop order and the rectification request filed.
pub(super) const RENOVATION_CHECK: KindDef = KindDef {
    identity: &[field::BY],
    parent: Some(kind::RENOVATION),
    ..KindDef::new(
        kind::RENOVATION_CHECK,
        Writers::Scope,
        Placement::With { field: field::RENOVATION, kind: kind::RENOVATION },
        &[
            once(field::RENOVATION, FieldType::Ref(kind::RENOVATION)),
            f(field::RESULT, FieldType::Enum(CheckResult::NAMES)),
            f(field::FAILED_ITEMS, LONG),
            f(field::VIOLATION, LONG),
            f(field::STOP_ORDER, FieldType::Bool),
            f(field::REQUEST, REQUEST),
            f(field::NOTE, LONG),
            f(field::AT, MS),
            f(field::BY, STAFF),
            DELETED,
        ],
    )
};

/// One fee a unit owes: finance's list (imported by the office), in the unit's area and
/// routed to finance, who record the second notice and payments. Butlers read it and add
/// chases; they write none of its fields.
pub(super) const ARREARS: KindDef = KindDef {
    routed_by: Some(field::DEPARTMENT),
    department: &[field::SECOND_NOTICE_AT, field::PAID_AMOUNT, field::PAID_AT, field::NOTE],
    ..KindDef::new(
        kind::ARREARS,
        Writers::Office,
        Placement::Area(&[THROUGH_UNIT]),
        &[
            f(field::UNIT, FieldType::Ref(kind::UNIT)),
            f(field::FEE_TYPE, FieldType::Enum(FeeType::NAMES)),
            f(field::PERIOD, FieldType::Text { max: 20 }),
            f(field::AMOUNT, MONEY),
            f(field::PAID_AMOUNT, MONEY),
            f(field::PAID_AT, MS),
            f(field::SECOND_NOTICE_AT, MS),
            f(field::DEPARTMENT, DEPT),
            f(field::NOTE, LONG),
            DELETED,
        ],
    )
};

/// One step of the chase, with its arrears: a call, a visit or a notice signed for (the
/// signature drawn on the tablet, or a photo of the signed paper).
pub(super) const ARREARS_CHASE: KindDef = KindDef {
    identity: &[field::BY],
    parent: Some(kind::ARREARS),
    ..KindDef::new(
        kind::ARREARS_CHASE,
        Writers::Scope,
        Placement::With { field: field::ARREARS, kind: kind::ARREARS },
        &[
            once(field::ARREARS, FieldType::Ref(kind::ARREARS)),
            f(field::METHOD, FieldType::Enum(ChaseMethod::NAMES)),
            f(field::RESULT, FieldType::Enum(ChaseResult::NAMES)),
            f(field::PROMISED_AT, MS),
            f(field::NOTE, LONG),
            personal(f(field::SIGNATURE, SIGNATURE)),
            f(field::AT, MS),
            f(field::BY, STAFF),
            DELETED,
        ],
    )
};

/// A visit plan of an area for a period, with its effective-contact target.
pub(super) const VISIT_PLAN: KindDef = KindDef {
    identity: &[field::CREATED_BY],
    ..KindDef::new(
        kind::VISIT_PLAN,
        Writers::Scope,
        Placement::Area(&[Via::Own(field::AREA)]),
        &[
            f(field::AREA, FieldType::Ref(kind::AREA)),
            f(field::NAME, TEXT),
            f(field::PERIOD_START, MS),
            f(field::PERIOD_END, MS),
            f(field::TARGET_PCT, INT),
            f(field::NOTE, LONG),
            f(field::CREATED_BY, STAFF),
            DELETED,
        ],
    )
};

/// One visit to a household (a unit), in the unit's area.
pub(super) const VISIT: KindDef = KindDef {
    identity: &[field::BY],
    ..KindDef::new(
        kind::VISIT,
        Writers::Scope,
        Placement::Area(&[THROUGH_UNIT]),
        &[
            f(field::UNIT, FieldType::Ref(kind::UNIT)),
            f(field::VISIT_PLAN, FieldType::Ref(kind::VISIT_PLAN)),
            f(field::PERSON, FieldType::Ref(kind::PERSON)),
            f(field::OUTCOME, FieldType::Enum(VisitOutcome::NAMES)),
            f(field::TOPICS, TEXT),
            personal(f(field::REMARKS, LONG)),
            f(field::SATISFACTION, FieldType::Enum(Satisfaction::NAMES)),
            f(field::AT, MS),
            f(field::BY, STAFF),
            DELETED,
        ],
    )
};
