//! The default checklists, with fixed ids (like the classifier's defaults): every site has
//! them from its first minute and offline; a supervisor edits one by writing a record with
//! the same id (its fields win), adds records, or hides one with `deleted` — a record of the
//! supervisor's own site (the server keys records by site).
//!
//! The daily patrol covers common areas, renovation sites and vacant units (DOMAIN duty 4);
//! the quality check is what a supervisor scores (002 §5.1.2). Every item names the classifier
//! topic (and problem) its finding is filed under, and so the department it goes to.

use super::{Covers, ItemType, Purpose};
use crate::ids::RecordId;
use crate::names::field;
use crate::request::classifier;
use serde_json::{json, Value};
use std::sync::OnceLock;

/// The fixed id of default checklist record `n` (numbers are forever).
pub fn default_id(n: u32) -> RecordId {
    RecordId(format!("00000000-0000-5000-8002-{n:012x}"))
}

/// The default daily patrol template.
pub const PATROL_TEMPLATE: u32 = 1;
/// The default quality-check template.
pub const QUALITY_TEMPLATE: u32 = 2;

const TEMPLATES: &[(u32, &str, &str, Purpose)] = &[
    (PATROL_TEMPLATE, "日常巡查", "Daily patrol", Purpose::Patrol),
    (QUALITY_TEMPLATE, "品质检查", "Quality check", Purpose::Quality),
];

const SECTIONS: &[(u32, u32, &str, &str, Covers)] = &[
    (10, PATROL_TEMPLATE, "公共区域", "Common areas", Covers::Common),
    (11, PATROL_TEMPLATE, "装修现场", "Renovation sites", Covers::Renovation),
    (12, PATROL_TEMPLATE, "空置房", "Vacant units", Covers::Vacant),
    (20, QUALITY_TEMPLATE, "服务品质", "Service quality", Covers::Service),
];

use ItemType::{Choice, Number, PassFail, Text};

/// `(n, section, 中文, English, type, min, max, photo on fail, topic, problem)`; topics and
/// problems are the classifier's default numbers (0: none).
type DefaultItem = (u32, u32, &'static str, &'static str, ItemType, f64, f64, bool, u32, u32);

const NO: f64 = f64::NAN;

const ITEMS: &[DefaultItem] = &[
    (100, 10, "楼道照明正常", "Stairwell lights work", PassFail, NO, NO, true, 110, 112),
    (
        101,
        10,
        "楼道无堆物、卫生干净",
        "Stairwell clear and clean",
        PassFail,
        NO,
        NO,
        true,
        170,
        172,
    ),
    (
        102,
        10,
        "消防通道畅通、器材完好",
        "Fire exits clear, equipment in place",
        PassFail,
        NO,
        NO,
        true,
        140,
        142,
    ),
    (103, 10, "灭火器压力（MPa）", "Extinguisher pressure (MPa)", Number, 1.0, 1.4, true, 140, 142),
    (104, 10, "电梯运行正常", "Lift working", PassFail, NO, NO, true, 130, 132),
    (105, 10, "单元门禁正常", "Entrance door access works", PassFail, NO, NO, false, 140, 143),
    (106, 10, "垃圾清运及时", "Rubbish cleared", PassFail, NO, NO, true, 170, 171),
    (107, 10, "绿化状况", "Greenery", Choice, NO, NO, true, 180, 0),
    (108, 10, "无违章停车", "No illegal parking", PassFail, NO, NO, true, 150, 151),
    (
        109,
        10,
        "墙面地面无渗水开裂",
        "Walls and floors dry, no cracks",
        PassFail,
        NO,
        NO,
        true,
        120,
        121,
    ),
    (110, 11, "装修许可证张贴", "Renovation permit posted", PassFail, NO, NO, true, 120, 0),
    (111, 11, "施工时间符合规定", "Works within permitted hours", PassFail, NO, NO, false, 210, 0),
    (
        112,
        11,
        "装修垃圾按规定堆放",
        "Renovation rubbish stored as required",
        PassFail,
        NO,
        NO,
        true,
        170,
        171,
    ),
    (
        113,
        11,
        "未改动承重结构",
        "Load-bearing structure untouched",
        PassFail,
        NO,
        NO,
        true,
        120,
        121,
    ),
    (114, 11, "配备灭火器", "Extinguisher on site", PassFail, NO, NO, true, 140, 142),
    (
        120,
        12,
        "门窗关闭完好",
        "Doors and windows shut and intact",
        PassFail,
        NO,
        NO,
        true,
        120,
        122,
    ),
    (121, 12, "无渗漏水", "No leaks", PassFail, NO, NO, true, 100, 101),
    (122, 12, "异常情况说明", "Anything unusual", Text, NO, NO, false, 0, 0),
    (
        200,
        20,
        "管家着装、工牌规范",
        "Butler in uniform with badge",
        PassFail,
        NO,
        NO,
        false,
        200,
        0,
    ),
    (201, 20, "当日工单均已跟进", "Today's requests followed up", PassFail, NO, NO, false, 200, 0),
    (202, 20, "巡查记录完整", "Patrol records complete", PassFail, NO, NO, false, 200, 0),
    (203, 20, "环境卫生评分（0–10）", "Cleanliness score (0–10)", Number, 6.0, 10.0, false, 170, 0),
];

/// `(n, item, 中文, English, fails)`.
const OPTIONS: &[(u32, u32, &str, &str, bool)] = &[
    (1070, 107, "良好", "Good", false),
    (1071, 107, "需修剪", "Needs pruning", true),
    (1072, 107, "病虫害", "Pests", true),
];

/// One default record: `(kind, id, fields)`.
pub(super) type DefaultRecord = (&'static str, RecordId, Vec<(&'static str, Value)>);

/// Every default checklist record.
pub(super) fn records() -> &'static [DefaultRecord] {
    static RECORDS: OnceLock<Vec<DefaultRecord>> = OnceLock::new();
    RECORDS.get_or_init(build)
}

fn build() -> Vec<DefaultRecord> {
    let mut out = Vec::new();
    for &(n, zh, en, purpose) in TEMPLATES {
        let fields = vec![
            (field::NAME_ZH, json!(zh)),
            (field::NAME_EN, json!(en)),
            (field::PURPOSE, json!(purpose)),
            (field::VERSION, json!(1)),
        ];
        out.push((super::TEMPLATE, default_id(n), fields));
    }
    for &(n, t, zh, en, covers) in SECTIONS {
        let fields = vec![
            (field::TEMPLATE, json!(default_id(t))),
            (field::NAME_ZH, json!(zh)),
            (field::NAME_EN, json!(en)),
            (field::COVERS, json!(covers)),
            (field::SORT, json!(n)),
            (field::FROM_VERSION, json!(1)),
        ];
        out.push((super::SECTION, default_id(n), fields));
    }
    for &(n, s, zh, en, ty, min, max, photo, topic, problem) in ITEMS {
        let mut fields = vec![
            (field::SECTION, json!(default_id(s))),
            (field::TEXT_ZH, json!(zh)),
            (field::TEXT_EN, json!(en)),
            (field::TYPE, json!(ty)),
            (field::PHOTO_ON_FAIL, json!(photo)),
            (field::SORT, json!(n)),
            (field::FROM_VERSION, json!(1)),
        ];
        for (name, v) in [(field::MIN, min), (field::MAX, max)] {
            if v.is_finite() {
                fields.push((name, json!(v)));
            }
        }
        for (name, node) in [(field::TOPIC, topic), (field::PROBLEM, problem)] {
            if node != 0 {
                fields.push((name, json!(classifier::default_id(node))));
            }
        }
        out.push((super::ITEM, default_id(n), fields));
    }
    for &(n, item, zh, en, fails) in OPTIONS {
        let fields = vec![
            (field::ITEM, json!(default_id(item))),
            (field::LABEL_ZH, json!(zh)),
            (field::LABEL_EN, json!(en)),
            (field::FAILS, json!(fails)),
            (field::SORT, json!(n)),
        ];
        out.push((super::OPTION, default_id(n), fields));
    }
    out
}
