//! Satisfaction surveys (issue 25) on both databases: the office starts a survey per area
//! and the area's butler answers it; another area's butler holds none of it and is refused
//! `out_of_scope`; department staff hold no survey and no answer; a butler may not start a
//! survey (`Writers::Office`); bad values are refused and change nothing.

use super::{codes, holds, scene, set_now as set, unit};
use crate::support::Backend::{self, Postgres, Sqlite};
use crate::support::{fixture_id, now};
use rstest::rstest;
use serde_json::json;
use shared::names::{field as f, kind as k};
use shared::survey::answer_id;
use shared::{Change, RecordId, RejectCode};

fn survey(id: &RecordId, area: usize, replica: &str) -> Vec<Change> {
    let day = 86_400_000_i64;
    set(
        k::SURVEY,
        id,
        &[
            (f::AREA, json!(fixture_id(&format!("area-{area}")).0)),
            (f::NAME, json!("第四季度满意度调查")),
            (f::PERIOD_START, json!(1_790_000_000_000_i64)),
            (f::PERIOD_END, json!(1_790_000_000_000_i64 + 90 * day)),
            (f::TOPICS, json!("security,cleaning")),
            (f::OFFICE_BUILDING, json!(false)),
            (f::SAMPLE_PCT, json!(100)),
            (f::SEED, json!(7)),
        ],
        replica,
    )
}

fn answer(survey: &RecordId, u: usize, replica: &str) -> (RecordId, Vec<Change>) {
    let id = answer_id(survey, &unit(u));
    let c = set(
        k::SURVEY_ANSWER,
        &id,
        &[
            (f::SURVEY, json!(survey.0)),
            (f::UNIT, json!(unit(u).0)),
            (f::METHOD, json!("door")),
            (f::OUTCOME, json!("answered")),
            (f::SCORE_SECURITY, json!("satisfied")),
            (f::SCORE_CLEANING, json!("neutral")),
            (f::AT, json!(now())),
        ],
        replica,
    );
    (id, c)
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_survey_and_its_answers_stay_in_their_area(#[values(Sqlite, Postgres)] b: Backend) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    let (s0, s1) = (RecordId::new_v7(), RecordId::new_v7());
    let mut c = survey(&s0, 0, "o");
    c.extend(survey(&s1, 1, "o"));
    assert!(codes(&sc, &t.office, "o", 1, c).await.is_empty());
    // The butler of area 0 answers door to door in their own area.
    let (a0, c) = answer(&s0, 0, "b");
    assert!(codes(&sc, &t.butler, "b", 1, c).await.is_empty());
    assert_eq!(sc.value(&t.office, &a0, f::SCORE_SECURITY).await, Some(json!("satisfied")));
    // A retry from another device writes the same record: still one answer.
    let (again, c) = answer(&s0, 0, "b-tab2");
    assert_eq!(again, a0);
    assert!(codes(&sc, &t.butler, "b-tab2", 1, c).await.is_empty());
    let answers =
        sc.snapshot(&t.office).await.into_iter().filter(|c| c.kind.as_str() == k::SURVEY_ANSWER);
    let ids: std::collections::BTreeSet<RecordId> = answers.map(|c| c.id).collect();
    assert_eq!(ids.len(), 1);
    // Another area's butler holds none of it, and writing to it is out of scope: an answer
    // for area 0's household, or a change to area 0's survey or answer.
    let (_, theirs) = answer(&s0, 0, "b2");
    assert!(codes(&sc, &t.butler2, "b2", 1, theirs).await.contains(&RejectCode::OutOfScope));
    let edit = set(k::SURVEY_ANSWER, &a0, &[(f::OUTCOME, json!("refused"))], "b2");
    assert!(codes(&sc, &t.butler2, "b2", 2, edit).await.contains(&RejectCode::OutOfScope));
    assert_eq!(sc.value(&t.office, &a0, f::OUTCOME).await, Some(json!("answered")));
    // Their own area's survey and household are theirs.
    let (a1, mine) = answer(&s1, 1, "b2");
    assert!(codes(&sc, &t.butler2, "b2", 3, mine).await.is_empty());
    for (who, token, area0, area1) in [
        ("office", &t.office, true, true),
        ("boss", &t.boss, true, true),
        ("butler", &t.butler, true, false),
        ("butler2", &t.butler2, false, true),
        ("工程部", &t.fixer, false, false),
    ] {
        let snap = sc.snapshot(token).await;
        assert_eq!(holds(&snap, &s0) && holds(&snap, &a0), area0, "{who}: area 0");
        assert_eq!(holds(&snap, &s1) && holds(&snap, &a1), area1, "{who}: area 1");
        assert_eq!(holds(&snap, &s0) || holds(&snap, &a0), area0, "{who}: none of area 0");
    }
}

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_office_starts_a_survey_and_bad_values_are_refused(
    #[values(Sqlite, Postgres)] b: Backend,
) {
    let Some(sc) = scene(b).await else { return };
    let t = &sc.tokens;
    // A butler may not start a survey, even of their own area (`Writers::Office`).
    let mine = RecordId::new_v7();
    assert!(codes(&sc, &t.butler, "b", 1, survey(&mine, 0, "b"))
        .await
        .contains(&RejectCode::Forbidden));
    assert!(!holds(&sc.snapshot(&t.office).await, &mine), "never made");
    // Department staff neither.
    let theirs = RecordId::new_v7();
    let refused = codes(&sc, &t.fixer, "fx", 1, survey(&theirs, 0, "fx")).await;
    assert!(!refused.is_empty(), "{refused:?}");
    // The supervisor may.
    let s = RecordId::new_v7();
    assert!(codes(&sc, &t.boss, "boss", 1, survey(&s, 0, "boss")).await.is_empty());
    // Bad values: a sample share out of 1–100, an unknown outcome or score.
    for (seq, bad) in [(2, json!(0)), (3, json!(101)), (4, json!("half"))] {
        let c = set(k::SURVEY, &s, &[(f::SAMPLE_PCT, bad)], "boss");
        assert_eq!(codes(&sc, &t.boss, "boss", seq, c).await, [RejectCode::BadValue]);
    }
    assert_eq!(sc.value(&t.office, &s, f::SAMPLE_PCT).await, Some(json!(100)));
    let (a, mut c) = answer(&s, 0, "b");
    assert!(codes(&sc, &t.butler, "b", 2, std::mem::take(&mut c)).await.is_empty());
    for (seq, (field, bad)) in [
        (3, (f::OUTCOME, json!("maybe"))),
        (4, (f::SCORE_SECURITY, json!("great"))),
        (5, (f::METHOD, json!("fax"))),
    ] {
        let c = set(k::SURVEY_ANSWER, &a, &[(field, bad)], "b");
        assert_eq!(codes(&sc, &t.butler, "b", seq, c).await, [RejectCode::BadValue], "{field}");
    }
    // An answer's survey and unit are set once.
    let moved = set(k::SURVEY_ANSWER, &a, &[(f::UNIT, json!(unit(1).0))], "o");
    assert!(!codes(&sc, &t.office, "o", 1, moved).await.is_empty());
    assert_eq!(sc.value(&t.office, &a, f::OUTCOME).await, Some(json!("answered")));
    assert_eq!(sc.value(&t.office, &a, f::UNIT).await, Some(json!(unit(0).0)));
    // A household of another area answering area 0's survey, and an answer under an id
    // of its own (a retry would double it): refused whole, nothing stored.
    let (_, mut foreign) = answer(&s, 1, "o");
    let wrong_area = answer_id(&s, &unit(1));
    let other_id = RecordId::new_v7();
    let (_, mut loose) = answer(&s, 0, "o");
    for c in &mut loose {
        c.id = other_id.clone();
    }
    for (seq, (id, batch)) in [(2, (&wrong_area, &mut foreign)), (3, (&other_id, &mut loose))] {
        let n = batch.len();
        let got = codes(&sc, &t.office, "o", seq, std::mem::take(batch)).await;
        assert_eq!(got, vec![RejectCode::BadValue; n], "{id:?}");
        assert!(sc.value(&t.office, id, f::OUTCOME).await.is_none_or(|v| v.is_null()));
    }
}
