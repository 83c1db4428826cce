//! The words of the home visits pages (入户走访, `/visits`): the page, the plan and visit
//! forms, the desk table, the figures panel, the labels of a visit's outcome and topics,
//! and what each form error says.

use super::Lang;
use crate::model::visit_form::VisitError;
use shared::visit::{VisitOutcome, VisitTopic};

words! {
    /// A word or phrase of the visits pages.
    Vw, fn vw;
    Title => "入户走访", "Home visits";
    Plans => "走访计划", "Visit plans";
    NewPlan => "新建走访计划", "New visit plan";
    NoPlan => "本片区暂无进行中的走访计划", "No visit plan under way in this area";
    Coverage => "有效接触率", "Effective contact";
    Known => "熟悉住户（近12个月）", "Households known (12 months)";
    Target => "目标", "Target";
    Met => "达标", "Met";
    Missed => "未达标", "Missed";
    NotJudged => "无住户，不考核", "No households: not judged";
    ShortBy => "距目标还差（户）", "Households still needed";
    Households => "住户", "Households";
    NeverVisited => "从未走访", "Never visited";
    LastVisit => "最近走访", "Last visit";
    VisitsCount => "走访次数", "Visits";
    VisitButton => "走访", "Visit";
    Sort => "排序", "Sort";
    SortOldest => "最久未访在前", "Longest since a visit first";
    SortLatest => "最近走访在前", "Latest visit first";
    SortNumber => "按楼栋房号", "By building and unit";
    People => "住户姓名", "People";
    Area => "片区", "Area";
    PlanTitle => "新建走访计划", "New visit plan";
    PlanName => "计划名称", "Plan name";
    PeriodStart => "开始日期", "First day";
    PeriodEnd => "结束日期（含）", "Last day (included)";
    TargetPct => "有效接触率目标（%）", "Effective contact target (%)";
    TargetHint => "留空则采用小区设置", "Blank: the site's setting";
    Save => "保存", "Save";
    Cancel => "取消", "Cancel";
    VisitTitle => "走访记录", "Visit record";
    Household => "住户（房屋）", "Household (unit)";
    Outcome => "走访结果", "Outcome";
    MetPerson => "接待人", "Person met";
    Nobody => "未选择", "Not chosen";
    Topics => "沟通事项", "Topics";
    Remarks => "走访情况", "Remarks";
    Satisfaction => "满意度", "Satisfaction";
    SaveVisit => "保存走访", "Save visit";
    ThePlan => "所属计划", "Plan";
    NoCurrentPlan => "无进行中的计划", "No plan under way";
    RaiseRequest => "由此报事", "Raise a request";
    CorrectRegister => "更正台账", "Correct the register";
    CorrectHint => "新电话、新租户请在房屋台账页登记",
        "A new phone or tenant is recorded on the unit's register page";
    BackToVisits => "返回入户走访", "Back to home visits";
    DeskTitle => "走访台账", "Visits";
    ColAt => "走访时间", "Visited";
    ColArea => "片区", "Area";
    ColBuilding => "楼栋", "Building";
    ColUnit => "房号", "Unit";
    ColBy => "走访人", "Visited by";
    ColPlan => "计划", "Plan";
    Search => "搜索", "Search";
    AllAreas => "全部片区", "All areas";
    AllOutcomes => "全部结果", "All outcomes";
    Export => "导出 XLSX", "Export XLSX";
    RowsShown => "条走访", "visits";
    PanelTitle => "走访指标", "Visit figures";
    NoHouseholds => "本片区暂无入住住户", "No occupied units in this area";
    ContactedNow => "本期已接触", "Contacted this period";
    Period => "统计周期", "Period";
}

/// How a visit went, in `lang`.
pub fn visit_outcome_label(o: VisitOutcome, lang: Lang) -> &'static str {
    let (zh, en) = match o {
        VisitOutcome::Contacted => ("有效接触", "Contacted"),
        VisitOutcome::NotHome => ("不在家", "Not at home"),
        VisitOutcome::Refused => ("拒访", "Refused"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// A visit topic, in `lang`.
pub fn visit_topic_label(t: VisitTopic, lang: Lang) -> &'static str {
    let (zh, en) = match t {
        VisitTopic::Repairs => ("房屋与维修", "Repairs"),
        VisitTopic::Fees => ("物业费与收费", "Fees"),
        VisitTopic::Security => ("安全", "Security"),
        VisitTopic::Environment => ("环境、保洁、绿化", "Environment"),
        VisitTopic::Parking => ("车辆与停车", "Parking"),
        VisitTopic::Neighbours => ("邻里关系", "Neighbours"),
        VisitTopic::Suggestions => ("意见与建议", "Suggestions"),
        VisitTopic::Activities => ("社区活动", "Activities"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// Why a visit or plan form was not saved, in `lang`.
pub fn visit_error_text(e: VisitError, lang: Lang) -> &'static str {
    let (zh, en) = match e {
        VisitError::UnitRequired => ("请选择走访的住户", "Choose the household visited"),
        VisitError::OutcomeRequired => ("请选择走访结果", "Choose how the visit went"),
        VisitError::RemarksTooLong => {
            ("走访情况过长（最多 4000 字）", "Remarks are too long (4,000 characters at most)")
        }
        VisitError::AreaRequired => ("请选择片区", "Choose the area"),
        VisitError::NameRequired => ("请填写计划名称", "Give the plan a name"),
        VisitError::NameTooLong => {
            ("计划名称过长（最多 200 字）", "The name is too long (200 characters at most)")
        }
        VisitError::BadDate => ("请填写开始和结束日期", "Enter the first and the last day"),
        VisitError::EndBeforeStart => ("结束日期早于开始日期", "The last day is before the first"),
        VisitError::BadTarget => {
            ("目标须为 1 到 100 的整数", "The target is a whole number from 1 to 100")
        }
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_and_topic_has_two_different_words() {
        for o in VisitOutcome::ALL {
            assert_ne!(visit_outcome_label(*o, Lang::Zh), visit_outcome_label(*o, Lang::En));
        }
        for t in VisitTopic::ALL {
            assert_ne!(visit_topic_label(*t, Lang::Zh), visit_topic_label(*t, Lang::En));
        }
    }
}
