//! Cells and rows as read from a file, whatever its format: what the CSV reader
//! ([`super::read`]) and the XLSX reader ([`super::xlsx`]) both make, and the checks read.

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell of a spreadsheet: year, month, day.
    Date(i64, i64, i64),
    Bool(bool),
}

impl Cell {
    /// The cell as text (a whole number without decimals: a phone number typed as a number).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            Cell::Bool(b) => b.to_string(),
        }
    }
}

/// A data row: its number as the user sees it (the first row is 1) and its cells.
#[derive(Debug)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

/// A sheet's non-empty rows.
pub type Grid = Vec<Row>;

/// A cell's text, trimmed; blank is empty.
pub fn text_cell(s: &str) -> Cell {
    match s.trim() {
        "" => Cell::Empty,
        t => Cell::Text(t.to_owned()),
    }
}
