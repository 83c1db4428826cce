//! How much of a file an import reads: the register's plausible size, and what reading an
//! XLSX archive may unpack. Anything beyond is refused whole with [`AppError::ImportLimit`]
//! before it is held, so no file up to [`super::MAX_FILE_BYTES`] costs the server more than a
//! bounded amount of memory (a 1.9 KB workbook naming cell XFD1048576 once made the reader
//! allocate the whole grid, 512 GiB, and the process died).

use crate::error::{AppError, AppResult};

/// The highest row number a sheet's cell may have (and a CSV file's row count): more than
/// the people of any residential estate, and a sheet's size is what its rows cost.
pub const MAX_ROWS: u32 = 100_000;

/// Columns a row may use: the register has 10, the rest are notes the import ignores.
pub const MAX_COLUMNS: u32 = 64;

/// Cells held once read, gaps within a row included: 100,000 rows of the people table's 10
/// columns. A cell costs 32 bytes before its text.
pub const MAX_CELLS: usize = 1_000_000;

/// Bytes of text of all cells held: about 160 bytes a row at [`MAX_ROWS`], several times a
/// real register's (name, phone, a short note).
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Bytes of one cell's text (and of one CSV field): a long note; Excel's own limit is
/// 32,767 characters.
pub const MAX_CELL_BYTES: usize = 32 * 1024;

/// Bytes of one CSV line: every column at [`MAX_CELL_BYTES`] would not fit, a register row
/// is far below it. Checked before the line is parsed.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// Entries of an XLSX archive: a workbook has a dozen plus one per sheet.
pub const MAX_ENTRIES: usize = 1_000;

/// Bytes all entries unpack to together: the limit on the work one file can cause.
pub const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;

/// Bytes one worksheet (`xl/worksheets/sheetN.xml`) unpacks to: a register of [`MAX_ROWS`]
/// rows is about 45 MB of XML. Worksheets are read as a stream of cells, never held.
pub const MAX_SHEET_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Bytes of the shared strings part, which the reader holds whole: every distinct text of
/// a register of [`MAX_ROWS`] rows.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 16 * 1024 * 1024;

/// Bytes of any other entry (workbook, styles, relationships, pictures): the reader holds
/// those it reads, and a real one is well under a megabyte.
pub const MAX_OTHER_PART_BYTES: u64 = 4 * 1024 * 1024;

/// Unpacked bytes per packed byte of an entry over [`RATIO_FLOOR`]: a worksheet's XML
/// packs about 10:1; a zip bomb (zeros, 1 GB in 1 MB) packs 1000:1.
pub const MAX_RATIO: u64 = 100;

/// Entries smaller than this unpacked are not held to [`MAX_RATIO`]: tiny parts pack
/// well and cost nothing.
pub const RATIO_FLOOR: u64 = 1024 * 1024;

/// Bytes of one XML event (a text, a tag, a comment), which the XML reader buffers whole:
/// Excel's longest cell (32,767 characters) written with entities fits.
pub const MAX_XML_EVENT: usize = 256 * 1024;

/// The refusal of a file beyond a limit: what and where, in English and Chinese.
pub fn refuse(what: impl std::fmt::Display, zh: &str) -> AppError {
    AppError::ImportLimit(format!("{what} / {zh}"))
}

/// What the cells read so far hold, against [`MAX_CELLS`] and [`MAX_TEXT_BYTES`].
#[derive(Debug, Default)]
pub struct Budget {
    cells: usize,
    text: usize,
}

impl Budget {
    /// Checks a cell's place (0-based row and column) against [`MAX_ROWS`] and
    /// [`MAX_COLUMNS`]; `at` names the sheet.
    pub fn place(at: &str, row: u32, column: u32) -> AppResult<()> {
        if row >= MAX_ROWS {
            return Err(refuse(
                format!("{at}: row {} is beyond the register's {MAX_ROWS} rows", row as u64 + 1),
                &format!("第 {} 行超出台账上限 {MAX_ROWS} 行", row as u64 + 1),
            ));
        }
        if column >= MAX_COLUMNS {
            return Err(refuse(
                format!("{at}: column {} is beyond the {MAX_COLUMNS} columns read", column + 1),
                &format!("第 {} 列超出上限 {MAX_COLUMNS} 列", column + 1),
            ));
        }
        Ok(())
    }

    /// Counts `cells` more cells held and `text` more bytes of text.
    pub fn take(&mut self, cells: usize, text: usize) -> AppResult<()> {
        if text > MAX_CELL_BYTES {
            return Err(refuse(
                format!("a cell holds {text} bytes, more than {MAX_CELL_BYTES}"),
                &format!("单元格内容超过 {MAX_CELL_BYTES} 字节"),
            ));
        }
        self.cells += cells;
        self.text += text;
        if self.cells > MAX_CELLS {
            return Err(refuse(
                format!("the file has more than {MAX_CELLS} cells"),
                &format!("文件超过 {MAX_CELLS} 个单元格"),
            ));
        }
        if self.text > MAX_TEXT_BYTES {
            let mib = MAX_TEXT_BYTES / (1024 * 1024);
            return Err(refuse(
                format!("the file's cells hold more than {mib} MiB of text"),
                &format!("单元格文字合计超过 {mib} MiB"),
            ));
        }
        Ok(())
    }
}
