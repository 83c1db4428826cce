//! The office's desk table of renovations (issue 24 point 4), as `model::desk` is of
//! requests: the rows a filter and a search keep, sorted by a clicked column, and the
//! workbook of exactly those rows in that order. The screen and the workbook read the same
//! [`cells`], so they agree.

use super::desk::local_text;
use super::renovation::{RenoFilter, RenovationView};
use crate::i18n::{renovation_status_label, Lang, Rn};
use crate::register::natural_cmp;
use crate::register::table::Sort;
use std::cmp::Ordering;

/// A sortable column, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenoColumn {
    Unit,
    Area,
    Applicant,
    Company,
    Foreman,
    Status,
    Start,
    End,
    Deposit,
    Checked,
}

impl RenoColumn {
    pub const ALL: [RenoColumn; 10] = [
        RenoColumn::Unit,
        RenoColumn::Area,
        RenoColumn::Applicant,
        RenoColumn::Company,
        RenoColumn::Foreman,
        RenoColumn::Status,
        RenoColumn::Start,
        RenoColumn::End,
        RenoColumn::Deposit,
        RenoColumn::Checked,
    ];

    /// The header's `data-sort` name.
    pub fn name(self) -> &'static str {
        match self {
            RenoColumn::Unit => "unit", // not a kind: a column id
            RenoColumn::Area => "area", // not a kind: a column id
            RenoColumn::Applicant => "applicant",
            RenoColumn::Company => "company",
            RenoColumn::Foreman => "foreman",
            RenoColumn::Status => "status",
            RenoColumn::Start => "start",
            RenoColumn::End => "end",
            RenoColumn::Deposit => "deposit",
            RenoColumn::Checked => "checked",
        }
    }

    /// The header's words.
    pub fn label(self) -> Rn {
        match self {
            RenoColumn::Unit => Rn::Unit,
            RenoColumn::Area => Rn::Area,
            RenoColumn::Applicant => Rn::Applicant,
            RenoColumn::Company => Rn::Company,
            RenoColumn::Foreman => Rn::Foreman,
            RenoColumn::Status => Rn::Status,
            RenoColumn::Start => Rn::Start,
            RenoColumn::End => Rn::End,
            RenoColumn::Deposit => Rn::Deposit,
            RenoColumn::Checked => Rn::CheckedToday,
        }
    }
}

/// The works' end as it stands: the later of the planned end and the extension.
pub fn end_of(r: &RenovationView) -> Option<i64> {
    r.extended_to.max(r.planned_end)
}

/// A row's cells in [`RenoColumn::ALL`]'s order: dates local `YYYY-MM-DD`.
pub fn cells(r: &RenovationView, lang: Lang, offset_min: i64) -> [String; 10] {
    let date = |ms: Option<i64>| {
        ms.map(|m| local_text(m, offset_min)[..10].to_owned()).unwrap_or_default()
    };
    let checked = match (r.active_today, r.checked_today) {
        (false, _) => String::new(),
        (true, true) => Rn::Yes.text(lang).to_owned(),
        (true, false) => Rn::No.text(lang).to_owned(),
    };
    [
        r.unit_number.clone(),
        r.area_name.clone(),
        r.applicant.clone(),
        r.company.clone(),
        r.foreman.clone(),
        r.status.map(|s| renovation_status_label(s, lang).to_owned()).unwrap_or_default(),
        date(r.planned_start),
        date(end_of(r)),
        r.deposit.map(|d| format!("{d}")).unwrap_or_default(),
        checked,
    ]
}

/// Whether `r` is kept by `filter` and the search `text` (unit, applicant, company,
/// foreman, works; case-insensitive).
pub fn keeps(r: &RenovationView, filter: RenoFilter, text: &str) -> bool {
    let t = text.trim().to_lowercase();
    filter.keeps(r.status)
        && (t.is_empty()
            || [&r.unit_number, &r.applicant, &r.company, &r.foreman, &r.works, &r.area_name]
                .iter()
                .any(|s| s.to_lowercase().contains(&t)))
}

fn directed(o: Ordering, descending: bool) -> Ordering {
    if descending {
        o.reverse()
    } else {
        o
    }
}

/// The positions in `rows` kept by `filter` and `text`, in the order of `sort` (blanks
/// last, whichever way; equal rows keep the list's order).
pub fn shown(
    rows: &[RenovationView],
    filter: RenoFilter,
    text: &str,
    sort: Sort<RenoColumn>,
) -> Vec<usize> {
    let mut out: Vec<usize> = (0..rows.len()).filter(|&i| keeps(&rows[i], filter, text)).collect();
    let txt = |a: &str, b: &str| match (a.is_empty(), b.is_empty()) {
        (false, false) => directed(natural_cmp(a, b), sort.descending),
        (x, y) => x.cmp(&y),
    };
    let opt = |a: Option<i64>, b: Option<i64>| match (a, b) {
        (Some(a), Some(b)) => directed(a.cmp(&b), sort.descending),
        (a, b) => a.is_none().cmp(&b.is_none()),
    };
    let rank = |r: &RenovationView| {
        r.status.and_then(|s| {
            shared::renovation::RenovationStatus::ALL.iter().position(|&x| x == s).map(|p| p as i64)
        })
    };
    out.sort_by(|&a, &b| {
        let (x, y) = (&rows[a], &rows[b]);
        match sort.column {
            RenoColumn::Unit => txt(&x.unit_number, &y.unit_number),
            RenoColumn::Area => txt(&x.area_name, &y.area_name),
            RenoColumn::Applicant => txt(&x.applicant, &y.applicant),
            RenoColumn::Company => txt(&x.company, &y.company),
            RenoColumn::Foreman => txt(&x.foreman, &y.foreman),
            RenoColumn::Status => opt(rank(x), rank(y)),
            RenoColumn::Start => opt(x.planned_start, y.planned_start),
            RenoColumn::End => opt(end_of(x), end_of(y)),
            RenoColumn::Deposit => {
                let cents = |r: &RenovationView| r.deposit.map(|d| (d * 100.0).round() as i64);
                opt(cents(x), cents(y))
            }
            RenoColumn::Checked => {
                let mark = |r: &RenovationView| r.active_today.then_some(r.checked_today as i64);
                opt(mark(x), mark(y))
            }
        }
    });
    out
}

/// The header row in `lang`.
pub fn headers(lang: Lang) -> Vec<&'static str> {
    RenoColumn::ALL.iter().map(|c| c.label().text(lang)).collect()
}

/// The workbook of the rows at `order`: the header row, then the rows as the table shows.
pub fn workbook(
    rows: &[RenovationView],
    order: &[usize],
    lang: Lang,
    offset_min: i64,
) -> Result<Vec<u8>, String> {
    let text: Vec<[String; 10]> =
        order.iter().map(|&i| cells(&rows[i], lang, offset_min)).collect();
    super::xlsx::table(Rn::Title.text(lang), &headers(lang), &text)
}
