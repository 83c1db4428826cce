//! A table as a one-sheet workbook (rust_xlsxwriter, as the patrol export): a bold header
//! row, then the rows as text, columns fitted to their contents.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// Writes `headers` in bold on row `r`, then `rows` below it, every cell as text; returns
/// the row after the last written. What both workbooks below are made of.
fn write_rows<H: AsRef<str>, R: AsRef<[String]>>(
    ws: &mut Worksheet,
    r: u32,
    headers: &[H],
    rows: &[R],
    bold: &Format,
) -> Result<u32, XlsxError> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, h.as_ref(), bold)?;
    }
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.as_ref().iter().enumerate() {
            ws.write_string(r + 1 + i as u32, c as u16, v)?;
        }
    }
    Ok(r + 1 + rows.len() as u32)
}

/// The workbook of one sheet named `sheet`: `headers`, then `rows`, each cell as text.
pub fn table<R: AsRef<[String]>>(
    sheet: &str,
    headers: &[&str],
    rows: &[R],
) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let e = |e: XlsxError| e.to_string();
    ws.set_name(sheet).map_err(e)?;
    let bold = Format::new().set_bold();
    write_rows(ws, 0, headers, rows, &bold).map_err(e)?;
    ws.autofit();
    wb.save_to_buffer().map_err(e)
}

/// One titled table of a printed report, as the page shows it.
pub struct Block<'a> {
    pub title: &'a str,
    pub headers: &'a [String],
    pub rows: Vec<&'a [String]>,
}

/// The workbook of one sheet named `sheet`: a bold `title` line and a `subtitle` line, then
/// each block's bold title, its bold header row and its rows, a blank row between blocks;
/// every cell as text, as the screen shows it.
pub fn blocks(
    sheet: &str,
    title: &str,
    subtitle: &str,
    blocks: &[Block],
) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let e = |e: XlsxError| e.to_string();
    ws.set_name(sheet).map_err(e)?;
    let bold = Format::new().set_bold();
    ws.write_string_with_format(0, 0, title, &bold).map_err(e)?;
    ws.write_string(1, 0, subtitle).map_err(e)?;
    let mut r = 3u32;
    for b in blocks {
        ws.write_string_with_format(r, 0, b.title, &bold).map_err(e)?;
        r = write_rows(ws, r + 1, b.headers, &b.rows, &bold).map_err(e)? + 1;
    }
    ws.autofit();
    wb.save_to_buffer().map_err(e)
}
