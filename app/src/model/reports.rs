//! The reports page (`/reports`, 报表): what it shows, computed from the replica's
//! [`Facts`] offline — the figures of a period beside the previous period's, a butler's
//! area at a glance (today, this week, this month), the breakdowns, and the records behind
//! every number. Pure; `pages/reports.rs` renders it.
//!
//! Laws:
//! - A butler reads their own area (the session's); office and supervisors read the site
//!   and its breakdowns. Department staff have no reports page (`model::nav`).
//! - Stepping back from a period gives [`Period::previous`]; stepping forward undoes it.
//! - A change is the difference of the two values in tenths of a point; it is better when
//!   it moves towards the target's side.
//! - The records behind a number are listed once each, with how many times it counts (a
//!   request asked twice in a month counts twice in satisfaction).

use crate::i18n::{category_label, Lang};
use shared::calendar::days_from_civil;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::report::breakdown::{By, RowKey};
use shared::report::period::{local_date, DAY_MS};
use shared::report::{kpis, Facts, Figure, Filter, KpiId, Period, PeriodKind};
use shared::request::classifier;
use shared::{Kind, RecordId, Role};
use std::collections::HashMap;

/// What `role` reads: a butler their area `area`; everyone else the site.
pub fn scope(role: Role, area: Option<&str>) -> Filter {
    match (role, area) {
        (Role::Butler, Some(a)) => Filter { area: Some(RecordId::from(a)), ..Filter::default() },
        _ => Filter::default(),
    }
}

/// Whether `role` reads the site's breakdowns.
pub fn sees_breakdowns(role: Role) -> bool {
    matches!(role, Role::Office | Role::Supervisor)
}

/// The period a reader starts with: a butler today's, the office the month's.
pub fn first_kind(role: Role) -> PeriodKind {
    if role == Role::Butler {
        PeriodKind::Day
    } else {
        PeriodKind::Month
    }
}

/// The period after `p` (`forward`) or before it.
pub fn step(p: &Period, forward: bool) -> Period {
    match (forward, p.kind) {
        (false, _) => p.previous(),
        (true, PeriodKind::Custom) => Period { start: p.end, end: 2 * p.end - p.start, ..*p },
        (true, kind) => Period::of(kind, p.end, p.offset_min),
    }
}

/// One figure of the period and the same figure of the period before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub cur: Figure,
    pub prev: Figure,
}

impl Line {
    /// The change of the value in tenths of a point (`None` unless both have a value).
    pub fn change(&self) -> Option<i64> {
        Some(self.cur.permille? - self.prev.permille?)
    }

    /// Whether the change moves towards the target's side (`None`: no change to judge).
    pub fn better(&self) -> Option<bool> {
        let c = self.change().filter(|&c| c != 0)?;
        Some((c < 0) == self.cur.kpi.lower_is_better())
    }
}

/// Every figure of `period` with the previous period's beside it.
pub fn lines(facts: &Facts, period: &Period, filter: &Filter, now: i64) -> Vec<Line> {
    let prev = kpis(facts, &period.previous(), filter, now);
    kpis(facts, period, filter, now)
        .into_iter()
        .zip(prev)
        .map(|(cur, prev)| Line { cur, prev })
        .collect()
}

/// A butler's area at a glance: each figure today, this week and this month.
pub fn glance(facts: &Facts, filter: &Filter, now: i64, offset_min: i64) -> Vec<[Figure; 3]> {
    let [d, w, m] = [PeriodKind::Day, PeriodKind::Week, PeriodKind::Month]
        .map(|k| kpis(facts, &Period::of(k, now, offset_min), filter, now));
    d.into_iter().zip(w).zip(m).map(|((d, w), m)| [d, w, m]).collect()
}

/// A value in per cent with one decimal ("92.5 %"), or a dash without one.
pub fn pct(permille: Option<i64>) -> String {
    match permille {
        Some(p) => format!("{}.{} %", p / 10, p % 10),
        None => "—".to_owned(),
    }
}

/// A change in points with its sign ("+2.5", "−1.0", "±0").
pub fn change_text(change: Option<i64>) -> String {
    match change {
        None => String::new(),
        Some(0) => "±0".to_owned(),
        Some(c) if c > 0 => format!("+{}.{}", c / 10, c % 10),
        Some(c) => format!("−{}.{}", -c / 10, -c % 10),
    }
}

/// The target as read ("≥ 90 %", "≤ 1 %").
pub fn target_text(kpi: KpiId, target_pct: i64) -> String {
    let op = if kpi.lower_is_better() { "≤" } else { "≥" };
    format!("{op} {target_pct} %")
}

/// A local date as an `<input type="date">` value.
pub fn date_value(at: i64, offset_min: i64) -> String {
    let (y, m, d) = local_date(at, offset_min);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Noon of the local date an `<input type="date">` holds (`None`: not a date).
pub fn parse_date(s: &str, offset_min: i64) -> Option<i64> {
    let mut parts = s.trim().splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1970..=9999).contains(&y) {
        return None;
    }
    Some(days_from_civil(y, m, d) * DAY_MS + DAY_MS / 2 - offset_min * 60_000)
}

/// The period as read: a day, a week's first and last day, a month, a quarter, a span.
pub fn period_label(p: &Period, lang: Lang) -> String {
    let (y, m, _) = local_date(p.start, p.offset_min);
    let first = date_value(p.start, p.offset_min);
    let last = date_value(p.end - 1, p.offset_min);
    match (p.kind, lang) {
        (PeriodKind::Day, _) => first,
        (PeriodKind::Month, Lang::Zh) => format!("{y}年{m}月"),
        (PeriodKind::Month, Lang::En) => format!("{y}-{m:02}"),
        (PeriodKind::Quarter, Lang::Zh) => format!("{y}年第{}季度", (m - 1) / 3 + 1),
        (PeriodKind::Quarter, Lang::En) => format!("{y} Q{}", (m - 1) / 3 + 1),
        (PeriodKind::Week | PeriodKind::Custom, _) => format!("{first} – {last}"),
    }
}

/// Which count of a figure is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Num,
    Den,
}

/// One record behind a number: a request (its number and what was reported), or an area,
/// building or supervisor by name; `count` times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillRow {
    pub id: RecordId,
    /// A request (links to `/requests/:id`).
    pub request: bool,
    /// The request's number; empty for the others.
    pub number: String,
    /// What was reported, or the record's name.
    pub title: String,
    pub count: usize,
}

/// The kind of the records a figure counts.
fn counted_kind(kpi: KpiId) -> &'static str {
    match kpi {
        KpiId::PatrolDays => kind::AREA,
        KpiId::PatrolCycle => kind::BUILDING,
        KpiId::QualityChecks => kind::STAFF,
        _ => kind::REQUEST,
    }
}

/// The records behind one count of `f`, once each in first-counted order.
pub fn drill(state: &ReplicaState, f: &Figure, side: Side) -> Vec<DrillRow> {
    let ids = if side == Side::Num { &f.num_ids } else { &f.den_ids };
    let k = counted_kind(f.kpi);
    let kind = Kind::new(k);
    let mut at: HashMap<&RecordId, usize> = HashMap::new();
    let mut out: Vec<DrillRow> = Vec::new();
    for id in ids {
        if let Some(&i) = at.get(id) {
            out[i].count += 1;
            continue;
        }
        at.insert(id, out.len());
        let rec = state.record(&kind, id);
        let text = |name| rec.map(|r| r.string(name)).unwrap_or_default();
        let request = k == kind::REQUEST;
        out.push(DrillRow {
            id: id.clone(),
            request,
            number: if request { text(field::NUMBER) } else { String::new() },
            title: text(if request { field::DESCRIPTION } else { field::NAME }),
            count: 1,
        });
    }
    out
}

/// What a breakdown row is about, as read: an area's, butler's or department's name, a
/// type, a category in `lang`.
pub fn key_label(state: &ReplicaState, by: By, key: &RowKey, lang: Lang) -> String {
    let id = match key {
        RowKey::Category(c) => return category_label(*c, lang).to_owned(),
        RowKey::Record(id) => id,
    };
    let of = |k: &str| state.record(&Kind::new(k), id).map(|f| f.string(field::NAME));
    let name = match by {
        By::Area => of(kind::AREA),
        By::Butler => of(kind::STAFF),
        By::Department => of(kind::DEPARTMENT),
        By::Topic => classifier::nodes(state).into_iter().find(|n| &n.id == id).map(|n| {
            if lang == Lang::En && !n.name_en.is_empty() {
                n.name_en
            } else {
                n.name_zh
            }
        }),
        By::Category => None,
    };
    name.filter(|n| !n.is_empty()).unwrap_or_else(|| id.0.chars().take(8).collect())
}

#[cfg(test)]
#[path = "reports_tests.rs"]
mod tests;
