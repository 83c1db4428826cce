//! The arrears list's columns (building, number, fee type, period, amount, paid amount,
//! note) in Chinese or English, its header row found in each sheet, and a period read as a
//! month. The cells are parsed by the register's own cell parser
//! ([`crate::register_io::validate::parse_cell`]), so a number, an enum or a too-long text is
//! judged the same way in both imports.

use crate::register_io::cells::{Grid, Row};
use crate::register_io::columns::{col, CellType, Column, Target, BUILDING, NUMBER};
use crate::register_io::RowError;
use shared::names::{field, kind};

/// Wire names and Chinese labels of fee types (`shared::arrears::FeeType`).
pub const FEE_TYPES: &[(&str, &str)] =
    &[("property", "物业费"), ("lift", "电梯费"), ("parking", "停车费"), ("utilities", "水电费")];

const fn arrears(name: &'static str) -> Target {
    Target::Field(kind::ARREARS, name)
}

/// The columns of an arrears list, in the order a template lists them.
pub const COLUMNS: &[Column] = &[
    BUILDING,
    NUMBER,
    Column {
        aliases: &["费用", "费种", "收费项目", "费用名称", "fee", "type", "fee type"],
        required: true,
        ..col("fee_type", "费用类型", arrears(field::FEE_TYPE), CellType::Enum(FEE_TYPES))
    },
    Column {
        aliases: &["账期", "所属期", "所属期间", "月份", "费用期间", "month"],
        required: true,
        ..col("period", "期间", arrears(field::PERIOD), CellType::Text)
    },
    Column {
        aliases: &["欠费金额", "应缴金额", "欠款", "欠费", "owed", "amount owed"],
        required: true,
        ..col("amount", "金额", arrears(field::AMOUNT), CellType::Number)
    },
    Column {
        aliases: &["实缴金额", "已缴", "已交金额", "paid"],
        ..col("paid_amount", "已缴金额", arrears(field::PAID_AMOUNT), CellType::Number)
    },
    col("note", "备注", arrears(field::NOTE), CellType::Text),
];

/// A sheet (or CSV file) whose header row was found.
#[derive(Debug)]
pub struct Table {
    pub sheet: String,
    /// Each recognised column: its cell index, what it is, its header as written.
    pub columns: Vec<(usize, &'static Column, String)>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The header of the column of `target` as written (or the first column's).
    pub fn header(&self, target: Target) -> String {
        let hit = self.columns.iter().find(|(_, c, _)| c.target == target);
        hit.or(self.columns.first()).map_or_else(String::new, |(_, _, h)| h.clone())
    }
}

/// Rows searched for the header row (titles may sit above it).
const HEADER_SEARCH: usize = 20;

/// Finds the header row of a sheet: the first of its first rows naming every required
/// column. `None` for a sheet without one (a summary, a note). Unknown headers are listed in
/// `ignored`; a column given twice or a missing one is an error in `errors` and the sheet
/// is not read.
pub fn find_table(
    sheet: Option<String>,
    grid: Grid,
    errors: &mut Vec<RowError>,
    ignored: &mut Vec<RowError>,
) -> Option<Table> {
    let names = |row: &Row, c: &Column| row.cells.iter().any(|cell| c.matches(&cell.text()));
    let at = grid.iter().take(HEADER_SEARCH).position(|r| {
        names(r, &BUILDING) && names(r, &NUMBER) && names(r, &COLUMNS[4]) // amount
    })?;
    let header = &grid[at];
    let sheet = sheet.unwrap_or_else(|| "arrears".to_owned()); // not a kind: a CSV sheet name
    let note = |column: &str, reason: String| RowError {
        sheet: sheet.clone(),
        row: header.number,
        column: column.to_owned(),
        reason,
    };
    let mut columns: Vec<(usize, &'static Column, String)> = Vec::new();
    let mut usable = true;
    for (i, cell) in header.cells.iter().enumerate() {
        let text = cell.text();
        match COLUMNS.iter().find(|c| c.matches(&text)) {
            _ if text.is_empty() => {}
            None => {
                ignored.push(note(&text, "unknown column, ignored / 无法识别的列，已忽略".into()))
            }
            Some(c) if columns.iter().any(|(_, seen, _)| seen.en == c.en) => {
                usable = false;
                errors.push(note(&text, "the column appears twice / 此列重复".into()));
            }
            Some(c) => columns.push((i, c, text)),
        }
    }
    for c in COLUMNS.iter().filter(|c| c.required) {
        if !columns.iter().any(|(_, seen, _)| seen.en == c.en) {
            usable = false;
            errors.push(note(c.zh, format!("required column {} is missing / 缺少必需的列", c.en)));
        }
    }
    let rows = grid.into_iter().skip(at + 1).collect();
    usable.then_some(Table { sheet, columns, rows })
}

/// A period as a month, `YYYY-MM`: from `2026-11`, `2026/11`, `2026.11`, `2026年11月`,
/// `202611`, or a day in it (`2026-11-01`, an Excel date). The collection figures count an
/// arrears in its period's month, so every period is one.
pub fn parse_period(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches('月').replace('年', "-");
    let mut parts = t.split(['-', '/', '.', ' ', 'T']).filter(|p| !p.is_empty());
    let first = parts.next()?;
    let (y, m) = if first.len() == 6 && first.bytes().all(|b| b.is_ascii_digit()) {
        (first[..4].parse::<i64>().ok()?, first[4..].parse::<i64>().ok()?)
    } else {
        (first.parse::<i64>().ok()?, parts.next()?.parse::<i64>().ok()?)
    };
    ((2000..=2099).contains(&y) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::arrears::FeeType;

    #[test]
    fn fee_types_are_the_shared_ones() {
        let wire: Vec<&str> = FEE_TYPES.iter().map(|(w, _)| *w).collect();
        assert_eq!(wire, FeeType::NAMES);
    }

    #[test]
    fn periods_are_months() {
        for t in
            ["2026-11", "2026/11", "2026.11", "2026年11月", "202611", "2026-11-30", " 2026-11 "]
        {
            assert_eq!(parse_period(t).as_deref(), Some("2026-11"), "{t}");
        }
        assert_eq!(parse_period("2026-1").as_deref(), Some("2026-01"));
        for t in ["", "2026", "2026-13", "11/2026", "下月", "1999-01", "2026-00"] {
            assert_eq!(parse_period(t), None, "{t}");
        }
    }

    #[test]
    fn headers_in_either_language() {
        let fee = &COLUMNS[2];
        assert!(fee.matches("费用类型") && fee.matches("Fee Type") && fee.matches("收费项目"));
        assert!(COLUMNS[4].matches("欠费金额（元）") && COLUMNS[5].matches("paid_amount"));
    }
}
