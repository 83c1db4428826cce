//! The name of every kind and of every field of every kind, in both languages: what a
//! refusal notice, a history line ("修改了 …") or a conflict card says instead of a wire
//! name such as `done_at`. `tests.rs` walks `shared::schema::KINDS` and fails on a field
//! without a name here.

use super::Lang;
use shared::names::{field as f, kind as k};

/// The name of a kind of record ("报事", "回访记录"); `None` for a kind this build does not
/// know.
pub fn kind_name(kind: &str, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match kind {
        k::SITE => ("小区", "site"),             // not a kind: the English word
        k::AREA => ("片区", "area"),             // not a kind: the English word
        k::DEPARTMENT => ("部门", "department"), // not a kind: the English word
        k::BUILDING => ("楼栋", "building"),     // not a kind: the English word
        k::UNIT => ("房屋", "unit"),             // not a kind: the English word
        k::PERSON => ("住户", "resident"),
        k::UNIT_PERSON => ("房屋住户关系", "resident's tie to a unit"),
        k::STAFF => ("员工", "staff member"),
        k::REQUEST => ("报事", "request"), // not a kind: the English word
        k::REQUEST_EVENT => ("处理记录", "history entry"),
        k::REQUEST_COMMENT => ("备注", "comment"),
        k::CALLBACK => ("回访记录", "call-back"),
        k::PHOTO => ("照片", "photo"), // not a kind: the English word
        k::CLASSIFIER => ("分类", "classification"),
        k::SETTINGS => ("设置", "settings"), // not a kind: the English word
        k::PATROL_TEMPLATE => ("巡查表", "checklist"),
        k::PATROL_SECTION => ("巡查表分组", "checklist section"),
        k::PATROL_ITEM => ("检查项", "checklist item"),
        k::PATROL_OPTION => ("检查项选项", "item option"),
        k::PATROL_ROUND => ("巡查", "patrol round"),
        k::PATROL_ANSWER => ("巡查结果", "patrol answer"),
        k::CONFLICT => ("冲突", "conflict"), // not a kind: the English word
        k::REPORT_NOTE => ("报告意见", "report remarks"),
        k::RENOVATION => ("装修", "renovation"), // not a kind: the English word
        k::RENOVATION_CHECK => ("装修巡查", "renovation site check"),
        k::ARREARS => ("欠费", "arrears"), // not a kind: the English word
        k::ARREARS_CHASE => ("催缴记录", "arrears chase"),
        k::VISIT_PLAN => ("走访计划", "visit plan"),
        k::VISIT => ("入户走访", "home visit"),
        // issue 25: surveys
        k::SURVEY => ("满意度调查", "survey"), // not a kind: the English word
        k::SURVEY_ANSWER => ("调查问卷", "survey answer"),
        _ => return None,
    };
    Some(pick(lang, zh, en))
}

/// The name of `field` of `kind`, as a label ("完成时间", "Completion time"); `None` for a
/// field this build does not know. A few names mean something else on another kind (a
/// unit's `number` is its unit number, an answer's a reading).
pub fn field_name(kind: &str, field: &str, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match (kind, field) {
        (k::PERSON, f::NAME) | (k::STAFF, f::NAME) => ("姓名", "Name"),
        (k::UNIT, f::NUMBER) => ("房号", "Unit number"),
        (k::UNIT, f::TYPE) => ("房屋类型", "Unit type"),
        (k::UNIT, f::STATE) => ("房屋状态", "Occupancy"),
        (k::UNIT, f::LABEL) => ("门牌", "Door label"),
        (k::PATROL_ANSWER, f::NUMBER) => ("读数", "Reading"),
        (k::PATROL_ANSWER, f::RESULT) => ("检查结果", "Result"),
        (k::PATROL_ANSWER, f::TEXT) => ("填写内容", "Answer text"),
        (k::PATROL_ITEM, f::TYPE) => ("检查方式", "Item type"),
        (k::REQUEST_EVENT, f::TYPE) => ("事件类型", "Event type"),
        (k::REQUEST_EVENT, f::FROM) => ("原状态", "Old status"),
        (k::REQUEST_EVENT, f::TO) => ("新状态", "New status"),
        (k::UNIT_PERSON, f::FROM) => ("起始日期", "From"),
        (k::UNIT_PERSON, f::TO) => ("截止日期", "Until"),
        (k::UNIT_PERSON, f::ROLE) => ("身份", "Tie"),
        (k::STAFF, f::ROLE) => ("角色", "Role"),
        (k::CALLBACK, f::RESULT) => ("回访结果", "Call-back result"),
        (k::CALLBACK, f::COMMENT) => ("住户意见", "Resident's comment"),
        (k::CONFLICT, f::STATUS) => ("处理状态", "Resolution"),
        (k::REPORT_NOTE, f::TYPE) => ("报告类型", "Report type"),
        (k::REPORT_NOTE, f::CAUSE) => ("原因分析", "Causes"),
        (k::REPORT_NOTE, f::CORRECTIVE_REPORT) => ("整改措施", "Corrective actions"),
        (k::RENOVATION, f::CREATED_AT) => ("申请时间", "Applied at"),
        (k::RENOVATION, f::CREATED_BY) => ("登记人", "Filed by"),
        (k::RENOVATION, f::NOTE) => ("备注", "Note"),
        (k::RENOVATION_CHECK, f::RESULT) => ("巡查结果", "Check result"),
        (k::RENOVATION_CHECK, f::REQUEST) => ("整改报事", "Rectification request"),
        (k::ARREARS_CHASE, f::RESULT) => ("催缴结果", "Outcome"),
        (k::ARREARS_CHASE, f::SIGNATURE) => ("业主签收", "Owner's signature"),
        (k::VISIT, f::PERSON) => ("接待住户", "Resident met"),
        (k::VISIT, f::REMARKS) => ("走访记录", "Remarks"),
        (k::VISIT, f::SATISFACTION) => ("满意度", "Satisfaction"),
        (k::VISIT_PLAN, f::NAME) => ("计划名称", "Plan name"),
        (k::SURVEY, f::NAME) => ("调查名称", "Survey name"),
        (k::SURVEY, f::TOPICS) => ("调查主题", "Topics"),
        (k::SURVEY_ANSWER, f::OUTCOME) => ("征询结果", "Outcome"),
        (k::SURVEY_ANSWER, f::PERSON) => ("受访人", "Person asked"),
        (k::SURVEY_ANSWER, f::COMMENT) => ("意见与建议", "Comments"),
        (_, field) => return generic(field, lang),
    };
    Some(pick(lang, zh, en))
}

/// A field's name whatever its kind.
fn generic(field: &str, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match field {
        f::AREA => ("片区", "Area"),
        f::ASSIGNEE => ("负责人", "Assignee"),
        f::AT => ("时间", "Time"),
        f::BUILDING => ("楼栋", "Building"),
        f::BY => ("经办人", "By"),
        f::BYTES => ("文件大小", "File size"),
        f::CALLBACK_H => ("回访时限（小时）", "Call-back within (hours)"),
        f::CANCEL_REASON => ("取消原因", "Cancellation reason"),
        f::CAPTION => ("说明", "Caption"),
        f::CATEGORY => ("类型", "Type"),
        f::CAUSE => ("原因", "Cause"),
        f::CLASSIFIER => ("分类", "Classification"),
        f::CODE => ("代码", "Code"),
        f::COMMENT => ("意见", "Comment"),
        f::COMPLAINT_ANSWER_H => ("投诉答复时限（小时）", "Complaint answer within (hours)"),
        f::COMPLAINT_STANDS => ("投诉是否成立", "Complaint founded"),
        f::CONFIRMATION => ("住户确认", "Resident's confirmation"),
        f::CONFIRMATION_NOTE => ("确认说明", "Confirmation note"),
        f::CONTACT_NAME => ("联系人", "Contact name"),
        f::CONTACT_PHONE => ("联系电话", "Contact phone"),
        f::CORRECTIVE_REPORT => ("整改报告", "Corrective-action report"),
        f::COVERS => ("检查范围", "Covers"),
        f::CREATED_AT => ("受理时间", "Taken at"),
        f::CREATED_BY => ("受理人", "Taken by"),
        f::DEFAULT_ASSIGNEE => ("默认负责人", "Default assignee"),
        f::DELETED => ("删除", "Deletion"),
        f::DEPARTMENT => ("部门", "Department"),
        f::DESCRIPTION => ("描述", "Description"),
        f::DEVICE => ("设备", "Device"),
        f::DONE_AT => ("完成时间", "Completion time"),
        f::DUE_AT => ("到期时间", "Due time"),
        f::ENDED_AT => ("结束时间", "End time"),
        f::ENTRANCES => ("单元数", "Entrances"),
        f::ESCALATION => ("升级", "Escalation"),
        f::FAILS => ("算作不合格", "Counts as a fail"),
        f::FIELD => ("字段", "Field"),
        f::FIELDS => ("修改的内容", "Fields edited"),
        f::FLOOR => ("楼层", "Floor"),
        f::FLOOR_AREA => ("面积", "Floor area"),
        f::FLOORS_ABOVE => ("地上层数", "Floors above ground"),
        f::FLOORS_BELOW => ("地下层数", "Floors below ground"),
        f::FROM => ("从", "From"),
        f::FROM_VERSION => ("起始版本", "From version"),
        f::HEIGHT => ("高度", "Height"),
        f::INQUIRY_REPLY_H => ("咨询答复时限（小时）", "Inquiry reply within (hours)"),
        f::INTERNAL => ("仅内部可见", "Internal"),
        f::ITEM => ("检查项", "Item"),
        f::KEPT_VALUE => ("保留的值", "Kept value"),
        f::KEPT_BY => ("保留值的填写人", "Kept value's author"),
        f::KEPT_REPLICA => ("保留值的设备", "Kept value's device"),
        f::KEPT_HLC => ("保留值的时间", "Kept value's time"),
        f::LOST_BY => ("被覆盖值的填写人", "Lost value's author"),
        f::ENTRANCE => ("单元", "Entrance"),
        f::COMMON_PLACE => ("公共部位", "Common place"),
        f::CLOSE_RESULT => ("办结结果", "Close result"),
        f::KEY_CUSTOMER => ("重点客户", "Key customer"),
        f::LABEL => ("标签", "Label"),
        f::LABEL_EN => ("英文名称", "English label"),
        f::LABEL_ZH => ("中文名称", "Chinese label"),
        f::LAT => ("纬度", "Latitude"),
        f::LEVEL => ("层级", "Level"),
        f::LON => ("经度", "Longitude"),
        f::LOST_HLC => ("被覆盖的时间戳", "Lost value's stamp"),
        f::LOST_REPLICA => ("被覆盖的设备", "Lost value's device"),
        f::LOST_VALUE => ("被覆盖的值", "Lost value"),
        f::MAX => ("上限", "Maximum"),
        f::MIME => ("文件类型", "File type"),
        f::MIN => ("下限", "Minimum"),
        f::MISSED_CALL => ("未接来电", "Missed call"),
        f::MISSED_CALL_H => ("未接来电回拨时限（小时）", "Missed call returned within (hours)"),
        f::NAME => ("名称", "Name"),
        f::NAME_EN => ("英文名称", "English name"),
        f::NAME_ZH => ("中文名称", "Chinese name"),
        f::NEXT_REPLY_AT => ("下次答复时间", "Next reply due"),
        f::NOTE => ("说明", "Note"),
        f::NUMBER => ("编号", "Number"),
        f::OPTION => ("选项", "Option"),
        f::OTHER_REPLY_H => ("其他答复时限（小时）", "Other reply within (hours)"),
        f::PARENT => ("上级", "Parent"),
        f::PARENT_ID => ("所属记录", "Belongs to"),
        f::PARENT_KIND => ("所属类型", "Belongs to kind"),
        f::PATROL_ANSWER => ("巡查结果", "Patrol answer"),
        f::PATROL_BY_FLOOR => ("按楼层巡查", "Patrol floor by floor"),
        f::PATROL_CYCLE_DAYS => ("巡查周期（天）", "Patrol cycle (days)"),
        f::PATROL_ITEM => ("检查项", "Checklist item"),
        f::PATROL_OPTION => ("检查项选项", "Item option"),
        f::PATROL_ROUND => ("巡查", "Patrol round"),
        f::PATROL_ROUNDS_PER_DAY => ("每日巡查次数", "Patrol rounds a day"),
        f::PATROL_SECTION => ("巡查表分组", "Checklist section"),
        f::PATROL_TEMPLATE => ("巡查表", "Checklist"),
        f::PERSON => ("住户", "Resident"),
        f::PHONE => ("电话", "Phone"),
        f::PHONE2 => ("备用电话", "Second phone"),
        f::PHOTO_KEEP_DAYS => ("照片保留天数", "Photo keep days"),
        f::PHOTO_ON_FAIL => ("不合格须拍照", "Photo required on fail"),
        f::PHOTO_QUALITY => ("照片质量", "Photo quality"),
        f::PLACE => ("位置", "Place"),
        f::PLAN => ("处理方案", "Handling plan"),
        f::PLAN_APPROVED_BY => ("方案批准人", "Plan approved by"),
        f::PROBLEM => ("问题", "Problem"),
        f::PURPOSE => ("用途", "Purpose"),
        f::QUALITY_CHECKS_PER_DAY => ("每日品质检查次数", "Quality checks a day"),
        f::RECEIVED_AT => ("到达服务器时间", "Reached the server at"),
        f::REPAIR_CALLBACK_PCT => ("维修回访比例", "Repair call-back share"),
        f::REPAIR_H => ("维修时限（小时）", "Repair within (hours)"),
        f::REPEAT_OF => ("重复投诉", "Repeat of"),
        f::REPLY => ("答复", "Reply"),
        f::REQUEST => ("所属报事", "Request"),
        f::RESOLVED_BY => ("处理人", "Resolved by"),
        f::RESPONSIBLE => ("责任人", "Responsible"),
        f::RESULT => ("结果", "Result"),
        f::REVIEW_MINUTE => ("每日检查时间", "Daily review time"),
        f::ROLE => ("身份", "Role"),
        f::ROUND => ("巡查", "Round"),
        f::SATISFACTION => ("满意度", "Satisfaction"),
        f::SCORE => ("评分", "Score"),
        f::SECTION => ("分组", "Section"),
        f::SHA256 => ("照片文件", "Photo file"),
        f::SIGNATURE => ("住户签名", "Resident's signature"),
        f::SITE => ("小区", "Site"),
        f::SORT => ("排序", "Order"),
        f::SOURCE => ("来源", "Source"),
        f::STAFF => ("员工", "Staff member"),
        f::STARTED_AT => ("开始时间", "Start time"),
        f::STATE => ("状态", "State"),
        f::STATUS => ("状态", "Status"),
        f::STUCK_H => ("滞留提醒（小时）", "Stuck after (hours)"),
        f::SUBJECT => ("被检查人", "Whose work"),
        f::TAKEN_AT => ("拍摄时间", "Taken at"),
        f::TARGET_ID => ("所属记录", "Record"),
        f::TARGET_KIND => ("记录类型", "Record kind"),
        f::TEMPLATE => ("巡查表", "Checklist"),
        f::TEXT => ("内容", "Text"),
        f::TEXT_EN => ("英文内容", "English text"),
        f::TEXT_ZH => ("中文内容", "Chinese text"),
        f::THUMB_SHA256 => ("缩略图文件", "Thumbnail file"),
        f::TO => ("至", "To"),
        f::TO_VERSION => ("截止版本", "To version"),
        f::TOPIC => ("事项", "Topic"),
        f::TYPE => ("类型", "Type"),
        f::UNIT => ("房屋", "Unit"),
        f::URGENCY => ("紧急程度", "Urgency"),
        f::URGENT_REPAIR_H => ("紧急维修时限（小时）", "Urgent repair within (hours)"),
        f::USERNAME => ("用户名", "Username"),
        f::VERSION => ("版本", "Version"),
        f::WIDTH => ("宽度", "Width"),
        f::TARGET_REPLY_PCT => ("咨询回复率目标（%）", "Inquiry reply rate target (%)"),
        f::TARGET_COMPLAINT_REPLY_PCT => ("投诉回复率目标（%）", "Complaint reply rate target (%)"),
        f::TARGET_ON_TIME_PCT => ("回复及时率目标（%）", "On-time reply rate target (%)"),
        f::TARGET_SATISFACTION_PCT => ("满意率目标（%）", "Satisfaction target (%)"),
        f::TARGET_COMPLAINT_SATISFACTION_PCT => {
            ("投诉满意率目标（%）", "Complaint satisfaction target (%)")
        }
        f::TARGET_REPEAT_COMPLAINT_PCT => {
            ("重复投诉率上限（%）", "Repeat-complaint rate ceiling (%)")
        }
        f::TARGET_COMPLAINT_CALLBACK_PCT => {
            ("投诉回访率目标（%）", "Complaint call-back target (%)")
        }
        f::PERIOD_START => ("统计周期", "Period"),
        f::REMARKS => ("主管意见", "Supervisor's remarks"),
        f::SUBMITTED_AT => ("提交时间", "Submitted at"),
        f::APPLICANT => ("申请人", "Applicant"),
        f::APPLICANT_ROLE => ("申请人身份", "Applicant is"),
        f::APPLICANT_PHONE => ("申请人电话", "Applicant's phone"),
        f::COMPANY => ("装修公司", "Contractor"),
        f::FOREMAN => ("施工负责人", "Foreman"),
        f::FOREMAN_PHONE => ("负责人电话", "Foreman's phone"),
        f::WORKERS => ("施工人数", "Workers"),
        f::WORKS => ("装修项目", "Scope of works"),
        f::PLANNED_START => ("计划开工", "Planned start"),
        f::PLANNED_END => ("计划完工", "Planned end"),
        f::DEPOSIT => ("装修押金", "Deposit"),
        f::REVIEW_NOTE => ("审核意见", "Review"),
        f::REVIEWED_BY => ("审核人", "Reviewed by"),
        f::REVIEWED_AT => ("审核时间", "Reviewed at"),
        f::APPROVED_BY => ("审批人", "Approved by"),
        f::APPROVED_AT => ("审批时间", "Approved at"),
        f::EXTENDED_TO => ("延期至", "Extended to"),
        f::ACCEPTED_AT => ("验收时间", "Accepted at"),
        f::ACCEPTED_BY => ("验收人", "Accepted by"),
        f::DEPOSIT_REQUEST => ("押金退还工单", "Deposit return request"),
        f::RENOVATION => ("所属装修", "Renovation"),
        f::FAILED_ITEMS => ("不合格项", "Failed items"),
        f::STOP_ORDER => ("停工令", "Stop order"),
        f::VIOLATION => ("违规情况", "Violation"),
        f::FEE_TYPE => ("费用类型", "Fee"),
        f::PERIOD => ("所属期间", "Period"),
        f::AMOUNT => ("欠费金额", "Amount owed"),
        f::PAID_AMOUNT => ("已缴金额", "Paid"),
        f::PAID_AT => ("缴清时间", "Paid at"),
        f::SECOND_NOTICE_AT => ("第二次催缴通知", "Second notice sent"),
        f::ARREARS => ("所属欠费", "Arrears"),
        f::METHOD => ("方式", "Method"),
        f::PROMISED_AT => ("承诺缴费日期", "Promised to pay by"),
        f::VISIT_PLAN => ("走访计划", "Visit plan"),
        f::PERIOD_END => ("截止日期", "Period end"),
        f::TARGET_PCT => ("有效接触目标（%）", "Effective contact target (%)"),
        f::OUTCOME => ("走访结果", "Outcome"),
        f::TOPICS => ("交流事项", "Topics"),
        f::ARREARS_ESCALATE_DAYS => (
            "二次催缴后上门/电话仍未缴，上报经理（天）",
            "Unpaid after the call or visit, escalate after (days)",
        ),
        f::TARGET_VISIT_CONTACT_PCT => {
            ("入户走访有效接触目标（%）", "Home visit contact target (%)")
        }
        f::TARGET_KNOWN_HOUSEHOLDS_PCT => ("熟悉住户目标（%）", "Households known target (%)"),
        f::TARGET_RENOVATION_CHECK_PCT => {
            ("装修日巡查覆盖目标（%）", "Daily renovation check target (%)")
        }
        // issue 25: surveys
        f::SURVEY => ("所属调查", "Survey"),
        f::OFFICE_BUILDING => ("办公楼", "Office building"),
        f::SAMPLE_PCT => ("随机抽样比例（%）", "Random sample share (%)"),
        f::SEED => ("抽样种子", "Draw seed"),
        f::SCORE_HOUSING => ("房屋管理评价", "Housing management score"),
        f::SCORE_SECURITY => ("治安评价", "Security score"),
        f::SCORE_VEHICLES => ("车辆管理评价", "Vehicles score"),
        f::SCORE_CLEANING => ("清洁评价", "Cleaning score"),
        f::SCORE_LANDSCAPING => ("绿化评价", "Landscaping score"),
        f::SCORE_REPAIRS => ("工程维修评价", "Repairs score"),
        f::SCORE_COMPLAINT_HANDLING => ("投诉处理评价", "Complaint handling score"),
        f::SCORE_COMMUNITY_ACTIVITIES => ("社区活动评价", "Community activities score"),
        f::SCORE_CONVENIENCE_SERVICES => ("便民服务评价", "Convenience services score"),
        f::TARGET_SURVEY_COVERAGE_PCT => ("调查覆盖率目标（%）", "Survey coverage target (%)"),
        f::TARGET_SURVEY_RETURN_PCT => ("问卷回收率目标（%）", "Survey return target (%)"),
        f::TARGET_SURVEY_RETURN_OFFICE_PCT => {
            ("办公楼问卷回收率目标（%）", "Office building return target (%)")
        }
        _ => return None,
    };
    Some(pick(lang, zh, en))
}

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
