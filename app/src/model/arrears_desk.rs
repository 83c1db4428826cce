//! The office's arrears table (欠费总表, issue 24 point 4): every arrears held as a row —
//! unit, area, fee type, period, amount, paid, outstanding, stage, second notice, promised
//! date — sorted by a clicked column, filtered like `/arrears` and by unit number, and the
//! workbook of exactly the rows shown, in the order shown. The screen and the workbook read
//! the same [`cells`], so they agree.

use super::arrears::{outstanding, stage_name, ArrearsFilter, ArrearsRow, StageFilter};
use super::desk::local_text;
use crate::i18n::arrears_words::{fee_label, stage_label, W};
use crate::i18n::Lang;
use crate::register::natural_cmp;
use crate::register::table::Sort;
use shared::arrears::Stage;
use shared::RecordId;
use std::cmp::Ordering;
use std::collections::HashMap;

/// A column of the table, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Unit,
    Area,
    Fee,
    Period,
    Amount,
    Paid,
    Outstanding,
    Stage,
    Notice,
    Promised,
}

impl Col {
    pub const ALL: [Col; 10] = [
        Col::Unit,
        Col::Area,
        Col::Fee,
        Col::Period,
        Col::Amount,
        Col::Paid,
        Col::Outstanding,
        Col::Stage,
        Col::Notice,
        Col::Promised,
    ];

    /// The header's `data-sort` name.
    pub fn name(self) -> &'static str {
        match self {
            Col::Unit => "unit", // not a kind: a column id
            Col::Area => "area", // not a kind: a column id
            Col::Fee => "fee",
            Col::Period => "period",
            Col::Amount => "amount",
            Col::Paid => "paid",
            Col::Outstanding => "outstanding",
            Col::Stage => "stage",
            Col::Notice => "notice",
            Col::Promised => "promised",
        }
    }

    /// The header's words.
    pub fn label(self) -> W {
        match self {
            Col::Unit => W::Unit,
            Col::Area => W::Area,
            Col::Fee => W::Fee,
            Col::Period => W::Period,
            Col::Amount => W::Amount,
            Col::Paid => W::Paid,
            Col::Outstanding => W::Outstanding,
            Col::Stage => W::Stage,
            Col::Notice => W::SecondNoticeAt,
            Col::Promised => W::Promised,
        }
    }
}

/// A row's cells in [`Col::ALL`]'s order: amounts with two decimals, times local.
pub fn cells(
    r: &ArrearsRow,
    areas: &HashMap<RecordId, String>,
    lang: Lang,
    offset_min: i64,
) -> [String; 10] {
    let time = |ms: Option<i64>| ms.map(|ms| local_text(ms, offset_min)).unwrap_or_default();
    [
        r.unit_number.clone(),
        r.area.as_ref().and_then(|a| areas.get(a)).cloned().unwrap_or_default(),
        r.fee.map(|f| fee_label(f, lang).to_owned()).unwrap_or_default(),
        r.period.clone(),
        format!("{:.2}", r.amount),
        r.paid_amount.map(|p| format!("{p:.2}")).unwrap_or_default(),
        format!("{:.2}", outstanding(r)),
        stage_label(StageFilter::of(r.stage), lang).to_owned(),
        time(r.second_notice_at),
        time(r.promised_at),
    ]
}

/// The positions of `rows` that `filter` and the unit text keep, in the order of `sort`
/// (blanks last; equal rows keep the list's order).
pub fn shown(
    rows: &[ArrearsRow],
    filter: &ArrearsFilter,
    text: &str,
    sort: Sort<Col>,
) -> Vec<usize> {
    let text = text.trim().to_lowercase();
    let mut out: Vec<usize> = (0..rows.len())
        .filter(|&i| filter.keeps(&rows[i]) && rows[i].unit_number.to_lowercase().contains(&text))
        .collect();
    let rank = |s: Stage| StageFilter::ALL.iter().position(|f| *f == StageFilter::of(s));
    let dir = |o: Ordering| if sort.descending { o.reverse() } else { o };
    let opt = |a: Option<i64>, b: Option<i64>| match (a, b) {
        (Some(a), Some(b)) => dir(a.cmp(&b)),
        (a, b) => a.is_none().cmp(&b.is_none()),
    };
    let num = |a: f64, b: f64| dir(a.total_cmp(&b));
    out.sort_by(|&a, &b| {
        let (x, y) = (&rows[a], &rows[b]);
        match sort.column {
            Col::Unit => dir(natural_cmp(&x.unit_number, &y.unit_number)),
            Col::Area => dir(x.area.cmp(&y.area)),
            Col::Fee => dir(x.fee.map(|f| f.as_str()).cmp(&y.fee.map(|f| f.as_str()))),
            Col::Period => dir(x.period.cmp(&y.period)),
            Col::Amount => num(x.amount, y.amount),
            Col::Paid => num(x.paid_amount.unwrap_or(0.0), y.paid_amount.unwrap_or(0.0)),
            Col::Outstanding => num(outstanding(x), outstanding(y)),
            Col::Stage => dir(rank(x.stage).cmp(&rank(y.stage))),
            Col::Notice => opt(x.second_notice_at, y.second_notice_at),
            Col::Promised => opt(x.promised_at, y.promised_at),
        }
    });
    out
}

/// The workbook of the rows at `order`, headers in `lang`, cells as the table shows them.
pub fn workbook(
    rows: &[ArrearsRow],
    order: &[usize],
    areas: &HashMap<RecordId, String>,
    lang: Lang,
    offset_min: i64,
) -> Result<Vec<u8>, String> {
    let headers: Vec<&str> = Col::ALL.iter().map(|c| c.label().text(lang)).collect();
    let cells: Vec<[String; 10]> =
        order.iter().map(|&i| cells(&rows[i], areas, lang, offset_min)).collect();
    super::xlsx::table(W::Title.text(lang), &headers, &cells)
}

/// A row's `data-stage`.
pub fn row_stage(r: &ArrearsRow) -> &'static str {
    stage_name(r.stage)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use shared::arrears::FeeType;

    fn row(unit: &str, amount: f64, stage: Stage, notice: Option<i64>) -> ArrearsRow {
        ArrearsRow {
            id: RecordId::new_v7(),
            unit: RecordId::new_v7(),
            unit_number: unit.into(),
            area: None,
            fee: Some(FeeType::Property),
            period: "2026-11".into(),
            amount,
            paid_amount: None,
            paid_at: None,
            second_notice_at: notice,
            note: String::new(),
            stage,
            promised_at: None,
            chases: 0,
        }
    }

    #[test]
    fn sorted_filtered_and_written_as_shown() {
        let rows = vec![
            row("1-0110", 50.0, Stage::Waiting, None),
            row("1-0102", 900.0, Stage::ToChase { notice_ms: 5 }, Some(5)),
            row("2-0101", 10.0, Stage::Paid, Some(1)),
        ];
        let all = ArrearsFilter { stage: StageFilter::All, ..Default::default() };
        let by = |c: Col, d: bool| shown(&rows, &all, "", Sort { column: c, descending: d });
        assert_eq!(by(Col::Unit, false), [1, 0, 2], "natural order of numbers");
        assert_eq!(by(Col::Amount, true), [1, 0, 2]);
        assert_eq!(by(Col::Notice, false), [2, 1, 0], "blanks last");
        assert_eq!(by(Col::Notice, true), [1, 2, 0], "blanks last either way");
        assert_eq!(shown(&rows, &ArrearsFilter::default(), "1-01", Sort::by(Col::Unit)), [1, 0]);
        let c = cells(&rows[1], &HashMap::new(), Lang::En, 480);
        assert_eq!(
            (c[4].as_str(), c[6].as_str(), c[7].as_str()),
            ("900.00", "900.00", "To call or visit")
        );
        assert_eq!(
            cells(&rows[2], &HashMap::new(), Lang::Zh, 480)[6],
            "0.00",
            "paid: nothing outstanding"
        );
        let book = workbook(&rows, &[1, 0], &HashMap::new(), Lang::Zh, 480).unwrap();
        assert!(book.starts_with(b"PK"));
    }
}
