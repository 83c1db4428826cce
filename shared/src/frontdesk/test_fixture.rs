//! A small replica for the front desk's tests: area A (building 100, units 1–2) and area B
//! (building 200, unit 3).

use crate::ids::RecordId;
use crate::names::{field, kind};
use crate::replica::ReplicaState;
use crate::{Change, Hlc, Kind, ReplicaId};
use serde_json::{json, Value};

pub fn id(n: u32) -> RecordId {
    RecordId::from(format!("00000000-0000-7000-8000-{n:012}"))
}

pub fn put(s: &mut ReplicaState, k: &str, id: &RecordId, fields: &[(&str, Value)]) {
    for (f, v) in fields {
        let n = s.len() as u64 + 1;
        s.apply(&Change {
            kind: Kind::new(k),
            id: id.clone(),
            field: (*f).into(),
            value: v.clone(),
            hlc: Hlc::new(n * 100 + f.len() as u64, 0),
            replica: ReplicaId::from("t"),
            prev: None,
        });
    }
}

pub const AREA_A: u32 = 1000;
pub const AREA_B: u32 = 2000;

pub fn places() -> ReplicaState {
    let mut s = ReplicaState::new();
    put(&mut s, kind::BUILDING, &id(100), &[(field::AREA, json!(id(AREA_A)))]);
    put(&mut s, kind::BUILDING, &id(200), &[(field::AREA, json!(id(AREA_B)))]);
    for (u, b) in [(1, 100), (2, 100), (3, 200)] {
        put(&mut s, kind::UNIT, &id(u), &[(field::BUILDING, json!(id(b)))]);
    }
    s
}
