//! The one i18n layer: every UI string is a [`Key`] with its Simplified Chinese (default) and
//! English text side by side, so a missing translation cannot compile.

/// Declares a table of UI words: an enum of keys, its `ALL` and `text(self, lang)`, each
/// key's Simplified Chinese and English side by side, so a missing translation cannot
/// compile; `Name, fn lookup;` also declares the free function `lookup(w, lang)`. Every table
/// of `i18n` is one of these (`tests.rs` checks each key reads in both languages).
macro_rules! words {
    ($(#[$doc:meta])* $name:ident $(, fn $lookup:ident)?; $($k:ident => $zh:expr, $en:expr;)+) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($k),+ }

        impl $name {
            /// Every key (tests check each has both texts).
            pub const ALL: &'static [$name] = &[$($name::$k),+];
            /// The text in `lang`.
            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                let (zh, en) = match self {
                    $($name::$k => ($zh, $en),)+
                };
                $crate::i18n::pick(lang, zh, en)
            }
        }

        $(
            /// `w` in `lang`.
            pub fn $lookup(w: $name, lang: $crate::i18n::Lang) -> &'static str {
                w.text(lang)
            }
        )?
    };
}

pub mod arrears_words;
mod checklist_labels;
mod field_names;
mod followup_labels;
mod frontdesk_words; // issue 25: frontdesk
mod history_words;
mod labels;
mod moving_words;
mod patrol_labels;
mod renovation_words;
mod report_labels;
mod report_words;
mod survey_words;
// issue 25: services
pub mod service_words;
mod sync_words;
mod visit_words;

pub use checklist_labels::*;
pub use field_names::*;
pub use followup_labels::*;
pub use frontdesk_words::*;
pub use history_words::*;
pub use labels::*;
pub use moving_words::*;
pub use patrol_labels::*;
pub use renovation_words::*;
pub use report_labels::*;
pub use report_words::*;
pub use survey_words::*;
pub use sync_words::*;
pub use visit_words::*;

/// The UI language. Chinese is the default; the choice is kept in `localStorage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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

/// `zh` or `en`, whichever `lang` reads.
pub(crate) fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

words! {
    /// A UI string.
    Key;
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
    NavNew => "新建报事", "New request";
    NavConflicts => "冲突", "Conflicts";
    Logout => "退出", "Sign out";
    SyncNow => "立即同步", "Sync now";
    Syncing => "正在同步…", "Syncing…";
    SyncDone => "同步完成", "Synced";
    SyncOffline => "无法连接服务器，修改仍保存在本机", "Cannot reach the server: the changes stay on this tablet";
    SyncFailed => "同步失败，修改仍保存在本机", "Sync failed: the changes stay on this tablet";
    ExportUnsynced => "导出未同步的修改和照片", "Export unsynced changes and photos";
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
    UpdateReady => "新版本已就绪，空闲时自动更新", "A new version is ready; it applies when you are not typing";
    UpdateNow => "立即更新", "Update now";
    Rebasing => "服务器已从备份恢复：本机正在补发服务器缺少的记录和照片", "The server was restored from a backup: this device is sending back what it lacks";
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
    DescriptionRequired => "请填写问题描述", "Please enter a description";
    UnitRequired => "请选择房号", "Please choose a unit";
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
    RegisterReading => "正在从本机读取住户资料，结果可能不全…", "Still reading the residents from this device: results may be incomplete…";
    RegisterHint => "输入房号（如 3-1801）、楼栋（如 3号楼）、住户姓名或电话号码中连续 4 位以上数字", "Type a unit (3-1801), a building, a name, or 4 or more digits of a phone";
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
    NameRequired => "请填写姓名", "Please enter a name";
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
    RequestType => "类型", "Type";
    Source => "来源", "Source";
    MissedCall => "未接来电（3 小时内回电）", "Missed call (return within 3 h)";
    MissedCallBadge => "未接", "Missed call";
    Place => "位置", "Place";
    Topic => "类别", "Category";
    Problem => "问题", "Problem";
    NotChosen => "（未选）", "(none)";
    ContactName => "联系人", "Contact name";
    RequestNumber => "工单编号", "Number";
    Owner => "首问负责人", "Owner (took it)";
    DoneAt => "完成时间", "Done";
    Dispatch => "派单", "Dispatch";
    Department => "部门", "Department";
    Assignee => "处理人", "Assignee";
    Nobody => "（不指定）", "(nobody)";
    DispatchSave => "派单", "Dispatch";
    DispatchNoRoute => "请选择部门或处理人", "Choose a department or an assignee";
    MoveNotAllowed => "当前身份不能执行此操作", "Your role cannot make this move";
    CancelReason => "取消原因", "Reason for cancelling";
    CancelReasonRequired => "请填写取消原因", "Please give the reason for cancelling";
    Comments => "备注与回复", "Comments";
    CommentInternal => "仅内部可见", "Internal only";
    CommentAdd => "添加备注", "Add comment";
    CommentRequired => "请填写内容", "Please write something";
    CommentForResident => "对住户", "For the resident";
    CommentInternalMark => "内部", "Internal";
    History => "处理记录", "History";
    NoHistory => "暂无记录", "Nothing yet";
    NotYetSynced => "尚未同步到服务器", "not yet synced";
    ReachedServer => "到达服务器", "reached the server";
    OnDevice => "设备", "device";
    Reopens => "重新打开次数", "Times reopened";
    Unknown => "未知", "unknown";
    NoticeGotIt => "知道了", "Got it";
    NoticeOpen => "查看工单", "Open the request";
    NoticeServerSays => "服务器说明：", "The server says: ";
    // -- follow-up, deadlines, day and office keys (issue 8) --
    NavDay => "我的一天", "My day";
    NavReview => "每日检查", "Daily review";
    NavSettings => "设置", "Settings";
    CbTitle => "回访", "Call-back";
    CbResult => "回访结果", "Result";
    CbSatisfaction => "满意度", "Satisfaction";
    CbComment => "回访意见 / 备注", "Comment / note";
    CbSave => "记录回访", "Record the call-back";
    CbNone => "暂无回访记录", "No call-back yet";
    CbNotYet => "完成后才能回访", "The call-back comes once the work is done";
    CbSatisfactionRequired => "请选择满意度", "Please choose the satisfaction";
    CbNotAllowed => "只有管家、前台和主管可以回访", "Only butlers, the office and supervisors call back";
    CbDue => "回访时限", "Call-back due";
    CpTitle => "投诉处理", "Complaint handling";
    CpStands => "投诉是否成立", "Does the complaint stand?";
    CpStandsYes => "成立", "It stands";
    CpStandsNo => "不成立", "It does not stand";
    CpNotJudged => "未判定", "Not judged";
    CpReply => "答复（不成立也须说明理由）", "Reply (with reasons, even when it does not stand)";
    CpCause => "原因", "Cause";
    CpResponsible => "责任人", "Person responsible";
    CpPlan => "处理方案", "Handling plan";
    CpPlanApproved => "方案已由主管批准", "Plan approved by a supervisor";
    CpPlanWaiting => "方案待主管批准", "Plan waiting for a supervisor";
    CpApprove => "批准方案", "Approve the plan";
    CpReplyRequired => "投诉不成立也须填写答复理由", "A complaint that does not stand still needs a reasoned reply";
    CpReportRequired => "升级至经理须填写整改报告", "Escalating to the manager needs a corrective-action report";
    CpNotApprovable => "只有主管可以批准已填写的方案", "Only a supervisor approves a written plan";
    CpBadTime => "下次答复时间须晚于现在", "The next reply time must be later than now";
    CpTopLevel => "已升级至经理", "Already with the manager";
    CpConfirmIncomplete => "请签名，或填写口头同意的说明", "Please sign, or describe the verbal consent";
    CpProgressDue => "已超过答复时限：请告知住户进度并约定下次答复时间", "The answer deadline has passed: tell the resident of progress and promise the next reply";
    CpNextReply => "下次答复时间", "Next reply at";
    CpProgressSave => "已告知进度", "Resident told";
    CpEscalation => "升级", "Escalation";
    CpEscalate => "逐级上报", "Escalate one level";
    CpReport => "整改报告", "Corrective-action report";
    CpConfirmation => "住户确认", "Resident's confirmation";
    CpSignHere => "请住户在框内签名", "Resident signs in the box";
    CpClear => "清除", "Clear";
    CpSaveSignature => "保存签名", "Save the signature";
    CpVerbal => "口头同意", "Verbal consent";
    CpVerbalNote => "口头同意说明（时间、方式）", "Verbal consent: when and how";
    CpSaveVerbal => "保存口头同意", "Save verbal consent";
    CpSigned => "已签名", "Signed";
    CpRepeats => "该房屋 90 天内的投诉", "This unit's complaints in the last 90 days";
    CpNoEarlier => "90 天内没有已受理或已答复的投诉", "No complaint accepted or answered in the last 90 days";
    CpLinkRepeat => "标记为重复投诉", "Mark as a repeat";
    CpUnlink => "取消关联", "Unlink";
    CpRepeatOf => "重复投诉，前次：", "Repeat of:";
    CpDoneBlocked => "完成前还需：", "Before it can be done:";
    DayTitle => "我的一天", "My day";
    DayNew => "新报事", "New requests";
    DayCallbacks => "待回访", "Call-backs due";
    DayOverdue => "超时报事", "Overdue requests";
    DayNothing => "暂无", "Nothing";
    DayOverdueCount => "超时", "overdue";
    DayStuckCount => "滞留", "stuck";
    DayCoverage => "本周回访（自周一）", "Call-backs this week (since Monday)";
    ColSelect => "选择", "Select";
    ColFlags => "标记", "Flags";
    ColActions => "操作", "Actions";
    NavMain => "主导航", "Main navigation";
    DayComplaintsCovered => "投诉回访 {a}/{b}（目标 100%）", "Complaints called back {a}/{b} (target 100%)";
    DayRepairsCovered => "维修回访 {a}/{b}（目标 {p}%）", "Repairs called back {a}/{b} (target {p}%)";
    DayRepeatRate => "本月重复投诉率 {r}（重复 {a} / 投诉 {b}）", "Repeat complaints this month {r} ({a} repeats of {b} complaints)";
    Overdue => "超时", "Overdue";
    Stuck => "滞留", "Stuck";
    DueAt => "时限", "Due";
    AnyType => "全部类型", "All types";
    AnyArea => "全部区域", "All areas";
    AnyDepartment => "全部部门", "All departments";
    OverdueOnly => "仅超时", "Overdue only";
    LateCounts => "超时 {o} 条，其中滞留 {s} 条", "{o} overdue, {s} of them stuck";
    BulkTitle => "批量改派", "Reassign selected";
    BulkDepartment => "部门", "Department";
    BulkAssignee => "处理人", "Assignee";
    BulkNobody => "（不指定）", "(nobody)";
    BulkSelected => "已选 {n} 条", "{n} selected";
    BulkApply => "改派", "Reassign";
    BulkNothing => "请先勾选报事并选择部门或处理人", "Select requests and a department or assignee first";
    ReviewTitle => "每日未完成报事", "Unfinished requests, daily review";
    ReviewAt => "检查时间 {t}", "Review at {t}";
    ReviewReason => "未完成原因", "Why not done";
    ReviewSave => "保存原因", "Save the reason";
    ReviewGiven => "今日已填原因", "Today's reason given";
    ReviewNone => "没有未完成的报事", "No unfinished request";
    ReasonRequired => "请填写原因", "Please give a reason";
    SettingsTitle => "设置", "Settings";
    SupervisorsOnly => "只有主管可以修改设置", "Only supervisors change the settings";
    SettingsDeadlines => "时限（小时）", "Deadlines (hours)";
    SettingsDefault => "默认 {n}", "default {n}";
    SettingsSaved => "已保存", "Saved";
    SettingsBadNumber => "请填写 1 至 10000 之间的整数", "Enter a whole number from 1 to 10000";
    SettingsClassifier => "分类与派单规则", "Categories and routing";
    SettingsNameZh => "中文名称", "Chinese name";
    SettingsNameEn => "英文名称", "English name";
    SettingsLevel => "层级", "Level";
    SettingsParent => "上级类别", "Topic";
    SettingsAdd => "添加", "Add";
    SettingsHide => "隐藏", "Hide";
    SettingsDepartments => "部门默认处理人", "Departments' default assignees";
    SettingsNameRequired => "请填写名称", "Please enter a name";
    PhotosWaiting => "张照片待上传", "photos waiting";
    PhotosFailed => "张照片上传失败", "photos failed";
    Photos => "照片", "Photos";
    PhotoAdd => "拍照 / 选择照片", "Take or choose photos";
    PhotoDrop => "可将照片拖放到这里", "or drop photos here";
    PhotoSaving => "正在保存照片…", "Saving photos…";
    PhotoSaved => "照片已保存在本机", "Photos saved on this device";
    PhotoSaveFailed => "照片未能保存", "The photo could not be saved";
    PhotoStateWaiting => "等待上传", "Waiting to upload";
    PhotoStateUploading => "上传中", "Uploading";
    PhotoStateDone => "已上传", "Uploaded";
    PhotoStateFailed => "上传失败", "Upload failed";
    PhotoNone => "暂无照片", "No photos yet";
    PhotoNotHere => "照片尚未下载", "Photo not on this device yet";
    PhotosUnconfirmedSignOut => "本机有照片尚未被服务器确认（待上传或被拒收）。退出会删除它们：请先联网上传，或导出后再退出。", "Photos on this device are not confirmed by the server (waiting or refused). Signing out deletes them: let them upload, or export them and then sign out.";
    PhotosUnconfirmedSignIn => "本机还有上一位用户的照片尚未被服务器确认。请其登录并上传，或先导出再登录。", "This tablet holds photos of the last user that the server has not confirmed. Ask them to sign in and let them upload, or export them before signing in.";
    PhotoZoom => "放大 / 还原", "Zoom";
    PhotoClose => "关闭", "Close";
    StorageUsed => "本机已用", "Used on this device";
    StorageQuota => "可用", "available";
    StoragePersisted => "本机存储：已持久", "Storage: persistent";
    StorageNotPersisted => "本机存储：未持久", "Storage: not persistent";
    // Ends a label that a sentence follows on the same line ("本机存储：未持久。浏览器…").
    FullStop => "。", ".";
    StorageNotPersistedHint => "浏览器在空间紧张时可能清除本机数据，请经常联网同步；将管家安装到主屏幕通常可获得持久存储。", "The browser may clear this device's data when space runs short: sync often. Installing Guanjia to the home screen usually makes its storage persistent.";
    StorageLow => "存储空间即将用完", "Storage is almost full";
    StorageLowHint => "剩余不足 10%：记录仍可保存，照片可能无法保存。请联网上传已拍照片或清理空间。", "Less than 10% free: records still save, photos may not. Go online to upload the photos taken, or free some space.";
    PhotoRefusedFull => "存储空间不足，照片未保存。请先联网上传已拍照片或清理空间。", "Not enough storage: the photo was not saved. Go online to upload the photos taken, or free some space first.";
    SaveFailedFull => "存储空间已满，未能保存。请联网同步或清理空间后重试。", "Storage is full: not saved. Go online to sync, or free some space, then try again.";
    PhotoAttach => "附加照片", "Attach photos";
    RecordSavedPhotosAgain => "记录已保存；照片可在本页重新添加。", "The record is saved; add its photos again on this page.";
    PhotosToAttach => "张照片将随评论保存", "photos go with the comment";
    NavPatrol => "巡查", "Patrol";
    QualityToDo => "今日还需", "still to do today";
    PatrolTitle => "巡查", "Patrol";
    PatrolCoverage => "巡查覆盖", "Coverage";
    PatrolRounds => "巡查记录", "Rounds";
    PatrolNoArea => "请选择片区和检查表", "Choose an area and a checklist";
    PatrolTemplate => "检查表", "Checklist";
    PatrolArea => "片区", "Area";
    PatrolBuilding => "楼栋", "Building";
    PatrolWholeArea => "整个片区", "The whole area";
    PatrolSubject => "被检查人", "Whose work";
    PatrolStart => "开始巡查", "Start the round";
    PatrolPhotoRequired => "以下不合格项须拍照：", "Take a photo of these failed items first: ";
    PatrolBadValue => "填写的内容不符合要求", "That value does not fit this item";
    PatrolNoRound => "没有这次巡查", "No such round";
    PatrolPhotosOf => "不合格项照片", "Photos of the finding";
    PatrolFinishBuilding => "本楼栋完成", "Building done";
    PatrolEnd => "结束巡查", "End the round";
    PatrolPass => "合格", "Pass";
    PatrolFail => "不合格", "Fail";
    PatrolNa => "不适用", "N/A";
    PatrolNote => "备注", "Note";
    PatrolTakePhoto => "拍照", "Photos";
    PatrolRoundsToday => "今日巡查轮次", "Rounds today";
    PatrolFloor => "楼层", "Floor";
    PatrolLast => "上次巡查", "Last patrolled";
    PatrolDue => "最迟下次", "Due by";
    PatrolNever => "从未巡查", "Never";
    PatrolExport => "导出 Excel", "Export to Excel";
    PatrolStarted => "开始", "Started";
    PatrolEnded => "结束", "Ended";
    PatrolKind => "类型", "Kind";
    PatrolBy => "检查人", "By";
    PatrolScore => "得分", "Score";
    PatrolQuality => "品质检查", "Quality check";
    PatrolSection => "分区", "Section";
    PatrolItem => "检查项", "Item";
    PatrolResult => "结果", "Result";
    PatrolValue => "读数 / 选项", "Value";
    PatrolFindings => "发现问题", "Findings";
    PatrolPrint => "打印 / 存为 PDF", "Print / save as PDF";
    DayRechecks => "待复查的整改", "Fixes to re-check";
    DayCoverToday => "今日应巡查", "To patrol today";
    RecheckPass => "复查合格", "Re-check: pass";
    RecheckFail => "复查不合格", "Re-check: fail";
    PatrolTemplates => "检查表", "Checklists";
    PatrolDraft => "草稿（发布后用于新的巡查）", "Draft (new rounds use it once published)";
    PatrolRetire => "移除", "Take out";
    PatrolPhotoOnFail => "不合格须拍照", "Photo required on fail";
    PatrolAddItem => "添加检查项", "Add item";
    PatrolPublish => "发布新版本", "Publish the new version";
    PatrolQualityByDay => "主管品质检查（按人按日）", "Quality checks by supervisor and day";
    NotForRole => "此页面不供您的角色使用", "This page is not for your role";
    NotForRoleHome => "回到首页", "Back to your start page";
    Location => "位置", "Location";
    UnitChoose => "— 请选择房号 —", "— Choose a unit —";
    UnitOrPlaceRequired => "请选择房号，或填写公共部位及其楼栋或片区", "Choose a unit, or name a common place and its building or area";
    EntranceBad => "单元须为 1–99 的数字，且须选择楼栋", "The entrance must be a number from 1 to 99, in a chosen building";
    WhereIs => "报事位置", "Where";
    WhereUnit => "住户房屋", "A home (unit)";
    WhereCommon => "公共部位", "A common place";
    CommonPlace => "公共部位名称", "Common place";
    CommonPlaceHint => "如：3号梯、2单元楼道、中心广场", "e.g. lift 3, stairwell 2, the square";
    Entrance => "单元", "Entrance";
    AnyBuilding => "全部楼栋", "All buildings";
    NoBuilding => "无（片区公共区域）", "None (the area's grounds)";
    DispatchDefault => "默认：", "Default: ";
    PhotosToSave => "张照片将随报事保存", "photos go with the request";
    NoticeDetails => "详情（供技术支持）", "Details (for support)";
    EntryDetails => "详情", "Details";
    CloseResult => "办结结果", "Result";
    CloseResultResolved => "已解决", "Resolved";
    CloseResultAnswered => "已答复住户", "Resident answered";
    CloseResultNoAction => "无需处理", "No action needed";
    CloseBlocked => "关闭前还需：", "Before it can be closed:";
    CloseNeedsResult => "填写办结结果", "write the result";
    CloseNeedsJudgement => "判定投诉是否成立", "judge whether the complaint stands";
    CloseNeedsApproval => "主管批准处理方案", "a supervisor approves the plan";
    CloseNeedsConfirmation => "住户确认处理结果", "the resident confirms the outcome";
    ClosedReadOnly => "已关闭：只读。重新打开后才能修改。", "Closed: read-only until it is reopened.";
    SettingOn => "开", "on";
    SettingOff => "关", "off";
    DeskArea => "片区", "Area";
    DeskPlace => "楼栋 / 房号", "Building / unit";
    DeskExport => "导出 Excel（按当前筛选和排序）", "Export to Excel (as filtered and sorted)";
    ConflictRecord => "所属记录", "Record";
    ConflictBy => "修改人", "By";
    ConflictAt => "时间", "When";
    ConflictDevice => "设备", "Device";
    ConflictUnknown => "未知", "unknown";
    ConflictNotHere => "该记录不在本机", "The record is not on this device";
    NavReports => "报表", "Reports";
    ElsewhereTitle => "管家已在另一个标签页中打开", "Guanjia is open in another tab";
    ElsewhereBody => "同一台设备上只能由一个标签页保存数据，以免修改互相覆盖。请回到那个标签页，或在此使用：那个标签页会先保存正在进行的修改，然后停下。",
        "Only one tab on a device saves its data, so that no change overwrites another. Go back to that tab, or use the app here: that tab finishes the change it is saving, then stops.";
    UseHere => "在此使用", "Use here";
    UseHereWaiting => "正在等待另一个标签页交出数据…", "Waiting for the other tab to hand over…";
    NavAudit => "审计日志", "Audit log";
    NavDuties => "片区事务", "Duties";
    DutiesRenovations => "装修管理", "Renovations";
    DutiesRenovationsHint => "申请、审核审批、每日巡查、违规停工、验收", "Applications, review and approval, daily site checks, stop orders, acceptance";
    DutiesArrears => "欠费催缴", "Arrears";
    DutiesArrearsHint => "财务欠费清单、催缴记录、签收、逾期上报", "Finance's list, the chase log, signed notices, escalation";
    DutiesVisits => "入户走访", "Home visits";
    DutiesVisitsHint => "走访计划、走访记录、有效接触率", "Visit plans, visit records, effective contact";
    DutiesSurveys => "满意度调查", "Satisfaction surveys";
    DutiesSurveysHint => "季度问卷、抽样入户、回收率、分类满意率", "Quarterly questionnaires, the sample, return rate, satisfaction by topic";
    DutiesMoving => "入住迁出与搬家", "Moving in and out";
    DutiesMovingHint => "入住、迁出交接，货梯预约", "Move-in and move-out checklists, service lift bookings";
    DutiesPasses => "放行条", "Release passes";
    DutiesPassesHint => "物品放出小区，门岗核验", "Goods leaving the site, checked at the gate";
    DutiesFrontDesk => "前台", "Front desk";
    DutiesFrontDeskHint => "来电来访登记、转工单、交接班", "Calls and walk-ins, to a request in one step, shift handover";
    DutiesMail => "邮件包裹", "Mail and parcels";
    DutiesMailHint => "代收、通知、签收", "Received, resident told, collected with a signature";
    DutiesKnowledge => "知识库", "Knowledge base";
    DutiesKnowledgeHint => "常见问题的标准答复，离线可查", "Answers to common questions, searchable offline";
    DutiesServices => "有偿服务", "Paid services";
    DutiesServicesHint => "价目表、报价签认、收款、收据", "Price list, signed quote, payment, receipt";
    DutiesKeys => "钥匙托管", "Key custody";
    DutiesKeysHint => "寄存授权、借出归还、超时提醒", "Deposit with consent, sign-out and return, overdue keys";
    AuditTitle => "个人信息审计日志", "Personal data audit log";
    AuditIntro => "谁在何时导出了台账、导出或删除了某位住户的信息", "Who exported the register, or a resident's data, or erased it, and when";
    AuditTime => "时间", "Time";
    AuditUser => "操作人", "User";
    AuditAction => "操作", "Action";
    AuditTarget => "对象", "Target";
    AuditDetail => "详情", "Detail";
    AuditEmpty => "暂无记录", "Nothing recorded yet";
    AuditOffline => "审计日志只在服务器上，请联网后查看", "The audit log is on the server only: connect to read it";
    AuditForbidden => "只有主管可以查看审计日志", "Only supervisors read the audit log";
    AuditFailed => "无法读取审计日志（{s}）", "Could not read the audit log ({s})";
    AuditSignIn => "登录已过期，请重新登录", "The session has ended: sign in again";
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
