//! Labels of the closed sets of values (statuses, categories, register enums) and the texts
//! built from counts, in both languages.

use super::{Key, Lang};
use shared::register::{PersonRole, UnitState, UnitType};
use shared::request::{Category, RequestStatus, Urgency};

/// The label of a request status.
pub fn status_label(s: RequestStatus, lang: Lang) -> &'static str {
    use RequestStatus::*;
    let (zh, en) = match s {
        New => ("新建", "New"),
        Assigned => ("已派单", "Assigned"),
        InProgress => ("处理中", "In progress"),
        Done => ("已完成", "Done"),
        CalledBack => ("已回访", "Called back"),
        Closed => ("已关闭", "Closed"),
        Reopened => ("重新打开", "Reopened"),
        Cancelled => ("已取消", "Cancelled"),
    };
    pick(lang, zh, en)
}

/// The label of a request category.
pub fn category_label(c: Category, lang: Lang) -> &'static str {
    use Category::*;
    let (zh, en) = match c {
        Repair => ("维修", "Repair"),
        Inquiry => ("咨询", "Inquiry"),
        Complaint => ("投诉", "Complaint"),
        Suggestion => ("建议", "Suggestion"),
        Praise => ("表扬", "Praise"),
        PaidService => ("有偿服务", "Paid service"),
    };
    pick(lang, zh, en)
}

/// The label of an urgency.
pub fn urgency_label(u: Urgency, lang: Lang) -> &'static str {
    match u {
        Urgency::Normal => pick(lang, "普通", "Normal"),
        Urgency::Urgent => pick(lang, "紧急", "Urgent"),
    }
}

/// The label of a field name shown on the conflicts page.
pub fn field_label(field: &str, lang: Lang) -> String {
    match field {
        "contact_phone" => Key::ContactPhone.text(lang).to_owned(),
        "assignee" => pick(lang, "负责人", "Assignee").to_owned(),
        "description" => Key::Description.text(lang).to_owned(),
        other => other.to_owned(),
    }
}

/// Why signing out waits: how many changes on how many records would be deleted.
pub fn unsynced_summary(changes: usize, records: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "还有 {changes} 条修改（涉及 {records} 条记录）尚未同步。退出会删除本机上的数据：请先同步，或导出后再退出。"
        ),
        Lang::En => format!(
            "{changes} changes on {records} records are not synced yet. Signing out deletes this tablet's data: sync first, or export them and then sign out."
        ),
    }
}

/// Why signing in waits: the tablet holds another user's unsynced changes.
pub fn held_summary(owner: &str, changes: usize, records: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "本机还有{owner}的 {changes} 条修改（涉及 {records} 条记录）尚未同步。请{owner}登录并同步，或先导出再登录。"
        ),
        Lang::En => format!(
            "This tablet holds {changes} unsynced changes of {owner} on {records} records. Ask {owner} to sign in and sync, or export them before signing in."
        ),
    }
}

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The label of a unit type.
pub fn unit_type_label(t: UnitType, lang: Lang) -> &'static str {
    let (zh, en) = match t {
        UnitType::Apartment => ("住宅", "Apartment"),
        UnitType::Shop => ("商铺", "Shop"),
        UnitType::Parking => ("车位", "Parking"),
        UnitType::Storage => ("储藏室", "Storage"),
    };
    pick(lang, zh, en)
}

/// The label of a unit's occupancy.
pub fn unit_state_label(s: UnitState, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        UnitState::Vacant => ("空置", "Vacant"),
        UnitState::Occupied => ("入住", "Occupied"),
        UnitState::Renovating => ("装修中", "Renovating"),
    };
    pick(lang, zh, en)
}

/// The label of a person's tie to a unit.
pub fn person_role_label(r: PersonRole, lang: Lang) -> &'static str {
    let (zh, en) = match r {
        PersonRole::Owner => ("业主", "Owner"),
        PersonRole::Resident => ("住户", "Resident"),
        PersonRole::Tenant => ("租户", "Tenant"),
        PersonRole::KeyHolder => ("钥匙托管人", "Key holder"),
    };
    pick(lang, zh, en)
}

/// A text with `{name}` placeholders filled in (`Key::PageOf`, `Key::MoreResults`).
pub fn fill(template: &str, values: &[(&str, usize)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |s, (name, v)| s.replace(&format!("{{{name}}}"), &v.to_string()))
}
