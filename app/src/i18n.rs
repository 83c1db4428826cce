//! The one i18n layer: every UI string is a [`Key`] with its Simplified Chinese (default) and
//! English text side by side, so a missing translation cannot compile.

mod labels;

pub use labels::*;

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
    LoadingReplica => "正在载入", "Loading";
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
    NavRegister => "台账", "Register";
    RegisterTitle => "房屋台账", "Household register";
    RegisterSearch => "房号、楼栋、姓名或电话", "Unit, building, name or phone";
    RegisterHint => "输入房号（如 3-1801）、楼栋（如 3号楼）、住户姓名或电话号码中连续 4 位以上数字", "Type a unit (3-1801), a building (3号楼), a name, or 4 or more digits of a phone";
    NoUnitsFound => "没有找到房屋", "No unit found";
    MoreResults => "还有 {n} 条结果未显示，请输入更多内容缩小范围", "{n} more not shown: type more to narrow";
    TabUnits => "房屋", "Units";
    TabPeople => "人员", "People";
    Building => "楼栋", "Building";
    Floor => "楼层", "Floor";
    UnitTypeLabel => "类型", "Type";
    UnitStateLabel => "房屋状态", "Occupancy";
    PeopleCount => "人数", "People";
    OpenRequests => "未关闭报事", "Open requests";
    AllBuildings => "全部楼栋", "All buildings";
    AllStates => "全部状态", "All states";
    FilterUnits => "筛选：房号、楼栋、姓名或电话", "Filter: unit, building, name or phone";
    FilterPeople => "筛选：姓名或电话", "Filter: name or phone";
    Name => "姓名", "Name";
    Phone => "电话", "Phone";
    Phone2 => "备用电话", "Second phone";
    Units => "房屋", "Units";
    Role => "身份", "Role";
    PrevPage => "上一页", "Previous";
    NextPage => "下一页", "Next";
    PageOf => "第 {p}/{n} 页，共 {t} 条", "Page {p} of {n}, {t} rows";
    Area => "区域", "Area";
    FloorArea => "面积", "Floor area";
    Note => "备注", "Note";
    PeopleHere => "住户", "People";
    MovedOut => "已迁出", "Moved out";
    NoPeople => "暂无住户信息", "No one recorded";
    UnitRequests => "报事记录", "Requests";
    NoUnitRequests => "暂无报事", "No requests";
    NewRequestForUnit => "为该房屋新建报修", "New request for this unit";
    AddPerson => "添加住户", "Add a person";
    EditPerson => "编辑", "Edit";
    MoveOut => "迁出", "Move out";
    MoveOutDate => "迁出日期", "Move-out date";
    ConfirmMoveOut => "确认迁出", "Confirm move-out";
    MoveIn => "迁入已登记人员", "Move in someone on record";
    MoveInSearch => "搜索姓名或电话", "Search a name or phone";
    MoveInDate => "入住日期", "Move-in date";
    ConfirmMoveIn => "确认迁入", "Move in";
    KeyCustomer => "重点客户", "Key customer";
    KeyCustomerMark => "重点", "Key";
    Present => "至今", "now";
    Call => "拨打", "Call";
    NameRequired => "请填写姓名 · Please enter a name", "Please enter a name · 请填写姓名";
    NameTooLong => "姓名过长", "The name is too long";
    BadPhone => "电话只能包含数字、-、+ 和空格", "A phone may hold digits, -, + and spaces only";
    NoteTooLong => "备注过长", "The note is too long";
    BadDate => "请填写正确的日期", "Please enter a valid date";
    MobileWarning => "手机号码应为 11 位，请核对（仍可保存）", "Mobile numbers have 11 digits: please check (saving is allowed)";
    ChoosePerson => "请选择要迁入的人员", "Choose who moves in";
    NoPeopleFound => "没有找到人员", "No one found";
    ViewOnly => "仅可查看", "View only";
    ImportTitle => "导入台账", "Import the register";
    ImportHint => "选择 XLSX 或 CSV 文件，先检查，没有错误后再导入", "Choose an XLSX or CSV file, check it, then import it once it has no errors";
    ImportCheck => "检查", "Check";
    ImportCommit => "导入", "Import";
    ImportChecking => "正在检查文件…", "Checking the file…";
    ImportCommitting => "正在导入…", "Importing…";
    ImportOffline => "导入需要联网", "Import needs a connection";
    ImportExpired => "登录已过期，请重新登录", "The session has expired: please sign in again";
    ImportFailedMsg => "导入失败", "Import failed";
    ImportUnitsCounts => "房屋：新增 {n}，更新 {u}，不变 {s}", "Units: {n} new, {u} updated, {s} unchanged";
    ImportPeopleCounts => "人员：新增 {n}，更新 {u}，不变 {s}", "People: {n} new, {u} updated, {s} unchanged";
    ImportErrorsCount => "发现 {n} 处错误，请修改文件后重新检查", "{n} errors found: fix the file and check it again";
    ImportNoErrors => "没有错误，可以导入", "No errors: ready to import";
    ImportNothingToChange => "文件与台账一致，没有需要导入的修改", "The file matches the register: nothing to import";
    ImportIgnored => "未识别的列（不会导入）", "Columns not recognised (not imported)";
    ImportDone => "导入完成", "Import done";
    ImportRefused => "文件有错误，没有导入任何内容", "The file has errors: nothing was imported";
    ImportSheet => "工作表", "Sheet";
    ImportRow => "行", "Row";
    ImportColumn => "列", "Column";
    ImportReason => "原因", "Reason";
    ExportTitle => "导出台账", "Export the register";
    ExportXlsx => "XLSX（房屋和人员）", "XLSX (units and people)";
    ExportCsvUnits => "CSV 房屋", "CSV units";
    ExportCsvPeople => "CSV 人员", "CSV people";
    Exporting => "正在导出…", "Exporting…";
    ExportOffline => "导出需要联网", "Export needs a connection";
    // -- intake and flow keys (issue 8) --
    // -- follow-up, deadlines, day and office keys (issue 8) --
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
