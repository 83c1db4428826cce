//! A file's bytes → tables of cells: XLSX through calamine, CSV through csv (UTF-8 with or
//! without a BOM, or GB18030 as Excel in China saves it). The format comes from the bytes
//! (an XLSX file is a ZIP archive, starting `PK`), the `Content-Type` only rules out what is
//! clearly something else. Each sheet's header row is found by its headers, so title rows
//! above it are skipped; row numbers stay those the user sees.

use super::cells::{text_cell, Cell, Grid, Row};
use super::columns::{Column, TableKind, Target};
use super::limits::{refuse, Budget, MAX_LINE_BYTES};
use super::{formula, xlsx, RowError};
use crate::error::{AppError, AppResult};

/// A sheet (or CSV file) whose header row was recognised.
#[derive(Debug)]
pub struct Table {
    /// The sheet's name; for CSV, the table's English name (`units`, `people`).
    pub sheet: String,
    pub kind: TableKind,
    /// Each recognised column: its cell index, what it is, and its header as written.
    pub columns: Vec<(usize, &'static Column, String)>,
    pub rows: Vec<Row>,
    /// A required column is missing: the rows cannot be read (an error says so).
    pub unusable: bool,
}

/// What a file holds: its tables, header errors, and columns that were ignored.
#[derive(Debug, Default)]
pub struct Workbook {
    pub tables: Vec<Table>,
    pub errors: Vec<RowError>,
    pub ignored: Vec<RowError>,
}

const ACCEPTED: &str = "accepted formats: .xlsx, or .csv in UTF-8 or GB18030 / \
                        支持的格式：.xlsx，或 UTF-8、GB18030 编码的 .csv";

/// The content types an upload may carry (browsers send `application/vnd.ms-excel` for CSV).
fn plausible_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    matches!(
        mime.as_str(),
        "" | "text/csv"
            | "application/csv"
            | "text/plain"
            | "application/vnd.ms-excel"
            | "application/octet-stream"
            | super::XLSX_TYPE
    )
}

/// Reads a file into tables. Whole-file problems (not XLSX or CSV, empty, no header row)
/// are errors; problems of a header are listed in the workbook.
pub fn read(bytes: &[u8], content_type: Option<&str>) -> AppResult<Workbook> {
    let grids = grids(bytes, content_type)?;
    let mut wb = Workbook::default();
    for (sheet, grid) in grids {
        if let Some(t) = find_table(sheet, grid, &mut wb) {
            wb.tables.push(t);
        }
    }
    if wb.tables.is_empty() {
        return Err(AppError::BadRequest(
            "no header row found: a sheet needs a row with the headers building and number \
             (and name for people) / 没有找到表头：需要有“楼栋”“房号”（住户表还需“姓名”）的一行"
                .into(),
        ));
    }
    Ok(wb)
}

/// A file's sheets as grids of cells (a CSV file is one unnamed sheet), within the
/// [`limits`](super::limits). A file that is not XLSX or CSV, or is empty, is refused whole.
/// The arrears import (`crate::arrears_io`) reads its files through this too.
pub fn grids(bytes: &[u8], content_type: Option<&str>) -> AppResult<Vec<(Option<String>, Grid)>> {
    let content_type = content_type.unwrap_or("");
    let grids = if bytes.starts_with(b"PK\x03\x04") {
        xlsx::read_xlsx(bytes)?
    } else if content_type.contains("spreadsheetml") {
        return Err(AppError::UnsupportedMediaType(format!("not an XLSX file; {ACCEPTED}")));
    } else if !plausible_type(content_type) {
        return Err(AppError::UnsupportedMediaType(format!("{content_type}; {ACCEPTED}")));
    } else {
        vec![(None, read_csv(bytes)?)]
    };
    if grids.iter().all(|(_, g)| g.is_empty()) {
        return Err(AppError::BadRequest("the file is empty / 文件是空的".into()));
    }
    Ok(grids)
}

/// CSV text: UTF-8 (a BOM is dropped), else GB18030; anything binary is refused.
fn decode(bytes: &[u8]) -> AppResult<std::borrow::Cow<'_, str>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let binary = bytes.iter().take(8192).any(|&b| b == 0);
    if binary {
        return Err(AppError::UnsupportedMediaType(format!("not a CSV file; {ACCEPTED}")));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.into());
    }
    encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes).ok_or_else(
        || AppError::UnsupportedMediaType(format!("not UTF-8 or GB18030 text; {ACCEPTED}")),
    )
}

/// Reads CSV text within the limits: no line over [`MAX_LINE_BYTES`] (checked before
/// parsing), no more than [`MAX_ROWS`](super::limits::MAX_ROWS) records, each cell counted by the [`Budget`]. A
/// cell's formula guard (a leading `'` of an export, see [`formula`]) is taken off.
fn read_csv(bytes: &[u8]) -> AppResult<Grid> {
    let text = decode(bytes)?;
    if let Some((i, line)) = text.split('\n').enumerate().find(|(_, l)| l.len() > MAX_LINE_BYTES) {
        return Err(refuse(
            format!("line {} has {} bytes, more than {MAX_LINE_BYTES}", i + 1, line.len()),
            &format!("第 {} 行超过 {MAX_LINE_BYTES} 字节", i + 1),
        ));
    }
    let first = text.lines().next().unwrap_or("");
    let delimiter =
        if first.matches('\t').count() > first.matches(',').count() { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut budget = Budget::default();
    let mut grid = Vec::new();
    let mut record = csv::StringRecord::new();
    for i in 0u32.. {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| AppError::BadRequest(format!("unreadable CSV: {e} / 无法读取的 CSV")))?;
        if !more {
            break;
        }
        let Some(last) = (0..record.len()).rev().find(|&i| !record[i].trim().is_empty()) else {
            continue;
        };
        Budget::place("CSV", i, last as u32)?;
        budget.take(last + 1, 0)?;
        let mut cells = Vec::with_capacity(last + 1);
        for field in record.iter().take(last + 1) {
            let cell = text_cell(formula::restore(field));
            budget.take(0, if let Cell::Text(t) = &cell { t.len() } else { 0 })?;
            cells.push(cell);
        }
        grid.push(Row { number: i as usize + 1, cells });
    }
    Ok(grid)
}

/// Rows searched for the header row (titles and notes may sit above it).
const HEADER_SEARCH: usize = 20;

/// Finds the header row of a sheet and maps its columns; `None` for a sheet that holds
/// neither table (a note, a summary).
fn find_table(sheet: Option<String>, grid: Grid, wb: &mut Workbook) -> Option<Table> {
    let named = sheet.as_deref().and_then(TableKind::from_sheet_name);
    let has = |row: &Row, kind: TableKind, target: Target| {
        let col = kind.columns().iter().find(|c| c.target == target).expect("column");
        row.cells.iter().any(|c| col.matches(&c.text()))
    };
    let at = grid.iter().take(HEADER_SEARCH).position(|r| {
        has(r, TableKind::Units, Target::Building) && has(r, TableKind::Units, Target::Number)
    })?;
    let header = &grid[at];
    let kind = named.unwrap_or(if has(header, TableKind::People, Target::Name) {
        TableKind::People
    } else {
        TableKind::Units
    });
    let sheet = sheet.unwrap_or_else(|| kind.sheet_name(super::columns::Lang::En).to_owned());
    let note = |column: &str, reason: String| RowError {
        sheet: sheet.clone(),
        row: header.number,
        column: column.to_owned(),
        reason,
    };
    let mut columns: Vec<(usize, &'static Column, String)> = Vec::new();
    let mut unusable = false;
    for (i, cell) in header.cells.iter().enumerate() {
        let text = cell.text();
        match kind.columns().iter().find(|c| c.matches(&text)) {
            _ if text.is_empty() => {}
            None => wb
                .ignored
                .push(note(&text, "unknown column, ignored / 无法识别的列，已忽略".into())),
            Some(c) if columns.iter().any(|(_, seen, _)| seen.en == c.en) => {
                unusable = true;
                wb.errors.push(note(&text, "the column appears twice / 此列重复".into()));
            }
            Some(c) => columns.push((i, c, text)),
        }
    }
    for c in kind.columns().iter().filter(|c| c.required) {
        if !columns.iter().any(|(_, seen, _)| seen.en == c.en) {
            unusable = true;
            wb.errors
                .push(note(c.zh, format!("required column {} is missing / 缺少必需的列", c.en)));
        }
    }
    let rows = grid.into_iter().skip(at + 1).collect();
    Some(Table { sheet, kind, columns, rows, unusable })
}
