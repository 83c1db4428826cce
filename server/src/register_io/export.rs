//! The stored register → a file in the shape an import reads: XLSX with both tables as two
//! sheets, or CSV with one (UTF-8 with a BOM, which Excel needs to read Chinese). Headers and
//! enum cells are Chinese by default, English on request; units are sorted by building and
//! number (`2号楼` before `10号楼`), people by unit, then move-in date and name.

use super::columns::{ms_to_day, ms_to_ymd, CellType, Column, Lang, TableKind, Target};
use super::formula;
use super::stored::{text, Fields, Stored};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use serde_json::Value;
use shared::names::{field, kind};
use std::cmp::Ordering;

/// The file formats an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Xlsx,
    Csv,
}

/// One cell to write.
#[derive(Debug, Clone, PartialEq)]
enum Out {
    Empty,
    Text(String),
    Number(f64),
    Date(i64),
}

/// An exported file.
#[derive(Debug)]
pub struct ExportFile {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub file_name: String,
}

/// Exports the register of `site_id`: both tables in XLSX, or `table` in CSV.
pub async fn export(
    state: &AppState,
    site_id: &str,
    format: FileFormat,
    table: TableKind,
    lang: Lang,
) -> AppResult<ExportFile> {
    let stored = Stored::load(state.db(), site_id).await?;
    let build = move || match format {
        FileFormat::Csv => Ok(ExportFile {
            bytes: csv_file(&rows(&stored, table, lang))?,
            content_type: "text/csv; charset=utf-8",
            file_name: format!("guanjia-{}.csv", table.sheet_name(Lang::En)),
        }),
        FileFormat::Xlsx => Ok(ExportFile {
            bytes: xlsx_file(&stored, lang).map_err(AppError::internal)?,
            content_type: super::XLSX_TYPE,
            file_name: "guanjia-register.xlsx".into(),
        }),
    };
    tokio::task::spawn_blocking(build).await.map_err(AppError::internal)?
}

/// Compares texts the way people number things: runs of digits by value.
fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) else {
            return a.len().cmp(&b.len());
        };
        if x.is_ascii_digit() && y.is_ascii_digit() {
            let (da, ra) = a.split_at(a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len()));
            let (db, rb) = b.split_at(b.find(|c: char| !c.is_ascii_digit()).unwrap_or(b.len()));
            let (na, nb) = (da.trim_start_matches('0'), db.trim_start_matches('0'));
            match na.len().cmp(&nb.len()).then(na.cmp(nb)).then(da.len().cmp(&db.len())) {
                Ordering::Equal => (a, b) = (ra, rb),
                other => return other,
            }
        } else if x != y {
            return x.cmp(&y);
        } else {
            (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]);
        }
    }
}

/// The live units in export order, with their building's name.
fn units(stored: &Stored) -> Vec<(&str, &String, &Fields)> {
    let mut units: Vec<_> = stored
        .units
        .iter()
        .filter_map(|(id, f)| {
            Some((stored.buildings.get(text(f, field::BUILDING))?.as_str(), id, f))
        })
        .collect();
    units.sort_by(|(ba, ia, a), (bb, ib, b)| {
        natural_cmp(ba, bb)
            .then_with(|| natural_cmp(text(a, field::NUMBER), text(b, field::NUMBER)))
            .then_with(|| ia.cmp(ib))
    });
    units
}

/// A table's header and data rows.
fn rows(stored: &Stored, table: TableKind, lang: Lang) -> Vec<Vec<Out>> {
    let columns = table.columns();
    let mut out = vec![columns.iter().map(|c| Out::Text(c.header(lang).into())).collect()];
    let empty = Fields::new();
    for (building, id, unit) in units(stored) {
        let records = |person: &Fields, link: &Fields| -> Vec<Out> {
            columns.iter().map(|c| cell(c, building, unit, person, link, lang)).collect()
        };
        if table == TableKind::Units {
            out.push(records(&empty, &empty));
            continue;
        }
        let mut links: Vec<(&Fields, &Fields)> = stored
            .unit_links(id)
            .iter()
            .filter_map(|l| {
                let link = &stored.links[l];
                Some((stored.persons.get(text(link, field::PERSON))?, link))
            })
            .collect();
        links.sort_by_key(|(p, l)| {
            (l.get(field::FROM).and_then(Value::as_i64), text(p, field::NAME))
        });
        out.extend(links.into_iter().map(|(p, l)| records(p, l)));
    }
    out
}

/// One cell of a row, from the records it shows.
fn cell(
    c: &Column,
    building: &str,
    unit: &Fields,
    person: &Fields,
    link: &Fields,
    lang: Lang,
) -> Out {
    let value = match c.target {
        Target::Building => return Out::Text(building.into()),
        Target::Number => unit.get(field::NUMBER),
        Target::Name => person.get(field::NAME),
        Target::Field(kind::UNIT, f) => unit.get(f),
        Target::Field(kind::PERSON, f) => person.get(f),
        Target::Field(_, f) => link.get(f),
    };
    let Some(v) = value.filter(|v| !v.is_null()) else { return Out::Empty };
    let yes_no = |b: bool| match (b, lang) {
        (true, Lang::Zh) => "是",
        (false, Lang::Zh) => "否",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    };
    match (c.ty, v) {
        (CellType::Int | CellType::Number, Value::Number(n)) => {
            Out::Number(n.as_f64().unwrap_or(0.0))
        }
        (CellType::Date, Value::Number(n)) => n.as_i64().map_or(Out::Empty, Out::Date),
        (CellType::Bool, Value::Bool(b)) => Out::Text(yes_no(*b).into()),
        (CellType::Enum(values), Value::String(s)) => {
            let label = values.iter().find(|(w, _)| w == s).map(|(w, zh)| match lang {
                Lang::Zh => *zh,
                Lang::En => *w,
            });
            Out::Text(label.unwrap_or(s).into())
        }
        (_, Value::String(s)) => Out::Text(s.trim().into()),
        (_, other) => Out::Text(other.to_string()),
    }
}

/// A CSV file; text cells a spreadsheet would read as formulas get a guard
/// ([`formula::neutralise`]).
fn csv_file(rows: &[Vec<Out>]) -> AppResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in rows {
        let record = row.iter().map(|c| match c {
            Out::Empty => String::new(),
            Out::Text(s) => formula::neutralise(s).into_owned(),
            Out::Number(n) => n.to_string(),
            Out::Date(ms) => ms_to_day(*ms),
        });
        w.write_record(record).map_err(AppError::internal)?;
    }
    w.into_inner().map_err(AppError::internal)
}

/// An XLSX file: text is written as strings, never as formulas, whatever it starts with.
fn xlsx_file(stored: &Stored, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for table in [TableKind::Units, TableKind::People] {
        let sheet = book.add_worksheet();
        sheet.set_name(table.sheet_name(lang))?;
        for (r, row) in rows(stored, table, lang).iter().enumerate() {
            let r = r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Out::Empty => {}
                    Out::Text(s) if r == 0 => {
                        sheet.write_string_with_format(r, c, s, &bold)?;
                    }
                    Out::Text(s) => {
                        sheet.write_string(r, c, s)?;
                    }
                    Out::Number(n) => {
                        sheet.write_number(r, c, *n)?;
                    }
                    Out::Date(ms) => {
                        let (y, m, d) = ms_to_ymd(*ms);
                        let date = ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?;
                        sheet.write_datetime_with_format(r, c, date, &day)?;
                    }
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofit();
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use std::cmp::Ordering::*;

    #[test]
    fn numbers_sort_by_value() {
        assert_eq!(natural_cmp("2号楼", "10号楼"), Less);
        assert_eq!(natural_cmp("2-0101", "10-0101"), Less);
        assert_eq!(natural_cmp("1-0102", "1-0101"), Greater);
        assert_eq!(natural_cmp("1-B1-001", "1-B1-001"), Equal);
        assert_eq!(natural_cmp("1", "1a"), Less);
    }
}
