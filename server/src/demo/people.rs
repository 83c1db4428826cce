//! The household register: people and how they are tied to units. Most lived-in flats have
//! their owner and family; some are let to tenants (sometimes after an earlier tenant moved
//! out); a few owners own two flats; parking spaces and storage rooms belong to owners of
//! flats in the same building. Pure: the same units and seed give the same register.

use super::compound::Unit;
use super::demo_id;
use super::names::{name_with, surname, Phones, Rng, PERSON_NOTES};
use shared::register::{PersonRole, UnitState, UnitType};
use shared::RecordId;

#[derive(Debug, Clone)]
pub struct Person {
    pub id: RecordId,
    pub name: String,
    pub phone: String,
    pub phone2: Option<String>,
    pub note: Option<&'static str>,
    pub key_customer: bool,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub id: RecordId,
    /// Indexes into the units and the people.
    pub unit: usize,
    pub person: usize,
    pub role: PersonRole,
    pub from: u64,
    /// When a tenant moved out.
    pub to: Option<u64>,
}

const DAY_MS: u64 = 86_400_000;
/// 2016-06-01 00:00 Beijing time: the compound was handed over.
const HANDOVER_MS: u64 = 1_464_710_400_000;
/// Days from the handover to 2024-12-31: the last move-in date.
const LAST_DAY: u32 = 3_135;

/// People and links of a compound.
#[derive(Debug, Default)]
pub struct Register {
    pub people: Vec<Person>,
    pub links: Vec<Link>,
    /// Each person's surname (the family of a flat shares the owner's, mostly).
    families: Vec<&'static str>,
    phones: Phones,
}

fn day(d: u32) -> u64 {
    HANDOVER_MS + u64::from(d) * DAY_MS
}

impl Register {
    fn person(&mut self, rng: &mut Rng, family: &'static str) -> usize {
        let index = self.people.len();
        self.families.push(family);
        let phone2 = rng.chance(15).then(|| self.phones.next(rng));
        self.people.push(Person {
            id: demo_id(&format!("person-{index}")),
            name: name_with(rng, family),
            phone: self.phones.next(rng),
            phone2,
            note: rng.chance(8).then(|| *rng.pick(PERSON_NOTES)),
            key_customer: rng.chance(4),
        });
        index
    }

    /// Somebody of a random family.
    fn stranger(&mut self, rng: &mut Rng) -> usize {
        let family = surname(rng);
        self.person(rng, family)
    }

    fn link(&mut self, unit: usize, person: usize, role: PersonRole, from: u64, to: Option<u64>) {
        let id = demo_id(&format!("link-{}", self.links.len()));
        self.links.push(Link { id, unit, person, role, from, to });
    }

    /// A new owner, or now and then the owner of another flat in the same building.
    fn owner(&mut self, rng: &mut Rng, owners: &[usize]) -> usize {
        if !owners.is_empty() && rng.chance(3) {
            *rng.pick(owners)
        } else {
            self.stranger(rng)
        }
    }

    /// A flat: its owner, and the family or tenants who live there.
    fn flat(&mut self, rng: &mut Rng, u: usize, state: UnitState, owners: &mut Vec<usize>) {
        if state == UnitState::Vacant && rng.chance(15) {
            return; // unsold
        }
        let owner = self.owner(rng, owners);
        owners.push(owner);
        let bought = rng.range(0, LAST_DAY - 400);
        self.link(u, owner, PersonRole::Owner, day(bought), None);
        if state != UnitState::Occupied {
            if rng.chance(20) {
                let keeper = self.stranger(rng);
                self.link(u, keeper, PersonRole::KeyHolder, day(bought + rng.range(0, 300)), None);
            }
            return;
        }
        if rng.chance(15) {
            // Let: the owner lives elsewhere.
            let mut moved_in = rng.range(bought + 30, LAST_DAY);
            if moved_in > bought + 800 && rng.chance(40) {
                let earlier = self.stranger(rng);
                let from = rng.range(bought + 30, moved_in - 400);
                self.link(u, earlier, PersonRole::Tenant, day(from), Some(day(moved_in - 7)));
            }
            for _ in 0..rng.range(1, 2) {
                let tenant = self.stranger(rng);
                self.link(u, tenant, PersonRole::Tenant, day(moved_in), None);
                moved_in += rng.range(0, 60).min(LAST_DAY - moved_in);
            }
            return;
        }
        for _ in 0..rng.weighted(&[25, 35, 25, 15]) {
            let family = if rng.chance(40) { surname(rng) } else { self.families[owner] };
            let resident = self.person(rng, family);
            self.link(u, resident, PersonRole::Resident, day(bought + rng.range(0, 90)), None);
        }
        if rng.chance(3) {
            let keeper = self.stranger(rng);
            self.link(u, keeper, PersonRole::KeyHolder, day(rng.range(bought, LAST_DAY)), None);
        }
    }
}

/// The register of a compound's units.
pub fn register(rng: &mut Rng, units: &[Unit]) -> Register {
    let mut r = Register::default();
    // Owners of flats in the current building (units come building by building).
    let mut owners: Vec<usize> = Vec::new();
    let mut building = usize::MAX;
    for (i, unit) in units.iter().enumerate() {
        if unit.building != building {
            (building, owners) = (unit.building, Vec::new());
        }
        match unit.ty {
            UnitType::Apartment => r.flat(rng, i, unit.state, &mut owners),
            UnitType::Shop if unit.state == UnitState::Occupied || rng.chance(70) => {
                let owner = r.stranger(rng);
                let bought = rng.range(0, LAST_DAY - 400);
                r.link(i, owner, PersonRole::Owner, day(bought), None);
                if unit.state == UnitState::Occupied && rng.chance(60) {
                    let tenant = r.stranger(rng);
                    let from = day(rng.range(bought + 30, LAST_DAY));
                    r.link(i, tenant, PersonRole::Tenant, from, None);
                }
            }
            UnitType::Parking | UnitType::Storage if unit.state == UnitState::Occupied => {
                let owner = if owners.is_empty() { r.stranger(rng) } else { *rng.pick(&owners) };
                r.link(i, owner, PersonRole::Owner, day(rng.range(0, LAST_DAY)), None);
            }
            _ => {}
        }
    }
    r
}

/// For each unit, the person to call about it: a tenant or resident who lives there, else
/// the owner (`None` for units nobody is tied to).
pub fn contacts(units: usize, links: &[Link]) -> Vec<Option<usize>> {
    let mut out: Vec<Option<(u8, usize)>> = vec![None; units];
    for l in links.iter().filter(|l| l.to.is_none()) {
        let rank = match l.role {
            PersonRole::Tenant => 0,
            PersonRole::Owner => 1,
            PersonRole::Resident => 2,
            PersonRole::KeyHolder => 3,
        };
        if out[l.unit].is_none_or(|(r, _)| rank < r) {
            out[l.unit] = Some((rank, l.person));
        }
    }
    out.into_iter().map(|c| c.map(|(_, p)| p)).collect()
}
