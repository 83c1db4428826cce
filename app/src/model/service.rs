//! Paid services (有偿服务): the price list, the orders with where each stands, and the
//! revenue by month, read from the replica; `service_form.rs` turns the order page's
//! controls into edits. The rules are `shared::service`'s, the ones the judge keeps.

use shared::fields::Fields;
use shared::names::{field, kind};
use shared::service::{self, PayMethod, PayState, PriceUnit, Stage};
use shared::{Kind, RecordId, ReplicaState};
use std::collections::HashMap;

/// One item of the price list.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceView {
    pub id: RecordId,
    pub name_zh: String,
    pub name_en: String,
    pub unit: Option<PriceUnit>,
    pub price: f64,
    pub active: bool,
    pub sort: i64,
}

impl PriceView {
    /// The item's name in `en` or Chinese (the other when one is blank).
    pub fn name(&self, en: bool) -> &str {
        match (en, self.name_en.is_empty(), self.name_zh.is_empty()) {
            (true, false, _) | (false, _, true) => &self.name_en,
            _ => &self.name_zh,
        }
    }
}

/// The live price list, by `sort` then Chinese name.
pub fn prices(state: &ReplicaState) -> Vec<PriceView> {
    let mut out: Vec<PriceView> = state
        .records_of(kind::SERVICE_PRICE)
        .filter(|(_, f)| !f.is_deleted())
        .map(|(id, f)| PriceView {
            id: id.clone(),
            name_zh: f.string(field::NAME_ZH),
            name_en: f.string(field::NAME_EN),
            unit: f.parsed(field::PRICE_UNIT, PriceUnit::parse),
            price: f.number(field::PRICE).unwrap_or(0.0),
            active: f.flag(field::ACTIVE).unwrap_or(true),
            sort: f.int(field::SORT).unwrap_or(0),
        })
        .collect();
    out.sort_by(|a, b| a.sort.cmp(&b.sort).then_with(|| a.name_zh.cmp(&b.name_zh)));
    out
}

/// One order as the pages show it.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderRow {
    pub id: RecordId,
    pub request: RecordId,
    /// The request's number ("A2-261127-0457"); the receipt number derives from it.
    pub number: String,
    pub area: Option<RecordId>,
    /// Building and unit ("3栋 1203"), or the request's place.
    pub place: String,
    pub contact: String,
    pub price: Option<RecordId>,
    pub quantity: Option<f64>,
    /// What it charges: the quote, else price × quantity.
    pub amount: Option<f64>,
    pub stage: Stage,
    pub method: Option<PayMethod>,
    pub paid_amount: Option<f64>,
    pub paid_at: Option<i64>,
    pub consent_at: Option<i64>,
    pub done_at: Option<i64>,
    pub created_at: Option<i64>,
    pub signature: String,
    pub note: String,
}

impl OrderRow {
    pub fn receipt_no(&self) -> String {
        service::receipt_no(&self.number)
    }
}

/// The building and number of `unit` ("3栋 1203"), and its building's area.
pub fn unit_place(state: &ReplicaState, unit: &RecordId) -> (Option<RecordId>, String) {
    let Some(u) = state.record(&Kind::new(kind::UNIT), unit) else { return (None, String::new()) };
    let building = u.reference(field::BUILDING);
    let b = building.as_ref().and_then(|b| state.record(&Kind::new(kind::BUILDING), b));
    let name = b.map(|b| b.string(field::NAME)).unwrap_or_default();
    let text = format!("{name} {}", u.string(field::NUMBER)).trim().to_owned();
    (b.and_then(|b| b.reference(field::AREA)), text)
}

fn row(
    state: &ReplicaState,
    prices: &HashMap<RecordId, f64>,
    id: &RecordId,
    f: &Fields,
) -> Option<OrderRow> {
    if f.is_deleted() {
        return None;
    }
    let request = f.reference(field::REQUEST)?;
    let r = state.record(&Kind::new(kind::REQUEST), &request);
    let text = |n: &str| r.map(|r| r.string(n)).unwrap_or_default();
    let (unit_area, place) = match r.and_then(|r| r.reference(field::UNIT)) {
        Some(u) => unit_place(state, &u),
        None => (None, text(field::COMMON_PLACE)),
    };
    let price = f.reference(field::SERVICE_PRICE);
    Some(OrderRow {
        id: id.clone(),
        number: text(field::NUMBER),
        area: unit_area.or_else(|| r.and_then(|r| r.reference(field::AREA))),
        place,
        contact: text(field::CONTACT_NAME),
        quantity: f.number(field::QUANTITY),
        amount: service::amount(f, price.as_ref().and_then(|p| prices.get(p).copied())),
        price,
        stage: service::stage(f),
        method: f.parsed(field::METHOD, PayMethod::parse),
        paid_amount: f.number(field::PAID_AMOUNT),
        paid_at: f.int(field::PAID_AT),
        consent_at: f.int(field::CONSENT_AT),
        done_at: f.int(field::DONE_AT),
        created_at: f.int(field::CREATED_AT),
        signature: f.string(field::SIGNATURE),
        note: f.string(field::NOTE),
        request,
    })
}

fn price_map(state: &ReplicaState) -> HashMap<RecordId, f64> {
    prices(state).into_iter().map(|p| (p.id, p.price)).collect()
}

/// Every live order, newest first.
pub fn orders(state: &ReplicaState) -> Vec<OrderRow> {
    let prices = price_map(state);
    let mut out: Vec<OrderRow> = state
        .records_of(kind::SERVICE_ORDER)
        .filter_map(|(id, f)| row(state, &prices, id, f))
        .collect();
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.id.cmp(&a.id)));
    out
}

/// The order `id`, if held and live.
pub fn order(state: &ReplicaState, id: &RecordId) -> Option<OrderRow> {
    let f = state.record(&Kind::new(kind::SERVICE_ORDER), id)?;
    row(state, &price_map(state), id, f)
}

/// The order of `request`, if one was made (its id is derived from the request).
pub fn order_of(state: &ReplicaState, request: &RecordId) -> Option<OrderRow> {
    order(state, &service::order_id(request))
}

/// One line of the revenue table: a month's takings of one service, named.
#[derive(Debug, Clone, PartialEq)]
pub struct RevenueLine {
    pub month: String,
    pub name_zh: String,
    pub name_en: String,
    pub amount: f64,
    pub count: usize,
}

/// The revenue by month (newest first) and service, of the orders `area` holds (`None`:
/// all held).
pub fn revenue_lines(
    state: &ReplicaState,
    area: Option<&RecordId>,
    offset_min: i64,
) -> Vec<RevenueLine> {
    let names: HashMap<RecordId, PriceView> =
        prices(state).into_iter().map(|p| (p.id.clone(), p)).collect();
    let kept: Vec<&Fields> = orders(state)
        .iter()
        .filter(|o| area.is_none() || o.area.as_ref() == area)
        .filter_map(|o| state.record(&Kind::new(kind::SERVICE_ORDER), &o.id))
        .collect();
    service::revenue(kept, offset_min)
        .into_iter()
        .map(|r| {
            let p = r.price.as_ref().and_then(|p| names.get(p));
            RevenueLine {
                month: r.month,
                name_zh: p.map(|p| p.name_zh.clone()).unwrap_or_default(),
                name_en: p.map(|p| p.name(true).to_owned()).unwrap_or_default(),
                amount: r.amount,
                count: r.count,
            }
        })
        .collect()
}

/// The orders paid in `month` (`YYYY-MM`, local): the 服务项目汇总表's rows.
pub fn paid_in(rows: &[OrderRow], month: &str, offset_min: i64) -> Vec<OrderRow> {
    rows.iter()
        .filter(|o| o.stage == Stage::Paid)
        .filter(|o| o.paid_at.is_some_and(|at| service::month_of(at, offset_min) == month))
        .cloned()
        .collect()
}

/// Whether an order is waiting on the office: not paid or waived yet.
pub fn open(o: &OrderRow) -> bool {
    !matches!(o.stage, Stage::Paid | Stage::Waived)
}

/// `PayState` of a stage (for the payment select).
pub fn pay_state_of(stage: Stage) -> PayState {
    match stage {
        Stage::Paid => PayState::Paid,
        Stage::Waived => PayState::Waived,
        _ => PayState::Unpaid,
    }
}

/// The month's summary (服务项目汇总表) as an XLSX: `headers`, then `rows` as the page shows
/// them.
pub fn workbook(sheet: &str, headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    super::xlsx::table(sheet, headers, rows)
}

/// Each month's total of `lines` (newest first): month, amount, orders.
pub fn month_totals(lines: &[RevenueLine]) -> Vec<(String, f64, usize)> {
    let mut by: std::collections::BTreeMap<&str, (f64, usize)> = std::collections::BTreeMap::new();
    for l in lines {
        let t = by.entry(&l.month).or_default();
        t.0 += l.amount;
        t.1 += l.count;
    }
    by.into_iter().rev().map(|(m, (a, c))| (m.to_owned(), (a * 100.0).round() / 100.0, c)).collect()
}
