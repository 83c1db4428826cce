//! The daily review of unfinished requests (each day at `review_minute`, 17:30 by default):
//! every request still in work, repairs first, with today's reason why it is not done. A
//! reason is a `review` event, so the history keeps every day's.

use super::deadlines::in_work;
use super::flow::{event_edits, Actor, EventText};
use super::RequestList;
use crate::sync::FieldEdit;
use shared::names::field;
use shared::replica::ReplicaState;
use shared::request::history::{EventType, EVENT};
use shared::request::Category;
use shared::RecordId;
use std::collections::HashMap;

/// The rows to review: in work, repairs first, then the oldest first.
pub fn review_rows(list: &RequestList) -> Vec<usize> {
    let mut out: Vec<usize> =
        (0..list.rows.len()).filter(|&i| in_work(list.rows[i].status)).collect();
    out.sort_by_key(|&i| {
        let r = &list.rows[i];
        (r.category != Some(Category::Repair), r.created_at.unwrap_or(i64::MAX))
    });
    out
}

/// Each request's latest review reason given at or after `day_start` (today's).
pub fn todays_reasons(state: &ReplicaState, day_start: i64) -> HashMap<RecordId, String> {
    let mut latest: HashMap<RecordId, (i64, String)> = HashMap::new();
    for (_, f) in state.records_of(EVENT) {
        let at = f.int(field::AT).unwrap_or(i64::MIN);
        if f.parsed(field::TYPE, EventType::parse) != Some(EventType::Review) || at < day_start {
            continue;
        }
        let entry = latest.entry(RecordId(f.string(field::REQUEST))).or_insert((at, String::new()));
        if at >= entry.0 {
            *entry = (at, f.string(field::NOTE));
        }
    }
    latest.into_iter().map(|(id, (_, note))| (id, note)).collect()
}

/// Why a reason cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewError {
    /// The reason is blank.
    ReasonRequired,
}

/// The `review` event of `request` with `reason` as its note.
pub fn review_edits(
    request: &RecordId,
    reason: &str,
    actor: &Actor,
) -> Result<Vec<FieldEdit>, ReviewError> {
    if reason.trim().is_empty() {
        return Err(ReviewError::ReasonRequired);
    }
    let text = EventText { note: reason.trim().into(), ..EventText::default() };
    Ok(event_edits(request, EventType::Review, &text, actor))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::json;
    use shared::{Hlc, ReplicaId, Role};
    use std::collections::BTreeSet;

    fn apply(s: &mut ReplicaState, edits: Vec<FieldEdit>) {
        for (n, e) in edits.into_iter().enumerate() {
            let hlc = Hlc::new(s.len() as u64 * 100 + n as u64 + 1, 0);
            s.apply(&e.into_change(hlc, ReplicaId::server(), None));
        }
    }

    #[test]
    fn unfinished_repairs_come_first_and_each_day_keeps_its_reason() {
        let mut s = ReplicaState::new();
        let mut req = |status: &str, category: &str, at: i64| {
            let id = RecordId::new_v7();
            let r = |f: &str, v| FieldEdit::new("request", &id, f, v);
            let edits = vec![
                r(field::STATUS, json!(status)),
                r(field::CATEGORY, json!(category)),
                r(field::CREATED_AT, json!(at)),
            ];
            apply(&mut s, edits);
            id
        };
        let inquiry = req("assigned", "inquiry", 1);
        let repair = req("in_progress", "repair", 5);
        let _done = req("done", "repair", 0);
        let list = RequestList::build(&s, &BTreeSet::new());
        let rows: Vec<RecordId> =
            review_rows(&list).into_iter().map(|i| list.rows[i].id.clone()).collect();
        assert_eq!(rows, [repair.clone(), inquiry]);

        let mut actor =
            Actor { staff: RecordId::new_v7().0, role: Role::Butler, device: "t".into(), at: 100 };
        assert_eq!(review_edits(&repair, "  ", &actor), Err(ReviewError::ReasonRequired));
        let edits = review_edits(&repair, "等配件", &actor).unwrap();
        FieldEdit::assert_fit_the_schema(&edits);
        apply(&mut s, edits);
        actor.at = 200;
        apply(&mut s, review_edits(&repair, "配件明天到", &actor).unwrap());
        assert_eq!(todays_reasons(&s, 150).get(&repair).map(String::as_str), Some("配件明天到"));
        assert_eq!(todays_reasons(&s, 250).get(&repair), None, "a new day has no reason yet");
        let kept =
            s.records_of(EVENT).filter(|(_, f)| f.text(field::TYPE) == Some("review")).count();
        assert_eq!(kept, 2, "the history keeps every day's reason");
    }
}
