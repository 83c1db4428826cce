//! The three-level classifier (位置 place × 类别 topic × 问题 problem) and its routing
//! (流转规则): a topic or problem names the department its requests go to, and a department
//! its default assignee (DOMAIN duty 2: fees → finance; building, plumbing, power →
//! engineering; safety, vehicles, theft → security; cleaning, landscaping → their teams;
//! staff attitude → the service desk's supervisor).
//!
//! The defaults live here with fixed ids, so every site has them from its first minute and
//! offline. A supervisor edits a default by writing a `classifier` record with the same id
//! (its fields win over the default's), adds one with a new id, or hides one with `deleted`.
//! The ids are the same in every site; the server keys records by site, so each site's
//! edits are records of its own.
//!
//! Laws:
//! - [`nodes`] is the defaults overlaid by the records, field by field; no record, no change.
//! - [`route`] prefers the most specific level: a problem's own department, else its topic's;
//!   a node's own assignee, else the department's default assignee.

use crate::fields::Fields;
use crate::ids::{Kind, RecordId};
use crate::names::{field, kind};
use crate::replica::ReplicaState;
use crate::wire_enum::wire_enum;

/// The kind of classifier records.
pub const KIND: &str = kind::CLASSIFIER;

wire_enum!(
    /// The level of a classifier node.
    Level {
        /// Where: in a unit, a common area, outdoors…
        Place = "place",
        /// What kind of matter (给排水, 电气…); routes to a department.
        Topic = "topic",
        /// The problem within a topic (漏水…); its `parent` is the topic.
        Problem = "problem",
    }
);

wire_enum!(
    /// What a department is for, so that routing rules can name a department before the
    /// site's department records exist (the department record's `code` field).
    DepartmentCode {
        /// 工程部
        Engineering = "engineering",
        /// 保洁部
        Cleaning = "cleaning",
        /// 秩序部 / 安保
        Security = "security",
        /// 绿化部
        Landscaping = "landscaping",
        /// 财务部
        Finance = "finance",
        /// 客服中心 (staff attitude, neighbours, anything else)
        Service = "service",
    }
);

/// One node as the pickers and the router see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: RecordId,
    pub level: Level,
    /// A problem's topic.
    pub parent: Option<RecordId>,
    pub name_zh: String,
    pub name_en: String,
    /// The department (record) requests of this node go to, when set by a supervisor.
    pub department: Option<RecordId>,
    /// The department code the default routes to, when no department record is named.
    pub route: Option<DepartmentCode>,
    /// A default assignee for this node, over the department's.
    pub assignee: Option<RecordId>,
    /// Display order within its level.
    pub sort: i64,
}

use DepartmentCode::*;

/// `(number, level, parent number, 中文, English, route)`: one default node.
type DefaultNode = (u32, Level, u32, &'static str, &'static str, Option<DepartmentCode>);

/// The defaults. Numbers are forever: they make the ids that supervisors' edits refer to.
const DEFAULTS: &[DefaultNode] = &[
    (1, Level::Place, 0, "户内", "In the unit", None),
    (2, Level::Place, 0, "楼道 / 电梯厅", "Stairwell / lift lobby", None),
    (3, Level::Place, 0, "室外 / 道路 / 绿地", "Outdoors / roads / green", Some(Service)),
    (4, Level::Place, 0, "地下车库", "Underground garage", Some(Security)),
    (5, Level::Place, 0, "设备机房", "Plant room", Some(Engineering)),
    (100, Level::Topic, 0, "给排水", "Plumbing", Some(Engineering)),
    (101, Level::Problem, 100, "漏水", "Leak", None),
    (102, Level::Problem, 100, "堵塞", "Blocked drain", None),
    (103, Level::Problem, 100, "停水 / 水压低", "No water / low pressure", None),
    (110, Level::Topic, 0, "电气", "Power", Some(Engineering)),
    (111, Level::Problem, 110, "停电", "Power cut", None),
    (112, Level::Problem, 110, "灯不亮", "Lights out", None),
    (113, Level::Problem, 110, "开关 / 插座", "Switch / socket", None),
    (120, Level::Topic, 0, "土建", "Building", Some(Engineering)),
    (121, Level::Problem, 120, "墙面渗水 / 开裂", "Damp or cracked wall", None),
    (122, Level::Problem, 120, "门窗", "Doors / windows", None),
    (123, Level::Problem, 120, "屋面", "Roof", None),
    (130, Level::Topic, 0, "电梯", "Lift", Some(Engineering)),
    (131, Level::Problem, 130, "困人", "Someone trapped", None),
    (132, Level::Problem, 130, "故障", "Out of order", None),
    (140, Level::Topic, 0, "安全", "Safety", Some(Security)),
    (141, Level::Problem, 140, "可疑人员", "Suspicious person", None),
    (142, Level::Problem, 140, "消防隐患", "Fire hazard", None),
    (143, Level::Problem, 140, "门禁", "Door access", None),
    (150, Level::Topic, 0, "车辆", "Vehicles", Some(Security)),
    (151, Level::Problem, 150, "违章停车", "Illegal parking", None),
    (152, Level::Problem, 150, "车辆受损", "Damaged vehicle", None),
    (160, Level::Topic, 0, "失窃", "Theft", Some(Security)),
    (170, Level::Topic, 0, "清洁", "Cleaning", Some(Cleaning)),
    (171, Level::Problem, 170, "垃圾未清", "Rubbish not cleared", None),
    (172, Level::Problem, 170, "楼道卫生", "Dirty stairwell", None),
    (180, Level::Topic, 0, "绿化", "Landscaping", Some(Landscaping)),
    (181, Level::Problem, 180, "修剪", "Pruning", None),
    (182, Level::Problem, 180, "病虫害", "Pests", None),
    (190, Level::Topic, 0, "费用", "Fees", Some(Finance)),
    (191, Level::Problem, 190, "物业费疑问", "Fee question", None),
    (192, Level::Problem, 190, "发票", "Invoice", None),
    (200, Level::Topic, 0, "服务态度", "Staff attitude", Some(Service)),
    (210, Level::Topic, 0, "邻里 / 噪音", "Neighbours / noise", Some(Service)),
    (290, Level::Topic, 0, "其他", "Other", Some(Service)),
];

/// The fixed id of default node `n`.
pub fn default_id(n: u32) -> RecordId {
    RecordId(format!("00000000-0000-5000-8001-{n:012x}"))
}

/// Every live node: the defaults overlaid by the site's `classifier` records, sorted by
/// level, then `sort`, then name.
pub fn nodes(state: &ReplicaState) -> Vec<Node> {
    let kind = Kind::new(KIND);
    let mut out: Vec<Node> = DEFAULTS
        .iter()
        .map(|&(n, level, parent, zh, en, route)| Node {
            id: default_id(n),
            level,
            parent: (parent != 0).then(|| default_id(parent)),
            name_zh: zh.into(),
            name_en: en.into(),
            department: None,
            route,
            assignee: None,
            sort: i64::from(n),
        })
        .collect();
    for (id, f) in state.records_of(KIND) {
        let node = match out.iter_mut().find(|n| &n.id == id) {
            Some(n) => n,
            None => {
                let Some(level) = f.parsed(field::LEVEL, Level::parse) else {
                    continue;
                };
                out.push(Node {
                    id: id.clone(),
                    level,
                    parent: None,
                    name_zh: String::new(),
                    name_en: String::new(),
                    department: None,
                    route: None,
                    assignee: None,
                    sort: i64::MAX,
                });
                out.last_mut().expect("just pushed")
            }
        };
        overlay(node, f);
    }
    let deleted = |id: &RecordId| state.record(&kind, id).is_some_and(Fields::is_deleted);
    out.retain(|n| !(deleted(&n.id) || (n.name_zh.is_empty() && n.name_en.is_empty())));
    out.sort_by(|a, b| {
        (a.level as u8, a.sort, &a.name_zh).cmp(&(b.level as u8, b.sort, &b.name_zh))
    });
    out
}

/// A record's set fields over a node (a cleared field keeps the default).
fn overlay(n: &mut Node, f: &Fields) {
    if let Some(p) = f.reference(field::PARENT) {
        n.parent = Some(p);
    }
    if let Some(s) = f.text(field::NAME_ZH) {
        n.name_zh = s.to_owned();
    }
    if let Some(s) = f.text(field::NAME_EN) {
        n.name_en = s.to_owned();
    }
    if let Some(d) = f.reference(field::DEPARTMENT) {
        n.department = Some(d);
    }
    if let Some(a) = f.reference(field::ASSIGNEE) {
        n.assignee = Some(a);
    }
    if let Some(s) = f.int(field::SORT) {
        n.sort = s;
    }
}

/// Where a request goes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    pub department: Option<RecordId>,
    pub assignee: Option<RecordId>,
}

/// The route of a request classified as `topic` / `problem` (either may be missing): the
/// most specific node's department (or the live department with its route code), then that
/// node's assignee or the department's `default_assignee`.
pub fn route(
    state: &ReplicaState,
    nodes: &[Node],
    topic: Option<&RecordId>,
    problem: Option<&RecordId>,
) -> Route {
    route_at(state, nodes, None, topic, problem)
}

/// [`route`] with the request's place (a common place's 设备机房, 地下车库…) as the last
/// rule: what the place routes to when neither the problem nor the topic names a department
/// (a request on a plant room with no topic chosen still reaches 工程部).
pub fn route_at(
    state: &ReplicaState,
    nodes: &[Node],
    place: Option<&RecordId>,
    topic: Option<&RecordId>,
    problem: Option<&RecordId>,
) -> Route {
    let find = |id: Option<&RecordId>| id.and_then(|id| nodes.iter().find(|n| &n.id == id));
    let problem = find(problem);
    let topic = find(topic).or_else(|| problem.and_then(|p| find(p.parent.as_ref())));
    let place = find(place).filter(|n| n.level == Level::Place);
    let chain: Vec<&Node> = problem.into_iter().chain(topic).chain(place).collect();
    let dept_kind = Kind::new(kind::DEPARTMENT);
    let live = |id: &RecordId| state.record(&dept_kind, id).is_some_and(|f| !f.is_deleted());
    let by_code = |code: DepartmentCode| {
        state
            .records_of(kind::DEPARTMENT)
            .find(|(id, f)| live(id) && f.text(field::CODE) == Some(code.as_str()))
            .map(|(id, _)| id.clone())
    };
    let department = chain.iter().find_map(|n| {
        n.department.clone().filter(|d| live(d)).or_else(|| n.route.and_then(by_code))
    });
    let assignee = chain.iter().find_map(|n| n.assignee.clone()).or_else(|| {
        let d = department.as_ref()?;
        state.record(&dept_kind, d).and_then(|f| f.reference(field::DEFAULT_ASSIGNEE))
    });
    Route { department, assignee }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Change, Hlc, ReplicaId};
    use serde_json::json;

    fn put(s: &mut ReplicaState, kind: &str, id: &RecordId, field: &str, v: serde_json::Value) {
        let n = s.len() as u64 + 1;
        s.apply(&Change {
            kind: Kind::new(kind),
            id: id.clone(),
            field: field.into(),
            value: v,
            hlc: Hlc::new(n * 10 + field.len() as u64, 0),
            replica: ReplicaId::from("t"),
            prev: None,
        });
    }

    #[test]
    fn defaults_cover_the_documents_routes_and_ids_are_valid() {
        let nodes = nodes(&ReplicaState::new());
        assert!(nodes.iter().all(|n| n.id.is_valid()));
        let topic = |zh: &str| nodes.iter().find(|n| n.name_zh == zh).unwrap().route;
        assert_eq!(topic("费用"), Some(Finance));
        assert_eq!(topic("给排水"), Some(Engineering));
        assert_eq!(topic("失窃"), Some(Security));
        assert_eq!(topic("绿化"), Some(Landscaping));
        assert_eq!(topic("服务态度"), Some(Service));
        let levels: Vec<Level> = nodes.iter().map(|n| n.level).collect();
        assert!(levels.windows(2).all(|w| (w[0] as u8) <= (w[1] as u8)), "sorted by level");
    }

    #[test]
    fn routing_uses_department_codes_then_supervisor_overrides() {
        let mut s = ReplicaState::new();
        let eng = RecordId::from("0190f0a0-0000-7000-8000-0000000000e1");
        let other = RecordId::from("0190f0a0-0000-7000-8000-0000000000e2");
        let boss = RecordId::from("0190f0a0-0000-7000-8000-0000000000a1");
        let fixer = RecordId::from("0190f0a0-0000-7000-8000-0000000000a2");
        put(&mut s, "department", &eng, "code", json!("engineering"));
        put(&mut s, "department", &eng, "default_assignee", json!(boss.as_str()));
        put(&mut s, "department", &other, "name", json!("外包"));
        let leak = default_id(101);
        let r = route(&s, &nodes(&s), None, Some(&leak));
        assert_eq!(r, Route { department: Some(eng.clone()), assignee: Some(boss.clone()) });
        // A supervisor sends leaks to another department and names a fixer.
        put(&mut s, KIND, &leak, "department", json!(other.as_str()));
        put(&mut s, KIND, &leak, "assignee", json!(fixer.as_str()));
        let r = route(&s, &nodes(&s), Some(&default_id(100)), Some(&leak));
        assert_eq!(r, Route { department: Some(other), assignee: Some(fixer) });
        // Blocked drains still follow their topic.
        let r = route(&s, &nodes(&s), None, Some(&default_id(102)));
        assert_eq!(r.department, Some(eng.clone()));
    }

    #[test]
    fn the_place_routes_when_neither_topic_nor_problem_does() {
        let mut s = ReplicaState::new();
        let eng = RecordId::from("0190f0a0-0000-7000-8000-0000000000e1");
        let sec = RecordId::from("0190f0a0-0000-7000-8000-0000000000e3");
        put(&mut s, "department", &eng, "code", json!("engineering"));
        put(&mut s, "department", &sec, "code", json!("security"));
        let n = nodes(&s);
        let plant = default_id(5);
        let by_place = route_at(&s, &n, Some(&plant), None, None);
        assert_eq!(by_place.department, Some(eng.clone()), "a plant room goes to engineering");
        // The topic still decides first: theft in the plant room is security's.
        let theft = route_at(&s, &n, Some(&plant), Some(&default_id(160)), None);
        assert_eq!(theft.department, Some(sec));
        // A topic is not a place: only place nodes route as the place.
        let odd = route_at(&s, &n, Some(&default_id(100)), None, None);
        assert_eq!(odd, Route::default());
        assert_eq!(route_at(&s, &n, Some(&default_id(1)), None, None), Route::default());
    }

    #[test]
    fn records_rename_add_and_hide_nodes() {
        let mut s = ReplicaState::new();
        put(&mut s, KIND, &default_id(160), "name_zh", json!("盗窃"));
        put(&mut s, KIND, &default_id(210), "deleted", json!(true));
        let new = RecordId::from("0190f0a0-0000-7000-8000-0000000000c1");
        put(&mut s, KIND, &new, "level", json!("topic"));
        put(&mut s, KIND, &new, "name_zh", json!("快递"));
        let n = nodes(&s);
        assert!(n.iter().any(|n| n.id == default_id(160) && n.name_zh == "盗窃"));
        assert!(!n.iter().any(|n| n.id == default_id(210)));
        assert!(n.iter().any(|n| n.id == new && n.level == Level::Topic));
        assert_eq!(route(&s, &n, Some(&new), None), Route::default(), "no route yet");
    }

    #[test]
    fn a_blank_name_keeps_the_default_as_a_cleared_one_does() {
        // A blank `name_zh` (an import, a plain HTTP client) once overwrote the default
        // name with "", which the form and the list show as a nameless node.
        let mut s = ReplicaState::new();
        put(&mut s, KIND, &default_id(160), "name_zh", json!("   "));
        let n = nodes(&s);
        let node = n.iter().find(|n| n.id == default_id(160)).expect("still listed");
        assert!(!node.name_zh.is_empty());
    }
}
