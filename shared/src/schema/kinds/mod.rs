//! The kinds, field by field. A new kind or field is one entry here (a request's fields in
//! `request.rs`, the patrol's in `patrol.rs`).

use super::names::{field, kind};
use super::{FieldDef, FieldType, KindDef, Placement, Via, Writers, MAX_TEXT_CHARS};
use crate::blob::{ImageType, PhotoParent};
use crate::conflict::ConflictStatus;
use crate::patrol::{AnswerResult, Covers, ItemType, Purpose};
use crate::register::{PersonRole, UnitState, UnitType};
use crate::report::notes::NoteType;
use crate::request::classifier::{DepartmentCode, Level};
use crate::request::history::EventType;
use crate::request::{
    CallbackResult, Category, Confirmation, Escalation, RequestStatus, Satisfaction, Source,
    Urgency,
};
use crate::role::Role;

mod duties;
mod frontdesk;
mod moving;
mod patrol;
mod request;
mod services;
mod surveys;

use patrol::*;
use request::*;

const fn field(name: &'static str, ty: FieldType) -> FieldDef {
    FieldDef {
        name,
        ty,
        review: false,
        once: false,
        by_server: false,
        supervisor: false,
        personal: false,
    }
}
const fn f(name: &'static str, ty: FieldType) -> FieldDef {
    field(name, ty)
}
const fn review(name: &'static str, ty: FieldType) -> FieldDef {
    FieldDef { review: true, ..field(name, ty) }
}
const fn once(name: &'static str, ty: FieldType) -> FieldDef {
    FieldDef { once: true, ..field(name, ty) }
}
/// A resident's personal data (`FieldDef::personal`): erased on request.
const fn personal(f: FieldDef) -> FieldDef {
    FieldDef { personal: true, ..f }
}
const fn server(name: &'static str, ty: FieldType) -> FieldDef {
    FieldDef { by_server: true, ..field(name, ty) }
}
const fn supervisor(name: &'static str, ty: FieldType) -> FieldDef {
    FieldDef { supervisor: true, ..field(name, ty) }
}
const TEXT: FieldType = FieldType::Text { max: 200 };
const LONG: FieldType = FieldType::Text { max: MAX_TEXT_CHARS };
const PHONE: FieldType = FieldType::Text { max: 40 };
/// A signature drawn on the pad (`app/src/model/signature.rs`): an SVG path's data.
const SIGNATURE: FieldType = FieldType::Text { max: 20_000 };
const INT: FieldType = FieldType::Int;
const MS: FieldType = FieldType::Millis;
const STAFF: FieldType = FieldType::Ref(kind::STAFF);
const REQUEST: FieldType = FieldType::Ref(kind::REQUEST);
const CLASS: FieldType = FieldType::Ref(kind::CLASSIFIER);
const DELETED: FieldDef = f(field::DELETED, FieldType::Bool);
const REFERENCE: Placement = Placement::Reference;
/// With the request named by the record's `request` (its history records).
const WITH_REQUEST: Placement = Placement::With { field: field::REQUEST, kind: kind::REQUEST };
/// In the area of the building the record's `building` names.
const THROUGH_BUILDING: Via = Via::Through { field: field::BUILDING, kind: kind::BUILDING };
const THROUGH_UNIT: Via = Via::Through { field: field::UNIT, kind: kind::UNIT };
/// A history record: with its request, its author set from the session.
const fn history(name: &'static str, fields: &'static [FieldDef]) -> KindDef {
    KindDef {
        identity: &[field::BY],
        parent: Some(kind::REQUEST),
        ..KindDef::new(name, Writers::Scope, WITH_REQUEST, fields)
    }
}
/// A checklist part (`crate::patrol::template`): reference data of supervisors, part of
/// `parent`.
const fn checklist(
    name: &'static str,
    parent: &'static str,
    fields: &'static [FieldDef],
) -> KindDef {
    KindDef { parent: Some(parent), ..KindDef::new(name, Writers::Supervisor, REFERENCE, fields) }
}

/// Every kind the protocol carries today.
pub const KINDS: &[KindDef] = &[
    KindDef::new(kind::SITE, Writers::Server, REFERENCE, &[f(field::NAME, TEXT), DELETED]),
    // `code` starts the area's request numbers ("A2-261127-0457").
    KindDef::new(
        kind::AREA,
        Writers::Office,
        REFERENCE,
        &[
            f(field::NAME, TEXT),
            f(field::SITE, FieldType::Ref(kind::SITE)),
            f(field::CODE, FieldType::Text { max: 8 }),
            DELETED,
        ],
    ),
    // `code` says what the department is for, so default routing rules find it.
    KindDef::new(
        kind::DEPARTMENT,
        Writers::Office,
        REFERENCE,
        &[
            f(field::NAME, TEXT),
            f(field::CODE, FieldType::Enum(DepartmentCode::NAMES)),
            f(field::DEFAULT_ASSIGNEE, STAFF),
            DELETED,
        ],
    ),
    KindDef::new(
        kind::BUILDING,
        Writers::Office,
        REFERENCE,
        &[
            f(field::NAME, TEXT),
            f(field::AREA, FieldType::Ref(kind::AREA)),
            f(field::ENTRANCES, INT),
            f(field::FLOORS_ABOVE, INT),
            f(field::FLOORS_BELOW, INT),
            f(field::FLOOR_AREA, FieldType::Number),
            DELETED,
        ],
    ),
    // Its area is its building's: moving a building moves its units.
    KindDef::new(
        kind::UNIT,
        Writers::Office,
        Placement::Area(&[THROUGH_BUILDING]),
        &[
            f(field::BUILDING, FieldType::Ref(kind::BUILDING)),
            f(field::FLOOR, INT),
            f(field::NUMBER, TEXT),
            f(field::LABEL, TEXT),
            f(field::TYPE, FieldType::Enum(UnitType::NAMES)),
            f(field::FLOOR_AREA, FieldType::Number),
            f(field::STATE, FieldType::Enum(UnitState::NAMES)),
            f(field::NOTE, LONG),
            DELETED,
        ],
    ),
    KindDef {
        masked: &[field::PHONE, field::PHONE2],
        ..KindDef::new(
            kind::PERSON,
            Writers::Scope,
            Placement::Linked { link: kind::UNIT_PERSON, field: field::PERSON },
            &[
                personal(f(field::NAME, TEXT)),
                personal(review(field::PHONE, PHONE)),
                personal(review(field::PHONE2, PHONE)),
                personal(f(field::NOTE, LONG)),
                f(field::KEY_CUSTOMER, FieldType::Bool),
                DELETED,
            ],
        )
    },
    // A person's tie to a unit; move-in and move-out are its dates.
    KindDef::new(
        kind::UNIT_PERSON,
        Writers::Scope,
        Placement::Area(&[THROUGH_UNIT]),
        &[
            f(field::UNIT, FieldType::Ref(kind::UNIT)),
            f(field::PERSON, FieldType::Ref(kind::PERSON)),
            f(field::ROLE, FieldType::Enum(PersonRole::NAMES)),
            f(field::FROM, MS),
            f(field::TO, MS),
            DELETED,
        ],
    ),
    KindDef::new(
        kind::STAFF,
        Writers::Server,
        REFERENCE,
        &[
            f(field::NAME, TEXT),
            f(field::USERNAME, TEXT),
            f(field::ROLE, FieldType::Enum(Role::NAMES)),
            f(field::AREA, FieldType::Ref(kind::AREA)),
            f(field::DEPARTMENT, FieldType::Ref(kind::DEPARTMENT)),
            DELETED,
        ],
    ),
    KindDef {
        routed_by: Some(field::DEPARTMENT),
        identity: &[field::CREATED_BY],
        masked: &[field::CONTACT_PHONE],
        // The work they did and when it was finished (`scope::writer`).
        department: &[field::STATUS, field::DONE_AT],
        ..KindDef::new(kind::REQUEST, Writers::Scope, REQUEST_PLACEMENT, REQUEST_FIELDS)
    },
    KindDef {
        identity: &[field::BY, field::DEVICE],
        ..history(
            kind::REQUEST_EVENT,
            &[
                once(field::REQUEST, REQUEST),
                f(field::TYPE, FieldType::Enum(EventType::NAMES)),
                f(field::FROM, TEXT),
                f(field::TO, TEXT),
                f(field::FIELDS, TEXT),
                f(field::NOTE, LONG),
                f(field::AT, MS),
                f(field::BY, STAFF),
                f(field::DEVICE, FieldType::Text { max: 64 }),
                server(field::RECEIVED_AT, MS),
            ],
        )
    },
    history(
        kind::REQUEST_COMMENT,
        &[
            once(field::REQUEST, REQUEST),
            f(field::TEXT, LONG),
            f(field::INTERNAL, FieldType::Bool),
            f(field::AT, MS),
            f(field::BY, STAFF),
            DELETED,
        ],
    ),
    history(
        kind::CALLBACK,
        &[
            once(field::REQUEST, REQUEST),
            f(field::RESULT, FieldType::Enum(CallbackResult::NAMES)),
            f(field::SATISFACTION, FieldType::Enum(Satisfaction::NAMES)),
            f(field::COMMENT, LONG),
            f(field::AT, MS),
            f(field::BY, STAFF),
            DELETED,
        ],
    ),
    // A photo's bytes are a blob named by `sha256` (`crate::blob`); it lives wherever
    // its parent does.
    KindDef {
        identity: &[field::BY],
        ..KindDef::new(
            kind::PHOTO,
            Writers::Scope,
            Placement::WithNamed { kind_field: field::PARENT_KIND, id_field: field::PARENT_ID },
            &[
                once(field::PARENT_KIND, FieldType::Enum(PhotoParent::NAMES)),
                once(field::PARENT_ID, FieldType::AnyRef),
                once(field::SHA256, FieldType::Text { max: 64 }),
                once(field::THUMB_SHA256, FieldType::Text { max: 64 }),
                f(field::MIME, FieldType::Enum(ImageType::NAMES)),
                f(field::BYTES, INT),
                f(field::WIDTH, INT),
                f(field::HEIGHT, INT),
                f(field::TAKEN_AT, MS),
                f(field::LAT, FieldType::Signed),
                f(field::LON, FieldType::Signed),
                f(field::CAPTION, TEXT),
                f(field::AT, MS),
                f(field::BY, STAFF),
                DELETED,
            ],
        )
    },
    // Defaults live in code (`request::classifier`); records override them by id.
    KindDef::new(
        kind::CLASSIFIER,
        Writers::Supervisor,
        REFERENCE,
        &[
            f(field::LEVEL, FieldType::Enum(Level::NAMES)),
            f(field::PARENT, CLASS),
            f(field::NAME_ZH, TEXT),
            f(field::NAME_EN, TEXT),
            f(field::DEPARTMENT, FieldType::Ref(kind::DEPARTMENT)),
            f(field::ASSIGNEE, STAFF),
            f(field::SORT, INT),
            DELETED,
        ],
    ),
    // One record per site (`request::deadline::SETTINGS_ID`); hours unless named.
    KindDef::new(
        kind::SETTINGS,
        Writers::Supervisor,
        REFERENCE,
        &[
            f(field::INQUIRY_REPLY_H, INT),
            f(field::COMPLAINT_ANSWER_H, INT),
            f(field::REPAIR_H, INT),
            f(field::URGENT_REPAIR_H, INT),
            f(field::OTHER_REPLY_H, INT),
            f(field::CALLBACK_H, INT),
            f(field::MISSED_CALL_H, INT),
            f(field::STUCK_H, INT),
            f(field::REVIEW_MINUTE, INT),
            f(field::REPAIR_CALLBACK_PCT, INT),
            f(field::PHOTO_QUALITY, INT),
            f(field::PHOTO_KEEP_DAYS, INT),
            f(field::PATROL_ROUNDS_PER_DAY, INT),
            f(field::PATROL_CYCLE_DAYS, INT),
            f(field::PATROL_BY_FLOOR, INT),
            f(field::QUALITY_CHECKS_PER_DAY, INT),
            f(field::TARGET_REPLY_PCT, INT),
            f(field::TARGET_COMPLAINT_REPLY_PCT, INT),
            f(field::TARGET_ON_TIME_PCT, INT),
            f(field::TARGET_SATISFACTION_PCT, INT),
            f(field::TARGET_COMPLAINT_SATISFACTION_PCT, INT),
            f(field::TARGET_REPEAT_COMPLAINT_PCT, INT),
            f(field::TARGET_COMPLAINT_CALLBACK_PCT, INT),
            f(field::ARREARS_ESCALATE_DAYS, INT),
            f(field::TARGET_VISIT_CONTACT_PCT, INT),
            f(field::TARGET_KNOWN_HOUSEHOLDS_PCT, INT),
            f(field::TARGET_RENOVATION_CHECK_PCT, INT),
            f(field::TARGET_SURVEY_COVERAGE_PCT, INT),
            f(field::TARGET_SURVEY_RETURN_PCT, INT),
            f(field::TARGET_SURVEY_RETURN_OFFICE_PCT, INT),
            f(field::KEY_DUE_H, INT),
            f(field::MOVING_PEAK1_START_H, INT),
            f(field::MOVING_PEAK1_END_H, INT),
            f(field::MOVING_PEAK2_START_H, INT),
            f(field::MOVING_PEAK2_END_H, INT),
            f(field::MOVING_SLOT_H, INT),
            f(field::MOVING_FIRST_H, INT),
            f(field::MOVING_LAST_H, INT),
            f(field::MOVING_LEAD_DAYS, INT),
            f(field::MAIL_UNCOLLECTED_DAYS, INT),
        ],
    ),
    KindDef::new(kind::PATROL_TEMPLATE, Writers::Supervisor, REFERENCE, TEMPLATE_FIELDS),
    checklist(kind::PATROL_SECTION, kind::PATROL_TEMPLATE, SECTION_FIELDS),
    checklist(kind::PATROL_ITEM, kind::PATROL_SECTION, ITEM_FIELDS),
    checklist(kind::PATROL_OPTION, kind::PATROL_ITEM, OPTION_FIELDS),
    KindDef {
        identity: &[field::BY],
        ..KindDef::new(kind::PATROL_ROUND, Writers::Scope, ROUND_PLACEMENT, ROUND_FIELDS)
    },
    KindDef {
        identity: &[field::BY],
        parent: Some(kind::PATROL_ROUND),
        ..KindDef::new(kind::PATROL_ANSWER, Writers::Scope, ANSWER_PLACEMENT, ANSWER_FIELDS)
    },
    KindDef::new(
        kind::CONFLICT,
        Writers::Office,
        Placement::OfficeOnly,
        &[
            f(field::TARGET_KIND, TEXT),
            f(field::TARGET_ID, TEXT),
            f(field::FIELD, TEXT),
            f(field::KEPT_VALUE, FieldType::Any { max_bytes: MAX_TEXT_CHARS * 4 + 2 }),
            f(field::LOST_VALUE, FieldType::Any { max_bytes: MAX_TEXT_CHARS * 4 + 2 }),
            f(field::LOST_REPLICA, TEXT),
            f(field::LOST_HLC, TEXT),
            f(field::STATUS, FieldType::Enum(ConflictStatus::NAMES)),
            f(field::RESOLVED_BY, STAFF),
            DELETED,
            f(field::KEPT_BY, STAFF),
            f(field::KEPT_REPLICA, TEXT),
            f(field::KEPT_HLC, TEXT),
            f(field::LOST_BY, STAFF),
        ],
    ),
    // A supervisor's remarks on the weekly summary or the monthly quality report
    // (`report::notes`): office and supervisors write it. Reference, not placed in its
    // `area`: the remarks judge the service, they hold no household data, and every
    // butler reads the summary of the team (a site-wide note, with no area, would be
    // unplaced, so the office's and its author's only).
    KindDef {
        identity: &[field::BY],
        ..KindDef::new(
            kind::REPORT_NOTE,
            Writers::Office,
            REFERENCE,
            &[
                once(field::TYPE, FieldType::Enum(NoteType::NAMES)),
                once(field::PERIOD_START, MS),
                once(field::AREA, FieldType::Ref(kind::AREA)),
                f(field::REMARKS, LONG),
                f(field::CAUSE, LONG),
                f(field::CORRECTIVE_REPORT, LONG),
                f(field::SUBMITTED_AT, MS),
                f(field::AT, MS),
                f(field::BY, STAFF),
                DELETED,
            ],
        )
    },
    duties::RENOVATION,
    duties::RENOVATION_CHECK,
    duties::ARREARS,
    duties::ARREARS_CHASE,
    duties::VISIT_PLAN,
    duties::VISIT,
    surveys::SURVEY,
    surveys::SURVEY_ANSWER,
    services::SERVICE_PRICE,
    services::SERVICE_ORDER,
    services::KEY_DEPOSIT,
    services::KEY_MOVEMENT,
    moving::MOVE_CHECK,
    moving::MOVING_BOOKING,
    moving::RELEASE_PASS,
    // issue 25: frontdesk
    frontdesk::DESK_ENTRY,
    frontdesk::HANDOVER,
    frontdesk::MAIL_ITEM,
    frontdesk::KNOWLEDGE,
];
