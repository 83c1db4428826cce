//! The office's desk table of visits (走访台账): every live visit as a row — time, area,
//! building, unit, outcome, who was met, topics, satisfaction, by whom, plan — filtered by
//! area, outcome and a search text, sorted by a clicked column, and the workbook of exactly
//! the rows shown in the order shown (the same cell text as the screen, `model::desk`'s way).

use super::desk::local_text;
use crate::i18n::{satisfaction_label, visit_outcome_label, visit_topic_label, vw, Lang, Vw};
use crate::register::natural_cmp;
use crate::register::table::Sort;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::visit::coverage::VisitFacts;
use shared::visit::{VisitOutcome, VisitTopic};
use shared::{Kind, RecordId};
use std::collections::HashMap;

/// A column of the visits table, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitColumn {
    At,
    Area,
    Building,
    Unit,
    Outcome,
    Person,
    Topics,
    Satisfaction,
    By,
    Plan,
}

impl VisitColumn {
    pub const ALL: [VisitColumn; 10] = [
        VisitColumn::At,
        VisitColumn::Area,
        VisitColumn::Building,
        VisitColumn::Unit,
        VisitColumn::Outcome,
        VisitColumn::Person,
        VisitColumn::Topics,
        VisitColumn::Satisfaction,
        VisitColumn::By,
        VisitColumn::Plan,
    ];

    /// The header's `data-sort` name.
    pub fn name(self) -> &'static str {
        match self {
            VisitColumn::At => "at",
            VisitColumn::Area => "area", // not a kind: a column id
            VisitColumn::Building => "building", // not a kind: a column id
            VisitColumn::Unit => "unit", // not a kind: a column id
            VisitColumn::Outcome => "outcome",
            VisitColumn::Person => "person", // not a kind: a column id
            VisitColumn::Topics => "topics",
            VisitColumn::Satisfaction => "satisfaction",
            VisitColumn::By => "by",
            VisitColumn::Plan => "plan",
        }
    }

    /// The header's words.
    pub fn label(self) -> Vw {
        [
            Vw::ColAt,
            Vw::ColArea,
            Vw::ColBuilding,
            Vw::ColUnit,
            Vw::Outcome,
            Vw::MetPerson,
            Vw::Topics,
            Vw::Satisfaction,
            Vw::ColBy,
            Vw::ColPlan,
        ][self as usize]
    }
}

/// One visit as the table shows it (names looked up once per replica change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitDeskRow {
    pub id: RecordId,
    pub area_id: Option<RecordId>,
    pub at: Option<i64>,
    pub area: String,
    pub building: String,
    pub unit: String,
    pub outcome: Option<VisitOutcome>,
    pub person: String,
    pub topics: Vec<VisitTopic>,
    pub satisfaction: Option<shared::request::Satisfaction>,
    pub by: String,
    pub plan: String,
    pub remarks: String,
}

/// Every live visit, newest first.
pub fn desk_rows(state: &ReplicaState, facts: &VisitFacts) -> Vec<VisitDeskRow> {
    let named =
        |k: &str| -> HashMap<RecordId, String> { super::names(state, k).into_iter().collect() };
    let (areas, buildings, staff, plans) =
        (named(kind::AREA), named(kind::BUILDING), named(kind::STAFF), named(kind::VISIT_PLAN));
    let name = |m: &HashMap<RecordId, String>, id: Option<&RecordId>| {
        id.and_then(|i| m.get(i)).cloned().unwrap_or_default()
    };
    let field_of = |k: &str, id: Option<&RecordId>, f: &str| {
        id.and_then(|i| state.record(&Kind::new(k), i)).map(|r| r.string(f)).unwrap_or_default()
    };
    let mut rows: Vec<VisitDeskRow> = facts
        .visits
        .iter()
        .map(|v| {
            let unit = state.record(&Kind::new(kind::UNIT), &v.unit);
            let b = unit.and_then(|u| u.reference(field::BUILDING));
            let area_id = b.as_ref().and_then(|b| {
                state.record(&Kind::new(kind::BUILDING), b).and_then(|f| f.reference(field::AREA))
            });
            VisitDeskRow {
                id: v.id.clone(),
                at: v.at,
                area: name(&areas, area_id.as_ref()),
                area_id,
                building: name(&buildings, b.as_ref()),
                unit: unit.map(|u| u.string(field::NUMBER)).unwrap_or_default(),
                outcome: v.outcome,
                person: field_of(kind::PERSON, v.person.as_ref(), field::NAME),
                topics: VisitTopic::list(&v.topics),
                satisfaction: v.satisfaction,
                by: name(&staff, v.by.as_ref()),
                plan: name(&plans, v.plan.as_ref()),
                remarks: v.remarks.clone(),
            }
        })
        .collect();
    rows.sort_by(|a, b| (b.at, &b.id).cmp(&(a.at, &a.id)));
    rows
}

/// What narrows the table: an area, an outcome, a text (in any cell or the remarks).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitFilter {
    pub area: Option<RecordId>,
    pub outcome: Option<VisitOutcome>,
    pub text: String,
}

impl VisitDeskRow {
    /// The cells in [`VisitColumn::ALL`]'s order, as the screen and the workbook show them.
    pub fn cells(&self, lang: Lang, offset_min: i64) -> [String; 10] {
        let topics: Vec<&str> = self.topics.iter().map(|t| visit_topic_label(*t, lang)).collect();
        [
            self.at.map(|t| local_text(t, offset_min)).unwrap_or_default(),
            self.area.clone(),
            self.building.clone(),
            self.unit.clone(),
            self.outcome.map(|o| visit_outcome_label(o, lang).to_owned()).unwrap_or_default(),
            self.person.clone(),
            topics.join("、"),
            self.satisfaction.map(|s| satisfaction_label(s, lang).to_owned()).unwrap_or_default(),
            self.by.clone(),
            self.plan.clone(),
        ]
    }
}

/// Positions of the rows `filter` keeps, in `sort`'s order (blanks last; ties newest first).
pub fn shown(
    rows: &[VisitDeskRow],
    filter: &VisitFilter,
    sort: Sort<VisitColumn>,
    lang: Lang,
    offset_min: i64,
) -> Vec<usize> {
    let needle = filter.text.trim().to_lowercase();
    let cells: Vec<[String; 10]> = rows.iter().map(|r| r.cells(lang, offset_min)).collect();
    let mut out: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            let r = &rows[i];
            filter.area.as_ref().is_none_or(|a| r.area_id.as_ref() == Some(a))
                && filter.outcome.is_none_or(|o| r.outcome == Some(o))
                && (needle.is_empty()
                    || cells[i]
                        .iter()
                        .chain([&r.remarks])
                        .any(|c| c.to_lowercase().contains(&needle)))
        })
        .collect();
    let col = sort.column as usize;
    out.sort_by(|&a, &b| {
        let o = match sort.column {
            VisitColumn::At => rows[a].at.cmp(&rows[b].at),
            _ => natural_cmp(&cells[a][col], &cells[b][col]),
        };
        let blank = |i: usize| cells[i][col].is_empty();
        blank(a).cmp(&blank(b)).then(if sort.descending { o.reverse() } else { o })
    });
    out
}

/// The header row in `lang`.
pub fn headers(lang: Lang) -> Vec<&'static str> {
    VisitColumn::ALL.iter().map(|c| vw(c.label(), lang)).collect()
}

/// The workbook of the rows at `order`, as shown.
pub fn workbook(
    rows: &[VisitDeskRow],
    order: &[usize],
    lang: Lang,
    offset_min: i64,
) -> Result<Vec<u8>, String> {
    let cells: Vec<[String; 10]> = order.iter().map(|&i| rows[i].cells(lang, offset_min)).collect();
    super::xlsx::table(vw(Vw::DeskTitle, lang), &headers(lang), &cells)
}
