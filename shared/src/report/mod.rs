//! Reports and KPIs (报表与考核): the figures a management office is judged on, as pure
//! functions over the records, so the tablet computes them offline and the server answers
//! `/api/v1/reports` from the very same functions (`docs/ARCHITECTURE.md`, "Reports").
//!
//! - [`period`]: days, weeks, months, quarters and custom spans in the site's zone.
//! - [`facts`]: what the formulas read, taken from a replica in one pass.
//! - [`kpi`]: one function per figure, its definition in `///`, its target a setting.
//! - [`answer`]: the report both sides give for a period and filter (and the previous period).
//! - [`breakdown`], [`series`]: the same figures per area, butler, department, category and
//!   per day or week, for the dashboard's tables and charts.
//! - [`totals`], [`weekly`], [`monthly`]: the printed reports' figures (daily work per
//!   person, the weekly summary, the monthly service-quality report); [`notes`]: the
//!   supervisor's remarks on them and when the monthly report is due.

pub mod answer;
pub mod breakdown;
pub mod facts;
pub mod kpi;
pub mod monthly;
pub mod notes;
pub mod period;
pub mod series;
pub mod totals;
pub mod weekly;

#[cfg(test)]
mod fixture_tests;
#[cfg(test)]
mod test_facts;

pub use facts::Facts;
pub use kpi::{figure, kpis, Figure, Filter, KpiId};
pub use period::{Period, PeriodKind};
