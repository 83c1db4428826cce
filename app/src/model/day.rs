//! My day (the butler's home page): the new requests of my area, the call-backs due and
//! overdue, the overdue and stuck requests, their counts — worked out from the prepared
//! [`RequestList`] in one pass over the rows — and the week's call-back coverage and the
//! month's repeat-complaint rate, which are figures of `shared::report` like every report's.

use super::followup::{due_callbacks, DueCallback};
use super::RequestList;
use shared::replica::ReplicaState;
use shared::report::{figure, Facts, Figure, Filter, KpiId, Period, PeriodKind};
use shared::request::deadline::Settings;
use shared::request::RequestStatus;
use shared::RecordId;

/// What My day lists; every entry is a position in the list's rows. A patrol finding done
/// waits for its re-check (the patrol part of the page, `model::patrol::rechecks_due`),
/// never for a call-back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MyDay {
    /// Status new, newest first.
    pub new: Vec<usize>,
    /// Done requests waiting for their call-back, soonest due first.
    pub callbacks: Vec<DueCallback>,
    /// Overdue requests still in work: stuck ones first, then the longest overdue.
    pub overdue: Vec<usize>,
    /// How many of `overdue` are stuck.
    pub stuck: usize,
    /// How many of `callbacks` are overdue.
    pub callbacks_overdue: usize,
}

/// My day over `list` at `now`, for the area `area` (`None`: the whole site, as the office
/// sees it). A request whose unit is not on this device yet counts as mine.
pub fn my_day(list: &RequestList, settings: &Settings, area: Option<&RecordId>, now: i64) -> MyDay {
    let mine =
        |i: usize| area.is_none() || list.meta[i].area.as_ref().is_none_or(|a| Some(a) == area);
    let new: Vec<usize> = (0..list.rows.len())
        .filter(|&i| mine(i) && list.rows[i].status == RequestStatus::New)
        .collect();
    let callbacks: Vec<DueCallback> =
        due_callbacks(list, settings, now).into_iter().filter(|d| mine(d.row)).collect();
    let mut overdue: Vec<usize> =
        (0..list.rows.len()).filter(|&i| mine(i) && list.meta[i].timing.overdue).collect();
    overdue.sort_by_key(|&i| (!list.meta[i].timing.stuck, list.meta[i].timing.due));
    MyDay {
        stuck: overdue.iter().filter(|&&i| list.meta[i].timing.stuck).count(),
        callbacks_overdue: callbacks.iter().filter(|d| d.overdue).count(),
        new,
        callbacks,
        overdue,
    }
}

/// The figures My day shows, from `shared::report` like every report's.
#[derive(Debug, Clone, PartialEq)]
pub struct DayFigures {
    /// This week's complaints done and called back ([`KpiId::ComplaintCallback`]).
    pub complaint_callbacks: Figure,
    /// This week's repairs done and called back ([`KpiId::RepairCallback`], 002 §4.7.4.2).
    pub repair_callbacks: Figure,
    /// This month's repeat complaints ([`KpiId::RepeatComplaint`]).
    pub repeats: Figure,
}

/// My day's figures over `state` at `now`, for `area` (`None`: the site, as the office sees
/// it): the week and month holding `now` in a zone `offset_min` ahead of UTC.
pub fn day_figures(
    state: &ReplicaState,
    area: Option<&RecordId>,
    now: i64,
    offset_min: i64,
) -> DayFigures {
    let facts = Facts::from_state(state);
    let filter = Filter { area: area.cloned(), ..Filter::default() };
    let week = Period::of(PeriodKind::Week, now, offset_min);
    let month = Period::of(PeriodKind::Month, now, offset_min);
    let of = |kpi, p: &Period| figure(&facts, kpi, p, &filter, now);
    DayFigures {
        complaint_callbacks: of(KpiId::ComplaintCallback, &week),
        repair_callbacks: of(KpiId::RepairCallback, &week),
        repeats: of(KpiId::RepeatComplaint, &month),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use shared::replica::ReplicaState;
    use shared::request::deadline::HOUR_MS;
    use shared::{Change, Hlc, Kind, ReplicaId};
    use std::collections::BTreeSet;

    fn put(s: &mut ReplicaState, kind: &str, id: &RecordId, field: &str, v: Value) {
        let hlc = Hlc::new(s.len() as u64 + 1, 0);
        let replica = ReplicaId::server();
        let (kind, id, field) = (Kind::new(kind), id.clone(), field.to_owned());
        s.apply(&Change { kind, id, field, value: v, hlc, replica, prev: None });
    }

    #[test]
    fn my_day_lists_my_areas_new_due_call_backs_and_overdue_work() {
        let mut s = ReplicaState::new();
        let (mine, theirs) = (RecordId::new_v7(), RecordId::new_v7());
        let mut unit_in = |area: &RecordId| {
            let (b, u) = (RecordId::new_v7(), RecordId::new_v7());
            put(&mut s, "building", &b, "area", json!(area));
            put(&mut s, "unit", &u, "building", json!(b));
            u
        };
        let (my_unit, their_unit) = (unit_in(&mine), unit_in(&theirs));
        let mut req = |unit: &RecordId, status: &str, category: &str, created_h: i64| {
            let id = RecordId::new_v7();
            put(&mut s, "request", &id, "unit", json!(unit));
            put(&mut s, "request", &id, "status", json!(status));
            put(&mut s, "request", &id, "category", json!(category));
            put(&mut s, "request", &id, "created_at", json!(created_h * HOUR_MS));
            id
        };
        let fresh = req(&my_unit, "new", "repair", 99);
        let _theirs = req(&their_unit, "new", "repair", 99);
        let late = req(&my_unit, "assigned", "complaint", 0);
        let done = req(&my_unit, "done", "complaint", 0);
        let called = req(&my_unit, "called_back", "repair", 0);
        put(&mut s, "request", &done, "done_at", json!(40 * HOUR_MS));
        put(&mut s, "request", &called, "done_at", json!(90 * HOUR_MS));
        let now = 100 * HOUR_MS;
        let list = RequestList::build_at(&s, &BTreeSet::new(), now);
        let day = my_day(&list, &Settings::DEFAULT, Some(&mine), now);
        let ids =
            |rows: &[usize]| rows.iter().map(|&i| list.rows[i].id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&day.new), [fresh], "only my area's");
        assert_eq!(day.callbacks.len(), 1);
        assert_eq!(list.rows[day.callbacks[0].row].id, done);
        assert_eq!(day.callbacks_overdue, 1, "done at 40 h, due at 88 h");
        assert_eq!(ids(&day.overdue), [late], "complaint due at 48 h");
        assert_eq!(day.stuck, 1, "no event since it was made");
        let site = my_day(&list, &Settings::DEFAULT, None, now);
        assert_eq!(site.new.len(), 2, "the office sees every area");
    }

    #[test]
    fn a_done_patrol_finding_is_a_re_check_not_a_call_back() {
        use crate::model::patrol::rechecks_due;
        let mut s = ReplicaState::new();
        let area = RecordId::new_v7();
        let (finding, repair) = (RecordId::new_v7(), RecordId::new_v7());
        for id in [&finding, &repair] {
            put(&mut s, "request", id, "area", json!(area));
            put(&mut s, "request", id, "status", json!("done"));
            put(&mut s, "request", id, "category", json!("repair"));
            put(&mut s, "request", id, "created_at", json!(0));
            put(&mut s, "request", id, "done_at", json!(10 * HOUR_MS));
        }
        put(&mut s, "request", &finding, "patrol_answer", json!(RecordId::new_v7()));
        put(&mut s, "request", &finding, "source", json!("patrol"));
        let now = 20 * HOUR_MS;
        let list = RequestList::build_at(&s, &BTreeSet::new(), now);
        let day = my_day(&list, &Settings::DEFAULT, Some(&area), now);
        let calls: Vec<&RecordId> = day.callbacks.iter().map(|c| &list.rows[c.row].id).collect();
        assert_eq!(calls, [&repair], "the finding has no resident to call back");
        assert_eq!(rechecks_due(&s, Some(&area)), [finding], "only as a re-check");
        let figures = day_figures(&s, Some(&area), now, 0);
        let repairs = &figures.repair_callbacks;
        assert_eq!(repairs.den_ids, [repair], "the finding is not in the call-back coverage");
    }

    #[test]
    fn the_weeks_call_backs_and_the_months_repeats_are_report_figures() {
        use shared::report::period::{week_start, DAY_MS};
        let mut s = ReplicaState::new();
        let (mine, theirs) = (RecordId::new_v7(), RecordId::new_v7());
        // Thursday 2026-12-10 10:00 in China; the week began on Monday the 7th.
        let now = 20_797 * DAY_MS + 2 * HOUR_MS;
        let week = week_start(now, 480);
        assert_eq!(week, now - 3 * DAY_MS - 10 * HOUR_MS);
        let done =
            |s: &mut ReplicaState, area: &RecordId, category: &str, at: i64, called: bool| {
                let id = RecordId::new_v7();
                put(s, "request", &id, "area", json!(area));
                put(s, "request", &id, "category", json!(category));
                put(s, "request", &id, "created_at", json!(at - HOUR_MS));
                put(s, "request", &id, "status", json!("done"));
                put(s, "request", &id, "done_at", json!(at));
                if called {
                    let cb = RecordId::new_v7();
                    put(s, "callback", &cb, "request", json!(id));
                    put(s, "callback", &cb, "result", json!("reached"));
                    put(s, "callback", &cb, "satisfaction", json!("satisfied"));
                    put(s, "callback", &cb, "at", json!(at + HOUR_MS));
                }
                id
            };
        // Complaints: one called back, one not, one of last week.
        done(&mut s, &mine, "complaint", week + HOUR_MS, true);
        done(&mut s, &mine, "complaint", week + 2 * HOUR_MS, false);
        done(&mut s, &mine, "complaint", week - HOUR_MS, false);
        // Repairs: 4 of 5 called back (80 %, the target), one in another area.
        for k in 0..5 {
            done(&mut s, &mine, "repair", week + k * HOUR_MS, k > 0);
        }
        done(&mut s, &theirs, "repair", week, false);
        let first = done(&mut s, &mine, "inquiry", week, false);
        let f = day_figures(&s, Some(&mine), now, 480);
        let c = &f.complaint_callbacks;
        assert_eq!((c.num, c.den, c.pct_floor(), c.met), (1, 2, Some(50), Some(false)));
        let r = &f.repair_callbacks;
        assert_eq!((r.num, r.den, r.pct_floor(), r.met), (4, 5, Some(80), Some(true)));
        assert_eq!(day_figures(&s, None, now, 480).repair_callbacks.den, 6, "the site");
        // This month: three complaints, none a repeat; then one repeats: 1 ÷ 3.
        assert_eq!(f.repeats.permille, Some(0));
        let repeat = done(&mut s, &mine, "complaint", week + 3 * HOUR_MS, true);
        put(&mut s, "request", &repeat, "repeat_of", json!(first));
        let g = day_figures(&s, Some(&mine), now, 480).repeats;
        assert_eq!((g.num, g.den, g.permille), (1, 3, Some(333)));
    }
}
