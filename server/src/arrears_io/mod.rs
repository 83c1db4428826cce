//! Finance's arrears list (催缴, DOMAIN duty 6) from a spreadsheet: XLSX or CSV, Chinese or
//! English headers ([`columns`]): building 楼栋, number 房号, fee type 费用类型 (property,
//! lift, parking, utilities or 物业费, 电梯费, 停车费, 水电费), period 期间 (a month), amount
//! 金额, and optionally paid amount 已缴金额 and note 备注.
//!
//! The same steps as the register's import (`crate::register_io`), the first three writing
//! nothing: the file is read within the register's limits
//! ([`crate::register_io::read::grids`]); every row is checked and each problem listed
//! ([`rows::validate`]: units are found by building and number as the register import finds
//! them); the rows are planned against the stored arrears ([`rows::plan`]); and, only when
//! asked to commit and nothing is wrong, written by [`write_groups`] through the server's one
//! write path (logged and poked: devices get the arrears by pulling).
//!
//! Each row's record id is [`shared::arrears::record_id`] of its unit, fee type and period,
//! so importing the list again updates the same records and never doubles them, and two
//! imports at once write the same ids (no lock is needed). The records are routed to the
//! site's finance department (the live `department` whose `code` is `finance`).

pub mod columns;
pub mod rows;

use crate::error::{AppError, AppResult};
use crate::register_io::stored::{live, read_kind, Stored};
use crate::register_io::{read, write_groups, Counts, RowError};
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use shared::names::{field, kind};
use shared::request::classifier::DepartmentCode;
use utoipa::ToSchema;

/// What an arrears import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ArrearsReport {
    /// Rows that add an arrears, change a stored one, or change nothing.
    pub arrears: Counts,
    /// Every problem found; while there is one, nothing is written.
    pub errors: Vec<RowError>,
    /// Columns whose header is not recognised; their cells are not read.
    pub ignored: Vec<RowError>,
    /// Whether the changes were written (a committed import without errors).
    pub committed: bool,
}

/// Reads, checks and plans an arrears import into `site_id`; writes it when `commit` and
/// there is no error. Whole-file problems are errors; row problems are in the report.
pub async fn import(
    state: &AppState,
    site_id: &str,
    bytes: Vec<u8>,
    content_type: Option<String>,
    commit: bool,
) -> AppResult<ArrearsReport> {
    let grids = tokio::task::spawn_blocking(move || read::grids(&bytes, content_type.as_deref()))
        .await
        .map_err(AppError::internal)??;
    let mut report = ArrearsReport::default();
    let mut tables = Vec::new();
    for (sheet, grid) in grids {
        let found = columns::find_table(sheet, grid, &mut report.errors, &mut report.ignored);
        tables.extend(found);
    }
    if tables.is_empty() && report.errors.is_empty() {
        return Err(AppError::BadRequest(
            "no header row found: the list needs a row with the headers building, number, \
             fee_type, period and amount / 没有找到表头：需要有“楼栋”“房号”“费用类型”“期间”\
             “金额”的一行"
                .into(),
        ));
    }
    let register = Stored::load(state.db(), site_id).await?;
    let lines = rows::validate(&tables, &register, &mut report.errors);
    let finance = finance_department(state, site_id).await?;
    let Some(finance) = finance else {
        report.errors.insert(
            0,
            RowError {
                sheet: String::new(),
                row: 0,
                column: field::DEPARTMENT.to_owned(),
                reason: "the site has no finance department (a department of code finance): \
                         add it first / 本小区没有财务部门（代码为 finance 的部门），请先添加"
                    .into(),
            },
        );
        return Ok(report);
    };
    let stored = read_kind(state.db(), site_id, kind::ARREARS).await?;
    let now_ms = state.hlc_now().millis() as i64;
    let plan = rows::plan(&lines, &stored, &finance, now_ms);
    report.arrears = plan.counts;
    if commit && report.errors.is_empty() {
        write_groups(state, site_id, plan.groups).await?;
        report.committed = true;
    }
    Ok(report)
}

/// The id of the site's live finance department (of two, the oldest id).
pub async fn finance_department(state: &AppState, site_id: &str) -> AppResult<Option<String>> {
    let departments = read_kind(state.db(), site_id, kind::DEPARTMENT).await?;
    let finance = DepartmentCode::Finance.as_str();
    let mut ids: Vec<&String> = departments
        .iter()
        .filter(|(_, f)| live(f) && f.get(field::CODE).and_then(|v| v.as_str()) == Some(finance))
        .map(|(id, _)| id)
        .collect();
    ids.sort();
    Ok(ids.first().map(|id| (*id).clone()))
}
