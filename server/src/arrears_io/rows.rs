//! Cells → arrears rows (every problem listed with its sheet, row, column and reason: a
//! missing or bad cell, an unknown building or unit, a period that is not a month, a row
//! repeating another's unit, fee and period), then rows → the field writes against the
//! arrears as stored. A row with any error is left out of the plan.

use super::columns::{parse_period, Table};
use crate::register_io::cells::Cell;
use crate::register_io::columns::Target;
use crate::register_io::plan::Write;
use crate::register_io::stored::{live, Fields, Stored};
use crate::register_io::validate::parse_cell;
use crate::register_io::{Counts, RowError};
use serde_json::{json, Value};
use shared::arrears::{record_id, FeeType};
use shared::names::{field, kind};
use std::collections::{BTreeMap, HashMap};

/// One valid row: what finance says a unit owes for a fee in a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub unit: String,
    pub fee: FeeType,
    /// `YYYY-MM`.
    pub period: String,
    pub amount: f64,
    /// What has been paid of it, when the file says.
    pub paid: Option<f64>,
    pub note: Option<String>,
}

/// Checks every row of every table; `register` finds the units.
pub fn validate(tables: &[Table], register: &Stored, errors: &mut Vec<RowError>) -> Vec<Line> {
    let mut parsed: Vec<(usize, usize, Option<Line>)> = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        for row in &table.rows {
            parsed.push((
                t,
                row.number,
                parse_row(table, row.number, &row.cells, register, errors),
            ));
        }
    }
    let mut seen: BTreeMap<(String, &str, String), Vec<usize>> = BTreeMap::new();
    for (i, (_, _, line)) in parsed.iter().enumerate() {
        if let Some(l) = line {
            seen.entry((l.unit.clone(), l.fee.as_str(), l.period.clone())).or_default().push(i);
        }
    }
    let mut dup = vec![false; parsed.len()];
    for rows in seen.values().filter(|r| r.len() > 1) {
        for &i in rows {
            dup[i] = true;
            let others: Vec<String> =
                rows.iter().filter(|&&j| j != i).map(|&j| parsed[j].1.to_string()).collect();
            let others = others.join(", ");
            let (t, row, _) = &parsed[i];
            errors.push(RowError {
                sheet: tables[*t].sheet.clone(),
                row: *row,
                column: tables[*t].header(Target::Field(kind::ARREARS, field::PERIOD)),
                reason: format!(
                    "same unit, fee type and period as row {others} / 与第 {others} 行的房号、\
                     费用类型、期间相同"
                ),
            });
        }
    }
    errors.sort_by_key(|e| (tables.iter().position(|t| t.sheet == e.sheet), e.row));
    parsed.into_iter().zip(dup).filter(|(_, d)| !d).filter_map(|((_, _, l), _)| l).collect()
}

/// One row, or `None` with its errors pushed.
fn parse_row(
    table: &Table,
    row: usize,
    cells: &[Cell],
    register: &Stored,
    errors: &mut Vec<RowError>,
) -> Option<Line> {
    let mut ok = true;
    let (mut building, mut number) = (String::new(), String::new());
    let mut line = Line {
        unit: String::new(),
        fee: FeeType::Property,
        period: String::new(),
        amount: 0.0,
        paid: None,
        note: None,
    };
    for (i, col, header) in &table.columns {
        let cell = cells.get(*i).unwrap_or(&Cell::Empty);
        let mut fail = |reason: String| {
            errors.push(RowError {
                sheet: table.sheet.clone(),
                row,
                column: header.clone(),
                reason,
            });
            ok = false;
        };
        let value = match parse_cell(col, cell) {
            Ok(Value::Null) if col.required => {
                fail(format!("{} is required / 必须填写{}", col.en, col.zh));
                continue;
            }
            Ok(v) => v,
            Err(reason) => {
                fail(reason);
                continue;
            }
        };
        let text = value.as_str().unwrap_or_default().to_owned();
        match col.target {
            Target::Building => {
                if register.building(&text).is_none() {
                    fail(format!("unknown building {text} / 没有楼栋 {text}"));
                }
                building = text;
            }
            Target::Number => number = text,
            Target::Field(_, f) if f == field::FEE_TYPE => {
                line.fee = FeeType::parse(&text).unwrap_or(FeeType::Property)
            }
            Target::Field(_, f) if f == field::PERIOD => match parse_period(&text) {
                Some(p) => line.period = p,
                None => fail(format!(
                    "{text:?} is not a month like 2026-11 / “{text}”不是月份（如 2026-11）"
                )),
            },
            Target::Field(_, f) if f == field::AMOUNT => {
                line.amount = value.as_f64().unwrap_or(0.0)
            }
            Target::Field(_, f) if f == field::PAID_AMOUNT => line.paid = value.as_f64(),
            Target::Field(_, _) => line.note = value.as_str().map(str::to_owned),
            Target::Name => {}
        }
    }
    if ok && !building.is_empty() {
        match register.unit(&building, &number) {
            Some(u) => line.unit = u.to_owned(),
            None => {
                let reason = format!(
                    "no unit {number} in building {building} / 楼栋 {building} 没有房号 {number}"
                );
                let column = table.header(Target::Number);
                errors.push(RowError { sheet: table.sheet.clone(), row, column, reason });
                ok = false;
            }
        }
    }
    ok.then_some(line)
}

/// The writes of an import, one group per row, and what they amount to.
#[derive(Debug, Default)]
pub struct Plan {
    pub counts: Counts,
    pub groups: Vec<Vec<Write>>,
}

/// Whether a stored value already says `want` (numbers compared as numbers: `1200` is
/// `1200.0`).
fn same(stored: Option<&Value>, want: &Value) -> bool {
    match (stored.and_then(Value::as_f64), want.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() < 0.005,
        _ => stored.unwrap_or(&Value::Null) == want,
    }
}

/// The writes that bring the stored arrears (`stored`: id → fields) to the file's lines:
/// each row's record is [`record_id`] of its unit, fee and period, routed to `finance`. A
/// paid amount is written only when the file gives one; reaching the amount marks the
/// arrears paid at `now_ms` (once: a stored payment time stays). A blank note leaves the
/// stored one, which finance may have written by hand. A deleted record in the list again
/// is brought back.
pub fn plan(lines: &[Line], stored: &HashMap<String, Fields>, finance: &str, now_ms: i64) -> Plan {
    let mut out = Plan::default();
    for l in lines {
        let id = record_id(&l.unit, l.fee, &l.period);
        let before = stored.get(&id.0);
        let mut want: Vec<(&'static str, Value)> = vec![
            (field::UNIT, json!(l.unit)),
            (field::FEE_TYPE, json!(l.fee.as_str())),
            (field::PERIOD, json!(l.period)),
            (field::AMOUNT, json!(l.amount)),
            (field::DEPARTMENT, json!(finance)),
        ];
        if let Some(paid) = l.paid {
            want.push((field::PAID_AMOUNT, json!(paid)));
            let paid_at = before.and_then(|f| f.get(field::PAID_AT)).is_some_and(|v| !v.is_null());
            if paid + 0.005 >= l.amount && !paid_at {
                want.push((field::PAID_AT, json!(now_ms)));
            }
        }
        if let Some(note) = &l.note {
            want.push((field::NOTE, json!(note)));
        }
        if before.is_some_and(|f| !live(f)) {
            want.push((field::DELETED, json!(false)));
        }
        let writes: Vec<Write> = want
            .into_iter()
            .filter(|(f, v)| !same(before.and_then(|b| b.get(*f)), v))
            .map(|(field, value)| Write { kind: kind::ARREARS, id: id.clone(), field, value })
            .collect();
        match (before, writes.is_empty()) {
            (None, _) => out.counts.new += 1,
            (Some(_), true) => out.counts.unchanged += 1,
            (Some(_), false) => out.counts.updated += 1,
        }
        if !writes.is_empty() {
            out.groups.push(writes);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(paid: Option<f64>) -> Line {
        Line {
            unit: "u".into(),
            fee: FeeType::Lift,
            period: "2026-11".into(),
            amount: 300.0,
            paid,
            note: None,
        }
    }

    fn stored_after(p: &Plan) -> HashMap<String, Fields> {
        let mut s = HashMap::new();
        apply(&mut s, p);
        s
    }

    fn apply(s: &mut HashMap<String, Fields>, p: &Plan) {
        for w in p.groups.iter().flatten() {
            s.entry(w.id.0.clone()).or_default().insert(w.field.to_owned(), w.value.clone());
        }
    }

    #[test]
    fn a_second_import_of_the_same_list_changes_nothing() {
        let first = plan(&[line(None)], &HashMap::new(), "fin", 1);
        assert_eq!(first.counts, Counts { new: 1, updated: 0, unchanged: 0 });
        assert!(first.groups[0].iter().all(|w| w.id == record_id("u", FeeType::Lift, "2026-11")));
        let again = plan(&[line(None)], &stored_after(&first), "fin", 2);
        assert_eq!(again.counts, Counts { new: 0, updated: 0, unchanged: 1 });
        assert!(again.groups.is_empty());
    }

    #[test]
    fn paying_in_full_marks_it_paid_once() {
        let first = plan(&[line(None)], &HashMap::new(), "fin", 1);
        let mut stored = stored_after(&first);
        let part = plan(&[line(Some(100.0))], &stored, "fin", 5);
        assert_eq!(part.counts.updated, 1);
        assert!(!part.groups[0].iter().any(|w| w.field == field::PAID_AT));
        let full = plan(&[line(Some(300.0))], &stored, "fin", 7);
        let paid_at = full.groups[0].iter().find(|w| w.field == field::PAID_AT).expect("paid_at");
        assert_eq!(paid_at.value, json!(7));
        apply(&mut stored, &full);
        stored.get_mut(&paid_at.id.0).unwrap().insert(field::PAID_AMOUNT.into(), json!(300));
        let later = plan(&[line(Some(300.0))], &stored, "fin", 9);
        assert_eq!(later.counts.unchanged, 1, "a stored payment time stays");
    }
}
