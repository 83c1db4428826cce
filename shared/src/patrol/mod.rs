//! Daily patrol (巡查), its findings, their rectification (整改) and re-check (复查), and the
//! supervisors' quality checks (DOMAIN duty 4).
//!
//! The checklists are child kinds, never lists in fields: a `patrol_template` has
//! `patrol_section`s, a section has `patrol_item`s, a single-choice item has `patrol_option`s.
//! A round (`patrol_round`) keeps the template `version` it started with; the items of a
//! version never change ([`template`]), so an old round's report reads as it was answered.
//! Each answer is a `patrol_answer` of its round.
//!
//! Ids that must not double when two tablets act offline are derived, not drawn:
//! - an answer's id from its round, item, building and floor ([`answer_id`]): two tablets
//!   answering the same item of the same round for the same building edit one record;
//! - a finding's rectification request from its answer ([`rectification_id`]): an answer that
//!   flips fail → pass → fail on two tablets names one request, never two.
//!
//! Laws:
//! - [`evaluate`] is the one judge of an answer's result: the form, the report and the score
//!   agree on what failed.
//! - A quality check is a round whose `purpose` is `quality` (only supervisors write it);
//!   its [`score`] is the share of passes among the answers that apply.

pub mod coverage;
mod defaults;
pub mod published;
pub mod template;
pub mod walk;

use crate::ids::RecordId;
use crate::wire_enum::wire_enum;

/// Kind of a checklist.
pub const TEMPLATE: &str = crate::names::kind::PATROL_TEMPLATE;
/// Kind of a checklist's sections (`template` field).
pub const SECTION: &str = crate::names::kind::PATROL_SECTION;
/// Kind of a section's items (`section` field).
pub const ITEM: &str = crate::names::kind::PATROL_ITEM;
/// Kind of a single-choice item's options (`item` field).
pub const OPTION: &str = crate::names::kind::PATROL_OPTION;
/// Kind of a round (a patrol, or a supervisor's quality check).
pub const ROUND: &str = crate::names::kind::PATROL_ROUND;
/// Kind of one answer of a round (`round` field).
pub const ANSWER: &str = crate::names::kind::PATROL_ANSWER;
/// The checklist kinds: the site's reference data, written by supervisors.
pub const CHECKLIST_KINDS: &[&str] = &[TEMPLATE, SECTION, ITEM, OPTION];

wire_enum!(
    /// How an item is answered.
    ItemType {
        /// 合格 / 不合格 / 不适用.
        PassFail = "pass_fail",
        /// A reading; outside the item's `min`..`max` fails.
        Number = "number",
        /// A free text (never fails by itself).
        Text = "text",
        /// One of the item's options; an option marked `fails` fails.
        Choice = "choice",
    }
);

wire_enum!(
    /// The outcome of one answer.
    AnswerResult {
        Pass = "pass",
        /// A finding: it raises a rectification request.
        Fail = "fail",
        /// Not applicable here (no lift in this building).
        Na = "na",
    }
);

wire_enum!(
    /// What a round is for.
    Purpose {
        /// A butler's daily patrol.
        Patrol = "patrol",
        /// A supervisor's quality check (品质检查), scored.
        Quality = "quality",
    }
);

impl Purpose {
    /// Whether `role` may write the answers of a round for this purpose: a quality check's
    /// are the supervisor's (the butler under check never turns its `fail` into `pass`). The
    /// server refuses the rest (`forbidden`); the app's answer form asks the same.
    pub fn answered_by(self, role: crate::Role) -> bool {
        self != Purpose::Quality || role == crate::Role::Supervisor
    }
}

wire_enum!(
    /// What part of the area a section covers (DOMAIN duty 4's list).
    Covers {
        /// 公共区域: stairwells, lifts, grounds, fire equipment.
        Common = "common",
        /// 装修现场: units under renovation.
        Renovation = "renovation",
        /// 空置房: vacant units.
        Vacant = "vacant",
        /// 服务品质: what a supervisor's quality check looks at.
        Service = "service",
    }
);

/// The namespace of the ids derived here (a fixed random UUID: changing it would double
/// every request made before).
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6b1f_3c2e_84d7_4f0a_9e52_1d7c_a3b4_f906);

fn derived(parts: &[&str]) -> RecordId {
    RecordId::derived(&NAMESPACE, parts)
}

/// The id of the answer to `item` in `round` for `building` (and `floor`, when coverage
/// counts floors): the same on every tablet, so two tablets answering it edit one record.
pub fn answer_id(
    round: &RecordId,
    item: &RecordId,
    building: Option<&RecordId>,
    floor: Option<i64>,
) -> RecordId {
    let building = building.map(RecordId::as_str).unwrap_or("");
    let floor = floor.map(|f| f.to_string()).unwrap_or_default();
    derived(&["answer", round.as_str(), item.as_str(), building, &floor])
}

/// The id of the rectification request a failed `answer` raises: derived from the answer,
/// so however often and wherever it fails, there is one request.
pub fn rectification_id(answer: &RecordId) -> RecordId {
    derived(&["rectification", answer.as_str()])
}

/// The id of the copy of `photo` attached to `parent` (a finding's photos are its answer's,
/// copied onto the request so the department that fixes it sees them; the bytes are the
/// same blob): derived, so filing a finding twice copies nothing twice.
pub fn photo_copy_id(photo: &RecordId, parent: &RecordId) -> RecordId {
    derived(&["photo-copy", photo.as_str(), parent.as_str()])
}

/// The request a finding is filed under once `prev` was withdrawn (cancelled when its answer
/// turned to pass): derived from `prev`, so a fail → pass → fail on any tablets names one
/// live request — the first of the chain [`rectification_id`], then `refiled_id` of each
/// cancelled one.
pub fn refiled_id(prev: &RecordId) -> RecordId {
    derived(&["refiled", prev.as_str()])
}

/// The live request of `answer`'s chain: the first that `cancelled` does not reject
/// (bounded: after 64 withdrawals the last is used).
pub fn live_rectification(answer: &RecordId, cancelled: impl Fn(&RecordId) -> bool) -> RecordId {
    let mut id = rectification_id(answer);
    for _ in 0..64 {
        if !cancelled(&id) {
            break;
        }
        id = refiled_id(&id);
    }
    id
}

/// What an answer holds, as the judge sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// The butler's own verdict on a pass/fail item.
    Verdict(AnswerResult),
    /// A reading.
    Number(f64),
    /// A text.
    Text(String),
    /// The chosen option's `fails` flag.
    Option { fails: bool },
    /// Marked not applicable, whatever the type.
    NotApplicable,
}

/// The result of answering an item of `ty` (with its range for numbers) with `value`; `None`
/// when the value does not fit the type (nothing is recorded then).
pub fn evaluate(
    ty: ItemType,
    min: Option<f64>,
    max: Option<f64>,
    value: &Value,
) -> Option<AnswerResult> {
    use AnswerResult::*;
    match (ty, value) {
        (_, Value::NotApplicable) => Some(Na),
        (ItemType::PassFail, Value::Verdict(r)) => Some(*r),
        (ItemType::Number, Value::Number(n)) if n.is_finite() => {
            let inside = min.is_none_or(|m| *n >= m) && max.is_none_or(|m| *n <= m);
            Some(if inside { Pass } else { Fail })
        }
        (ItemType::Text, Value::Text(_)) => Some(Pass),
        (ItemType::Choice, Value::Option { fails }) => Some(if *fails { Fail } else { Pass }),
        _ => None,
    }
}

/// A quality check's score: passes per hundred answers that apply (`None` when none apply).
pub fn score(results: impl IntoIterator<Item = AnswerResult>) -> Option<u32> {
    let (mut pass, mut counted) = (0u32, 0u32);
    for r in results {
        match r {
            AnswerResult::Pass => (pass, counted) = (pass + 1, counted + 1),
            AnswerResult::Fail => counted += 1,
            AnswerResult::Na => {}
        }
    }
    (counted > 0).then(|| (pass * 100 + counted / 2) / counted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(n: u128) -> RecordId {
        RecordId(uuid::Uuid::from_u128(n).to_string())
    }

    #[test]
    fn answers_are_judged_by_type_and_range() {
        use AnswerResult::*;
        let range = |n: f64| evaluate(ItemType::Number, Some(1.0), Some(1.4), &Value::Number(n));
        assert_eq!(
            (range(1.2), range(0.9), range(1.5), range(1.0)),
            (Some(Pass), Some(Fail), Some(Fail), Some(Pass))
        );
        assert_eq!(evaluate(ItemType::Number, None, None, &Value::Number(f64::NAN)), None);
        assert_eq!(evaluate(ItemType::PassFail, None, None, &Value::Verdict(Fail)), Some(Fail));
        assert_eq!(
            evaluate(ItemType::Choice, None, None, &Value::Option { fails: true }),
            Some(Fail)
        );
        assert_eq!(evaluate(ItemType::Text, None, None, &Value::Text("ok".into())), Some(Pass));
        assert_eq!(evaluate(ItemType::Text, None, None, &Value::NotApplicable), Some(Na));
        assert_eq!(evaluate(ItemType::PassFail, None, None, &Value::Number(1.0)), None);
    }

    #[test]
    fn a_score_counts_what_applies() {
        use AnswerResult::*;
        assert_eq!(score([Pass, Pass, Fail, Na]), Some(67));
        assert_eq!(score([Na]), None);
        assert_eq!(score([Pass]), Some(100));
    }

    #[test]
    fn derived_ids_are_valid_and_tell_answers_apart() {
        let (r, i, b) = (id(1), id(2), id(3));
        let a = answer_id(&r, &i, Some(&b), None);
        assert!(a.is_valid() && rectification_id(&a).is_valid());
        assert_ne!(a, answer_id(&r, &i, None, None));
        assert_ne!(a, answer_id(&r, &i, Some(&b), Some(3)));
        assert_ne!(rectification_id(&a), a);
        // A withdrawn finding that fails again goes to the next of its chain, one per step.
        let first = rectification_id(&a);
        assert_eq!(live_rectification(&a, |_| false), first);
        assert_eq!(live_rectification(&a, |r| r == &first), refiled_id(&first));
        assert_ne!(refiled_id(&first), first);
    }

    proptest! {
        /// Two tablets answering the same item of the same round, flipping it between fail
        /// and pass in any order, name one answer and one rectification request.
        #[test]
        fn flips_on_two_tablets_never_make_two_requests(
            round in any::<u128>(), item in any::<u128>(), building in any::<u128>(),
            floor in proptest::option::of(-3i64..60),
            flips_a in proptest::collection::vec(any::<bool>(), 1..8),
            flips_b in proptest::collection::vec(any::<bool>(), 1..8),
        ) {
            let (round, item, building) = (id(round), id(item), id(building));
            let mut requests = std::collections::BTreeSet::new();
            for fails in flips_a.iter().chain(&flips_b) {
                // Each tablet derives the ids itself, with no shared state.
                let answer = answer_id(&round, &item, Some(&building), floor);
                if *fails {
                    requests.insert(rectification_id(&answer));
                }
            }
            prop_assert!(requests.len() <= 1);
            let other = answer_id(&round, &item, Some(&building), floor.map(|f| f + 1).or(Some(0)));
            prop_assert_ne!(rectification_id(&other), rectification_id(&answer_id(&round, &item, Some(&building), floor)));
        }
    }
}
