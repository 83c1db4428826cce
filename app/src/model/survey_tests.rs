//! The survey forms' edits are what the server keeps (pushed to the model server, judged by
//! the server's own rules and scope), bad input writes nothing, and the pages' sample and
//! results on a hand-counted fixture.

use super::rules_tests::{actor, id, put, Device};
use super::survey::{may_answer, may_create, results_view, sample_rows, survey_rows};
use super::survey_form::{answer_edits, new_survey_edits, AnswerForm, NewSurveyForm, SurveyError};
use super::survey_xlsx::results_workbook;
use crate::i18n::Lang;
use serde_json::json;
use shared::names::{field, kind};
use shared::replica::ReplicaState;
use shared::request::deadline::Settings;
use shared::request::Satisfaction;
use shared::survey::facts::SurveyFacts;
use shared::survey::{answer_id, SurveyMethod, SurveyOutcome, SurveyTopic};
use shared::{Kind, RecordId, RejectCode, Role};

/// Area 1000 (building 100: units 1–3 occupied, 4 vacant), area 2000 (building 200: unit 7).
fn site(s: &mut ReplicaState) {
    put(s, kind::AREA, &id(1000), &[(field::NAME, json!("东区"))]);
    put(s, kind::AREA, &id(2000), &[(field::NAME, json!("西区"))]);
    for (b, a, name) in [(100, 1000, "1号楼"), (200, 2000, "9号楼")] {
        put(s, kind::BUILDING, &id(b), &[(field::AREA, json!(id(a))), (field::NAME, json!(name))]);
    }
    for (u, b, number) in
        [(1, 100, "101"), (2, 100, "102"), (3, 100, "103"), (4, 100, "104"), (7, 200, "901")]
    {
        put(
            s,
            kind::UNIT,
            &id(u),
            &[(field::BUILDING, json!(id(b))), (field::NUMBER, json!(number))],
        );
    }
    for (link, u, p) in [(11, 1, 21), (12, 2, 22), (13, 3, 23), (17, 7, 27)] {
        put(s, kind::PERSON, &id(p), &[(field::NAME, json!(format!("住户{u}")))]);
        put(
            s,
            kind::UNIT_PERSON,
            &id(link),
            &[(field::UNIT, json!(id(u))), (field::PERSON, json!(id(p)))],
        );
    }
}

fn device(role: Role, area: Option<u32>) -> Device {
    let mut d = Device::new(role);
    site(&mut d.server.state);
    d.scoped(role, area.map(id).as_ref());
    d
}

fn new_form() -> NewSurveyForm {
    NewSurveyForm {
        areas: vec![id(1000), id(2000)],
        name: " 2026年第四季度满意度调查 ".into(),
        start: "2026-10-01".into(),
        end: "2026-12-31".into(),
        topics: vec![SurveyTopic::Cleaning, SurveyTopic::Security],
        office_building: false,
        sample_pct: String::new(),
    }
}

fn answered(scores: &[(SurveyTopic, Satisfaction)]) -> AnswerForm {
    AnswerForm {
        method: Some(SurveyMethod::Door),
        outcome: Some(SurveyOutcome::Answered),
        person: Some(id(21)),
        scores: scores.to_vec(),
        comment: " 楼道保洁不错 ".into(),
    }
}

/// The office starts the round (one survey per area); ids 500, 501.
fn start_round(d: &mut Device) {
    let mut n = 499;
    let mut fresh = || {
        n += 1;
        id(n)
    };
    let edits = new_survey_edits(&new_form(), &actor(Role::Office), 480, &mut fresh).unwrap();
    assert_eq!(d.push(edits), []);
}

#[test]
fn the_office_starts_a_survey_per_area_and_a_butler_answers_in_their_own() {
    let mut office = device(Role::Office, None);
    start_round(&mut office);
    let name = office.server.state.field(&Kind::new(kind::SURVEY), &id(501), field::NAME);
    assert_eq!(name.map(|s| s.value.clone()), Some(json!("2026年第四季度满意度调查")));
    // The butler of area 1000, on a replica that holds the surveys.
    let mut d = device(Role::Butler, Some(1000));
    d.server.state = office.server.state.clone();
    let scores = [(SurveyTopic::Cleaning, Satisfaction::Satisfied)];
    let edits = answer_edits(
        &id(500),
        &id(1),
        &[SurveyTopic::Cleaning],
        &answered(&scores),
        &actor(Role::Butler),
    )
    .unwrap();
    assert_eq!(d.push(edits), []);
    let a = answer_id(&id(500), &id(1));
    let stored = |f: &str| {
        d.server.state.field(&Kind::new(kind::SURVEY_ANSWER), &a, f).map(|s| s.value.clone())
    };
    assert_eq!(stored(field::SCORE_CLEANING), Some(json!("satisfied")));
    assert_eq!(stored(field::COMMENT), Some(json!("楼道保洁不错")), "trimmed");
    // Asked again (a second device, a retry): the same record, not a second one.
    let again = answer_edits(
        &id(500),
        &id(1),
        &[SurveyTopic::Cleaning],
        &answered(&scores),
        &actor(Role::Butler),
    )
    .unwrap();
    assert_eq!(d.push(again), []);
    assert_eq!(d.server.state.records_of(kind::SURVEY_ANSWER).count(), 1);
    // Area 2000's household and survey are another area's.
    let edits = answer_edits(
        &id(501),
        &id(7),
        &[SurveyTopic::Cleaning],
        &answered(&scores),
        &actor(Role::Butler),
    )
    .unwrap();
    assert!(d.push(edits).contains(&RejectCode::OutOfScope));
}

#[test]
fn only_the_office_and_supervisors_start_a_survey() {
    assert!(may_create(Role::Office) && may_create(Role::Supervisor));
    assert!(!may_create(Role::Butler) && !may_create(Role::Department));
    assert!(may_answer(Role::Butler) && may_answer(Role::Office) && !may_answer(Role::Department));
    let mut d = device(Role::Butler, Some(1000));
    let mut n = 600;
    let form = NewSurveyForm { areas: vec![id(1000)], ..new_form() };
    let edits = new_survey_edits(&form, &actor(Role::Butler), 480, || {
        n += 1;
        id(n)
    })
    .unwrap();
    assert!(d.push(edits).contains(&RejectCode::Forbidden));
    assert_eq!(d.server.state.records_of(kind::SURVEY).count(), 0);
}

#[test]
fn bad_input_is_named_and_writes_nothing() {
    let a = actor(Role::Office);
    let n = |f: NewSurveyForm| new_survey_edits(&f, &a, 480, RecordId::new_v7).err();
    assert_eq!(n(new_form()), None);
    assert_eq!(n(NewSurveyForm { areas: vec![], ..new_form() }), Some(SurveyError::AreaRequired));
    assert_eq!(
        n(NewSurveyForm { name: " ".into(), ..new_form() }),
        Some(SurveyError::NameRequired)
    );
    assert_eq!(
        n(NewSurveyForm { end: "2026-09-30".into(), ..new_form() }),
        Some(SurveyError::EndBeforeStart)
    );
    assert_eq!(
        n(NewSurveyForm { start: "2026-02-30".into(), ..new_form() }),
        Some(SurveyError::BadDate)
    );
    assert_eq!(
        n(NewSurveyForm { topics: vec![], ..new_form() }),
        Some(SurveyError::TopicsRequired)
    );
    for bad in ["0", "101", "5.5", "x"] {
        assert_eq!(
            n(NewSurveyForm { sample_pct: bad.into(), ..new_form() }),
            Some(SurveyError::BadSamplePct)
        );
    }
    let t = [SurveyTopic::Cleaning];
    let e = |f: AnswerForm| answer_edits(&id(500), &id(1), &t, &f, &a).err();
    assert_eq!(
        e(AnswerForm { outcome: None, ..answered(&[]) }),
        Some(SurveyError::OutcomeRequired)
    );
    assert_eq!(e(AnswerForm { method: None, ..answered(&[]) }), Some(SurveyError::MethodRequired));
    assert_eq!(e(answered(&[])), Some(SurveyError::ScoreRequired));
    // A score of a topic the survey does not ask is no score.
    let other = [(SurveyTopic::Housing, Satisfaction::Satisfied)];
    assert_eq!(e(answered(&other)), Some(SurveyError::ScoreRequired));
    let refused = AnswerForm { outcome: Some(SurveyOutcome::Refused), ..answered(&[]) };
    assert_eq!(e(refused), None, "a refusal scores nothing");
}

#[test]
fn the_server_refuses_a_bad_sample_share() {
    let mut d = device(Role::Office, None);
    start_round(&mut d);
    let edit = crate::sync::FieldEdit::new(kind::SURVEY, &id(500), field::SAMPLE_PCT, json!(0));
    assert!(d.push(vec![edit]).contains(&RejectCode::BadValue));
    let edit = crate::sync::FieldEdit::new(
        kind::SURVEY_ANSWER,
        &answer_id(&id(500), &id(1)),
        field::OUTCOME,
        json!("maybe"),
    );
    assert!(d.push(vec![edit]).contains(&RejectCode::BadValue));
}

#[test]
fn sample_list_and_results_on_a_hand_counted_fixture() {
    let mut d = device(Role::Office, None);
    start_round(&mut d);
    let topics = [SurveyTopic::Security, SurveyTopic::Cleaning];
    let office = actor(Role::Office);
    let sat = Satisfaction::Satisfied;
    let both = answered(&[
        (SurveyTopic::Cleaning, sat),
        (SurveyTopic::Security, Satisfaction::Dissatisfied),
    ]);
    let paper = AnswerForm { method: Some(SurveyMethod::Paper), ..both };
    assert_eq!(d.push(answer_edits(&id(500), &id(1), &topics, &paper, &office).unwrap()), []);
    let not_home = AnswerForm { outcome: Some(SurveyOutcome::NotHome), ..answered(&[]) };
    assert_eq!(d.push(answer_edits(&id(500), &id(2), &topics, &not_home, &office).unwrap()), []);
    let state = &d.server.state;
    let facts = SurveyFacts::of(state, 0);
    let survey = facts.survey(&id(500)).unwrap().clone();
    let rows = sample_rows(state, &facts, &survey, 0);
    let units: Vec<&RecordId> = rows.iter().map(|r| &r.unit).collect();
    assert_eq!(
        units,
        vec![&id(2), &id(3), &id(1)],
        "to ask first (the vacant 104 is none), done last"
    );
    assert_eq!(rows[2].method, Some(SurveyMethod::Paper));
    let list = survey_rows(state, &facts, 0, &Settings::DEFAULT);
    assert_eq!(list.len(), 2);
    let v = results_view(state, &facts, &survey, &Settings::DEFAULT);
    let r = &v.this.now;
    assert_eq!((r.sample, r.approached, r.handed_out, r.returned), (3, 1, 1, 1));
    assert_eq!(r.topic(SurveyTopic::Cleaning).permille(), Some(1000));
    assert_eq!(r.topic(SurveyTopic::Security).permille(), Some(0));
    assert_eq!(r.raw_permille(), Some(500));
    assert_eq!(v.areas.len(), 2, "both areas of the round");
    assert!(v.this.previous.is_none());
    assert!(results_workbook(&v, Lang::En).is_ok_and(|b| b.starts_with(b"PK")));
}
