//! The compound's layout: areas, buildings and exactly N units. Pure: the same size and seed
//! give the same layout.
//!
//! Each area gets an equal share of the units and is filled with buildings — high-rise
//! towers (car parks below) and mid-rise blocks (some with storage rooms below), a third of
//! them with shops on the ground floor — the last building of an area sized to what is left.

use super::names::Rng;
use super::{demo_id, unit_number};
use shared::register::{UnitState, UnitType};
use shared::RecordId;

/// Area names, in the order areas are added as the compound grows.
pub const AREA_NAMES: [&str; 6] = ["东区", "西区", "南区", "北区", "中区", "湖畔区"];

/// How many areas a compound of `units` has: 3 for a small one, up to 6.
pub fn area_count(units: u32) -> usize {
    match units {
        0..=1_000 => 3,
        1_001..=5_000 => 4,
        5_001..=20_000 => 5,
        _ => 6,
    }
}

#[derive(Debug, Clone)]
pub struct Building {
    pub id: RecordId,
    pub number: u32,
    pub area: usize,
    pub entrances: u32,
    pub floors_above: u32,
    pub floors_below: u32,
    pub floor_area: f64,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: RecordId,
    /// Index into the buildings.
    pub building: usize,
    pub area: usize,
    pub floor: i64,
    pub number: String,
    pub label: String,
    pub ty: UnitType,
    pub floor_area: f64,
    pub state: UnitState,
    pub note: Option<&'static str>,
}

/// A building before its units are laid out.
struct Spec {
    tower: bool,
    entrances: u32,
    per_floor: u32,
    floors_above: u32,
    floors_below: u32,
    shops: u32,
    /// Units on each basement level: parking spaces under towers, storage rooms otherwise.
    below: [u32; 2],
    /// Apartments on the top floor (fewer than `per_floor` when the building was cut to fit).
    top_floor: u32,
}

impl Spec {
    fn random(rng: &mut Rng) -> Spec {
        let tower = rng.chance(50);
        let (entrances, per_entrance, floors_above, floors_below) = if tower {
            (rng.range(1, 2), rng.range(2, 4), rng.range(18, 33), rng.range(1, 2))
        } else {
            (rng.range(2, 4), 2, rng.range(6, 11), rng.range(0, 1))
        };
        let per_floor = entrances * per_entrance;
        let shops = if rng.chance(35) { rng.range(2, per_floor + 4) } else { 0 };
        let mut below = [0; 2];
        for level in below.iter_mut().take(floors_below as usize) {
            *level = if tower { rng.range(12, 36) } else { rng.range(per_floor, 2 * per_floor) };
        }
        Spec {
            tower,
            entrances,
            per_floor,
            floors_above,
            floors_below,
            shops,
            below,
            top_floor: per_floor,
        }
    }

    fn extras(&self) -> u32 {
        self.shops + self.below[0] + self.below[1]
    }

    fn capacity(&self) -> u32 {
        let floors = self.floors_above - u32::from(self.shops > 0);
        self.per_floor * (floors - 1) + self.top_floor + self.extras()
    }

    /// Cuts or stretches the building to exactly `n` units; shops and basement units stay
    /// only if the apartments still fill two floors.
    fn fit(&mut self, n: u32) {
        if n < self.extras() + 2 * self.per_floor {
            (self.shops, self.below) = (0, [0, 0]);
        }
        let apartments = n - self.extras();
        let floors = apartments.div_ceil(self.per_floor);
        self.floors_above = floors + u32::from(self.shops > 0);
        self.top_floor = apartments - (floors - 1) * self.per_floor;
    }
}

/// Buildings and units of a compound of `units` units in `areas` areas.
pub fn layout(rng: &mut Rng, units: u32, areas: usize) -> (Vec<Building>, Vec<Unit>) {
    let (mut buildings, mut out) = (Vec::new(), Vec::with_capacity(units as usize));
    for area in 0..areas {
        let mut left = units / areas as u32 + u32::from((area as u32) < units % areas as u32);
        while left > 0 {
            let mut spec = Spec::random(rng);
            let cap = spec.capacity();
            if left <= cap + 2 * spec.per_floor {
                spec.fit(left);
            }
            left -= spec.capacity();
            let before = out.len();
            add_building(rng, &spec, area, &mut buildings, &mut out);
            debug_assert_eq!(out.len() - before, spec.capacity() as usize);
        }
    }
    (buildings, out)
}

fn add_building(
    rng: &mut Rng,
    s: &Spec,
    area: usize,
    buildings: &mut Vec<Building>,
    out: &mut Vec<Unit>,
) {
    let index = buildings.len();
    let b = index as u32 + 1;
    let start = out.len();
    let mut unit =
        |rng: &mut Rng, floor: i64, number: String, label: String, ty: UnitType, m2: f64| {
            let (state, note) = occupancy(rng, ty);
            let id = demo_id(&format!("unit-{number}"));
            out.push(Unit {
                id,
                building: index,
                area,
                floor,
                number,
                label,
                ty,
                floor_area: m2,
                state,
                note,
            });
        };
    let (lo, hi) = if s.tower { (70.0, 145.0) } else { (58.0, 160.0) };
    for f in 1..=s.floors_above {
        let count = match (f, s.shops > 0) {
            (1, true) => s.shops,
            _ if f == s.floors_above => s.top_floor,
            _ => s.per_floor,
        };
        for u in 1..=count {
            let number = unit_number(b, f, u);
            if f == 1 && s.shops > 0 {
                let label = format!("{b}号楼{f:02}{u:02}商铺");
                let m2 = rng.area(35.0, 220.0, 2);
                unit(rng, 1, number, label, UnitType::Shop, m2);
            } else {
                let label = format!("{b}号楼{f:02}{u:02}室");
                let m2 = rng.area(lo, hi, 2);
                unit(rng, i64::from(f), number, label, UnitType::Apartment, m2);
            }
        }
    }
    for (level, &count) in s.below.iter().enumerate() {
        let level = level as u32 + 1;
        for u in 1..=count {
            let number = format!("{b}-B{level}-{u:03}");
            if s.tower {
                let label = format!("{b}号楼地下{level}层{u:03}号车位");
                unit(rng, -i64::from(level), number, label, UnitType::Parking, 13.25);
            } else {
                let label = format!("{b}号楼地下{level}层{u:03}号储藏室");
                let m2 = rng.area(4.0, 12.0, 2);
                unit(rng, -i64::from(level), number, label, UnitType::Storage, m2);
            }
        }
    }
    // Gross floor area: the units plus a quarter for stairs, lifts and lobbies (driveways
    // make a car park twice its spaces).
    let gross: f64 = out[start..]
        .iter()
        .map(|u| u.floor_area * if u.ty == UnitType::Parking { 2.0 } else { 1.25 })
        .sum();
    buildings.push(Building {
        id: demo_id(&format!("building-{b}")),
        number: b,
        area,
        entrances: s.entrances,
        floors_above: s.floors_above,
        floors_below: s.floors_below,
        floor_area: (gross * 10.0).round() / 10.0,
    });
}

const UNIT_NOTES: &[&str] = &[
    "空置房，每月巡查一次门窗和水电",
    "业主长期在外地，钥匙托管在客服中心",
    "顶楼，雨季注意检查屋面渗水",
    "精装修交付，厨卫保修至交付后五年",
    "阳台已封闭",
    "曾发生水管爆裂，已维修",
    "群租投诉过，注意回访",
    "燃气表在户外",
];

/// Whether a unit is lived in or used, and sometimes a note about it.
fn occupancy(rng: &mut Rng, ty: UnitType) -> (UnitState, Option<&'static str>) {
    let state = match ty {
        UnitType::Apartment => [UnitState::Occupied, UnitState::Vacant, UnitState::Renovating]
            [rng.weighted(&[82, 13, 5])],
        _ if rng.chance(72) => UnitState::Occupied,
        _ => UnitState::Vacant,
    };
    let note = match (ty, state) {
        (UnitType::Apartment, UnitState::Vacant) if rng.chance(40) => Some(UNIT_NOTES[0]),
        (UnitType::Apartment, _) if rng.chance(6) => Some(*rng.pick(&UNIT_NOTES[1..])),
        _ => None,
    };
    (state, note)
}
