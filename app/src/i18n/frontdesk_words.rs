//! The words of the front desk's pages (`/frontdesk`, `/frontdesk/handover`, `/mail`,
//! `/knowledge`): headings, labels, buttons, the labels of the desk's values and what each
//! form error says.

use super::{pick, Lang};
use crate::model::frontdesk::DeskError;
use crate::model::frontdesk_handover::HandoverError;
use crate::model::knowledge::KbError;
use crate::model::mail::MailError;
use shared::frontdesk::{Channel, DeskOutcome, MailType, ToldHow};

words! {
    /// A word or phrase of the front desk's pages.
    Fd, fn fd;
    Title => "前台", "Front desk";
    NewEntry => "来电来访登记", "Log a call or visit";
    Channel => "来源", "Channel";
    Caller => "来电/来访人", "Caller";
    Phone => "电话", "Phone";
    Unit => "房号", "Unit";
    UnitHint => "输入完整房号，如 3-0502", "Type the whole unit number, e.g. 3-0502";
    UnitFound => "已选房屋", "Unit chosen";
    UnitNone => "未找到该房号", "No such unit";
    Area => "片区", "Area";
    NoArea => "不指定", "None";
    Topic => "事由", "Topic";
    RequestType => "报事类型（转报事时）", "Request type (if it becomes one)";
    Outcome => "处理结果", "Outcome";
    Choose => "请选择", "Choose";
    Save => "保存", "Save";
    TodayLog => "今日登记", "Today's log";
    NoEntries => "今日暂无登记", "Nothing logged today";
    ToRequest => "转报事", "To request";
    ReturnedCall => "已回拨", "Called back";
    Returned => "已回拨于", "Returned at";
    Overdue => "超时未回拨", "Not returned in time";
    Request => "报事", "Request";
    Time => "时间", "Time";
    Place => "房屋/片区", "Unit or area";
    By => "经办人", "By";
    Handover => "交接班", "Shift handover";
    HandoverTitle => "交接班", "Shift handover";
    HandoverTo => "接班人", "Handed to";
    Anyone => "下一班任何人", "Anyone on the next shift";
    HandoverNote => "交班说明", "Shift note";
    OpenItems => "未结事项", "Open items";
    NoOpenItems => "无未结事项", "No open items";
    HandoverSave => "提交交班", "Hand over";
    Confirm => "确认接班", "Confirm";
    Confirmed => "已确认接班", "Confirmed";
    Waiting => "待接班确认", "Waiting for confirmation";
    HandoverFrom => "交班人", "Handed over by";
    MissedCallItem => "未回拨来电", "Missed call not returned";
    OverdueItem => "已超时", "Overdue";
    DueSoonItem => "即将到期", "Due soon";
    InquiryItem => "未答复咨询", "Inquiry not answered";
    MailTitle => "邮件包裹", "Mail and parcels";
    MailNew => "登记收件", "Log mail received";
    MailType => "类型", "Type";
    Carrier => "快递公司", "Carrier";
    Tracking => "运单号", "Tracking number";
    Note => "备注", "Note";
    MailWaiting => "待领取", "Waiting";
    MailLong => "超期未取", "Long uncollected";
    MailAll => "全部", "All";
    Received => "收件", "Received";
    Told => "已通知", "Told";
    ToldHow => "通知方式", "Told by";
    TellButton => "已通知住户", "Resident told";
    Collected => "已领取", "Collected";
    Collector => "领取人", "Collected by";
    CollectButton => "领取签收", "Collected";
    Signature => "领取人签名", "Collector's signature";
    LongUncollected => "超期", "Overdue";
    NoMail => "暂无邮件包裹", "No mail here";
    KbTitle => "知识库", "Knowledge base";
    KbSearch => "搜索常见问题", "Search common questions";
    KbNew => "新增问答", "New answer";
    KbEdit => "编辑问答", "Edit answer";
    KbQuestion => "问题", "Question";
    KbAnswer => "答复", "Answer";
    KbKeywords => "关键词（逗号分隔）", "Keywords (comma-separated)";
    KbCategory => "分类", "Category";
    KbSort => "排序号", "Order";
    KbDelete => "删除", "Delete";
    KbNoHits => "没有找到答案", "No answer found";
    KbBack => "返回知识库", "Back to the knowledge base";
    Saved => "已保存", "Saved";
    Cancel => "取消", "Cancel";
    MissedCallsDay => "超时未回拨的来电", "Missed calls not returned in time";
    Mail => "邮件包裹", "Mail";
    Knowledge => "知识库", "Knowledge base";
    Log => "登记", "Log";
}

/// A desk entry's channel, in `lang`.
pub fn channel_label(c: Channel, lang: Lang) -> &'static str {
    match c {
        Channel::Phone => pick(lang, "来电", "Phone call"),
        Channel::WalkIn => pick(lang, "来访", "Walk-in"),
        Channel::MissedCall => pick(lang, "未接来电", "Missed call"),
    }
}

/// What became of a desk entry, in `lang`.
pub fn desk_outcome_label(o: DeskOutcome, lang: Lang) -> &'static str {
    match o {
        DeskOutcome::Answered => pick(lang, "已答复", "Answered"),
        DeskOutcome::Request => pick(lang, "已转报事", "Became a request"),
        DeskOutcome::CallBack => pick(lang, "待回电", "To call back"),
    }
}

/// A mail item's type, in `lang`.
pub fn mail_type_label(t: MailType, lang: Lang) -> &'static str {
    match t {
        MailType::Letter => pick(lang, "平信", "Letter"),
        MailType::Parcel => pick(lang, "包裹", "Parcel"),
        MailType::Registered => pick(lang, "挂号/签收件", "Registered"),
        MailType::Other => pick(lang, "其他", "Other"),
    }
}

/// How a resident was told, in `lang`.
pub fn told_how_label(t: ToldHow, lang: Lang) -> &'static str {
    match t {
        ToldHow::Phone => pick(lang, "电话", "Phone"),
        ToldHow::Message => pick(lang, "短信/微信", "Message"),
        ToldHow::Note => pick(lang, "留言条", "Note"),
        ToldHow::InPerson => pick(lang, "当面", "In person"),
    }
}

/// Why a desk entry was not saved, in `lang`.
pub fn desk_error_text(e: DeskError, lang: Lang) -> &'static str {
    match e {
        DeskError::ChannelRequired => pick(lang, "请选择来源", "Choose the channel"),
        DeskError::TopicRequired => pick(lang, "请填写事由", "Enter the topic"),
        DeskError::TooLong => pick(lang, "内容过长", "Too long"),
        DeskError::AlreadyRequest => pick(lang, "已转为报事", "Already a request"),
        DeskError::NoPlace => {
            pick(lang, "请先为登记指定房号或片区", "Give the entry a unit or an area first")
        }
    }
}

/// Why a handover was not saved or confirmed, in `lang`.
pub fn handover_error_text(e: HandoverError, lang: Lang) -> &'static str {
    match e {
        HandoverError::NoteRequired => pick(lang, "请填写交班说明", "Write the shift note"),
        HandoverError::NoteTooLong => pick(lang, "交班说明过长", "The note is too long"),
        HandoverError::NotYours => pick(
            lang,
            "交接班须由接班人（非交班人）确认",
            "The incoming person, not the author, confirms a handover",
        ),
    }
}

/// Why a mail edit was not saved, in `lang`.
pub fn mail_error_text(e: MailError, lang: Lang) -> &'static str {
    match e {
        MailError::UnitRequired => pick(lang, "请输入收件房号", "Enter the unit"),
        MailError::TypeRequired => pick(lang, "请选择类型", "Choose the type"),
        MailError::TooLong => pick(lang, "内容过长", "Too long"),
        MailError::CollectorRequired => pick(lang, "请填写领取人", "Enter who collected it"),
    }
}

/// Why a knowledge entry was not saved, in `lang`.
pub fn kb_error_text(e: KbError, lang: Lang) -> &'static str {
    match e {
        KbError::QuestionRequired => pick(lang, "请填写问题", "Enter the question"),
        KbError::AnswerRequired => pick(lang, "请填写答复", "Enter the answer"),
        KbError::TooLong => pick(lang, "内容过长", "Too long"),
        KbError::BadSort => pick(lang, "排序号须为整数", "The order is a whole number"),
    }
}
