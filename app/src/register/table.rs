//! The desk's register tables: units and people, sorted by a clicked column, narrowed by a
//! filter box (the search box's rules) and selects, and cut into pages of [`PAGE_ROWS`]
//! rows, so that 10,000 units render as fast as 100.

use super::index::{Query, Register, UnitRow};
use super::natural_cmp;
use shared::register::{PersonRole, UnitState, UnitType};
use shared::RecordId;
use std::cmp::Ordering;

/// Rows on one page of a table.
pub const PAGE_ROWS: usize = 100;

/// A sortable column of the units table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitColumn {
    Number,
    Building,
    Floor,
    Type,
    State,
    People,
    OpenRequests,
}

/// A sortable column of the people table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonColumn {
    Name,
    Phone,
    Units,
}

/// Which column a table is sorted by, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort<C> {
    pub column: C,
    pub descending: bool,
}

impl<C: PartialEq + Copy> Sort<C> {
    /// Ascending by `column`.
    pub fn by(column: C) -> Self {
        Sort { column, descending: false }
    }

    /// After a click on `column`'s header: the same column turns around, another one sorts
    /// ascending.
    pub fn clicked(self, column: C) -> Self {
        Sort { column, descending: self.column == column && !self.descending }
    }
}

/// What narrows the units table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitFilter {
    /// As in the search box: number, building, a person's name or phone digits.
    pub text: String,
    pub building: Option<RecordId>,
    pub state: Option<UnitState>,
}

/// One page of a table: its rows, how many rows match in all, and which page this is.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub total: usize,
    /// Zero-based, clamped to the last page.
    pub page: usize,
    pub pages: usize,
}

/// A row of the units table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitTableRow {
    pub id: RecordId,
    pub number: String,
    pub building: String,
    pub floor: Option<i64>,
    pub unit_type: Option<UnitType>,
    pub state: Option<UnitState>,
    pub people: usize,
    pub open_requests: usize,
}

/// A row of the people table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonTableRow {
    pub id: RecordId,
    pub name: String,
    pub phone: String,
    pub phone2: String,
    pub key_customer: bool,
    /// The units they live in now, `1-0302、3-1801`.
    pub units: String,
    /// Their role in each of those units, in the same order.
    pub roles: Vec<Option<PersonRole>>,
    /// The first of those units, whose page the row opens.
    pub first_unit: Option<RecordId>,
}

/// `None` sorts after every value, whichever way the column is sorted.
fn by_option<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if descending => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
        (a, b) => b.is_none().cmp(&a.is_none()).reverse(),
    }
}

fn directed(o: Ordering, descending: bool) -> Ordering {
    if descending {
        o.reverse()
    } else {
        o
    }
}

fn page_of<T>(matching: Vec<usize>, page: usize, row: impl Fn(usize) -> T) -> Page<T> {
    let total = matching.len();
    let pages = total.div_ceil(PAGE_ROWS).max(1);
    let page = page.min(pages - 1);
    let rows = matching.into_iter().skip(page * PAGE_ROWS).take(PAGE_ROWS).map(row).collect();
    Page { rows, total, page, pages }
}

impl Register {
    /// One page of the units table. Units are kept in number order, so that is the
    /// tie-breaker of every other column.
    pub fn unit_table(
        &self,
        f: &UnitFilter,
        sort: Sort<UnitColumn>,
        page: usize,
    ) -> Page<UnitTableRow> {
        let found = Query::new(&f.text).map(|q| self.unit_matches(&q));
        let keep = |(i, u): &(usize, &UnitRow)| {
            f.building.as_ref().is_none_or(|b| &u.building_id == b)
                && f.state.is_none_or(|s| u.state == Some(s))
                && found.as_ref().is_none_or(|m| m[*i].is_some())
        };
        let mut matching: Vec<usize> =
            self.units.iter().enumerate().filter(keep).map(|(i, _)| i).collect();
        let d = sort.descending;
        let rank = |t: Option<UnitType>| t.and_then(|t| UnitType::ALL.iter().position(|x| *x == t));
        let srank =
            |s: Option<UnitState>| s.and_then(|s| UnitState::ALL.iter().position(|x| *x == s));
        matching.sort_by(|&a, &b| {
            let (x, y) = (&self.units[a], &self.units[b]);
            let o = match sort.column {
                UnitColumn::Number => directed(Ordering::Equal, d),
                UnitColumn::Building => directed(natural_cmp(&x.building, &y.building), d),
                UnitColumn::Floor => by_option(x.floor, y.floor, d),
                UnitColumn::Type => by_option(rank(x.unit_type), rank(y.unit_type), d),
                UnitColumn::State => by_option(srank(x.state), srank(y.state), d),
                UnitColumn::People => directed(x.people.len().cmp(&y.people.len()), d),
                UnitColumn::OpenRequests => directed(x.open_requests.cmp(&y.open_requests), d),
            };
            let number_desc = d && sort.column == UnitColumn::Number;
            o.then_with(|| directed(a.cmp(&b), number_desc))
        });
        page_of(matching, page, |i| {
            let u = &self.units[i];
            UnitTableRow {
                id: u.id.clone(),
                number: u.number.clone(),
                building: u.building.clone(),
                floor: u.floor,
                unit_type: u.unit_type,
                state: u.state,
                people: u.people.len(),
                open_requests: u.open_requests,
            }
        })
    }

    /// One page of the people table, filtered by name or phone digits (`text`).
    pub fn people_table(
        &self,
        text: &str,
        sort: Sort<PersonColumn>,
        page: usize,
    ) -> Page<PersonTableRow> {
        let found = Query::new(text).map(|q| self.people_matching(&q));
        let mut matching: Vec<usize> =
            (0..self.people.len()).filter(|&i| found.as_ref().is_none_or(|m| m[i])).collect();
        let first_unit = |i: usize| self.people[i].links.first().map(|&(u, _)| u);
        let d = sort.descending;
        matching.sort_by(|&a, &b| {
            let (x, y) = (&self.people[a], &self.people[b]);
            let o = match sort.column {
                PersonColumn::Name => directed(Ordering::Equal, d),
                PersonColumn::Phone => {
                    let empty = x.phone.is_empty().cmp(&y.phone.is_empty());
                    empty.then_with(|| directed(x.phone.cmp(&y.phone), d))
                }
                PersonColumn::Units => by_option(first_unit(a), first_unit(b), d),
            };
            o.then_with(|| directed(a.cmp(&b), d && sort.column == PersonColumn::Name))
        });
        page_of(matching, page, |i| {
            let p = &self.people[i];
            PersonTableRow {
                id: p.id.clone(),
                name: p.name.clone(),
                phone: p.phone.clone(),
                phone2: p.phone2.clone(),
                key_customer: p.key_customer,
                units: self.units_of(i),
                roles: p.links.iter().map(|&(_, r)| r).collect(),
                first_unit: first_unit(i).map(|u| self.units[u as usize].id.clone()),
            }
        })
    }
}
