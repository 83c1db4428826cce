//! A replica written field by field, for the figures' tests.

use crate::calendar::days_from_civil;
use crate::names::{field, kind};
use crate::replica::ReplicaState;
use crate::report::facts::Facts;
use crate::report::period::DAY_MS;
use crate::{Change, Hlc, Kind, RecordId, ReplicaId};
use serde_json::{json, Value};

pub(crate) const CN: i64 = 480;
pub(crate) const H: i64 = 3_600_000;

/// `h` o'clock of day `d` of month `m`, 2026, in China.
pub(crate) fn at(m: i64, d: i64, h: i64) -> i64 {
    days_from_civil(2026, m, d) * DAY_MS + h * H - CN * 60_000
}

/// A replica written field by field.
#[derive(Default)]
pub(crate) struct Fx {
    pub s: ReplicaState,
    n: u64,
}

impl Fx {
    pub fn put(&mut self, kind: &str, id: &RecordId, fields: &[(&str, Value)]) {
        for (f, v) in fields {
            self.n += 1;
            self.s.apply(&Change {
                kind: Kind::new(kind),
                id: id.clone(),
                field: (*f).to_owned(),
                value: v.clone(),
                hlc: Hlc::new(self.n, 0),
                replica: ReplicaId::server(),
                prev: None,
            });
        }
    }

    pub fn new_record(&mut self, kind: &str, fields: &[(&str, Value)]) -> RecordId {
        let id = RecordId::new_v7();
        self.put(kind, &id, fields);
        id
    }

    /// A new request of `cat` in area `area`, taken by `by`, received at `created`.
    pub fn request(&mut self, cat: &str, area: &RecordId, by: &RecordId, created: i64) -> RecordId {
        let f = [
            (field::CATEGORY, json!(cat)),
            (field::AREA, json!(area)),
            (field::CREATED_BY, json!(by)),
            (field::CREATED_AT, json!(created)),
            (field::STATUS, json!("new")),
        ];
        self.new_record(kind::REQUEST, &f)
    }

    pub fn status(&mut self, r: &RecordId, to: &str, t: i64) {
        let ev = [
            (field::REQUEST, json!(r)),
            (field::TYPE, json!("status")),
            (field::TO, json!(to)),
            (field::AT, json!(t)),
        ];
        self.new_record(kind::REQUEST_EVENT, &ev);
        self.put(kind::REQUEST, r, &[(field::STATUS, json!(to))]);
        if to == "done" {
            self.put(kind::REQUEST, r, &[(field::DONE_AT, json!(t))]);
        }
    }

    pub fn callback(&mut self, r: &RecordId, result: &str, sat: Option<&str>, t: i64) {
        let mut f = vec![(field::REQUEST, json!(r)), (field::RESULT, json!(result))];
        f.push((field::AT, json!(t)));
        if let Some(s) = sat {
            f.push((field::SATISFACTION, json!(s)));
        }
        self.new_record(kind::CALLBACK, &f);
    }

    pub fn facts(&self) -> Facts {
        Facts::from_state(&self.s)
    }
}
