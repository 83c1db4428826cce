use super::*;
use crate::{Change, Hlc, Kind, ReplicaId};
use serde_json::{json, Value};

/// China: 8 hours ahead of UTC.
const CN: i64 = 480;
/// 2026-03-02 00:00 in China (a Monday).
const MON: i64 = 1_772_380_800_000;
const H: i64 = 3_600_000;

struct World {
    s: ReplicaState,
    n: u64,
}

impl World {
    fn new() -> World {
        let mut w = World { s: ReplicaState::new(), n: 0 };
        for (a, b) in [("a1", "b1"), ("a2", "b2")] {
            w.set(kind::BUILDING, &id(b), field::AREA, json!(id(a)));
            w.set(kind::UNIT, &id(&format!("u-{b}")), field::BUILDING, json!(id(b)));
        }
        w
    }

    fn set(&mut self, k: &str, rec: &RecordId, f: &str, v: Value) {
        self.n += 1;
        self.s.apply(&Change {
            kind: Kind::new(k),
            id: rec.clone(),
            field: f.into(),
            value: v,
            hlc: Hlc::new(self.n, 0),
            replica: ReplicaId::server(),
            prev: None,
        });
    }

    /// A renovation of the unit in building `b`, status `st`, works from day `from` to
    /// day `to` (days after Monday, at noon).
    fn reno(&mut self, name: &str, b: &str, st: &str, from: i64, to: i64) -> RecordId {
        let r = id(name);
        self.set(kind::RENOVATION, &r, field::UNIT, json!(id(&format!("u-{b}"))));
        self.set(kind::RENOVATION, &r, field::STATUS, json!(st));
        self.set(kind::RENOVATION, &r, field::PLANNED_START, json!(MON + from * DAY_MS + 12 * H));
        self.set(kind::RENOVATION, &r, field::PLANNED_END, json!(MON + to * DAY_MS + 12 * H));
        r
    }

    fn check(&mut self, r: &RecordId, at: i64) -> RecordId {
        let c = RecordId::new_v7();
        self.set(kind::RENOVATION_CHECK, &c, field::RENOVATION, json!(r));
        self.set(kind::RENOVATION_CHECK, &c, field::AT, json!(at));
        c
    }

    fn sites(&self) -> Sites {
        Sites::from_state(&self.s)
    }
}

/// A fixed, valid id per name.
fn id(name: &str) -> RecordId {
    RecordId::derived(&uuid::Uuid::nil(), &[name])
}

fn day(n: i64) -> Period {
    Period::of(PeriodKind::Day, MON + n * DAY_MS + H, CN)
}

fn ids<'a>(it: impl IntoIterator<Item = &'a Site>) -> Vec<RecordId> {
    let mut v: Vec<RecordId> = it.into_iter().map(|s| s.id.clone()).collect();
    v.sort();
    v
}

#[test]
fn active_means_approved_or_stopped_within_whole_local_days_of_the_works() {
    let mut w = World::new();
    let on = w.reno("on", "b1", "approved", 1, 3);
    let stopped = w.reno("stopped", "b1", "stopped", 0, 1);
    let _waiting = w.reno("waiting", "b1", "reviewed", 0, 9);
    let _rejected = w.reno("rejected", "b1", "rejected", 0, 9);
    let s = w.sites();
    assert_eq!(
        ids(s.active_on(&day(0), None).into_iter()),
        ids(s.sites.iter().filter(|x| x.id == stopped))
    );
    // 12:00 on day 1 to 12:00 on day 3: whole days 1..=3, the first hour of day 1 included.
    assert!(s.sites.iter().find(|x| x.id == on).unwrap().is_active_on(&day(1)));
    assert!(s.sites.iter().find(|x| x.id == on).unwrap().is_active_on(&day(3)));
    assert!(!s.sites.iter().find(|x| x.id == on).unwrap().is_active_on(&day(4)));
    assert_eq!(s.active_on(&day(2), None).len(), 1);
}

#[test]
fn an_extension_and_a_later_approval_move_the_days() {
    let mut w = World::new();
    let r = w.reno("r", "b1", "approved", 0, 2);
    w.set(kind::RENOVATION, &r, field::EXTENDED_TO, json!(MON + 5 * DAY_MS));
    w.set(kind::RENOVATION, &r, field::APPROVED_AT, json!(MON + DAY_MS + 9 * H));
    let s = w.sites();
    let site = &s.sites[0];
    assert!(!site.is_active_on(&day(0)), "not before its approval");
    assert!(site.is_active_on(&day(1)) && site.is_active_on(&day(5)));
    assert!(!site.is_active_on(&day(6)));
    // An extension earlier than the planned end changes nothing.
    w.set(kind::RENOVATION, &r, field::EXTENDED_TO, json!(MON));
    assert!(w.sites().sites[0].is_active_on(&day(2)));
}

#[test]
fn a_completed_renovation_counts_until_its_acceptance() {
    let mut w = World::new();
    let r = w.reno("r", "b1", "completed", 0, 9);
    assert!(!w.sites().sites[0].is_active_on(&day(1)), "no acceptance: no day");
    w.set(kind::RENOVATION, &r, field::ACCEPTED_AT, json!(MON + 2 * DAY_MS + 10 * H));
    let s = w.sites();
    assert!(s.sites[0].is_active_on(&day(2)) && !s.sites[0].is_active_on(&day(3)));
}

#[test]
fn today_unchecked_lists_the_areas_sites_without_a_check_today() {
    let mut w = World::new();
    let a = w.reno("a", "b1", "approved", 0, 5);
    let b = w.reno("b", "b1", "approved", 0, 5);
    let other = w.reno("c", "b2", "approved", 0, 5);
    let now = MON + 2 * DAY_MS + 15 * H;
    w.check(&a, MON + 2 * DAY_MS + 9 * H); // today
    w.check(&b, MON + DAY_MS + 23 * H); // yesterday, local time
    let deleted = w.check(&b, now);
    w.set(kind::RENOVATION_CHECK, &deleted, field::DELETED, json!(true));
    let s = w.sites();
    let area = id("a1");
    assert_eq!(ids(s.unchecked_today(now, CN, Some(&area))), vec![b.clone()]);
    let mut all = vec![b.clone(), other];
    all.sort();
    assert_eq!(ids(s.unchecked_today(now, CN, None)), all);
    w.check(&b, now - H);
    assert_eq!(w.sites().unchecked_today(now, CN, Some(&area)).len(), 0);
}

#[test]
fn coverage_is_checked_site_days_over_active_site_days_up_to_today() {
    let mut w = World::new();
    let a = w.reno("a", "b1", "approved", 0, 9);
    let b = w.reno("b", "b2", "stopped", 1, 2);
    for d in [0, 1, 1, 2] {
        w.check(&a, MON + d * DAY_MS + 10 * H); // twice on day 1 counts once
    }
    w.check(&b, MON + 2 * DAY_MS + 11 * H);
    let week = Period::of(PeriodKind::Week, MON, CN);
    let now = MON + 3 * DAY_MS + 8 * H; // Thursday morning: days 0..=3 count
    let s = w.sites();
    let set = Settings::default();
    let by_area = s.coverage_by_area(&week, now, &set);
    let a1 = &by_area[&Some(id("a1"))];
    assert_eq!((a1.checked, a1.active), (3, 4));
    assert_eq!(a1.permille, Some(750));
    assert_eq!(a1.met, Some(false));
    let a2 = &by_area[&Some(id("a2"))];
    assert_eq!((a2.checked, a2.active, a2.met), (1, 2, Some(false)));
    let all = s.coverage(&week, now, None, &set);
    assert_eq!((all.checked, all.active, all.permille), (4, 6, Some(667)));
    assert_eq!(all.target_pct, set.target_renovation_check_pct);
    let only = s.coverage(&week, now, Some(&id("a2")), &set);
    assert_eq!((only.checked, only.active), (1, 2));
    // Every day checked meets a 100 % target; nothing active has no value.
    let lower = Settings { target_renovation_check_pct: 50, ..set };
    assert_eq!(s.coverage(&week, now, Some(&id("a2")), &lower).met, Some(true));
    let last_year = Period::of(PeriodKind::Month, MON - 400 * DAY_MS, CN);
    assert_eq!(s.coverage(&last_year, now, None, &set).permille, None);
    assert_eq!(s.coverage(&last_year, now, None, &set).met, None);
}
