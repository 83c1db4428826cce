//! The plan, without a database: sizes are exact, references point at planned records,
//! values fit the schema, and the seed decides everything.

use super::{plan, unit_number, DemoSize, Plan, DEFAULT_UNITS, MAX_UNITS};
use shared::register::{is_mobile, PersonRole, UnitState, UnitType};
use std::collections::HashSet;

fn size(units: u32, seed: u64) -> DemoSize {
    DemoSize { units, seed, areas: None }
}

/// Everything that is written, as text: two plans with equal fingerprints write the same.
fn fingerprint(p: &Plan) -> String {
    format!(
        "{:?}{:?}{:?}{:?}{:?}",
        p.buildings, p.units, p.register.people, p.register.links, p.requests
    )
}

#[test]
fn every_size_gives_exactly_that_many_units() {
    for units in (1..=40).chain([99, 432, 1_001, 4_999, 5_001, 12_345, 20_001, MAX_UNITS]) {
        let p = plan(size(units, 7));
        assert_eq!(p.units.len(), units as usize, "{units} units");
        assert!((3..=6).contains(&p.areas), "{units} units: {} areas", p.areas);
        let numbers: HashSet<_> = p.units.iter().map(|u| &u.number).collect();
        assert_eq!(numbers.len(), p.units.len(), "unit numbers are unique");
        for u in &p.units {
            assert_eq!(u.area, p.buildings[u.building].area);
        }
    }
}

#[test]
fn the_default_compound_has_unit_1_0302_whatever_the_seed() {
    for seed in 0..300 {
        let p = plan(size(DEFAULT_UNITS, seed));
        let number = unit_number(1, 3, 2);
        assert!(p.units.iter().any(|u| u.number == number), "seed {seed}");
        assert!(p.areas == 3 && p.requests.len() >= 12, "seed {seed}");
        for area in 0..2 {
            assert!(p.units.iter().any(|u| u.area == area), "seed {seed}: area {area} is empty");
        }
    }
}

#[test]
fn the_seed_decides_everything() {
    let a = fingerprint(&plan(size(2_000, 3)));
    assert_eq!(a, fingerprint(&plan(size(2_000, 3))));
    assert_ne!(a, fingerprint(&plan(size(2_000, 4))));
}

#[test]
fn the_compound_looks_real() {
    let p = plan(size(10_000, 1));
    let share = |f: &dyn Fn(&super::compound::Unit) -> bool| {
        p.units.iter().filter(|u| f(u)).count() * 100 / p.units.len()
    };
    assert!(share(&|u| u.ty == UnitType::Apartment) >= 60);
    for ty in [UnitType::Shop, UnitType::Parking, UnitType::Storage] {
        assert!(share(&|u| u.ty == ty) >= 1, "{ty}");
    }
    let occupied = share(&|u| u.state == UnitState::Occupied);
    assert!((65..=90).contains(&occupied), "{occupied}% occupied");
    assert!(share(&|u| u.state == UnitState::Renovating) >= 2);
    for b in &p.buildings {
        assert!((1..=4).contains(&b.entrances) && b.floors_below <= 2 && b.floor_area > 0.0);
    }
    let people = &p.register.people;
    assert!(people.iter().all(|x| is_mobile(&x.phone)));
    assert!(people.iter().filter_map(|x| x.phone2.as_deref()).all(is_mobile));
    let phones: HashSet<_> = people.iter().map(|x| &x.phone).collect();
    assert_eq!(phones.len(), people.len(), "no two people share a phone");
    assert!(people.iter().all(|x| (2..=4).contains(&x.name.chars().count())));
    assert!(people.iter().any(|x| x.key_customer) && people.iter().any(|x| x.note.is_some()));
    let links = &p.register.links;
    for role in PersonRole::ALL {
        assert!(links.iter().any(|l| l.role == *role), "{role}");
    }
    assert!(links.iter().any(|l| l.to.is_some_and(|to| to > l.from)), "a tenant moved out");
    let mut owned = std::collections::HashMap::<usize, HashSet<usize>>::new();
    for l in links.iter().filter(|l| l.role == PersonRole::Owner) {
        owned.entry(l.person).or_default().insert(l.unit);
    }
    assert!(owned.values().any(|u| u.len() >= 2), "some owners own two units");
    let owned_units: HashSet<usize> = owned.values().flatten().copied().collect();
    let lived_in = p
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.ty == UnitType::Apartment && u.state == UnitState::Occupied);
    for (i, u) in lived_in {
        assert!(owned_units.contains(&i), "{} has no owner", u.number);
    }
    assert_eq!(p.requests.len(), 10_000 / 30);
}

#[test]
fn the_area_count_can_be_chosen_within_three_to_six() {
    let p = plan(DemoSize { units: 3_000, seed: 1, areas: Some(3) });
    assert_eq!(p.areas, 3);
    let per_area = p.units.iter().filter(|u| u.area == 0).count();
    assert_eq!(per_area, 1_000, "an equal share each");
    for areas in [2, 7] {
        let bad = DemoSize { units: 3_000, seed: 1, areas: Some(areas) };
        assert!(super::check_size(bad).is_err(), "{areas} areas");
    }
    assert!(super::check_size(DemoSize { units: 3_000, seed: 1, areas: Some(6) }).is_ok());
}
