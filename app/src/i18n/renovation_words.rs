//! The renovation pages' strings (issue 24 point 1): the list, the application, the detail
//! page and its permit, the daily site check, the desk; both languages side by side, kept
//! apart from [`super::Key`] like the patrol's.

use super::Lang;
use shared::renovation::{CheckResult, RenovationStatus};

words! {
    /// A string of the renovation pages.
    Rn;
    Title => "装修管理", "Renovations";
    NewTitle => "装修申请", "Renovation application";
    New => "新建装修申请", "New application";
    Nothing => "暂无装修记录", "No renovations";
    Show => "显示", "Show";
    Search => "搜索房号、申请人、施工单位", "Search unit, applicant, company";
    FilterActive => "施工中", "Under way";
    FilterReview => "待审核", "Waiting for review";
    FilterApproval => "待审批", "Waiting for approval";
    FilterAll => "全部", "All";
    Unit => "房屋", "Unit";
    UnitFilter => "输入房号或住户姓名查找", "Type a unit number or a name";
    UnitChoose => "请选择房屋", "Choose a unit";
    Area => "片区", "Area";
    Applicant => "申请人", "Applicant";
    ApplicantRole => "申请人身份", "Applicant is";
    Owner => "业主", "Owner";
    Tenant => "租户", "Tenant";
    Phone => "申请人电话", "Applicant's phone";
    Company => "施工单位", "Contractor";
    Foreman => "施工负责人", "Foreman";
    ForemanPhone => "负责人电话", "Foreman's phone";
    Workers => "施工人数", "Workers";
    Works => "装修内容", "Scope of works";
    Start => "计划开工", "Planned start";
    End => "计划完工", "Planned end";
    Deposit => "装修押金（元）", "Deposit (yuan)";
    Status => "状态", "Status";
    Department => "受理部门", "Department";
    CheckedToday => "今日巡查", "Checked today";
    Yes => "已巡查", "Checked";
    No => "未巡查", "Not checked";
    Documents => "申请资料（拍照）", "Documents (photographed)";
    DocumentsPending => "张照片待保存", "photos to save";
    Submit => "提交申请", "Submit application";
    UnitRequired => "请选择房屋", "Choose the unit";
    ApplicantRequired => "请填写申请人", "Enter the applicant";
    WorksRequired => "请填写装修内容", "Describe the works";
    BadDates => "请填写计划开工和完工日期，完工不得早于开工", "Enter the planned start and end; the end cannot be before the start";
    BadNumber => "施工人数须为整数，押金须为不小于 0 的数字", "Workers must be a whole number and the deposit a number from 0";
    BadPhone => "电话只能包含数字、空格、- 和 +", "A phone may hold only digits, spaces, - and +";
    NotAllowed => "您的角色不能进行此操作", "Your role cannot do this";
    ViolationRequired => "违规须填写违规情况", "Describe the violation";
    NotActive => "只有施工中的装修需要巡查", "Only works under way are checked";
    BadExtension => "延期日期须晚于现在的完工日期", "The new end must be after the present one";
    SaveFailed => "保存失败，请重试", "Could not save; try again";
    NotFound => "未找到该装修记录", "No such renovation";
    Fields => "申请信息", "Application";
    ReviewNote => "审核意见", "Review note";
    ReviewedBy => "工程部审核", "Reviewed by";
    ApprovedBy => "经理审批", "Approved by";
    AcceptedBy => "验收", "Accepted by";
    DepositRequest => "押金退还工单", "Deposit return request";
    Actions => "办理", "Actions";
    NoActions => "当前没有您可办理的操作", "Nothing for your role to do now";
    ExtendTo => "延期至", "Extend to";
    Extend => "延期", "Extend";
    ExtendedTo => "已延期至", "Extended to";
    CheckNow => "今日巡查", "Check the site";
    Checks => "巡查记录", "Site checks";
    NoChecks => "暂无巡查记录", "No site checks yet";
    Permit => "装修许可证", "Renovation permit";
    PermitOpen => "打印装修许可证", "Print the permit";
    Print => "打印", "Print";
    PermitNo => "许可证编号", "Permit no.";
    PermitPending => "尚未批准，不能出具许可证", "Not approved yet: no permit";
    ApprovedAt => "批准时间", "Approved at";
    Rules => "装修须知", "Site rules";
    Rule1 => "施工时间：工作日 8:00–12:00、14:00–18:00；节假日不得进行产生噪音的施工。", "Working hours: weekdays 8:00–12:00 and 14:00–18:00; no noisy work on holidays.";
    Rule2 => "不得拆改承重墙、梁柱、外立面及公共设施。", "Do not alter load-bearing walls, beams, the facade or common facilities.";
    Rule3 => "装修垃圾须袋装并堆放到指定地点，不得占用楼道。", "Bag renovation rubbish and leave it where the office says, never in the stairwell.";
    Rule4 => "现场须配备灭火器，动火作业须经物业许可。", "Keep an extinguisher on site; hot work only with the office's permission.";
    Rule5 => "本许可证须张贴于户门显眼处，接受物业每日巡查。", "Post this permit on the door; the office checks the site daily.";
    SignOffice => "物业管理处（盖章）", "Management office (stamp)";
    SignApplicant => "申请人签字", "Applicant's signature";
    SignContractor => "施工单位负责人签字", "Contractor's signature";
    SignDate => "日期：", "Date:";
    CheckTitle => "装修巡查", "Renovation site check";
    Pass => "合格", "Pass";
    Fail => "不合格", "Fail";
    Result => "巡查结果", "Result";
    Violation => "违规情况", "What was wrong";
    ViolationHint => "记为违规将开具停工通知、暂停施工，并生成整改工单", "A violation issues a stop order, stops the works and files a rectification request";
    Note => "备注", "Note";
    Photos => "现场照片", "Photos";
    SaveCheck => "提交巡查", "Save the check";
    StopOrder => "已开具停工通知", "Stop order issued";
    Rectification => "整改工单", "Rectification request";
    Accept => "验收合格", "Accept the finished works";
    AcceptHint => "验收后将通知财务部退还押金", "Accepting tells finance to return the deposit";
    DayUnchecked => "今日待巡查装修", "Renovations to check today";
    DeskTitle => "装修台账", "Renovation desk";
    Export => "导出 Excel", "Export to Excel";
    Coverage => "本月装修巡查覆盖率", "Site checks this month";
    CoverageReport => "装修日常巡查覆盖率", "Daily renovation site checks";
    CoveragePct => "覆盖率", "Coverage";
    SiteDaysChecked => "已巡查（户日）", "Site-days checked";
    SiteDaysActive => "应巡查（户日）", "Site-days under way";
    Target => "目标", "Target";
    Total => "合计", "Total";
    CoverageText => "已巡查 {a} / 应巡查 {b} 户日，目标 {p}%", "{a} of {b} site-days checked, target {p}%";
}

/// A renovation status in `lang`.
pub fn renovation_status_label(s: RenovationStatus, lang: Lang) -> &'static str {
    use RenovationStatus::*;
    let (zh, en) = match s {
        Applied => ("待审核", "Applied"),
        Reviewed => ("待审批", "Reviewed"),
        Approved => ("施工中", "Approved"),
        Stopped => ("已停工", "Stopped"),
        Completed => ("已验收", "Completed"),
        Rejected => ("不予批准", "Rejected"),
        Cancelled => ("已撤销", "Withdrawn"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// The words of a status button: the move to `to` from `from`.
pub fn renovation_move_label(
    from: RenovationStatus,
    to: RenovationStatus,
    lang: Lang,
) -> &'static str {
    use RenovationStatus::*;
    let (zh, en) = match (from, to) {
        (_, Reviewed) => ("审核通过", "Pass the review"),
        (Stopped, Approved) => ("准予复工", "Let works resume"),
        (_, Approved) => ("批准", "Approve"),
        (_, Rejected) => ("不予批准", "Reject"),
        (_, Cancelled) => ("撤销申请", "Withdraw"),
        (_, Stopped) => ("停工", "Stop the works"),
        (_, Completed) => ("验收合格", "Accept the finished works"),
        (_, Applied) => ("重新申请", "Apply again"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// A check's result in `lang`.
pub fn check_result_label(r: CheckResult, lang: Lang) -> &'static str {
    match (r, lang) {
        (CheckResult::Ok, Lang::Zh) => "正常",
        (CheckResult::Ok, Lang::En) => "OK",
        (CheckResult::Violation, Lang::Zh) => "违规",
        (CheckResult::Violation, Lang::En) => "Violation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_and_label_reads_in_both_languages() {
        for w in Rn::ALL {
            assert!(!w.text(Lang::Zh).is_empty() && !w.text(Lang::En).is_empty(), "{w:?}");
        }
        for s in RenovationStatus::ALL {
            assert_ne!(
                renovation_status_label(*s, Lang::Zh),
                renovation_status_label(*s, Lang::En)
            );
        }
        assert_eq!(
            renovation_move_label(RenovationStatus::Reviewed, RenovationStatus::Approved, Lang::Zh),
            "批准"
        );
    }
}
