//! The arrears pages' words (催缴), in both languages: the pages, the chase form, finance's
//! controls, the import page, the collection figures and the day's sections.

use super::{pick, Lang};
use crate::model::arrears::StageFilter;
use crate::model::arrears_form::{ChaseError, PaidError};
use shared::arrears::{ChaseMethod, ChaseResult, FeeType};

words! {
    /// A string of the arrears pages.
    W;
    Title => "催缴", "Arrears";
    UnitTitle => "房屋欠费", "Arrears of a unit";
    Stage => "阶段", "Stage";
    Fee => "费用类型", "Fee type";
    AllFees => "全部费用", "All fees";
    Unit => "房号", "Unit";
    Period => "期间", "Period";
    Amount => "金额", "Amount";
    Paid => "已缴", "Paid";
    Outstanding => "未缴", "Outstanding";
    Promised => "承诺缴费日", "Promised by";
    Since => "上报时间", "Escalated since";
    Nothing => "没有欠费", "No arrears";
    ChaseLog => "催缴记录", "Chase log";
    NoChases => "还没有催缴记录", "No chase yet";
    LogChase => "记录催缴", "Log a chase";
    Method => "方式", "Method";
    Result => "结果", "Result";
    PromisedDate => "承诺缴费日期", "Promised date";
    Note => "备注", "Note";
    Signature => "业主签名", "Owner's signature";
    Paper => "业主在纸质通知上签收（保存后拍照）", "Signed on paper (take its photo after saving)";
    PaperPhoto => "签收单照片", "Photo of the signed paper";
    Save => "保存", "Save";
    Saved => "已保存", "Saved";
    Choose => "请选择", "Choose";
    Finance => "财务", "Finance";
    MarkPaid => "登记缴费", "Record payment";
    PaidAmount => "已缴金额", "Paid amount";
    PaidOn => "缴费日期", "Paid on";
    SecondNotice => "已发二次催缴通知", "Second notice sent";
    SecondNoticeAt => "二次催缴通知", "Second notice";
    NotYet => "未发", "not yet";
    ImportLink => "导入欠费清单", "Import arrears list";
    ImportTitle => "导入财务欠费清单", "Import finance's arrears list";
    ImportHint => "XLSX 或 CSV：楼栋、房号、费用类型（物业费、电梯费、停车费、水电费）、期间（如 2026-11）、金额，可选已缴金额、备注。先检查，没有错误再导入；需要联网。",
        "XLSX or CSV: building, number, fee type (property, lift, parking, utilities), period (like 2026-11), amount, and optionally paid amount and note. Check first, import once there is no error; needs the network.";
    Check => "检查", "Check";
    Commit => "导入", "Import";
    Checking => "正在检查…", "Checking…";
    Committing => "正在导入…", "Importing…";
    Imported => "已导入", "Imported";
    NoErrors => "没有错误，可以导入", "No errors: ready to import";
    Counts => "新增 {n}，更新 {u}，不变 {s}", "{n} new, {u} updated, {s} unchanged";
    ErrorsCount => "发现 {n} 处错误，未导入任何内容", "{n} errors found: nothing was imported";
    Offline => "导入需要联网，请连网后再试", "Importing needs the network: try again when online";
    Expired => "登录已过期，请重新登录", "Your session has expired: sign in again";
    Failed => "导入失败", "Import failed";
    Refused => "文件有错误，未导入", "The file has errors: nothing was imported";
    Collection => "收缴情况", "Collection";
    Month => "月份", "Month";
    Area => "片区", "Area";
    Owed => "应收", "Owed";
    Collected => "已收", "Collected";
    Rate => "收缴率", "Rate";
    DayToChase => "欠费待电话或上门", "Arrears to call or visit";
    DayEscalated => "欠费已上报", "Escalated arrears";
    Desk => "欠费总表", "Arrears table";
    ExportXlsx => "导出 XLSX", "Export XLSX";
    BackToList => "返回催缴列表", "Back to arrears";
}

/// A stage filter's label.
pub fn stage_label(f: StageFilter, lang: Lang) -> &'static str {
    let (zh, en) = match f {
        StageFilter::Open => ("未缴清", "Unpaid"),
        StageFilter::Waiting => ("待财务二次通知", "Awaiting second notice"),
        StageFilter::ToChase => ("待电话或上门", "To call or visit"),
        StageFilter::Chased => ("已催缴", "Chased"),
        StageFilter::Escalated => ("已上报经理", "Escalated"),
        StageFilter::Paid => ("已缴清", "Paid"),
        StageFilter::All => ("全部", "All"),
    };
    pick(lang, zh, en)
}

/// A fee type's label.
pub fn fee_label(f: FeeType, lang: Lang) -> &'static str {
    let (zh, en) = match f {
        FeeType::Property => ("物业费", "Property fee"),
        FeeType::Lift => ("电梯费", "Lift fee"),
        FeeType::Parking => ("停车费", "Parking fee"),
        FeeType::Utilities => ("水电费", "Utilities"),
    };
    pick(lang, zh, en)
}

/// A chase method's label.
pub fn method_label(m: ChaseMethod, lang: Lang) -> &'static str {
    let (zh, en) = match m {
        ChaseMethod::Call => ("电话", "Call"),
        ChaseMethod::Visit => ("上门", "Visit"),
        ChaseMethod::Notice => ("送达催缴通知", "Notice delivered"),
    };
    pick(lang, zh, en)
}

/// A chase result's label.
pub fn result_label(r: ChaseResult, lang: Lang) -> &'static str {
    let (zh, en) = match r {
        ChaseResult::Promised => ("承诺缴费", "Promised to pay"),
        ChaseResult::ClaimsPaid => ("称已缴费", "Says it is paid"),
        ChaseResult::Refused => ("拒绝缴费", "Refused"),
        ChaseResult::Unreachable => ("未联系上", "Unreachable"),
        ChaseResult::Delivered => ("已签收", "Signed for"),
    };
    pick(lang, zh, en)
}

/// Why a chase cannot be saved.
pub fn chase_error(e: ChaseError, lang: Lang) -> &'static str {
    let (zh, en) = match e {
        ChaseError::MethodRequired => ("请选择催缴方式", "Choose how you chased"),
        ChaseError::ResultRequired => ("请选择结果", "Choose the result"),
        ChaseError::PromiseDateRequired => ("承诺缴费需填写日期", "A promise needs its date"),
        ChaseError::SignatureRequired => (
            "送达通知需业主签名，或勾选纸质签收后拍照",
            "A notice needs the owner's signature, or tick signed on paper and take its photo",
        ),
    };
    pick(lang, zh, en)
}

/// Why a payment cannot be saved.
pub fn paid_error(e: PaidError, lang: Lang) -> &'static str {
    match e {
        PaidError::BadAmount => {
            pick(lang, "请输入不小于 0 的金额", "Enter an amount of at least 0")
        }
    }
}
