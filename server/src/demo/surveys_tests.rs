//! The demo's surveys read as the app reads them: in every area last quarter's survey is
//! complete and this quarter's under way, and the results set one against the other.
use super::*;
use shared::replica::ReplicaState;
use shared::request::deadline::Settings;
use shared::survey::facts::SurveyFacts;
use shared::{schema, Change, Hlc, Kind, ReplicaId};

/// 2026-12-01 00:00 in China.
const NOW: i64 = 1_796_054_400_000;

fn replica(p: &super::super::Plan) -> ReplicaState {
    let mut s = ReplicaState::new();
    let mut n = 0;
    let mut put = |kind: &str, id: &RecordId, fields: Vec<(&str, Value)>| {
        for (f, value) in fields.into_iter().filter(|(_, v)| !v.is_null()) {
            n += 1;
            let change = Change {
                kind: Kind::new(kind),
                id: id.clone(),
                field: f.to_owned(),
                value,
                hlc: Hlc::new(n, 0),
                replica: ReplicaId::server(),
                prev: None,
            };
            schema::validate(&change).unwrap_or_else(|e| panic!("{kind}.{f}: {e}"));
            s.apply(&change);
        }
    };
    let area = |a: usize| json!(demo_id(&format!("area-{a}")));
    for b in &p.buildings {
        put(kind::BUILDING, &b.id, vec![(field::AREA, area(b.area))]);
    }
    for u in &p.units {
        put(kind::UNIT, &u.id, vec![(field::BUILDING, json!(p.buildings[u.building].id))]);
    }
    for l in &p.register.links {
        let to = l.to.map_or(Value::Null, |t| json!(t));
        put(
            kind::UNIT_PERSON,
            &l.id,
            vec![(field::UNIT, json!(p.units[l.unit].id)), (field::TO, to)],
        );
    }
    for (kind, id, fields) in records(p, NOW) {
        put(kind, &id, fields);
    }
    s
}

#[test]
fn every_area_has_last_quarter_complete_and_this_quarter_under_way() {
    let p = super::super::plan(super::super::DemoSize::default());
    let s = replica(&p);
    let facts = SurveyFacts::of(&s, NOW);
    assert_eq!(facts.surveys.len(), 2 * p.areas);
    for area in 0..p.areas {
        let this = facts.survey(&demo_id(&format!("survey-{area}-this"))).expect("this quarter");
        let last = facts.previous(this).expect("last quarter");
        assert_eq!(last.id, demo_id(&format!("survey-{area}-last")));
        let now = facts.results_of(this, &Settings::DEFAULT);
        let before = facts.results_of(last, &Settings::DEFAULT);
        assert!(before.sample > 10, "area {area}: {} households drawn", before.sample);
        // Last quarter: every drawn household asked (complainants aside), most answered.
        assert!(before.coverage_permille().unwrap() >= 850, "{before:?}");
        assert!(before.return_permille().unwrap() >= 850, "{before:?}");
        // This quarter: about half answered, some refused or not home, some to ask.
        assert!(now.returned * 3 >= now.sample && now.returned * 3 <= now.sample * 2, "{now:?}");
        assert!(now.handed_out > now.returned);
        let sample = facts.sample_of(this);
        let answered: Vec<_> = facts.answers_of(&this.id).into_iter().map(|a| a.unit).collect();
        assert!(sample.iter().any(|e| !answered.contains(&e.unit)), "some still to ask");
        for t in SurveyTopic::ALL {
            assert!(now.topic(*t).scored > 0 && before.topic(*t).scored > 0);
        }
        assert!(now.raw_permille().unwrap() > 700 && before.raw_permille().unwrap() > 600);
    }
}
