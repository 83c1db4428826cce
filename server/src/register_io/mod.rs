//! The register (台账) from and to spreadsheets: XLSX and CSV, Chinese or English headers.
//!
//! Two tables ([`columns`]):
//! - **units** (单元): building 楼栋, number 房号, floor 楼层, type 类型, floor_area 面积,
//!   state 状态, note 备注;
//! - **people** (住户): building, number, name 姓名, phone 电话, phone2 电话2, role 身份,
//!   from 入住日期, to 迁出日期, key_customer 重点客户, note 备注.
//!
//! An XLSX file may hold both as two sheets (named `units`/`单元` and `people`/`住户`, or told
//! apart by their headers); a CSV file holds one, told by its headers. Enum cells take the
//! wire name or the Chinese label (住宅, 入住, 业主 …), dates `YYYY-MM-DD` or an Excel date
//! (a day is its midnight in China), yes/no 是/否. Buildings and areas are not imported: a
//! row naming an unknown building is an error.
//!
//! An import runs in four steps, the first three of which write nothing:
//! [`read`] (bytes → tables; a file that is not XLSX or CSV, is empty or has no header row is
//! refused whole, and so is one beyond the [`limits`]: an XLSX archive is checked entry by
//! entry before it is opened ([`archive`]) and its cells are read as a stream ([`xlsx`])), [`validate`] (cells → typed rows, every problem listed with its sheet,
//! row as the user sees it, column and reason), [`plan`] (rows → the field writes against the
//! stored register, matched by building + number and by unit + name), and, only when asked
//! to commit and nothing is wrong, the writes: through [`apply_server_changes`], the one
//! write path, so devices receive the register by pulling. They go in transactions of about
//! [`CHUNK`] changes, never splitting one row's writes: a crash mid-import leaves a prefix of
//! the rows written, and importing the same file again completes it (rows are matched, so
//! the written ones come out unchanged).
//!
//! Committed imports of one server process run one at a time (two at once could both create
//! the same new unit); with several server processes, run one import at a time.
//!
//! [`export`] writes the stored register in the same shape; its file imports again with no
//! changes (CSV cells a spreadsheet would take for formulas carry a guard, [`formula`]).
//! Two rows of one unit and one name (someone who moved out and back) are a duplicate, the
//! one case where an exported file needs editing before it imports.

pub mod archive;
pub mod cells;
pub mod columns;
pub mod export;
pub mod formula;
pub mod limits;
pub mod plan;
pub mod read;
pub mod stored;
pub mod validate;
pub mod xlsx;
mod xml_scan;

use crate::db::exclusive::Guarded;
use crate::error::AppResult;
use crate::state::AppState;
use crate::sync::{apply_server_changes, server_change};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The content type of an XLSX file.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The largest file an import takes.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Changes per transaction of a committed import.
pub const CHUNK: usize = 5_000;

/// Held by a committed import from reading the register to its last write.
static COMMITS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A problem with one cell (or a row, or a header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RowError {
    /// The sheet's name; for a CSV file, the table's (`units` or `people`).
    pub sheet: String,
    /// The row as the spreadsheet numbers it (the first row is 1).
    pub row: usize,
    /// The column's header as written in the file.
    pub column: String,
    /// What is wrong, in English and Chinese.
    pub reason: String,
}

/// How many rows of a table are new, change something, or change nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ImportReport {
    pub units: Counts,
    pub people: Counts,
    /// Every problem found; while there is one, nothing is written.
    pub errors: Vec<RowError>,
    /// Columns whose header is not recognised; their cells are not read.
    pub ignored: Vec<RowError>,
    /// Whether the changes were written (a committed import without errors).
    pub committed: bool,
}

/// Reads, checks and plans an import into `site_id`; writes it when `commit` and there is
/// no error. Whole-file problems are errors; row problems are listed in the report.
pub async fn import(
    state: &AppState,
    site_id: &str,
    bytes: Vec<u8>,
    content_type: Option<String>,
    commit: bool,
) -> AppResult<ImportReport> {
    let book = tokio::task::spawn_blocking(move || read::read(&bytes, content_type.as_deref()))
        .await
        .map_err(crate::error::AppError::internal)??;
    // Committed imports run one at a time, so two cannot both create the same new unit: one
    // at a time in this process, and one at a time across the instances on the database.
    let _one_at_a_time = if commit { Some(COMMITS.lock().await) } else { None };
    let everywhere =
        if commit { Some(state.db().exclusive(Guarded::RegisterImport).await?) } else { None };
    let stored = stored::Stored::load(state.db(), site_id).await?;
    let rows = validate::validate(&book.tables, &stored);
    let mut errors = book.errors;
    errors.extend(rows.errors.iter().cloned());
    let plan = plan::plan(&rows, &stored);
    let mut report = ImportReport {
        units: plan.units,
        people: plan.people,
        errors,
        ignored: book.ignored,
        committed: false,
    };
    if commit && report.errors.is_empty() {
        write_groups(state, site_id, plan.groups).await?;
        report.committed = true;
    }
    if let Some(held) = everywhere {
        held.release().await?;
    }
    Ok(report)
}

/// Writes an import's plan (one group of writes per row: the register's, the arrears
/// list's) in transactions of about [`CHUNK`] changes, each row's writes together, through
/// the server's one write path (logged and poked).
pub async fn write_groups(
    state: &AppState,
    site_id: &str,
    groups: Vec<Vec<plan::Write>>,
) -> AppResult<()> {
    let mut chunk = Vec::with_capacity(CHUNK + 16);
    for group in groups {
        for w in group {
            chunk.push(server_change(w.kind, &w.id, w.field, w.value, state.hlc_now()));
        }
        if chunk.len() >= CHUNK {
            apply_server_changes(state, site_id, &chunk).await?;
            chunk.clear();
        }
    }
    if !chunk.is_empty() {
        apply_server_changes(state, site_id, &chunk).await?;
    }
    Ok(())
}
