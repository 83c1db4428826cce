//! The printed reports' strings (issue 22: daily totals, the weekly summary, the monthly
//! service-quality report and the supervisor's remarks), both languages side by side; kept
//! apart from [`super::Key`] like the patrol pages'.

use super::{pick, Lang};
use shared::report::KpiId;
use shared::Role;

words! {
    /// A string of the printed reports.
    Rw;
    Kpis => "考核指标", "KPIs";
    Daily => "每日工作量统计", "Daily work totals";
    Weekly => "周报", "Weekly summary";
    Monthly => "月度服务质量报告", "Monthly service-quality report";
    Reports => "报表", "Reports";
    Previous => "‹ 上一期", "‹ Previous";
    Next => "下一期 ›", "Next ›";
    Print => "打印", "Print";
    Export => "导出 XLSX", "Export XLSX";
    Period => "统计周期", "Period";
    PrintedAt => "制表时间", "Printed";
    Name => "姓名", "Name";
    Role => "岗位", "Role";
    Taken => "受理", "Taken";
    Dispatched => "派单", "Dispatched";
    Done => "完成", "Done";
    Callbacks => "回访", "Call-backs";
    RoundsFull => "完整巡查", "Full rounds";
    RoundsPartial => "未走完巡查", "Partial rounds";
    Checks => "品质检查", "Quality checks";
    Photos => "照片", "Photos";
    Total => "合计", "Total";
    ByType => "报事受理与完成（按类型）", "Requests received and done, by type";
    Type => "类型", "Type";
    Received => "受理", "Received";
    CallbacksMade => "回访情况", "Call-backs made";
    Made => "回访次数", "Attempts";
    Reached => "接通", "Reached";
    Satisfied => "满意", "Satisfied";
    Neutral => "一般", "Neutral";
    Dissatisfied => "不满意", "Dissatisfied";
    Figures => "考核指标", "Figures";
    Kpi => "指标", "Figure";
    Count => "分子 / 分母", "Count";
    Item => "项目", "Item";
    Quantity => "数量", "Number";
    ByPerson => "按人员统计", "By person";
    Value => "本期", "Value";
    Target => "目标", "Target";
    Met => "达标", "Met";
    Missed => "未达标", "Missed";
    Late => "逾期与滞留工单", "Overdue and stuck requests";
    Number => "单号", "Number";
    TakenBy => "受理人", "Taken by";
    Due => "应完成", "Due";
    Stuck => "滞留", "Stuck";
    Yes => "是", "yes";
    NoneLate => "无逾期工单", "No overdue request";
    FollowUps => "跟进", "Follow-ups";
    Reviews => "每日复核记录", "Daily review entries";
    ProgressTold => "告知住户进度", "Residents told of progress";
    Patrol => "巡查", "Patrol";
    Complaints => "投诉分类统计", "Complaints by category";
    Category => "类别", "Category";
    Cases => "件数", "Cases";
    Answered => "已回复", "Answered";
    Causes => "原因", "Causes";
    Actions => "整改措施", "Corrective actions";
    NotRecorded => "未填写", "not recorded";
    Unclassified => "未分类", "Unclassified";
    NoComplaints => "本期无投诉", "No complaint in the period";
    Remarks => "主管意见", "Supervisor's remarks";
    RemarksText => "意见", "Remarks";
    CausesText => "原因分析", "Causes";
    ActionsText => "整改措施", "Corrective actions";
    SaveDraft => "保存草稿", "Save draft";
    Submit => "提交", "Submit";
    Submitted => "已提交", "Submitted";
    Draft => "草稿，未提交", "Draft, not submitted";
    NoRemarks => "主管尚未填写意见", "No remarks yet";
    Saved => "已保存", "Saved";
    MonthlyDue => "上月服务质量报告待提交（{d}日前）", "Last month's quality report is due (by day {d} of this month)";
    MonthlyOverdue => "上月服务质量报告已逾期未提交", "Last month's quality report is overdue";
}

/// A staff member's post, as the daily totals name it.
pub fn role_name(r: Role, lang: Lang) -> &'static str {
    let (zh, en) = match r {
        Role::Butler => ("管家", "Butler"),
        Role::Office => ("客服中心", "Office"),
        Role::Supervisor => ("主管", "Supervisor"),
        Role::Department => ("部门", "Department"),
    };
    pick(lang, zh, en)
}

/// The name of a figure, as the documents call it.
pub fn kpi_name(k: KpiId, lang: Lang) -> &'static str {
    let (zh, en) = match k {
        KpiId::InquiryReply => ("咨询回复率", "Inquiry reply rate"),
        KpiId::ComplaintReply => ("投诉回复率", "Complaint reply rate"),
        KpiId::InquiryOnTime => ("咨询回复及时率", "Inquiries answered on time"),
        KpiId::ComplaintOnTime => ("投诉回复及时率", "Complaints answered on time"),
        KpiId::Satisfaction => ("满意率", "Satisfaction"),
        KpiId::ComplaintSatisfaction => ("投诉满意率", "Complaint satisfaction"),
        KpiId::RepeatComplaint => ("重复投诉率", "Repeat-complaint rate"),
        KpiId::ComplaintCallback => ("投诉回访率", "Complaints called back"),
        KpiId::RepairCallback => ("维修回访率", "Repairs called back"),
        KpiId::PatrolDays => ("巡查达标天数", "Days with a full patrol"),
        KpiId::PatrolCycle => ("巡查覆盖", "Buildings patrolled in the cycle"),
        KpiId::QualityChecks => ("品质检查达标", "Quality-check days met"),
    };
    pick(lang, zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_report_string_and_figure_has_both_languages() {
        for w in Rw::ALL {
            assert!(!w.text(Lang::Zh).is_empty() && !w.text(Lang::En).is_empty(), "{w:?}");
        }
        for k in KpiId::ALL {
            assert_ne!(kpi_name(*k, Lang::Zh), kpi_name(*k, Lang::En), "{k:?}");
        }
    }
}
