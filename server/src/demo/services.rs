//! The demo's paid services and key custody (issue 25), so `/services`, `/keys`, the
//! receipt and the revenue by month have content from the first minute. Deterministic:
//! which units get what follows from their index in the area, times from `now`.
//!
//! The site's price list of ten services; in every area paid-service requests (routed to
//! engineering; not when an exact request count was asked for) with their orders in each stage — awaiting consent, signed, done and
//! unpaid, paid this month and in each of the two months before, waived — and keys in
//! custody: one in the cabinet after an earlier sign-out came back, one out and not due,
//! one given back to its owner; in the first area one more out past its due time.

use super::demo_id;
use super::patrol::Record;
use super::request_records::area_code;
use super::staff::{Staff, DEPARTMENTS};
use serde_json::json;
use shared::calendar::civil_from_days;
use shared::names::{field, kind};
use shared::request::classifier::DepartmentCode;
use shared::request::number::format;
use shared::service::{order_id, PayMethod, PayState, PriceUnit};
use shared::{RecordId, Role};

const H: i64 = 3_600_000;
const DAY: i64 = 24 * H;
const CHINA_MS: i64 = 8 * H;
/// The demo's signature: a short stroke, as the pad stores one.
const SIGNED: &str = "M40 120L80 60L120 130L170 70L220 120L300 90";

/// The price list: Chinese, English, unit, price.
pub const PRICES: [(&str, &str, PriceUnit, f64); 10] = [
    ("家政保洁", "Home cleaning", PriceUnit::Hour, 50.0),
    ("开荒保洁", "Post-renovation cleaning", PriceUnit::SquareMetre, 8.0),
    ("家电维修（上门费）", "Appliance repair (call-out)", PriceUnit::Visit, 60.0),
    ("空调清洗", "Air-conditioner cleaning", PriceUnit::Item, 120.0),
    ("搬运协助", "Moving help", PriceUnit::Hour, 80.0),
    ("管道疏通", "Drain unblocking", PriceUnit::Visit, 100.0),
    ("灯具安装", "Light fitting", PriceUnit::Item, 30.0),
    ("晾衣架安装", "Clothes rack fitting", PriceUnit::Set, 80.0),
    ("地板打蜡", "Floor waxing", PriceUnit::SquareMetre, 6.0),
    ("代收代送快递", "Parcel delivery to the door", PriceUnit::Item, 5.0),
];

/// The demo's orders per area: (stage, days ago made, price item, quantity).
const ORDERS: [(&str, i64, usize, f64); 7] = [
    ("quoted", 1, 0, 3.0),
    ("consented", 2, 3, 2.0),
    ("done", 4, 5, 1.0),
    ("paid", 6, 4, 2.0),
    ("paid", 35, 1, 90.0),
    ("paid", 64, 6, 4.0),
    ("waived", 10, 9, 2.0),
];

/// The paid-service requests the default demo adds in each area (one per order).
pub const PAID_SERVICE_REQUESTS_PER_AREA: usize = ORDERS.len();

/// How many requests [`records`] writes (numbers to take from the site's counter): none
/// when the demo was asked for an exact number of requests (`plan.history`).
pub fn request_count(plan: &super::Plan) -> usize {
    if plan.history {
        0
    } else {
        plan.areas * ORDERS.len()
    }
}

/// The id of price item `i`.
pub fn price_id(i: usize) -> RecordId {
    demo_id(&format!("service-price-{i}"))
}

/// The price list, the paid-service requests and orders, and the keys, at `now`; the
/// requests numbered from `first` on the site's counter.
pub fn records(plan: &super::Plan, now: i64, first: u64) -> Vec<Record> {
    let mut out: Vec<Record> = PRICES
        .iter()
        .enumerate()
        .map(|(i, (zh, en, unit, price))| {
            let fields = vec![
                (field::NAME_ZH, json!(zh)),
                (field::NAME_EN, json!(en)),
                (field::PRICE_UNIT, json!(unit.as_str())),
                (field::PRICE, json!(price)),
                (field::ACTIVE, json!(true)),
                (field::SORT, json!(i as i64 * 10)),
            ];
            (kind::SERVICE_PRICE, price_id(i), fields)
        })
        .collect();
    let mut n = first;
    for area in 0..plan.areas {
        let homes = households(plan, area);
        if homes.is_empty() {
            continue;
        }
        let butler = butler_of(&plan.staff, area);
        // An exact request count asked for is exactly what is written.
        for (i, order) in ORDERS.iter().enumerate().filter(|_| !plan.history) {
            let (unit, person) = homes[(i * 5 + 2) % homes.len()];
            let at = (area, i);
            out.extend(paid_service(plan, at, (unit, person), &butler, *order, now, n));
            n += 1;
        }
        out.extend(keys(plan, area, &homes, &butler, now));
    }
    out
}

/// The area's units with someone tied to them, and the first person tied.
fn households(plan: &super::Plan, area: usize) -> Vec<(usize, usize)> {
    let mut seen = vec![false; plan.units.len()];
    let mut out = Vec::new();
    for l in &plan.register.links {
        if plan.units[l.unit].area == area && !seen[l.unit] {
            seen[l.unit] = true;
            out.push((l.unit, l.person));
        }
    }
    out
}

fn butler_of(staff: &[Staff], area: usize) -> RecordId {
    let i = staff.iter().position(|s| s.role == Role::Butler && s.area == Some(area));
    demo_id(&format!("staff-{}", i.unwrap_or(0)))
}

/// A paid-service request (routed to engineering) and its order at `stage`.
fn paid_service(
    plan: &super::Plan,
    (area, i): (usize, usize),
    (unit, person): (usize, usize),
    butler: &RecordId,
    (stage, days, item, qty): (&str, i64, usize, f64),
    now: i64,
    number: u64,
) -> Vec<Record> {
    let made = now - days * DAY - 2 * H;
    let day = (made + CHINA_MS).div_euclid(DAY);
    let rid = demo_id(&format!("service-request-{area}-{i}"));
    let engineering = DEPARTMENTS.iter().position(|(_, c)| *c == DepartmentCode::Engineering);
    let who = &plan.register.people[person];
    let (_, en, _, price) = PRICES[item];
    let settled = matches!(stage, "paid" | "waived");
    let request = vec![
        (field::UNIT, json!(plan.units[unit].id)),
        (field::NUMBER, json!(format(&area_code(area), civil_from_days(day), number))),
        (field::CATEGORY, json!("paid_service")),
        (field::SOURCE, json!("phone")),
        (field::URGENCY, json!("normal")),
        (field::STATUS, json!(if settled || stage == "done" { "done" } else { "in_progress" })),
        (field::DESCRIPTION, json!(format!("有偿服务：{}", PRICES[item].0))),
        (field::CONTACT_NAME, json!(who.name)),
        (field::CONTACT_PHONE, json!(who.phone)),
        (field::DEPARTMENT, json!(engineering.map(|d| demo_id(&format!("department-{d}"))))),
        (field::CREATED_BY, json!(butler)),
        (field::CREATED_AT, json!(made)),
    ];
    let mut order = vec![
        (field::REQUEST, json!(rid)),
        (field::SERVICE_PRICE, json!(price_id(item))),
        (field::QUANTITY, json!(qty)),
        (field::QUOTE, json!((price * qty * 100.0).round() / 100.0)),
        (field::PAY_STATE, json!(PayState::Unpaid.as_str())),
        (field::NOTE, json!(format!("demo: {en}"))),
        (field::CREATED_AT, json!(made + H / 2)),
        (field::CREATED_BY, json!(butler)),
    ];
    if stage != "quoted" {
        order.push((field::SIGNATURE, json!(SIGNED)));
        order.push((field::CONSENT_AT, json!(made + H)));
    }
    if !matches!(stage, "quoted" | "consented") {
        order.push((field::DONE_AT, json!(made + 5 * H)));
    }
    if stage == "paid" {
        let method = PayMethod::ALL[(number as usize) % PayMethod::ALL.len()];
        order[4] = (field::PAY_STATE, json!(PayState::Paid.as_str()));
        order.push((field::METHOD, json!(method.as_str())));
        order.push((field::PAID_AMOUNT, json!((price * qty * 100.0).round() / 100.0)));
        order.push((field::PAID_AT, json!(made + 6 * H)));
    } else if stage == "waived" {
        order[4] = (field::PAY_STATE, json!(PayState::Waived.as_str()));
    }
    vec![(kind::REQUEST, rid.clone(), request), (kind::SERVICE_ORDER, order_id(&rid), order)]
}

/// The area's keys: in custody after a return, out, given back; one overdue in area 0.
fn keys(
    plan: &super::Plan,
    area: usize,
    homes: &[(usize, usize)],
    butler: &RecordId,
    now: i64,
) -> Vec<Record> {
    let states: &[&str] =
        if area == 0 { &["in", "out", "ended", "overdue"] } else { &["in", "out", "ended"] };
    let mut out = Vec::new();
    for (i, state) in states.iter().enumerate() {
        let (unit, person) = homes[(i * 7 + 4) % homes.len()];
        let id = demo_id(&format!("key-deposit-{area}-{i}"));
        let mut fields = vec![
            (field::UNIT, json!(plan.units[unit].id)),
            (field::PERSON, json!(plan.register.people[person].id)),
            (field::SIGNATURE, json!(SIGNED)),
            (field::KEY_COUNT, json!(1 + i as i64 % 3)),
            (field::TAG, json!(format!("{}-{:02}", area_code(area), i + 1))),
            (field::DEPOSITED_AT, json!(now - (30 + i as i64) * DAY)),
            (field::NOTE, json!("业主外出期间委托管理处保管")),
            (field::BY, json!(butler)),
        ];
        if *state == "ended" {
            fields.push((field::ENDED_AT, json!(now - 2 * DAY)));
        }
        out.push((kind::KEY_DEPOSIT, id.clone(), fields));
        let (out_at, due, back) = match *state {
            "in" => (now - 3 * DAY, now - 3 * DAY + 4 * H, Some(now - 3 * DAY + 2 * H)),
            "out" => (now - H, now + 3 * H, None),
            "overdue" => (now - 7 * H, now - 3 * H, None),
            _ => continue,
        };
        let mut m = vec![
            (field::KEY_DEPOSIT, json!(id)),
            (field::HOLDER, json!(["维修工 王师傅", "保洁员 张阿姨", "水电工 李师傅"][i % 3])),
            (field::PURPOSE, json!(["入户维修水管", "入户保洁", "检查电表"][i % 3])),
            (field::OUT_AT, json!(out_at)),
            (field::DUE_AT, json!(due)),
            (field::SIGNATURE, json!(SIGNED)),
            (field::BY, json!(butler)),
        ];
        if let Some(b) = back {
            m.push((field::RETURNED_AT, json!(b)));
            m.push((field::RETURN_SIGNATURE, json!(SIGNED)));
        }
        out.push((kind::KEY_MOVEMENT, demo_id(&format!("key-movement-{area}-{i}")), m));
    }
    out
}

#[cfg(test)]
#[path = "services_tests.rs"]
mod tests;
