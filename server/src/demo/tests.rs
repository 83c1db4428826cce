//! The plan, without a database: sizes are exact, references point at planned records,
//! values fit the schema, and the seed decides everything.

use super::requests::HISTORY_DAYS;
use super::{plan, unit_number, DemoSize, Plan, DEFAULT_UNITS, MAX_REQUESTS, MAX_UNITS};
use shared::machine::Machine;
use shared::register::{is_mobile, PersonRole, UnitState, UnitType};
use shared::request::RequestStatus;
use std::collections::{HashMap, HashSet};

fn size(units: u32, seed: u64) -> DemoSize {
    DemoSize { units, seed, areas: None, requests: None }
}

fn with_requests(units: u32, seed: u64, requests: u32) -> DemoSize {
    DemoSize { requests: Some(requests), ..size(units, seed) }
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
    let p = plan(DemoSize { areas: Some(3), ..size(3_000, 1) });
    assert_eq!(p.areas, 3);
    let per_area = p.units.iter().filter(|u| u.area == 0).count();
    assert_eq!(per_area, 1_000, "an equal share each");
    for areas in [2, 7] {
        let bad = DemoSize { areas: Some(areas), ..size(3_000, 1) };
        assert!(super::check_size(bad).is_err(), "{areas} areas");
    }
    assert!(super::check_size(DemoSize { areas: Some(6), ..size(3_000, 1) }).is_ok());
}

#[test]
fn an_explicit_request_count_is_honoured() {
    for (units, requests) in
        [(432, 0), (432, 1), (432, 12), (432, 13), (800, 1_500), (8_000, 15_000)]
    {
        let p = plan(with_requests(units, 5, requests));
        assert_eq!(p.requests.len(), requests as usize, "{units} units, {requests} requests");
        let ids: HashSet<_> = p.requests.iter().map(|r| &r.id).collect();
        assert_eq!(ids.len(), p.requests.len(), "request ids are unique");
    }
    // The first twelve are the default demo's open ones.
    let default = plan(size(DEFAULT_UNITS, 1));
    let explicit = plan(with_requests(DEFAULT_UNITS, 1, 500));
    // (Their numbers follow the order of all requests, so only those differ.)
    let head = |p: &Plan| {
        let same = |r: &super::requests::Request| super::requests::Request { rank: 0, ..r.clone() };
        format!("{:?}", p.requests[..12].iter().map(same).collect::<Vec<_>>())
    };
    assert_eq!(head(&default), head(&explicit));
}

#[test]
fn a_request_count_out_of_range_is_refused() {
    assert!(super::check_size(with_requests(432, 1, 0)).is_ok());
    assert!(super::check_size(with_requests(432, 1, MAX_REQUESTS)).is_ok());
    let Err(crate::error::AppError::BadRequest(message)) =
        super::check_size(with_requests(432, 1, MAX_REQUESTS + 1))
    else {
        panic!("{} requests were accepted", MAX_REQUESTS + 1);
    };
    assert!(message.contains("200000") && message.contains("工单"), "{message}");
}

/// Every field of every request and of its history fits the schema, and each status has
/// what a request in it has: an assignee once taken (who did the work, for a finished one), a
/// department only where the work was routed to one.
#[test]
fn the_history_is_valid_per_schema_and_mostly_finished() {
    use super::request_records::{history_records, request_fields};
    use shared::{schema, Hlc};
    let p = plan(with_requests(3_000, 2, 6_000));
    let now = 1_750_000_000_000;
    let mut statuses: HashMap<RequestStatus, usize> = HashMap::new();
    let mut cancelled: HashMap<bool, usize> = HashMap::new();
    let valid = |kind: &str, id: &shared::RecordId, fields: Vec<(&str, serde_json::Value)>| {
        for (field, value) in fields.into_iter().filter(|(_, v)| !v.is_null()) {
            let change = crate::sync::server_change(kind, id, field, value, Hlc::new(1, 0));
            if let Err(e) = schema::validate(&change) {
                panic!("{kind} {} {field}: {e}", id.as_str());
            }
        }
    };
    for r in &p.requests {
        valid("request", &r.id, request_fields(&p, r, now, 1));
        for (kind, id, fields) in history_records(r, now) {
            valid(kind, &id, fields);
        }
        let status = RequestStatus::parse(r.status).expect("a status of the schema");
        *statuses.entry(status).or_default() += 1;
        match status {
            RequestStatus::New => assert!(r.assignee.is_none() && r.department.is_none()),
            RequestStatus::Cancelled => *cancelled.entry(r.assignee.is_some()).or_default() += 1,
            _ => assert!(r.assignee.is_some(), "{} {status} without an assignee", r.id.as_str()),
        }
        if r.department.is_some() {
            assert!(r.assignee.is_some(), "routed to a department, so assigned");
        }
        assert!(r.age_minutes <= 30 + HISTORY_DAYS * 24 * 60);
    }
    assert_eq!(cancelled.len(), 2, "cancelled before and after it was taken: {cancelled:?}");
    let share = |s: RequestStatus| statuses.get(&s).copied().unwrap_or(0) * 100 / p.requests.len();
    let finished: usize =
        RequestStatus::ALL.iter().filter(|s| s.is_finished()).map(|s| share(*s)).sum();
    assert!(finished >= 80, "{finished}% done, called back or closed: {statuses:?}");
    for s in RequestStatus::ALL {
        assert!(statuses.contains_key(s), "no request is {s}: {statuses:?}");
    }
    let open = p.requests.iter().filter(|r| {
        RequestStatus::parse(r.status).is_some_and(|s| s.is_open() && !s.is_finished())
    });
    assert!(open.clone().count() >= 12, "the office still has work to do");
    // Spread over the year: a request in each month of it.
    let months: HashSet<u64> = p.requests.iter().map(|r| r.age_minutes / (30 * 24 * 60)).collect();
    assert!(months.len() >= 12, "{} months", months.len());
    // Some work drags on past the first days, and the history reaches back most of a year.
    let oldest_open = open.map(|r| r.age_minutes).max().unwrap_or(0);
    assert!(oldest_open > 2 * 24 * 60, "{oldest_open} minutes");
    let oldest = p.requests.iter().map(|r| r.age_minutes).max().unwrap_or(0);
    assert!(oldest > (HISTORY_DAYS - 30) * 24 * 60);
}

/// Each request's events walk the status machine from `new` to where it stands, each move by
/// a role allowed to make it, within its age; finished ones have their done time and their
/// call-backs; a few were called back 不满意, reopened and done again.
#[test]
fn each_request_has_the_history_that_led_to_its_status() {
    use shared::request::history::{reopen_count, EventType};
    let p = plan(with_requests(3_000, 2, 6_000));
    let role = |s: usize| p.staff[s].role;
    let (mut reopened_and_closed, mut neutral, mut complaints) = (0, 0, 0);
    for r in &p.requests {
        let status = RequestStatus::parse(r.status).expect("status");
        let events = &r.history.events;
        assert_eq!(events[0].ty, "created", "{}", r.id.as_str());
        let mut now = RequestStatus::New;
        for e in &events[1..] {
            let (from, to) = (e.from.expect("from"), e.to.expect("to"));
            assert_eq!(from, now, "{}: the moves chain", r.id.as_str());
            assert!(from.may_become(to, role(e.by)), "{from} → {to} by {}", role(e.by));
            assert!(e.after < r.age_minutes, "{}: an event in the future", r.id.as_str());
            now = to;
        }
        assert_eq!(now, status, "{}: the last event is where it stands", r.id.as_str());
        assert_eq!(r.history.done.is_some(), status.is_finished());
        let satisfied = |s: &str| r.history.callbacks.iter().any(|c| c.satisfaction == Some(s));
        if matches!(status, RequestStatus::CalledBack | RequestStatus::Closed) {
            assert!(satisfied("satisfied") || satisfied("neutral"), "{}", r.id.as_str());
        }
        let moves = events.iter().filter_map(|e| Some((EventType::parse(e.ty)?, e.to?.as_str())));
        let reopens = reopen_count(moves);
        assert_eq!(reopens > 0, satisfied("dissatisfied"), "不满意 reopens: {}", r.id.as_str());
        reopened_and_closed += usize::from(reopens > 0 && status == RequestStatus::Closed);
        neutral += usize::from(satisfied("neutral"));
        complaints += usize::from(r.complaint.is_some());
        if r.complaint.is_some() {
            assert!(r.category == "complaint" && status.is_finished());
        }
    }
    assert!(reopened_and_closed >= 20, "{reopened_and_closed} reopened, done again and closed");
    assert!(neutral >= 50 && complaints >= 100, "{neutral} neutral, {complaints} complaints");
    let stands = p.requests.iter().filter(|r| r.complaint == Some(None)).count();
    assert!(stands > 0, "some complaints did not stand (and still got a reply)");
}

/// Numbers follow the order requests were made, one each: with the counter's first number,
/// they are the next numbers of the site's counter, none twice.
#[test]
fn request_numbers_are_readable_and_unique() {
    use super::request_records::number;
    let p = plan(with_requests(2_000, 3, 3_000));
    let now = 1_750_000_000_000;
    let numbers: HashSet<String> = p.requests.iter().map(|r| number(&p, r, now, 101)).collect();
    assert_eq!(numbers.len(), p.requests.len());
    let mut ranks: Vec<u64> = p.requests.iter().map(|r| r.rank).collect();
    ranks.sort_unstable();
    assert_eq!(ranks, (0..p.requests.len() as u64).collect::<Vec<_>>());
    let oldest = p.requests.iter().max_by_key(|r| r.age_minutes).expect("requests");
    assert_eq!(oldest.rank, 0);
    let n = number(&p, oldest, now, 101);
    assert!(n.starts_with('A') && n.ends_with("-0101"), "{n}");
    // 2025-06-15 15:06 UTC is already the 15th in China; the day follows China's clock.
    let newest = p.requests.iter().min_by_key(|r| r.age_minutes).expect("requests");
    let n = number(&p, newest, now, 101);
    assert!(n.contains("-250615-"), "{n}");
}

#[test]
fn the_seed_decides_the_history_too() {
    let a = fingerprint(&plan(with_requests(1_000, 3, 2_000)));
    assert_eq!(a, fingerprint(&plan(with_requests(1_000, 3, 2_000))));
    assert_ne!(a, fingerprint(&plan(with_requests(1_000, 4, 2_000))));
    // Asking for requests changes nothing else of the compound.
    let (default, explicit) = (plan(size(1_000, 3)), plan(with_requests(1_000, 3, 2_000)));
    let register = |p: &Plan| format!("{:?}{:?}{:?}", p.units, p.register.people, p.register.links);
    assert_eq!(register(&default), register(&explicit));
}

#[test]
fn the_printed_logins_are_exactly_the_demo_staff_with_role_and_place() {
    use super::compound::AREA_NAMES;
    use super::staff::DEPARTMENTS;
    for s in [DemoSize::default(), size(12_345, 1), DemoSize { areas: Some(6), ..size(500, 2) }] {
        let text = super::logins_text(s);
        let lines: Vec<&str> = text.lines().skip(1).collect();
        let staff = plan(s).staff;
        assert_eq!(lines.len(), staff.len(), "{s:?}: one line per account\n{text}");
        for (line, st) in lines.iter().zip(&staff) {
            let words: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(words[..3], [st.username.as_str(), st.name.as_str(), st.role.as_str()]);
            let place = match (st.area, st.department) {
                (Some(a), _) => AREA_NAMES[a],
                (None, Some(d)) => DEPARTMENTS[d].0,
                (None, None) => "全小区",
            };
            assert_eq!(words.last(), Some(&place), "{line}");
        }
    }
    let default = super::logins_text(DemoSize::default());
    for login in ["butler1", "butler2", "butler3", "office", "supervisor", "repair1", "finance1"] {
        assert!(default.contains(&format!("  {login} ")), "{login} missing:\n{default}");
    }
    assert!(default.contains(super::DEMO_PASSWORD));
    let readme = include_str!("../../../README.md");
    for st in plan(DemoSize::default()).staff {
        let row = format!("| `{}` | {} | {} |", st.username, st.name, st.role.as_str());
        assert!(readme.contains(&row), "README lacks the demo login {row}");
    }
}
