//! Cells → typed rows, every problem listed with its sheet, row, column and reason: a missing
//! required cell, an unknown building, a person's unit that neither exists nor is in the file,
//! a bad value (enum, number, date, phone, too long), and a row that repeats another's key.
//! A row with any error is left out of the plan.

use super::cells::Cell;
use super::columns::{CellType, Column, TableKind, Target};
use super::read::Table;
use super::stored::Stored;
use super::RowError;
use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::schema::FieldType;
use std::collections::{BTreeMap, HashSet};

/// A valid row of the units table: the unit's key and the fields its columns give (`null`
/// clears a field; a column the file lacks is left alone).
#[derive(Debug)]
pub struct UnitRow {
    pub building: String,
    pub number: String,
    pub fields: Vec<(&'static str, Value)>,
}

/// A valid row of the people table: the unit's and the person's keys, the person's fields and
/// those of their link to the unit.
#[derive(Debug)]
pub struct PersonRow {
    pub building: String,
    pub number: String,
    pub name: String,
    pub person: Vec<(&'static str, Value)>,
    pub link: Vec<(&'static str, Value)>,
}

/// Every valid row, and every error.
#[derive(Debug, Default)]
pub struct Rows {
    pub units: Vec<UnitRow>,
    pub people: Vec<PersonRow>,
    pub errors: Vec<RowError>,
}

/// A row's key: building, number and (people) name.
type Key = (String, String, String);

/// A row's key cells and fields, before the checks across rows.
struct Parsed {
    table: usize,
    row: usize,
    key: Key,
    fields: Vec<(&'static str, &'static str, Value)>,
    ok: bool,
}

/// Checks every row of every table against the stored register.
pub fn validate(tables: &[Table], stored: &Stored) -> Rows {
    let mut out = Rows::default();
    let mut parsed = Vec::new();
    for (t, table) in tables.iter().enumerate().filter(|(_, t)| !t.unusable) {
        for row in &table.rows {
            parsed.push(parse_row(t, table, row.number, &row.cells, stored, &mut out.errors));
        }
    }
    // Units the file itself gives: people rows may name them.
    let file_units: HashSet<(String, String)> = parsed
        .iter()
        .filter(|p| tables[p.table].kind == TableKind::Units && stored.building(&p.key.0).is_some())
        .map(|p| (p.key.0.clone(), p.key.1.clone()))
        .collect();
    let mut seen: BTreeMap<(TableKind, &Key), Vec<usize>> = BTreeMap::new();
    for (i, p) in parsed.iter().enumerate().filter(|(_, p)| !p.key.1.is_empty()) {
        seen.entry((tables[p.table].kind, &p.key)).or_default().push(i);
    }
    let mut dup = vec![false; parsed.len()];
    for rows in seen.values().filter(|r| r.len() > 1) {
        for &i in rows {
            dup[i] = true;
            let others: Vec<String> =
                rows.iter().filter(|&&j| j != i).map(|&j| parsed[j].row.to_string()).collect();
            let others = others.join(", ");
            let reason = match tables[parsed[i].table].kind {
                TableKind::Units => format!(
                    "same building and number as row {others} / 与第 {others} 行的楼栋、房号相同"
                ),
                TableKind::People => {
                    format!("same unit and name as row {others} / 与第 {others} 行的房号、姓名相同")
                }
            };
            out.errors.push(error(&tables[parsed[i].table], parsed[i].row, Target::Number, reason));
        }
    }
    for (p, dup) in parsed.into_iter().zip(dup) {
        let table = &tables[p.table];
        let known_unit = || {
            stored.unit(&p.key.0, &p.key.1).is_some()
                || file_units.contains(&(p.key.0.clone(), p.key.1.clone()))
        };
        let mut ok = p.ok && !dup;
        if ok && table.kind == TableKind::People && !known_unit() {
            let (b, n) = (&p.key.0, &p.key.1);
            let reason = format!("no unit {n} in building {b} / 楼栋 {b} 没有房号 {n}");
            out.errors.push(error(table, p.row, Target::Number, reason));
            ok = false;
        }
        if !ok {
            continue;
        }
        let (building, number, name) = p.key;
        let pick = |kind: &str| -> Vec<(&'static str, Value)> {
            p.fields.iter().filter(|f| f.0 == kind).map(|(_, f, v)| (*f, v.clone())).collect()
        };
        match table.kind {
            TableKind::Units => {
                out.units.push(UnitRow { building, number, fields: pick(kind::UNIT) })
            }
            TableKind::People => out.people.push(PersonRow {
                building,
                number,
                name,
                person: pick(kind::PERSON),
                link: pick(kind::UNIT_PERSON),
            }),
        }
    }
    out.errors.sort_by_key(|e| (tables.iter().position(|t| t.sheet == e.sheet), e.row));
    out
}

/// An error in the column of `target` (or the table's first column when the file lacks it).
fn error(table: &Table, row: usize, target: Target, reason: String) -> RowError {
    let column = table
        .columns
        .iter()
        .find(|(_, c, _)| c.target == target)
        .or(table.columns.first())
        .map_or_else(String::new, |(_, _, h)| h.clone());
    RowError { sheet: table.sheet.clone(), row, column, reason }
}

fn parse_row(
    t: usize,
    table: &Table,
    row: usize,
    cells: &[Cell],
    stored: &Stored,
    errors: &mut Vec<RowError>,
) -> Parsed {
    let mut p = Parsed { table: t, row, key: Default::default(), fields: Vec::new(), ok: true };
    for (i, col, header) in &table.columns {
        let cell = cells.get(*i).unwrap_or(&Cell::Empty);
        let mut fail = |reason: String| {
            errors.push(RowError {
                sheet: table.sheet.clone(),
                row,
                column: header.clone(),
                reason,
            });
        };
        let value = match parse_cell(col, cell) {
            Ok(v) => v,
            Err(reason) => {
                fail(reason);
                p.ok = false;
                continue;
            }
        };
        if col.required && value.is_null() {
            fail(format!("{} is required / 必须填写{}", col.en, col.zh));
            p.ok = false;
            continue;
        }
        let text = value.as_str().unwrap_or_default().to_owned();
        match col.target {
            Target::Building => {
                if stored.building(&text).is_none() {
                    fail(format!(
                        "unknown building {text}; buildings are not imported, add it first / \
                         没有楼栋 {text}（楼栋不会导入，请先添加）"
                    ));
                    p.ok = false;
                }
                p.key.0 = text;
            }
            Target::Number => p.key.1 = text,
            Target::Name => p.key.2 = text,
            Target::Field(kind, field) => p.fields.push((kind, field, value)),
        }
    }
    p
}

/// The longest text a column takes: its field's limit in the schema.
fn max_chars(col: &Column) -> usize {
    let (kind, field) = match col.target {
        Target::Building => (kind::BUILDING, field::NAME),
        Target::Number => (kind::UNIT, field::NUMBER),
        Target::Name => (kind::PERSON, field::NAME),
        Target::Field(k, f) => (k, f),
    };
    match shared::schema::kind(kind).and_then(|k| k.field(field)).map(|f| f.ty) {
        Some(FieldType::Text { max }) => max,
        _ => shared::schema::MAX_TEXT_CHARS,
    }
}

/// One cell's value as its field stores it (`null` when empty), or why it is not valid.
pub fn parse_cell(col: &Column, cell: &Cell) -> Result<Value, String> {
    if *cell == Cell::Empty {
        return Ok(Value::Null);
    }
    let text = cell.text();
    let bad = |what: &str, zh: &str| Err(format!("{text:?} is not {what} / “{text}”不是{zh}"));
    match col.ty {
        CellType::Text | CellType::Phone if text.chars().count() > max_chars(col) => {
            let max = max_chars(col);
            Err(format!("longer than {max} characters / 超过 {max} 个字符"))
        }
        CellType::Phone
            if !text.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ')) =>
        {
            bad("a phone number (digits, +, - and spaces)", "电话号码（只能有数字、+、- 和空格）")
        }
        CellType::Text | CellType::Phone => Ok(json!(text)),
        CellType::Int => match cell {
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e9 => Ok(json!(*n as i64)),
            Cell::Text(s) => {
                s.parse::<i64>().map(|n| json!(n)).or_else(|_| bad("a whole number", "整数"))
            }
            _ => bad("a whole number", "整数"),
        },
        CellType::Number => {
            let n = match cell {
                Cell::Number(n) => Some(*n),
                Cell::Text(s) => s.parse::<f64>().ok(),
                _ => None,
            };
            match n {
                Some(n) if n.is_finite() && n >= 0.0 => Ok(json!(n)),
                _ => bad("a number of at least 0", "不小于 0 的数"),
            }
        }
        CellType::Enum(values) => {
            let n = super::columns::normalise(&text);
            let hit = values.iter().find(|(wire, zh)| {
                super::columns::normalise(wire) == n || super::columns::normalise(zh) == n
            });
            match hit {
                Some((wire, _)) => Ok(json!(wire)),
                None => {
                    let zh: Vec<&str> = values.iter().map(|v| v.1).collect();
                    let en: Vec<&str> = values.iter().map(|v| v.0).collect();
                    Err(format!(
                        "{text:?} is not one of {} / “{text}”不是{}之一",
                        en.join(", "),
                        zh.join("、")
                    ))
                }
            }
        }
        CellType::Date => {
            let ymd = match cell {
                Cell::Date(y, m, d) => Some((*y, *m, *d)),
                _ => parse_date(&text),
            };
            match ymd.and_then(|(y, m, d)| super::columns::day_to_ms(y, m, d)) {
                Some(ms) => Ok(json!(ms)),
                None => bad("a date like 2024-03-01", "日期（如 2024-03-01）"),
            }
        }
        CellType::Bool => match cell {
            Cell::Bool(b) => Ok(json!(b)),
            Cell::Number(n) if *n == 0.0 || *n == 1.0 => Ok(json!(*n == 1.0)),
            _ => match super::columns::normalise(&text).as_str() {
                "是" | "yes" | "y" | "true" | "1" | "√" | "✓" => Ok(json!(true)),
                "否" | "no" | "n" | "false" | "0" => Ok(json!(false)),
                _ => bad("yes (是) or no (否)", "“是”或“否”"),
            },
        },
    }
}

/// `2024-03-01`, `2024/3/1` or `2024.3.1` (a time after the day is ignored).
fn parse_date(text: &str) -> Option<(i64, i64, i64)> {
    let day = text.split([' ', 'T']).next()?;
    let mut parts = day.split(['-', '/', '.']).map(|p| p.parse::<i64>().ok());
    let ymd = (parts.next()??, parts.next()??, parts.next()??);
    (parts.next().is_none() && ymd.0 >= 1000).then_some(ymd)
}
