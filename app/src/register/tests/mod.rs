//! Native tests of the register: a small site built change by change, as the replica
//! receives it.

mod form;
mod search;
mod table;
mod transfer;
mod unit;

use super::*;
use serde_json::{json, Value};
use shared::replica::ReplicaState;
use shared::{Change, Hlc, Kind, RecordId, ReplicaId};

/// Now, in the tests: 2026-03-01 00:00 UTC.
pub const NOW: i64 = 1_772_323_200_000;
/// A day in ms.
pub const DAY: i64 = 86_400_000;

/// A replica under construction.
#[derive(Default)]
pub struct Site {
    pub state: ReplicaState,
    tick: u64,
}

impl Site {
    /// Sets fields of a record (each at a later stamp) and returns its id.
    pub fn put(&mut self, kind: &str, id: &RecordId, fields: &[(&str, Value)]) -> RecordId {
        for (field, value) in fields {
            self.tick += 1;
            self.state.apply(&Change {
                kind: Kind::new(kind),
                id: id.clone(),
                field: (*field).into(),
                value: value.clone(),
                hlc: Hlc::new(1_000 + self.tick, 0),
                replica: ReplicaId::server(),
                prev: None,
            });
        }
        id.clone()
    }

    pub fn building(&mut self, name: &str, area: &RecordId) -> RecordId {
        self.put("building", &RecordId::new_v7(), &[("name", json!(name)), ("area", json!(area))])
    }

    pub fn unit(&mut self, building: &RecordId, number: &str) -> RecordId {
        let label = number.replacen('-', "号楼", 1) + "室";
        self.put(
            "unit",
            &RecordId::new_v7(),
            &[("building", json!(building)), ("number", json!(number)), ("label", json!(label))],
        )
    }

    pub fn person(&mut self, name: &str, phone: &str) -> RecordId {
        self.put("person", &RecordId::new_v7(), &[("name", json!(name)), ("phone", json!(phone))])
    }

    /// Links `person` to `unit` as `role` from `from`, until `to` if given.
    pub fn link(
        &mut self,
        unit: &RecordId,
        person: &RecordId,
        role: &str,
        to: Option<i64>,
    ) -> RecordId {
        let link = RecordId::new_v7();
        self.put(
            "unit_person",
            &link,
            &[
                ("unit", json!(unit)),
                ("person", json!(person)),
                ("role", json!(role)),
                ("from", json!(NOW - 400 * DAY)),
                ("to", to.map_or(Value::Null, |t| json!(t))),
            ],
        )
    }

    pub fn request(&mut self, unit: &RecordId, status: &str) -> RecordId {
        self.put(
            "request",
            &RecordId::new_v7(),
            &[("unit", json!(unit)), ("status", json!(status)), ("description", json!("漏水"))],
        )
    }
}

/// 3号楼 with 3-1801, 3-1802, 1号楼 with 1-0302, 10号楼 with 10-0101; 王芳 (owner) and 李强
/// (tenant) in 3-1801, 王建国 moved out of 1-0302, 赵敏 (phone2 only) in 1-0302.
pub struct Fixture {
    pub site: Site,
    pub b3: RecordId,
    pub u1801: RecordId,
    pub u1802: RecordId,
    pub u0302: RecordId,
    pub u10: RecordId,
    pub wang: RecordId,
    pub li: RecordId,
    pub old: RecordId,
    pub zhao: RecordId,
}

pub fn fixture() -> Fixture {
    let mut site = Site::default();
    let area = site.put("area", &RecordId::new_v7(), &[("name", json!("东区"))]);
    let b3 = site.building("3号楼", &area);
    let b1 = site.building("1号楼", &area);
    let b10 = site.building("10号楼", &area);
    let u1801 = site.unit(&b3, "3-1801");
    let u1802 = site.unit(&b3, "3-1802");
    let u0302 = site.unit(&b1, "1-0302");
    let u10 = site.unit(&b10, "10-0101");
    let wang = site.person("王芳", "138 1234 5678");
    let li = site.person("李强", "13987654321");
    let old = site.person("王建国", "13500001111");
    let zhao = site.put("person", &RecordId::new_v7(), &[("name", json!("赵敏"))]);
    site.put("person", &zhao, &[("phone2", json!("0755-8600 4321"))]);
    site.link(&u1801, &li, "tenant", None);
    site.link(&u1801, &wang, "owner", None);
    site.link(&u0302, &old, "owner", Some(NOW - DAY));
    site.link(&u0302, &zhao, "resident", Some(NOW + 30 * DAY));
    site.request(&u1801, "new");
    site.request(&u1801, "closed");
    Fixture { site, b3, u1801, u1802, u0302, u10, wang, li, old, zhao }
}

#[test]
fn units_sort_naturally_and_texts_compare_by_their_numbers() {
    use std::cmp::Ordering::*;
    assert_eq!(natural_cmp("2-0101", "10-0101"), Less);
    assert_eq!(natural_cmp("3号楼", "10号楼"), Less);
    assert_eq!(natural_cmp("3-1801", "3-1801"), Equal);
    assert_eq!(natural_cmp("3-0901", "3-1801"), Less);
    assert_eq!(natural_cmp("A座", "B座"), Less);
    assert_eq!(natural_cmp("1-0302", "1-302"), Greater, "same value: fewer zeros first");
    let f = fixture();
    let r = Register::build(&f.site.state, NOW);
    let numbers: Vec<&str> = r.units.iter().map(|u| u.number.as_str()).collect();
    assert_eq!(numbers, ["1-0302", "3-1801", "3-1802", "10-0101"]);
    let buildings: Vec<&str> = r.buildings.iter().map(|b| b.1.as_str()).collect();
    assert_eq!(buildings, ["1号楼", "3号楼", "10号楼"]);
}
