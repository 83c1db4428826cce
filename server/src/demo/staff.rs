//! The demo site's accounts: the well-known logins, a butler per area (more for big areas),
//! and the staff of each department, with each department's code and default assignee.

use super::compound::AREA_NAMES;
use super::DEMO_USERS;
use shared::request::classifier::DepartmentCode;
use shared::Role;

/// The departments, in this order (indexes in [`super::catalog`]), with their codes
/// (`shared::request::classifier::DepartmentCode`), which default routing finds them by.
pub const DEPARTMENTS: [(&str, DepartmentCode); 6] = [
    ("工程部", DepartmentCode::Engineering),
    ("保洁部", DepartmentCode::Cleaning),
    ("秩序部", DepartmentCode::Security),
    ("绿化部", DepartmentCode::Landscaping),
    ("客服中心", DepartmentCode::Service),
    ("财务部", DepartmentCode::Finance),
];

/// Department staff: username, name, department.
const DEPARTMENT_STAFF: [(&str, &str, usize); 6] = [
    ("repair1", "孙师傅", 0),
    ("clean1", "周阿姨", 1),
    ("guard1", "吴队长", 2),
    ("garden1", "郑师傅", 3),
    ("service1", "钱小姐", 4),
    ("finance1", "冯会计", 5),
];

/// The staff index of department `d`'s default assignee (`department.default_assignee`):
/// its staff member, or for 客服中心 the supervisor (staff attitude goes to them).
pub fn default_assignee(staff: &[Staff], d: usize) -> Option<usize> {
    if DEPARTMENTS[d].1 == DepartmentCode::Service {
        return staff.iter().position(|s| s.role == Role::Supervisor);
    }
    staff.iter().position(|s| s.department == Some(d))
}
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

/// One line per account: username, name, role, and the area (butlers) or department
/// (department staff) it works in; the office and supervisor see the whole site.
pub fn logins_lines(staff: &[Staff]) -> String {
    staff
        .iter()
        .map(|s| {
            let place = match (s.area, s.department) {
                (Some(a), _) => format!("area / 片区 {}", AREA_NAMES[a]),
                (None, Some(d)) => format!("department / 部门 {}", DEPARTMENTS[d].0),
                (None, None) => "whole site / 全小区".to_owned(),
            };
            format!("  {:<11} {}  {:<11} {place}\n", s.username, s.name, s.role.as_str())
        })
        .collect()
}
