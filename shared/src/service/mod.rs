//! Paid services (有偿服务, DOMAIN duty 8; 002 §4.9): the site's price list
//! (《服务项目收费标准》, `service_price`), and an order (《业主服务收费单》, `service_order`)
//! on a request of category `paid_service`: what is charged, the resident's signed consent,
//! the work done and the payment. The month's paid orders are the 《服务项目汇总表》 finance
//! receives ([`revenue`]).
//!
//! Laws (tested below), kept by the judge (`push_rules::record`) and asked by the app
//! before it offers a control:
//! - the quote is price × quantity, rounded to the cent, unless the order states its own;
//! - nothing is paid or waived before the resident has signed their consent;
//! - a paid order names its method, a paid amount above zero and when it was paid;
//! - an order's receipt number is its request's number after `SF-`, so a receipt printed
//!   twice, or on two devices, carries one number.

use crate::fields::Fields;
use crate::ids::RecordId;
use crate::names::field;
use crate::wire_enum::wire_enum;

pub mod revenue;
pub use revenue::{month_of, month_totals, revenue, Revenue};

wire_enum!(
    /// What a price is charged per (the price list's unit label).
    PriceUnit {
        /// 每小时
        Hour = "hour",
        /// 每件 / 每台
        Item = "item",
        /// 每次
        Visit = "visit",
        /// 每平方米
        SquareMetre = "sqm",
        /// 每套
        Set = "set",
    }
);

wire_enum!(
    /// Where an order's payment stands.
    PayState {
        /// 未收费
        Unpaid = "unpaid",
        /// 已收费
        Paid = "paid",
        /// 免收 (the manager waived it)
        Waived = "waived",
    }
);

wire_enum!(
    /// How a paid service was paid.
    PayMethod {
        /// 现金
        Cash = "cash",
        /// 微信
        Wechat = "wechat",
        /// 支付宝
        Alipay = "alipay",
        /// 刷卡
        Card = "card",
        /// 计入月度账单
        MonthlyBill = "monthly_bill",
    }
);

/// The namespace of order ids ([`order_id`]).
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x3c1d_77a0_5e42_4b19_9a06_d8e5_21f4_c0b7);

/// The id of the order of `request`: one order per request, so two devices making it
/// offline (or one retrying) write the same record.
pub fn order_id(request: &RecordId) -> RecordId {
    RecordId::derived(&NAMESPACE, &[request.as_str()])
}

/// Price × quantity, rounded to the cent (`None` for a negative or non-finite input).
pub fn quote(price: f64, quantity: f64) -> Option<f64> {
    let q = price * quantity;
    (q.is_finite() && price >= 0.0 && quantity >= 0.0).then(|| (q * 100.0).round() / 100.0)
}

/// What an order charges: its own `quote` when stated (an override), else the price of
/// its item × its quantity.
pub fn amount(order: &Fields, price: Option<f64>) -> Option<f64> {
    order.number(field::QUOTE).or_else(|| quote(price?, order.number(field::QUANTITY)?))
}

/// Whether the resident has signed their consent: a signature and when.
pub fn consented(order: &Fields) -> bool {
    order.text(field::SIGNATURE).is_some() && order.int(field::CONSENT_AT).is_some()
}

/// Why an order as it stands breaks a payment rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// Paid or waived (or a payment recorded) before the resident signed.
    ConsentMissing,
    /// Paid without its method, a paid amount above zero or its time.
    PaymentIncomplete,
}

impl Blocker {
    /// What the server says (the app words it from the refusal's code).
    pub fn message(self) -> &'static str {
        match self {
            Blocker::ConsentMissing => {
                "a service is paid or waived only after the resident's consent"
            }
            Blocker::PaymentIncomplete => "a paid service names its method, amount and time",
        }
    }
}

/// The order's payment state (`unpaid` when unset).
pub fn pay_state(order: &Fields) -> PayState {
    order.parsed(field::PAY_STATE, PayState::parse).unwrap_or(PayState::Unpaid)
}

/// Whether `role` may waive a paid service's charge (免收): the manager's decision, so the
/// office's and supervisors' only. The judge refuses a waiver from anyone else, and the
/// order page offers the button to these roles only.
pub fn may_waive(role: crate::role::Role) -> bool {
    role.is_office()
}

/// The first payment rule `order` breaks, if any.
pub fn payment_blocker(order: &Fields) -> Option<Blocker> {
    let state = pay_state(order);
    let recorded =
        order.int(field::PAID_AT).is_some() || order.number(field::PAID_AMOUNT).is_some();
    if (state != PayState::Unpaid || recorded) && !consented(order) {
        return Some(Blocker::ConsentMissing);
    }
    let complete = order.parsed(field::METHOD, PayMethod::parse).is_some()
        && order.number(field::PAID_AMOUNT).is_some_and(|a| a > 0.0)
        && order.int(field::PAID_AT).is_some();
    (state == PayState::Paid && !complete).then_some(Blocker::PaymentIncomplete)
}

/// Where an order stands, in the order the work goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Quoted, waiting for the resident's signature.
    Quoted,
    /// Signed for, the work not done yet.
    Consented,
    /// Work done, not paid.
    Done,
    Paid,
    Waived,
}

impl Stage {
    pub const ALL: [Stage; 5] =
        [Stage::Quoted, Stage::Consented, Stage::Done, Stage::Paid, Stage::Waived];

    /// The stage's name on the wire and in DOM attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Quoted => "quoted",
            Stage::Consented => "consented",
            Stage::Done => "done",
            Stage::Paid => "paid",
            Stage::Waived => "waived",
        }
    }
}

/// Where `order` stands.
pub fn stage(order: &Fields) -> Stage {
    match pay_state(order) {
        PayState::Paid => Stage::Paid,
        PayState::Waived => Stage::Waived,
        PayState::Unpaid if order.int(field::DONE_AT).is_some() => Stage::Done,
        PayState::Unpaid if consented(order) => Stage::Consented,
        PayState::Unpaid => Stage::Quoted,
    }
}

/// The receipt number of an order on the request numbered `request_number`.
pub fn receipt_no(request_number: &str) -> String {
    format!("SF-{}", request_number.trim())
}

#[cfg(test)]
mod tests;
