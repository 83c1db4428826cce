//! Revenue of paid services by month (the 《服务项目汇总表》 finance receives each month):
//! what paid orders took, by the local month they were paid in and by price item.
//!
//! Laws: only live orders marked `paid` with a paid time count, at their paid amount (a
//! waived or unpaid order counts nowhere); an order counts in the month of its `paid_at`
//! in the site's time, whenever the work was done.

use super::{pay_state, PayState};
use crate::fields::Fields;
use crate::ids::RecordId;
use crate::names::field;
use crate::report::period::local_date;
use std::collections::BTreeMap;

/// One line: a month's takings of one price item.
#[derive(Debug, Clone, PartialEq)]
pub struct Revenue {
    /// `YYYY-MM`, local.
    pub month: String,
    /// The price item (`None`: an order without one).
    pub price: Option<RecordId>,
    pub amount: f64,
    pub count: usize,
}

/// The `YYYY-MM` of `at` in the site's time (`offset_min` ahead of UTC).
pub fn month_of(at: i64, offset_min: i64) -> String {
    let (y, m, _) = local_date(at, offset_min);
    format!("{y:04}-{m:02}")
}

/// The month and amount a live order took, if it is paid.
pub fn takings(order: &Fields, offset_min: i64) -> Option<(String, f64)> {
    if order.is_deleted() || pay_state(order) != PayState::Paid {
        return None;
    }
    let at = order.int(field::PAID_AT)?;
    Some((month_of(at, offset_min), order.number(field::PAID_AMOUNT).unwrap_or(0.0).max(0.0)))
}

/// The takings of `orders` by month (newest first) and price item (in id order).
pub fn revenue<'a>(orders: impl IntoIterator<Item = &'a Fields>, offset_min: i64) -> Vec<Revenue> {
    let mut by: BTreeMap<(String, Option<RecordId>), (f64, usize)> = BTreeMap::new();
    for o in orders {
        let Some((month, amount)) = takings(o, offset_min) else { continue };
        let line = by.entry((month, o.reference(field::SERVICE_PRICE))).or_default();
        line.0 += amount;
        line.1 += 1;
    }
    let mut out: Vec<Revenue> = by
        .into_iter()
        .map(|((month, price), (amount, count))| Revenue {
            month,
            price,
            amount: (amount * 100.0).round() / 100.0,
            count,
        })
        .collect();
    out.sort_by(|a, b| b.month.cmp(&a.month).then_with(|| a.price.cmp(&b.price)));
    out
}

/// The total of each month in `lines` (newest first).
pub fn month_totals(lines: &[Revenue]) -> Vec<(String, f64, usize)> {
    let mut by: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    for l in lines {
        let t = by.entry(&l.month).or_default();
        t.0 += l.amount;
        t.1 += l.count;
    }
    by.into_iter().rev().map(|(m, (a, c))| (m.to_owned(), (a * 100.0).round() / 100.0, c)).collect()
}
