//! A table as a one-sheet workbook (rust_xlsxwriter, as the patrol export): a bold header
//! row, then the rows as text, columns fitted to their contents.

use rust_xlsxwriter::{Format, Workbook};

/// The workbook of one sheet named `sheet`: `headers`, then `rows`, each cell as text.
pub fn table<R: AsRef<[String]>>(
    sheet: &str,
    headers: &[&str],
    rows: &[R],
) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    ws.set_name(sheet).map_err(e)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold).map_err(e)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.as_ref().iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).map_err(e)?;
        }
    }
    ws.autofit();
    wb.save_to_buffer().map_err(e)
}
