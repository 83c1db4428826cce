//! The words of the survey pages (满意度调查, `/surveys`): the list, the new survey and
//! answer forms, the sample, the results and their export, the labels of a survey's topics,
//! methods and outcomes, and what each form error says.

use super::{pick, Lang};
use crate::model::survey_form::SurveyError;
use shared::survey::{SurveyMethod, SurveyOutcome, SurveyTopic};

words! {
    /// A word or phrase of the survey pages.
    Sw, fn sw;
    Title => "满意度调查", "Satisfaction surveys";
    NewSurvey => "新建调查", "New survey";
    NoSurvey => "暂无调查", "No survey yet";
    Area => "片区", "Area";
    Areas => "调查片区", "Areas surveyed";
    Name => "调查名称", "Survey name";
    PeriodStart => "开始日期", "First day";
    PeriodEnd => "结束日期（含）", "Last day (included)";
    Topics => "调查主题", "Topics";
    OfficeBuilding => "办公楼（回收率目标90%）", "Office building (return target 90%)";
    SamplePct => "随机抽样比例（%）", "Random sample share (%)";
    SampleHint => "留空为100%，投诉户全部纳入", "Blank: 100%; complainants always in";
    Save => "保存", "Save";
    Cancel => "取消", "Cancel";
    UnderWay => "进行中", "Under way";
    Sample => "抽样住户", "Households to ask";
    Done => "已完成", "Done";
    ToAsk => "待征询", "To ask";
    Complainant => "投诉户（重点抽样）", "Complainant (second-stage sample)";
    Drawn => "随机抽中", "Drawn at random";
    Ask => "征询", "Ask";
    Results => "调查结果", "Results";
    Household => "住户（房屋）", "Household (unit)";
    People => "住户姓名", "People";
    Method => "征询方式", "Method";
    Outcome => "征询结果", "Outcome";
    Person => "受访人", "Person asked";
    Nobody => "未选择", "Not chosen";
    Comment => "意见与建议", "Comments";
    SaveAnswer => "保存问卷", "Save answer";
    NotInSample => "该住户不在本次抽样中", "This household is not in the sample";
    Coverage => "调查覆盖率", "Coverage of households";
    ReturnRate => "问卷回收率", "Return rate";
    Returned => "回收问卷", "Returned";
    HandedOut => "发放问卷", "Handed out";
    Approached => "已征询户数", "Households approached";
    Satisfaction => "满意率", "Satisfaction";
    Raw => "满意率（原始）", "Satisfaction (raw)";
    Adjusted => "满意率（按回收率折算）", "Satisfaction (adjusted for return)";
    Penalty => "回收率每低5个百分点，满意率降1个百分点",
        "Each 5 points of return short of target: satisfaction -1 point";
    Target => "目标", "Target";
    Topic => "主题", "Topic";
    Scored => "评分份数", "Answers scoring it";
    Satisfied => "满意", "Satisfied";
    LastQuarter => "上季度", "Last quarter";
    Change => "变化（百分点）", "Change (points)";
    ByTopic => "分类统计", "By topic";
    ByArea => "分片区统计", "By area";
    NoPrevious => "无上季度调查", "No survey last quarter";
    ExportResults => "导出结果 XLSX", "Export results XLSX";
    ExportAnswers => "导出问卷 XLSX", "Export answers XLSX";
    Print => "打印", "Print";
    ColAt => "征询时间", "Asked";
    ColBy => "征询人", "Asked by";
    ColUnit => "房号", "Unit";
    ColBuilding => "楼栋", "Building";
    PanelTitle => "满意度调查（本季度）", "Satisfaction surveys (this quarter)";
    BackToSurveys => "返回满意度调查", "Back to surveys";
    Points => "个百分点", "points";
}

/// A topic's label.
pub fn survey_topic_label(t: SurveyTopic, lang: Lang) -> &'static str {
    let (zh, en) = match t {
        SurveyTopic::Housing => ("房屋管理", "Housing management"),
        SurveyTopic::Security => ("治安", "Security"),
        SurveyTopic::Vehicles => ("车辆管理", "Vehicles"),
        SurveyTopic::Cleaning => ("清洁", "Cleaning"),
        SurveyTopic::Landscaping => ("绿化", "Landscaping"),
        SurveyTopic::Repairs => ("工程维修", "Repairs"),
        SurveyTopic::ComplaintHandling => ("投诉处理", "Complaint handling"),
        SurveyTopic::CommunityActivities => ("社区活动", "Community activities"),
        SurveyTopic::ConvenienceServices => ("便民服务", "Convenience services"),
    };
    pick(lang, zh, en)
}

/// A method's label.
pub fn survey_method_label(m: SurveyMethod, lang: Lang) -> &'static str {
    let (zh, en) = match m {
        SurveyMethod::Door => ("上门征询", "Door to door"),
        SurveyMethod::Phone => ("电话征询", "By phone"),
        SurveyMethod::Paper => ("纸质问卷", "Paper questionnaire"),
    };
    pick(lang, zh, en)
}

/// An outcome's label.
pub fn survey_outcome_label(o: SurveyOutcome, lang: Lang) -> &'static str {
    let (zh, en) = match o {
        SurveyOutcome::Answered => ("已答卷", "Answered"),
        SurveyOutcome::Refused => ("拒答/未交回", "Refused or not returned"),
        SurveyOutcome::NotHome => ("不在家", "Not at home"),
    };
    pick(lang, zh, en)
}

/// What a form error says.
pub fn survey_error_text(e: SurveyError, lang: Lang) -> &'static str {
    let (zh, en) = match e {
        SurveyError::AreaRequired => ("请至少选择一个片区", "Choose at least one area"),
        SurveyError::NameRequired => ("请填写调查名称", "Enter the survey's name"),
        SurveyError::NameTooLong => ("调查名称不超过200字", "The name is at most 200 characters"),
        SurveyError::BadDate => ("请填写有效日期", "Enter valid dates"),
        SurveyError::EndBeforeStart => {
            ("结束日期不能早于开始日期", "The last day cannot be before the first")
        }
        SurveyError::TopicsRequired => ("请至少选择一个主题", "Choose at least one topic"),
        SurveyError::BadSamplePct => {
            ("抽样比例应为1到100的整数", "The sample share is a whole number from 1 to 100")
        }
        SurveyError::OutcomeRequired => ("请选择征询结果", "Choose the outcome"),
        SurveyError::MethodRequired => ("请选择征询方式", "Choose the method"),
        SurveyError::ScoreRequired => {
            ("已答卷的问卷至少评一个主题", "An answered questionnaire scores at least one topic")
        }
        SurveyError::CommentTooLong => ("意见过长", "The comment is too long"),
    };
    pick(lang, zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_two_different_words_and_english_has_no_cjk_punctuation() {
        let cjk = |s: &str| s.chars().any(|c| "，。：；（）、！？".contains(c));
        let mut all: Vec<(&str, &str)> = Vec::new();
        for t in SurveyTopic::ALL {
            all.push((survey_topic_label(*t, Lang::Zh), survey_topic_label(*t, Lang::En)));
        }
        for m in SurveyMethod::ALL {
            all.push((survey_method_label(*m, Lang::Zh), survey_method_label(*m, Lang::En)));
        }
        for o in SurveyOutcome::ALL {
            all.push((survey_outcome_label(*o, Lang::Zh), survey_outcome_label(*o, Lang::En)));
        }
        for (zh, en) in all {
            assert_ne!(zh, en);
            assert!(!cjk(en), "{en}");
        }
        assert!(!cjk(sw(Sw::Penalty, Lang::En)) && !cjk(sw(Sw::OfficeBuilding, Lang::En)));
    }
}
