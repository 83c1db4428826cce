//! The printed reports as tables (issue 22 point 3): daily totals per person, the weekly
//! summary and the monthly service-quality report, each a list of [`Table`]s built from
//! `shared::report`'s figures. The page draws exactly these cells and the XLSX export
//! writes exactly these cells ([`workbook`]), so the sheet holds the same figures as the
//! screen and the print.

use super::xlsx;
use crate::i18n::{kpi_name, Lang, Rw};
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::report::facts::Facts;
use shared::report::period::{local_date, Period, PeriodKind, DAY_MS};
use shared::report::totals::{sum, totals};
use shared::report::Figure;
use shared::request::classifier;
use shared::{RecordId, Role};
use std::collections::HashMap;

/// How a row reads at a glance (its class on the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// A figure that meets its target.
    Met,
    /// A figure that misses it.
    Missed,
    /// The sums line.
    Total,
}

/// One row: its cells as shown, and its mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<String>,
    pub mark: Mark,
}

/// One titled table of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Its element id (`kpi-table`…), which the end-to-end tests read.
    pub id: &'static str,
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// What the page says instead of an empty table.
    pub empty: Option<String>,
    /// The columns that hold what people wrote or are called (names, request numbers,
    /// causes): shown as written in either language, so the page marks them
    /// `translate="no"`.
    pub user_cols: &'static [usize],
}

/// The names the tables show: staff by id (with their role), topics by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    staff: HashMap<RecordId, (String, Option<Role>)>,
    topics: HashMap<RecordId, (String, String)>,
}

impl Names {
    /// The names of `state`'s staff (deleted ones too: their work still counts) and
    /// classifier nodes.
    pub fn of(state: &ReplicaState) -> Names {
        let staff = state
            .records_of(kind::STAFF)
            .map(|(id, f)| {
                (id.clone(), (f.string(field::NAME), f.parsed(field::ROLE, Role::parse)))
            })
            .collect();
        let topics =
            classifier::nodes(state).into_iter().map(|n| (n.id, (n.name_zh, n.name_en))).collect();
        Names { staff, topics }
    }

    pub(super) fn person(&self, id: &RecordId) -> String {
        self.staff
            .get(id)
            .map(|s| s.0.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.0.chars().take(8).collect())
    }

    pub(super) fn topic(&self, id: Option<&RecordId>, lang: Lang) -> String {
        match id.and_then(|t| self.topics.get(t)) {
            Some((zh, en)) if lang == Lang::En && !en.is_empty() => en.clone(),
            Some((zh, _)) => zh.clone(),
            None => Rw::Unclassified.text(lang).to_owned(),
        }
    }
}

pub(super) fn row(cells: Vec<String>) -> Row {
    Row { cells, mark: Mark::Plain }
}

pub(super) fn heads(words: &[Rw], lang: Lang) -> Vec<String> {
    words.iter().map(|w| w.text(lang).to_owned()).collect()
}

/// `y-m-d` of the local day holding `at`.
pub fn date_text(at: i64, offset_min: i64) -> String {
    let (y, m, d) = local_date(at, offset_min);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `y-m-d hh:mm` local.
pub fn time_text(at: i64, offset_min: i64) -> String {
    let mins = (at + offset_min * 60_000).rem_euclid(DAY_MS) / 60_000;
    format!("{} {:02}:{:02}", date_text(at, offset_min), mins / 60, mins % 60)
}

/// The period as people name it: a day, `from – to` (a week, its last day inclusive), or
/// a month.
pub fn period_text(p: &Period, lang: Lang) -> String {
    match p.kind {
        PeriodKind::Day => date_text(p.start, p.offset_min),
        PeriodKind::Month => {
            let (y, m, _) = local_date(p.start, p.offset_min);
            if lang == Lang::Zh {
                format!("{y}年{m}月")
            } else {
                format!("{y}-{m:02}")
            }
        }
        _ => {
            format!("{} – {}", date_text(p.start, p.offset_min), date_text(p.end - 1, p.offset_min))
        }
    }
}

/// The daily totals of `period`: one row per person and the sums.
///
/// Under an area (a butler's session), the butlers of other areas are left out unless
/// something of theirs was counted: their work is not in this replica, and a row of
/// zeros would say they did nothing.
pub fn daily(
    facts: &Facts,
    period: &Period,
    area: Option<&RecordId>,
    names: &Names,
    lang: Lang,
) -> Vec<Table> {
    use Rw::*;
    let mut rows = totals(facts, period);
    if let Some(area) = area {
        let home =
            |id: &RecordId| facts.staff.iter().find(|s| &s.0 == id).and_then(|s| s.2.as_ref());
        rows.retain(|t| home(&t.staff) == Some(area) || !t.is_empty());
    }
    let cells = |name: String, role: String, t: &shared::report::totals::PersonTotals| {
        let n = [t.taken, t.dispatched, t.done, t.callbacks, t.rounds_full, t.rounds_partial];
        let mut c = vec![name, role];
        c.extend(n.iter().chain([&t.checks, &t.photos]).map(u32::to_string));
        c
    };
    let mut out: Vec<Row> = rows
        .iter()
        .map(|t| {
            let role = names.staff.get(&t.staff).and_then(|s| s.1);
            row(cells(
                names.person(&t.staff),
                role.map_or("", |r| crate::i18n::role_name(r, lang)).into(),
                t,
            ))
        })
        .collect();
    out.push(Row {
        cells: cells(Total.text(lang).into(), String::new(), &sum(&rows)),
        mark: Mark::Total,
    });
    let headers = heads(
        &[
            Name,
            Role,
            Taken,
            Dispatched,
            Done,
            Callbacks,
            RoundsFull,
            RoundsPartial,
            Checks,
            Photos,
        ],
        lang,
    );
    vec![Table {
        id: "daily-table",
        title: ByPerson.text(lang).into(),
        headers,
        rows: out,
        empty: None,
        user_cols: &[0],
    }]
}

/// "92.3%" of tenths of a per cent; "—" without a value.
pub(super) fn pct(permille: Option<i64>) -> String {
    permille.map_or("—".into(), |p| format!("{}.{}%", p / 10, p % 10))
}

/// The KPI table: each figure's count, value, target and whether it is met.
pub fn kpi_table(figures: &[Figure], lang: Lang) -> Table {
    use Rw::*;
    let rows = figures
        .iter()
        .map(|f| {
            let target =
                format!("{} {}%", if f.kpi.lower_is_better() { "≤" } else { "≥" }, f.target_pct);
            let (met, mark) = match f.met {
                Some(true) => (Met.text(lang), Mark::Met),
                Some(false) => (Missed.text(lang), Mark::Missed),
                None => ("—", Mark::Plain),
            };
            let cells = vec![
                kpi_name(f.kpi, lang).to_owned(),
                format!("{} / {}", f.num, f.den),
                pct(f.permille),
                target,
                met.to_owned(),
            ];
            Row { cells, mark }
        })
        .collect();
    Table {
        id: "kpi-table",
        title: Figures.text(lang).into(),
        headers: heads(&[Kpi, Count, Value, Target, Met], lang),
        rows,
        empty: None,
        user_cols: &[],
    }
}

/// The workbook of a report: its title, period and every table, as on the screen (an
/// empty table's line of text in its place).
pub fn workbook(title: &str, subtitle: &str, tables: &[Table]) -> Result<Vec<u8>, String> {
    let empty: Vec<Vec<String>> =
        tables.iter().map(|t| t.empty.iter().cloned().collect()).collect();
    let blocks: Vec<xlsx::Block> = tables
        .iter()
        .zip(&empty)
        .map(|(t, e)| {
            let rows = match t.rows.is_empty() {
                true if !e.is_empty() => vec![e.as_slice()],
                _ => t.rows.iter().map(|r| r.cells.as_slice()).collect(),
            };
            xlsx::Block { title: &t.title, headers: &t.headers, rows }
        })
        .collect();
    let sheet: String = title.chars().take(31).collect();
    xlsx::blocks(&sheet, title, subtitle, &blocks)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "report_tables_tests.rs"]
mod tests;
