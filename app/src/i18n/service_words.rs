//! The words of the paid-service and key-custody pages (有偿服务, 钥匙托管), in both
//! languages, and the labels of their values.

use super::{pick, Lang};
use crate::model::keys::KeyError;
use crate::model::service_form::OrderError;
use shared::keys::KeyState;
use shared::service::{Blocker, PayMethod, PriceUnit, Stage};

words! {
    /// A string of the services and keys pages.
    Sv;
    Title => "有偿服务", "Paid services";
    Prices => "收费标准", "Price list";
    PricesTitle => "服务项目收费标准", "Service price list";
    Orders => "服务收费单", "Service orders";
    Revenue => "服务收入（按月）", "Revenue by month";
    Month => "月份", "Month";
    Service => "服务项目", "Service";
    Unit => "计价单位", "Per";
    Price => "单价（元）", "Price (yuan)";
    Per => "每", "per";
    Active => "启用", "Active";
    Sort => "排序", "Order";
    NameZh => "中文名称", "Chinese name";
    NameEn => "英文名称", "English name";
    AddPrice => "新增项目", "Add a service";
    Save => "保存", "Save";
    Saved => "已保存", "Saved";
    ReadOnly => "收费标准由主管维护", "Supervisors keep the price list";
    Order => "业主服务收费单", "Service order";
    Request => "报事单号", "Request";
    Place => "房屋", "Unit";
    Quantity => "数量", "Quantity";
    Quote => "报价（元）", "Quote (yuan)";
    QuoteHint => "留空则按单价×数量计算", "Blank: price times quantity";
    Note => "备注", "Note";
    Stage => "状态", "State";
    Consent => "住户签字确认", "Resident's consent";
    SignHere => "请住户在此签字确认报价", "The resident signs here to accept the quote";
    SaveConsent => "保存签字", "Save the signature";
    ConsentAt => "签字时间", "Signed at";
    WorkDone => "完工", "Work done";
    DoneAt => "完工时间", "Done at";
    Payment => "收费", "Payment";
    Method => "收费方式", "Method";
    Choose => "请选择", "Choose";
    PaidAmount => "实收金额（元）", "Amount paid (yuan)";
    MarkPaid => "确认收费", "Record payment";
    Waive => "免收", "Waive";
    PaidAt => "收费时间", "Paid at";
    Receipt => "收费收据", "Receipt";
    ReceiptNo => "收据编号", "Receipt number";
    Print => "打印", "Print";
    Total => "合计（元）", "Total (yuan)";
    Count => "单数", "Orders";
    ExportMonth => "导出本月服务项目汇总表（XLSX）", "Export the month's summary (XLSX)";
    MakeOrder => "开具服务收费单", "Make the order";
    OrderOf => "有偿服务收费单", "Paid service order";
    NoOrders => "暂无服务收费单", "No orders yet";
    NoRevenue => "暂无收入", "No revenue yet";
    Signature => "签字", "Signature";
    Amount => "金额（元）", "Amount (yuan)";
    AllStages => "全部状态", "All states";
    BackToServices => "返回有偿服务", "Back to paid services";
    ReceiptFooter => "本收据由物业服务中心开具，请妥善保管。",
        "Issued by the property service centre; please keep it.";
    Keys => "钥匙托管", "Key custody";
    KeysTitle => "托管钥匙", "Keys in custody";
    NewDeposit => "登记托管钥匙", "Deposit keys";
    Owner => "委托业主", "Owner";
    KeyCount => "钥匙数量", "Number of keys";
    Tag => "钥匙牌号/挂钩号", "Tag or hook number";
    DepositedAt => "托管时间", "Deposited at";
    KeyStateLabel => "钥匙状态", "Where the keys are";
    Holder => "借用人", "Taken by";
    Purpose => "用途", "Purpose";
    DueHours => "借用时长（小时）", "Due back in (hours)";
    DueAt => "应还时间", "Due back";
    SignOut => "借出", "Sign out";
    Return => "归还", "Return";
    GiveBack => "退还业主（结束托管）", "Give back to the owner";
    History => "借还记录", "Sign-outs and returns";
    OutAt => "借出时间", "Out at";
    ReturnedAt => "归还时间", "Returned at";
    Authorisation => "业主授权签字", "Owner's signed authorisation";
    Paper => "已在纸质授权书上签字（保存后拍照）", "Signed on paper (take its photo after saving)";
    NoKeys => "暂无托管钥匙", "No keys in custody";
    DayOverdueKeys => "逾期未还的钥匙", "Keys overdue";
    BackToKeys => "返回钥匙托管", "Back to key custody";
    NoOwner => "未选择", "None chosen";
    UnitPick => "房屋", "Unit";
}

/// A price unit's label ("每小时", "per hour").
pub fn unit_label(u: PriceUnit, lang: Lang) -> &'static str {
    let (zh, en) = match u {
        PriceUnit::Hour => ("每小时", "per hour"),
        PriceUnit::Item => ("每件", "per item"),
        PriceUnit::Visit => ("每次", "per visit"),
        PriceUnit::SquareMetre => ("每平方米", "per m²"),
        PriceUnit::Set => ("每套", "per set"),
    };
    pick(lang, zh, en)
}

/// A payment method's label.
pub fn method_label(m: PayMethod, lang: Lang) -> &'static str {
    let (zh, en) = match m {
        PayMethod::Cash => ("现金", "Cash"),
        PayMethod::Wechat => ("微信", "WeChat Pay"),
        PayMethod::Alipay => ("支付宝", "Alipay"),
        PayMethod::Card => ("刷卡", "Card"),
        PayMethod::MonthlyBill => ("计入月度账单", "Monthly bill"),
    };
    pick(lang, zh, en)
}

/// An order stage's label.
pub fn stage_label(s: Stage, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        Stage::Quoted => ("待签字", "Awaiting consent"),
        Stage::Consented => ("已签字待施工", "Signed, work to do"),
        Stage::Done => ("已完工待收费", "Done, unpaid"),
        Stage::Paid => ("已收费", "Paid"),
        Stage::Waived => ("已免收", "Waived"),
    };
    pick(lang, zh, en)
}

/// Where keys are.
pub fn key_state_label(s: KeyState, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        KeyState::InCustody => ("在库", "In custody"),
        KeyState::Out => ("借出", "Out"),
        KeyState::Overdue => ("逾期未还", "Overdue"),
        KeyState::Ended => ("已退还业主", "Given back"),
    };
    pick(lang, zh, en)
}

/// Why an order control cannot save.
pub fn order_error(e: OrderError, lang: Lang) -> &'static str {
    let (zh, en) = match e {
        OrderError::PriceRequired => ("请选择服务项目", "Choose a service"),
        OrderError::BadQuantity => ("数量须为大于0的数字", "The quantity must be a number above 0"),
        OrderError::BadAmount => ("金额须为有效数字", "The amount must be a valid number"),
        OrderError::SignatureRequired => ("请住户签字", "The resident must sign"),
        OrderError::MethodRequired => ("请选择收费方式", "Choose the payment method"),
        OrderError::Rule(Blocker::ConsentMissing) => {
            ("住户签字确认前不能收费或免收", "No payment or waiver before the resident signs")
        }
        OrderError::Rule(Blocker::PaymentIncomplete) => {
            ("收费须填写方式、金额和时间", "A payment needs its method, amount and time")
        }
    };
    pick(lang, zh, en)
}

/// Why a key form cannot save.
pub fn key_error(e: KeyError, lang: Lang) -> &'static str {
    let (zh, en) = match e {
        KeyError::UnitRequired => ("请选择房屋", "Choose the unit"),
        KeyError::BadCount => ("钥匙数量须为1到99", "The number of keys must be 1 to 99"),
        KeyError::SignatureRequired => ("请签字", "A signature is needed"),
        KeyError::HolderRequired => ("请填写借用人", "Enter who takes the keys"),
        KeyError::BadDue => ("借用时长须为1到720小时", "Due back in 1 to 720 hours"),
        KeyError::NotInCustody => ("钥匙不在库，不能借出", "The keys are not in custody"),
        KeyError::NotOut => ("钥匙未借出", "The keys are not out"),
    };
    pick(lang, zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Full-width punctuation and CJK characters: none in English text.
    fn english(t: &str) -> bool {
        !t.chars().any(|c| {
            ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
        })
    }

    #[test]
    fn every_word_and_label_reads_in_both_languages() {
        let mut all: Vec<(&str, &str)> =
            Sv::ALL.iter().map(|w| (w.text(Lang::Zh), w.text(Lang::En))).collect();
        all.extend(
            PriceUnit::ALL.iter().map(|&u| (unit_label(u, Lang::Zh), unit_label(u, Lang::En))),
        );
        all.extend(
            PayMethod::ALL.iter().map(|&m| (method_label(m, Lang::Zh), method_label(m, Lang::En))),
        );
        all.extend(
            Stage::ALL.iter().map(|&s| (stage_label(s, Lang::Zh), stage_label(s, Lang::En))),
        );
        for s in [KeyState::InCustody, KeyState::Out, KeyState::Overdue, KeyState::Ended] {
            all.push((key_state_label(s, Lang::Zh), key_state_label(s, Lang::En)));
        }
        for e in [
            OrderError::PriceRequired,
            OrderError::Rule(Blocker::ConsentMissing),
            OrderError::Rule(Blocker::PaymentIncomplete),
        ] {
            all.push((order_error(e, Lang::Zh), order_error(e, Lang::En)));
        }
        for e in [KeyError::BadDue, KeyError::NotInCustody, KeyError::SignatureRequired] {
            all.push((key_error(e, Lang::Zh), key_error(e, Lang::En)));
        }
        for (zh, en) in all {
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{zh} / {en}");
            assert!(english(en), "{en}");
        }
    }
}
