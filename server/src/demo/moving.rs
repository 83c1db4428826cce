//! The demo's moving (issue 25): in every area, lift bookings of the area's first building
//! — tomorrow's (a move-in and a move-out), one cancelled, and one three days ago — the
//! release passes of the move-out (issued) and of the past move (used at the gate by
//! security), a move-in check of the area's latest link and a move-out check of a tenant
//! who left. Deterministic: which units follow from their index in the area, times from
//! `now`; a booking's id is its slot's (`shared::moving::booking_id`).

use super::demo_id;
use super::patrol::Record;
use super::staff::DEPARTMENTS;
use serde_json::json;
use shared::moving::{booking_id, BookingStatus, MoveType, PassStatus};
use shared::names::{field, kind};
use shared::report::period::{local_date, DAY_MS};
use shared::request::classifier::DepartmentCode;
use shared::{RecordId, Role};

/// The site's local day `days` from `now`, `YYYY-MM-DD`.
fn day(now: i64, days: i64) -> String {
    let (y, m, d) = local_date(now + days * DAY_MS, shared::moving::SITE_OFFSET_MIN);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The bookings, passes and move checks of the plan's areas at `now`.
pub fn records(plan: &super::Plan, now: i64) -> Vec<Record> {
    let sec = DEPARTMENTS.iter().position(|(_, c)| *c == DepartmentCode::Security).unwrap_or(0);
    let security = demo_id(&format!("department-{sec}"));
    let guard = plan.staff.iter().position(|s| s.department == Some(sec));
    let guard = demo_id(&format!("staff-{}", guard.unwrap_or(0)));
    let mut out = Vec::new();
    for area in 0..plan.areas {
        let butler = plan.staff.iter().position(|s| s.role == Role::Butler && s.area == Some(area));
        let butler = demo_id(&format!("staff-{}", butler.unwrap_or(0)));
        let Some(bi) = plan.buildings.iter().position(|b| b.area == area) else { continue };
        let building = &plan.buildings[bi];
        let units: Vec<&RecordId> =
            plan.units.iter().filter(|u| u.building == bi).map(|u| &u.id).collect();
        if units.len() < 4 {
            continue;
        }
        let bookings = [
            (1, 540, units[0], MoveType::MoveIn, "双人床、衣柜、纸箱20个", BookingStatus::Booked),
            (1, 780, units[1], MoveType::MoveOut, "沙发、冰箱、洗衣机", BookingStatus::Booked),
            (2, 1140, units[2], MoveType::MoveIn, "钢琴", BookingStatus::Cancelled),
            (-3, 660, units[3], MoveType::MoveOut, "家具一批", BookingStatus::Booked),
        ];
        let mut ids = Vec::new();
        for (days, slot, unit, direction, goods, status) in bookings {
            let d = day(now, days);
            let id = booking_id(building.id.as_str(), &d, slot);
            ids.push(id.clone());
            out.push((
                kind::MOVING_BOOKING,
                id,
                vec![
                    (field::BUILDING, json!(building.id)),
                    (field::DAY, json!(d)),
                    (field::SLOT, json!(slot)),
                    (field::UNIT, json!(unit)),
                    (field::DIRECTION, json!(direction)),
                    (field::GOODS, json!(goods)),
                    (field::STATUS, json!(status)),
                    (field::CREATED_AT, json!(now - (5 - days.min(4)) * DAY_MS)),
                    (field::CREATED_BY, json!(butler)),
                ],
            ));
        }
        // Tomorrow's move-out's pass, a past one used at the gate, and today's pass for old
        // furniture carried out with no lift booking (security's day lists it).
        let passes = [
            (Some(&ids[1]), units[1], 1, false, bookings[1].4),
            (Some(&ids[3]), units[3], -3, true, bookings[3].4),
            (None, units[2], 0, false, "旧家具清运（沙发一组）"),
        ];
        for (i, (booking, unit, days, used, goods)) in passes.into_iter().enumerate() {
            let mut fields = vec![
                (field::UNIT, json!(unit)),
                (field::GOODS, json!(goods)),
                (field::BEARER, json!(["李师傅", "张师傅", "王师傅"][i])),
                (field::BEARER_PHONE, json!(format!("1391234{area:02}{i}0"))),
                (field::PLATE, json!(format!("沪A{:05}", 12_000 + area * 10 + i))),
                (field::VALID_DAY, json!(day(now, days))),
                (field::DEPARTMENT, json!(security)),
                (field::CREATED_AT, json!(now - 4 * DAY_MS)),
                (field::CREATED_BY, json!(butler)),
                (field::STATUS, json!(if used { PassStatus::Used } else { PassStatus::Issued })),
            ];
            if let Some(b) = booking {
                fields.push((field::BOOKING, json!(b)));
            }
            if used {
                fields.push((field::USED_AT, json!(now + days * DAY_MS - 2 * 3_600_000)));
                fields.push((field::USED_BY, json!(guard)));
            }
            out.push((kind::RELEASE_PASS, demo_id(&format!("pass-{area}-{i}")), fields));
        }
        out.extend(checks(plan, area, &butler, now));
    }
    out
}

/// A move-in check of the area's latest live link and a move-out check of a link that ended.
fn checks(plan: &super::Plan, area: usize, butler: &RecordId, now: i64) -> Vec<Record> {
    let links: Vec<_> =
        plan.register.links.iter().filter(|l| plan.units[l.unit].area == area).collect();
    let moved_in = links.iter().filter(|l| l.to.is_none()).max_by_key(|l| l.from);
    let moved_out = links.iter().find(|l| l.to.is_some());
    let mut out = Vec::new();
    for (ty, link) in [(MoveType::MoveIn, moved_in), (MoveType::MoveOut, moved_out)] {
        let Some(l) = link else { continue };
        let at = l.to.unwrap_or(l.from).min(now as u64);
        let mut fields = vec![
            (field::UNIT, json!(plan.units[l.unit].id)),
            (field::TYPE, json!(ty)),
            (field::PERSON, json!(plan.register.people[l.person].id)),
            (field::LINK, json!(l.id)),
            (field::DOCUMENTS_CHECKED, json!(true)),
            (field::KEYS, json!(3)),
            (field::WATER_READING, json!(120.5 + area as f64)),
            (field::ELECTRICITY_READING, json!(3_456.0 + area as f64)),
            (field::GAS_READING, json!(88.0)),
            (field::AT, json!(at)),
            (field::BY, json!(butler)),
        ];
        match ty {
            MoveType::MoveIn => {
                fields.push((field::RESIDENT_CARD, json!(format!("ZH-{area:02}-{:04}", l.unit))))
            }
            MoveType::MoveOut => {
                fields.push((field::ARREARS_CHECKED, json!(true)));
                fields.push((field::ARREARS_OWED, json!(0)));
            }
        }
        out.push((
            kind::MOVE_CHECK,
            demo_id(&format!("move-check-{area}-{}", ty.as_str())),
            fields,
        ));
    }
    out
}

#[cfg(test)]
#[path = "moving_tests.rs"]
mod tests;
