use super::facts::{AnswerFact, SurveyFact, SurveyFacts};
use super::results::{results, Results};
use super::sample::{draw, sample};
use super::*;
use crate::names::kind;
use crate::replica::ReplicaState;
use crate::report::period::DAY_MS;
use crate::request::deadline::Settings;
use crate::{Change, Hlc, Kind, ReplicaId};
use serde_json::{json, Value};

fn id(n: u32) -> RecordId {
    RecordId::from(format!("00000000-0000-7000-8000-{n:012}"))
}

fn put(s: &mut ReplicaState, k: &str, id: &RecordId, fields: &[(&str, Value)]) {
    for (f, v) in fields {
        let n = s.len() as u64 + 1;
        s.apply(&Change {
            kind: Kind::new(k),
            id: id.clone(),
            field: (*f).into(),
            value: v.clone(),
            hlc: Hlc::new(n * 100 + f.len() as u64, 0),
            replica: ReplicaId::from("t"),
            prev: None,
        });
    }
}

const Q: i64 = 91 * DAY_MS;

fn survey(n: u32, start: i64, pct: i64) -> SurveyFact {
    SurveyFact {
        id: id(n),
        area: Some(id(1000)),
        name: "Q".into(),
        start: Some(start),
        end: Some(start + Q - DAY_MS),
        topics: vec![SurveyTopic::Security, SurveyTopic::Cleaning],
        office_building: false,
        sample_pct: pct,
        seed: 7,
    }
}

fn answer(survey: u32, unit: u32, outcome: SurveyOutcome, scores: &[Satisfaction]) -> AnswerFact {
    let topics = [SurveyTopic::Security, SurveyTopic::Cleaning];
    AnswerFact {
        id: answer_id(&id(survey), &id(unit)),
        survey: id(survey),
        unit: id(unit),
        person: None,
        method: Some(SurveyMethod::Door),
        outcome: Some(outcome),
        scores: topics.iter().copied().zip(scores.iter().copied()).collect(),
        comment: String::new(),
        at: Some(10 * Q),
        by: None,
    }
}

#[test]
fn topics_round_trip_and_empty_means_all() {
    let t = SurveyTopic::list("cleaning, nonsense,security,cleaning");
    assert_eq!(t, vec![SurveyTopic::Security, SurveyTopic::Cleaning]);
    assert_eq!(SurveyTopic::join(&t), "security,cleaning");
    assert_eq!(SurveyTopic::list(""), SurveyTopic::ALL.to_vec());
    let fields: std::collections::BTreeSet<_> =
        SurveyTopic::ALL.iter().map(|t| t.score_field()).collect();
    assert_eq!(fields.len(), SurveyTopic::ALL.len());
    assert!(fields.iter().all(|f| crate::names::field::ALL.contains(f)));
}

#[test]
fn answer_ids_are_one_per_household_and_survey() {
    assert_eq!(answer_id(&id(1), &id(2)), answer_id(&id(1), &id(2)));
    assert_ne!(answer_id(&id(1), &id(2)), answer_id(&id(1), &id(3)));
    assert_ne!(answer_id(&id(1), &id(2)), answer_id(&id(4), &id(2)));
    assert!(answer_id(&id(1), &id(2)).is_valid());
}

#[test]
fn sample_pct_is_one_to_a_hundred() {
    assert!(check_sample_pct(&json!(1)).is_ok());
    assert!(check_sample_pct(&json!(100)).is_ok());
    assert!(check_sample_pct(&Value::Null).is_ok());
    for bad in [json!(0), json!(101), json!(-5), json!("50"), json!(2.5)] {
        assert!(check_sample_pct(&bad).is_err(), "{bad}");
    }
}

#[test]
fn the_draw_is_deterministic_and_near_its_share() {
    let units: Vec<RecordId> = (1..=2000).map(id).collect();
    let drawn = units.iter().filter(|u| draw(7, u) < 30).count();
    assert!((500..700).contains(&drawn), "{drawn} of 2000 at 30 %");
    assert!(units.iter().all(|u| draw(7, u) == draw(7, u) && (0..100).contains(&draw(7, u))));
    let other = units.iter().filter(|u| (draw(7, u) < 30) != (draw(8, u) < 30)).count();
    assert!(other > 0, "another seed draws another sample");
    let s = survey(1, 10 * Q, 100);
    assert_eq!(sample(&s, &units, &[], None).len(), units.len());
}

#[test]
fn complainants_join_the_sample() {
    let s = survey(2, 10 * Q, 1);
    let prev = survey(1, 9 * Q, 100);
    let homes: Vec<RecordId> = (1..=200).map(id).collect();
    let not_drawn: Vec<&RecordId> = homes.iter().filter(|u| draw(7, u) >= 1).collect();
    let (a, b, c, d) = (not_drawn[0], not_drawn[1], not_drawn[2], not_drawn[3]);
    let complaints = vec![
        (a.clone(), 9 * Q + DAY_MS), // since the last survey began: in
        (b.clone(), 9 * Q - DAY_MS), // before it: out
        (id(999), 9 * Q + DAY_MS),   // not a household: out
    ];
    let unhappy = answer(1, 0, SurveyOutcome::Answered, &[Satisfaction::Dissatisfied]);
    let unhappy = AnswerFact { unit: c.clone(), ..unhappy };
    let content = AnswerFact { unit: d.clone(), ..answer(1, 0, SurveyOutcome::Answered, &[]) };
    let last = [unhappy, content];
    let got = sample(&s, &homes, &complaints, Some((&prev, &last)));
    let marked: Vec<&RecordId> = got.iter().filter(|e| e.complainant).map(|e| &e.unit).collect();
    assert_eq!(marked, {
        let mut m = vec![a, c];
        m.sort();
        m
    });
    assert!(got.iter().all(|e| e.drawn || e.complainant));
    // Without a previous survey, a quarter back from this one's start.
    let first = sample(&s, &homes, &complaints, None);
    assert!(first.iter().any(|e| &e.unit == b && e.complainant));
}

fn figures(answers: &[AnswerFact], office: bool) -> Results {
    let s = SurveyFact { office_building: office, ..survey(1, 10 * Q, 100) };
    let homes: Vec<RecordId> = (1..=10).map(id).collect();
    results(&s, &sample(&s, &homes, &[], None), answers, &Settings::DEFAULT)
}

#[test]
fn coverage_return_and_satisfaction_on_hand_counted_answers() {
    use Satisfaction::*;
    use SurveyOutcome::*;
    let answers = vec![
        answer(1, 1, Answered, &[Satisfied, Satisfied]),
        answer(1, 2, Answered, &[Satisfied, Dissatisfied]),
        answer(1, 3, Answered, &[Neutral]),
        answer(1, 4, Refused, &[]),
        answer(1, 5, NotHome, &[]),
    ];
    let r = figures(&answers, false);
    assert_eq!((r.sample, r.approached, r.handed_out, r.returned), (10, 4, 4, 3));
    assert_eq!(r.coverage_permille(), Some(400));
    assert_eq!(r.coverage_met(), Some(false));
    assert_eq!(r.return_permille(), Some(750));
    assert_eq!(r.return_met(), Some(true));
    assert_eq!(r.topic(SurveyTopic::Security).scored, 3);
    assert_eq!(r.topic(SurveyTopic::Security).permille(), Some(666));
    assert_eq!(r.topic(SurveyTopic::Cleaning).permille(), Some(500));
    assert_eq!(r.raw_permille(), Some(600));
    assert_eq!(r.penalty_points(), 0);
    assert_eq!(r.adjusted_permille(), Some(600));
    // An office building's target is 90 %: 75 % is 15 points short, 3 points off.
    let o = figures(&answers, true);
    assert_eq!((o.return_target_pct, o.penalty_points()), (90, 3));
    assert_eq!(o.adjusted_permille(), Some(570));
}

#[test]
fn each_full_five_points_short_costs_one_point() {
    use SurveyOutcome::*;
    // 100 handed out, target 70: returned 70 → 0, 66 → 0 (4 short), 65 → 1, 60 → 2, 0 → 14.
    for (returned, points) in [(70, 0), (66, 0), (65, 1), (61, 1), (60, 2), (0, 14)] {
        let r = Results {
            sample: 100,
            approached: 100,
            handed_out: 100,
            returned,
            coverage_target_pct: 100,
            return_target_pct: 70,
            topics: vec![],
            scored: 10,
            satisfied: 1,
        };
        assert_eq!(r.penalty_points(), points, "{returned}");
        assert_eq!(r.adjusted_permille(), Some((100 - 10 * points).max(0)));
    }
    // A later answer of the same household replaces the earlier one.
    let mut second = answer(1, 1, Answered, &[Satisfaction::Satisfied]);
    second.id = id(77);
    second.at = Some(11 * Q);
    let r = figures(&[answer(1, 1, Refused, &[]), second], false);
    assert_eq!((r.handed_out, r.returned), (1, 1));
    assert_eq!(figures(&[], false).adjusted_permille(), None);
}

#[test]
fn facts_read_a_replica_and_find_last_quarter() {
    let mut s = ReplicaState::new();
    let (a, b) = (id(1000), id(2000));
    put(&mut s, kind::BUILDING, &id(100), &[(field::AREA, json!(a))]);
    put(&mut s, kind::BUILDING, &id(200), &[(field::AREA, json!(b))]);
    for u in 1..=4 {
        put(&mut s, kind::UNIT, &id(u), &[(field::BUILDING, json!(id(100)))]);
    }
    put(&mut s, kind::UNIT, &id(5), &[(field::BUILDING, json!(id(200)))]);
    for u in [1, 2, 5] {
        put(&mut s, kind::UNIT_PERSON, &id(50 + u), &[(field::UNIT, json!(id(u)))]);
    }
    for (n, area, start) in [(10, &a, 9 * Q), (11, &a, 10 * Q), (12, &b, 10 * Q)] {
        put(
            &mut s,
            kind::SURVEY,
            &id(n),
            &[
                (field::AREA, json!(area)),
                (field::NAME, json!("Q")),
                (field::PERIOD_START, json!(start)),
                (field::PERIOD_END, json!(start + Q - DAY_MS)),
                (field::TOPICS, json!("security")),
                (field::SAMPLE_PCT, json!(100)),
            ],
        );
    }
    let ans = answer_id(&id(11), &id(1));
    put(
        &mut s,
        kind::SURVEY_ANSWER,
        &ans,
        &[
            (field::SURVEY, json!(id(11))),
            (field::UNIT, json!(id(1))),
            (field::OUTCOME, json!("answered")),
            (field::SCORE_SECURITY, json!("satisfied")),
            (field::SCORE_CLEANING, json!("bogus")),
        ],
    );
    let facts = SurveyFacts::of(&s, 20 * Q);
    let now = facts.survey(&id(11)).unwrap();
    assert_eq!(facts.previous(now).map(|p| &p.id), Some(&id(10)));
    assert_eq!(facts.previous(facts.survey(&id(10)).unwrap()), None);
    assert_eq!(facts.siblings(now).len(), 2, "this quarter, both areas");
    let units: Vec<RecordId> = facts.sample_of(now).into_iter().map(|e| e.unit).collect();
    assert_eq!(units, vec![id(1), id(2)], "area A's households only");
    let r = facts.results_of(now, &Settings::DEFAULT);
    assert_eq!((r.sample, r.returned, r.scored, r.satisfied), (2, 1, 1, 1));
    assert_eq!(facts.answers[0].scores, vec![(SurveyTopic::Security, Satisfaction::Satisfied)]);
}
