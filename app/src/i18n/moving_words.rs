//! The words of the moving pages (`/moving`, `/passes`): move-in and move-out checks, the
//! lift bookings and the release passes, and what each form error says.

use super::{pick, Lang};
use crate::model::moving::BookingFormError;
use crate::model::moving_check::MoveError;
use crate::model::pass::PassError;
use shared::moving::{BookingError, BookingStatus, MoveType, PassStatus};

words! {
    /// A word or phrase of the moving pages.
    Mv, fn mv;
    Title => "入住迁出与搬家", "Moving in and out";
    ResidentSigns => "住户签字（确认钥匙和读数）", "Resident's signature (keys and readings)";
    DayMoves => "近三天的搬家预约", "Moves in the next three days";
    DayPasses => "今日放行条（未放行）", "Release passes for today, not yet used";
    Bookings => "搬家预约（货梯）", "Lift bookings";
    Checks => "入住/迁出检查", "Move-in and move-out checks";
    NoBookings => "暂无预约", "No bookings";
    NoChecks => "暂无检查记录", "No checks yet";
    BookLift => "预约货梯", "Book the lift";
    MoveIn => "办理入住", "Move in";
    MoveOut => "办理迁出", "Move out";
    Passes => "放行条", "Release passes";
    NewPass => "开放行条", "Issue a pass";
    Unit => "房屋", "Unit";
    ChooseUnit => "请选择房屋", "Choose a unit";
    Day => "日期", "Day";
    Slot => "时段", "Slot";
    Direction => "搬入/搬出", "Moving in or out";
    Goods => "物品", "Goods";
    Note => "备注", "Note";
    Save => "保存", "Save";
    Cancel => "返回", "Back";
    CancelBooking => "取消预约", "Cancel booking";
    Cancelled => "已取消", "Cancelled";
    SlotTakenTitle => "以下预约未成功：该时段已被其他预约占用，请另选时段",
        "This booking was refused: the lift slot was taken by another booking; pick another slot";
    Rebook => "另选时段", "Pick another slot";
    Dismiss => "不再预约", "Drop it";
    BookHint => "须提前一天预约，避开上下班高峰，只能使用货梯（消防电梯）",
        "Book at least a day ahead, off the rush hours; moves use the service lift only";
    Person => "住户", "Resident";
    NewPerson => "新住户", "New resident";
    Name => "姓名", "Name";
    Phone => "电话", "Phone";
    Role => "身份", "Tie";
    Leaving => "迁出住户", "Who moves out";
    Documents => "证件已核验", "Documents checked";
    Keys => "交付钥匙（把）", "Keys handed over";
    KeysOut => "收回钥匙（把）", "Keys returned";
    Water => "水表读数", "Water meter";
    Electricity => "电表读数", "Electricity meter";
    Gas => "燃气表读数", "Gas meter";
    Card => "住户卡号", "Resident card number";
    Arrears => "未缴欠费", "Unpaid arrears";
    NoArrears => "无欠费", "Nothing owed";
    SaveCheck => "确认并保存", "Confirm and save";
    Bearer => "携带人", "Bearer";
    BearerPhone => "携带人电话", "Bearer's phone";
    Plate => "车牌", "Plate";
    ValidDay => "有效日期", "Valid on";
    Issue => "开具", "Issue";
    Status => "状态", "Status";
    MarkUsed => "放行", "Let through";
    Void => "作废", "Void";
    Print => "打印", "Print";
    PassTitle => "物品放行条", "Release pass";
    UsedAt => "放行时间", "Used at";
    NoPasses => "暂无放行条", "No passes";
    Booking => "搬家预约", "Booking";
    NoBooking => "不关联预约", "No booking";
    Past => "已过", "Past";
    Upcoming => "即将", "Coming";
    Saved => "已保存", "Saved";
    Signature => "管家签字", "Butler's signature";
}

pub fn move_type_label(t: MoveType, lang: Lang) -> &'static str {
    match t {
        MoveType::MoveIn => pick(lang, "入住/搬入", "Moving in"),
        MoveType::MoveOut => pick(lang, "迁出/搬出", "Moving out"),
    }
}

pub fn booking_status_label(s: BookingStatus, lang: Lang) -> &'static str {
    match s {
        BookingStatus::Booked => pick(lang, "已预约", "Booked"),
        BookingStatus::Cancelled => pick(lang, "已取消", "Cancelled"),
    }
}

pub fn pass_status_label(s: PassStatus, lang: Lang) -> &'static str {
    match s {
        PassStatus::Issued => pick(lang, "已开具", "Issued"),
        PassStatus::Used => pick(lang, "已放行", "Used"),
        PassStatus::Void => pick(lang, "已作废", "Void"),
    }
}

pub fn booking_error_text(e: BookingFormError, lang: Lang) -> &'static str {
    let (zh, en) = match e {
        BookingFormError::UnitRequired => ("请选择房屋", "Choose a unit"),
        BookingFormError::SlotRequired => ("请选择时段", "Choose a slot"),
        BookingFormError::DirectionRequired => ("请选择搬入或搬出", "Choose moving in or out"),
        BookingFormError::TooLong => ("内容过长", "The text is too long"),
        BookingFormError::Rule(BookingError::BadDay) => ("请选择日期", "Choose a day"),
        BookingFormError::Rule(BookingError::TooSoon) => {
            ("须至少提前一天预约", "Book at least the lead days ahead")
        }
        BookingFormError::Rule(BookingError::NotASlot) => {
            ("该时段在高峰期或不在可预约时段内", "That slot is in a peak or not a listed slot")
        }
        BookingFormError::Taken => {
            ("该时段已被其他房屋预约，请另选时段", "Another unit holds that slot: pick another one")
        }
    };
    pick(lang, zh, en)
}

pub fn move_error_text(e: MoveError, lang: Lang) -> &'static str {
    let (zh, en) = match e {
        MoveError::PersonRequired => ("请选择或填写住户", "Choose or enter the resident"),
        MoveError::LinkRequired => ("请选择迁出的住户", "Choose who moves out"),
        MoveError::Person(_) => ("住户姓名、电话或日期有误", "Check the name, phone and day"),
        MoveError::BadKeys => ("钥匙数量应为0至100的整数", "Keys are a whole number from 0 to 100"),
        MoveError::BadReading => ("表读数应为非负数字", "A meter reading is a number, 0 or more"),
        MoveError::TooLong => ("内容过长", "The text is too long"),
        MoveError::SignatureRequired => (
            "请住户在签名框内签字确认钥匙和读数",
            "The resident signs for the keys and readings in the box",
        ),
    };
    pick(lang, zh, en)
}

pub fn pass_error_text(e: PassError, lang: Lang) -> &'static str {
    let (zh, en) = match e {
        PassError::UnitRequired => ("请选择房屋", "Choose a unit"),
        PassError::GoodsRequired => ("请填写放行物品", "Enter the goods"),
        PassError::BearerRequired => ("请填写携带人", "Enter the bearer"),
        PassError::BadDay => ("请选择有效日期", "Choose the day it is valid"),
        PassError::TooLong => ("内容过长", "The text is too long"),
        PassError::NoSecurity => (
            "本小区未设秩序部（安保），无法开具",
            "The site has no security department to route it to",
        ),
    };
    pick(lang, zh, en)
}
