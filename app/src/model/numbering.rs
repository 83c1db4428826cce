//! Every new request gets its readable number (`A2-261206-0457`), whichever form files it:
//! the intake form takes one itself, and every other save that creates a request — a
//! patrol's finding, a renovation's rectification or deposit return, a front-desk entry —
//! gets one here, from the same pool in the same transaction (`Engine::edit_numbered_n`,
//! called by `Ui::save`). So the office never meets a request it cannot name on the phone.
//!
//! Laws:
//! - A request is numbered here when the edit creates it (the replica holds no such record)
//!   and sets no `number` itself; at most once per request per edit.
//! - Its area code is its unit's area's, else its building's, else its own area's (the
//!   code the intake form would use); its date is its `created_at`, local.
//! - A request the replica already holds is never renumbered (a second tablet's deposit
//!   return of one renovation names the same request: the server keeps the first number,
//!   `number` being set once).

use super::intake::{local_date, request_number};
use crate::sync::{FieldEdit, TakenNumber};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::{Kind, RecordId};

/// A request an edit creates without a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unnumbered {
    pub id: RecordId,
    pub area_code: String,
    /// The local date it was taken.
    pub date: (i64, i64, i64),
}

/// The requests `edits` create with no number, in the order they first appear.
pub fn unnumbered(state: &ReplicaState, edits: &[FieldEdit], offset_min: i64) -> Vec<Unnumbered> {
    let request = Kind::new(kind::REQUEST);
    let mut out: Vec<Unnumbered> = Vec::new();
    for e in edits.iter().filter(|e| e.kind == request) {
        if out.iter().any(|u| u.id == e.id) || state.record(&request, &e.id).is_some() {
            continue;
        }
        let of = |f: &str| edits.iter().find(|x| x.kind == request && x.id == e.id && x.field == f);
        if of(field::NUMBER).is_some() {
            continue;
        }
        let text = |f: &str| of(f).and_then(|x| x.value.as_str()).map(RecordId::from);
        let created = of(field::CREATED_AT).and_then(|x| x.value.as_i64()).unwrap_or_default();
        out.push(Unnumbered {
            id: e.id.clone(),
            area_code: area_code(
                state,
                text(field::UNIT),
                text(field::BUILDING),
                text(field::AREA),
            ),
            date: local_date(created, offset_min),
        });
    }
    out
}

/// The area code of a request on `unit`, else in `building`, else in `area`.
fn area_code(
    state: &ReplicaState,
    unit: Option<RecordId>,
    building: Option<RecordId>,
    area: Option<RecordId>,
) -> String {
    let get = |k: &str, id: &RecordId, f: &str| {
        let value = state.record(&Kind::new(k), id).map(|r| r.string(f));
        value.filter(|v| !v.is_empty()).map(RecordId)
    };
    let building = unit.and_then(|u| get(kind::UNIT, &u, field::BUILDING)).or(building);
    let area = building.and_then(|b| get(kind::BUILDING, &b, field::AREA)).or(area);
    let code =
        area.and_then(|a| state.record(&Kind::new(kind::AREA), &a).map(|r| r.string(field::CODE)));
    code.unwrap_or_default()
}

/// The `number` edits of `fresh`, one number each from `taken` (in the same order).
pub fn number_edits(fresh: &[Unnumbered], taken: &[TakenNumber]) -> Vec<FieldEdit> {
    fresh
        .iter()
        .zip(taken)
        .map(|(u, t)| {
            let number = request_number(&u.area_code, u.date, t);
            FieldEdit::new(kind::REQUEST, &u.id, field::NUMBER, serde_json::json!(number))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use shared::{Hlc, ReplicaId};

    fn put(s: &mut ReplicaState, k: &str, id: &str, f: &str, v: serde_json::Value) {
        let c = shared::Change {
            kind: Kind::new(k),
            id: RecordId::from(id),
            field: f.into(),
            value: v,
            hlc: Hlc::new(1, 0),
            replica: ReplicaId::from("r"),
            prev: None,
        };
        s.apply(&c);
    }

    fn edit(id: &str, f: &str, v: serde_json::Value) -> FieldEdit {
        FieldEdit::new(kind::REQUEST, &RecordId::from(id), f, v)
    }

    #[test]
    fn new_requests_without_a_number_get_their_units_area_code_and_local_date() {
        let mut s = ReplicaState::default();
        put(&mut s, kind::AREA, "a1", field::CODE, json!("A2"));
        put(&mut s, kind::BUILDING, "b1", field::AREA, json!("a1"));
        put(&mut s, kind::UNIT, "u1", field::BUILDING, json!("b1"));
        put(&mut s, kind::REQUEST, "old", field::DESCRIPTION, json!("held"));
        // 2026-12-05 23:30 UTC is 12-06 07:30 in China (UTC+8).
        let at = 1_796_513_400_000_i64;
        let edits = vec![
            edit("r1", field::UNIT, json!("u1")),
            edit("r1", field::CREATED_AT, json!(at)),
            edit("r2", field::AREA, json!("a1")),
            edit("r2", field::CREATED_AT, json!(at)),
            edit("r3", field::NUMBER, json!("A2-261206-0001")),
            edit("old", field::STATUS, json!("new")),
        ];
        let fresh = unnumbered(&s, &edits, 480);
        let ids: Vec<&str> = fresh.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["r1", "r2"], "the numbered and the held request are left alone");
        assert!(fresh.iter().all(|u| u.area_code == "A2" && u.date == (2026, 12, 6)), "{fresh:?}");
        let taken = [TakenNumber::Pooled(457), TakenNumber::Pooled(458)];
        let numbers: Vec<_> = number_edits(&fresh, &taken).into_iter().map(|e| e.value).collect();
        assert_eq!(numbers, [json!("A2-261206-0457"), json!("A2-261206-0458")]);
    }
}
