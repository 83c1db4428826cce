//! An XLSX file's sheets → rows of cells, as a stream: the archive is checked first
//! ([`super::archive`]), then each sheet's cells are read one by one (calamine's
//! [`XlsxCellReader`](calamine::XlsxCellReader)) and only non-empty ones are kept, each
//! counted against the [`Budget`]. A sheet's declared size is never allocated: a sheet
//! declaring a dimension beyond [`MAX_ROWS`] × [`MAX_COLUMNS`] is refused from its header.

use super::archive::{self, unreadable};
use super::cells::{text_cell, Cell, Grid, Row};
use super::limits::{refuse, Budget, MAX_COLUMNS, MAX_ROWS};
use crate::error::AppResult;
use calamine::{DataRef, Reader, Xlsx, XlsxError};
use std::io::Cursor;

/// Reads every worksheet of an XLSX file: its name and non-empty rows, in row order.
pub fn read_xlsx(bytes: &[u8]) -> AppResult<Vec<(Option<String>, Grid)>> {
    archive::check(bytes)?;
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut budget = Budget::default();
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let mut cells = match wb.worksheet_cells_reader(&name) {
            Ok(cells) => cells,
            // A chart sheet holds no cells.
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(unreadable(e)),
        };
        let dim = cells.dimensions();
        if dim.end.0 >= MAX_ROWS || dim.end.1 >= MAX_COLUMNS {
            return Err(refuse(
                format!(
                    "sheet {name} declares {} rows and {} columns, beyond the register's \
                     {MAX_ROWS} rows and {MAX_COLUMNS} columns",
                    dim.end.0 as u64 + 1,
                    dim.end.1 as u64 + 1
                ),
                &format!("工作表 {name} 超出台账上限（{MAX_ROWS} 行、{MAX_COLUMNS} 列）"),
            ));
        }
        let mut rows: Vec<Row> = Vec::new();
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            let value = cell_of(cell.get_value());
            if value == Cell::Empty {
                continue;
            }
            let (r, c) = cell.get_position();
            Budget::place(&name, r, c)?;
            let number = r as usize + 1;
            if rows.last().is_none_or(|row| row.number != number) {
                rows.push(Row { number, cells: Vec::new() });
            }
            let row = rows.last_mut().expect("a row");
            let c = c as usize;
            let gap = (c + 1).saturating_sub(row.cells.len());
            let text = match &value {
                Cell::Text(t) => t.len(),
                _ => 0,
            };
            budget.take(gap, text)?;
            if gap > 0 {
                row.cells.resize(c + 1, Cell::Empty);
            }
            row.cells[c] = value;
        }
        out.push((Some(name), in_order(rows)));
    }
    Ok(out)
}

/// Rows sorted by number, a row written in two places merged (writers put rows in order;
/// the file format does not promise it).
fn in_order(mut rows: Vec<Row>) -> Grid {
    if rows.is_sorted_by(|a, b| a.number < b.number) {
        return rows;
    }
    rows.sort_by_key(|r| r.number);
    let mut out: Grid = Vec::with_capacity(rows.len());
    for row in rows {
        match out.last_mut() {
            Some(last) if last.number == row.number => {
                let width = last.cells.len().max(row.cells.len());
                last.cells.resize(width, Cell::Empty);
                for (i, c) in row.cells.into_iter().enumerate() {
                    if c != Cell::Empty {
                        last.cells[i] = c;
                    }
                }
            }
            _ => out.push(row),
        }
    }
    out
}

fn cell_of(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Cell::Date(y.into(), m.into(), d.into())
        }
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s),
        DataRef::Error(e) => Cell::Text(e.to_string()),
    }
}
