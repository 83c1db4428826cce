//! The demo's moving: valid records, in every area a booking of tomorrow the rules accept
//! today, one cancelled, a past one, two passes issued (tomorrow's move-out's, and today's
//! with no booking) and one used, a move-in and a move-out.
use super::*;
use shared::moving::check_booking;
use shared::request::deadline::Settings;
use shared::{schema, Hlc};
use std::collections::HashMap;

#[test]
fn every_area_has_bookings_passes_and_checks_in_each_state() {
    let p = super::super::plan(super::super::DemoSize::default());
    let now = 1_796_054_400_000;
    let records = records(&p, now);
    let mut count: HashMap<(&str, String), usize> = HashMap::new();
    for (kind, id, values) in &records {
        for (field, value) in values {
            let change = crate::sync::server_change(kind, id, field, value.clone(), Hlc::new(1, 0));
            schema::validate(&change).unwrap_or_else(|e| panic!("{kind}.{field}: {e}"));
        }
        let get = |f: &str| values.iter().find(|(n, _)| *n == f).map(|(_, v)| v.clone());
        let state =
            get(field::STATUS).or(get(field::TYPE)).and_then(|v| v.as_str().map(str::to_owned));
        *count.entry((kind, state.unwrap_or_default())).or_default() += 1;
        if *kind == kind::MOVING_BOOKING {
            let (b, d, s) = (
                get(field::BUILDING).unwrap(),
                get(field::DAY).unwrap(),
                get(field::SLOT).unwrap(),
            );
            let (d, s) = (d.as_str().unwrap().to_owned(), s.as_i64().unwrap());
            assert_eq!(*id, booking_id(b.as_str().unwrap(), &d, s), "a booking's id is its slot's");
            if d > day(now, 0) {
                check_booking(&Settings::DEFAULT, &d, s, now, 480)
                    .expect("a future booking the rules take");
            }
        }
    }
    let areas = p.areas;
    for (k, state, per_area) in [
        (kind::MOVING_BOOKING, "booked", 3),
        (kind::MOVING_BOOKING, "cancelled", 1),
        (kind::RELEASE_PASS, "issued", 2),
        (kind::RELEASE_PASS, "used", 1),
        (kind::MOVE_CHECK, "move_in", 1),
        (kind::MOVE_CHECK, "move_out", 1),
    ] {
        assert_eq!(count.get(&(k, state.to_owned())), Some(&(per_area * areas)), "{k} {state}");
    }
}
