//! Breakdowns (分项统计): the same figures cut by area, butler, department, request type or
//! complaint category, one row per key, so the office sees which part of the site misses a
//! target. Each row is [`kpis`] under the reader's filter narrowed to its key: a row's
//! figures are exactly what the whole report shows with that filter chosen.
//!
//! Laws:
//! - The keys are those the facts hold: areas of buildings or requests, live butlers,
//!   departments of requests, every request type, topics of requests; sorted, each once.
//! - A row whose every figure has an empty denominator is left out (nothing to read).
//! - The patrol figures appear only in the area and butler breakdowns, the quality checks
//!   only in the butler breakdown (see [`super::kpi::KpiId::applies`]).

use super::facts::Facts;
use super::kpi::{kpis, Figure, Filter};
use super::period::Period;
use crate::request::Category;
use crate::wire_enum::wire_enum;
use crate::{RecordId, Role};
use std::collections::BTreeSet;

wire_enum!(
    /// What a breakdown cuts the figures by.
    By {
        /// 片区: the request's area (its unit's building's).
        Area = "area",
        /// 管家: who took the request, made the round or the call-back.
        Butler = "butler",
        /// 部门: where the request was routed.
        Department = "department",
        /// 报事类型: repair, inquiry, complaint…
        Category = "category",
        /// 类别: the classifier's topic (a complaint's category).
        Topic = "topic",
    }
);

/// What one row is about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RowKey {
    /// An area, butler, department or topic.
    Record(RecordId),
    /// A request type.
    Category(Category),
}

/// One row of a breakdown: its key and its figures in [`super::KpiId::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Row {
    pub key: RowKey,
    pub figures: Vec<Figure>,
}

/// The keys `by` takes in `facts` (see the module's laws).
pub fn keys(facts: &Facts, by: By) -> Vec<RowKey> {
    let set: BTreeSet<RecordId> = match by {
        By::Category => return Category::ALL.iter().map(|&c| RowKey::Category(c)).collect(),
        By::Area => facts
            .buildings
            .iter()
            .filter_map(|(_, a)| a.clone())
            .chain(facts.requests.iter().filter_map(|r| r.area.clone()))
            .collect(),
        By::Butler => facts.staff_of(Role::Butler).cloned().collect(),
        By::Department => facts.requests.iter().filter_map(|r| r.department.clone()).collect(),
        By::Topic => facts.requests.iter().filter_map(|r| r.topic.clone()).collect(),
    };
    set.into_iter().map(RowKey::Record).collect()
}

/// `filter` narrowed to `key` under `by`.
pub fn narrowed(filter: &Filter, by: By, key: &RowKey) -> Filter {
    let mut f = filter.clone();
    match (by, key) {
        (_, RowKey::Category(c)) => f.category = Some(*c),
        (By::Area, RowKey::Record(id)) => f.area = Some(id.clone()),
        (By::Butler, RowKey::Record(id)) => f.butler = Some(id.clone()),
        (By::Department, RowKey::Record(id)) => f.department = Some(id.clone()),
        (By::Topic, RowKey::Record(id)) => f.topic = Some(id.clone()),
        (By::Category, RowKey::Record(_)) => {}
    }
    f
}

/// The figures of `period` cut by `by`, one row per key with something to read.
pub fn breakdown(facts: &Facts, by: By, period: &Period, filter: &Filter, now: i64) -> Vec<Row> {
    keys(facts, by)
        .into_iter()
        .map(|key| {
            let figures = kpis(facts, period, &narrowed(filter, by, &key), now);
            Row { key, figures }
        })
        .filter(|row| row.figures.iter().any(|f| f.den > 0))
        .collect()
}

#[cfg(test)]
#[path = "breakdown_tests.rs"]
mod tests;
