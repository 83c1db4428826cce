//! The one i18n layer: every UI string is a [`Key`] with its Simplified Chinese (default) and
//! English text side by side, so a missing translation cannot compile.

use shared::request::{Category, RequestStatus, Urgency};

/// The UI language. Chinese is the default; the choice is kept in `localStorage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
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
    LoginOffline => "无法连接服务器，请联网后首次登录", "Cannot reach the server: the first sign-in needs a network";
    LoginFailed => "登录失败", "Sign-in failed";
    NavRequests => "报事列表", "Requests";
    NavNew => "新建报修", "New request";
    NavConflicts => "冲突", "Conflicts";
    Logout => "退出", "Sign out";
    LogoutPending => "还有未同步的修改。退出后它们仍保存在本机，重新登录后继续同步。确定退出？", "Some changes are not synced yet. They stay on this device and sync after you sign in again. Sign out?";
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
}
