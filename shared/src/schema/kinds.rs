//! The kinds, field by field. A new kind or field is one entry here.

use super::{FieldDef, FieldType, KindDef, Writers, MAX_TEXT_CHARS};
use crate::blob::{ImageType, PhotoParent};
use crate::conflict::ConflictStatus;
use crate::patrol::{AnswerResult, Covers, ItemType, Purpose};
use crate::register::{PersonRole, UnitState, UnitType};
use crate::request::classifier::{DepartmentCode, Level};
use crate::request::history::EventType;
use crate::request::{
    CallbackResult, Category, Confirmation, Escalation, RequestStatus, Satisfaction, Source,
    Urgency,
};
use crate::role::Role;

const fn field(name: &'static str, ty: FieldType) -> FieldDef {
    FieldDef { name, ty, review: false, once: false, by_server: false, supervisor: false }
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
const fn server(name: &'static str, ty: FieldType) -> FieldDef {
    FieldDef { by_server: true, ..field(name, ty) }
}
const fn supervisor(name: &'static str, ty: FieldType) -> FieldDef {
    FieldDef { supervisor: true, ..field(name, ty) }
}
const TEXT: FieldType = FieldType::Text { max: 200 };
const LONG: FieldType = FieldType::Text { max: MAX_TEXT_CHARS };
const PHONE: FieldType = FieldType::Text { max: 40 };
const INT: FieldType = FieldType::Int;
const MS: FieldType = FieldType::Millis;
const STAFF: FieldType = FieldType::Ref("staff");
const REQUEST: FieldType = FieldType::Ref("request");
const CLASS: FieldType = FieldType::Ref("classifier");
const DELETED: FieldDef = f("deleted", FieldType::Bool);

/// Every kind the protocol carries today.
pub const KINDS: &[KindDef] = &[
    KindDef { name: "site", writers: Writers::Server, fields: &[f("name", TEXT), DELETED] },
    KindDef {
        // `code` starts the area's request numbers ("A2-261127-0457").
        name: "area",
        writers: Writers::Office,
        fields: &[
            f("name", TEXT),
            f("site", FieldType::Ref("site")),
            f("code", FieldType::Text { max: 8 }),
            DELETED,
        ],
    },
    KindDef {
        // `code` says what the department is for, so default routing rules find it.
        name: "department",
        writers: Writers::Office,
        fields: &[
            f("name", TEXT),
            f("code", FieldType::Enum(DepartmentCode::NAMES)),
            f("default_assignee", STAFF),
            DELETED,
        ],
    },
    KindDef {
        name: "building",
        writers: Writers::Office,
        fields: &[
            f("name", TEXT),
            f("area", FieldType::Ref("area")),
            f("entrances", INT),
            f("floors_above", INT),
            f("floors_below", INT),
            f("floor_area", FieldType::Number),
            DELETED,
        ],
    },
    KindDef {
        // Its area is its building's: moving a building moves its units.
        name: "unit",
        writers: Writers::Office,
        fields: &[
            f("building", FieldType::Ref("building")),
            f("floor", INT),
            f("number", TEXT),
            f("label", TEXT),
            f("type", FieldType::Enum(UnitType::NAMES)),
            f("floor_area", FieldType::Number),
            f("state", FieldType::Enum(UnitState::NAMES)),
            f("note", LONG),
            DELETED,
        ],
    },
    KindDef {
        name: "person",
        writers: Writers::Scope,
        fields: &[
            f("name", TEXT),
            review("phone", PHONE),
            review("phone2", PHONE),
            f("note", LONG),
            f("key_customer", FieldType::Bool),
            DELETED,
        ],
    },
    KindDef {
        // A person's tie to a unit; move-in and move-out are its dates.
        name: "unit_person",
        writers: Writers::Scope,
        fields: &[
            f("unit", FieldType::Ref("unit")),
            f("person", FieldType::Ref("person")),
            f("role", FieldType::Enum(PersonRole::NAMES)),
            f("from", MS),
            f("to", MS),
            DELETED,
        ],
    },
    KindDef {
        name: "staff",
        writers: Writers::Server,
        fields: &[
            f("name", TEXT),
            f("username", TEXT),
            f("role", FieldType::Enum(Role::NAMES)),
            f("area", FieldType::Ref("area")),
            f("department", FieldType::Ref("department")),
            DELETED,
        ],
    },
    KindDef { name: "request", writers: Writers::Scope, fields: REQUEST_FIELDS },
    KindDef {
        name: "request_event",
        writers: Writers::Scope,
        fields: &[
            once("request", REQUEST),
            f("type", FieldType::Enum(EventType::NAMES)),
            f("from", TEXT),
            f("to", TEXT),
            f("fields", TEXT),
            f("note", LONG),
            f("at", MS),
            f("by", STAFF),
            f("device", FieldType::Text { max: 64 }),
            server("received_at", MS),
        ],
    },
    KindDef {
        name: "request_comment",
        writers: Writers::Scope,
        fields: &[
            once("request", REQUEST),
            f("text", LONG),
            f("internal", FieldType::Bool),
            f("at", MS),
            f("by", STAFF),
            DELETED,
        ],
    },
    KindDef {
        name: "callback",
        writers: Writers::Scope,
        fields: &[
            once("request", REQUEST),
            f("result", FieldType::Enum(CallbackResult::NAMES)),
            f("satisfaction", FieldType::Enum(Satisfaction::NAMES)),
            f("comment", LONG),
            f("at", MS),
            f("by", STAFF),
            DELETED,
        ],
    },
    KindDef {
        // A photo's bytes are a blob named by `sha256` (`crate::blob`); it lives wherever
        // its parent does.
        name: "photo",
        writers: Writers::Scope,
        fields: &[
            once("parent_kind", FieldType::Enum(PhotoParent::NAMES)),
            once("parent_id", FieldType::AnyRef),
            once("sha256", FieldType::Text { max: 64 }),
            once("thumb_sha256", FieldType::Text { max: 64 }),
            f("mime", FieldType::Enum(ImageType::NAMES)),
            f("bytes", INT),
            f("width", INT),
            f("height", INT),
            f("taken_at", MS),
            f("lat", FieldType::Signed),
            f("lon", FieldType::Signed),
            f("caption", TEXT),
            f("at", MS),
            f("by", STAFF),
            DELETED,
        ],
    },
    KindDef {
        // Defaults live in code (`request::classifier`); records override them by id.
        name: "classifier",
        writers: Writers::Supervisor,
        fields: &[
            f("level", FieldType::Enum(Level::NAMES)),
            f("parent", CLASS),
            f("name_zh", TEXT),
            f("name_en", TEXT),
            f("department", FieldType::Ref("department")),
            f("assignee", STAFF),
            f("sort", INT),
            DELETED,
        ],
    },
    KindDef {
        // One record per site (`request::deadline::SETTINGS_ID`); hours unless named.
        name: "settings",
        writers: Writers::Supervisor,
        fields: &[
            f("inquiry_reply_h", INT),
            f("complaint_answer_h", INT),
            f("repair_h", INT),
            f("urgent_repair_h", INT),
            f("other_reply_h", INT),
            f("callback_h", INT),
            f("missed_call_h", INT),
            f("stuck_h", INT),
            f("review_minute", INT),
            f("repair_callback_pct", INT),
            f("photo_quality", INT),
            f("photo_keep_days", INT),
            f("patrol_rounds_per_day", INT),
            f("patrol_cycle_days", INT),
            f("patrol_by_floor", INT),
            f("quality_checks_per_day", INT),
        ],
    },
    KindDef { name: "patrol_template", writers: Writers::Supervisor, fields: TEMPLATE_FIELDS },
    KindDef { name: "patrol_section", writers: Writers::Supervisor, fields: SECTION_FIELDS },
    KindDef { name: "patrol_item", writers: Writers::Supervisor, fields: ITEM_FIELDS },
    KindDef { name: "patrol_option", writers: Writers::Supervisor, fields: OPTION_FIELDS },
    KindDef { name: "patrol_round", writers: Writers::Scope, fields: ROUND_FIELDS },
    KindDef { name: "patrol_answer", writers: Writers::Scope, fields: ANSWER_FIELDS },
    KindDef {
        name: "conflict",
        writers: Writers::Office,
        fields: &[
            f("target_kind", TEXT),
            f("target_id", TEXT),
            f("field", TEXT),
            f("kept_value", FieldType::Any { max_bytes: MAX_TEXT_CHARS * 4 + 2 }),
            f("lost_value", FieldType::Any { max_bytes: MAX_TEXT_CHARS * 4 + 2 }),
            f("lost_replica", TEXT),
            f("lost_hlc", TEXT),
            f("status", FieldType::Enum(ConflictStatus::NAMES)),
            f("resolved_by", STAFF),
            DELETED,
        ],
    },
];

/// A request's fields: intake, routing, status, and the complaint's closed loop.
const REQUEST_FIELDS: &[FieldDef] = &[
    f("unit", FieldType::Ref("unit")),
    once("number", FieldType::Text { max: 40 }),
    f("category", FieldType::Enum(Category::NAMES)),
    f("source", FieldType::Enum(Source::NAMES)),
    f("urgency", FieldType::Enum(Urgency::NAMES)),
    f("missed_call", FieldType::Bool),
    f("place", CLASS),
    f("topic", CLASS),
    f("problem", CLASS),
    f("status", FieldType::Enum(RequestStatus::NAMES)),
    f("description", LONG),
    f("contact_name", TEXT),
    review("contact_phone", PHONE),
    review("assignee", STAFF),
    f("department", FieldType::Ref("department")),
    f("created_by", STAFF),
    f("created_at", MS),
    f("due_at", MS),
    f("done_at", MS),
    f("cancel_reason", LONG),
    f("repeat_of", REQUEST),
    // A request with no unit (a patrol finding in a common area) lives in this area.
    f("area", FieldType::Ref("area")),
    f("building", FieldType::Ref("building")),
    // A rectification (整改): the answer that raised it and its round (`crate::patrol`).
    once("patrol_answer", FieldType::Ref("patrol_answer")),
    once("patrol_round", FieldType::Ref("patrol_round")),
    // Complaints (seed 001 §四, 002 §4.6).
    f("complaint_stands", FieldType::Bool),
    f("reply", LONG),
    f("cause", LONG),
    f("responsible", TEXT),
    f("plan", LONG),
    supervisor("plan_approved_by", STAFF),
    f("next_reply_at", MS),
    f("escalation", FieldType::Enum(Escalation::NAMES)),
    f("corrective_report", LONG),
    f("confirmation", FieldType::Enum(Confirmation::NAMES)),
    f("confirmation_note", LONG),
    // The resident's signature: strokes as an SVG path ("M10 20L12 22…").
    f("signature", FieldType::Text { max: 20_000 }),
    DELETED,
];

/// A field only supervisors write and that is then set for good (a quality check's purpose).
const fn supervisor_once(name: &'static str, ty: FieldType) -> FieldDef {
    FieldDef { once: true, ..supervisor(name, ty) }
}
const VERSIONS: [FieldDef; 2] = [f("from_version", INT), f("to_version", INT)];

/// A checklist (`crate::patrol::template`): `version` is the published one.
const TEMPLATE_FIELDS: &[FieldDef] = &[
    f("name_zh", TEXT),
    f("name_en", TEXT),
    once("purpose", FieldType::Enum(Purpose::NAMES)),
    f("version", INT),
    DELETED,
];
const SECTION_FIELDS: &[FieldDef] = &[
    once("template", FieldType::Ref("patrol_template")),
    f("name_zh", TEXT),
    f("name_en", TEXT),
    f("covers", FieldType::Enum(Covers::NAMES)),
    f("sort", INT),
    VERSIONS[0],
    VERSIONS[1],
    DELETED,
];
const ITEM_FIELDS: &[FieldDef] = &[
    once("section", FieldType::Ref("patrol_section")),
    f("text_zh", TEXT),
    f("text_en", TEXT),
    f("type", FieldType::Enum(ItemType::NAMES)),
    f("min", FieldType::Signed),
    f("max", FieldType::Signed),
    f("photo_on_fail", FieldType::Bool),
    f("topic", CLASS),
    f("problem", CLASS),
    f("sort", INT),
    VERSIONS[0],
    VERSIONS[1],
    DELETED,
];
const OPTION_FIELDS: &[FieldDef] = &[
    once("item", FieldType::Ref("patrol_item")),
    f("label_zh", TEXT),
    f("label_en", TEXT),
    f("fails", FieldType::Bool),
    f("sort", INT),
    DELETED,
];
/// A round: a butler's patrol of an area (or one building), or a supervisor's quality check
/// (`purpose` quality, `subject` the staff whose work is checked, `score`).
const ROUND_FIELDS: &[FieldDef] = &[
    once("template", FieldType::Ref("patrol_template")),
    once("version", INT),
    supervisor_once("purpose", FieldType::Enum(Purpose::NAMES)),
    once("area", FieldType::Ref("area")),
    once("building", FieldType::Ref("building")),
    f("by", STAFF),
    supervisor("subject", STAFF),
    f("started_at", MS),
    f("ended_at", MS),
    supervisor("score", INT),
    f("note", LONG),
    DELETED,
];
/// One answer; its id derives from round, item, building and floor (`patrol::answer_id`).
const ANSWER_FIELDS: &[FieldDef] = &[
    once("round", FieldType::Ref("patrol_round")),
    once("item", FieldType::Ref("patrol_item")),
    once("building", FieldType::Ref("building")),
    once("floor", INT),
    f("result", FieldType::Enum(AnswerResult::NAMES)),
    f("number", FieldType::Signed),
    f("text", LONG),
    f("option", FieldType::Ref("patrol_option")),
    f("note", LONG),
    f("at", MS),
    f("by", STAFF),
    DELETED,
];
