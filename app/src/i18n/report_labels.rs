//! The reports page's strings (issue 22: figures, periods, breakdowns, charts), both
//! languages side by side; kept apart from [`super::Key`] like the patrol pages'.

use super::{pick, Lang};
use shared::report::breakdown::By;
use shared::report::{KpiId, PeriodKind};

words! {
    /// A string of the reports page.
    Rp;
    Title => "报表", "Reports";
    Site => "全小区", "Whole site";
    Glance => "本片区一览", "My area at a glance";
    Figures => "考核指标", "Figures";
    Today => "今日", "Today";
    ThisWeek => "本周", "This week";
    ThisMonth => "本月", "This month";
    Period => "统计周期", "Period";
    Earlier => "上一期", "Earlier";
    Later => "下一期", "Later";
    From => "起", "From";
    To => "止", "To";
    Figure => "指标", "Figure";
    Value => "本期", "This period";
    Target => "目标", "Target";
    Status => "达标", "Target met";
    Previous => "上期", "Previous";
    Change => "变化（百分点）", "Change (points)";
    Met => "达标", "met";
    Missed => "未达标", "missed";
    NoData => "无数据", "no data";
    Numerator => "分子", "Counted";
    Denominator => "分母", "Out of";
    OpenNum => "查看计入分子的记录", "Show the records counted";
    OpenDen => "查看计入分母的记录", "Show the records it is out of";
    Records => "条记录", "records";
    Times => "次", "times";
    Close => "关闭", "Close";
    MoreRows => "仅显示前 {n} 条", "Showing the first {n}";
    Breakdown => "分项统计", "Breakdown";
    BreakdownBy => "分项", "Break down by";
    NoRows => "本期没有可统计的记录", "Nothing to count in this period";
    Charts => "图表", "Charts";
    ByTypeWeekly => "近 12 周各类报事数量", "Requests by type, last 12 weeks";
    SatisfactionTrend => "近 12 个月满意率与目标", "Satisfaction, last 12 months, against the target";
    OnTimeTrend => "近 12 个月回复及时率与目标", "On-time replies, last 12 months, against the target";
    Pareto => "本期投诉分类（帕累托）", "Complaints by category this period (Pareto)";
    Week => "周", "Week";
    Month => "月份", "Month";
    Count => "数量", "Count";
    Cumulative => "累计占比", "Cumulative share";
    Category => "类别", "Category";
    Unclassified => "未分类", "Unclassified";
    Total => "合计", "Total";
    NoComplaints => "本期没有投诉", "No complaints this period";
    TargetLine => "目标线", "Target line";
    ComputedIn => "计算用时 {ms} 毫秒", "Computed in {ms} ms";
}

/// The name of a figure.
pub fn kpi_label(k: KpiId, lang: Lang) -> &'static str {
    use KpiId::*;
    let (zh, en) = match k {
        InquiryReply => ("咨询回复率", "Inquiry reply rate"),
        ComplaintReply => ("投诉回复率", "Complaint reply rate"),
        InquiryOnTime => ("咨询回复及时率", "Inquiries answered on time"),
        ComplaintOnTime => ("投诉回复及时率", "Complaints answered on time"),
        Satisfaction => ("满意率", "Satisfaction"),
        ComplaintSatisfaction => ("投诉满意率", "Complaint satisfaction"),
        RepeatComplaint => ("重复投诉率", "Repeat complaints"),
        ComplaintCallback => ("投诉回访率", "Complaints called back"),
        RepairCallback => ("维修回访率", "Repairs called back"),
        PatrolDays => ("巡查达标天数", "Days with a full patrol"),
        PatrolCycle => ("楼栋巡查覆盖", "Buildings patrolled in the cycle"),
        QualityChecks => ("品质检查达标", "Quality checks done"),
    };
    pick(lang, zh, en)
}

/// The name of a kind of period.
pub fn period_kind_label(k: PeriodKind, lang: Lang) -> &'static str {
    let (zh, en) = match k {
        PeriodKind::Day => ("日", "Day"),
        PeriodKind::Week => ("周", "Week"),
        PeriodKind::Month => ("月", "Month"),
        PeriodKind::Quarter => ("季度", "Quarter"),
        PeriodKind::Custom => ("自定义", "Custom"),
    };
    pick(lang, zh, en)
}

/// What a breakdown cuts by.
pub fn by_label(by: By, lang: Lang) -> &'static str {
    let (zh, en) = match by {
        By::Area => ("片区", "Area"),
        By::Butler => ("管家", "Butler"),
        By::Department => ("部门", "Department"),
        By::Category => ("报事类型", "Request type"),
        By::Topic => ("投诉类别", "Category"),
    };
    pick(lang, zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_report_string_and_figure_has_both_texts() {
        for k in Rp::ALL {
            assert!(!k.text(Lang::Zh).is_empty() && !k.text(Lang::En).is_empty(), "{k:?}");
        }
        for k in KpiId::ALL {
            assert_ne!(kpi_label(*k, Lang::Zh), kpi_label(*k, Lang::En), "{k:?}");
        }
        assert_eq!(by_label(By::Topic, Lang::Zh), "投诉类别");
        assert_eq!(period_kind_label(PeriodKind::Quarter, Lang::En), "Quarter");
    }
}
