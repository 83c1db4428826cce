//! The demo site 阳光花园 (Sunshine Garden), deterministic: the same ids and contents on
//! every machine, written as server changes through the same path as every other write,
//! so devices receive it by pulling.

use crate::accounts::{add_user, create_site, NewUser};
use crate::error::AppResult;
use crate::state::{now_ms, AppState};
use crate::sync::{apply_server_changes, server_change};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use shared::Role;
use shared::{Change, RecordId};
use uuid::{Builder, Variant, Version};

/// The demo site's name.
pub const DEMO_SITE: &str = "阳光花园";
/// Password of every demo account.
pub const DEMO_PASSWORD: &str = "guanjia123";
/// Demo accounts: username, display name, role, area (index into the areas).
pub const DEMO_USERS: &[(&str, &str, Role, Option<usize>)] = &[
    ("butler1", "王管家", Role::Butler, Some(0)),
    ("butler2", "李管家", Role::Butler, Some(1)),
    ("office", "前台张", Role::Office, None),
    ("supervisor", "赵主管", Role::Supervisor, None),
];
const AREAS: [&str; 2] = ["东区", "西区"];

/// A stable UUID (version 7 bits set) derived from a name, so demo ids never change.
pub fn demo_id(name: &str) -> RecordId {
    let digest = Sha256::digest(format!("guanjia-demo:{name}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    let id = Builder::from_bytes(bytes)
        .with_version(Version::SortRand)
        .with_variant(Variant::RFC4122)
        .into_uuid();
    RecordId(id.to_string())
}

/// The unit number of building `b`, floor `f`, unit `u`: `1-0302`.
pub fn unit_number(b: u32, f: u32, u: u32) -> String {
    format!("{b}-{f:02}{u:02}")
}

fn fields(state: &AppState, kind: &str, id: &RecordId, fs: &[(&str, Value)]) -> Vec<Change> {
    fs.iter().map(|(f, v)| server_change(kind, id, f, v.clone(), state.hlc_now())).collect()
}

const REQUESTS: [(&str, &str, &str, &str); 12] = [
    ("repair", "urgent", "new", "厨房水管漏水，地面已积水"),
    ("repair", "normal", "assigned", "卫生间灯不亮，需要更换灯泡"),
    ("complaint", "normal", "new", "楼上夜间噪音太大，影响休息"),
    ("repair", "normal", "in_progress", "入户门门锁损坏，钥匙打不开"),
    ("inquiry", "normal", "new", "咨询物业费缴费方式和截止日期"),
    ("repair", "urgent", "assigned", "电梯按钮失灵，老人出行不便"),
    ("suggestion", "normal", "new", "建议在东门增设快递柜"),
    ("repair", "normal", "in_progress", "阳台窗户密封条脱落，下雨渗水"),
    ("complaint", "urgent", "assigned", "地下车库有车辆长期占用他人车位"),
    ("paid_service", "normal", "new", "需要上门疏通下水道"),
    ("repair", "normal", "assigned", "楼道声控灯不亮"),
    ("inquiry", "normal", "in_progress", "询问装修申请需要哪些材料"),
];

/// Seeds the demo site unless a site of that name exists. Returns whether it seeded.
pub async fn seed(state: &AppState) -> AppResult<bool> {
    if state.db().site_by_name(DEMO_SITE).await?.is_some() {
        return Ok(false);
    }
    let site = demo_id("site");
    let site_id = create_site(state, &site, DEMO_SITE).await?;
    let mut changes = Vec::new();
    let areas: Vec<RecordId> = (0..AREAS.len()).map(|i| demo_id(&format!("area-{i}"))).collect();
    for (id, name) in areas.iter().zip(AREAS) {
        changes.extend(fields(
            state,
            "area",
            id,
            &[("name", json!(name)), ("site", json!(site.0))],
        ));
    }
    let mut units = Vec::new();
    for b in 1..=6u32 {
        let building = demo_id(&format!("building-{b}"));
        let area = &areas[if b <= 3 { 0 } else { 1 }];
        changes.extend(fields(
            state,
            "building",
            &building,
            &[("name", json!(format!("{b}号楼"))), ("area", json!(area.0))],
        ));
        for f in 1..=18u32 {
            for u in 1..=4u32 {
                let number = unit_number(b, f, u);
                let id = demo_id(&format!("unit-{number}"));
                changes.extend(fields(
                    state,
                    "unit",
                    &id,
                    &[
                        ("building", json!(building.0)),
                        ("area", json!(area.0)),
                        ("floor", json!(f)),
                        ("number", json!(number)),
                        ("label", json!(format!("{b}号楼{f:02}{u:02}室"))),
                    ],
                ));
                units.push((id, b));
            }
        }
    }
    apply_server_changes(state, &site_id, &changes).await?;
    for (i, (username, name, role, area)) in DEMO_USERS.iter().enumerate() {
        let user = NewUser {
            site: DEMO_SITE.into(),
            role: *role,
            area: area.map(|a| AREAS[a].to_owned()),
            username: (*username).into(),
            password: DEMO_PASSWORD.into(),
            name: (*name).into(),
        };
        add_user(state, user, Some(demo_id(&format!("staff-{i}")))).await?;
    }
    let now = now_ms();
    let mut changes = Vec::new();
    for (i, (category, urgency, status, description)) in REQUESTS.iter().enumerate() {
        let (unit, building) = &units[(i * 37 + 5) % units.len()];
        let butler = demo_id(if *building <= 3 { "staff-0" } else { "staff-1" });
        let id = demo_id(&format!("request-{i}"));
        let assignee = if *status == "new" { Value::Null } else { json!(butler.0) };
        changes.extend(fields(
            state,
            "request",
            &id,
            &[
                ("unit", json!(unit.0)),
                ("category", json!(category)),
                ("source", json!(if i % 3 == 0 { "walk_in" } else { "phone" })),
                ("urgency", json!(urgency)),
                ("status", json!(status)),
                ("description", json!(description)),
                ("contact_name", json!(format!("业主{}", ["陈", "刘", "杨", "黄"][i % 4]))),
                ("contact_phone", json!(format!("1380013{:04}", 1000 + i))),
                ("assignee", assignee),
                ("created_by", json!(demo_id("staff-2").0)),
                ("created_at", json!(now - (i as u64 + 1) * 3_600_000)),
            ],
        ));
    }
    apply_server_changes(state, &site_id, &changes).await?;
    Ok(true)
}

/// The demo logins, for printing.
pub fn logins_text() -> String {
    let mut s = format!("Demo site / 演示小区: {DEMO_SITE}\n");
    for (username, name, role, _) in DEMO_USERS {
        s.push_str(&format!(
            "  {username:<11} {name}  ({})  password / 密码: {DEMO_PASSWORD}\n",
            role.as_str()
        ));
    }
    s
}
