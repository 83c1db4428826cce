//! The office's desk table (办公桌): the request list as a dense table — number, type,
//! status, area, building/unit, description, assignee, department, due and created — sorted
//! by a clicked column, and the spreadsheet of exactly the rows the filters keep, in the
//! order shown.
//! The screen and the workbook read the same [`DeskRow::cells`], so their figures agree.

use super::list::RequestList;
use super::RequestView;
use crate::i18n::{category_label, status_label, Key, Lang};
use crate::register::natural_cmp;
use crate::register::table::Sort;
use shared::names::kind;
use shared::replica::ReplicaState;
use shared::request::RequestStatus;
use shared::RecordId;
use std::cmp::Ordering;
use std::collections::HashMap;

/// A sortable column of the desk table, in the order the table shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskColumn {
    Number,
    Type,
    Status,
    Area,
    Place,
    Description,
    Assignee,
    Department,
    Due,
    Created,
}

impl DeskColumn {
    /// Every column, left to right.
    pub const ALL: [DeskColumn; 10] = [
        DeskColumn::Number,
        DeskColumn::Type,
        DeskColumn::Status,
        DeskColumn::Area,
        DeskColumn::Place,
        DeskColumn::Description,
        DeskColumn::Assignee,
        DeskColumn::Department,
        DeskColumn::Due,
        DeskColumn::Created,
    ];

    /// The header's `data-sort` name (and the cell's class).
    pub fn name(self) -> &'static str {
        match self {
            DeskColumn::Number => "number",
            DeskColumn::Type => "type",
            DeskColumn::Status => "status",
            DeskColumn::Area => "area", // not a kind: a column id
            DeskColumn::Place => "place",
            DeskColumn::Description => "description",
            DeskColumn::Assignee => "assignee",
            DeskColumn::Department => "department", // not a kind: a column id
            DeskColumn::Due => "due",
            DeskColumn::Created => "created",
        }
    }

    /// The header's words.
    pub fn label(self) -> Key {
        match self {
            DeskColumn::Number => Key::RequestNumber,
            DeskColumn::Type => Key::Category,
            DeskColumn::Status => Key::Status,
            DeskColumn::Area => Key::DeskArea,
            DeskColumn::Place => Key::DeskPlace,
            DeskColumn::Description => Key::Description,
            DeskColumn::Assignee => Key::Assignee,
            DeskColumn::Department => Key::Department,
            DeskColumn::Due => Key::DueAt,
            DeskColumn::Created => Key::Created,
        }
    }
}

/// How the desk opens: newest first, as the list is built.
pub fn default_sort() -> Sort<DeskColumn> {
    Sort { column: DeskColumn::Created, descending: true }
}

/// What a row of the desk table shows besides its [`RequestView`]: names looked up once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskRow {
    /// The area's name.
    pub area: String,
    /// The unit's number; for a request without a unit (a patrol finding), its building's
    /// name.
    pub place: String,
    /// Due time (ms), as the list worked it out.
    pub due: Option<i64>,
}

/// One [`DeskRow`] per row of `list`, names read from `state`.
pub fn desk_rows(list: &RequestList, state: &ReplicaState) -> Vec<DeskRow> {
    let areas = named(state, kind::AREA);
    let buildings = named(state, kind::BUILDING);
    let name = |names: &HashMap<RecordId, String>, id: Option<&RecordId>| {
        id.and_then(|id| names.get(id)).cloned().unwrap_or_default()
    };
    list.rows
        .iter()
        .zip(&list.meta)
        .map(|(r, m)| DeskRow {
            area: name(&areas, m.area.as_ref()),
            place: if r.unit_number.is_empty() {
                name(&buildings, m.building.as_ref())
            } else {
                r.unit_number.clone()
            },
            due: m.timing.due,
        })
        .collect()
}

fn named(state: &ReplicaState, kind: &str) -> HashMap<RecordId, String> {
    super::names(state, kind).into_iter().collect()
}

/// `shown` (positions in `list`) in the order of `sort`; equal rows keep their order
/// (newest first). `desk` is [`desk_rows`] of the same list.
pub fn sorted(
    list: &RequestList,
    desk: &[DeskRow],
    shown: &[usize],
    sort: Sort<DeskColumn>,
) -> Vec<usize> {
    let mut out = shown.to_vec();
    let none = DeskRow::default();
    let d = |i: usize| desk.get(i).unwrap_or(&none);
    let r = |i: usize| &list.rows[i];
    let text = |a: &str, b: &str| match (a.is_empty(), b.is_empty()) {
        (false, false) => directed(natural_cmp(a, b), sort.descending),
        // Blanks last, whichever way.
        (x, y) => x.cmp(&y),
    };
    let rank = |s: RequestStatus| RequestStatus::ALL.iter().position(|&x| x == s);
    out.sort_by(|&a, &b| match sort.column {
        DeskColumn::Number => text(&r(a).number, &r(b).number),
        DeskColumn::Type => {
            let c = |i: usize| r(i).category.map(|c| c.as_str()).unwrap_or_default();
            text(c(a), c(b))
        }
        DeskColumn::Status => by_option(rank(r(a).status), rank(r(b).status), sort.descending),
        DeskColumn::Area => text(&d(a).area, &d(b).area),
        DeskColumn::Place => text(&d(a).place, &d(b).place),
        DeskColumn::Description => text(&r(a).description, &r(b).description),
        DeskColumn::Assignee => text(&r(a).assignee_name, &r(b).assignee_name),
        DeskColumn::Department => text(&r(a).department_name, &r(b).department_name),
        DeskColumn::Due => by_option(d(a).due, d(b).due, sort.descending),
        DeskColumn::Created => by_option(r(a).created_at, r(b).created_at, sort.descending),
    });
    out
}

fn directed(o: Ordering, descending: bool) -> Ordering {
    if descending {
        o.reverse()
    } else {
        o
    }
}

/// `None` sorts after every value, whichever way the column is sorted.
fn by_option<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => directed(a.cmp(&b), descending),
        (a, b) => a.is_none().cmp(&b.is_none()),
    }
}

impl DeskRow {
    /// The row's cells in [`DeskColumn::ALL`]'s order, as the screen shows them and the
    /// workbook writes them: times local (`offset_min` east of UTC), `YYYY-MM-DD HH:MM`.
    pub fn cells(&self, r: &RequestView, lang: Lang, offset_min: i64) -> [String; 10] {
        let time = |ms: Option<i64>| ms.map(|ms| local_text(ms, offset_min)).unwrap_or_default();
        [
            r.number.clone(),
            r.category.map(|c| category_label(c, lang).to_owned()).unwrap_or_default(),
            status_label(r.status, lang).to_owned(),
            self.area.clone(),
            self.place.clone(),
            r.description.clone(),
            r.assignee_name.clone(),
            r.department_name.clone(),
            time(self.due),
            time(r.created_at),
        ]
    }
}

/// `YYYY-MM-DD HH:MM` of `ms`, `offset_min` minutes east of UTC.
pub fn local_text(ms: i64, offset_min: i64) -> String {
    let ms = ms + offset_min * 60_000;
    let (y, m, d) = shared::calendar::civil_from_days(ms.div_euclid(86_400_000));
    let min = ms.rem_euclid(86_400_000) / 60_000;
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", min / 60, min % 60)
}

/// The header row in `lang`.
pub fn headers(lang: Lang) -> Vec<&'static str> {
    DeskColumn::ALL.iter().map(|c| c.label().text(lang)).collect()
}

/// The rows at `order` (positions in `list`) as text, as the table shows them.
pub fn table_text(
    list: &RequestList,
    desk: &[DeskRow],
    order: &[usize],
    lang: Lang,
    offset_min: i64,
) -> Vec<[String; 10]> {
    let none = DeskRow::default();
    order
        .iter()
        .map(|&i| desk.get(i).unwrap_or(&none).cells(&list.rows[i], lang, offset_min))
        .collect()
}

/// The workbook of the rows at `order`: the header row in `lang`, then the rows as shown.
pub fn workbook(
    list: &RequestList,
    desk: &[DeskRow],
    order: &[usize],
    lang: Lang,
    offset_min: i64,
) -> Result<Vec<u8>, String> {
    let sheet = Key::NavRequests.text(lang);
    let rows = table_text(list, desk, order, lang, offset_min);
    super::xlsx::table(sheet, &headers(lang), &rows)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "desk_tests.rs"]
mod tests;
