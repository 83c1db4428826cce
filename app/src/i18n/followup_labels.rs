//! Labels of the follow-up values (call-back results, satisfaction, escalation levels,
//! classifier levels) and of the settings' numbers, in both languages.

use super::{pick, Lang};
use shared::names::field;
use shared::request::classifier::Level;
use shared::request::{CallbackResult, Escalation, Satisfaction};

/// How a call-back attempt went.
pub fn callback_result_label(r: CallbackResult, lang: Lang) -> &'static str {
    let (zh, en) = match r {
        CallbackResult::Reached => ("已接通", "Reached"),
        CallbackResult::NoAnswer => ("无人接听", "No answer"),
        CallbackResult::WrongNumber => ("号码错误", "Wrong number"),
    };
    pick(lang, zh, en)
}

/// 满意 / 一般 / 不满意.
pub fn satisfaction_label(s: Satisfaction, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        Satisfaction::Satisfied => ("满意", "Satisfied"),
        Satisfaction::Neutral => ("一般", "Neutral"),
        Satisfaction::Dissatisfied => ("不满意", "Dissatisfied"),
    };
    pick(lang, zh, en)
}

/// Who handles a complaint now.
pub fn escalation_label(e: Escalation, lang: Lang) -> &'static str {
    let (zh, en) = match e {
        Escalation::None => ("前台处理", "At the desk"),
        Escalation::Supervisor => ("客服主管", "Supervisor"),
        Escalation::Manager => ("管理处经理", "Manager"),
    };
    pick(lang, zh, en)
}

/// A classifier level.
pub fn level_label(l: Level, lang: Lang) -> &'static str {
    let (zh, en) = match l {
        Level::Place => ("位置", "Place"),
        Level::Topic => ("类别", "Topic"),
        Level::Problem => ("问题", "Problem"),
    };
    pick(lang, zh, en)
}

/// A settings field (`shared::request::deadline::Settings::FIELDS`); the name itself when
/// unknown.
pub fn setting_label(field: &'static str, lang: Lang) -> &'static str {
    let (zh, en) = match field {
        field::INQUIRY_REPLY_H => ("咨询答复（小时）", "Inquiry reply (hours)"),
        field::COMPLAINT_ANSWER_H => ("投诉答复（小时）", "Complaint answer (hours)"),
        field::REPAIR_H => ("维修完成（小时）", "Repair finished (hours)"),
        field::URGENT_REPAIR_H => ("紧急维修完成（小时）", "Urgent repair finished (hours)"),
        field::OTHER_REPLY_H => {
            ("建议、表扬、有偿服务答复（小时）", "Suggestion, praise, paid service reply (hours)")
        }
        field::CALLBACK_H => ("完成后回访（小时）", "Call-back after done (hours)"),
        field::MISSED_CALL_H => ("未接来电回拨（小时）", "Missed call returned (hours)"),
        field::STUCK_H => {
            ("超时无进展视为滞留（小时）", "Overdue without progress = stuck (hours)")
        }
        field::REVIEW_MINUTE => {
            ("每日未完成报事检查时间", "Daily review of unfinished requests at")
        }
        field::REPAIR_CALLBACK_PCT => ("维修回访率目标（%）", "Repair call-back target (%)"),
        field::PHOTO_QUALITY => ("照片压缩质量（%，30–100）", "Photo JPEG quality (%, 30–100)"),
        field::PHOTO_KEEP_DAYS => (
            "已上传照片原图在本机保留（天）",
            "Keep uploaded photo originals on this device (days)",
        ),
        field::PATROL_ROUNDS_PER_DAY => ("每日巡查轮次（至少）", "Patrol rounds a day (at least)"),
        field::PATROL_CYCLE_DAYS => {
            ("每栋楼（或每层）巡查周期（天）", "Every building (or floor) patrolled within (days)")
        }
        field::PATROL_BY_FLOOR => {
            ("巡查覆盖按楼层计（关闭则按楼栋）", "Patrol coverage by floor (off: by building)")
        }
        field::QUALITY_CHECKS_PER_DAY => {
            ("主管每个工作日品质检查（次）", "Supervisor quality checks per working day")
        }
        field::TARGET_REPLY_PCT => ("咨询回复率目标（%）", "Inquiry reply rate target (%)"),
        field::TARGET_COMPLAINT_REPLY_PCT => {
            ("投诉回复率目标（%）", "Complaint reply rate target (%)")
        }
        field::TARGET_ON_TIME_PCT => ("回复及时率目标（%）", "On-time reply rate target (%)"),
        field::TARGET_SATISFACTION_PCT => ("满意率目标（%）", "Satisfaction target (%)"),
        field::TARGET_COMPLAINT_SATISFACTION_PCT => {
            ("投诉满意率目标（%）", "Complaint satisfaction target (%)")
        }
        field::TARGET_REPEAT_COMPLAINT_PCT => {
            ("重复投诉率上限（%）", "Repeat-complaint rate ceiling (%)")
        }
        field::TARGET_COMPLAINT_CALLBACK_PCT => {
            ("投诉回访率目标（%）", "Complaint call-back target (%)")
        }
        // issue 25: services
        field::KEY_DUE_H => {
            ("借出钥匙应还时限（小时）", "Keys signed out are due back after (hours)")
        }
        field::ARREARS_ESCALATE_DAYS => (
            "二次催缴后电话/上门仍未缴，上报经理（天）",
            "Unpaid this many days after the call or visit: to the manager",
        ),
        field::TARGET_VISIT_CONTACT_PCT => {
            ("入户走访有效接触目标（%）", "Home visit effective contact target (%)")
        }
        field::TARGET_KNOWN_HOUSEHOLDS_PCT => (
            "熟悉住户目标（%，12个月内有确认联系）",
            "Households known target (%, contact in 12 months)",
        ),
        field::TARGET_RENOVATION_CHECK_PCT => {
            ("在施装修每日巡查覆盖目标（%）", "Active renovations checked daily target (%)")
        }
        field::TARGET_SURVEY_COVERAGE_PCT => {
            ("满意度调查户数覆盖目标（%）", "Survey coverage of households target (%)")
        }
        field::TARGET_SURVEY_RETURN_PCT => ("问卷回收率目标（%）", "Survey return rate target (%)"),
        field::TARGET_SURVEY_RETURN_OFFICE_PCT => {
            ("办公楼问卷回收率目标（%）", "Survey return rate target, office buildings (%)")
        }
        // issue 25: moving
        field::MOVING_PEAK1_START_H => {
            ("搬家禁行早高峰开始（时）", "Morning peak, no moves, from (hour)")
        }
        field::MOVING_PEAK1_END_H => {
            ("搬家禁行早高峰结束（时）", "Morning peak, no moves, until (hour)")
        }
        field::MOVING_PEAK2_START_H => {
            ("搬家禁行晚高峰开始（时）", "Evening peak, no moves, from (hour)")
        }
        field::MOVING_PEAK2_END_H => {
            ("搬家禁行晚高峰结束（时）", "Evening peak, no moves, until (hour)")
        }
        field::MOVING_SLOT_H => ("货梯预约时段长度（小时）", "Lift booking slot (hours)"),
        field::MOVING_FIRST_H => ("每日最早搬家（时）", "Moves from (hour)"),
        field::MOVING_LAST_H => ("每日最晚搬家（时）", "Moves until (hour)"),
        field::MOVING_LEAD_DAYS => ("搬家须提前预约（天）", "Book a move ahead (days)"),
        field::MAIL_UNCOLLECTED_DAYS => {
            ("邮件包裹超期未取提醒（天）", "Mail uncollected, flagged after (days)")
        }
        other => (other, other),
    };
    pick(lang, zh, en)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use shared::request::deadline::Settings;

    #[test]
    fn every_setting_has_a_label_in_both_languages() {
        for (name, _, _) in Settings::FIELDS {
            assert_ne!(setting_label(name, Lang::Zh), *name, "{name}");
            assert_ne!(setting_label(name, Lang::En), *name, "{name}");
        }
        assert_eq!(satisfaction_label(Satisfaction::Dissatisfied, Lang::Zh), "不满意");
    }
}
