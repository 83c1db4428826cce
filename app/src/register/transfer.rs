//! The register (台账) to and from files, on the office's desk: the server's import report
//! (`POST /api/v1/register/import`) as the page shows it, when the import may be committed,
//! how a failed answer reads, and the names of exported files. Pure, tested natively; the
//! fetch calls themselves are in [`net`] (browser only).

use serde::{Deserialize, Serialize};
use shared::protocol::ErrorBody;

/// How many rows of a table are new, change something, or change nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// A problem with one cell (or a row, or a header) of the imported file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// What an import did, or would do (the server's `ImportReport`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    #[serde(default)]
    pub units: Counts,
    #[serde(default)]
    pub people: Counts,
    /// Every problem found; while there is one, nothing is written.
    #[serde(default)]
    pub errors: Vec<RowError>,
    /// Columns whose header is not recognised; their cells are not read.
    #[serde(default)]
    pub ignored: Vec<RowError>,
    /// Whether the changes were written.
    #[serde(default)]
    pub committed: bool,
}

impl ImportReport {
    /// The row errors in file order: by sheet, then row, then column.
    pub fn error_rows(&self) -> Vec<RowError> {
        let mut rows = self.errors.clone();
        rows.sort_by(|a, b| {
            (a.sheet.as_str(), a.row, a.column.as_str()).cmp(&(
                b.sheet.as_str(),
                b.row,
                b.column.as_str(),
            ))
        });
        rows
    }

    /// The ignored columns as `sheet: column`, each once, in file order.
    pub fn ignored_columns(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in &self.ignored {
            let label = if e.sheet.is_empty() {
                e.column.clone()
            } else {
                format!("{}: {}", e.sheet, e.column)
            };
            if !out.contains(&label) {
                out.push(label);
            }
        }
        out
    }

    /// Whether the file changes nothing at all.
    pub fn changes_nothing(&self) -> bool {
        self.units.new + self.units.updated + self.people.new + self.people.updated == 0
    }
}

/// Where the import panel is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ImportStep {
    /// No file checked yet (or a new file was chosen since).
    #[default]
    Idle,
    /// The dry run is under way.
    Checking,
    /// The dry run answered.
    Checked(ImportReport),
    /// The commit is under way (after a clean dry run).
    Committing(ImportReport),
    /// The commit answered: written.
    Committed(ImportReport),
    /// A call failed.
    Failed(ImportFailure),
}

impl ImportStep {
    /// Whether a call is under way (the buttons wait).
    pub fn busy(&self) -> bool {
        matches!(self, ImportStep::Checking | ImportStep::Committing(_))
    }

    /// The report to show, if any.
    pub fn report(&self) -> Option<&ImportReport> {
        match self {
            ImportStep::Checked(r) | ImportStep::Committing(r) | ImportStep::Committed(r) => {
                Some(r)
            }
            ImportStep::Failed(ImportFailure::HasErrors(r)) => Some(r),
            _ => None,
        }
    }

    /// Whether **Check** may be pressed: a file is chosen and nothing runs.
    pub fn may_check(&self, file_chosen: bool) -> bool {
        file_chosen && !self.busy()
    }

    /// Whether **Import** may be pressed: only after a dry run of the chosen file that found
    /// no error, and not once it has been written.
    pub fn may_commit(&self, file_chosen: bool) -> bool {
        file_chosen && matches!(self, ImportStep::Checked(r) if r.errors.is_empty() && !r.committed)
    }
}

/// Why an import or export call did not give its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportFailure {
    /// The server could not be reached (or a proxy answered 5xx while it restarts).
    Offline,
    /// The session is no longer valid (401).
    Unauthorized,
    /// `commit=true` found errors (422): nothing was written; the report says why.
    HasErrors(ImportReport),
    /// Another refusal, with the server's message (4xx) or what is known of it.
    Rejected { status: u16, message: String },
}

impl ImportFailure {
    /// Reads a non-2xx answer: its status and body text.
    pub fn from_answer(status: u16, body: &str) -> Self {
        if status == 0 || status >= 500 {
            return ImportFailure::Offline;
        }
        if status == 401 {
            return ImportFailure::Unauthorized;
        }
        if status == 422 {
            if let Ok(report) = serde_json::from_str::<ImportReport>(body) {
                return ImportFailure::HasErrors(report);
            }
        }
        let message = match serde_json::from_str::<ErrorBody>(body) {
            Ok(b) if !b.error.message.is_empty() => b.error.message,
            Ok(b) => b.error.code,
            Err(_) if !body.trim().is_empty() => body.trim().chars().take(300).collect(),
            Err(_) => format!("HTTP {status}"),
        };
        ImportFailure::Rejected { status, message }
    }
}

/// The MIME type to send a chosen file with: told from its name, else what the browser said.
pub fn import_mime(file_name: &str, browser_type: &str) -> String {
    let lower = file_name.to_lowercase();
    if lower.ends_with(".xlsx") {
        XLSX_MIME.to_owned()
    } else if lower.ends_with(".csv") {
        "text/csv".to_owned()
    } else if browser_type.is_empty() {
        "application/octet-stream".to_owned()
    } else {
        browser_type.to_owned()
    }
}

/// The XLSX MIME type.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The three exports on the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// One XLSX file with both tables as sheets.
    Xlsx,
    /// The units table as CSV.
    CsvUnits,
    /// The people table as CSV.
    CsvPeople,
}

impl ExportKind {
    /// Every export, in button order.
    pub const ALL: [ExportKind; 3] =
        [ExportKind::Xlsx, ExportKind::CsvUnits, ExportKind::CsvPeople];

    /// The query of `GET /api/v1/register/export`; `lang` is `zh` or `en`.
    pub fn query(self, lang: &str) -> Vec<(&'static str, String)> {
        let lang = if lang == "en" { "en" } else { "zh" };
        let mut q =
            vec![("format", if self == ExportKind::Xlsx { "xlsx" } else { "csv" }.to_owned())];
        match self {
            ExportKind::Xlsx => {}
            ExportKind::CsvUnits => q.push(("table", "units".to_owned())),
            ExportKind::CsvPeople => q.push(("table", "people".to_owned())),
        }
        q.push(("lang", lang.to_owned()));
        q
    }

    /// The downloaded file's name on `date` (`YYYY-MM-DD`, local): `台账-units-2026-11-27.csv`,
    /// `台账-people-….csv`, `台账-2026-11-27.xlsx`.
    pub fn file_name(self, date: &str) -> String {
        match self {
            ExportKind::Xlsx => format!("台账-{date}.xlsx"),
            ExportKind::CsvUnits => format!("台账-units-{date}.csv"),
            ExportKind::CsvPeople => format!("台账-people-{date}.csv"),
        }
    }

    /// The MIME type of the file.
    pub fn mime(self) -> &'static str {
        match self {
            ExportKind::Xlsx => XLSX_MIME,
            _ => "text/csv",
        }
    }
}

/// The calls, with the bearer token (browser only).
#[cfg(target_arch = "wasm32")]
pub mod net {
    use super::{ExportKind, ImportFailure, ImportReport};
    use gloo_net::http::Request;

    /// `POST /api/v1/register/import?commit=…` with the file as the raw body.
    pub async fn import(
        token: &str,
        file: &web_sys::File,
        commit: bool,
    ) -> Result<ImportReport, ImportFailure> {
        let mime = super::import_mime(&file.name(), &file.type_());
        let resp = Request::post("/api/v1/register/import")
            .query([("commit", if commit { "true" } else { "false" })])
            .header("Authorization", &format!("Bearer {token}"))
            .header("Content-Type", &mime)
            .body(wasm_bindgen::JsValue::from(file.clone()))
            .map_err(|_| ImportFailure::Offline)?
            .send()
            .await
            .map_err(|_| ImportFailure::Offline)?;
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        if resp.ok() {
            serde_json::from_str(&text)
                .map_err(|e| ImportFailure::Rejected { status, message: e.to_string() })
        } else {
            Err(ImportFailure::from_answer(status, &text))
        }
    }

    /// `GET /api/v1/register/export?…`: the file's bytes.
    pub async fn export(
        token: &str,
        kind: ExportKind,
        lang: &str,
    ) -> Result<Vec<u8>, ImportFailure> {
        let query = kind.query(lang);
        let resp = Request::get("/api/v1/register/export")
            .query(query.iter().map(|(k, v)| (*k, v.as_str())))
            .header("Authorization", &format!("Bearer {token}"))
            .send()
            .await
            .map_err(|_| ImportFailure::Offline)?;
        let status = resp.status();
        if resp.ok() {
            resp.binary().await.map_err(|_| ImportFailure::Offline)
        } else {
            let text = resp.text().await.unwrap_or_default();
            Err(ImportFailure::from_answer(status, &text))
        }
    }
}
