//! The model server runs the real server's scope rules (`shared::scope`, read from each
//! kind's declaration): a butler of one area pushing to another area's record, or tying their
//! record to one there, is refused `out_of_scope` and nothing of the foreign record changes.

use serde_json::{json, Value};
use shared::names::{field, kind};
use shared::protocol::{Batch, PushRequest};
use shared::schema::SCHEMA_VERSION;
use shared::scope::Scope;
use shared::testing::{ModelServer, Rules};
use shared::{Change, Hlc, Kind, RecordId, RejectCode, ReplicaId, Role};

const T: u64 = 1_700_000_000_000;
const EAST: &str = "0190f0a0-0000-7000-8000-0000000000e1";
const WEST: &str = "0190f0a0-0000-7000-8000-0000000000e2";

fn id(n: u32) -> RecordId {
    RecordId(format!("0190f0a0-0000-7000-8000-{n:012}"))
}

fn push(
    m: &mut ModelServer,
    replica: &str,
    seq: u64,
    changes: &[(&str, &RecordId, &str, Value)],
) -> Vec<RejectCode> {
    let changes = changes
        .iter()
        .enumerate()
        .map(|(i, (k, id, f, v))| Change {
            kind: Kind::new(k),
            id: (*id).clone(),
            field: (*f).into(),
            value: v.clone(),
            hlc: Hlc::new(T + seq * 10 + i as u64, 0),
            replica: ReplicaId::from(replica),
            prev: None,
        })
        .collect();
    let req = PushRequest {
        replica: ReplicaId::from(replica),
        schema: SCHEMA_VERSION,
        batches: vec![Batch { seq, changes }],
        history: None,
        rebase_from: None,
    };
    m.push(&req, T + 1_000, None).expect("admitted").rejections.iter().map(|r| r.code).collect()
}

#[test]
fn a_butler_of_one_area_is_refused_another_areas_records() {
    let mut m = ModelServer::new(Rules::Server(Role::Butler));
    m.scopes.insert(ReplicaId::from("east-tablet"), Scope::Area(EAST.into()));
    let (west_request, west_unit, west_building) = (id(1), id(2), id(3));
    // The whole model (no scope given) sets the scene: a unit of the west with a request.
    let scene = [
        (kind::BUILDING, &west_building, field::AREA, json!(WEST)),
        (kind::UNIT, &west_unit, field::BUILDING, json!(west_building.0)),
        (kind::REQUEST, &west_request, field::UNIT, json!(west_unit.0)),
        (kind::REQUEST, &west_request, field::DESCRIPTION, json!("漏水")),
    ];
    m.rules = Rules::Server(Role::Office);
    assert!(push(&mut m, "office", 1, &scene).is_empty());
    m.rules = Rules::Server(Role::Butler);
    let before = m.state.clone();
    let foreign = [(kind::REQUEST, &west_request, field::DESCRIPTION, json!("改了"))];
    assert_eq!(push(&mut m, "east-tablet", 1, &foreign), [RejectCode::OutOfScope]);
    // Its own new request tied to the west's unit, or a round in the west: refused too.
    let mine = id(4);
    let tie = [(kind::REQUEST, &mine, field::UNIT, json!(west_unit.0))];
    assert_eq!(push(&mut m, "east-tablet", 2, &tie), [RejectCode::OutOfScope]);
    let round = [(kind::PATROL_ROUND, &id(5), field::AREA, json!(WEST))];
    assert_eq!(push(&mut m, "east-tablet", 3, &round), [RejectCode::OutOfScope]);
    assert!(m.state == before, "nothing of a foreign record is written");
    // Inside its area it writes freely, and the west's tablet may not touch that.
    let east_round = id(6);
    let own = [(kind::PATROL_ROUND, &east_round, field::AREA, json!(EAST))];
    assert!(push(&mut m, "east-tablet", 4, &own).is_empty());
    m.scopes.insert(ReplicaId::from("west-tablet"), Scope::Area(WEST.into()));
    let note = [(kind::PATROL_ROUND, &east_round, field::NOTE, json!("x"))];
    assert_eq!(push(&mut m, "west-tablet", 1, &note), [RejectCode::OutOfScope]);
    assert!(push(&mut m, "east-tablet", 5, &note).is_empty());
}
