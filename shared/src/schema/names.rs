//! Every kind and field name the protocol carries, as constants: the declaration in
//! [`super::KINDS`] and every reader of records spell a name through these, so a typo is a
//! compile error and a renamed field is found by the compiler, not by a silent `None`.
//!
//! A kind's name is never spelled as a string literal outside this file (a test in
//! `shared/tests/names.rs` scans the sources).

/// The wire names of the synced kinds.
pub mod kind {
    pub const SITE: &str = "site";
    pub const AREA: &str = "area";
    pub const DEPARTMENT: &str = "department";
    pub const BUILDING: &str = "building";
    pub const UNIT: &str = "unit";
    pub const PERSON: &str = "person";
    pub const UNIT_PERSON: &str = "unit_person";
    pub const STAFF: &str = "staff";
    pub const REQUEST: &str = "request";
    pub const REQUEST_EVENT: &str = "request_event";
    pub const REQUEST_COMMENT: &str = "request_comment";
    pub const CALLBACK: &str = "callback";
    pub const PHOTO: &str = "photo";
    pub const CLASSIFIER: &str = "classifier";
    pub const SETTINGS: &str = "settings";
    pub const PATROL_TEMPLATE: &str = "patrol_template";
    pub const PATROL_SECTION: &str = "patrol_section";
    pub const PATROL_ITEM: &str = "patrol_item";
    pub const PATROL_OPTION: &str = "patrol_option";
    pub const PATROL_ROUND: &str = "patrol_round";
    pub const PATROL_ANSWER: &str = "patrol_answer";
    pub const CONFLICT: &str = "conflict";
    /// A supervisor's remarks on a weekly or monthly report (`report::notes`, issue 22).
    pub const REPORT_NOTE: &str = "report_note";
    /// An owner's fit-out works (装修, DOMAIN duty 5): application, review, approval, checks.
    pub const RENOVATION: &str = "renovation";
    /// One daily site check of a renovation.
    pub const RENOVATION_CHECK: &str = "renovation_check";
    /// One fee a unit owes (催缴, duty 6), from finance's list.
    pub const ARREARS: &str = "arrears";
    /// One step of chasing an arrears: a call, a visit, a notice delivered.
    pub const ARREARS_CHASE: &str = "arrears_chase";
    /// A home-visit plan of an area for a period (入户走访, duty 7).
    pub const VISIT_PLAN: &str = "visit_plan";
    /// One home visit to a household.
    pub const VISIT: &str = "visit";
    // issue 25: surveys
    /// A satisfaction survey of an area for a quarter (满意度调查, duty 8).
    pub const SURVEY: &str = "survey";
    /// One household's answer to a survey (or why there is none: refused, not at home).
    pub const SURVEY_ANSWER: &str = "survey_answer";
    // issue 25: services
    /// One item of the site's price list of paid services (服务项目收费标准).
    pub const SERVICE_PRICE: &str = "service_price";
    /// A paid service's order (业主服务收费单), with its `paid_service` request.
    pub const SERVICE_ORDER: &str = "service_order";
    /// A unit's keys deposited with the office (钥匙托管).
    pub const KEY_DEPOSIT: &str = "key_deposit";
    /// One sign-out of deposited keys and its return.
    pub const KEY_MOVEMENT: &str = "key_movement";
    // issue 25: moving
    /// A move-in or move-out checklist of a unit (入住/迁出): keys, readings, card, arrears.
    pub const MOVE_CHECK: &str = "move_check";
    /// A booking of a building's service lift for a move (搬家预约), by fixed slot.
    pub const MOVING_BOOKING: &str = "moving_booking";
    /// A release pass (放行条) for goods leaving, checked by security at the gate.
    pub const RELEASE_PASS: &str = "release_pass";
    // issue 25: frontdesk
    /// One phone call, walk-in or missed call at the front desk (前台来电来访登记).
    pub const DESK_ENTRY: &str = "desk_entry";
    /// A shift handover (交接班) at the front desk: the note, the open items, confirmed.
    pub const HANDOVER: &str = "handover";
    /// A letter or parcel received for a unit (邮件/包裹).
    pub const MAIL_ITEM: &str = "mail_item";
    /// An answer to a common inquiry (知识库), reference data of the office.
    pub const KNOWLEDGE: &str = "knowledge";

    /// Every kind, in declaration order.
    pub const ALL: &[&str] = &[
        SITE,
        AREA,
        DEPARTMENT,
        BUILDING,
        UNIT,
        PERSON,
        UNIT_PERSON,
        STAFF,
        REQUEST,
        REQUEST_EVENT,
        REQUEST_COMMENT,
        CALLBACK,
        PHOTO,
        CLASSIFIER,
        SETTINGS,
        PATROL_TEMPLATE,
        PATROL_SECTION,
        PATROL_ITEM,
        PATROL_OPTION,
        PATROL_ROUND,
        PATROL_ANSWER,
        CONFLICT,
        REPORT_NOTE,
        RENOVATION,
        RENOVATION_CHECK,
        ARREARS,
        ARREARS_CHASE,
        VISIT_PLAN,
        VISIT,
        // issue 25: surveys
        SURVEY,
        SURVEY_ANSWER,
        // issue 25: services
        SERVICE_PRICE,
        SERVICE_ORDER,
        KEY_DEPOSIT,
        KEY_MOVEMENT,
        // issue 25: moving
        MOVE_CHECK,
        MOVING_BOOKING,
        RELEASE_PASS,
        // issue 25: frontdesk
        DESK_ENTRY,
        HANDOVER,
        MAIL_ITEM,
        KNOWLEDGE,
    ];
}

/// The wire names of the fields (one constant per name, shared by every kind that has it).
pub mod field {
    pub const AREA: &str = "area";
    pub const ASSIGNEE: &str = "assignee";
    pub const AT: &str = "at";
    pub const BUILDING: &str = "building";
    pub const BY: &str = "by";
    pub const BYTES: &str = "bytes";
    pub const CALLBACK_H: &str = "callback_h";
    pub const CANCEL_REASON: &str = "cancel_reason";
    pub const CAPTION: &str = "caption";
    pub const CATEGORY: &str = "category";
    pub const CAUSE: &str = "cause";
    pub const CLASSIFIER: &str = "classifier";
    pub const CODE: &str = "code";
    pub const COMMENT: &str = "comment";
    pub const COMPLAINT_ANSWER_H: &str = "complaint_answer_h";
    pub const COMPLAINT_STANDS: &str = "complaint_stands";
    pub const CONFIRMATION: &str = "confirmation";
    pub const CONFIRMATION_NOTE: &str = "confirmation_note";
    pub const CONTACT_NAME: &str = "contact_name";
    pub const CONTACT_PHONE: &str = "contact_phone";
    pub const CORRECTIVE_REPORT: &str = "corrective_report";
    pub const COVERS: &str = "covers";
    pub const CREATED_AT: &str = "created_at";
    pub const CREATED_BY: &str = "created_by";
    pub const DEFAULT_ASSIGNEE: &str = "default_assignee";
    pub const DELETED: &str = "deleted";
    pub const DEPARTMENT: &str = "department";
    pub const DESCRIPTION: &str = "description";
    pub const DEVICE: &str = "device";
    pub const DONE_AT: &str = "done_at";
    pub const DUE_AT: &str = "due_at";
    pub const ENDED_AT: &str = "ended_at";
    pub const ENTRANCES: &str = "entrances";
    pub const ESCALATION: &str = "escalation";
    pub const FAILS: &str = "fails";
    pub const FIELD: &str = "field";
    pub const FIELDS: &str = "fields";
    pub const FLOOR: &str = "floor";
    pub const FLOOR_AREA: &str = "floor_area";
    pub const FLOORS_ABOVE: &str = "floors_above";
    pub const FLOORS_BELOW: &str = "floors_below";
    pub const FROM: &str = "from";
    pub const FROM_VERSION: &str = "from_version";
    pub const HEIGHT: &str = "height";
    pub const INQUIRY_REPLY_H: &str = "inquiry_reply_h";
    pub const INTERNAL: &str = "internal";
    pub const ITEM: &str = "item";
    pub const KEPT_VALUE: &str = "kept_value";
    pub const KEY_CUSTOMER: &str = "key_customer";
    pub const LABEL: &str = "label";
    pub const LABEL_EN: &str = "label_en";
    pub const LABEL_ZH: &str = "label_zh";
    pub const LAT: &str = "lat";
    pub const LEVEL: &str = "level";
    pub const LON: &str = "lon";
    pub const LOST_HLC: &str = "lost_hlc";
    pub const LOST_REPLICA: &str = "lost_replica";
    pub const LOST_VALUE: &str = "lost_value";
    pub const MAX: &str = "max";
    pub const MIME: &str = "mime";
    pub const MIN: &str = "min";
    pub const MISSED_CALL: &str = "missed_call";
    pub const MISSED_CALL_H: &str = "missed_call_h";
    pub const NAME: &str = "name";
    pub const NAME_EN: &str = "name_en";
    pub const NAME_ZH: &str = "name_zh";
    pub const NEXT_REPLY_AT: &str = "next_reply_at";
    pub const NOTE: &str = "note";
    pub const NUMBER: &str = "number";
    pub const OPTION: &str = "option";
    pub const OTHER_REPLY_H: &str = "other_reply_h";
    pub const PARENT: &str = "parent";
    pub const PARENT_ID: &str = "parent_id";
    pub const PARENT_KIND: &str = "parent_kind";
    pub const PATROL_ANSWER: &str = "patrol_answer";
    pub const PATROL_BY_FLOOR: &str = "patrol_by_floor";
    pub const PATROL_CYCLE_DAYS: &str = "patrol_cycle_days";
    pub const PATROL_ITEM: &str = "patrol_item";
    pub const PATROL_OPTION: &str = "patrol_option";
    pub const PATROL_ROUND: &str = "patrol_round";
    pub const PATROL_ROUNDS_PER_DAY: &str = "patrol_rounds_per_day";
    pub const PATROL_SECTION: &str = "patrol_section";
    pub const PATROL_TEMPLATE: &str = "patrol_template";
    pub const PERSON: &str = "person";
    pub const PHONE: &str = "phone";
    pub const PHONE2: &str = "phone2";
    pub const PHOTO_KEEP_DAYS: &str = "photo_keep_days";
    pub const PHOTO_ON_FAIL: &str = "photo_on_fail";
    pub const PHOTO_QUALITY: &str = "photo_quality";
    pub const PLACE: &str = "place";
    pub const PLAN: &str = "plan";
    pub const PLAN_APPROVED_BY: &str = "plan_approved_by";
    pub const PROBLEM: &str = "problem";
    pub const PURPOSE: &str = "purpose";
    pub const QUALITY_CHECKS_PER_DAY: &str = "quality_checks_per_day";
    pub const RECEIVED_AT: &str = "received_at";
    pub const REPAIR_CALLBACK_PCT: &str = "repair_callback_pct";
    pub const REPAIR_H: &str = "repair_h";
    pub const REPEAT_OF: &str = "repeat_of";
    pub const REPLY: &str = "reply";
    pub const REQUEST: &str = "request";
    pub const RESOLVED_BY: &str = "resolved_by";
    pub const RESPONSIBLE: &str = "responsible";
    pub const RESULT: &str = "result";
    pub const REVIEW_MINUTE: &str = "review_minute";
    pub const ROLE: &str = "role";
    pub const ROUND: &str = "round";
    pub const SATISFACTION: &str = "satisfaction";
    pub const SCORE: &str = "score";
    pub const SECTION: &str = "section";
    pub const SHA256: &str = "sha256";
    pub const SIGNATURE: &str = "signature";
    pub const SITE: &str = "site";
    pub const SORT: &str = "sort";
    pub const SOURCE: &str = "source";
    pub const STAFF: &str = "staff";
    pub const STARTED_AT: &str = "started_at";
    pub const STATE: &str = "state";
    pub const STATUS: &str = "status";
    pub const STUCK_H: &str = "stuck_h";
    pub const SUBJECT: &str = "subject";
    pub const TAKEN_AT: &str = "taken_at";
    pub const TARGET_ID: &str = "target_id";
    pub const TARGET_KIND: &str = "target_kind";
    // Monthly targets of the reports (`report::kpi`), per cent.
    pub const TARGET_COMPLAINT_CALLBACK_PCT: &str = "target_complaint_callback_pct";
    pub const TARGET_COMPLAINT_REPLY_PCT: &str = "target_complaint_reply_pct";
    pub const TARGET_COMPLAINT_SATISFACTION_PCT: &str = "target_complaint_satisfaction_pct";
    pub const TARGET_ON_TIME_PCT: &str = "target_on_time_pct";
    pub const TARGET_REPEAT_COMPLAINT_PCT: &str = "target_repeat_complaint_pct";
    pub const TARGET_REPLY_PCT: &str = "target_reply_pct";
    pub const TARGET_SATISFACTION_PCT: &str = "target_satisfaction_pct";
    pub const TEMPLATE: &str = "template";
    pub const TEXT: &str = "text";
    pub const TEXT_EN: &str = "text_en";
    pub const TEXT_ZH: &str = "text_zh";
    pub const THUMB_SHA256: &str = "thumb_sha256";
    pub const TO: &str = "to";
    pub const TO_VERSION: &str = "to_version";
    pub const TOPIC: &str = "topic";
    pub const TYPE: &str = "type";
    pub const UNIT: &str = "unit";
    pub const URGENCY: &str = "urgency";
    pub const URGENT_REPAIR_H: &str = "urgent_repair_h";
    pub const USERNAME: &str = "username";
    pub const VERSION: &str = "version";
    pub const WIDTH: &str = "width";
    /// A request's entrance (单元) of its building, when filed on a common place.
    pub const ENTRANCE: &str = "entrance";
    /// A request's common place as the taker names it ("3号梯", "中心广场").
    pub const COMMON_PLACE: &str = "common_place";
    /// A request's result, written when it is closed (`request::closing`).
    pub const CLOSE_RESULT: &str = "close_result";
    // A conflict's two sides: who wrote each value, from which device, when (issue 28).
    pub const KEPT_BY: &str = "kept_by";
    pub const KEPT_REPLICA: &str = "kept_replica";
    pub const KEPT_HLC: &str = "kept_hlc";
    pub const LOST_BY: &str = "lost_by";
    // A report note's period, remarks and submission (issue 22).
    pub const PERIOD_START: &str = "period_start";
    pub const REMARKS: &str = "remarks";
    pub const SUBMITTED_AT: &str = "submitted_at";
    // Renovation, arrears and home visits (issue 24).
    pub const APPLICANT: &str = "applicant";
    pub const APPLICANT_ROLE: &str = "applicant_role";
    pub const APPLICANT_PHONE: &str = "applicant_phone";
    pub const COMPANY: &str = "company";
    pub const FOREMAN: &str = "foreman";
    pub const FOREMAN_PHONE: &str = "foreman_phone";
    pub const WORKERS: &str = "workers";
    pub const WORKS: &str = "works";
    pub const PLANNED_START: &str = "planned_start";
    pub const PLANNED_END: &str = "planned_end";
    pub const DEPOSIT: &str = "deposit";
    pub const REVIEW_NOTE: &str = "review_note";
    pub const REVIEWED_BY: &str = "reviewed_by";
    pub const REVIEWED_AT: &str = "reviewed_at";
    pub const APPROVED_BY: &str = "approved_by";
    pub const APPROVED_AT: &str = "approved_at";
    pub const EXTENDED_TO: &str = "extended_to";
    pub const ACCEPTED_AT: &str = "accepted_at";
    pub const ACCEPTED_BY: &str = "accepted_by";
    pub const DEPOSIT_REQUEST: &str = "deposit_request";
    pub const RENOVATION: &str = "renovation";
    pub const FAILED_ITEMS: &str = "failed_items";
    pub const STOP_ORDER: &str = "stop_order";
    pub const VIOLATION: &str = "violation";
    pub const FEE_TYPE: &str = "fee_type";
    pub const PERIOD: &str = "period";
    pub const AMOUNT: &str = "amount";
    pub const PAID_AMOUNT: &str = "paid_amount";
    pub const PAID_AT: &str = "paid_at";
    pub const SECOND_NOTICE_AT: &str = "second_notice_at";
    pub const ARREARS: &str = "arrears";
    pub const METHOD: &str = "method";
    pub const PROMISED_AT: &str = "promised_at";
    pub const VISIT_PLAN: &str = "visit_plan";
    pub const PERIOD_END: &str = "period_end";
    pub const TARGET_PCT: &str = "target_pct";
    pub const OUTCOME: &str = "outcome";
    pub const TOPICS: &str = "topics";
    pub const ARREARS_ESCALATE_DAYS: &str = "arrears_escalate_days";
    pub const TARGET_VISIT_CONTACT_PCT: &str = "target_visit_contact_pct";
    pub const TARGET_KNOWN_HOUSEHOLDS_PCT: &str = "target_known_households_pct";
    pub const TARGET_RENOVATION_CHECK_PCT: &str = "target_renovation_check_pct";
    // issue 25: surveys
    pub const SURVEY: &str = "survey";
    pub const OFFICE_BUILDING: &str = "office_building";
    pub const SAMPLE_PCT: &str = "sample_pct";
    pub const SEED: &str = "seed";
    pub const SCORE_HOUSING: &str = "score_housing";
    pub const SCORE_SECURITY: &str = "score_security";
    pub const SCORE_VEHICLES: &str = "score_vehicles";
    pub const SCORE_CLEANING: &str = "score_cleaning";
    pub const SCORE_LANDSCAPING: &str = "score_landscaping";
    pub const SCORE_REPAIRS: &str = "score_repairs";
    pub const SCORE_COMPLAINT_HANDLING: &str = "score_complaint_handling";
    pub const SCORE_COMMUNITY_ACTIVITIES: &str = "score_community_activities";
    pub const SCORE_CONVENIENCE_SERVICES: &str = "score_convenience_services";
    pub const TARGET_SURVEY_COVERAGE_PCT: &str = "target_survey_coverage_pct";
    pub const TARGET_SURVEY_RETURN_PCT: &str = "target_survey_return_pct";
    pub const TARGET_SURVEY_RETURN_OFFICE_PCT: &str = "target_survey_return_office_pct";
    // issue 25: services
    pub const PRICE_UNIT: &str = "price_unit";
    pub const PRICE: &str = "price";
    pub const ACTIVE: &str = "active";
    pub const SERVICE_PRICE: &str = "service_price";
    pub const QUANTITY: &str = "quantity";
    pub const QUOTE: &str = "quote";
    pub const CONSENT_AT: &str = "consent_at";
    pub const PAY_STATE: &str = "pay_state";
    pub const KEY_COUNT: &str = "key_count";
    pub const TAG: &str = "tag";
    pub const DEPOSITED_AT: &str = "deposited_at";
    pub const KEY_DEPOSIT: &str = "key_deposit";
    pub const HOLDER: &str = "holder";
    pub const OUT_AT: &str = "out_at";
    pub const RETURNED_AT: &str = "returned_at";
    pub const RETURN_SIGNATURE: &str = "return_signature";
    pub const KEY_DUE_H: &str = "key_due_h";
    // issue 25: moving
    pub const DOCUMENTS_CHECKED: &str = "documents_checked";
    pub const KEYS: &str = "keys";
    pub const WATER_READING: &str = "water_reading";
    pub const ELECTRICITY_READING: &str = "electricity_reading";
    pub const GAS_READING: &str = "gas_reading";
    pub const RESIDENT_CARD: &str = "resident_card";
    pub const ARREARS_CHECKED: &str = "arrears_checked";
    pub const ARREARS_OWED: &str = "arrears_owed";
    pub const LINK: &str = "link";
    pub const DAY: &str = "day";
    pub const SLOT: &str = "slot";
    pub const DIRECTION: &str = "direction";
    pub const GOODS: &str = "goods";
    pub const BOOKING: &str = "booking";
    pub const BEARER: &str = "bearer";
    pub const BEARER_PHONE: &str = "bearer_phone";
    pub const PLATE: &str = "plate";
    pub const VALID_DAY: &str = "valid_day";
    pub const USED_AT: &str = "used_at";
    pub const USED_BY: &str = "used_by";
    pub const MOVING_PEAK1_START_H: &str = "moving_peak1_start_h";
    pub const MOVING_PEAK1_END_H: &str = "moving_peak1_end_h";
    pub const MOVING_PEAK2_START_H: &str = "moving_peak2_start_h";
    pub const MOVING_PEAK2_END_H: &str = "moving_peak2_end_h";
    pub const MOVING_SLOT_H: &str = "moving_slot_h";
    pub const MOVING_FIRST_H: &str = "moving_first_h";
    pub const MOVING_LAST_H: &str = "moving_last_h";
    pub const MOVING_LEAD_DAYS: &str = "moving_lead_days";
    // issue 25: frontdesk
    pub const CHANNEL: &str = "channel";
    pub const CALLER: &str = "caller";
    pub const OPEN_ITEMS: &str = "open_items";
    pub const CONFIRMED_BY: &str = "confirmed_by";
    pub const CONFIRMED_AT: &str = "confirmed_at";
    pub const CARRIER: &str = "carrier";
    pub const TRACKING: &str = "tracking";
    pub const TOLD_AT: &str = "told_at";
    pub const TOLD_HOW: &str = "told_how";
    pub const COLLECTED_AT: &str = "collected_at";
    pub const COLLECTOR: &str = "collector";
    pub const QUESTION: &str = "question";
    pub const ANSWER: &str = "answer";
    pub const KEYWORDS: &str = "keywords";
    pub const MAIL_UNCOLLECTED_DAYS: &str = "mail_uncollected_days";

    /// Every field name.
    pub const ALL: &[&str] = &[
        AREA,
        ASSIGNEE,
        AT,
        BUILDING,
        BY,
        BYTES,
        CALLBACK_H,
        CANCEL_REASON,
        CAPTION,
        CATEGORY,
        CAUSE,
        CLASSIFIER,
        CODE,
        COMMENT,
        COMPLAINT_ANSWER_H,
        COMPLAINT_STANDS,
        CONFIRMATION,
        CONFIRMATION_NOTE,
        CONTACT_NAME,
        CONTACT_PHONE,
        CORRECTIVE_REPORT,
        COVERS,
        CREATED_AT,
        CREATED_BY,
        DEFAULT_ASSIGNEE,
        DELETED,
        DEPARTMENT,
        DESCRIPTION,
        DEVICE,
        DONE_AT,
        DUE_AT,
        ENDED_AT,
        ENTRANCES,
        ESCALATION,
        FAILS,
        FIELD,
        FIELDS,
        FLOOR,
        FLOOR_AREA,
        FLOORS_ABOVE,
        FLOORS_BELOW,
        FROM,
        FROM_VERSION,
        HEIGHT,
        INQUIRY_REPLY_H,
        INTERNAL,
        ITEM,
        KEPT_VALUE,
        KEY_CUSTOMER,
        LABEL,
        LABEL_EN,
        LABEL_ZH,
        LAT,
        LEVEL,
        LON,
        LOST_HLC,
        LOST_REPLICA,
        LOST_VALUE,
        MAX,
        MIME,
        MIN,
        MISSED_CALL,
        MISSED_CALL_H,
        NAME,
        NAME_EN,
        NAME_ZH,
        NEXT_REPLY_AT,
        NOTE,
        NUMBER,
        OPTION,
        OTHER_REPLY_H,
        PARENT,
        PARENT_ID,
        PARENT_KIND,
        PATROL_ANSWER,
        PATROL_BY_FLOOR,
        PATROL_CYCLE_DAYS,
        PATROL_ITEM,
        PATROL_OPTION,
        PATROL_ROUND,
        PATROL_ROUNDS_PER_DAY,
        PATROL_SECTION,
        PATROL_TEMPLATE,
        PERSON,
        PHONE,
        PHONE2,
        PHOTO_KEEP_DAYS,
        PHOTO_ON_FAIL,
        PHOTO_QUALITY,
        PLACE,
        PLAN,
        PLAN_APPROVED_BY,
        PROBLEM,
        PURPOSE,
        QUALITY_CHECKS_PER_DAY,
        RECEIVED_AT,
        REPAIR_CALLBACK_PCT,
        REPAIR_H,
        REPEAT_OF,
        REPLY,
        REQUEST,
        RESOLVED_BY,
        RESPONSIBLE,
        RESULT,
        REVIEW_MINUTE,
        ROLE,
        ROUND,
        SATISFACTION,
        SCORE,
        SECTION,
        SHA256,
        SIGNATURE,
        SITE,
        SORT,
        SOURCE,
        STAFF,
        STARTED_AT,
        STATE,
        STATUS,
        STUCK_H,
        SUBJECT,
        TAKEN_AT,
        TARGET_ID,
        TARGET_KIND,
        TARGET_COMPLAINT_CALLBACK_PCT,
        TARGET_COMPLAINT_REPLY_PCT,
        TARGET_COMPLAINT_SATISFACTION_PCT,
        TARGET_ON_TIME_PCT,
        TARGET_REPEAT_COMPLAINT_PCT,
        TARGET_REPLY_PCT,
        TARGET_SATISFACTION_PCT,
        TEMPLATE,
        TEXT,
        TEXT_EN,
        TEXT_ZH,
        THUMB_SHA256,
        TO,
        TO_VERSION,
        TOPIC,
        TYPE,
        UNIT,
        URGENCY,
        URGENT_REPAIR_H,
        USERNAME,
        VERSION,
        WIDTH,
        ENTRANCE,
        COMMON_PLACE,
        CLOSE_RESULT,
        KEPT_BY,
        KEPT_REPLICA,
        KEPT_HLC,
        LOST_BY,
        PERIOD_START,
        REMARKS,
        SUBMITTED_AT,
        APPLICANT,
        APPLICANT_ROLE,
        APPLICANT_PHONE,
        COMPANY,
        FOREMAN,
        FOREMAN_PHONE,
        WORKERS,
        WORKS,
        PLANNED_START,
        PLANNED_END,
        DEPOSIT,
        REVIEW_NOTE,
        REVIEWED_BY,
        REVIEWED_AT,
        APPROVED_BY,
        APPROVED_AT,
        EXTENDED_TO,
        ACCEPTED_AT,
        ACCEPTED_BY,
        DEPOSIT_REQUEST,
        RENOVATION,
        FAILED_ITEMS,
        STOP_ORDER,
        VIOLATION,
        FEE_TYPE,
        PERIOD,
        AMOUNT,
        PAID_AMOUNT,
        PAID_AT,
        SECOND_NOTICE_AT,
        ARREARS,
        METHOD,
        PROMISED_AT,
        VISIT_PLAN,
        PERIOD_END,
        TARGET_PCT,
        OUTCOME,
        TOPICS,
        ARREARS_ESCALATE_DAYS,
        TARGET_VISIT_CONTACT_PCT,
        TARGET_KNOWN_HOUSEHOLDS_PCT,
        TARGET_RENOVATION_CHECK_PCT,
        // issue 25: surveys
        SURVEY,
        OFFICE_BUILDING,
        SAMPLE_PCT,
        SEED,
        SCORE_HOUSING,
        SCORE_SECURITY,
        SCORE_VEHICLES,
        SCORE_CLEANING,
        SCORE_LANDSCAPING,
        SCORE_REPAIRS,
        SCORE_COMPLAINT_HANDLING,
        SCORE_COMMUNITY_ACTIVITIES,
        SCORE_CONVENIENCE_SERVICES,
        TARGET_SURVEY_COVERAGE_PCT,
        TARGET_SURVEY_RETURN_PCT,
        TARGET_SURVEY_RETURN_OFFICE_PCT,
        // issue 25: services
        PRICE_UNIT,
        PRICE,
        ACTIVE,
        SERVICE_PRICE,
        QUANTITY,
        QUOTE,
        CONSENT_AT,
        PAY_STATE,
        KEY_COUNT,
        TAG,
        DEPOSITED_AT,
        KEY_DEPOSIT,
        HOLDER,
        OUT_AT,
        RETURNED_AT,
        RETURN_SIGNATURE,
        KEY_DUE_H,
        // issue 25: moving
        DOCUMENTS_CHECKED,
        KEYS,
        WATER_READING,
        ELECTRICITY_READING,
        GAS_READING,
        RESIDENT_CARD,
        ARREARS_CHECKED,
        ARREARS_OWED,
        LINK,
        DAY,
        SLOT,
        DIRECTION,
        GOODS,
        BOOKING,
        BEARER,
        BEARER_PHONE,
        PLATE,
        VALID_DAY,
        USED_AT,
        USED_BY,
        MOVING_PEAK1_START_H,
        MOVING_PEAK1_END_H,
        MOVING_PEAK2_START_H,
        MOVING_PEAK2_END_H,
        MOVING_SLOT_H,
        MOVING_FIRST_H,
        MOVING_LAST_H,
        MOVING_LEAD_DAYS,
        // issue 25: frontdesk
        CHANNEL,
        CALLER,
        OPEN_ITEMS,
        CONFIRMED_BY,
        CONFIRMED_AT,
        CARRIER,
        TRACKING,
        TOLD_AT,
        TOLD_HOW,
        COLLECTED_AT,
        COLLECTOR,
        QUESTION,
        ANSWER,
        KEYWORDS,
        MAIL_UNCOLLECTED_DAYS,
    ];
}
