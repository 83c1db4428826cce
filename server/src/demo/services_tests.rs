//! The demo's paid services and keys: valid, in order, every stage in every area, revenue
//! in three months, keys in custody, out and overdue.
use super::*;
use shared::fields::Fields;
use shared::keys::{self, KeyState};
use shared::lww::FieldState;
use shared::service::{self, Stage};
use shared::{schema, Hlc, ReplicaId, ReplicaState};
use std::collections::{BTreeSet, HashSet};

#[test]
fn every_area_has_orders_in_each_stage_and_keys_in_custody() {
    let p = super::super::plan(super::super::DemoSize::default());
    let now = 1_796_054_400_000;
    let records = records(&p, now, 51);
    let mut state = ReplicaState::new();
    let mut seen: HashSet<RecordId> = HashSet::new();
    for (kind, id, values) in &records {
        for (field, value) in values.iter().filter(|(_, v)| !v.is_null()) {
            let change = crate::sync::server_change(kind, id, field, value.clone(), Hlc::new(1, 0));
            schema::validate(&change).unwrap_or_else(|e| panic!("{kind}.{field}: {e}"));
            state.apply(&change);
        }
        let mut f = Fields::new();
        for (name, value) in values {
            let st = FieldState {
                value: value.clone(),
                hlc: Hlc::new(1, 0),
                replica: ReplicaId::from("demo"),
                prev: None,
            };
            f.insert((*name).to_owned(), st);
        }
        for parent in [field::REQUEST, field::KEY_DEPOSIT] {
            if let Some(r) = f.reference(parent) {
                assert!(seen.contains(&r), "{kind} before its {parent}");
            }
        }
        if *kind == kind::SERVICE_ORDER {
            assert_eq!(service::payment_blocker(&f), None, "the demo keeps the rules");
        }
        seen.insert(id.clone());
    }
    assert_eq!(state.records_of(kind::SERVICE_PRICE).count(), 10);
    assert_eq!(state.records_of(kind::REQUEST).count(), request_count(&p));
    assert_eq!(request_count(&p), p.areas * PAID_SERVICE_REQUESTS_PER_AREA);
    // Every stage in every area (orders per area are consecutive, seven each).
    let orders: Vec<Stage> =
        state.records_of(kind::SERVICE_ORDER).map(|(_, f)| service::stage(f)).collect();
    let stages: BTreeSet<Stage> = orders.iter().copied().collect();
    assert_eq!(stages.len(), Stage::ALL.len());
    for (_, f) in state.records_of(kind::REQUEST) {
        let n = f.text(field::NUMBER).unwrap();
        assert!(service::receipt_no(n).starts_with("SF-A"), "{n}");
    }
    let revenue = service::revenue(state.records_of(kind::SERVICE_ORDER).map(|(_, f)| f), 480);
    let months: BTreeSet<&str> = revenue.iter().map(|r| r.month.as_str()).collect();
    assert_eq!(months.len(), 3, "{months:?}");
    let (deposits, moves) = keys::read_all(&state, 4);
    let states: Vec<KeyState> = deposits.iter().map(|d| keys::state(now, d, &moves)).collect();
    for s in [KeyState::InCustody, KeyState::Out, KeyState::Ended, KeyState::Overdue] {
        assert!(states.contains(&s), "{s:?}");
    }
    assert_eq!(keys::overdue(now, &deposits, &moves).len(), 1);
    assert_eq!(deposits.len(), 3 * p.areas + 1);
}
