//! Collection figures (DOMAIN duty 6): how much of what was owed has been collected, and
//! the rate (collected ÷ owed), by area and month — the month of the arrears' period, so
//! November's property fee counts in November whenever it is paid.
//!
//! Laws:
//! - What an arrears has collected is its paid amount, at most its amount; an arrears
//!   marked paid (a paid time) without a paid amount has collected all of it.
//! - The rate is collected ÷ owed in per mille, rounded down; nothing owed has no rate.
//! - The site's figures are the sum of the areas' (`per_area` false merges them).

use crate::fields::Fields;
use crate::names::field;
use crate::RecordId;
use std::collections::BTreeMap;

/// One arrears as the figures read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The unit's area (`None`: the unit is not placed).
    pub area: Option<RecordId>,
    /// `YYYY-MM`, the period's month (a longer period counts in its first month).
    pub month: String,
    pub owed: f64,
    pub collected: f64,
}

impl Entry {
    /// Reads a live arrears record; `None` if deleted or without a period.
    pub fn read(f: &Fields, area: Option<RecordId>) -> Option<Entry> {
        if f.is_deleted() {
            return None;
        }
        let month: String = f.text(field::PERIOD)?.chars().take(7).collect();
        let owed = f.number(field::AMOUNT).unwrap_or(0.0).max(0.0);
        Some(Entry { area, month, owed, collected: collected(f).min(owed) })
    }
}

/// What an arrears has collected: its paid amount (not below 0), or the whole amount when
/// it is marked paid without one.
pub fn collected(f: &Fields) -> f64 {
    match (f.number(field::PAID_AMOUNT), f.int(field::PAID_AT)) {
        (Some(p), _) => p.max(0.0),
        (None, Some(_)) => f.number(field::AMOUNT).unwrap_or(0.0).max(0.0),
        (None, None) => 0.0,
    }
}

/// One line of the figures: an area's (or the site's) month.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    /// `None`: the whole site (or units not placed, when `per_area`).
    pub area: Option<RecordId>,
    pub month: String,
    pub owed: f64,
    pub collected: f64,
    /// How many arrears.
    pub count: usize,
}

impl Collection {
    /// Collected ÷ owed in per mille, rounded down; `None` when nothing is owed.
    pub fn rate_permille(&self) -> Option<u32> {
        (self.owed > 0.0).then(|| ((self.collected / self.owed) * 1000.0 + 1e-9).floor() as u32)
    }
}

/// The figures of `entries` by month (newest first) and, if `per_area`, by area in each.
pub fn collection(entries: &[Entry], per_area: bool) -> Vec<Collection> {
    let mut by: BTreeMap<(String, Option<RecordId>), Collection> = BTreeMap::new();
    for e in entries {
        let area = if per_area { e.area.clone() } else { None };
        let c = by.entry((e.month.clone(), area.clone())).or_insert_with(|| Collection {
            area,
            month: e.month.clone(),
            owed: 0.0,
            collected: 0.0,
            count: 0,
        });
        c.owed += e.owed;
        c.collected += e.collected;
        c.count += 1;
    }
    let mut out: Vec<Collection> = by.into_values().collect();
    out.sort_by(|a, b| b.month.cmp(&a.month).then_with(|| a.area.cmp(&b.area)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lww::FieldState;
    use crate::{Hlc, ReplicaId};
    use serde_json::{json, Value};

    fn record(fields: &[(&str, Value)]) -> Fields {
        let mut f = Fields::new();
        for (name, value) in fields {
            let st = FieldState {
                value: value.clone(),
                hlc: Hlc::new(1, 0),
                replica: ReplicaId::from("t"),
                prev: None,
            };
            f.insert((*name).to_string(), st);
        }
        f
    }

    fn entry(area: u128, month: &str, owed: f64, collected: f64) -> Entry {
        let area = Some(RecordId(uuid::Uuid::from_u128(area).to_string()));
        Entry { area, month: month.into(), owed, collected }
    }

    #[test]
    fn collected_is_the_paid_amount_capped_or_all_when_marked_paid() {
        let a = |extra: &[(&str, Value)]| {
            let mut fields = vec![(field::AMOUNT, json!(300)), (field::PERIOD, json!("2026-11"))];
            fields.extend_from_slice(extra);
            Entry::read(&record(&fields), None).unwrap()
        };
        assert_eq!(a(&[]).collected, 0.0);
        assert_eq!(a(&[(field::PAID_AMOUNT, json!(120.5))]).collected, 120.5);
        assert_eq!(a(&[(field::PAID_AMOUNT, json!(500))]).collected, 300.0);
        assert_eq!(a(&[(field::PAID_AT, json!(9))]).collected, 300.0);
        assert_eq!(a(&[(field::PAID_AT, json!(9)), (field::PAID_AMOUNT, json!(0))]).collected, 0.0);
        assert_eq!(a(&[(field::PERIOD, json!("2026-11-05"))]).month, "2026-11");
        assert!(Entry::read(&record(&[(field::DELETED, json!(true))]), None).is_none());
    }

    #[test]
    fn rates_by_area_and_month_and_for_the_site() {
        let entries = [
            entry(1, "2026-11", 300.0, 300.0),
            entry(1, "2026-11", 100.0, 0.0),
            entry(2, "2026-11", 200.0, 50.0),
            entry(1, "2026-10", 90.0, 30.0),
            entry(2, "2026-12", 0.0, 0.0),
        ];
        let per_area = collection(&entries, true);
        let months: Vec<(&str, usize)> =
            per_area.iter().map(|c| (c.month.as_str(), c.count)).collect();
        assert_eq!(months, [("2026-12", 1), ("2026-11", 2), ("2026-11", 1), ("2026-10", 1)]);
        assert_eq!((per_area[1].owed, per_area[1].collected), (400.0, 300.0));
        assert_eq!(per_area[1].rate_permille(), Some(750));
        assert_eq!(per_area[2].rate_permille(), Some(250));
        assert_eq!(per_area[3].rate_permille(), Some(333));
        assert_eq!(per_area[0].rate_permille(), None, "nothing owed has no rate");
        let site = collection(&entries, false);
        assert_eq!(site.len(), 3);
        assert_eq!((site[1].owed, site[1].collected, site[1].count), (600.0, 350.0, 3));
        assert_eq!(site[1].rate_permille(), Some(583));
        assert!(site.iter().all(|c| c.area.is_none()));
    }
}
