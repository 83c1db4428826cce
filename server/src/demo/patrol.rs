//! The demo's past patrol rounds (DOMAIN duty 4), so the coverage view has data from the
//! first minute: one round a day in every area for the last [`DAYS`] days, by the area's
//! first butler with the default template, each covering about a third of the area's
//! buildings in turn (three items of the common areas, all passed). The last building of
//! every area is left out after its first patrol, so it is red (past the 5-day cycle);
//! today's round is the butler's to make.
//!
//! Before that, back to [`HISTORY_DAYS`], a full round a day (one item per building) — but
//! in a slack month ([`super::months`]) some days are skipped or cut short — and the
//! supervisor's quality checks: two a working day, one on some days of a short month.

use super::compound::Building;
use super::demo_id;
use super::months::day_mood;
use super::requests::HISTORY_DAYS;
use super::staff::Staff;
use serde_json::{json, Value};
use shared::names::field;
use shared::patrol::template::{default_id, PATROL_TEMPLATE, QUALITY_TEMPLATE};
use shared::patrol::{answer_id, ANSWER, ROUND};
use shared::report::period::{day_start, is_working_day};
use shared::{RecordId, Role};

/// Days of past rounds.
pub const DAYS: i64 = 10;
const DAY_MS: i64 = shared::patrol::coverage::DAY_MS;
const HOUR_MS: i64 = 3_600_000;
/// The default items each demo answer covers: lights, cleanliness, fire exits.
const ITEMS: [u32; 3] = [100, 101, 102];

/// One record to write: `(kind, id, fields)`.
pub type Record = (&'static str, RecordId, Vec<(&'static str, Value)>);

/// The site's zone, minutes ahead of UTC (China): what a working day is cut by.
const CHINA_MIN: i64 = 480;

/// The rounds and answers of the plan's areas over the last [`DAYS`] days before `now`,
/// then, when the plan has a year of history, the year's full rounds and quality checks
/// before them.
pub fn records(plan: &super::Plan, now: i64) -> Vec<Record> {
    let (areas, buildings, staff) = (plan.areas, &plan.buildings[..], &plan.staff[..]);
    let mut out = recent(areas, buildings, staff, now);
    if plan.history {
        out.extend(history(areas, buildings, staff, now));
    }
    out
}

/// A round's record: `purpose`'s template, its area, who, from `started` for an hour.
fn round(id: &RecordId, quality: bool, area: usize, by: &RecordId, started: i64) -> Record {
    let template = default_id(if quality { QUALITY_TEMPLATE } else { PATROL_TEMPLATE });
    let mut fields = vec![
        (field::TEMPLATE, json!(template)),
        (field::VERSION, json!(1)),
        (field::AREA, json!(demo_id(&format!("area-{area}")))),
        (field::BY, json!(by)),
        (field::STARTED_AT, json!(started)),
        (field::ENDED_AT, json!(started + HOUR_MS)),
    ];
    if quality {
        fields.push((field::PURPOSE, json!("quality")));
        fields.push((field::SCORE, json!(85 + started.rem_euclid(13))));
    }
    (ROUND, id.clone(), fields)
}

/// One passed answer of `round` for item `n` in building `b` at `at`.
fn answer(round: &RecordId, n: u32, b: &Building, at: i64, by: &RecordId) -> Record {
    let item = default_id(n);
    let id = answer_id(round, &item, Some(&b.id), None);
    let fields = vec![
        (field::ROUND, json!(round)),
        (field::ITEM, json!(item)),
        (field::BUILDING, json!(b.id)),
        (field::RESULT, json!("pass")),
        (field::AT, json!(at)),
        (field::BY, json!(by)),
    ];
    (ANSWER, id, fields)
}

/// Days [`DAYS`]` + 1` to [`HISTORY_DAYS`] back: a full round a day in each area (a slack
/// month skips every fourth day and leaves the last building out every fifth), and the
/// supervisors' quality checks on every working day of the year (one on every third day of
/// a short month).
fn history(areas: usize, buildings: &[Building], staff: &[Staff], now: i64) -> Vec<Record> {
    let mut out = Vec::new();
    for a in 0..areas {
        let Some(butler) = staff.iter().position(|s| s.role == Role::Butler && s.area == Some(a))
        else {
            continue;
        };
        let by = demo_id(&format!("staff-{butler}"));
        let mine: Vec<&Building> = buildings.iter().filter(|b| b.area == a).collect();
        for d in DAYS + 1..=HISTORY_DAYS as i64 {
            let slack = day_mood(d as u64).patrol_slack;
            if slack && d % 4 == 0 {
                continue;
            }
            // 08:00 local, so the round ends the day it began.
            let started = day_start(now - d * DAY_MS, CHINA_MIN) + 8 * HOUR_MS;
            let id = demo_id(&format!("patrol-{a}-{d}"));
            out.push(round(&id, false, a, &by, started));
            let walked =
                if slack && d % 5 == 0 { mine.len().saturating_sub(1) } else { mine.len() };
            for (i, b) in mine[..walked].iter().enumerate() {
                out.push(answer(&id, ITEMS[0], b, started + 60_000 * i as i64, &by));
            }
        }
    }
    let supervisors = staff.iter().enumerate().filter(|(_, s)| s.role == Role::Supervisor);
    for (s, _) in supervisors {
        let by = demo_id(&format!("staff-{s}"));
        for d in 1..=HISTORY_DAYS as i64 {
            let day = day_start(now - d * DAY_MS, CHINA_MIN);
            if !is_working_day(day, CHINA_MIN) {
                continue;
            }
            let n = if day_mood(d as u64).checks_short && d % 3 == 0 { 1 } else { 2 };
            for k in 0..n {
                let id = demo_id(&format!("quality-{s}-{d}-{k}"));
                let area = (d as usize + k) % areas.max(1);
                out.push(round(&id, true, area, &by, day + (9 + 2 * k as i64) * HOUR_MS));
            }
        }
    }
    out
}

/// The last [`DAYS`] days' rounds (see the module).
fn recent(areas: usize, buildings: &[Building], staff: &[Staff], now: i64) -> Vec<Record> {
    let mut out = Vec::new();
    for a in 0..areas {
        let Some(butler) = staff.iter().position(|s| s.role == Role::Butler && s.area == Some(a))
        else {
            continue;
        };
        let by = demo_id(&format!("staff-{butler}"));
        let mine: Vec<&Building> = buildings.iter().filter(|b| b.area == a).collect();
        for d in 1..=DAYS {
            let started = now - d * DAY_MS;
            let id = demo_id(&format!("patrol-{a}-{d}"));
            out.push(round(&id, false, a, &by, started));
            let last = mine.len().saturating_sub(1);
            for (i, b) in mine.iter().enumerate() {
                let turn = (i as i64 + d) % 3 == 0;
                let neglected = i == last && mine.len() > 1 && d < DAYS;
                if !turn || neglected {
                    continue;
                }
                for n in ITEMS {
                    out.push(answer(&id, n, b, started + 600_000 * (i as i64 % 6), &by));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::patrol::coverage::{coverage, Spot};
    use shared::request::deadline::Settings;

    #[test]
    fn every_area_has_rounds_recent_buildings_and_an_overdue_one() {
        let plan = super::super::plan(super::super::DemoSize::default());
        let now = 400 * DAY_MS + 5 * 3_600_000;
        let recs = recent(plan.areas, &plan.buildings, &plan.staff, now);
        for a in 0..plan.areas {
            let area = demo_id(&format!("area-{a}"));
            // Each demo round walks about a third of the area: none is a full round.
            let rounds: Vec<(i64, bool)> = recs
                .iter()
                .filter(|(k, _, f)| *k == ROUND && f.contains(&("area", json!(area))))
                .map(|(_, _, f)| f.iter().find(|(n, _)| *n == "started_at").unwrap().1.as_i64())
                .map(|t| (t.unwrap(), false))
                .collect();
            assert_eq!(rounds.len(), DAYS as usize);
            let spots = plan
                .buildings
                .iter()
                .filter(|b| b.area == a)
                .map(|b| (Spot { building: b.id.clone(), floor: None }, b.number.to_string()))
                .collect();
            let answers = recs.iter().filter(|(k, _, _)| *k == ANSWER).map(|(_, _, f)| {
                let get = |n: &str| f.iter().find(|(k, _)| *k == n).unwrap().1.clone();
                let building = RecordId::from(get("building").as_str().unwrap());
                (Spot { building, floor: None }, get("at").as_i64().unwrap())
            });
            let day = now - now % DAY_MS;
            let c = coverage(spots, answers, rounds, &Settings::DEFAULT, now, day);
            let red = c.overdue();
            assert!(red >= 1 && red < c.spots.len(), "area {a}: {red} of {}", c.spots.len());
            assert!(!c.rounds_met(), "today's round is still to make");
        }
    }
}
