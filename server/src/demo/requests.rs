//! The compound's staff and its requests (工单): by default about one open request per 30
//! units; with an explicit count, a year of the site's history, mostly done and closed. Each
//! is about a unit somebody is tied to, with that person as the contact; assigned ones go to
//! the area's butler, or to a department's staff when the work is the department's.

use super::compound::Unit;
use super::names::Rng;
use super::people::Person;
use super::{demo_id, DEMO_USERS};
use shared::request::RequestStatus;
use shared::{RecordId, Role};

/// The departments, in this order; index constants below.
pub const DEPARTMENTS: [&str; 5] = ["工程部", "保洁部", "秩序部", "绿化部", "客服中心"];
const ENG: Option<usize> = Some(0);
const CLEAN: Option<usize> = Some(1);
const GUARD: Option<usize> = Some(2);
const GARDEN: Option<usize> = Some(3);

/// Department staff: username, name, department.
const DEPARTMENT_STAFF: [(&str, &str, usize); 5] = [
    ("repair1", "孙师傅", 0),
    ("clean1", "周阿姨", 1),
    ("guard1", "吴队长", 2),
    ("garden1", "郑师傅", 3),
    ("service1", "钱小姐", 4),
];
/// Surnames of the butlers after the first two.
const BUTLERS: [&str; 16] = [
    "陈", "刘", "杨", "黄", "周", "徐", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "梁", "谢",
];

/// An account of the demo site; its staff id is `demo_id("staff-{index}")`.
#[derive(Debug, Clone)]
pub struct Staff {
    pub username: String,
    pub name: String,
    pub role: Role,
    pub area: Option<usize>,
    pub department: Option<usize>,
}

/// The accounts: the four well-known logins first, then a butler for each further area,
/// more butlers for big areas (one per ~2,000 units, at most three), department staff.
pub fn staff(areas: usize, units: u32) -> Vec<Staff> {
    let mut out: Vec<Staff> = DEMO_USERS
        .iter()
        .map(|(username, name, role, area)| Staff {
            username: (*username).into(),
            name: (*name).into(),
            role: *role,
            area: *area,
            department: None,
        })
        .collect();
    let per_area = (units as usize / areas / 2_000).clamp(1, 3);
    let butlers = (2..areas).chain((areas..areas * per_area).map(|i| i % areas));
    for (n, area) in butlers.enumerate() {
        out.push(Staff {
            username: format!("butler{}", n + 3),
            name: format!("{}管家", BUTLERS[n % BUTLERS.len()]),
            role: Role::Butler,
            area: Some(area),
            department: None,
        });
    }
    out.extend(DEPARTMENT_STAFF.iter().map(|(username, name, d)| Staff {
        username: (*username).into(),
        name: (*name).into(),
        role: Role::Department,
        area: None,
        department: Some(*d),
    }));
    out
}

/// The first twelve requests, as the demo always had them: category, urgency, status,
/// description (and the department the work belongs to).
const SAMPLES: [(&str, &str, &str, &str, Option<usize>); 12] = [
    ("repair", "urgent", "new", "厨房水管漏水，地面已积水", ENG),
    ("repair", "normal", "assigned", "卫生间灯不亮，需要更换灯泡", ENG),
    ("complaint", "normal", "new", "楼上夜间噪音太大，影响休息", GUARD),
    ("repair", "normal", "in_progress", "入户门门锁损坏，钥匙打不开", ENG),
    ("inquiry", "normal", "new", "咨询物业费缴费方式和截止日期", None),
    ("repair", "urgent", "assigned", "电梯按钮失灵，老人出行不便", ENG),
    ("suggestion", "normal", "new", "建议在东门增设快递柜", None),
    ("repair", "normal", "in_progress", "阳台窗户密封条脱落，下雨渗水", ENG),
    ("complaint", "urgent", "assigned", "地下车库有车辆长期占用他人车位", GUARD),
    ("paid_service", "normal", "new", "需要上门疏通下水道", ENG),
    ("repair", "normal", "assigned", "楼道声控灯不亮", ENG),
    ("inquiry", "normal", "in_progress", "询问装修申请需要哪些材料", None),
];

/// Further requests: category, description, department.
const MORE: &[(&str, &str, Option<usize>)] = &[
    ("repair", "卫生间地漏反味，清理后仍有异味", ENG),
    ("repair", "客厅空调外机支架松动，有坠落风险", ENG),
    ("repair", "热水器无法点火，已检查燃气阀门", ENG),
    ("repair", "可视对讲门铃没有画面", ENG),
    ("repair", "楼道窗户玻璃破裂，需要更换", ENG),
    ("repair", "单元门门禁刷卡无反应", ENG),
    ("repair", "外墙瓷砖空鼓，担心脱落", ENG),
    ("repair", "卧室墙面渗水发霉，疑似楼上防水问题", ENG),
    ("repair", "电表箱跳闸，家中停电", ENG),
    ("repair", "车位地锁损坏，无法升降", ENG),
    ("complaint", "楼道堆放杂物，影响消防通道", CLEAN),
    ("complaint", "垃圾桶满溢未及时清运，气味很大", CLEAN),
    ("complaint", "有人在楼下广场遛狗不牵绳", GUARD),
    ("complaint", "外来车辆随意停放在消防通道", GUARD),
    ("complaint", "邻居装修超时施工，周末早上七点就开始", GUARD),
    ("complaint", "草坪长期无人修剪，蚊虫很多", GARDEN),
    ("complaint", "电梯轿厢内有小广告", CLEAN),
    ("inquiry", "询问车位月卡如何办理", None),
    ("inquiry", "咨询房屋出租需要登记哪些信息", None),
    ("inquiry", "询问小区停水通知的具体时间", None),
    ("inquiry", "询问快递放在哪里代收", None),
    ("suggestion", "建议儿童游乐区增加遮阳棚", GARDEN),
    ("suggestion", "建议地下车库增设充电桩", ENG),
    ("suggestion", "建议在单元门口增加扶手，方便老人", ENG),
    ("praise", "感谢保洁阿姨帮忙找回丢失的钥匙", CLEAN),
    ("praise", "表扬秩序部夜间巡逻认真负责", GUARD),
    ("paid_service", "需要上门安装晾衣架", ENG),
    ("paid_service", "申请家政保洁，春节前大扫除", CLEAN),
    ("paid_service", "需要搬运旧家具到楼下", CLEAN),
    ("repair", "小区绿化带的树枝挡住了窗户", GARDEN),
];

#[derive(Debug, Clone)]
pub struct Request {
    pub id: RecordId,
    pub unit: usize,
    pub category: &'static str,
    pub source: &'static str,
    pub urgency: &'static str,
    pub status: &'static str,
    pub description: &'static str,
    pub contact: usize,
    /// Index into the staff.
    pub assignee: Option<usize>,
    pub department: Option<usize>,
    pub created_by: usize,
    /// How long ago it was made, in minutes.
    pub age_minutes: u64,
}

/// How far back an explicit request count spreads the site's history, in days.
pub const HISTORY_DAYS: u64 = 365;
const MINUTES_PER_DAY: u64 = 24 * 60;

/// The requests of a compound. `count` `None` is the default demo: about one open request
/// per 30 units, at least 12, made in the last two weeks. `Some(n)` is exactly `n` requests
/// (if anybody is tied to a unit): the first (up to) twelve the same open ones, then a
/// history spread over the past [`HISTORY_DAYS`] whose status follows its age — recent
/// ones open, most older ones done or closed, a few cancelled or reopened. `contacts` is each
/// unit's contact person ([`super::people::contacts`]).
pub fn requests(
    rng: &mut Rng,
    units: &[Unit],
    contacts: &[Option<usize>],
    people: &[Person],
    staff: &[Staff],
    count: Option<usize>,
) -> Vec<Request> {
    let reachable: Vec<usize> = (0..units.len()).filter(|&u| contacts[u].is_some()).collect();
    if reachable.is_empty() || people.is_empty() {
        return Vec::new();
    }
    let office = staff.iter().position(|s| s.role == Role::Office).unwrap_or(0);
    let butler = |area: usize| staff.iter().position(|s| s.area == Some(area)).unwrap_or(office);
    let worker = |d: usize| staff.iter().position(|s| s.department == Some(d)).unwrap_or(office);
    // Every butler of each area: the history spreads an area's work over all of them.
    let areas = units.iter().map(|u| u.area + 1).max().unwrap_or(0);
    let butlers: Vec<Vec<usize>> = (0..areas)
        .map(|a| (0..staff.len()).filter(|&s| staff[s].area == Some(a)).collect())
        .collect();
    let history = count.is_some();
    let count = count.unwrap_or_else(|| (units.len() / 30).max(SAMPLES.len()));
    (0..count)
        .map(|i| {
            let unit = *rng.pick(&reachable);
            let area = units[unit].area;
            if history && i >= SAMPLES.len() {
                let contact = contacts[unit].unwrap_or(0);
                return past(rng, i, unit, contact, &butlers[area], office, &worker);
            }
            let (category, urgency, status, description, dept) = if i < SAMPLES.len() {
                SAMPLES[i]
            } else {
                let (category, description, dept) = *rng.pick(MORE);
                let pressing = matches!(category, "repair" | "complaint") && rng.chance(20);
                let urgency = if pressing { "urgent" } else { "normal" };
                let status =
                    [RequestStatus::New, RequestStatus::Assigned, RequestStatus::InProgress]
                        [rng.weighted(&[40, 35, 25])];
                (category, urgency, status.as_str(), description, dept)
            };
            let source = if i < SAMPLES.len() {
                if i % 3 == 0 {
                    "walk_in"
                } else {
                    "phone"
                }
            } else {
                SOURCES[rng.weighted(&SOURCE_WEIGHTS)]
            };
            let routed = if status == "new" { None } else { dept };
            let assignee = match (status, routed) {
                ("new", _) => None,
                (_, Some(d)) => Some(worker(d)),
                (_, None) => Some(butler(area)),
            };
            let by_butler = matches!(source, "patrol" | "visit");
            Request {
                id: demo_id(&format!("request-{i}")),
                unit,
                category,
                source,
                urgency,
                status,
                description,
                contact: contacts[unit].unwrap_or(0),
                assignee,
                department: routed,
                created_by: if by_butler { butler(area) } else { office },
                age_minutes: 30 + rng.below(14 * MINUTES_PER_DAY),
            }
        })
        .collect()
}

const SOURCES: [&str; 5] = ["phone", "walk_in", "online", "patrol", "visit"];
const SOURCE_WEIGHTS: [u64; 5] = [45, 15, 15, 15, 10];

/// Request `i` of the history: made some time in the past [`HISTORY_DAYS`], in the status a
/// request of that age is in. Every request past `new` was routed (to the department whose
/// work it is, else to one of the area's `butlers`) and has its assignee — who did the work,
/// for a done or closed one; a request cancelled before anyone took it has neither.
fn past(
    rng: &mut Rng,
    i: usize,
    unit: usize,
    contact: usize,
    butlers: &[usize],
    office: usize,
    worker: &dyn Fn(usize) -> usize,
) -> Request {
    use RequestStatus::*;
    let (category, description, dept) = *rng.pick(MORE);
    let pressing = matches!(category, "repair" | "complaint") && rng.chance(20);
    let source = SOURCES[rng.weighted(&SOURCE_WEIGHTS)];
    let age_minutes = 30 + rng.below(HISTORY_DAYS * MINUTES_PER_DAY);
    let days = age_minutes / MINUTES_PER_DAY;
    let (statuses, weights): (&[RequestStatus], &[u64]) = match days {
        0..=2 => (&[New, Assigned, InProgress, Done], &[30, 30, 25, 15]),
        3..=29 => {
            (&[Assigned, InProgress, Done, Closed, Reopened, Cancelled], &[4, 8, 25, 53, 3, 7])
        }
        _ => (&[Closed, Done, Reopened, Cancelled], &[88, 3, 1, 8]),
    };
    let status = statuses[rng.weighted(weights)];
    let taken = match status {
        New => false,
        Cancelled => rng.chance(50),
        _ => true,
    };
    let butler = if butlers.is_empty() { office } else { *rng.pick(butlers) };
    let routed = if taken { dept } else { None };
    let assignee = taken.then(|| routed.map_or(butler, worker));
    Request {
        id: demo_id(&format!("request-{i}")),
        unit,
        category,
        source,
        urgency: if pressing { "urgent" } else { "normal" },
        status: status.as_str(),
        description,
        contact,
        assignee,
        department: routed,
        created_by: if matches!(source, "patrol" | "visit") { butler } else { office },
        age_minutes,
    }
}
