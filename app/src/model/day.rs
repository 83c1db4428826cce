//! My day (the butler's home page): the new requests of my area, the call-backs due and
//! overdue, the overdue and stuck requests, their counts, and the week's call-back coverage.
//! Worked out from the prepared [`RequestList`], so it costs one pass over the rows.

use super::followup::{due_callbacks, Coverage, DueCallback};
use super::RequestList;
use shared::request::callback::FollowUp;
use shared::request::deadline::Settings;
use shared::request::RequestStatus;
use shared::RecordId;
use std::collections::HashSet;

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
    /// Complaints and repairs done since `week_start` and called back.
    pub coverage: Coverage,
}

/// My day over `list` at `now`, for the area `area` (`None`: the whole site, as the office
/// sees it). A request whose unit is not on this device yet counts as mine.
pub fn my_day(
    list: &RequestList,
    reached: &HashSet<RecordId>,
    settings: &Settings,
    area: Option<&RecordId>,
    now: i64,
    week_start: i64,
) -> MyDay {
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
    // A patrol finding has no resident to call: it is re-checked, never counted here.
    let called_back = |i: usize| list.rows[i].follow_up == FollowUp::Callback;
    let coverage = Coverage::count(
        (0..list.rows.len()).filter(|&i| mine(i) && called_back(i)).map(|i| {
            let r = &list.rows[i];
            (r.category, r.done_at, reached.contains(&r.id))
        }),
        week_start,
    );
    MyDay {
        stuck: overdue.iter().filter(|&&i| list.meta[i].timing.stuck).count(),
        callbacks_overdue: callbacks.iter().filter(|d| d.overdue).count(),
        new,
        callbacks,
        overdue,
        coverage,
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
        let reached: HashSet<RecordId> = [called.clone()].into();
        let day = my_day(&list, &reached, &Settings::DEFAULT, Some(&mine), now, 50 * HOUR_MS);
        let ids =
            |rows: &[usize]| rows.iter().map(|&i| list.rows[i].id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&day.new), [fresh], "only my area's");
        assert_eq!(day.callbacks.len(), 1);
        assert_eq!(list.rows[day.callbacks[0].row].id, done);
        assert_eq!(day.callbacks_overdue, 1, "done at 40 h, due at 88 h");
        assert_eq!(ids(&day.overdue), [late], "complaint due at 48 h");
        assert_eq!(day.stuck, 1, "no event since it was made");
        assert_eq!((day.coverage.repairs_done, day.coverage.repairs_called), (1, 1));
        assert_eq!(day.coverage.complaints_done, 0, "done before the week started");
        let site = my_day(&list, &reached, &Settings::DEFAULT, None, now, 0);
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
        let day = my_day(&list, &HashSet::new(), &Settings::DEFAULT, Some(&area), now, 0);
        let calls: Vec<&RecordId> = day.callbacks.iter().map(|c| &list.rows[c.row].id).collect();
        assert_eq!(calls, [&repair], "the finding has no resident to call back");
        assert_eq!(rechecks_due(&s, Some(&area)), [finding], "only as a re-check");
        assert_eq!(day.coverage.repairs_done, 1, "the finding is not in the call-back coverage");
    }
}
