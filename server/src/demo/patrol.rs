//! The demo's past patrol rounds (DOMAIN duty 4), so the coverage view has data from the
//! first minute: one round a day in every area for the last [`DAYS`] days, by the area's
//! first butler with the default template, each covering about a third of the area's
//! buildings in turn (three items of the common areas, all passed). The last building of
//! every area is left out after its first patrol, so it is red (past the 5-day cycle);
//! today's round is the butler's to make.

use super::compound::Building;
use super::demo_id;
use super::staff::Staff;
use serde_json::{json, Value};
use shared::names::field;
use shared::patrol::template::{default_id, PATROL_TEMPLATE};
use shared::patrol::{answer_id, ANSWER, ROUND};
use shared::{RecordId, Role};

/// Days of past rounds.
pub const DAYS: i64 = 10;
const DAY_MS: i64 = shared::patrol::coverage::DAY_MS;
/// The default items each demo answer covers: lights, cleanliness, fire exits.
const ITEMS: [u32; 3] = [100, 101, 102];

/// One record to write: `(kind, id, fields)`.
pub type Record = (&'static str, RecordId, Vec<(&'static str, Value)>);

/// The rounds and answers of `areas` areas over the last [`DAYS`] days before `now`.
pub fn records(areas: usize, buildings: &[Building], staff: &[Staff], now: i64) -> Vec<Record> {
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
            let round = demo_id(&format!("patrol-{a}-{d}"));
            out.push((
                ROUND,
                round.clone(),
                vec![
                    (field::TEMPLATE, json!(default_id(PATROL_TEMPLATE))),
                    (field::VERSION, json!(1)),
                    (field::AREA, json!(demo_id(&format!("area-{a}")))),
                    (field::BY, json!(by)),
                    (field::STARTED_AT, json!(started)),
                    (field::ENDED_AT, json!(started + 3_600_000)),
                ],
            ));
            let last = mine.len().saturating_sub(1);
            for (i, b) in mine.iter().enumerate() {
                let turn = (i as i64 + d) % 3 == 0;
                let neglected = i == last && mine.len() > 1 && d < DAYS;
                if !turn || neglected {
                    continue;
                }
                for n in ITEMS {
                    let item = default_id(n);
                    let id = answer_id(&round, &item, Some(&b.id), None);
                    out.push((
                        ANSWER,
                        id,
                        vec![
                            (field::ROUND, json!(round)),
                            (field::ITEM, json!(item)),
                            (field::BUILDING, json!(b.id)),
                            (field::RESULT, json!("pass")),
                            (field::AT, json!(started + 600_000 * (i as i64 % 6))),
                            (field::BY, json!(by)),
                        ],
                    ));
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
        let recs = records(plan.areas, &plan.buildings, &plan.staff, now);
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
