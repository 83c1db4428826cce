//! Labels of the closed sets of values (statuses, categories, register enums) and the texts
//! built from counts, in both languages.

use super::{pick, Key, Lang};
use shared::names::field;
use shared::register::{PersonRole, UnitState, UnitType};
use shared::request::history::EventType;
use shared::request::{Category, RequestStatus, Source, Urgency};

/// The label of what the audit log records.
pub fn audit_action_label(a: shared::audit::AuditAction, lang: Lang) -> &'static str {
    use shared::audit::AuditAction::*;
    let (zh, en) = match a {
        RegisterExport => ("导出台账", "Register exported"),
        PersonExport => ("导出住户信息", "Resident's data exported"),
        PersonErase => ("删除住户信息", "Resident's data erased"),
    };
    pick(lang, zh, en)
}

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
        field::CONTACT_PHONE => Key::ContactPhone.text(lang).to_owned(),
        field::ASSIGNEE => pick(lang, "负责人", "Assignee").to_owned(),
        field::DESCRIPTION => Key::Description.text(lang).to_owned(),
        field::STATUS => Key::Status.text(lang).to_owned(),
        field::DEPARTMENT => Key::Department.text(lang).to_owned(),
        field::CONTACT_NAME => Key::ContactName.text(lang).to_owned(),
        field::CATEGORY => Key::RequestType.text(lang).to_owned(),
        field::URGENCY => Key::Urgency.text(lang).to_owned(),
        field::SOURCE => Key::Source.text(lang).to_owned(),
        field::NUMBER => Key::RequestNumber.text(lang).to_owned(),
        field::TEXT => pick(lang, "备注", "Comment").to_owned(),
        other => super::field_name(shared::names::kind::REQUEST, other, lang)
            .map_or_else(|| other.to_owned(), str::to_owned),
    }
}

/// Why signing out waits: how many changes on how many records would be deleted.
pub fn unsynced_summary(changes: usize, records: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "还有 {changes} 条修改（涉及 {records} 条记录）尚未同步。退出会删除本机上的数据：请先同步，或导出后再退出。"
        ),
        Lang::En => format!(
            "{} on {} {} not synced yet. Signing out deletes this tablet's data: sync first, or export them and then sign out.",
            super::count_noun(changes, "change", "changes"),
            super::count_noun(records, "record", "records"),
            if changes == 1 { "is" } else { "are" },
        ),
    }
}

/// Why signing out waits for photos: `n` photos and thumbnails the server has not confirmed
/// (waiting or refused) would be deleted.
pub fn photos_at_risk_summary(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "还有 {n} 个照片文件（含缩略图）尚未被服务器确认。退出会删除它们：请先联网上传，或导出后再退出。"
        ),
        Lang::En => format!(
            "{} (thumbnails included) {} not confirmed by the server. Signing out deletes them: let them upload, or export them and then sign out.",
            super::count_noun(n, "photo file", "photo files"),
            if n == 1 { "is" } else { "are" },
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
            "This tablet holds {} of {owner} on {}. Ask {owner} to sign in and sync, or export them before signing in.",
            super::count_noun(changes, "unsynced change", "unsynced changes"),
            super::count_noun(records, "record", "records"),
        ),
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

/// The label of a request's source (channel).
pub fn source_label(s: Source, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        Source::Phone => ("电话", "Phone"),
        Source::WalkIn => ("来访", "Walk-in"),
        Source::Patrol => ("巡查", "Patrol"),
        Source::Visit => ("上门走访", "Home visit"),
        Source::Online => ("线上", "Online"),
        Source::Other => ("其他", "Other"),
    };
    pick(lang, zh, en)
}

/// What a history event records, as a timeline line starts.
pub fn event_label(t: EventType, lang: Lang) -> &'static str {
    let (zh, en) = match t {
        EventType::Created => ("受理", "Taken"),
        EventType::Status => ("状态", "Status"),
        EventType::Routed => ("派单给", "Routed to"),
        EventType::Edited => ("修改了", "Edited"),
        EventType::Callback => ("回访", "Call-back"),
        EventType::Review => ("每日检查", "Daily review"),
        EventType::ProgressTold => ("告知进度", "Resident told of progress"),
        EventType::Escalated => ("升级", "Escalated"),
        EventType::PlanApproved => ("方案已批准", "Plan approved"),
        EventType::Recheck => ("复查", "Re-check"),
    };
    pick(lang, zh, en)
}

/// What one timeline entry says happened (who and when are shown beside it): a status move
/// with both labels, whom it was routed to, which fields were edited, a comment's text, a
/// call-back's result and satisfaction.
pub fn timeline_text(e: &crate::model::timeline::Entry, lang: Lang) -> String {
    use crate::model::timeline::EntryKind;
    let status =
        |s: &str| RequestStatus::parse(s).map_or(s.to_owned(), |s| status_label(s, lang).into());
    let with_note = |head: String| match e.note.is_empty() {
        true => head,
        false => format!("{head}（{}）", e.note),
    };
    match e.kind {
        EntryKind::Event(Some(EventType::Status)) => with_note(format!(
            "{} {} → {}",
            event_label(EventType::Status, lang),
            status(&e.from),
            status(&e.to)
        )),
        EntryKind::Event(Some(EventType::Routed)) => {
            format!("{} {}", event_label(EventType::Routed, lang), e.routed_to.join(" · "))
        }
        EntryKind::Event(Some(EventType::Edited)) => {
            let fields: Vec<String> = e.fields.iter().map(|f| field_label(f, lang)).collect();
            format!("{} {}", event_label(EventType::Edited, lang), fields.join(", "))
        }
        EntryKind::Event(Some(t)) => {
            let head = event_label(t, lang).to_owned();
            with_note(match super::event_outcome(t, &e.to, lang) {
                Some(to) => format!("{head} {to}"),
                None => head,
            })
        }
        EntryKind::Event(None) => with_note(Key::Unknown.text(lang).to_owned()),
        EntryKind::Comment => {
            let whom = if e.internal { Key::CommentInternalMark } else { Key::CommentForResident };
            format!("{}：{}", whom.text(lang), e.note)
        }
        EntryKind::Callback => {
            use shared::request::{CallbackResult, Satisfaction};
            let mut parts = vec![event_label(EventType::Callback, lang).to_owned()];
            parts.extend(
                CallbackResult::parse(&e.to)
                    .map(|r| super::callback_result_label(r, lang).to_owned()),
            );
            parts.extend(
                Satisfaction::parse(&e.satisfaction)
                    .map(|s| super::satisfaction_label(s, lang).to_owned()),
            );
            if !e.note.is_empty() {
                parts.push(e.note.clone());
            }
            parts.join(" · ")
        }
    }
}

/// The new-request form's title for the type chosen (新建报修, 新建投诉…).
pub fn new_request_title(c: Category, lang: Lang) -> &'static str {
    use Category::*;
    let (zh, en) = match c {
        Repair => ("新建报修", "New repair request"),
        Inquiry => ("新建咨询", "New inquiry"),
        Complaint => ("新建投诉", "New complaint"),
        Suggestion => ("新建建议", "New suggestion"),
        Praise => ("新建表扬", "New praise"),
        PaidService => ("新建有偿服务", "New paid service"),
    };
    pick(lang, zh, en)
}

/// The label of a staff member's role (the dispatch's default, "张工（主管）").
pub fn staff_role_label(r: shared::Role, lang: Lang) -> &'static str {
    use shared::Role::*;
    let (zh, en) = match r {
        Butler => ("管家", "butler"),
        Office => ("客服", "office"),
        Supervisor => ("主管", "supervisor"),
        Department => ("部门员工", "department staff"),
    };
    pick(lang, zh, en)
}
