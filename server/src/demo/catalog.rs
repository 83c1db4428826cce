//! What the demo's requests say: the first twelve open ones the demo always had, and the
//! texts of the rest, each with its type, the department whose work it is, and its place,
//! topic and problem in the default classifier (`shared::request::classifier`, by default
//! number: `default_id(n)`; 0 is none).

/// Department indexes into [`super::staff::DEPARTMENTS`].
pub const ENG: Option<usize> = Some(0);
pub const CLEAN: Option<usize> = Some(1);
pub const GUARD: Option<usize> = Some(2);
pub const GARDEN: Option<usize> = Some(3);
pub const FINANCE: Option<usize> = Some(5);

/// One request text: type, description, department, and (place, topic, problem).
#[derive(Debug, Clone, Copy)]
pub struct Text {
    pub category: &'static str,
    pub description: &'static str,
    pub department: Option<usize>,
    pub class: (u32, u32, u32),
}

const fn t(
    category: &'static str,
    description: &'static str,
    department: Option<usize>,
    class: (u32, u32, u32),
) -> Text {
    Text { category, description, department, class }
}

/// The first twelve requests: urgency, status and text.
pub const SAMPLES: [(&str, &str, Text); 12] = [
    ("urgent", "new", t("repair", "厨房水管漏水，地面已积水", ENG, (1, 100, 101))),
    ("normal", "assigned", t("repair", "卫生间灯不亮，需要更换灯泡", ENG, (1, 110, 112))),
    ("normal", "new", t("complaint", "楼上夜间噪音太大，影响休息", GUARD, (1, 210, 0))),
    ("normal", "in_progress", t("repair", "入户门门锁损坏，钥匙打不开", ENG, (1, 120, 122))),
    ("normal", "new", t("inquiry", "咨询物业费缴费方式和截止日期", FINANCE, (0, 190, 191))),
    ("urgent", "assigned", t("repair", "电梯按钮失灵，老人出行不便", ENG, (2, 130, 132))),
    ("normal", "new", t("suggestion", "建议在东门增设快递柜", None, (3, 290, 0))),
    ("normal", "in_progress", t("repair", "阳台窗户密封条脱落，下雨渗水", ENG, (1, 120, 122))),
    ("urgent", "assigned", t("complaint", "地下车库有车辆长期占用他人车位", GUARD, (4, 150, 151))),
    ("normal", "new", t("paid_service", "需要上门疏通下水道", ENG, (1, 100, 102))),
    ("normal", "assigned", t("repair", "楼道声控灯不亮", ENG, (2, 110, 112))),
    ("normal", "in_progress", t("inquiry", "询问装修申请需要哪些材料", None, (0, 290, 0))),
];

/// The texts further requests are drawn from.
pub const MORE: &[Text] = &[
    t("repair", "卫生间地漏反味，清理后仍有异味", ENG, (1, 100, 102)),
    t("repair", "客厅空调外机支架松动，有坠落风险", ENG, (1, 120, 0)),
    t("repair", "热水器无法点火，已检查燃气阀门", ENG, (1, 290, 0)),
    t("repair", "可视对讲门铃没有画面", ENG, (1, 110, 113)),
    t("repair", "楼道窗户玻璃破裂，需要更换", ENG, (2, 120, 122)),
    t("repair", "单元门门禁刷卡无反应", ENG, (2, 140, 143)),
    t("repair", "外墙瓷砖空鼓，担心脱落", ENG, (3, 120, 121)),
    t("repair", "卧室墙面渗水发霉，疑似楼上防水问题", ENG, (1, 120, 121)),
    t("repair", "电表箱跳闸，家中停电", ENG, (1, 110, 111)),
    t("repair", "车位地锁损坏，无法升降", ENG, (4, 150, 0)),
    t("complaint", "楼道堆放杂物，影响消防通道", CLEAN, (2, 140, 142)),
    t("complaint", "垃圾桶满溢未及时清运，气味很大", CLEAN, (3, 170, 171)),
    t("complaint", "有人在楼下广场遛狗不牵绳", GUARD, (3, 210, 0)),
    t("complaint", "外来车辆随意停放在消防通道", GUARD, (3, 150, 151)),
    t("complaint", "邻居装修超时施工，周末早上七点就开始", GUARD, (1, 210, 0)),
    t("complaint", "草坪长期无人修剪，蚊虫很多", GARDEN, (3, 180, 181)),
    t("complaint", "电梯轿厢内有小广告", CLEAN, (2, 170, 172)),
    t("inquiry", "询问车位月卡如何办理", None, (0, 150, 0)),
    t("inquiry", "咨询房屋出租需要登记哪些信息", None, (0, 290, 0)),
    t("inquiry", "询问小区停水通知的具体时间", None, (0, 100, 103)),
    t("inquiry", "询问快递放在哪里代收", None, (0, 290, 0)),
    t("inquiry", "物业费发票什么时候可以开", FINANCE, (0, 190, 192)),
    t("suggestion", "建议儿童游乐区增加遮阳棚", GARDEN, (3, 180, 0)),
    t("suggestion", "建议地下车库增设充电桩", ENG, (4, 110, 0)),
    t("suggestion", "建议在单元门口增加扶手，方便老人", ENG, (2, 120, 0)),
    t("praise", "感谢保洁阿姨帮忙找回丢失的钥匙", CLEAN, (0, 200, 0)),
    t("praise", "表扬秩序部夜间巡逻认真负责", GUARD, (0, 200, 0)),
    t("paid_service", "需要上门安装晾衣架", ENG, (1, 290, 0)),
    t("paid_service", "申请家政保洁，春节前大扫除", CLEAN, (1, 170, 0)),
    t("paid_service", "需要搬运旧家具到楼下", CLEAN, (1, 290, 0)),
    t("repair", "小区绿化带的树枝挡住了窗户", GARDEN, (3, 180, 181)),
];

/// Why a request was cancelled.
pub const CANCEL_REASONS: [&str; 3] = ["重复报事", "住户已自行解决", "误报"];

/// A complaint's closed loop: (reply, cause, plan).
pub const COMPLAINT_LOOPS: [(&str, &str, &str); 3] = [
    ("已向住户说明处理结果并致歉", "巡查不到位，未及时发现", "加强巡查频次，每日两次并拍照留档"),
    ("已电话回复住户，承诺限期整改", "责任人员未按规程作业", "对责任人员培训并复查，三日内回访"),
    ("已当面向住户说明情况", "住户反映属实，系排班不足", "调整排班，高峰时段增加人手"),
];

/// The corrective report (整改报告) of each loop of [`COMPLAINT_LOOPS`]: what was changed so
/// it does not happen again.
pub const CORRECTIVE_REPORTS: [&str; 3] = [
    "已增加巡查频次并拍照留档，一周复查无再发",
    "责任人员已完成培训考核，复查合格",
    "高峰时段已增派人手，住户反馈情况好转",
];

/// The reply to a complaint that does not stand (it still gets a reasoned answer).
pub const UNFOUNDED_REPLY: &str = "经核查不属于物业责任范围，已向住户解释原因并提供相关部门电话";

/// What a dissatisfied resident said.
pub const DISSATISFIED: [&str; 2] = ["问题没有彻底解决，又出现了", "维修后仍然漏水"];
/// What a neutral resident said.
pub const NEUTRAL: [&str; 2] = ["解决了，但等的时间有点长", "还可以"];
