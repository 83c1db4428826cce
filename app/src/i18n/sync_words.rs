//! What the sync machinery tells the user, built in the app from codes and counts, never
//! from the server's English: why a change was refused ([`refusal_text`], one reason per
//! [`RejectCode`]), and what waits to be synced, counted as the user made it (records,
//! photos) with English plurals right ([`count_noun`]).

use super::field_names::{field_name, kind_name};
use super::Lang;
use shared::names::{field, kind};
use shared::refusal::RejectCode;

/// Why the server refused a change, in plain words, for every code (a new code fails to
/// compile until it has both texts).
pub fn refusal_reason(code: RejectCode, lang: Lang) -> &'static str {
    use RejectCode::*;
    let (zh, en) = match code {
        UnknownKind | UnknownField => (
            "本机的应用版本与服务器不一致，请刷新页面后重试",
            "this app's version does not match the server's: reload the page and try again",
        ),
        BadId => ("记录编号无效", "the record's id is not valid"),
        BadReplica => ("本设备的标识与登录不符", "this device's id does not match the sign-in"),
        BadValue => ("填写的内容不符合要求（格式或长度）", "the value does not fit (format or length)"),
        Forbidden => ("您的身份无权修改这一项", "your role may not change this"),
        OutOfScope => ("该记录不在您负责的区域或部门内", "the record is outside your area or department"),
        BadTransition => (
            "这一步状态变化不被允许（可能别人已先改了状态）",
            "that status move is not allowed (someone may have moved it first)",
        ),
        ClockAhead => ("本机时钟偏快，已按服务器时间记录", "this device's clock runs ahead: the server's time was used"),
        BadPrev => ("修改的时间记录前后矛盾", "its time stamps contradict each other"),
        Rewritten => ("服务器保存了它自己的值", "the server kept its own value"),
        ReasonRequired => ("取消须填写原因", "a cancellation needs a reason"),
        ComplaintOpen => (
            "投诉的闭环尚未完成（须先判定并答复住户或提交整改报告；成立的投诉须有批准的整改方案和住户确认才能关闭）",
            "the complaint's loop is not finished (judge it and reply, or file the corrective-action report; a standing complaint closes only with an approved plan and the resident's confirmation)",
        ),
        AttemptRequired => (
            "须先有一次住户满意的回访（或巡查整改的复查通过）",
            "it needs a call-back that reached a satisfied resident (or a passed re-check) first",
        ),
        Published => (
            "已发布的巡查表不能修改，请在草稿中修改",
            "a published checklist cannot change: edit the draft",
        ),
        BadNumber => ("工单编号不是本设备领取的编号", "the request number was not one this device was given"),
        ResultRequired => ("关闭须填写办结结果", "closing needs a result"),
        RequestClosed => ("该报事已关闭，重新打开后才能修改", "the request is closed: reopen it to change it"),
        ConsentRequired => ("住户签字确认前不能收费或免收", "no payment or waiver before the resident signs"),
        PaymentIncomplete => ("收费须填写方式、金额和时间", "a payment needs its method, amount and time"),
        SlotTaken => (
            "该电梯时段已被其他预约占用，请另选时段",
            "this lift slot was taken by another booking; pick another slot",
        ),
        KeysOut => (
            "这串钥匙当时已被借出或已退还业主，不能再次借出",
            "these keys were out at that time or given back to the owner: they cannot be signed out",
        ),
        Other => ("服务器未接受此修改", "the server did not accept it"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The sentence a notice banner says about a change the server refused: what was undone
/// (a status change, or which field of which kind, by their names in `lang`) and why, by
/// `code`. Wire names and the server's own message are never part of it (the banner keeps
/// them under "details" for support).
pub fn refusal_text(kind: &str, field: &str, code: RejectCode, lang: Lang) -> String {
    let names = kind_name(kind, lang).zip(field_name(kind, field, lang));
    let what = match (lang, names) {
        (Lang::Zh, _) if kind == kind::REQUEST && field == field::STATUS => "状态修改".to_owned(),
        (Lang::En, _) if kind == kind::REQUEST && field == field::STATUS => {
            "A status change".to_owned()
        }
        (Lang::Zh, Some((k, f))) => format!("{k}的“{f}”修改"),
        (Lang::En, Some((k, f))) => format!("A change of the {k}'s {}", f.to_lowercase()),
        (Lang::Zh, None) => "一项修改".to_owned(),
        (Lang::En, None) => "A change".to_owned(),
    };
    let why = refusal_reason(code, lang);
    match lang {
        Lang::Zh => format!("{what}未被服务器接受，已撤销：{why}。"),
        Lang::En => format!("{what} was refused by the server and undone: {why}."),
    }
}

/// The sentence for several refused changes of one record with one code, once instead of
/// a line per field: a new child record refused whole (its link to the request among them)
/// by its kind, else the kind and up to three field names.
pub fn refusal_group_text(kind: &str, fields: &[String], code: RejectCode, lang: Lang) -> String {
    if let [one] = fields {
        return refusal_text(kind, one, code, lang);
    }
    let why = refusal_reason(code, lang);
    // A child record refused with its link to the request was refused whole: a new one.
    let new_record = kind_name(kind, lang).filter(|_| fields.iter().any(|f| f == field::REQUEST));
    if let Some(k) = new_record.filter(|_| kind != kind::REQUEST) {
        return match lang {
            Lang::Zh => format!("新的{k}未被服务器接受，已撤销：{why}。"),
            Lang::En => format!("A new {k} was refused by the server and undone: {why}."),
        };
    }
    let names: Vec<&str> = fields.iter().filter_map(|f| field_name(kind, f, lang)).collect();
    let (shown, more) = (names.iter().take(3).copied().collect::<Vec<_>>(), names.len() > 3);
    let n = fields.len();
    match (lang, kind_name(kind, lang)) {
        (Lang::Zh, k) => format!(
            "{}的 {n} 项修改（{}{}）未被服务器接受，已撤销：{why}。",
            k.unwrap_or("记录"),
            shown.join("、"),
            if more { "等" } else { "" }
        ),
        (Lang::En, k) => format!(
            "{n} changes of the {} ({}{}) were refused by the server and undone: {why}.",
            k.unwrap_or("record"),
            shown.join(", ").to_lowercase(),
            if more { "…" } else { "" }
        ),
    }
}

/// `n` and a noun, the English noun in the plural unless `n` is 1 ("1 record", "2 records").
pub fn count_noun(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The badge's "waiting to sync": `n` records (distinct records with changes in the outbox).
pub fn records_waiting_text(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 条记录待同步"),
        Lang::En => format!("{} waiting", count_noun(n, "record", "records")),
    }
}

/// The badge's photos waiting to upload (`n` photos, each counted once whatever its files),
/// with the share of their bytes sent.
pub fn photos_waiting_text(n: usize, percent: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 张照片待上传（{percent}%）"),
        Lang::En => format!("{} waiting ({percent}%)", count_noun(n, "photo", "photos")), // not a kind
    }
}

/// The badge's photos the server refused for good.
pub fn photos_failed_text(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 张照片上传失败"),
        Lang::En => format!("{} failed", count_noun(n, "photo", "photos")), // not a kind
    }
}
