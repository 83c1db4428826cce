//! The walk of a round as the patrol page shows it: how far the butler is in the building
//! (or floor) at hand, what a renovation or vacant-unit section looks at there, and whether a
//! reading became a finding.
//!
//! Laws:
//! - Progress counts the checklist's items (of the round's version) answered for the spot at
//!   hand — the building and floor walked, or no building for a quality check — over all of
//!   them; an answer for another building or floor does not count here.
//! - A reading outside its item's range is a finding ([`shared::patrol::evaluate`]); the walk
//!   says so on the item, with the range.

use super::*;
use shared::patrol::walk::units_to_look_at;
use shared::patrol::ItemType;

/// How many items of `round`'s checklist are answered for `building` and `floor`, of all.
pub fn progress(
    state: &ReplicaState,
    round: &RoundView,
    building: Option<&RecordId>,
    floor: Option<i64>,
) -> (usize, usize) {
    let items: Vec<RecordId> = template::checklist(state, &round.template, round.version)
        .into_iter()
        .flat_map(|(_, items)| items.into_iter().map(|i| i.id))
        .collect();
    let answered = answers(state, &round.id)
        .into_iter()
        .filter(|a| a.result.is_some() && a.building.as_ref() == building && a.floor == floor)
        .filter(|a| items.contains(&a.item))
        .count();
    (answered, items.len())
}

/// What patrol round `round` has not walked of its area, as the walk and the report name it
/// ("3栋", or "3栋 2F" when the site counts floors), in the area's order; empty for a full
/// round, a quality check, or a round not on the device.
pub fn not_walked(state: &ReplicaState, round: &RecordId) -> Vec<String> {
    let settings = super::super::deadlines::settings(state);
    let patrol = self::round(state, round).is_some_and(|r| r.purpose == Purpose::Patrol);
    let walk = patrol.then(|| shared::patrol::walk::round_walk(state, round, &settings));
    let missed = walk.flatten().map(|w| w.missed).unwrap_or_default();
    missed
        .into_iter()
        .map(|(spot, name)| match spot.floor {
            Some(f) => format!("{name} {f}F"),
            None => name,
        })
        .collect()
}

/// Whether answer `a` to `item` is a reading outside the item's range, so a finding.
pub fn reading_is_finding(item: &Item, a: &AnswerView) -> bool {
    item.ty == ItemType::Number && a.number.is_some() && a.result == Some(AnswerResult::Fail)
}

/// The unit numbers a section covering `covers` looks at in `building` (on `floor`): the
/// units the register says are being renovated, or empty (`shared::patrol::walk`).
pub fn units_of_section(
    state: &ReplicaState,
    covers: Option<shared::patrol::Covers>,
    building: Option<&RecordId>,
    floor: Option<i64>,
) -> Option<Vec<String>> {
    let covers = covers.filter(|c| c.unit_state().is_some())?;
    let b = building?;
    Some(units_to_look_at(state, b, floor, covers).into_iter().map(|(_, n)| n).collect())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use shared::patrol::template::{default_id, PATROL_TEMPLATE};
    use shared::patrol::Covers;
    use shared::{Hlc, ReplicaId, Role};

    fn apply(s: &mut ReplicaState, edits: Vec<FieldEdit>) {
        for e in edits {
            let hlc = Hlc::new(s.len() as u64 * 100 + 1 + e.field.len() as u64, 0);
            s.apply(&e.into_change(hlc, ReplicaId::server(), None));
        }
    }

    #[test]
    fn progress_counts_the_items_answered_here_and_a_low_reading_is_a_finding() {
        let mut s = ReplicaState::new();
        let (area, b1, b2) = (RecordId::new_v7(), RecordId::new_v7(), RecordId::new_v7());
        let actor = Actor { staff: String::new(), role: Role::Butler, device: "t".into(), at: 5 };
        let t = template::template(&s, &default_id(PATROL_TEMPLATE)).unwrap();
        let id = RecordId::new_v7();
        apply(&mut s, start_round_edits(&id, &t, &area, None, None, &actor));
        let r = round(&s, &id).unwrap();
        let all = template::checklist(&s, &t.id, t.version).iter().map(|(_, i)| i.len()).sum();
        assert_eq!(progress(&s, &r, Some(&b1), None), (0, all));
        let gauge = template::item(&s, &default_id(103)).unwrap(); // 1.0–1.4 MPa
        let lift = template::item(&s, &default_id(104)).unwrap();
        let pass = AnswerValue::Verdict(AnswerResult::Pass);
        let e = answer_edits(&s, &id, &lift, (Some(&b1), None), &pass, "", &actor).unwrap();
        apply(&mut s, e);
        let low = AnswerValue::Number(0.6);
        let e = answer_edits(&s, &id, &gauge, (Some(&b1), None), &low, "", &actor).unwrap();
        apply(&mut s, e);
        let e = answer_edits(&s, &id, &lift, (Some(&b2), None), &pass, "", &actor).unwrap();
        apply(&mut s, e);
        assert_eq!(progress(&s, &r, Some(&b1), None), (2, all), "two items of 1栋");
        assert_eq!(progress(&s, &r, Some(&b2), None), (1, all), "another building apart");
        let a = |s: &ReplicaState, item: &RecordId| {
            let want = shared::patrol::answer_id(&id, item, Some(&b1), None);
            answers(s, &id).into_iter().find(|a| a.id == want).unwrap()
        };
        assert!(reading_is_finding(&gauge, &a(&s, &gauge.id)), "0.6 is below 1.0");
        assert!(!reading_is_finding(&lift, &a(&s, &lift.id)), "a verdict is not a reading");
        let ok = AnswerValue::Number(1.2);
        let e = answer_edits(&s, &id, &gauge, (Some(&b1), None), &ok, "", &actor).unwrap();
        apply(&mut s, e);
        assert!(!reading_is_finding(&gauge, &a(&s, &gauge.id)), "1.2 is inside");
    }

    #[test]
    fn a_vacant_section_lists_the_buildings_vacant_units() {
        let mut s = ReplicaState::new();
        let b = RecordId::new_v7();
        for (n, state) in [("1-0101", "vacant"), ("1-0102", "occupied"), ("1-0201", "vacant")] {
            let u = RecordId::new_v7();
            apply(
                &mut s,
                vec![
                    FieldEdit::new(kind::UNIT, &u, field::BUILDING, json!(b)),
                    FieldEdit::new(kind::UNIT, &u, field::NUMBER, json!(n)),
                    FieldEdit::new(kind::UNIT, &u, field::STATE, json!(state)),
                ],
            );
        }
        let of = |c: Option<Covers>| units_of_section(&s, c, Some(&b), None);
        assert_eq!(of(Some(Covers::Vacant)), Some(vec!["1-0101".into(), "1-0201".into()]));
        assert_eq!(of(Some(Covers::Renovation)), Some(vec![]), "none renovating: said so");
        assert_eq!(of(Some(Covers::Common)), None, "the building as a whole");
        assert_eq!(units_of_section(&s, Some(Covers::Vacant), None, None), None);
    }
}
