//! The one i18n layer: every UI string is a [`Key`] with its Simplified Chinese (default) and
//! English text side by side, so a missing translation cannot compile.

use shared::request::{Category, RequestStatus, Urgency};

/// The UI language. Chinese is the default; the choice is kept in `localStorage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese: what the staff read by default.
    #[default]
    Zh,
    /// English, for the office and for support.
    En,
}

impl Lang {
    /// The `localStorage` / `<html lang>` code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    /// Parses a stored code; anything unknown falls back to Chinese.
    pub fn from_code(s: &str) -> Lang {
        if s == "en" {
            Lang::En
        } else {
            Lang::Zh
        }
    }
    /// The other language (what `#lang-toggle` switches to).
    pub fn toggled(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

macro_rules! keys {
    ($($k:ident => $zh:literal, $en:literal;)+) => {
        /// A UI string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $($k),+ }

        impl Key {
            /// Every key (tests check none is empty).
            pub const ALL: &'static [Key] = &[$(Key::$k),+];
            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Key::$k, Lang::Zh) => $zh, (Key::$k, Lang::En) => $en,)+
                }
            }
        }
    };
}

keys! {
    AppName => "管家", "Guanjia";
    LangToggle => "EN", "中文";
    Username => "用户名", "Username";
    Password => "密码", "Password";
    SignIn => "登录", "Sign in";
    SigningIn => "正在登录…", "Signing in…";
    BadCredentials => "用户名或密码错误", "Wrong username or password";
    TooManyAttempts => "尝试次数过多，请稍后再试", "Too many attempts, try again later";
    TryAgainIn => "尝试次数过多，请 {n} 秒后再试", "Too many attempts: try again in {n} s";
    CredentialsTooLong => "用户名或密码过长", "Username or password is too long";
    LoginOffline => "无法连接服务器，请联网后首次登录", "Cannot reach the server: the first sign-in needs a network";
    LoginFailed => "登录失败", "Sign-in failed";
    NavRequests => "报事列表", "Requests";
    NavNew => "新建报修", "New request";
    NavConflicts => "冲突", "Conflicts";
    Logout => "退出", "Sign out";
    SyncNow => "立即同步", "Sync now";
    Syncing => "正在同步…", "Syncing…";
    SyncDone => "同步完成", "Synced";
    SyncOffline => "无法连接服务器，修改仍保存在本机", "Cannot reach the server: the changes stay on this tablet";
    SyncFailed => "同步失败，修改仍保存在本机", "Sync failed: the changes stay on this tablet";
    ExportUnsynced => "导出未同步的修改", "Export unsynced changes";
    ExportDone => "已导出到文件，现在可以退出", "Exported to a file: you can sign out now";
    ExportDoneSignIn => "已导出到文件，现在可以登录", "Exported to a file: you can sign in now";
    ExportFailed => "导出失败", "Export failed";
    AllSynced => "全部修改已同步，可以退出", "Every change is synced: you can sign out";
    SignOutFailed => "退出失败", "Signing out failed";
    Cancel => "取消", "Cancel";
    Online => "在线", "Online";
    Offline => "离线", "Offline";
    Waiting => "待同步", "waiting";
    LastSync => "上次同步", "Last sync";
    Never => "尚未同步", "never";
    Loading => "加载中…", "Loading…";
    NoRequests => "暂无报事记录", "No requests yet";
    SearchRequests => "搜索房号或描述", "Search unit or description";
    OpenOnly => "未关闭", "Open";
    AllRequests => "全部", "All";
    NoMatches => "没有符合条件的报事", "No request matches";
    Unit => "房号", "Unit";
    UnitFilter => "输入房号筛选", "Filter units";
    ChooseUnit => "请选择房号", "Choose a unit";
    Category => "类别", "Category";
    Urgency => "紧急程度", "Urgency";
    Description => "问题描述", "Description";
    ContactPhone => "联系电话", "Contact phone";
    Status => "状态", "Status";
    Created => "创建时间", "Created";
    Save => "保存", "Save";
    UrgentBadge => "急", "Urgent";
    PendingMarker => "待同步", "Not synced";
    DescriptionRequired => "请填写问题描述 · Please enter a description", "Please enter a description · 请填写问题描述";
    UnitRequired => "请选择房号 · Please choose a unit", "Please choose a unit · 请选择房号";
    SaveFailed => "保存失败", "Saving failed";
    NotFound => "未找到该记录", "Record not found";
    NextStatus => "变更状态", "Change status";
    EditDescription => "修改描述", "Edit description";
    EditContactPhone => "修改联系电话", "Edit contact phone";
    Conflicts => "待确认的冲突", "Conflicts to review";
    NoConflicts => "暂无冲突", "No open conflicts";
    Field => "字段", "Field";
    Kept => "保留的值", "Kept value";
    Lost => "被覆盖的值", "Lost value";
    Confirm => "确认", "Confirm";
    Overturn => "推翻", "Overturn";
    OfficeOnly => "仅前台和主管可处理", "Office staff and supervisors decide";
}

/// The label of a request status.
pub fn status_label(s: RequestStatus, lang: Lang) -> &'static str {
    use RequestStatus::*;
    let (zh, en) = match s {
        New => ("新建", "New"),
        Assigned => ("已派单", "Assigned"),
        InProgress => ("处理中", "In progress"),
        Done => ("已完成", "Done"),
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_the_default_and_every_key_has_both_texts() {
        assert_eq!(Lang::default(), Lang::Zh);
        for k in Key::ALL {
            assert!(!k.text(Lang::Zh).is_empty() && !k.text(Lang::En).is_empty(), "{k:?}");
        }
        assert_eq!(Key::SignIn.text(Lang::Zh), "登录");
        assert_eq!(Key::SignIn.text(Lang::En), "Sign in");
    }

    #[test]
    fn language_codes_round_trip_and_toggle() {
        assert_eq!(Lang::from_code(Lang::En.code()), Lang::En);
        assert_eq!(Lang::from_code("fr"), Lang::Zh);
        assert_eq!(Lang::Zh.toggled(), Lang::En);
        assert_eq!(status_label(RequestStatus::InProgress, Lang::Zh), "处理中");
    }

    #[test]
    fn the_sign_out_summaries_name_the_counts_in_both_languages() {
        assert!(unsynced_summary(3, 2, Lang::Zh).starts_with("还有 3 条修改（涉及 2 条记录）"));
        assert!(unsynced_summary(3, 2, Lang::En).starts_with("3 changes on 2 records"));
        assert!(held_summary("王管家", 1, 1, Lang::Zh).contains("王管家的 1 条修改"));
        assert!(held_summary("Wang", 1, 1, Lang::En).contains("1 unsynced changes of Wang"));
    }
}
